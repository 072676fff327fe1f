//! Choosing the part of a graph worth drawing: relation, type, weight and document filters, a focus
//! entity's neighbourhood, and the best-connected entities when the rest would be unreadable.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::graph::query::{self, fold};
use crate::graph::{Edge, KnowledgeGraph, Node};

/// What to keep of a graph; every given condition must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Entities whose name, alias or id contains one of these (traditional characters fold to simplified);
    /// exact names win over substrings. Empty: no focus.
    pub focus: Vec<String>,
    /// How many edges away from a focus entity to go.
    pub hops: usize,
    /// Relation types to keep (empty: all).
    pub relations: Vec<String>,
    /// Entity types both ends must have (empty: all).
    pub types: Vec<String>,
    /// Edges need at least this many distinct supporting sentences.
    pub min_weight: usize,
    /// Keep at most this many entities, the best connected first (focus entities always stay).
    pub top: Option<usize>,
    /// Keep only edges with evidence from a document whose id contains this.
    pub document: Option<String>,
}

/// The selected part of a graph, in the graph's order.
#[derive(Debug, Clone)]
pub struct Subgraph<'g> {
    /// Entities drawn: every end of a kept edge, and the focus entities.
    pub nodes: Vec<&'g Node>,
    /// Edges kept, as (source, target, edge).
    pub edges: Vec<(&'g Node, &'g Node, &'g Edge)>,
    /// Ids of the focus entities.
    pub focus: BTreeSet<&'g str>,
    /// Entities left out by `top`.
    pub left_out: usize,
}

/// Why nothing can be selected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    /// No entity's name, alias or id contains the focus text.
    #[error(
        "no entity is named {0:?} (names, aliases and ids are searched, traditional characters too)"
    )]
    NoSuchEntity(String),
}

impl Selection {
    /// Applies the selection to `graph`.
    pub fn apply<'g>(&self, graph: &'g KnowledgeGraph) -> Result<Subgraph<'g>, SelectError> {
        let document = self.document.as_deref();
        let mut edges: Vec<(&Node, &Node, &Edge)> = graph
            .edges()
            .into_iter()
            .filter(|(source, target, edge)| {
                (self.relations.is_empty() || self.relations.contains(&edge.kind))
                    && (self.types.is_empty()
                        || (self.types.contains(&source.kind) && self.types.contains(&target.kind)))
                    && edge.weight() >= self.min_weight
                    && document.is_none_or(|wanted| {
                        edge.evidence
                            .iter()
                            .any(|evidence| evidence.document.contains(wanted))
                    })
            })
            .collect();
        let mut focus: BTreeSet<&str> = BTreeSet::new();
        for wanted in &self.focus {
            let found = focused(graph, wanted);
            if found.is_empty() {
                return Err(SelectError::NoSuchEntity(wanted.clone()));
            }
            focus.extend(found.iter().map(|node| node.id.as_str()));
        }
        if !focus.is_empty() {
            let near = neighbourhood(&edges, &focus, self.hops);
            edges.retain(|(source, target, _)| {
                near.contains(source.id.as_str()) && near.contains(target.id.as_str())
            });
        }
        let mut left_out = 0;
        if let Some(top) = self.top {
            let kept = best_connected(&edges, &focus, top);
            let before = ends(&edges).len();
            edges.retain(|(source, target, _)| {
                kept.contains(source.id.as_str()) && kept.contains(target.id.as_str())
            });
            left_out = before.saturating_sub(ends(&edges).len());
        }
        let drawn = ends(&edges);
        let nodes = graph
            .nodes()
            .into_iter()
            .filter(|node| drawn.contains(node.id.as_str()) || focus.contains(node.id.as_str()))
            .collect();
        Ok(Subgraph {
            nodes,
            edges,
            focus,
            left_out,
        })
    }
}

/// The entities `wanted` names: those whose name, an alias or the id folds to it exactly, else those
/// where it is part of one.
fn focused<'g>(graph: &'g KnowledgeGraph, wanted: &str) -> Vec<&'g Node> {
    let wanted = fold(wanted);
    let names = |node: &'g Node| {
        std::iter::once(node.name.as_str())
            .chain(node.aliases.iter().map(String::as_str))
            .chain(std::iter::once(node.id.as_str()))
            .map(fold)
            .collect::<Vec<String>>()
    };
    let nodes = graph.nodes();
    let exact: Vec<&Node> = nodes
        .iter()
        .copied()
        .filter(|node| names(node).contains(&wanted))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    nodes
        .into_iter()
        .filter(|node| names(node).iter().any(|name| name.contains(&wanted)))
        .collect()
}

/// Ids of the entities at most `hops` edges from a focus entity (edges taken in either direction).
fn neighbourhood<'g>(
    edges: &[(&'g Node, &'g Node, &'g Edge)],
    focus: &BTreeSet<&'g str>,
    hops: usize,
) -> BTreeSet<&'g str> {
    let mut adjacent: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (source, target, _) in edges {
        adjacent.entry(&source.id).or_default().push(&target.id);
        adjacent.entry(&target.id).or_default().push(&source.id);
    }
    let mut seen: BTreeSet<&str> = focus.clone();
    let mut queue: VecDeque<(&str, usize)> = focus.iter().map(|&id| (id, 0)).collect();
    while let Some((id, distance)) = queue.pop_front() {
        if distance == hops {
            continue;
        }
        for &next in adjacent.get(id).into_iter().flatten() {
            if seen.insert(next) {
                queue.push_back((next, distance + 1));
            }
        }
    }
    seen
}

/// Ids of the `top` entities with the most edges (ties: the one with more supporting sentences, then
/// by id), focus entities first.
fn best_connected<'g>(
    edges: &[(&'g Node, &'g Node, &'g Edge)],
    focus: &BTreeSet<&'g str>,
    top: usize,
) -> BTreeSet<&'g str> {
    let mut kept: BTreeSet<&str> = focus.clone();
    for (id, _, _) in query::best_connected(edges) {
        if kept.len() >= top.max(focus.len()) {
            break;
        }
        kept.insert(id);
    }
    kept
}

/// Ids of the ends of `edges`.
fn ends<'g>(edges: &[(&'g Node, &'g Node, &'g Edge)]) -> BTreeSet<&'g str> {
    edges
        .iter()
        .flat_map(|(source, target, _)| [source.id.as_str(), target.id.as_str()])
        .collect()
}
