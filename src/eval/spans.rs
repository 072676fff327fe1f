//! Exact-span entity scoring against span JSONL gold, with per-rule precision and an error list.
//!
//! A mention counts only if start, end and (mapped) type all agree, so a boundary error is both a false
//! positive and a false negative. Duplicate spans count once, as in `shared/eval/score.py`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::metrics::{Counts, ScoreTable, ratio};
use super::{EvalError, SpanGold, annotation_id};
use crate::annotate::{Annotation, EntitySpan};

/// The type name that drops a mention from scoring when a type is mapped to it.
pub const IGNORE: &str = "ignore";

/// Gold type left out of scoring unless a type filter names it.
const UNSCORED_BY_DEFAULT: &str = "other";

/// A type map such as `company=organization,government=organization`.
///
/// A key `label:X` maps gold mentions by their data-set label before the type map, e.g. `label:CONT=ignore`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeMap {
    types: BTreeMap<String, String>,
    labels: BTreeMap<String, String>,
}

impl TypeMap {
    /// Parses comma-separated `from=to` entries.
    pub fn parse(spec: &str) -> Result<Self, EvalError> {
        let mut map = Self::default();
        for (from, to) in parse_pairs(spec)? {
            match from.strip_prefix("label:") {
                Some(label) => map.labels.insert(label.to_string(), to),
                None => map.types.insert(from, to),
            };
        }
        Ok(map)
    }

    /// The scoring type of a gold mention.
    fn gold<'a>(&'a self, kind: &'a str, label: &str) -> &'a str {
        let kind = self.labels.get(label).map_or(kind, String::as_str);
        self.kind(kind)
    }

    /// The scoring type of a plain type name.
    fn kind<'a>(&'a self, kind: &'a str) -> &'a str {
        self.types.get(kind).map_or(kind, String::as_str)
    }
}

/// Splits `a=b,c=d` into trimmed pairs.
pub(crate) fn parse_pairs(spec: &str) -> Result<Vec<(String, String)>, EvalError> {
    spec.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let bad = |reason| EvalError::BadMapping {
                entry: entry.to_string(),
                reason,
            };
            let (from, to) = entry.split_once('=').ok_or_else(|| bad("no '='"))?;
            let (from, to) = (from.trim(), to.trim());
            if from.is_empty() || to.is_empty() {
                return Err(bad("empty side"));
            }
            Ok((from.to_string(), to.to_string()))
        })
        .collect()
}

/// How span scoring treats types.
#[derive(Debug, Clone, Default)]
pub struct SpanOptions {
    /// Applied to gold types (and labels) before scoring.
    pub type_map: TypeMap,
    /// Also apply `type_map` to predicted types.
    pub map_predicted: bool,
    /// Score only these types. Without it, every gold type except `other` is scored; a predicted type
    /// that is not scored is left out, so it is never a false positive.
    pub types: Option<Vec<String>>,
}

/// Result of span scoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanReport {
    /// Gold sentences scored.
    pub sentences: usize,
    /// Per-type and micro scores over the scored types.
    pub scores: ScoreTable,
    /// Precision of each predicting rule, weakest first.
    pub rules: Vec<RuleScore>,
    /// False positives and false negatives, in gold order.
    pub errors: Vec<SpanError>,
}

/// How many of one rule's scored mentions were exact true positives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleScore {
    /// Rule id.
    pub rule: String,
    /// Mentions that matched gold exactly.
    pub tp: usize,
    /// Mentions that did not.
    pub fp: usize,
    /// `tp / (tp + fp)`.
    pub precision: f64,
}

/// Whether an error is a spurious or a missed mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorKind {
    /// Predicted, not in gold.
    #[serde(rename = "fp")]
    FalsePositive,
    /// In gold, not predicted.
    #[serde(rename = "fn")]
    FalseNegative,
}

/// One scoring error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanError {
    /// False positive or false negative.
    pub kind: ErrorKind,
    /// Gold sentence id.
    pub sentence: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The mention.
    pub text: String,
    /// Its scoring type.
    #[serde(rename = "type")]
    pub entity_type: String,
    /// The rule that produced a false positive.
    pub rule: Option<String>,
    /// The overlapping mention on the other side (predicted for a miss, gold for a spurious one).
    pub near: Option<NearMiss>,
}

/// A mention overlapping an error: what the error most likely is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearMiss {
    /// Wrong boundaries or wrong type.
    pub miss: MissKind,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The overlapping mention.
    pub text: String,
    /// Its scoring type.
    #[serde(rename = "type")]
    pub entity_type: String,
    /// Its rule, when it is a prediction.
    pub rule: Option<String>,
}

/// How an overlapping mention differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MissKind {
    /// Same span, different type.
    Type,
    /// Overlapping, different span.
    Boundary,
}

/// A mention reduced to what scoring needs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Mention<'a> {
    start: usize,
    end: usize,
    kind: &'a str,
    text: &'a str,
    rule: Option<&'a str>,
}

impl Mention<'_> {
    fn key(&self) -> (usize, usize, &str) {
        (self.start, self.end, self.kind)
    }

    fn near(&self, other: &Mention<'_>) -> NearMiss {
        let same_span = (self.start, self.end) == (other.start, other.end);
        NearMiss {
            miss: if same_span {
                MissKind::Type
            } else {
                MissKind::Boundary
            },
            start: self.start,
            end: self.end,
            text: self.text.to_string(),
            entity_type: self.kind.to_string(),
            rule: self.rule.map(str::to_string),
        }
    }
}

/// Scores predicted mentions against gold spans. Predictions are joined to gold by id; a gold sentence
/// without a prediction counts as predicting nothing, and predictions for unknown ids are ignored.
pub fn score_spans(gold: &[SpanGold], predicted: &[Annotation], opts: &SpanOptions) -> SpanReport {
    let by_id: HashMap<String, &Annotation> =
        predicted.iter().map(|a| (annotation_id(a), a)).collect();
    let scored = scored_types(gold, opts);
    let mut counts: BTreeMap<String, Counts> = scored
        .iter()
        .map(|t| (t.to_string(), Counts::default()))
        .collect();
    let mut rules: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut errors = Vec::new();
    for sentence in gold {
        let gold_all = gold_mentions(sentence, opts);
        let pred_all = by_id
            .get(&sentence.id)
            .map(|a| predicted_mentions(&a.entities, opts))
            .unwrap_or_default();
        let gold_keys: BTreeSet<_> = gold_all
            .iter()
            .filter(|m| scored.contains(m.kind))
            .map(Mention::key)
            .collect();
        let mut pred_keys = BTreeSet::new();
        for m in pred_all.iter().filter(|m| scored.contains(m.kind)) {
            if !pred_keys.insert(m.key()) {
                continue;
            }
            let hit = gold_keys.contains(&m.key());
            let c = counts.entry(m.kind.to_string()).or_default();
            c.pred += 1;
            c.tp += usize::from(hit);
            let r = rules.entry(m.rule.unwrap_or_default()).or_default();
            if hit {
                r.0 += 1;
            } else {
                r.1 += 1;
                errors.push(error(ErrorKind::FalsePositive, &sentence.id, m, &gold_all));
            }
        }
        for (_, _, kind) in &gold_keys {
            counts.entry(kind.to_string()).or_default().gold += 1;
        }
        let mut missed: Vec<_> = gold_all
            .iter()
            .filter(|m| scored.contains(m.kind) && !pred_keys.contains(&m.key()))
            .collect();
        missed.dedup_by_key(|m| m.key());
        errors.extend(
            missed
                .into_iter()
                .map(|m| error(ErrorKind::FalseNegative, &sentence.id, m, &pred_all)),
        );
    }
    SpanReport {
        sentences: gold.len(),
        scores: ScoreTable::from_counts(&counts),
        rules: rule_scores(rules),
        errors,
    }
}

/// The types scored: the filter if given, else every mapped gold type except `other`.
fn scored_types<'a>(gold: &'a [SpanGold], opts: &'a SpanOptions) -> BTreeSet<&'a str> {
    let mut scored: BTreeSet<&str> = match &opts.types {
        Some(types) => types.iter().map(String::as_str).collect(),
        None => gold
            .iter()
            .flat_map(|s| &s.entities)
            .map(|e| opts.type_map.gold(&e.kind, &e.label))
            .filter(|t| *t != UNSCORED_BY_DEFAULT)
            .collect(),
    };
    scored.remove(IGNORE);
    scored
}

/// Gold mentions with mapped types, sorted; duplicates kept (they are collapsed when counted).
fn gold_mentions<'a>(sentence: &'a SpanGold, opts: &'a SpanOptions) -> Vec<Mention<'a>> {
    let mut out: Vec<_> = sentence
        .entities
        .iter()
        .map(|e| Mention {
            start: e.start,
            end: e.end,
            kind: opts.type_map.gold(&e.kind, &e.label),
            text: &e.text,
            rule: None,
        })
        .collect();
    out.sort();
    out
}

/// Predicted mentions with (optionally) mapped types, in the annotation's order.
fn predicted_mentions<'a>(entities: &'a [EntitySpan], opts: &'a SpanOptions) -> Vec<Mention<'a>> {
    entities
        .iter()
        .map(|e| Mention {
            start: e.start,
            end: e.end,
            kind: if opts.map_predicted {
                opts.type_map.kind(&e.kind)
            } else {
                &e.kind
            },
            text: &e.text,
            rule: Some(&e.rule),
        })
        .collect()
}

/// An error for `m`, with the most-overlapping mention of `others` as its near miss.
fn error(kind: ErrorKind, sentence: &str, m: &Mention<'_>, others: &[Mention<'_>]) -> SpanError {
    let overlap = |o: &Mention<'_>| m.end.min(o.end).saturating_sub(m.start.max(o.start));
    let near = others
        .iter()
        .filter(|o| o.key() != m.key() && overlap(o) > 0)
        .max_by_key(|o| (overlap(o), std::cmp::Reverse((o.start, o.end))))
        .map(|o| o.near(m));
    SpanError {
        kind,
        sentence: sentence.to_string(),
        start: m.start,
        end: m.end,
        text: m.text.to_string(),
        entity_type: m.kind.to_string(),
        rule: m.rule.map(str::to_string),
        near,
    }
}

/// Rule rows sorted weakest first (lowest precision, then most false positives, then id).
fn rule_scores(rules: BTreeMap<&str, (usize, usize)>) -> Vec<RuleScore> {
    let mut out: Vec<RuleScore> = rules
        .into_iter()
        .map(|(rule, (tp, fp))| RuleScore {
            rule: rule.to_string(),
            tp,
            fp,
            precision: ratio(tp, tp + fp),
        })
        .collect();
    out.sort_by(|a, b| {
        a.precision
            .total_cmp(&b.precision)
            .then(b.fp.cmp(&a.fp))
            .then_with(|| a.rule.cmp(&b.rule))
    });
    out
}
