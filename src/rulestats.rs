//! `kgx rules stats`: what each rule does on a corpus nobody labelled, in the manner of Snorkel's
//! labelling-function analysis — coverage (documents and sentences it fired in), firings, overlaps (another
//! rule proposed the same) and conflicts (another rule proposed something different for the same text),
//! and a reproducible random sample of its firings with their sentences.
//!
//! Entity rules fire candidates: each is kept or loses an overlap to a kept mention. Alias rules fire
//! definitions; their short names' occurrences are candidates like any other. Relation rules fire facts:
//! another rule's fact on the same two mentions either agrees (same type, direction and attributes) or
//! contradicts it. Mentions found again by propagation (`propagated:…`) and facts a hierarchy adds
//! (`hierarchy`) count under those ids. Every rule of the pack is listed, fired or not.

mod document;
mod render;
mod sample;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::annotate::AnnotateInput;
use crate::document::Document;
use crate::pipeline::{Pipeline, corpus_files};

pub use render::render_text;
pub use sample::Sample;

use document::{DocumentTally, RuleTally};

/// Options of [`rule_stats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsOptions {
    /// Firings sampled per rule.
    pub sample: usize,
    /// Seed of the sample: the same seed gives the same sample.
    pub seed: u64,
}

impl Default for StatsOptions {
    fn default() -> Self {
        StatsOptions { sample: 5, seed: 0 }
    }
}

/// What the rules did on a corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsReport {
    /// Documents read.
    pub documents: usize,
    /// Sentences in them.
    pub sentences: usize,
    /// Inputs that could not be read, with the reason.
    pub failed: Vec<FailedInput>,
    /// One row per rule, most firings first (then by id).
    pub rules: Vec<RuleStats>,
}

/// An input skipped: an unreadable document or a bad JSONL line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedInput {
    /// The file, or `file:line`.
    pub input: String,
    /// What went wrong.
    pub reason: String,
}

/// The kind of rule a row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// An entity rule (or propagated names of one).
    Entity,
    /// An alias rule.
    Alias,
    /// A relation rule (or the hierarchy's added facts).
    Relation,
}

/// What one rule did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleStats {
    /// Rule id.
    pub rule: String,
    /// Entity, alias or relation rule.
    pub kind: RuleKind,
    /// Documents it fired in.
    pub documents: usize,
    /// Sentences it fired in.
    pub sentences: usize,
    /// Candidates (entity rules), definitions (alias rules) or facts (relation rules).
    pub firings: usize,
    /// What became of its mention candidates (entity rules, and the occurrences of alias rules' short
    /// names).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentions: Option<MentionStats>,
    /// How its facts stand against other rules' facts (relation rules).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facts: Option<FactStats>,
    /// A random sample of its firings, in corpus order.
    pub samples: Vec<Sample>,
}

/// Mention candidates of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionStats {
    /// Kept as mentions.
    pub kept: usize,
    /// Lost an overlap to a kept mention.
    pub lost: usize,
    /// Also proposed by another rule: same span and type.
    pub agreed: usize,
    /// Overlapped by another rule's candidate of another span or type.
    pub conflicting: usize,
    /// The rules of the kept mentions its lost candidates overlapped, most often first.
    pub lost_to: Vec<RuleCount>,
    /// The rules whose candidates conflicted with its candidates (once per candidate), most often first.
    pub conflicts_with: Vec<RuleCount>,
}

/// Facts of one relation rule against the other rules' facts on the same two mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactStats {
    /// Facts another rule also produced.
    pub overlapping: usize,
    /// Facts another rule contradicted: same two mentions, another type, direction or attributes.
    pub contradicted: usize,
    /// The contradicting rules (once per fact), most often first.
    pub contradicted_by: Vec<RuleCount>,
}

/// A rule and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// Rule id.
    pub rule: String,
    /// How often.
    pub count: usize,
}

/// Why the corpus could not be read at all.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct StatsError {
    /// The corpus directory or JSONL file.
    pub path: PathBuf,
    /// What went wrong.
    pub source: std::io::Error,
}

/// One input of the corpus.
enum Input {
    /// A file of a corpus directory.
    File(PathBuf),
    /// A JSONL line: id and text.
    Text(String, String),
}

/// Runs the pipeline's extraction over every document of `corpus` — a directory read as `kgx extract`
/// reads it, or a JSONL file of `{"id", "text"}` lines read as `kgx annotate` reads them — and tallies
/// each rule. Documents are processed in parallel; the result does not depend on the thread count.
pub fn rule_stats(
    pipeline: &Pipeline,
    corpus: &Path,
    opts: StatsOptions,
) -> Result<StatsReport, StatsError> {
    let error = |source| StatsError {
        path: corpus.to_path_buf(),
        source,
    };
    let mut failed = Vec::new();
    let inputs = if corpus.is_dir() {
        let listing = corpus_files(corpus).map_err(error)?;
        failed.extend(listing.skipped.into_iter().map(|skipped| FailedInput {
            input: skipped.path,
            reason: skipped.reason,
        }));
        listing.files.into_iter().map(Input::File).collect()
    } else {
        let text = std::fs::read_to_string(corpus).map_err(error)?;
        jsonl_inputs(corpus, &text, &mut failed)
    };
    let per_document: Vec<Result<DocumentTally, FailedInput>> = inputs
        .par_iter()
        .enumerate()
        .map(|(index, input)| {
            let document = load(pipeline, input)?;
            Ok(document::tally(pipeline, &document, index, opts))
        })
        .collect();
    let mut documents = 0;
    let mut sentences = 0;
    let mut rules: BTreeMap<String, RuleTally> = BTreeMap::new();
    for result in per_document {
        match result {
            Ok(tally) => {
                documents += 1;
                sentences += tally.sentences;
                for (rule, counts) in tally.rules {
                    rules.entry(rule).or_default().add(counts, opts.sample);
                }
            }
            Err(failure) => failed.push(failure),
        }
    }
    Ok(StatsReport {
        documents,
        sentences,
        failed,
        rules: rows(pipeline, rules),
    })
}

/// The `{"id", "text"}` lines of a JSONL corpus; bad lines are recorded as failures.
fn jsonl_inputs(path: &Path, text: &str, failed: &mut Vec<FailedInput>) -> Vec<Input> {
    let mut inputs = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<AnnotateInput>(line) {
            Ok(input) => {
                let id = match input.id {
                    serde_json::Value::String(id) => id,
                    other => other.to_string(),
                };
                inputs.push(Input::Text(id, input.text));
            }
            Err(error) => failed.push(FailedInput {
                input: format!("{}:{}", path.display(), number + 1),
                reason: format!("{error} (expected {{\"id\": …, \"text\": \"…\"}})"),
            }),
        }
    }
    inputs
}

fn load(pipeline: &Pipeline, input: &Input) -> Result<Document, FailedInput> {
    match input {
        Input::File(path) => crate::document::load_file(path, &pipeline.pack().normalization)
            .map_err(|error| FailedInput {
                input: path.display().to_string(),
                reason: error.reason,
            }),
        Input::Text(id, text) => Ok(pipeline.text_document(id, text)),
    }
}

/// One row per rule of the pack (in pack order before sorting) and per other id that fired, most
/// firings first, then by id.
fn rows(pipeline: &Pipeline, mut tallies: BTreeMap<String, RuleTally>) -> Vec<RuleStats> {
    let pack = pipeline.pack();
    let declared = pack
        .entity_rules
        .iter()
        .map(|r| (r.id.as_str(), RuleKind::Entity))
        .chain(
            pack.alias_rules
                .iter()
                .map(|r| (r.id.as_str(), RuleKind::Alias)),
        )
        .chain(
            pack.relation_rules
                .iter()
                .map(|r| (r.id.as_str(), RuleKind::Relation)),
        );
    let mut rows = Vec::new();
    for (id, kind) in declared {
        let tally = tallies.remove(id).unwrap_or_default();
        rows.push(tally.into_stats(id, kind));
    }
    for (id, tally) in tallies {
        let kind = if tally.fired_facts() {
            RuleKind::Relation
        } else {
            RuleKind::Entity
        };
        rows.push(tally.into_stats(&id, kind));
    }
    rows.sort_by(|a, b| b.firings.cmp(&a.firings).then_with(|| a.rule.cmp(&b.rule)));
    rows
}

#[cfg(test)]
mod tests;
