//! The merged knowledge graph: one node per canonical entity, one edge per fact, evidence on every edge.
//!
//! Documents are turned into [`Findings`] (already resolved to canonical [`EntityKey`]s) and folded into a
//! [`KnowledgeGraph`]. Folding is associative and commutative: nodes and edges are keyed, evidence is kept
//! in sets, and every choice (display name, order) is made by a total order, so any merge order gives the
//! same graph and the same exports.

pub mod checks;
pub mod query;
mod quote;

pub use quote::{QUOTE_CHARS, quote};

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::stable_graph::StableDiGraph;
use serde::{Deserialize, Serialize};

use crate::rules::RulePack;

/// Identity of an entity across the corpus: its type and its folded, canonical key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityKey {
    /// Entity type as the rule pack names it.
    pub kind: String,
    /// Folded name (simplified, width- and space-folded, legal suffix stripped).
    pub key: String,
}

impl EntityKey {
    /// The stable node id used in exports: `type:key`.
    pub fn id(&self) -> String {
        format!("{}:{}", self.kind, self.key)
    }
}

/// One piece of evidence for a fact: where it was read and which rule read it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id (the file name).
    pub document: String,
    /// Start of the supporting sentence, in code points of the decoded source document.
    pub start: usize,
    /// End (exclusive) of the supporting sentence, in code points of the decoded source document.
    pub end: usize,
    /// The sentence as it stands in the source (original script, tags removed), shared by every fact
    /// read from it; a sentence longer than [`QUOTE_CHARS`] is quoted around the fact's mentions, the
    /// rest left out with `…`.
    pub sentence: Arc<str>,
    /// Id of the rule that produced the fact.
    pub rule: String,
    /// The fact's other attributes as this sentence gives them (an amount, a term of office): values of
    /// the edge rather than part of its identity, kept per sentence so that differing values all show.
    #[serde(
        rename = "attributes",
        default,
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub attrs: BTreeMap<String, String>,
}

/// An entity as one document saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRecord {
    /// Canonical identity.
    pub key: EntityKey,
    /// Simplified surface forms: candidates for the node's display name.
    pub names: BTreeSet<String>,
    /// Every surface form as written (original script included).
    pub surfaces: BTreeSet<String>,
    /// Number of mentions in the document.
    pub mentions: usize,
    /// True for literal values (such as stock codes) drawn as plain text.
    pub literal: bool,
}

/// A fact as one document saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactRecord {
    /// Relation type.
    pub relation: String,
    /// Subject entity.
    pub subject: EntityKey,
    /// Object entity.
    pub object: EntityKey,
    /// Key attributes: part of the edge identity (e.g. `title`). The other attributes travel with the
    /// evidence ([`Evidence::attrs`]); [`split_attributes`] divides them.
    pub attrs: BTreeMap<String, String>,
    /// Symmetric relations are stored once, with subject ≤ object.
    pub symmetric: bool,
    /// Where it was read.
    pub evidence: Evidence,
}

/// Splits a fact's attributes into its key attributes (those its relation type lists in `key_attrs`,
/// which make the edge's identity: one edge per title) and the others (values of that one edge, such as
/// an amount or a term of office, which go with the evidence). As Neo4j's `MERGE` on key properties then
/// `SET`: `invests_in {amount=5亿元}` and `{amount=5.2亿元}` are one edge with two amounts.
pub fn split_attributes(
    pack: &RulePack,
    relation: &str,
    attrs: &BTreeMap<String, String>,
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let keys = pack
        .relation_types
        .get(relation)
        .map_or(&[][..], |kind| kind.key_attrs.as_slice());
    attrs
        .iter()
        .map(|(name, value)| (name.clone(), value.clone()))
        .partition(|(name, _)| keys.contains(name))
}

/// Everything extracted from one document, resolved to canonical keys.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// The document id.
    pub document: String,
    /// Entities mentioned.
    pub entities: Vec<EntityRecord>,
    /// Facts read.
    pub facts: Vec<FactRecord>,
}

/// A node of the merged graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// Stable id (`type:key`).
    pub id: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Display name: the fullest surface form seen.
    pub name: String,
    /// Other surface forms, sorted.
    pub aliases: BTreeSet<String>,
    /// Documents that mention it, sorted.
    pub documents: BTreeSet<String>,
    /// Total number of mentions.
    pub mentions: usize,
    /// True for literal values (stock codes) rather than real-world entities.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub literal: bool,
    /// Simplified forms the display name is chosen from.
    #[serde(skip)]
    candidates: BTreeSet<String>,
}

/// An edge of the merged graph: one fact with all its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    /// Relation type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Key attributes: with the ends and the type, the edge's identity.
    pub attrs: BTreeMap<String, String>,
    /// True when the relation has no direction.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub symmetric: bool,
    /// Every supporting sentence, sorted and without repeats.
    pub evidence: BTreeSet<Evidence>,
}

impl Edge {
    /// Number of distinct supporting sentences.
    pub fn weight(&self) -> usize {
        self.evidence
            .iter()
            .map(|e| (&e.document, e.start, e.end))
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// The other attributes' values over all evidence: per attribute name, its distinct values in
    /// code-point order.
    pub fn values(&self) -> BTreeMap<&str, BTreeSet<&str>> {
        let mut values: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for evidence in &self.evidence {
            for (name, value) in &evidence.attrs {
                values.entry(name).or_default().insert(value);
            }
        }
        values
    }
}

/// Identity of an edge: ends, relation and key attributes.
type EdgeKey = (EntityKey, EntityKey, String, BTreeMap<String, String>);

/// The merged graph over a petgraph `StableDiGraph`, indexed by entity key and edge identity.
#[derive(Debug, Default, Clone)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Node, Edge>,
    nodes: HashMap<EntityKey, NodeIndex>,
    edges: HashMap<EdgeKey, EdgeIndex>,
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Folds one document's findings into the graph.
    pub fn add(&mut self, findings: &Findings) {
        for entity in &findings.entities {
            let index = self.node_for(&entity.key, entity.literal);
            let node = &mut self.graph[index];
            node.documents.insert(findings.document.clone());
            node.mentions += entity.mentions;
            node.candidates.extend(entity.names.iter().cloned());
            node.aliases.extend(entity.names.iter().cloned());
            node.aliases.extend(entity.surfaces.iter().cloned());
            choose_name(node);
        }
        for fact in &findings.facts {
            let (subject, object) = if fact.symmetric && fact.object < fact.subject {
                (&fact.object, &fact.subject)
            } else {
                (&fact.subject, &fact.object)
            };
            let source = self.node_for(subject, false);
            let target = self.node_for(object, false);
            let key = (
                subject.clone(),
                object.clone(),
                fact.relation.clone(),
                fact.attrs.clone(),
            );
            let index = match self.edges.get(&key) {
                Some(&index) => index,
                None => {
                    let edge = Edge {
                        kind: fact.relation.clone(),
                        attrs: fact.attrs.clone(),
                        symmetric: fact.symmetric,
                        evidence: BTreeSet::new(),
                    };
                    let index = self.graph.add_edge(source, target, edge);
                    self.edges.insert(key, index);
                    index
                }
            };
            self.graph[index].evidence.insert(fact.evidence.clone());
        }
    }

    /// Folds another graph into this one (same result whatever the order).
    pub fn merge(&mut self, other: &KnowledgeGraph) {
        for (key, &index) in &other.nodes {
            let theirs = &other.graph[index];
            let ours = self.node_for(key, theirs.literal);
            let node = &mut self.graph[ours];
            node.documents.extend(theirs.documents.iter().cloned());
            node.aliases.extend(theirs.aliases.iter().cloned());
            node.aliases.insert(theirs.name.clone());
            node.candidates.extend(theirs.candidates.iter().cloned());
            node.mentions += theirs.mentions;
            choose_name(node);
        }
        for ((subject, object, relation, attrs), &index) in &other.edges {
            let theirs = &other.graph[index];
            let source = self.node_for(subject, false);
            let target = self.node_for(object, false);
            let key = (
                subject.clone(),
                object.clone(),
                relation.clone(),
                attrs.clone(),
            );
            match self.edges.get(&key) {
                Some(&ours) => self.graph[ours]
                    .evidence
                    .extend(theirs.evidence.iter().cloned()),
                None => {
                    let ours = self.graph.add_edge(source, target, theirs.clone());
                    self.edges.insert(key, ours);
                }
            }
        }
    }

    /// Nodes sorted by id.
    pub fn nodes(&self) -> Vec<&Node> {
        let mut nodes: Vec<&Node> = self.graph.node_weights().collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        nodes
    }

    /// Edges as (source node, target node, edge), sorted by source id, target id, type and attributes.
    pub fn edges(&self) -> Vec<(&Node, &Node, &Edge)> {
        let mut edges: Vec<(&Node, &Node, &Edge)> = self
            .graph
            .edge_indices()
            .filter_map(|index| {
                let (a, b) = self.graph.edge_endpoints(index)?;
                Some((&self.graph[a], &self.graph[b], &self.graph[index]))
            })
            .collect();
        edges.sort_by(|x, y| {
            (&x.0.id, &x.1.id, &x.2.kind, &x.2.attrs)
                .cmp(&(&y.0.id, &y.1.id, &y.2.kind, &y.2.attrs))
        });
        edges
    }

    /// Rebuilds a graph from exported nodes and `(source id, target id, edge)` triples, as read back
    /// from `graph.json`.
    ///
    /// Each node's [`EntityKey`] is recovered from its id (`type:key`). The display name becomes the only
    /// name candidate of a node seen in some document, which keeps later [`KnowledgeGraph::add`] and
    /// [`KnowledgeGraph::merge`] calls choosing names exactly as they would on the original graph.
    pub fn from_parts(
        nodes: Vec<Node>,
        edges: Vec<(String, String, Edge)>,
    ) -> Result<Self, GraphPartsError> {
        let mut graph = Self::new();
        let mut by_id = HashMap::new();
        for mut node in nodes {
            let key = node
                .id
                .strip_prefix(node.kind.as_str())
                .and_then(|rest| rest.strip_prefix(':'))
                .map(|key| EntityKey {
                    kind: node.kind.clone(),
                    key: key.to_owned(),
                })
                .ok_or_else(|| GraphPartsError::BadNodeId(node.id.clone()))?;
            if graph.nodes.contains_key(&key) {
                return Err(GraphPartsError::DuplicateNode(node.id));
            }
            if !node.documents.is_empty() {
                node.candidates = BTreeSet::from([node.name.clone()]);
            }
            by_id.insert(node.id.clone(), key.clone());
            let index = graph.graph.add_node(node);
            graph.nodes.insert(key, index);
        }
        for (source, target, edge) in edges {
            let endpoint = |id: &String| {
                by_id
                    .get(id)
                    .cloned()
                    .ok_or_else(|| GraphPartsError::UnknownNode(id.clone()))
            };
            let (subject, object) = (endpoint(&source)?, endpoint(&target)?);
            let (a, b) = (graph.nodes[&subject], graph.nodes[&object]);
            let key = (subject, object, edge.kind.clone(), edge.attrs.clone());
            if graph.edges.contains_key(&key) {
                return Err(GraphPartsError::DuplicateEdge {
                    from: source,
                    to: target,
                    kind: edge.kind,
                });
            }
            let index = graph.graph.add_edge(a, b, edge);
            graph.edges.insert(key, index);
        }
        Ok(graph)
    }

    /// The node with this key, if any.
    pub fn node(&self, key: &EntityKey) -> Option<&Node> {
        self.nodes.get(key).map(|&index| &self.graph[index])
    }

    /// The underlying petgraph graph, for queries and algorithms.
    pub fn petgraph(&self) -> &StableDiGraph<Node, Edge> {
        &self.graph
    }

    fn node_for(&mut self, key: &EntityKey, literal: bool) -> NodeIndex {
        if let Some(&index) = self.nodes.get(key) {
            if literal {
                self.graph[index].literal = true;
            }
            return index;
        }
        let index = self.graph.add_node(Node {
            id: key.id(),
            kind: key.kind.clone(),
            name: key.key.clone(),
            aliases: BTreeSet::new(),
            documents: BTreeSet::new(),
            mentions: 0,
            literal,
            candidates: BTreeSet::new(),
        });
        self.nodes.insert(key.clone(), index);
        index
    }
}

/// Why [`KnowledgeGraph::from_parts`] refused its input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GraphPartsError {
    /// A node id is not `type:key` for the node's own type.
    #[error("node id {0:?} does not start with its type and a colon")]
    BadNodeId(String),
    /// Two nodes share an id.
    #[error("duplicate node id {0:?}")]
    DuplicateNode(String),
    /// An edge names a node that is not in the graph.
    #[error("edge endpoint {0:?} is not a node")]
    UnknownNode(String),
    /// Two edges share ends, type and attributes.
    #[error("duplicate {kind:?} edge from {from:?} to {to:?}")]
    DuplicateEdge {
        /// Source node id.
        from: String,
        /// Target node id.
        to: String,
        /// Relation type.
        kind: String,
    },
}

/// Picks the display name: the longest simplified form (in characters), ties broken by code-point order;
/// every other form stays an alias.
fn choose_name(node: &mut Node) {
    node.aliases.insert(std::mem::take(&mut node.name));
    let best = node
        .candidates
        .iter()
        .max_by(|a, b| {
            a.chars()
                .count()
                .cmp(&b.chars().count())
                .then_with(|| b.cmp(a))
        })
        .cloned()
        .unwrap_or_default();
    node.aliases.remove(&best);
    node.name = best;
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn key(kind: &str, name: &str) -> EntityKey {
        EntityKey {
            kind: kind.to_owned(),
            key: name.to_owned(),
        }
    }

    /// 敖宏 holds `title` in the CPPCC, read in sentence `start` with the other attributes `values`.
    fn fact(title: &str, values: &[(&str, &str)], start: usize) -> FactRecord {
        FactRecord {
            relation: "holds_position".to_owned(),
            subject: key("person", "敖宏"),
            object: key("organization", "全国政协"),
            attrs: attrs(&[("title", title)]),
            symmetric: false,
            evidence: Evidence {
                document: "d.txt".to_owned(),
                start,
                end: start + 10,
                sentence: format!("第{start}句").into(),
                rule: "r".to_owned(),
                attrs: attrs(values),
            },
        }
    }

    #[test]
    fn key_attributes_split_from_the_others_as_the_pack_declares() {
        let pack =
            crate::rules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
        let read = attrs(&[("term", "第十四届"), ("title", "委员")]);
        assert_eq!(
            split_attributes(&pack, "holds_position", &read),
            (attrs(&[("title", "委员")]), attrs(&[("term", "第十四届")]))
        );
        let mode = attrs(&[("mode", "引入")]);
        assert_eq!(
            split_attributes(&pack, "formed_from", &mode),
            (BTreeMap::new(), mode)
        );
    }

    #[test]
    fn edges_are_keyed_by_key_attributes_only() {
        let mut graph = KnowledgeGraph::new();
        graph.add(&Findings {
            document: "d.txt".to_owned(),
            entities: Vec::new(),
            facts: vec![
                fact("委员", &[("term", "第十四届")], 0),
                fact("委员", &[], 20),
                fact("委员", &[("term", "第十三届")], 40),
                fact("常委", &[("term", "第十四届")], 60),
            ],
        });
        let edges = graph.edges();
        assert_eq!(edges.len(), 2);
        let (_, _, member) = edges[0];
        assert_eq!(member.attrs, attrs(&[("title", "委员")]));
        assert_eq!(member.weight(), 3);
        assert_eq!(
            member.values(),
            BTreeMap::from([("term", BTreeSet::from(["第十三届", "第十四届"]))])
        );
    }
}
