//! Relation recall against data sets labelled in their own vocabulary (DuIE, FinRE).
//!
//! Gold labels are mapped onto kgx relation types, optionally reversing direction. A gold relation is found
//! when a prediction in the same sentence has the mapped type and its subject and object (text or canonical)
//! equal the gold arguments; `cooperates_with` ignores direction. These data sets label only some facts per
//! sentence, so precision is measured only on sentences that carry gold labels of the predicted kind.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::metrics::ratio;
use super::spans::parse_pairs;
use super::{EvalError, SpanGold, annotation_id, is_symmetric};
use crate::annotate::{Annotation, ArgumentSpan, RelationSpan};

/// A label map for the business relations of DuIE and FinRE. DuIE's 董事长 and 创始人 run company → person,
/// the reverse of holds_position (whose title attribute is not checked); a FinRE 收购 (acquisition) makes
/// the buyer a shareholder.
pub const DEFAULT_LABEL_MAP: &str = "董事长=~holds_position,创始人=~holds_position,总部地点=located_in,合作=cooperates_with,签约=cooperates_with,持股=shareholder_of,收购=shareholder_of";

/// Maps data-set labels to kgx relation types: `董事长=~holds_position`, where `~` reverses the direction
/// (DuIE's 董事长 runs company → person, kgx's holds_position person → company).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelMap {
    labels: BTreeMap<String, Target>,
}

/// The kgx relation a gold label stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    kind: String,
    reversed: bool,
}

impl LabelMap {
    /// Parses comma-separated `label=type` or `label=~type` entries.
    pub fn parse(spec: &str) -> Result<Self, EvalError> {
        let labels = parse_pairs(spec)?
            .into_iter()
            .map(|(label, to)| {
                let target = match to.strip_prefix('~') {
                    Some(kind) => Target {
                        kind: kind.trim().to_string(),
                        reversed: true,
                    },
                    None => Target {
                        kind: to,
                        reversed: false,
                    },
                };
                (label, target)
            })
            .collect();
        Ok(Self { labels })
    }
}

impl Default for LabelMap {
    /// The map of [`DEFAULT_LABEL_MAP`].
    fn default() -> Self {
        Self::parse(DEFAULT_LABEL_MAP).expect("DEFAULT_LABEL_MAP is well-formed")
    }
}

/// How relation scoring maps labels.
#[derive(Debug, Clone, Default)]
pub struct RelationOptions {
    /// Gold labels to score and what they map to (default [`DEFAULT_LABEL_MAP`]); unmapped labels are
    /// only counted.
    pub label_map: LabelMap,
}

/// Result of relation scoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationReport {
    /// One row per mapped label that occurs in gold.
    pub labels: Vec<LabelScore>,
    /// Totals over all mapped labels.
    pub overall: LabelScore,
    /// How often each unmapped gold label occurs.
    pub unmapped: BTreeMap<String, usize>,
    /// Gold relations no prediction matched.
    pub misses: Vec<RelationMiss>,
}

/// Recall of one gold label, and precision of its kgx type on the sentences carrying the label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelScore {
    /// Gold label (`all` for the totals).
    pub label: String,
    /// The kgx relation type it maps to (empty for the totals).
    pub target: String,
    /// Whether the direction is reversed.
    pub reversed: bool,
    /// Distinct gold relations.
    pub gold: usize,
    /// Of those, how many a prediction matched.
    pub found: usize,
    /// `found / gold`.
    pub recall: f64,
    /// Sentences carrying the label.
    pub sentences: usize,
    /// Predictions of the mapped type on those sentences.
    pub pred: usize,
    /// Of those, how many match a gold relation of that type.
    pub correct: usize,
    /// `correct / pred`, on labelled sentences only.
    pub precision: f64,
}

/// A gold relation that was not found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationMiss {
    /// Gold sentence id.
    pub sentence: String,
    /// Gold label.
    pub label: String,
    /// The kgx type looked for.
    pub target: String,
    /// Expected subject (after reversal).
    pub subject: String,
    /// Expected object (after reversal).
    pub object: String,
}

/// A gold relation in kgx terms.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Fact<'a> {
    label: &'a str,
    kind: &'a str,
    subject: &'a str,
    object: &'a str,
}

impl Fact<'_> {
    fn matched_by(&self, r: &RelationSpan) -> bool {
        let is = |a: &ArgumentSpan, text: &str| a.text == text || a.canonical == text;
        r.kind == self.kind
            && ((is(&r.subject, self.subject) && is(&r.object, self.object))
                || (is_symmetric(self.kind)
                    && is(&r.subject, self.object)
                    && is(&r.object, self.subject)))
    }
}

/// Counts accumulated per label.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    gold: usize,
    found: usize,
    sentences: usize,
    pred: usize,
    correct: usize,
}

impl Tally {
    fn add_predictions(&mut self, kind: &str, facts: &[Fact<'_>], preds: &[RelationSpan]) {
        for r in preds.iter().filter(|r| r.kind == kind) {
            self.pred += 1;
            self.correct += usize::from(facts.iter().any(|f| f.matched_by(r)));
        }
    }

    fn row(self, label: &str, target: &str, reversed: bool) -> LabelScore {
        LabelScore {
            label: label.to_string(),
            target: target.to_string(),
            reversed,
            gold: self.gold,
            found: self.found,
            recall: ratio(self.found, self.gold),
            sentences: self.sentences,
            pred: self.pred,
            correct: self.correct,
            precision: ratio(self.correct, self.pred),
        }
    }
}

/// Scores predicted relations against the mapped gold labels; predictions are joined to gold by id.
pub fn score_relations(
    gold: &[SpanGold],
    predicted: &[Annotation],
    opts: &RelationOptions,
) -> RelationReport {
    let by_id: HashMap<String, &Annotation> =
        predicted.iter().map(|a| (annotation_id(a), a)).collect();
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut overall = Tally::default();
    let mut unmapped = BTreeMap::new();
    let mut misses = Vec::new();
    for sentence in gold {
        let facts = facts(sentence, &opts.label_map, &mut unmapped);
        if facts.is_empty() {
            continue;
        }
        let preds = by_id
            .get(&sentence.id)
            .map_or(&[][..], |a| a.relations.as_slice());
        for f in &facts {
            let found = preds.iter().any(|r| f.matched_by(r));
            let t = tallies.entry(f.label).or_default();
            t.gold += 1;
            t.found += usize::from(found);
            if !found {
                misses.push(RelationMiss {
                    sentence: sentence.id.clone(),
                    label: f.label.to_string(),
                    target: f.kind.to_string(),
                    subject: f.subject.to_string(),
                    object: f.object.to_string(),
                });
            }
        }
        let labels: BTreeSet<(&str, &str)> = facts.iter().map(|f| (f.label, f.kind)).collect();
        for (label, kind) in &labels {
            let t = tallies.entry(label).or_default();
            t.sentences += 1;
            t.add_predictions(kind, &facts, preds);
        }
        overall.sentences += 1;
        let kinds: BTreeSet<&str> = labels.iter().map(|(_, kind)| *kind).collect();
        for kind in kinds {
            overall.add_predictions(kind, &facts, preds);
        }
    }
    for t in tallies.values() {
        overall.gold += t.gold;
        overall.found += t.found;
    }
    let labels = tallies
        .into_iter()
        .map(|(label, t)| {
            let target = &opts.label_map.labels[label];
            t.row(label, &target.kind, target.reversed)
        })
        .collect();
    RelationReport {
        labels,
        overall: overall.row("all", "", false),
        unmapped,
        misses,
    }
}

/// The distinct mapped facts of one sentence; unmapped labels are tallied instead.
fn facts<'a>(
    sentence: &'a SpanGold,
    map: &'a LabelMap,
    unmapped: &mut BTreeMap<String, usize>,
) -> Vec<Fact<'a>> {
    let mut out = BTreeSet::new();
    for r in &sentence.relations {
        let Some(target) = map.labels.get(&r.kind) else {
            *unmapped.entry(r.kind.clone()).or_default() += 1;
            continue;
        };
        let (mut subject, mut object) = (r.head.text.as_str(), r.tail.text.as_str());
        let swap = if is_symmetric(&target.kind) {
            object < subject
        } else {
            target.reversed
        };
        if swap {
            (subject, object) = (object, subject);
        }
        out.insert(Fact {
            label: &r.kind,
            kind: &target.kind,
            subject,
            object,
        });
    }
    out.into_iter().collect()
}
