//! Measuring extraction quality: `kgx eval` scores [`Annotation`]s against gold data.
//!
//! Two kinds of gold are understood (see [`detect_gold_kind`]):
//! - span JSONL (`shared/data/*/…jsonl`): exact-span entity P/R/F1 ([`score_spans`]) and, where the
//!   data set labels relations, relation recall ([`score_relations`]);
//! - the seeds graph gold (`seeds.gold.json`): document-level entities and facts ([`score_seeds`]);
//! - DuEE-fin JSONL (whole documents with an `events` list): relation recall from the events, a
//!   `holds_position` precision proxy and event-argument mention recall ([`score_duee`]).
//!
//! The scorers only see annotations, never the extractor, so saved `kgx annotate` output scores the
//! same way as a live run through [`evaluate`]. Scores agree with the reference scorers in
//! `shared/eval/` (`score.py`, `graph_eval.py`, `duee_fin_eval.py`, `duee_fin_mentions.py`) on the same
//! inputs.

mod duee;
mod error;
mod gold;
mod metrics;
mod names;
mod nodes;
mod relations;
mod report;
mod seeds;
mod spans;

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

pub use duee::{
    DueeArgument, DueeDocument, DueeEvent, DueeMiss, DueeRecall, DueeReport, MentionRecall, PAIRS,
    Proxy, score_duee,
};
pub use error::EvalError;
pub use gold::{
    Confidence, GoldArgument, GoldEntity, GoldRelation, SeedEntity, SeedGold, SeedRelation,
    SpanGold, load_annotations, load_duee, load_seeds, load_spans,
};
pub use metrics::{Counts, Score, ScoreTable, TypeScore};
pub use names::{duee_core, normalize, normalize_nfkc, strip_legal_suffix};
pub use nodes::{MergedNode, NodeScores, SplitEntity, score_nodes};
pub use relations::{
    DEFAULT_LABEL_MAP, LabelMap, LabelScore, RelationFalsePositive, RelationMiss, RelationOptions,
    RelationReport, score_relations,
};
pub(crate) use report::table;
pub use report::{RenderOptions, render_json, render_text};
pub use seeds::{Level, SeedError, SeedOptions, SeedReport, SeedScores, score_seeds};
pub use spans::{
    ErrorKind, IGNORE, MissKind, NearMiss, RuleScore, SpanError, SpanOptions, SpanReport, TypeMap,
    score_spans,
};

use crate::annotate::Annotation;
use crate::graph::KnowledgeGraph;

/// Which scorer a gold file calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GoldKind {
    /// Span JSONL: one labelled sentence per line.
    Spans,
    /// Graph gold over corpus documents (`seeds.gold.json`).
    Seeds,
    /// DuEE-fin documents: JSONL lines with `text` and `events`.
    Duee,
}

/// Tells span JSONL, DuEE-fin JSONL and seeds graph gold apart by content, not by name.
pub fn detect_gold_kind(path: &Path) -> Result<GoldKind, EvalError> {
    let text = gold::read(path)?;
    let has_key =
        |v: &serde_json::Value, key: &str| v.as_object().is_some_and(|o| o.contains_key(key));
    let first_line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    if let Ok(line) = serde_json::from_str::<serde_json::Value>(first_line)
        && has_key(&line, "text")
    {
        return Ok(if has_key(&line, "events") {
            GoldKind::Duee
        } else {
            GoldKind::Spans
        });
    }
    if serde_json::from_str(&text).is_ok_and(|v| has_key(&v, "documents")) {
        return Ok(GoldKind::Seeds);
    }
    Err(EvalError::UnknownGold {
        path: path.to_path_buf(),
    })
}

/// Options for every scorer; each uses its own part.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    /// Entity scoring on span gold.
    pub spans: SpanOptions,
    /// Relation scoring on span gold.
    pub relations: RelationOptions,
    /// Graph-level scoring on seeds gold.
    pub seeds: SeedOptions,
}

/// The outcome of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "gold", rename_all = "lowercase")]
pub enum EvalReport {
    /// Scores against span JSONL.
    Spans {
        /// Exact-span entity scores.
        entities: SpanReport,
        /// Relation recall, when the gold labels relations.
        relations: Option<RelationReport>,
    },
    /// Scores against the seeds graph gold.
    Seeds(SeedReport),
    /// Scores against DuEE-fin documents.
    Duee(DueeReport),
}

/// Builds the merged graph of a corpus directory as `kgx extract` does, for lining its nodes up with a
/// graph gold's entities.
pub type CorpusGraph<'a> = dyn Fn(&Path) -> std::io::Result<KnowledgeGraph> + 'a;

/// Annotates every gold text with `annotate(id, text)` and scores the result.
///
/// Span gold: each sentence is annotated; DuEE-fin: each document. Seeds gold: each file in `documents` is read from `corpus_dir`
/// and passed whole, with its file name as id (the convention of `graph_eval.py`); with `corpus_graph`,
/// the corpus graph's nodes are also lined up with the gold entities. Texts are annotated in parallel.
pub fn evaluate(
    gold_path: &Path,
    corpus_dir: Option<&Path>,
    opts: &EvalOptions,
    annotate: &(dyn Fn(&str, &str) -> Annotation + Sync),
    corpus_graph: Option<&CorpusGraph<'_>>,
) -> Result<EvalReport, EvalError> {
    match detect_gold_kind(gold_path)? {
        GoldKind::Spans => {
            let gold = load_spans(gold_path)?;
            let predicted: Vec<Annotation> = gold
                .par_iter()
                .map(|s| Annotation {
                    id: serde_json::Value::String(s.id.clone()),
                    ..annotate(&s.id, &s.text)
                })
                .collect();
            let name_of = |name: &str| {
                let whole = name.chars().count();
                annotate("", name)
                    .entities
                    .into_iter()
                    .find(|e| e.start == 0 && e.end == whole)
                    .map(|e| e.canonical)
            };
            let relations = gold
                .iter()
                .any(|s| !s.relations.is_empty())
                .then(|| score_relations(&gold, &predicted, &opts.relations, &name_of));
            Ok(EvalReport::Spans {
                entities: score_spans(&gold, &predicted, &opts.spans),
                relations,
            })
        }
        GoldKind::Seeds => {
            let gold = load_seeds(gold_path)?;
            let dir = corpus_dir.ok_or_else(|| EvalError::MissingCorpus {
                gold: gold_path.to_path_buf(),
            })?;
            let predicted = gold
                .documents
                .par_iter()
                .map(|doc| {
                    let text = gold::read(&dir.join(doc))?;
                    Ok((doc.clone(), annotate(doc, &text)))
                })
                .collect::<Result<Vec<_>, EvalError>>()?;
            let mut report = score_seeds(&gold, &predicted, &opts.seeds);
            if let Some(build) = corpus_graph {
                let graph = build(dir).map_err(|source| EvalError::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
                report.nodes = Some(score_nodes(&gold, &graph.nodes()));
            }
            Ok(EvalReport::Seeds(report))
        }
        GoldKind::Duee => {
            let gold = load_duee(gold_path)?;
            let predicted: Vec<Annotation> = gold
                .par_iter()
                .map(|d| Annotation {
                    id: serde_json::Value::String(d.id.clone()),
                    ..annotate(&d.id, &d.text)
                })
                .collect();
            Ok(EvalReport::Duee(score_duee(&gold, &predicted)))
        }
    }
}

/// Relation types compared without regard to direction.
fn is_symmetric(kind: &str) -> bool {
    kind == "cooperates_with"
}

/// The id of an annotation as a string (JSON strings unquoted).
fn annotation_id(a: &Annotation) -> String {
    match &a.id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
