//! DuEE-fin documents (`shared/data/duee_fin/`): document-level relation recall from the events, a
//! precision proxy for `holds_position`, and mention recall of the event arguments — the figures of
//! `duee_fin_eval.py` and `duee_fin_mentions.py`, rule for rule.
//!
//! Events become gold facts ([`PAIRS`]); a gold fact is found when the document's predictions hold a fact
//! of its relation type whose subject and object match the gold arguments by text or canonical name:
//! strictly when their [`duee_core`]s are equal, leniently when one contains the other (both at least two
//! characters).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::gold::GoldEntity;
use super::names::duee_core;
use crate::annotate::{Annotation, ArgumentSpan, RelationSpan};

/// The relation the DuEE-fin events state: (event type, subject role, object role, relation type), in
/// the reference scorer's order.
pub const PAIRS: [(&str, &str, &str, &str); 7] = [
    ("高管变动", "高管姓名", "任职公司", "holds_position"),
    ("企业收购", "收购方", "被收购方", "shareholder_of"),
    ("企业融资", "投资方", "被投资方", "shareholder_of"),
    ("企业融资", "领投方", "被投资方", "shareholder_of"),
    ("股东增持", "增持方", "股票简称", "shareholder_of"),
    ("股东减持", "减持方", "股票简称", "shareholder_of"),
    ("质押", "质押方", "质押物所属公司", "shareholder_of"),
];

/// The relation the precision proxy judges.
const HOLDS_POSITION: &str = "holds_position";

/// Gold entity types counted as one organisation type in mention recall.
const ORGANISATIONS: [&str; 3] = ["company", "organization", "government"];

/// One line of a DuEE-fin file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueeDocument {
    /// Document id.
    pub id: String,
    /// The whole news text.
    pub text: String,
    /// Event arguments located in the text (code-point offsets).
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    /// The original event list.
    #[serde(default)]
    pub events: Vec<DueeEvent>,
}

/// One labelled event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueeEvent {
    /// Event type (`高管变动`, `企业收购`, …).
    pub event_type: String,
    /// Its arguments.
    #[serde(default)]
    pub arguments: Vec<DueeArgument>,
}

/// One argument of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueeArgument {
    /// The role (`收购方`, …).
    pub role: String,
    /// The argument as written.
    pub argument: String,
}

/// The scores of [`score_duee`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueeReport {
    /// Documents scored.
    pub documents: usize,
    /// Recall per gold label (`事件类型:角色->角色`), sorted by label.
    pub labels: Vec<DueeRecall>,
    /// Recall per relation type over its labels, sorted by type.
    pub relations: Vec<DueeRecall>,
    /// Of the predicted `holds_position` facts whose person is a gold executive of the document, those
    /// whose organisation matches that person's gold company (leniently).
    pub holds_position_proxy: Proxy,
    /// Predicted facts per relation type.
    pub predicted: BTreeMap<String, usize>,
    /// Mention recall of organisations (`org`) and persons among the gold event arguments.
    pub mentions: Vec<MentionRecall>,
    /// Gold facts not found even leniently, in document order.
    pub misses: Vec<DueeMiss>,
}

/// Recall of one gold label or relation type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueeRecall {
    /// The label, or the relation type for totals.
    pub label: String,
    /// The relation type the label maps to.
    pub relation: String,
    /// Gold facts.
    pub gold: usize,
    /// Found strictly.
    pub strict: usize,
    /// Found leniently (strict finds included).
    pub lenient: usize,
    /// `strict / gold`.
    pub strict_recall: f64,
    /// `lenient / gold`.
    pub lenient_recall: f64,
}

/// The `holds_position` precision proxy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Proxy {
    /// Predicted facts whose person is a gold executive of the document.
    pub judged: usize,
    /// Of those, the ones naming one of that person's gold companies.
    pub correct: usize,
    /// `correct / judged` (0 when nothing was judged).
    pub precision: f64,
}

/// Mention recall of one kind (`org` or `person`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionRecall {
    /// `org` (company, organization, government) or `person`.
    pub kind: String,
    /// Gold mentions.
    pub gold: usize,
    /// Predicted with the same span and kind.
    pub exact: usize,
    /// Overlapped by a prediction of the same kind.
    pub overlap: usize,
    /// `exact / gold`.
    pub exact_recall: f64,
    /// `overlap / gold`.
    pub overlap_recall: f64,
}

/// A gold fact not found, even leniently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueeMiss {
    /// Document id.
    pub document: String,
    /// Gold label.
    pub label: String,
    /// Relation type.
    pub relation: String,
    /// Gold subject as written.
    pub subject: String,
    /// Gold object as written.
    pub object: String,
}

/// A fact an event states.
struct GoldFact<'g> {
    label: String,
    relation: &'static str,
    subject: &'g str,
    object: &'g str,
}

/// A document's gold facts: each pair of arguments of each event, one per (label, subject core, object
/// core), in event order.
fn gold_facts(doc: &DueeDocument) -> Vec<GoldFact<'_>> {
    let mut seen = HashSet::new();
    let mut facts = Vec::new();
    for event in &doc.events {
        for &(_, head, tail, relation) in PAIRS.iter().filter(|p| p.0 == event.event_type) {
            let label = format!("{}:{head}->{tail}", event.event_type);
            for subject in arguments(event, head) {
                for object in arguments(event, tail) {
                    if seen.insert((label.clone(), duee_core(subject), duee_core(object))) {
                        facts.push(GoldFact {
                            label: label.clone(),
                            relation,
                            subject,
                            object,
                        });
                    }
                }
            }
        }
    }
    facts
}

/// The arguments of an event in one role, in order.
fn arguments<'e>(event: &'e DueeEvent, role: &str) -> Vec<&'e str> {
    event
        .arguments
        .iter()
        .filter(|a| a.role == role)
        .map(|a| a.argument.as_str())
        .collect()
}

/// Strict: equal cores.
fn strict_eq(a: &str, b: &str) -> bool {
    duee_core(a) == duee_core(b)
}

/// Lenient: one core contains the other, both of at least two characters.
fn lenient_eq(a: &str, b: &str) -> bool {
    let (a, b) = (duee_core(a), duee_core(b));
    a.chars().count() >= 2 && b.chars().count() >= 2 && (a.contains(&b) || b.contains(&a))
}

/// The names a predicted argument goes by: its text, and its canonical name when it has one.
fn names(argument: &ArgumentSpan) -> impl Iterator<Item = &str> {
    std::iter::once(argument.text.as_str())
        .chain(Some(argument.canonical.as_str()).filter(|c| !c.is_empty()))
}

/// Whether a predicted fact states a gold fact under `eq`.
fn states(fact: &GoldFact<'_>, predicted: &RelationSpan, eq: fn(&str, &str) -> bool) -> bool {
    predicted.kind == fact.relation
        && names(&predicted.subject).any(|n| eq(fact.subject, n))
        && names(&predicted.object).any(|n| eq(fact.object, n))
}

/// Running counts of one label.
#[derive(Default)]
struct Tally {
    gold: usize,
    strict: usize,
    lenient: usize,
}

impl Tally {
    fn recall(&self, label: &str, relation: &str) -> DueeRecall {
        DueeRecall {
            label: label.to_string(),
            relation: relation.to_string(),
            gold: self.gold,
            strict: self.strict,
            lenient: self.lenient,
            strict_recall: ratio(self.strict, self.gold),
            lenient_recall: ratio(self.lenient, self.gold),
        }
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Scores annotations against DuEE-fin documents, matched by id (a document without annotation has no
/// predictions). Later lines with a repeated id replace earlier ones, as the reference scorers read them.
pub fn score_duee(gold: &[DueeDocument], predicted: &[Annotation]) -> DueeReport {
    let gold = last_by_id(gold, |d| d.id.clone());
    let predicted: HashMap<String, &Annotation> = predicted
        .iter()
        .map(|a| (super::annotation_id(a), a))
        .collect();
    let mut labels: BTreeMap<String, (&'static str, Tally)> = BTreeMap::new();
    let mut proxy = Proxy {
        judged: 0,
        correct: 0,
        precision: 0.0,
    };
    let mut predicted_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut misses = Vec::new();
    for doc in &gold {
        let relations: &[RelationSpan] = predicted.get(&doc.id).map_or(&[], |a| &a.relations);
        for r in relations {
            *predicted_counts.entry(r.kind.clone()).or_default() += 1;
        }
        let facts = gold_facts(doc);
        for fact in &facts {
            let strict = relations.iter().any(|r| states(fact, r, strict_eq));
            let lenient = strict || relations.iter().any(|r| states(fact, r, lenient_eq));
            let (_, tally) = labels
                .entry(fact.label.clone())
                .or_insert((fact.relation, Tally::default()));
            tally.gold += 1;
            tally.strict += usize::from(strict);
            tally.lenient += usize::from(lenient);
            if !lenient {
                misses.push(DueeMiss {
                    document: doc.id.clone(),
                    label: fact.label.clone(),
                    relation: fact.relation.to_string(),
                    subject: fact.subject.to_string(),
                    object: fact.object.to_string(),
                });
            }
        }
        judge_holds_position(&facts, relations, &mut proxy);
    }
    proxy.precision = ratio(proxy.correct, proxy.judged);
    let mut by_relation: BTreeMap<&str, Tally> = BTreeMap::new();
    for (relation, tally) in labels.values() {
        let total = by_relation.entry(relation).or_default();
        total.gold += tally.gold;
        total.strict += tally.strict;
        total.lenient += tally.lenient;
    }
    DueeReport {
        documents: gold.len(),
        labels: labels
            .iter()
            .map(|(label, (relation, tally))| tally.recall(label, relation))
            .collect(),
        relations: by_relation
            .iter()
            .map(|(relation, tally)| tally.recall(relation, relation))
            .collect(),
        holds_position_proxy: proxy,
        predicted: predicted_counts,
        mentions: mention_recall(&gold, &predicted),
        misses,
    }
}

/// The precision proxy's share of one document: each predicted `holds_position` fact whose person (text or
/// canonical, by core) is a gold executive is judged, and is correct when its organisation leniently
/// matches one of the companies the first such name holds a gold position in.
fn judge_holds_position(facts: &[GoldFact<'_>], relations: &[RelationSpan], proxy: &mut Proxy) {
    let mut executives: HashMap<String, Vec<&str>> = HashMap::new();
    for fact in facts.iter().filter(|f| f.relation == HOLDS_POSITION) {
        executives
            .entry(duee_core(fact.subject))
            .or_default()
            .push(fact.object);
    }
    for r in relations.iter().filter(|r| r.kind == HOLDS_POSITION) {
        let Some(firms) = names(&r.subject).find_map(|n| executives.get(&duee_core(n))) else {
            continue;
        };
        proxy.judged += 1;
        let correct = firms
            .iter()
            .any(|firm| names(&r.object).any(|n| lenient_eq(firm, n)));
        proxy.correct += usize::from(correct);
    }
}

/// Organisation and person recall of the gold event arguments: exact span, or any overlap, with a
/// predicted mention of the same kind.
fn mention_recall(
    gold: &[&DueeDocument],
    predicted: &HashMap<String, &Annotation>,
) -> Vec<MentionRecall> {
    let kind = |t: &str| {
        if ORGANISATIONS.contains(&t) {
            "org".to_string()
        } else {
            t.to_string()
        }
    };
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for doc in gold {
        let spans: Vec<(usize, usize, String)> = predicted
            .get(&doc.id)
            .map(|a| {
                a.entities
                    .iter()
                    .map(|e| (e.start, e.end, kind(&e.kind)))
                    .collect()
            })
            .unwrap_or_default();
        for e in &doc.entities {
            let k = kind(&e.kind);
            if k != "org" && k != "person" {
                continue;
            }
            let exact = spans
                .iter()
                .any(|(s, end, t)| *s == e.start && *end == e.end && *t == k);
            let overlap = spans
                .iter()
                .any(|(s, end, t)| *s < e.end && e.start < *end && *t == k);
            let count = counts.entry(k).or_default();
            count.0 += 1;
            count.1 += usize::from(exact);
            count.2 += usize::from(overlap);
        }
    }
    counts
        .into_iter()
        .map(|(kind, (gold, exact, overlap))| MentionRecall {
            kind,
            gold,
            exact,
            overlap,
            exact_recall: ratio(exact, gold),
            overlap_recall: ratio(overlap, gold),
        })
        .collect()
}

/// One item per id, in first-seen order, the last line with that id winning (a Python dict's reading).
fn last_by_id<T>(items: &[T], id: impl Fn(&T) -> String) -> Vec<&T> {
    let mut position: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<&T> = Vec::new();
    for item in items {
        match position.get(&id(item)) {
            Some(&at) => out[at] = item,
            None => {
                position.insert(id(item), out.len());
                out.push(item);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::EntitySpan;

    fn argument(text: &str, canonical: &str) -> ArgumentSpan {
        ArgumentSpan {
            start: 0,
            end: 0,
            text: text.to_string(),
            kind: String::new(),
            canonical: canonical.to_string(),
        }
    }

    fn fact(kind: &str, subject: &str, object: &str) -> RelationSpan {
        RelationSpan {
            kind: kind.to_string(),
            subject: argument(subject, ""),
            object: argument(object, ""),
            attrs: BTreeMap::new(),
            rule: "r".to_string(),
        }
    }

    fn doc(id: &str, events: &[(&str, &[(&str, &str)])]) -> DueeDocument {
        DueeDocument {
            id: id.to_string(),
            text: String::new(),
            entities: Vec::new(),
            events: events
                .iter()
                .map(|(kind, args)| DueeEvent {
                    event_type: kind.to_string(),
                    arguments: args
                        .iter()
                        .map(|(role, argument)| DueeArgument {
                            role: role.to_string(),
                            argument: argument.to_string(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn events_give_one_fact_per_label_and_argument_cores() {
        let d = doc(
            "a",
            &[
                (
                    "企业融资",
                    &[
                        ("投资方", "甲乙资本"),
                        ("领投方", "甲乙资本"),
                        ("被投资方", "丙丁科技有限公司"),
                    ],
                ),
                (
                    "企业融资",
                    &[("投资方", "甲乙资本"), ("被投资方", "丙丁科技")],
                ),
                ("中标", &[("中标公司", "戊己")]),
            ],
        );
        let labels: Vec<String> = gold_facts(&d).into_iter().map(|f| f.label).collect();
        assert_eq!(
            labels,
            ["企业融资:投资方->被投资方", "企业融资:领投方->被投资方"]
        );
    }

    #[test]
    fn strict_and_lenient_finds_and_the_proxy() {
        let gold = [doc(
            "a",
            &[
                (
                    "高管变动",
                    &[("高管姓名", "张三"), ("任职公司", "甲乙科技")],
                ),
                (
                    "企业收购",
                    &[("收购方", "丙丁集团"), ("被收购方", "戊己庚有限公司")],
                ),
            ],
        )];
        let predicted = [Annotation {
            id: serde_json::json!("a"),
            entities: vec![EntitySpan {
                start: 0,
                end: 2,
                kind: "person".to_string(),
                text: "张三".to_string(),
                canonical: "张三".to_string(),
                rule: "r".to_string(),
            }],
            relations: vec![
                fact("holds_position", "张三", "甲乙科技股份有限公司"),
                fact("holds_position", "张三", "辛壬公司"),
                fact("shareholder_of", "丙丁", "戊己庚科技有限公司"),
            ],
        }];
        let report = score_duee(&gold, &predicted);
        let rows: Vec<(&str, usize, usize, usize)> = report
            .labels
            .iter()
            .map(|l| (l.label.as_str(), l.gold, l.strict, l.lenient))
            .collect();
        assert_eq!(
            rows,
            [
                ("企业收购:收购方->被收购方", 1, 0, 1),
                ("高管变动:高管姓名->任职公司", 1, 1, 1),
            ],
            "丙丁 is 丙丁集团 strictly, 戊己庚科技 holds 戊己庚 only leniently"
        );
        let proxy = report.holds_position_proxy;
        assert_eq!((proxy.judged, proxy.correct), (2, 1));
        assert!(report.misses.is_empty());
        assert!(report.mentions.is_empty());
    }

    #[test]
    fn a_fact_of_another_type_or_a_one_character_name_is_missed() {
        let gold = [doc(
            "a",
            &[("质押", &[("质押方", "甲"), ("质押物所属公司", "乙丙股份")])],
        )];
        let predicted = [Annotation {
            id: serde_json::json!("a"),
            entities: Vec::new(),
            relations: vec![
                fact("holds_position", "甲", "乙丙"),
                fact("shareholder_of", "甲乙", "乙丙"),
            ],
        }];
        let report = score_duee(&gold, &predicted);
        assert_eq!(report.relations[0].lenient, 0);
        assert_eq!(report.misses[0].subject, "甲");
        assert_eq!(report.predicted.values().sum::<usize>(), 2);
    }
}
