//! Edge queries over a graph: by node, relation type, source and target, names matched against a node's
//! display name, aliases and id after folding traditional characters to simplified.

use std::collections::BTreeMap;

use super::{Edge, Evidence, KnowledgeGraph, Node};

/// Which edges to select; every given condition must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeQuery {
    /// Either end is this node.
    pub node: Option<String>,
    /// The edge has this relation type.
    pub relation: Option<String>,
    /// The source is this node (either end for a symmetric edge).
    pub from: Option<String>,
    /// The target is this node (either end for a symmetric edge).
    pub to: Option<String>,
}

impl EdgeQuery {
    /// The matching edges as (source, target, edge), in the graph's edge order.
    pub fn run<'g>(&self, graph: &'g KnowledgeGraph) -> Vec<(&'g Node, &'g Node, &'g Edge)> {
        let node = self.node.as_deref().map(fold);
        let from = self.from.as_deref().map(fold);
        let to = self.to.as_deref().map(fold);
        let is = |node: &Node, name: &Option<String>| name.as_ref().is_none_or(|n| named(node, n));
        graph
            .edges()
            .into_iter()
            .filter(|(source, target, edge)| {
                let ends = |a: &Node, b: &Node| is(a, &from) && is(b, &to);
                self.relation.as_ref().is_none_or(|kind| &edge.kind == kind)
                    && (node.is_none() || is(source, &node) || is(target, &node))
                    && (ends(source, target) || (edge.symmetric && ends(target, source)))
            })
            .collect()
    }
}

/// A name as compared: simplified characters, no white space.
pub fn fold(name: &str) -> String {
    fast2s::convert(&crate::resolve::fold(name))
}

/// Whether the node's display name, one of its aliases or its id folds to `folded`.
fn named(node: &Node, folded: &str) -> bool {
    node.id == folded
        || fold(&node.name) == folded
        || node.aliases.iter().any(|alias| fold(alias) == folded)
}

/// An edge as one line: `subject -[type {key=value, …}]-> object  (weight N)`; a symmetric edge is drawn
/// `<-[…]->`.
pub fn render_edge(source: &Node, target: &Node, edge: &Edge) -> String {
    let tail = if edge.symmetric { "<-" } else { "-" };
    let attrs = if edge.attrs.is_empty() {
        String::new()
    } else {
        let pairs: Vec<String> = edge
            .attrs
            .iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        format!(" {{{}}}", pairs.join(", "))
    };
    format!(
        "{} {tail}[{}{attrs}]-> {}  (weight {})",
        source.name,
        edge.kind,
        target.name,
        edge.weight()
    )
}

/// One piece of evidence as a line: `document [start..end] rule: sentence`.
pub fn render_evidence(evidence: &Evidence) -> String {
    format!(
        "{} [{}..{}] {}: {}",
        evidence.document, evidence.start, evidence.end, evidence.rule, evidence.sentence
    )
}

/// The ends of `edges` ranked by connection: `(node id, edges touching it, their supporting sentences)`,
/// most edges first, then most sentences, then by id (so the order never depends on the input order).
pub fn best_connected<'g>(
    edges: &[(&'g Node, &'g Node, &'g Edge)],
) -> Vec<(&'g str, usize, usize)> {
    let mut degree: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (source, target, edge) in edges {
        for id in [source.id.as_str(), target.id.as_str()] {
            let entry = degree.entry(id).or_default();
            entry.0 += 1;
            entry.1 += edge.weight();
        }
    }
    let mut ranked: Vec<(&str, usize, usize)> = degree
        .into_iter()
        .map(|(id, (count, weight))| (id, count, weight))
        .collect();
    ranked.sort_by(|a, b| (b.1, b.2).cmp(&(a.1, a.2)).then_with(|| a.0.cmp(b.0)));
    ranked
}
