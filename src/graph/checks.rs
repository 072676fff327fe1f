//! Sanity checks of a merged graph against its rule pack: edges whose end types the relation type does not
//! accept, self-loops, companies that are their own subsidiaries, symmetric edges stored in both directions,
//! and edges without evidence.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Display, Formatter};

use serde::Serialize;

use super::{Edge, KnowledgeGraph, Node};
use crate::rules::RulePack;

/// The relation whose cycles make a company its own subsidiary.
const SUBSIDIARY_OF: &str = "subsidiary_of";

/// What is wrong with an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// An end's entity type is not accepted by the relation type (or the type is not declared).
    TypeSignature,
    /// The edge starts and ends at the same node.
    SelfLoop,
    /// A company is its own subsidiary, directly or through one other company.
    OwnSubsidiary,
    /// A symmetric relation is stored once in each direction.
    SymmetricTwice,
    /// The edge has no evidence.
    NoEvidence,
}

impl Display for WarningKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WarningKind::TypeSignature => "type signature",
            WarningKind::SelfLoop => "self-loop",
            WarningKind::OwnSubsidiary => "own subsidiary",
            WarningKind::SymmetricTwice => "symmetric relation stored twice",
            WarningKind::NoEvidence => "no evidence",
        })
    }
}

/// One piece of evidence quoted in a warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitedEvidence {
    /// Document id.
    pub document: String,
    /// The supporting sentence, as in the source.
    pub sentence: String,
}

/// A problem found in a graph, naming the edge and citing one of its pieces of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphWarning {
    /// What kind of problem.
    pub kind: WarningKind,
    /// Display name of the edge's source node.
    pub source: String,
    /// Relation type of the edge.
    pub relation: String,
    /// Display name of the edge's target node.
    pub target: String,
    /// Key attributes of the edge.
    pub attrs: BTreeMap<String, String>,
    /// What exactly is wrong.
    pub detail: String,
    /// The edge's first piece of evidence, if it has any.
    pub evidence: Option<CitedEvidence>,
}

impl Display for GraphWarning {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} -[{}", self.kind, self.source, self.relation)?;
        for (index, (key, value)) in self.attrs.iter().enumerate() {
            let open = if index == 0 { " {" } else { ", " };
            write!(f, "{open}{key}={value}")?;
        }
        if !self.attrs.is_empty() {
            f.write_str("}")?;
        }
        write!(f, "]-> {}: {}", self.target, self.detail)?;
        match &self.evidence {
            Some(evidence) => write!(f, " ({}: {})", evidence.document, evidence.sentence),
            None => Ok(()),
        }
    }
}

/// Checks every edge of `graph` against `pack`; warnings come in edge order.
pub fn check_graph(graph: &KnowledgeGraph, pack: &RulePack) -> Vec<GraphWarning> {
    let edges = graph.edges();
    let stored: BTreeSet<(&str, &str, &str, &BTreeMap<String, String>)> = edges
        .iter()
        .map(|(source, target, edge)| {
            (
                source.id.as_str(),
                target.id.as_str(),
                edge.kind.as_str(),
                &edge.attrs,
            )
        })
        .collect();
    let subsidiaries: BTreeSet<(&str, &str)> = edges
        .iter()
        .filter(|(_, _, edge)| edge.kind == SUBSIDIARY_OF)
        .map(|(source, target, _)| (source.id.as_str(), target.id.as_str()))
        .collect();
    let mut warnings = Vec::new();
    for &(source, target, edge) in &edges {
        let warn = |kind: WarningKind, detail: String| warning(kind, source, target, edge, detail);
        if let Some(detail) = signature_problem(pack, source, target, edge) {
            warnings.push(warn(WarningKind::TypeSignature, detail));
        }
        let looped = source.id == target.id;
        if edge.kind == SUBSIDIARY_OF {
            if looped {
                warnings.push(warn(
                    WarningKind::OwnSubsidiary,
                    "the company is recorded as its own subsidiary".into(),
                ));
            } else if source.id < target.id
                && subsidiaries.contains(&(target.id.as_str(), source.id.as_str()))
            {
                warnings.push(warn(
                    WarningKind::OwnSubsidiary,
                    format!(
                        "{} is also recorded as a subsidiary of {}",
                        target.name, source.name
                    ),
                ));
            }
        } else if looped {
            warnings.push(warn(
                WarningKind::SelfLoop,
                "the edge starts and ends at the same node".into(),
            ));
        }
        let symmetric = edge.symmetric
            || pack
                .relation_types
                .get(&edge.kind)
                .is_some_and(|kind| kind.symmetric);
        if symmetric
            && source.id < target.id
            && stored.contains(&(
                target.id.as_str(),
                source.id.as_str(),
                edge.kind.as_str(),
                &edge.attrs,
            ))
        {
            warnings.push(warn(
                WarningKind::SymmetricTwice,
                "the relation is symmetric but is also stored in the other direction".into(),
            ));
        }
        if edge.evidence.is_empty() {
            warnings.push(warn(
                WarningKind::NoEvidence,
                "the edge has no supporting sentence".into(),
            ));
        }
    }
    warnings
}

/// What is wrong with the end types of an edge, if anything. Symmetric relations may be stored either way.
fn signature_problem(pack: &RulePack, source: &Node, target: &Node, edge: &Edge) -> Option<String> {
    let Some(relation) = pack.relation_types.get(&edge.kind) else {
        return Some(format!(
            "relation type `{}` is not declared in the rule pack",
            edge.kind
        ));
    };
    let accepts = |subject: &Node, object: &Node| {
        relation.subject.contains(&subject.kind) && relation.object.contains(&object.kind)
    };
    if accepts(source, target) || (relation.symmetric && accepts(target, source)) {
        return None;
    }
    let mut problems = Vec::new();
    if !relation.subject.contains(&source.kind) {
        problems.push(format!(
            "subject type `{}` is not one of {}",
            source.kind,
            relation.subject.join(", ")
        ));
    }
    if !relation.object.contains(&target.kind) {
        problems.push(format!(
            "object type `{}` is not one of {}",
            target.kind,
            relation.object.join(", ")
        ));
    }
    Some(problems.join("; "))
}

fn warning(
    kind: WarningKind,
    source: &Node,
    target: &Node,
    edge: &Edge,
    detail: String,
) -> GraphWarning {
    GraphWarning {
        kind,
        source: source.name.clone(),
        relation: edge.kind.clone(),
        target: target.name.clone(),
        attrs: edge.attrs.clone(),
        detail,
        evidence: edge.evidence.iter().next().map(|evidence| CitedEvidence {
            document: evidence.document.clone(),
            sentence: evidence.sentence.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests;
