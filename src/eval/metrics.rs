//! Counts and the precision / recall / F1 derived from them.

use std::collections::BTreeMap;

use serde::Serialize;

/// Raw counts for one type: true positives, predictions, gold items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predictions that match a gold item.
    pub tp: usize,
    /// Predictions counted.
    pub pred: usize,
    /// Gold items counted.
    pub gold: usize,
}

impl Counts {
    /// Adds another set of counts to this one.
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.pred += other.pred;
        self.gold += other.gold;
    }

    /// The scores for these counts.
    pub fn score(self) -> Score {
        let precision = ratio(self.tp, self.pred);
        let recall = ratio(self.tp, self.gold);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Score {
            gold: self.gold,
            pred: self.pred,
            tp: self.tp,
            precision,
            recall,
            f1,
        }
    }
}

/// `num / den`, or 0 when nothing was counted.
pub(crate) fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Counts with their precision, recall and F1 (each 0 when undefined).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    /// Gold items.
    pub gold: usize,
    /// Predictions.
    pub pred: usize,
    /// Matched predictions.
    pub tp: usize,
    /// `tp / pred`.
    pub precision: f64,
    /// `tp / gold`.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

/// The score of one type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeScore {
    /// Entity or relation type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its score.
    #[serde(flatten)]
    pub score: Score,
}

/// Per-type scores, sorted by type, and their micro average.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreTable {
    /// One row per type.
    pub types: Vec<TypeScore>,
    /// Micro average over all rows.
    pub micro: Score,
}

impl ScoreTable {
    /// Builds the table from per-type counts.
    pub fn from_counts(counts: &BTreeMap<String, Counts>) -> Self {
        let mut total = Counts::default();
        let types = counts
            .iter()
            .map(|(kind, c)| {
                total.add(*c);
                TypeScore {
                    kind: kind.clone(),
                    score: c.score(),
                }
            })
            .collect();
        Self {
            types,
            micro: total.score(),
        }
    }

    /// The row of `kind`, if it was scored.
    pub fn get(&self, kind: &str) -> Option<&Score> {
        self.types.iter().find(|t| t.kind == kind).map(|t| &t.score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_counts_score_zero() {
        let s = Counts::default().score();
        assert_eq!((s.precision, s.recall, s.f1), (0.0, 0.0, 0.0));
    }

    #[test]
    fn f1_is_harmonic_mean() {
        let s = Counts {
            tp: 1,
            pred: 2,
            gold: 4,
        }
        .score();
        assert_eq!((s.precision, s.recall), (0.5, 0.25));
        assert!((s.f1 - 1.0 / 3.0).abs() < 1e-12);
    }
}
