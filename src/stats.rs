//! `kgx stats`: what a saved graph holds — counts per entity and relation type, the best-connected
//! entities, the rules that produced most facts, and the documents that gave no fact or no entity.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde::Serialize;

use crate::export::RunInfo;
use crate::graph::KnowledgeGraph;
use crate::graph::query::best_connected;

/// A summary of a graph and the run that made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphStats {
    /// Documents read and failed.
    pub documents_read: usize,
    /// Documents that could not be read.
    pub documents_failed: usize,
    /// Entities per type.
    pub entities: BTreeMap<String, usize>,
    /// Edges per relation type.
    pub relations: BTreeMap<String, usize>,
    /// The best-connected entities: name, type, edges, supporting sentences.
    pub top_entities: Vec<RankedEntity>,
    /// Rules by the number of evidence items they produced, most first.
    pub top_rules: Vec<(String, usize)>,
    /// Documents read in which no fact was found (sorted).
    pub documents_without_facts: Vec<String>,
    /// Documents read in which not even an entity was found (sorted).
    pub documents_without_entities: Vec<String>,
}

/// An entity with its connections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankedEntity {
    /// Node id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Entity type.
    pub kind: String,
    /// Number of edges touching it.
    pub edges: usize,
    /// Supporting sentences of those edges.
    pub weight: usize,
}

impl GraphStats {
    /// Summarises `graph`, keeping the `top` best-connected entities and rules.
    pub fn of(graph: &KnowledgeGraph, run: &RunInfo, top: usize) -> Self {
        let nodes = graph.nodes();
        let edges = graph.edges();
        let mut entities: BTreeMap<String, usize> = BTreeMap::new();
        for node in &nodes {
            *entities.entry(node.kind.clone()).or_default() += 1;
        }
        let mut relations: BTreeMap<String, usize> = BTreeMap::new();
        let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
        let mut with_facts: BTreeSet<&str> = BTreeSet::new();
        for (_, _, edge) in &edges {
            *relations.entry(edge.kind.clone()).or_default() += 1;
            for evidence in &edge.evidence {
                *rules.entry(evidence.rule.as_str()).or_default() += 1;
                with_facts.insert(evidence.document.as_str());
            }
        }
        let with_entities: BTreeSet<&str> = nodes
            .iter()
            .flat_map(|node| node.documents.iter().map(String::as_str))
            .collect();
        let by_id: BTreeMap<&str, _> = nodes.iter().map(|node| (node.id.as_str(), *node)).collect();
        let ranked: Vec<RankedEntity> = best_connected(&edges)
            .into_iter()
            .take(top)
            .map(|(id, edges, weight)| RankedEntity {
                id: id.to_owned(),
                name: by_id[id].name.clone(),
                kind: by_id[id].kind.clone(),
                edges,
                weight,
            })
            .collect();
        let mut top_rules: Vec<(String, usize)> = rules
            .into_iter()
            .map(|(rule, count)| (rule.to_owned(), count))
            .collect();
        top_rules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        top_rules.truncate(top);
        let read: Vec<&str> = run
            .documents_read
            .iter()
            .map(|doc| doc.id.as_str())
            .collect();
        Self {
            documents_read: read.len(),
            documents_failed: run.documents_failed.len(),
            entities,
            relations,
            top_entities: ranked,
            top_rules,
            documents_without_facts: read
                .iter()
                .filter(|id| !with_facts.contains(**id))
                .map(|id| (*id).to_owned())
                .collect(),
            documents_without_entities: read
                .iter()
                .filter(|id| !with_entities.contains(**id))
                .map(|id| (*id).to_owned())
                .collect(),
        }
    }

    /// The summary as text, listing at most `listed` documents of each kind.
    pub fn to_text(&self, listed: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "documents: {} read, {} failed",
            self.documents_read, self.documents_failed
        );
        let total: usize = self.entities.values().sum();
        let _ = writeln!(out, "\nentities: {total}");
        for (kind, count) in &self.entities {
            let _ = writeln!(out, "  {kind:<16} {count:>7}");
        }
        let total: usize = self.relations.values().sum();
        let _ = writeln!(out, "\nrelations: {total}");
        for (kind, count) in &self.relations {
            let _ = writeln!(out, "  {kind:<16} {count:>7}");
        }
        let _ = writeln!(
            out,
            "\nbest-connected entities (edges, supporting sentences):"
        );
        for entity in &self.top_entities {
            let _ = writeln!(
                out,
                "  {:>5} {:>6}  {} ({})",
                entity.edges, entity.weight, entity.name, entity.kind
            );
        }
        let _ = writeln!(out, "\nrules by evidence produced:");
        for (rule, count) in &self.top_rules {
            let _ = writeln!(out, "  {count:>7}  {rule}");
        }
        for (what, documents) in [
            ("without any fact", &self.documents_without_facts),
            ("without any entity", &self.documents_without_entities),
        ] {
            let _ = writeln!(out, "\ndocuments {what}: {}", documents.len());
            for id in documents.iter().take(listed) {
                let _ = writeln!(out, "  {id}");
            }
            if documents.len() > listed {
                let _ = writeln!(out, "  … and {} more (--list N)", documents.len() - listed);
            }
        }
        out
    }
}
