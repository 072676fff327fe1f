//! Explain views: what the pipeline did with each sentence of a document (its mentions and facts) and, for
//! a chosen rule that did not fire in a sentence, how far its pattern got there ("why not").

mod prefix;
mod text;
mod why_not;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::pipeline::{Analysis, Pipeline};

pub use prefix::{PrefixMatch, Prefixes};
pub use why_not::{Diagnosis, Overruled, RuleTrace, StoppedAt, WhyNot};

/// What to explain.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    /// Only this sentence (1-based, as numbered in the output); `None`: every sentence.
    pub sentence: Option<usize>,
    /// Trace this rule in each shown sentence.
    pub rule: Option<&'a str>,
}

/// Why an explanation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExplainError {
    /// The requested sentence does not exist.
    #[error(
        "sentence {requested} is out of range: {document} has {count} sentences (numbered 1 to {count})"
    )]
    SentenceOutOfRange {
        /// Document id.
        document: String,
        /// The sentence number asked for.
        requested: usize,
        /// Number of sentences in the document.
        count: usize,
    },
    /// The rule pack has no rule with this id.
    #[error("the rule pack has no rule `{0}`")]
    UnknownRule(String),
    /// The rule's pattern could not be split into pieces.
    #[error("cannot analyse the pattern of rule `{rule}`: {reason}")]
    Pattern {
        /// Rule id.
        rule: String,
        /// What went wrong.
        reason: String,
    },
}

/// The explanation of a document.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// Document id.
    pub document: String,
    /// Number of sentences in the document.
    pub sentence_count: usize,
    /// The traced rule, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The explained sentences.
    pub sentences: Vec<SentenceView>,
}

/// One sentence: its text, mentions and facts, and the traced rule's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceView {
    /// 1-based sentence number.
    pub number: usize,
    /// The normalised sentence (what the rules match).
    pub text: String,
    /// Start of the sentence in code points of the decoded source document.
    pub source_start: usize,
    /// End (exclusive) of the sentence in code points of the decoded source document.
    pub source_end: usize,
    /// Mentions kept after overlaps were settled, in order.
    pub mentions: Vec<MentionView>,
    /// Facts read from the sentence.
    pub facts: Vec<FactView>,
    /// What the traced rule did here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<RuleTrace>,
}

/// A mention as explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionView {
    /// The mention as written in the source.
    pub text: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Rule that found it.
    pub rule: String,
    /// Canonical name of the entity it resolved to.
    pub canonical: String,
}

/// A fact as explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactView {
    /// Subject mention, as written.
    pub subject: String,
    /// Object mention, as written.
    pub object: String,
    /// Relation type.
    #[serde(rename = "type")]
    pub relation: String,
    /// Attributes.
    pub attrs: BTreeMap<String, String>,
    /// Rule that read it.
    pub rule: String,
}

/// Explains an analysed document with the pipeline that analysed it.
pub fn explain(
    pipeline: &Pipeline,
    analysis: &Analysis<'_>,
    request: Request<'_>,
) -> Result<Explanation, ExplainError> {
    let extraction = &analysis.extraction;
    let count = extraction.sentences.len();
    let numbers = match request.sentence {
        Some(number) if number == 0 || number > count => {
            return Err(ExplainError::SentenceOutOfRange {
                document: analysis.document.id.clone(),
                requested: number,
                count,
            });
        }
        Some(number) => number..number + 1,
        None => 1..count + 1,
    };
    let tracer = request
        .rule
        .map(|rule| why_not::Tracer::new(pipeline, analysis, rule))
        .transpose()?;
    let sentences = numbers
        .map(|number| {
            let mut view = sentence_view(analysis, number - 1);
            view.trace = tracer.as_ref().map(|tracer| tracer.trace(number - 1));
            view
        })
        .collect();
    Ok(Explanation {
        document: analysis.document.id.clone(),
        sentence_count: count,
        rule: request.rule.map(str::to_string),
        sentences,
    })
}

/// Mentions and facts of sentence `index` (0-based).
fn sentence_view(analysis: &Analysis<'_>, index: usize) -> SentenceView {
    let extraction = &analysis.extraction;
    let range = &extraction.sentences[index];
    let source = analysis.source_range(range);
    let mentions = extraction
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, mention)| mention.sentence == index)
        .map(|(at, mention)| MentionView {
            text: analysis.surface(&mention.span),
            kind: mention.kind.clone(),
            rule: mention.rule.clone(),
            canonical: analysis.resolution.names[at].clone(),
        })
        .collect();
    let written = |mention: usize| analysis.surface(&extraction.mentions[mention].span);
    let facts = extraction
        .facts
        .iter()
        .filter(|fact| fact.sentence == index)
        .map(|fact| FactView {
            subject: written(fact.subject),
            object: written(fact.object),
            relation: fact.relation.clone(),
            attrs: fact.attrs.clone(),
            rule: fact.rule.clone(),
        })
        .collect();
    SentenceView {
        number: index + 1,
        text: analysis.document.text.as_str()[range.clone()].to_string(),
        source_start: source.start,
        source_end: source.end,
        mentions,
        facts,
        trace: None,
    }
}

#[cfg(test)]
mod tests;
