//! The measuring interface: one text in, its mentions and facts out, with code-point offsets.
//!
//! `kgx annotate` and `kgx eval` speak this shape; it is also what the reference scorers in
//! `../shared/eval/` read. Offsets are Unicode code points into the text that was given, end exclusive.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One input line of `kgx annotate`.
#[derive(Debug, Clone, Deserialize)]
pub struct AnnotateInput {
    /// Caller's identifier, echoed back.
    pub id: serde_json::Value,
    /// The text to annotate.
    pub text: String,
}

/// One output line of `kgx annotate`: everything found in one text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Annotation {
    /// The caller's identifier.
    pub id: serde_json::Value,
    /// Entity mentions, sorted by start then end.
    pub entities: Vec<EntitySpan>,
    /// Facts between mentions.
    pub relations: Vec<RelationSpan>,
}

/// An entity mention in the given text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EntitySpan {
    /// First code point of the mention.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Entity type (`company`, `person`, …) as the rule pack names it.
    #[serde(rename = "type")]
    pub kind: String,
    /// The mention exactly as it stands in the text.
    pub text: String,
    /// Name of the graph node this mention resolves to.
    pub canonical: String,
    /// Id of the rule that produced the mention.
    pub rule: String,
}

/// An argument of a relation: a mention, without its rule.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ArgumentSpan {
    /// First code point of the argument.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The argument exactly as it stands in the text.
    pub text: String,
    /// Entity type of the argument.
    #[serde(rename = "type")]
    pub kind: String,
    /// Name of the graph node the argument resolves to.
    pub canonical: String,
}

/// A fact found in the text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RelationSpan {
    /// Relation type (`holds_position`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// The subject argument.
    pub subject: ArgumentSpan,
    /// The object argument.
    pub object: ArgumentSpan,
    /// Key attributes such as `title`.
    pub attrs: BTreeMap<String, String>,
    /// Id of the rule that produced the fact.
    pub rule: String,
}
