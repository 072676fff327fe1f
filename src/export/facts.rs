//! `facts.jsonl`: one fact (edge) per line with its ends and all its evidence, for streaming readers
//! and Spark (`spark.read.json`). Lines follow the graph's edge order; each is a compact JSON object.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::edge_id;
use crate::graph::{Evidence, KnowledgeGraph, Node};

/// One line.
#[derive(Serialize)]
struct Fact<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'a str,
    source: End<'a>,
    target: End<'a>,
    attributes: &'a BTreeMap<String, String>,
    values: BTreeMap<&'a str, BTreeSet<&'a str>>,
    symmetric: bool,
    weight: usize,
    evidence: &'a BTreeSet<Evidence>,
}

/// An end of a fact: enough of its node to read the line alone.
#[derive(Serialize)]
struct End<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    name: &'a str,
}

impl<'a> End<'a> {
    fn of(node: &'a Node) -> Self {
        Self {
            id: &node.id,
            kind: &node.kind,
            name: &node.name,
        }
    }
}

/// Renders `facts.jsonl`: one JSON object per edge, each line ending in a newline.
pub fn to_jsonl(graph: &KnowledgeGraph) -> serde_json::Result<String> {
    let mut out = String::new();
    for (source, target, edge) in graph.edges() {
        let fact = Fact {
            id: edge_id(source, target, edge),
            kind: &edge.kind,
            source: End::of(source),
            target: End::of(target),
            attributes: &edge.attrs,
            values: edge.values(),
            symmetric: edge.symmetric,
            weight: edge.weight(),
            evidence: &edge.evidence,
        };
        out.push_str(&serde_json::to_string(&fact)?);
        out.push('\n');
    }
    Ok(out)
}
