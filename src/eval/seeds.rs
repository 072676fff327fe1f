//! Graph-level scoring against `seeds.gold.json`, per document, in the manner of `shared/eval/graph_eval.py`.
//!
//! Entities: the distinct gold entities of a document versus the distinct predicted ones (resolved to gold
//! names through names and aliases; unresolved predictions count by their normalised name). Relations:
//! (subject, type, object) per document; `cooperates_with` ignores direction, `holds_position` needs the
//! titles to agree (one containing the other), `listed_as` objects are literal codes. A second prediction of
//! an already matched fact is a duplicate, not an error. Both a strict and a lenient (legal suffixes
//! dropped) variant are scored.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use super::gold::{Confidence, SeedGold, SeedRelation};
use super::is_symmetric;
use super::metrics::{Counts, ScoreTable};
use super::names::{NameIndex, Surface, normalize};
use super::nodes::NodeScores;
use super::spans::ErrorKind;
use crate::annotate::{Annotation, ArgumentSpan, EntitySpan, RelationSpan};

/// Entity types the seed gold annotates; predictions of other types are not scored.
const ENTITY_TYPES: [&str; 5] = ["company", "organization", "person", "location", "agreement"];

/// How graph-level scoring treats the gold.
#[derive(Debug, Clone, Copy, Default)]
pub struct SeedOptions {
    /// Score only relations the text states outright. Implied gold relations are then left out of the
    /// gold count, and a prediction that matches one is neither right nor wrong.
    pub explicit_only: bool,
}

/// Result of graph-level scoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeedReport {
    /// Documents scored.
    pub documents: usize,
    /// Whether only explicit gold relations were scored.
    pub explicit_only: bool,
    /// Exact matches of names and aliases.
    pub strict: SeedScores,
    /// Matches also after dropping legal suffixes.
    pub lenient: SeedScores,
    /// How the merged graph's nodes line up with the gold entities, when the caller built the graph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nodes: Option<NodeScores>,
}

/// Entity and relation scores of one matching variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeedScores {
    /// Distinct entities per document, per type.
    pub entities: ScoreTable,
    /// Facts per document, per type.
    pub relations: ScoreTable,
    /// Spurious and missed entities and facts, by document.
    pub errors: Vec<SeedError>,
}

/// Whether an error concerns an entity or a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A (distinct) entity of a document.
    Entity,
    /// A fact of a document.
    Relation,
}

/// One graph-level error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeedError {
    /// False positive or false negative.
    pub kind: ErrorKind,
    /// Entity or fact.
    pub level: Level,
    /// Document id.
    pub doc: String,
    /// Entity or relation type.
    #[serde(rename = "type")]
    pub item_type: String,
    /// The entity (gold name, or predicted normalised name), or the fact's subject.
    pub subject: String,
    /// The fact's object.
    pub object: Option<String>,
    /// The fact's attributes.
    pub attrs: BTreeMap<String, String>,
    /// The rule behind a false positive.
    pub rule: Option<String>,
}

/// Scores one annotation per corpus document (keyed by file name) against the seed gold.
pub fn score_seeds(
    gold: &SeedGold,
    predicted: &[(String, Annotation)],
    opts: &SeedOptions,
) -> SeedReport {
    let index = NameIndex::new(&gold.entities);
    let preds: HashMap<&str, &Annotation> =
        predicted.iter().map(|(id, a)| (id.as_str(), a)).collect();
    let variant = |lenient| {
        let mut scorer = Scorer {
            index: &index,
            lenient,
            opts,
            entities: BTreeMap::new(),
            relations: BTreeMap::new(),
            errors: Vec::new(),
        };
        for doc in &gold.documents {
            let p = preds.get(doc.as_str()).copied();
            scorer.entities(gold, doc, p.map_or(&[][..], |a| &a.entities));
            scorer.relations(gold, doc, p.map_or(&[][..], |a| &a.relations));
        }
        SeedScores {
            entities: ScoreTable::from_counts(&scorer.entities),
            relations: ScoreTable::from_counts(&scorer.relations),
            errors: scorer.errors,
        }
    };
    SeedReport {
        documents: gold.documents.len(),
        explicit_only: opts.explicit_only,
        strict: variant(false),
        lenient: variant(true),
        nodes: None,
    }
}

/// Counts of one matching variant, accumulated document by document.
struct Scorer<'a, 'g> {
    index: &'a NameIndex<'g>,
    lenient: bool,
    opts: &'a SeedOptions,
    entities: BTreeMap<String, Counts>,
    relations: BTreeMap<String, Counts>,
    errors: Vec<SeedError>,
}

impl<'g> Scorer<'_, 'g> {
    fn entities(&mut self, gold: &'g SeedGold, doc: &str, predicted: &[EntitySpan]) {
        let gold_ents: BTreeSet<(&str, &str)> = gold
            .entities
            .iter()
            .filter(|e| e.docs.iter().any(|d| d == doc))
            .map(|e| (e.kind.as_str(), e.name.as_str()))
            .collect();
        let mut pred_ents: BTreeMap<(&str, String), &str> = BTreeMap::new();
        let mut resolved = BTreeSet::new();
        for e in predicted
            .iter()
            .filter(|e| ENTITY_TYPES.contains(&e.kind.as_str()))
        {
            let surface = Surface {
                canonical: &e.canonical,
                text: &e.text,
                kind: &e.kind,
            };
            let key = match self.index.resolve(surface, self.lenient) {
                Some(name) if self.index.type_of(name) == Some(e.kind.as_str()) => {
                    resolved.insert((e.kind.as_str(), name));
                    name.to_string()
                }
                _ => normalize(if e.canonical.is_empty() {
                    &e.text
                } else {
                    &e.canonical
                }),
            };
            pred_ents.entry((&e.kind, key)).or_insert(&e.rule);
        }
        for (kind, _) in &gold_ents {
            self.entities.entry(kind.to_string()).or_default().gold += 1;
        }
        for (kind, _) in pred_ents.keys() {
            self.entities.entry(kind.to_string()).or_default().pred += 1;
        }
        for (kind, _) in gold_ents.intersection(&resolved) {
            self.entities.entry(kind.to_string()).or_default().tp += 1;
        }
        for ((kind, name), rule) in &pred_ents {
            let key = (*kind, name.as_str());
            if !(gold_ents.contains(&key) && resolved.contains(&key)) {
                self.push_entity_error(ErrorKind::FalsePositive, doc, kind, name, Some(rule));
            }
        }
        for (kind, name) in gold_ents.difference(&resolved) {
            self.push_entity_error(ErrorKind::FalseNegative, doc, kind, name, None);
        }
    }

    fn relations(&mut self, gold: &'g SeedGold, doc: &str, predicted: &[RelationSpan]) {
        let gold_rels: Vec<&SeedRelation> =
            gold.relations.iter().filter(|r| r.doc == doc).collect();
        let scored =
            |g: &SeedRelation| !self.opts.explicit_only || g.confidence == Confidence::Explicit;
        let mut matched = vec![false; gold_rels.len()];
        let mut seen = HashSet::new();
        for r in predicted {
            let subject = self.resolve(&r.subject);
            let object = if r.kind == "listed_as" {
                let o = &r.object;
                Some(normalize(if o.text.is_empty() {
                    &o.canonical
                } else {
                    &o.text
                }))
            } else {
                self.resolve(&r.object).map(str::to_string)
            };
            let title = normalize(r.attrs.get("title").map_or("", String::as_str));
            let key = (subject, r.kind.as_str(), object.clone(), title);
            if !seen.insert(key) && subject.is_some() && object.is_some() {
                continue;
            }
            let hit = best_hit(&gold_rels, &matched, r, subject, object.as_deref());
            let counts = self.relations.entry(r.kind.clone()).or_default();
            match hit {
                Some(i) if !matched[i] => {
                    matched[i] = true;
                    if scored(gold_rels[i]) {
                        counts.pred += 1;
                        counts.tp += 1;
                    }
                }
                Some(_) => {}
                None => {
                    counts.pred += 1;
                    self.errors.push(SeedError {
                        kind: ErrorKind::FalsePositive,
                        level: Level::Relation,
                        doc: doc.to_string(),
                        item_type: r.kind.clone(),
                        subject: r.subject.text.clone(),
                        object: Some(r.object.text.clone()),
                        attrs: r.attrs.clone(),
                        rule: Some(r.rule.clone()),
                    });
                }
            }
        }
        for (g, found) in gold_rels.iter().zip(&matched).filter(|(g, _)| scored(g)) {
            self.relations.entry(g.kind.clone()).or_default().gold += 1;
            if !found {
                self.errors.push(SeedError {
                    kind: ErrorKind::FalseNegative,
                    level: Level::Relation,
                    doc: doc.to_string(),
                    item_type: g.kind.clone(),
                    subject: g.subject.clone(),
                    object: Some(g.object.clone()),
                    attrs: g.attrs.clone(),
                    rule: None,
                });
            }
        }
    }

    fn resolve(&self, a: &ArgumentSpan) -> Option<&'g str> {
        let surface = Surface {
            canonical: &a.canonical,
            text: &a.text,
            kind: &a.kind,
        };
        self.index.resolve(surface, self.lenient)
    }

    fn push_entity_error(
        &mut self,
        kind: ErrorKind,
        doc: &str,
        item_type: &str,
        name: &str,
        rule: Option<&str>,
    ) {
        self.errors.push(SeedError {
            kind,
            level: Level::Entity,
            doc: doc.to_string(),
            item_type: item_type.to_string(),
            subject: name.to_string(),
            object: None,
            attrs: BTreeMap::new(),
            rule: rule.map(str::to_string),
        });
    }
}

/// The gold fact a prediction matches: the first one not yet matched, else the last matched one.
fn best_hit(
    gold: &[&SeedRelation],
    matched: &[bool],
    r: &RelationSpan,
    subject: Option<&str>,
    object: Option<&str>,
) -> Option<usize> {
    let mut hit = None;
    for (i, g) in gold.iter().enumerate().filter(|(_, g)| g.kind == r.kind) {
        let g_object = if g.kind == "listed_as" {
            normalize(&g.object)
        } else {
            g.object.clone()
        };
        let forward = Some(g.subject.as_str()) == subject && Some(g_object.as_str()) == object;
        let backward = is_symmetric(&g.kind)
            && Some(g.subject.as_str()) == object
            && Some(g_object.as_str()) == subject;
        if (forward || backward) && (g.kind != "holds_position" || titles_agree(g, r)) {
            hit = Some(i);
            if !matched[i] {
                break;
            }
        }
    }
    hit
}

/// A gold title agrees when absent, or when one normalised title contains the other.
fn titles_agree(g: &SeedRelation, r: &RelationSpan) -> bool {
    let title =
        |attrs: &BTreeMap<String, String>| normalize(attrs.get("title").map_or("", String::as_str));
    let (gt, pt) = (title(&g.attrs), title(&r.attrs));
    gt.is_empty() || (!pt.is_empty() && (gt.contains(&pt) || pt.contains(&gt)))
}
