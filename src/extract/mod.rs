//! Runs a compiled rule pack over normalised text: entity rules give mentions, alias rules give in-document
//! short names, relation rules give facts. Knows nothing of graphs or files.
//!
//! Offsets here are byte offsets into the normalised text ([`crate::document::NormalizedText::as_str`]).

mod entities;
mod relations;

use std::collections::BTreeMap;
use std::ops::Range;

use crate::rules::RulePack;
use crate::segment::{self, Tokenizer};

pub use entities::{Candidate, PROPAGATED};
pub use relations::Encoded;

/// A typed span of text found by an entity rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the normalised text.
    pub span: Range<usize>,
    /// Entity type.
    pub kind: String,
    /// Index of the sentence holding it.
    pub sentence: usize,
    /// Id of the rule that produced it.
    pub rule: String,
    /// Name given by a lexicon entry or a definition, when the mention is one of its aliases.
    pub canonical: Option<String>,
    /// The mention stands for the document's main entity of its type (集团, 本公司).
    pub refers_to_subject: bool,
    /// The mention names an unnamed thing that must not merge with others.
    pub untitled: bool,
    /// The mention marks where a relation rule implies the document's main entity (`implied`): its
    /// text is no name and it is no mention of the text's; it refers to the subject like a reference word.
    /// Also set on a counterpart (not referring to the subject): the body a relation type's object
    /// constraint sends a fact to instead of the written one, named by its `canonical`.
    pub implied: bool,
    /// The mention is the bare name of a body of a place (市委, 区政府: its rule is `scoped`): it is
    /// named from the document's main place of the level it starts with, and is no name of its own.
    pub scoped: bool,
    /// A `subject_cue` rule proposed this mention, or a mention of its type overlapping it (the rule
    /// that read 星河电子(300999) lost the span to a lexicon rule): the document is about its entity.
    pub cue: bool,
}

/// A short name defined in the document for a full name (`（以下简称“X”）`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentAlias {
    /// The short name, as matched.
    pub alias: String,
    /// Index of the mention of the full name.
    pub full: usize,
    /// Id of the alias rule.
    pub rule: String,
    /// The definition written after the full name (`(以下简称“北铜”)`), as a byte range of the normalised
    /// text: relation patterns read past it, so 甲(以下简称“公司”)全资子公司乙 reads as 甲全资子公司乙.
    pub definition: Range<usize>,
}

/// A relation between two mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// Relation type.
    pub relation: String,
    /// Index of the subject mention.
    pub subject: usize,
    /// Index of the object mention.
    pub object: usize,
    /// Attributes (key ones and others).
    pub attrs: BTreeMap<String, String>,
    /// Whether the relation is symmetric.
    pub symmetric: bool,
    /// Index of the sentence it was read from.
    pub sentence: usize,
    /// Id of the rule that produced it.
    pub rule: String,
}

/// Everything the rules found in one text.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Sentence byte ranges.
    pub sentences: Vec<Range<usize>>,
    /// Mentions, sorted by position.
    pub mentions: Vec<Mention>,
    /// In-document alias definitions.
    pub aliases: Vec<DocumentAlias>,
    /// Facts, in sentence order.
    pub facts: Vec<Fact>,
    /// Sentences longer than [`segment::MAX_SENTENCE_CHARS`] and the cuts made in them (see
    /// [`segment::split`]): the document's warnings say so.
    pub long_sentences: (usize, usize),
}

/// An [`Extraction`] with the candidates its mentions were chosen from.
#[derive(Debug, Clone, Default)]
pub struct TracedExtraction {
    /// What the rules found.
    pub extraction: Extraction,
    /// Per sentence, every entity candidate (rule, propagated name and document alias) among which the
    /// overlaps were last settled; the kept mentions are those of `extraction`.
    pub candidates: Vec<Vec<Candidate>>,
}

/// Which rules to run: all, or one named rule (for examples and explain).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleFilter<'a> {
    /// Every rule of the pack.
    All,
    /// Every entity and alias rule, and only this relation rule.
    OnlyRelation(&'a str),
}

/// The extractor: a compiled rule pack and one tokenizer, built once and shared by every thread.
pub struct Extractor {
    pack: RulePack,
    tokenizer: Tokenizer,
}

impl Extractor {
    /// Builds the extractor; lexicon forms become tokenizer user words so POS constraints see whole names.
    pub fn new(pack: RulePack) -> Extractor {
        let words: Vec<&str> = pack
            .lexicons
            .values()
            .flat_map(|lexicon| lexicon.forms().map(|(form, _)| form))
            .filter(|form| form.chars().count() > 1)
            .collect();
        let tokenizer = Tokenizer::new(words.into_iter().map(|word| (word, None)));
        Extractor { pack, tokenizer }
    }

    /// The compiled rule pack.
    pub fn pack(&self) -> &RulePack {
        &self.pack
    }

    /// Runs every rule over a normalised text.
    pub fn extract(&self, text: &str) -> Extraction {
        self.extract_with(text, RuleFilter::All)
    }

    /// Runs the selected rules over a normalised text.
    pub fn extract_with(&self, text: &str, filter: RuleFilter<'_>) -> Extraction {
        self.run(text, filter).extraction
    }

    /// Runs every rule over a normalised text and keeps the entity candidates the mentions were chosen
    /// from, for telling what each rule proposed from what it kept (rule statistics).
    pub fn extract_traced(&self, text: &str) -> TracedExtraction {
        self.run(text, RuleFilter::All)
    }

    fn run(&self, text: &str, filter: RuleFilter<'_>) -> TracedExtraction {
        let segment::Sentences {
            ranges: sentences,
            long,
            cuts,
        } = segment::split(text);
        let mut candidates: Vec<Vec<Candidate>> = sentences
            .iter()
            .enumerate()
            .map(|(index, range)| {
                entities::candidates(
                    &self.pack,
                    &self.tokenizer,
                    text,
                    range.clone(),
                    index,
                    None,
                )
            })
            .collect();
        let mut mentions = entities::resolve_overlaps(&candidates);
        entities::add_propagated_candidates(
            &self.pack,
            text,
            &sentences,
            &mentions,
            &mut candidates,
        );
        mentions = entities::resolve_overlaps(&candidates);
        let aliases = relations::document_aliases(&self.pack, text, &sentences, &mentions);
        if !aliases.is_empty() {
            entities::add_alias_candidates(
                &self.tokenizer,
                text,
                &sentences,
                &mentions,
                &aliases,
                &mut candidates,
            );
            mentions = entities::resolve_overlaps(&candidates);
        }
        let aliases = relations::document_aliases(&self.pack, text, &sentences, &mentions);
        let (facts, implied) =
            relations::facts(&self.pack, text, &sentences, &mentions, &aliases, filter);
        let (mentions, facts, aliases) = relations::with_implied(mentions, implied, facts, aliases);
        TracedExtraction {
            extraction: Extraction {
                sentences,
                mentions,
                aliases,
                facts,
                long_sentences: (long, cuts),
            },
            candidates,
        }
    }

    /// Candidates of one entity rule alone over a normalised text, before overlap resolution.
    pub fn entity_rule_candidates(&self, text: &str, rule: &str) -> Vec<Candidate> {
        segment::sentences(text)
            .into_iter()
            .enumerate()
            .flat_map(|(index, range)| {
                entities::candidates(&self.pack, &self.tokenizer, text, range, index, Some(rule))
            })
            .collect()
    }

    /// Sentence `sentence` of an extraction of `text`, with its mentions replaced by placeholders and its
    /// alias definitions left out: what relation patterns run over.
    pub fn encode(&self, text: &str, extraction: &Extraction, sentence: usize) -> Encoded {
        relations::encode_sentence(
            &self.pack,
            text,
            &extraction.sentences[sentence],
            &extraction.mentions,
            &relations::definitions(&extraction.aliases),
        )
    }

    /// jieba tokens of one sentence, for explain views.
    pub fn tokens(&self, sentence: &str) -> Vec<segment::Token> {
        self.tokenizer.tag(sentence)
    }
}
