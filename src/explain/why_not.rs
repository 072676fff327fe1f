//! Tracing one rule through the sentences of a document: did it fire, was it overruled, and if it found
//! nothing, how far its pattern got.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use super::ExplainError;
use super::prefix::Prefixes;
use crate::extract::{Candidate, Encoded};
use crate::pipeline::{Analysis, Pipeline};
use crate::rules::{EntityMatcher, EntityRule};

/// What the traced rule did in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RuleTrace {
    /// The rule produced this many mentions, aliases or facts here.
    Fired {
        /// How many.
        count: usize,
    },
    /// The entity rule proposed mentions here, but each lost an overlap to a kept mention.
    Overruled {
        /// The losing candidates and what beat them.
        lost: Vec<Overruled>,
    },
    /// The rule produced nothing here.
    NotFired(WhyNot),
}

/// A candidate of the traced entity rule that lost an overlap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overruled {
    /// The candidate's text.
    pub candidate: String,
    /// The kept mention overlapping it.
    pub winner: String,
    /// The rule that found the kept mention.
    pub winner_rule: String,
}

/// Why a rule produced nothing in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhyNot {
    /// What the rule ran over: the sentence, or for relation and alias rules the encoded sentence with each
    /// mention shown as `[type:text]`.
    pub input: String,
    /// The finding.
    pub diagnosis: Diagnosis,
}

/// How far a rule got in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Diagnosis {
    /// A pattern rule: the longest prefix of its top-level pieces that matches somewhere.
    Prefix {
        /// Number of top-level pieces of the pattern.
        pieces: usize,
        /// Number of leading pieces that match together.
        matched: usize,
        /// The last matching piece.
        #[serde(skip_serializing_if = "Option::is_none")]
        last_matched: Option<String>,
        /// What the matching prefix matched (mentions as `[type:text]`).
        #[serde(skip_serializing_if = "Option::is_none")]
        matched_text: Option<String>,
        /// The first piece that does not match.
        #[serde(skip_serializing_if = "Option::is_none")]
        stopped_at: Option<StoppedAt>,
        /// Why a whole match still produced nothing.
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A lexicon rule: the first lexicon form found, if any (then the rule's constraints dropped it).
    Lexicon {
        /// The form found.
        found: Option<String>,
    },
    /// A part-of-speech rule: no token carries a wanted tag; the sentence's tokens as `word/tag`.
    Tokens {
        /// The wanted tags.
        tags: Vec<String>,
        /// The sentence's tokens.
        tokens: Vec<String>,
    },
}

/// The first piece of a pattern that does not match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoppedAt {
    /// 1-based piece number.
    pub piece: usize,
    /// The piece as written in the expanded pattern (placeholders shown as `‹type›`).
    pub pattern: String,
}

/// Which kind of rule is traced.
enum Traced<'p> {
    Entity(&'p EntityRule),
    Alias,
    Relation,
}

/// A rule prepared for tracing through one analysed document.
pub(super) struct Tracer<'a, 'd> {
    pipeline: &'a Pipeline,
    analysis: &'a Analysis<'d>,
    id: &'a str,
    traced: Traced<'a>,
    prefixes: Option<Prefixes>,
    candidates: Vec<Candidate>,
    placeholders: BTreeMap<char, String>,
}

impl<'a, 'd> Tracer<'a, 'd> {
    /// Finds the rule and prepares its pattern prefixes.
    pub(super) fn new(
        pipeline: &'a Pipeline,
        analysis: &'a Analysis<'d>,
        id: &'a str,
    ) -> Result<Tracer<'a, 'd>, ExplainError> {
        let pack = pipeline.pack();
        let (traced, pattern) = if let Some(rule) = pack.entity_rules.iter().find(|r| r.id == id) {
            let pattern = match &rule.matcher {
                EntityMatcher::Regex(regex) => Some(regex.as_str()),
                EntityMatcher::Lexicon { .. } | EntityMatcher::Tokens => None,
            };
            (Traced::Entity(rule), pattern)
        } else if let Some(rule) = pack.alias_rules.iter().find(|r| r.id == id) {
            (Traced::Alias, Some(rule.regex.as_str()))
        } else if let Some(rule) = pack.relation_rules.iter().find(|r| r.id == id) {
            (Traced::Relation, Some(rule.regex.as_str()))
        } else {
            return Err(ExplainError::UnknownRule(id.to_string()));
        };
        let prefixes =
            pattern
                .map(Prefixes::new)
                .transpose()
                .map_err(|reason| ExplainError::Pattern {
                    rule: id.to_string(),
                    reason,
                })?;
        let candidates = match traced {
            Traced::Entity(_) => pipeline
                .extractor()
                .entity_rule_candidates(analysis.document.text.as_str(), id),
            Traced::Alias | Traced::Relation => Vec::new(),
        };
        let placeholders = pack
            .entity_types
            .iter()
            .flat_map(|(name, kind)| {
                [
                    (kind.placeholder, name.clone()),
                    (kind.reference_placeholder, format!("@{name}")),
                ]
            })
            .collect();
        Ok(Tracer {
            pipeline,
            analysis,
            id,
            traced,
            prefixes,
            candidates,
            placeholders,
        })
    }

    /// What the rule did in sentence `index` (0-based).
    pub(super) fn trace(&self, index: usize) -> RuleTrace {
        let count = self.fired(index);
        if count > 0 {
            return RuleTrace::Fired { count };
        }
        match self.traced {
            Traced::Entity(rule) => {
                let lost = self.overruled(index);
                if lost.is_empty() {
                    RuleTrace::NotFired(self.entity_why_not(rule, index))
                } else {
                    RuleTrace::Overruled { lost }
                }
            }
            Traced::Alias | Traced::Relation => RuleTrace::NotFired(self.encoded_why_not(index)),
        }
    }

    /// How many mentions, aliases or facts the rule produced in the sentence.
    fn fired(&self, index: usize) -> usize {
        let extraction = &self.analysis.extraction;
        match self.traced {
            Traced::Entity(_) => extraction
                .mentions
                .iter()
                .filter(|m| m.sentence == index && m.rule == self.id)
                .count(),
            Traced::Alias => extraction
                .aliases
                .iter()
                .filter(|a| a.rule == self.id && extraction.mentions[a.full].sentence == index)
                .count(),
            Traced::Relation => extraction
                .facts
                .iter()
                .filter(|f| f.sentence == index && f.rule == self.id)
                .count(),
        }
    }

    /// Candidates of the entity rule in the sentence and the kept mentions that beat them.
    fn overruled(&self, index: usize) -> Vec<Overruled> {
        let mentions = &self.analysis.extraction.mentions;
        self.candidates
            .iter()
            .filter(|candidate| candidate.mention.sentence == index)
            .filter_map(|candidate| {
                let span = &candidate.mention.span;
                let winner = mentions
                    .iter()
                    .find(|m| m.span.start < span.end && span.start < m.span.end)?;
                Some(Overruled {
                    candidate: self.analysis.surface(span),
                    winner: self.analysis.surface(&winner.span),
                    winner_rule: winner.rule.clone(),
                })
            })
            .collect()
    }

    fn entity_why_not(&self, rule: &EntityRule, index: usize) -> WhyNot {
        let range = &self.analysis.extraction.sentences[index];
        let body = &self.analysis.document.text.as_str()[range.clone()];
        let diagnosis = match &rule.matcher {
            EntityMatcher::Regex(_) => self.prefix_diagnosis(body, |span| body[span].to_string(), || {
                "the whole pattern matches, but the rule's pos, exclude or trim_left constraints dropped every match".to_string()
            }),
            EntityMatcher::Lexicon { automaton, .. } => Diagnosis::Lexicon {
                found: automaton.find(body).map(|m| body[m.range()].to_string()),
            },
            EntityMatcher::Tokens => Diagnosis::Tokens {
                tags: rule.pos.clone(),
                tokens: self
                    .pipeline
                    .extractor()
                    .tokens(body)
                    .iter()
                    .map(|token| format!("{}/{}", &body[token.start..token.end], token.pos))
                    .collect(),
            },
        };
        WhyNot {
            input: body.to_string(),
            diagnosis,
        }
    }

    fn encoded_why_not(&self, index: usize) -> WhyNot {
        let extraction = &self.analysis.extraction;
        let text = self.analysis.document.text.as_str();
        let encoded = self.pipeline.extractor().encode(text, extraction, index);
        let render = |span: Range<usize>| self.render(&encoded, span);
        let mentions = extraction
            .mentions
            .iter()
            .filter(|m| m.sentence == index)
            .count();
        let note = move || {
            match self.traced {
            Traced::Relation if mentions < 2 => {
                "the whole pattern matches, but relation rules only run on sentences with two or more mentions".to_string()
            }
            Traced::Relation => {
                "the whole pattern matches, but its subject and object slots give no two distinct mentions".to_string()
            }
            Traced::Alias | Traced::Entity(_) => {
                "the whole pattern matches, but the short name is empty or the full name itself".to_string()
            }
        }
        };
        WhyNot {
            input: render(0..encoded.text.len()),
            diagnosis: self.prefix_diagnosis(&encoded.text, render, note),
        }
    }

    /// The longest matching prefix of the rule's pattern in `input`.
    fn prefix_diagnosis(
        &self,
        input: &str,
        render: impl Fn(Range<usize>) -> String,
        note: impl FnOnce() -> String,
    ) -> Diagnosis {
        let Some(prefixes) = &self.prefixes else {
            return Diagnosis::Lexicon { found: None };
        };
        let found = prefixes.longest(input);
        let pieces = prefixes.len();
        Diagnosis::Prefix {
            pieces,
            matched: found.matched,
            last_matched: found
                .matched
                .checked_sub(1)
                .map(|last| self.readable(prefixes.piece(last))),
            matched_text: found.span.map(render),
            stopped_at: (found.matched < pieces).then(|| StoppedAt {
                piece: found.matched + 1,
                pattern: self.readable(prefixes.piece(found.matched)),
            }),
            note: (found.matched == pieces).then(note),
        }
    }

    /// A byte range of an encoded sentence with each placeholder shown as `[type:text]`.
    fn render(&self, encoded: &Encoded, span: Range<usize>) -> String {
        let text = self.analysis.document.text.as_str();
        let mentions = &self.analysis.extraction.mentions;
        let mut out = String::new();
        for (offset, c) in encoded.text[span.clone()].char_indices() {
            let at = span.start + offset;
            match encoded.mentions_in(at..at + 1).first() {
                Some(&mention) => {
                    let mention = &mentions[mention];
                    out.push_str(&format!(
                        "[{}:{}]",
                        mention.kind,
                        &text[mention.span.clone()]
                    ));
                }
                None => out.push(c),
            }
        }
        out
    }

    /// A pattern piece with placeholder characters shown as `‹type›`.
    fn readable(&self, piece: &str) -> String {
        piece
            .chars()
            .map(|c| match self.placeholders.get(&c) {
                Some(kind) => format!("‹{kind}›"),
                None => c.to_string(),
            })
            .collect()
    }
}
