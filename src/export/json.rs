//! `graph.json`: the complete graph with run metadata, and reading it back.
//!
//! The format is described field by field in `docs/graph-json.md` and by `docs/graph.schema.json`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::edge_id;
use super::run::RunInfo;
use crate::graph::{Edge, Evidence, GraphPartsError, KnowledgeGraph, Node};

/// Version of the `graph.json` layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// Why [`read_graph`] could not load a saved graph.
#[derive(Debug, thiserror::Error)]
pub enum ReadGraphError {
    /// The text is not JSON of the expected shape.
    #[error("graph.json is malformed: {0}")]
    Json(#[from] serde_json::Error),
    /// The file was written with another layout version.
    #[error("graph.json has schema_version {0}, this kgx reads {SCHEMA_VERSION}")]
    SchemaVersion(u32),
    /// The nodes and edges do not form a graph.
    #[error("graph.json is inconsistent: {0}")]
    Graph(#[from] GraphPartsError),
}

/// The whole file, as written.
#[derive(Serialize)]
struct GraphOut<'a> {
    kgx_version: &'static str,
    schema_version: u32,
    run: RunInfo,
    nodes: Vec<&'a Node>,
    edges: Vec<EdgeOut<'a>>,
}

/// One edge, as written.
#[derive(Serialize)]
struct EdgeOut<'a> {
    id: String,
    source: &'a str,
    target: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    attributes: &'a BTreeMap<String, String>,
    values: BTreeMap<&'a str, BTreeSet<&'a str>>,
    symmetric: bool,
    weight: usize,
    evidence: Vec<&'a Evidence>,
}

/// The whole file, as read; `kgx_version` and edge ids, values and weights are derived data and not
/// read.
#[derive(Deserialize)]
struct GraphIn {
    schema_version: u32,
    run: RunInfo,
    nodes: Vec<Node>,
    edges: Vec<EdgeIn>,
}

/// One edge, as read.
#[derive(Deserialize)]
struct EdgeIn {
    source: String,
    target: String,
    #[serde(rename = "type")]
    kind: String,
    attributes: BTreeMap<String, String>,
    symmetric: bool,
    evidence: BTreeSet<Evidence>,
}

/// Renders `graph.json`: pretty-printed with two-space indents and a trailing newline. The run's lists
/// are written sorted (see [`RunInfo::sort`]).
pub fn to_json(graph: &KnowledgeGraph, run: &RunInfo) -> serde_json::Result<String> {
    subgraph_json(&graph.nodes(), &graph.edges(), run, None)
}

/// Part of a graph in the layout of `graph.json` (what `kgx query --format json` prints, and what
/// [`read_graph`] reads back): the given nodes and edges, each edge's evidence cut to its first
/// `evidence` items when given (its `weight` still counts them all).
pub fn subgraph_json(
    nodes: &[&Node],
    edges: &[(&Node, &Node, &Edge)],
    run: &RunInfo,
    evidence: Option<usize>,
) -> serde_json::Result<String> {
    let mut run = run.clone();
    run.sort();
    let edges = edges
        .iter()
        .map(|&(source, target, edge)| EdgeOut {
            id: edge_id(source, target, edge),
            source: &source.id,
            target: &target.id,
            kind: &edge.kind,
            attributes: &edge.attrs,
            values: edge.values(),
            symmetric: edge.symmetric,
            weight: edge.weight(),
            evidence: edge
                .evidence
                .iter()
                .take(evidence.unwrap_or(usize::MAX))
                .collect(),
        })
        .collect();
    let out = GraphOut {
        kgx_version: env!("CARGO_PKG_VERSION"),
        schema_version: SCHEMA_VERSION,
        run,
        nodes: nodes.to_vec(),
        edges,
    };
    let mut text = serde_json::to_string_pretty(&out)?;
    text.push('\n');
    Ok(text)
}

/// Loads a graph saved by [`to_json`], with its run metadata.
pub fn read_graph(json: &str) -> Result<(KnowledgeGraph, RunInfo), ReadGraphError> {
    let file: GraphIn = serde_json::from_str(json)?;
    if file.schema_version != SCHEMA_VERSION {
        return Err(ReadGraphError::SchemaVersion(file.schema_version));
    }
    let edges = file
        .edges
        .into_iter()
        .map(|edge| {
            let parts = Edge {
                kind: edge.kind,
                attrs: edge.attributes,
                symmetric: edge.symmetric,
                evidence: edge.evidence,
            };
            (edge.source, edge.target, parts)
        })
        .collect();
    let graph = KnowledgeGraph::from_parts(file.nodes, edges)?;
    Ok((graph, file.run))
}
