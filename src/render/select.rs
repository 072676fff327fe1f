//! Choosing part of a graph, for `kgx render` and `kgx query` alike: relation, type, weight, document
//! and end filters, a focus entity's neighbourhood, the shortest paths between two entities, and the
//! best-connected entities when the rest would be unreadable.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

use petgraph::algo::dijkstra;
use petgraph::graph::{NodeIndex, UnGraph};

use crate::graph::query::{self, fold};
use crate::graph::{Edge, KnowledgeGraph, Node};

/// Candidates an ambiguous name lists at most.
const CANDIDATES_SHOWN: usize = 20;

/// What to keep of a graph; every given condition must hold. Names (focus, ends, path) are matched
/// against an entity's name, aliases and id, traditional characters folded to simplified: an exact
/// match wins, else the one entity whose name contains the text; several such entities are an error
/// that lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Entities whose neighbourhood to keep. Empty: no focus.
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
    /// Keep only edges from this entity (either end of a symmetric edge).
    pub from: Option<String>,
    /// Keep only edges to this entity (either end of a symmetric edge).
    pub to: Option<String>,
    /// Keep only the edges on a shortest path between these two entities, edges taken either way.
    pub path: Option<(String, String)>,
}

/// The selected part of a graph, in the graph's order.
#[derive(Debug, Clone)]
pub struct Subgraph<'g> {
    /// Entities kept: every end of a kept edge, and the focus entities.
    pub nodes: Vec<&'g Node>,
    /// Edges kept, as (source, target, edge).
    pub edges: Vec<(&'g Node, &'g Node, &'g Edge)>,
    /// Ids of the focus entities (and of a path's two ends).
    pub focus: BTreeSet<&'g str>,
    /// Entities left out by `top`.
    pub left_out: usize,
    /// For a path selection, the shortest paths found.
    pub paths: Option<Paths>,
}

/// The shortest paths between two entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paths {
    /// Edges on each of them.
    pub length: usize,
    /// How many distinct sequences of entities they are.
    pub count: u64,
}

/// Why nothing can be selected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    /// No entity's name, alias or id contains the text.
    #[error(
        "no entity is named {0:?} (names, aliases and ids are searched, traditional characters too)"
    )]
    NoSuchEntity(String),
    /// Several entities contain the text and none is named by it exactly.
    #[error("{0}")]
    Ambiguous(Ambiguity),
    /// No chain of selected edges joins the two entities.
    #[error("no path joins {0} and {1} in the selected relations")]
    NoPath(String, String),
}

/// A name that is part of several entities' names: what was asked and `(id, display name)` of each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    /// The name as given.
    pub wanted: String,
    /// The entities it is part of, by id.
    pub candidates: Vec<(String, String)>,
}

impl fmt::Display for Ambiguity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:?} is part of the names of {} entities:",
            self.wanted,
            self.candidates.len()
        )?;
        for (id, name) in self.candidates.iter().take(CANDIDATES_SHOWN) {
            writeln!(f, "  {id}  {name}")?;
        }
        if self.candidates.len() > CANDIDATES_SHOWN {
            writeln!(
                f,
                "  … and {} more",
                self.candidates.len() - CANDIDATES_SHOWN
            )?;
        }
        write!(f, "  hint: give one of these names or ids in full")
    }
}

/// An edge as the selection holds it.
type EdgeRef<'g> = (&'g Node, &'g Node, &'g Edge);

impl Selection {
    /// Applies the selection to `graph`.
    pub fn apply<'g>(&self, graph: &'g KnowledgeGraph) -> Result<Subgraph<'g>, SelectError> {
        let document = self.document.as_deref();
        let mut edges: Vec<EdgeRef<'g>> = graph
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
        let ends = |name: &Option<String>| -> Result<Option<BTreeSet<&'g str>>, SelectError> {
            name.as_deref()
                .map(|name| Ok(ids(&named(graph, name)?)))
                .transpose()
        };
        let (from, to) = (ends(&self.from)?, ends(&self.to)?);
        if from.is_some() || to.is_some() {
            let is = |node: &Node, ids: &Option<BTreeSet<&str>>| {
                ids.as_ref()
                    .is_none_or(|ids| ids.contains(node.id.as_str()))
            };
            let runs = |a: &Node, b: &Node| is(a, &from) && is(b, &to);
            edges.retain(|(source, target, edge)| {
                runs(source, target) || (edge.symmetric && runs(target, source))
            });
        }
        let mut focus: BTreeSet<&str> = BTreeSet::new();
        for wanted in &self.focus {
            focus.extend(ids(&named(graph, wanted)?));
        }
        if !focus.is_empty() {
            let near = neighbourhood(&edges, &focus, self.hops);
            edges.retain(|(source, target, _)| {
                near.contains(source.id.as_str()) && near.contains(target.id.as_str())
            });
        }
        let mut paths = None;
        if let Some((a, b)) = &self.path {
            let (start, end) = (one(graph, a)?, one(graph, b)?);
            let found = shortest_paths(&mut edges, &start.id, &end.id)
                .ok_or_else(|| SelectError::NoPath(start.name.clone(), end.name.clone()))?;
            paths = Some(found);
            focus.extend([start.id.as_str(), end.id.as_str()]);
        }
        let mut left_out = 0;
        if let Some(top) = self.top {
            let kept = best_connected(&edges, &focus, top);
            let before = end_ids(&edges).len();
            edges.retain(|(source, target, _)| {
                kept.contains(source.id.as_str()) && kept.contains(target.id.as_str())
            });
            left_out = before.saturating_sub(end_ids(&edges).len());
        }
        let drawn = end_ids(&edges);
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
            paths,
        })
    }
}

/// The entities `wanted` names: those whose name, an alias or the id folds to it exactly, else the one
/// entity where it is part of one of them.
fn named<'g>(graph: &'g KnowledgeGraph, wanted: &str) -> Result<Vec<&'g Node>, SelectError> {
    let folded = fold(wanted);
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
        .filter(|node| names(node).contains(&folded))
        .collect();
    if !exact.is_empty() {
        return Ok(exact);
    }
    let partial: Vec<&Node> = nodes
        .into_iter()
        .filter(|node| names(node).iter().any(|name| name.contains(&folded)))
        .collect();
    match partial.len() {
        0 => Err(SelectError::NoSuchEntity(wanted.to_owned())),
        1 => Ok(partial),
        _ => Err(ambiguous(wanted, &partial)),
    }
}

/// The one entity `wanted` names (two entities of one name but different types are ambiguous too).
fn one<'g>(graph: &'g KnowledgeGraph, wanted: &str) -> Result<&'g Node, SelectError> {
    match named(graph, wanted)?.as_slice() {
        [node] => Ok(node),
        several => Err(ambiguous(wanted, several)),
    }
}

fn ambiguous(wanted: &str, nodes: &[&Node]) -> SelectError {
    SelectError::Ambiguous(Ambiguity {
        wanted: wanted.to_owned(),
        candidates: nodes
            .iter()
            .map(|node| (node.id.clone(), node.name.clone()))
            .collect(),
    })
}

fn ids<'g>(nodes: &[&'g Node]) -> BTreeSet<&'g str> {
    nodes.iter().map(|node| node.id.as_str()).collect()
}

/// Keeps the edges that lie on a shortest path from `start` to `end` (edges taken either way; each
/// counts one), found by breadth-first distances from both ends (petgraph's Dijkstra with unit
/// weights): an edge u–v is on one when `d(start, u) + 1 + d(v, end)` is the shortest length. None when
/// no path joins them (or they are one entity).
fn shortest_paths(edges: &mut Vec<EdgeRef<'_>>, start: &str, end: &str) -> Option<Paths> {
    let mut graph: UnGraph<&str, ()> = UnGraph::new_undirected();
    let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
    for (source, target, _) in edges.iter() {
        let [a, b] = [source, target].map(|node| {
            *index
                .entry(node.id.as_str())
                .or_insert_with(|| graph.add_node(node.id.as_str()))
        });
        graph.add_edge(a, b, ());
    }
    let (&from, &to) = (index.get(start)?, index.get(end)?);
    if from == to {
        return None;
    }
    let near = dijkstra(&graph, from, None, |_| 1usize);
    let far = dijkstra(&graph, to, None, |_| 1usize);
    let length = *near.get(&to)?;
    let on_path = |u: NodeIndex, v: NodeIndex| {
        near.get(&u)
            .zip(far.get(&v))
            .is_some_and(|(a, b)| a + 1 + b == length)
    };
    edges.retain(|(source, target, _)| {
        let (u, v) = (index[source.id.as_str()], index[target.id.as_str()]);
        on_path(u, v) || on_path(v, u)
    });
    // Paths counted over entity sequences: per entity, the number of shortest ways to reach it.
    let mut order: Vec<NodeIndex> = near.keys().copied().collect();
    order.sort_by_key(|node| (near[node], node.index()));
    let mut ways: BTreeMap<NodeIndex, u64> = BTreeMap::from([(from, 1)]);
    for node in order {
        let before: BTreeSet<NodeIndex> = graph
            .neighbors(node)
            .filter(|previous| near.get(previous).is_some_and(|d| d + 1 == near[&node]))
            .collect();
        let count = before
            .iter()
            .map(|previous| ways.get(previous).copied().unwrap_or(0))
            .fold(0u64, u64::saturating_add);
        if node != from {
            ways.insert(node, count);
        }
    }
    Some(Paths {
        length,
        count: ways.get(&to).copied().unwrap_or(0),
    })
}

/// Ids of the entities at most `hops` edges from a focus entity (edges taken in either direction).
fn neighbourhood<'g>(
    edges: &[EdgeRef<'g>],
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
    edges: &[EdgeRef<'g>],
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
fn end_ids<'g>(edges: &[EdgeRef<'g>]) -> BTreeSet<&'g str> {
    edges
        .iter()
        .flat_map(|(source, target, _)| [source.id.as_str(), target.id.as_str()])
        .collect()
}
