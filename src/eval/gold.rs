//! Gold data: the span JSONL files of `shared/data/` and the graph gold `seeds.gold.json`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{DueeDocument, EvalError};
use crate::annotate::Annotation;

/// One labelled sentence of a span data set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanGold {
    /// Sentence id, unique within its file.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// Labelled entity mentions (code-point offsets, end exclusive).
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    /// Labelled relations, in the data set's own vocabulary.
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

/// A labelled entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldEntity {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Common type (`person`, `company`, …, `other`).
    #[serde(rename = "type")]
    pub kind: String,
    /// The data set's own label (`NAME`, `CONT`, …).
    #[serde(default)]
    pub label: String,
    /// The mention as it stands in the text.
    pub text: String,
}

/// A labelled relation between two argument strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldRelation {
    /// The first argument.
    pub head: GoldArgument,
    /// The second argument.
    pub tail: GoldArgument,
    /// The data set's own label (`董事长`, `合作`, …).
    #[serde(rename = "type")]
    pub kind: String,
}

/// A relation argument. Its offsets are absent when the string occurs more than once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldArgument {
    /// First code point, if the occurrence is unique.
    pub start: Option<usize>,
    /// One past the last code point, if the occurrence is unique.
    pub end: Option<usize>,
    /// The argument string.
    pub text: String,
    /// Every `[start, end]` occurrence when the offsets are absent.
    #[serde(default)]
    pub candidates: Vec<(usize, usize)>,
}

/// The graph-level gold of the seed documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeedGold {
    /// Corpus file names, in order.
    pub documents: Vec<String>,
    /// Gold entities with their surface forms and documents.
    pub entities: Vec<SeedEntity>,
    /// Gold facts, one per document that states them.
    pub relations: Vec<SeedRelation>,
    /// The annotators' judgement calls.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// A gold entity of the seed graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeedEntity {
    /// Entity type (`company`, `organization`, `person`, `location`, `agreement`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Other surface forms of the same referent.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Documents with a standalone mention.
    #[serde(default)]
    pub docs: Vec<String>,
}

/// A gold fact of the seed graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeedRelation {
    /// Canonical subject name.
    pub subject: String,
    /// Canonical object name, or a literal (stock code) for `listed_as`.
    pub object: String,
    /// Relation type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Key attributes (`title`, `role`, `term`, …).
    #[serde(default)]
    pub attrs: BTreeMap<String, String>,
    /// The document stating the fact.
    pub doc: String,
    /// A short quote from the document.
    #[serde(default)]
    pub evidence: String,
    /// Whether the text states the fact outright.
    pub confidence: Confidence,
}

/// How directly a gold fact is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// The text states the relation.
    Explicit,
    /// The relation follows from context.
    Implied,
}

/// Reads a span JSONL gold file; blank lines are skipped.
pub fn load_spans(path: &Path) -> Result<Vec<SpanGold>, EvalError> {
    load_jsonl(path)
}

/// Reads a DuEE-fin JSONL file (documents with their events); blank lines are skipped.
pub fn load_duee(path: &Path) -> Result<Vec<DueeDocument>, EvalError> {
    load_jsonl(path)
}

/// Reads `kgx annotate` output (one [`Annotation`] per line), e.g. to score saved predictions.
pub fn load_annotations(path: &Path) -> Result<Vec<Annotation>, EvalError> {
    load_jsonl(path)
}

/// Reads a seeds graph gold file.
pub fn load_seeds(path: &Path) -> Result<SeedGold, EvalError> {
    let text = read(path)?;
    serde_json::from_str(&text).map_err(|e| EvalError::parse(path, e.line(), &e))
}

/// Reads a file as UTF-8.
pub(crate) fn read(path: &Path) -> Result<String, EvalError> {
    fs::read_to_string(path).map_err(|e| EvalError::io(path, e))
}

fn load_jsonl<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, EvalError> {
    let text = read(path)?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| serde_json::from_str(line).map_err(|e| EvalError::parse(path, i + 1, &e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_line_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.jsonl");
        let good = r#"{"id":"a","text":"张三","entities":[],"relations":[]}"#;
        fs::write(&path, format!("{good}\n\n{{\"id\":\"b\"}}\n")).unwrap();
        let err = load_spans(&path).unwrap_err().to_string();
        assert!(err.contains("g.jsonl:3:"), "{err}");
        assert!(err.contains("missing field `text`"), "{err}");
    }

    #[test]
    fn relation_arguments_may_lack_offsets() {
        let line = r#"{"id":"x","text":"甲乙甲","entities":[],"relations":[{"head":{"start":null,"end":null,"text":"甲","candidates":[[0,1],[2,3]]},"tail":{"start":1,"end":2,"text":"乙"},"type":"合作","head_type":"企业"}]}"#;
        let gold: SpanGold = serde_json::from_str(line).unwrap();
        let head = &gold.relations[0].head;
        assert_eq!((head.start, head.candidates.len()), (None, 2));
    }
}
