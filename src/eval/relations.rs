//! Relation recall against data sets labelled in their own vocabulary (DuIE, FinRE).
//!
//! Gold labels are mapped onto kgx relation types, optionally reversing direction. A gold relation is found
//! when a prediction in the same sentence has the mapped type and its subject and object (text or canonical)
//! equal the gold arguments; `cooperates_with` ignores direction. These data sets label only some facts per
//! sentence, so precision is measured only on sentences that carry gold labels of the predicted kind, over
//! distinct facts (two rules stating one fact count once).
//!
//! Beside that strict figure a lenient one forgives how much of a name is written, as the graph gold's lenient
//! scoring does: names compare after normalisation and without legal endings (`vassen公司` = `vassen`), a gold
//! argument also stands for the name the rule pack gives it when read alone (`保定` → `保定市`) and for the
//! entity of a mention of that text in the sentence (a short name the sentence defines), and a predicted
//! place also stands for the places the sentence's own containment facts put it in (a company located in
//! 嘉定区, which is part of 上海市, is located in 上海).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::metrics::ratio;
use super::names::{normalize, strip_legal_suffix};
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
    /// The relation type that puts one place inside another (the rule pack's hierarchy relation): under
    /// lenient matching a predicted object also stands for what the sentence's facts of this type put it in.
    pub containment: Option<String>,
}

/// The name the rule pack gives a string read alone, if it reads it as one whole mention.
pub type NameOf<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

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
    /// Distinct predictions of a mapped type, on sentences carrying gold labels of that type, that match
    /// no gold relation.
    pub false_positives: Vec<RelationFalsePositive>,
}

/// A prediction that matched no gold relation of its sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationFalsePositive {
    /// Gold sentence id.
    pub sentence: String,
    /// The predicted kgx relation type.
    pub target: String,
    /// Predicted subject, as written.
    pub subject: String,
    /// Predicted object, as written.
    pub object: String,
    /// The rule that stated it.
    pub rule: String,
    /// Whether lenient matching counts it correct.
    pub correct_leniently: bool,
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
    /// The same counts under lenient matching (see the module documentation).
    pub lenient: LenientScore,
}

/// Found and correct counts under lenient matching.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LenientScore {
    /// Gold relations a prediction matched leniently.
    pub found: usize,
    /// `found / gold`.
    pub recall: f64,
    /// Predictions that leniently match a gold relation of their type.
    pub correct: usize,
    /// `correct / pred`.
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
    /// Whether lenient matching found it.
    pub found_leniently: bool,
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

/// Lenient names of both arguments of a gold fact.
struct LenientFact {
    subject: BTreeSet<String>,
    object: BTreeSet<String>,
}

impl LenientFact {
    /// `in_sentence` maps the text of each mention the annotation found in the sentence to its canonical
    /// names, so a gold name the sentence itself defines (以下简称) stands for the entity it names.
    fn new(
        fact: &Fact<'_>,
        name_of: &NameOf<'_>,
        in_sentence: &HashMap<&str, Vec<&str>>,
    ) -> LenientFact {
        let names = |gold: &str| {
            let mentioned = in_sentence.get(gold).into_iter().flatten();
            lenient_names(
                [Some(gold.to_string()), name_of(gold)]
                    .into_iter()
                    .flatten()
                    .chain(mentioned.map(|name| name.to_string())),
            )
        };
        LenientFact {
            subject: names(fact.subject),
            object: names(fact.object),
        }
    }

    fn matched_by(&self, kind: &str, fact_kind: &str, r: &LenientPrediction) -> bool {
        let meets = |a: &BTreeSet<String>, b: &BTreeSet<String>| !a.is_disjoint(b);
        kind == fact_kind
            && ((meets(&self.subject, &r.subject) && meets(&self.object, &r.object))
                || (is_symmetric(kind)
                    && meets(&self.subject, &r.object)
                    && meets(&self.object, &r.subject)))
    }
}

/// Lenient names of a prediction's arguments; the object's include the places containing it.
struct LenientPrediction {
    subject: BTreeSet<String>,
    object: BTreeSet<String>,
}

impl LenientPrediction {
    fn new(r: &RelationSpan, containers: &Containers<'_>) -> LenientPrediction {
        let argument = |a: &ArgumentSpan| [a.text.clone(), a.canonical.clone()];
        let mut object: Vec<String> = argument(&r.object).into();
        object.extend(containers.around(&r.object));
        LenientPrediction {
            subject: lenient_names(argument(&r.subject)),
            object: lenient_names(object),
        }
    }
}

/// The containment facts (`part_of`) predicted in one sentence, by the contained place's names.
struct Containers<'a> {
    parents: HashMap<&'a str, Vec<&'a ArgumentSpan>>,
}

impl<'a> Containers<'a> {
    fn new(preds: &[&'a RelationSpan], containment: Option<&str>) -> Containers<'a> {
        let mut parents: HashMap<&str, Vec<&ArgumentSpan>> = HashMap::new();
        for r in preds
            .iter()
            .filter(|r| Some(r.kind.as_str()) == containment)
        {
            for name in [&r.subject.text, &r.subject.canonical] {
                parents.entry(name.as_str()).or_default().push(&r.object);
            }
        }
        Containers { parents }
    }

    /// Names of every place that contains `place`, directly or through others.
    fn around(&self, place: &ArgumentSpan) -> Vec<String> {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut queue = vec![place.text.as_str(), place.canonical.as_str()];
        let mut out = Vec::new();
        while let Some(name) = queue.pop() {
            if !seen.insert(name) {
                continue;
            }
            for parent in self.parents.get(name).into_iter().flatten() {
                out.extend([parent.text.clone(), parent.canonical.clone()]);
                queue.extend([parent.text.as_str(), parent.canonical.as_str()]);
            }
        }
        out
    }
}

/// Normalised names, each also without its legal ending.
fn lenient_names(names: impl IntoIterator<Item = String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for name in names.into_iter().filter(|name| !name.is_empty()) {
        let name = normalize(&name);
        out.insert(strip_legal_suffix(&name).to_string());
        out.insert(name);
    }
    out
}

/// The distinct facts among a sentence's predictions: one per type and pair of arguments (by canonical name,
/// unordered for symmetric types), the first in document order standing for the others.
fn distinct_predictions(preds: &[RelationSpan]) -> Vec<&RelationSpan> {
    let mut seen = BTreeSet::new();
    preds
        .iter()
        .filter(|r| {
            let name = |a: &ArgumentSpan| {
                if a.canonical.is_empty() {
                    a.text.clone()
                } else {
                    a.canonical.clone()
                }
            };
            let (mut subject, mut object) = (name(&r.subject), name(&r.object));
            if is_symmetric(&r.kind) && object < subject {
                std::mem::swap(&mut subject, &mut object);
            }
            seen.insert((r.kind.clone(), subject, object))
        })
        .collect()
}

/// Counts accumulated per label.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    gold: usize,
    found: usize,
    found_lenient: usize,
    sentences: usize,
    pred: usize,
    correct: usize,
    correct_lenient: usize,
}

/// One sentence's gold facts and distinct predictions, each judged once: strictly, then leniently.
struct Sentence<'a> {
    facts: Vec<Fact<'a>>,
    preds: Vec<&'a RelationSpan>,
    /// Per gold fact: found strictly, found leniently.
    found: Vec<(bool, bool)>,
    /// Per prediction: correct strictly, correct leniently.
    correct: Vec<(bool, bool)>,
}

impl<'a> Sentence<'a> {
    fn new(
        facts: Vec<Fact<'a>>,
        preds: Vec<&'a RelationSpan>,
        lenient_facts: &[LenientFact],
        lenient_preds: &[LenientPrediction],
    ) -> Sentence<'a> {
        // verdicts[f][p]: whether prediction p matches gold fact f, strictly and leniently.
        let verdicts: Vec<Vec<(bool, bool)>> = facts
            .iter()
            .zip(lenient_facts)
            .map(|(f, f_names)| {
                preds
                    .iter()
                    .zip(lenient_preds)
                    .map(|(r, r_names)| {
                        let strict = f.matched_by(r);
                        (
                            strict,
                            strict || f_names.matched_by(&r.kind, f.kind, r_names),
                        )
                    })
                    .collect()
            })
            .collect();
        let any = |judged: &mut dyn Iterator<Item = (bool, bool)>| {
            judged.fold((false, false), |a, b| (a.0 || b.0, a.1 || b.1))
        };
        let found = verdicts
            .iter()
            .map(|row| any(&mut row.iter().copied()))
            .collect();
        let correct = (0..preds.len())
            .map(|p| any(&mut verdicts.iter().map(|row| row[p])))
            .collect();
        Sentence {
            facts,
            preds,
            found,
            correct,
        }
    }
}

impl Tally {
    /// Counts the sentence's predictions of `kind`.
    fn add_predictions(&mut self, kind: &str, sentence: &Sentence<'_>) {
        for (r, &(strict, lenient)) in sentence.preds.iter().zip(&sentence.correct) {
            if r.kind == kind {
                self.pred += 1;
                self.correct += usize::from(strict);
                self.correct_lenient += usize::from(lenient);
            }
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
            lenient: LenientScore {
                found: self.found_lenient,
                recall: ratio(self.found_lenient, self.gold),
                correct: self.correct_lenient,
                precision: ratio(self.correct_lenient, self.pred),
            },
        }
    }
}

/// Scores predicted relations against the mapped gold labels; predictions are joined to gold by id.
/// `name_of` gives the rule pack's name for a gold argument read alone (lenient matching only).
pub fn score_relations(
    gold: &[SpanGold],
    predicted: &[Annotation],
    opts: &RelationOptions,
    name_of: &NameOf<'_>,
) -> RelationReport {
    let by_id: HashMap<String, &Annotation> =
        predicted.iter().map(|a| (annotation_id(a), a)).collect();
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut overall = Tally::default();
    let mut unmapped = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_positives = Vec::new();
    for gold_sentence in gold {
        let facts = facts(gold_sentence, &opts.label_map, &mut unmapped);
        if facts.is_empty() {
            continue;
        }
        let annotation = by_id.get(&gold_sentence.id);
        let preds = distinct_predictions(annotation.map_or(&[][..], |a| a.relations.as_slice()));
        let mut in_sentence: HashMap<&str, Vec<&str>> = HashMap::new();
        for entity in annotation.map_or(&[][..], |a| a.entities.as_slice()) {
            in_sentence
                .entry(entity.text.as_str())
                .or_default()
                .push(entity.canonical.as_str());
        }
        let containers = Containers::new(&preds, opts.containment.as_deref());
        let lenient_facts: Vec<LenientFact> = facts
            .iter()
            .map(|f| LenientFact::new(f, name_of, &in_sentence))
            .collect();
        let lenient_preds: Vec<LenientPrediction> = preds
            .iter()
            .map(|r| LenientPrediction::new(r, &containers))
            .collect();
        let sentence = Sentence::new(facts, preds, &lenient_facts, &lenient_preds);
        for (f, &(found, found_lenient)) in sentence.facts.iter().zip(&sentence.found) {
            let t = tallies.entry(f.label).or_default();
            t.gold += 1;
            t.found += usize::from(found);
            t.found_lenient += usize::from(found_lenient);
            if !found {
                misses.push(RelationMiss {
                    sentence: gold_sentence.id.clone(),
                    label: f.label.to_string(),
                    target: f.kind.to_string(),
                    subject: f.subject.to_string(),
                    object: f.object.to_string(),
                    found_leniently: found_lenient,
                });
            }
        }
        let labels: BTreeSet<(&str, &str)> =
            sentence.facts.iter().map(|f| (f.label, f.kind)).collect();
        for (label, kind) in &labels {
            let t = tallies.entry(label).or_default();
            t.sentences += 1;
            t.add_predictions(kind, &sentence);
        }
        overall.sentences += 1;
        let kinds: BTreeSet<&str> = labels.iter().map(|(_, kind)| *kind).collect();
        for kind in &kinds {
            overall.add_predictions(kind, &sentence);
        }
        for (r, &(correct, correct_leniently)) in sentence.preds.iter().zip(&sentence.correct) {
            if !correct && kinds.contains(r.kind.as_str()) {
                false_positives.push(RelationFalsePositive {
                    sentence: gold_sentence.id.clone(),
                    target: r.kind.clone(),
                    subject: r.subject.text.clone(),
                    object: r.object.text.clone(),
                    rule: r.rule.clone(),
                    correct_leniently,
                });
            }
        }
    }
    for t in tallies.values() {
        overall.gold += t.gold;
        overall.found += t.found;
        overall.found_lenient += t.found_lenient;
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
        false_positives,
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
