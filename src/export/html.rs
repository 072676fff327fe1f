//! `graph.html`: a self-contained viewer, one file that opens offline in any browser.
//!
//! The page (`assets/viewer.html`, `viewer.css`, `viewer.js`) lays the graph out with cytoscape.js
//! (vendored from npm in `assets/vendor/cytoscape/`, with its licence) and offers search by name or
//! alias, type and relation filters, and a panel that shows an entity's aliases and degree or an edge's
//! evidence sentences. Everything is embedded at build time; the graph itself is one JSON document in a
//! `<script type="application/json">` element, with every `<` written `\u003c` so no text can close it.
//! Node colours and shapes come from the pack's [`DotStyle`] (Graphviz shapes mapped to cytoscape's);
//! relation types get the line colours their `pack.toml` entries give `graph.dot` and `kgx render`
//! ([`DotStyle::edge`]).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::DotStyle;
use super::dot::edge_label;
use super::edge_id;
use crate::graph::KnowledgeGraph;

/// The page template; `{{name}}` marks where the parts below go.
const TEMPLATE: &str = include_str!("../../assets/viewer.html");
/// The viewer's style sheet.
const CSS: &str = include_str!("../../assets/viewer.css");
/// The viewer's script.
const SCRIPT: &str = include_str!("../../assets/viewer.js");
/// cytoscape.js 3.35.0, minified, as published on npm (see `assets/vendor/cytoscape/README.md`).
const CYTOSCAPE: &str = include_str!("../../assets/vendor/cytoscape/cytoscape.min.js");

/// The graph as the page reads it.
#[derive(Serialize)]
struct ViewerData<'a> {
    nodes: Vec<ViewerNode<'a>>,
    edges: Vec<ViewerEdge<'a>>,
    types: BTreeMap<&'a str, TypeStyle>,
    relations: BTreeMap<&'a str, RelationStyle>,
}

/// One entity.
#[derive(Serialize)]
struct ViewerNode<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    aliases: &'a BTreeSet<String>,
    mentions: usize,
    documents: usize,
    degree: usize,
}

/// One edge with its evidence.
#[derive(Serialize)]
struct ViewerEdge<'a> {
    id: String,
    source: &'a str,
    target: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    label: String,
    symmetric: bool,
    weight: usize,
    values: BTreeMap<&'a str, BTreeSet<&'a str>>,
    evidence: Vec<ViewerEvidence<'a>>,
}

/// One evidence sentence.
#[derive(Serialize)]
struct ViewerEvidence<'a> {
    document: &'a str,
    sentence: &'a str,
    rule: &'a str,
}

/// How nodes of one entity type look.
#[derive(Serialize)]
struct TypeStyle {
    color: String,
    shape: &'static str,
}

/// How edges of one relation type look.
#[derive(Serialize)]
struct RelationStyle {
    color: String,
    symmetric: bool,
}

/// Renders `graph.html`: the template with the style sheet, cytoscape.js, the viewer script and the
/// graph's data filled in. Nodes and edges are in the graph's order, so the page is deterministic.
pub fn to_html(graph: &KnowledgeGraph, style: &DotStyle) -> serde_json::Result<String> {
    let edges = graph.edges();
    let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
    for (source, target, _) in &edges {
        *degree.entry(source.id.as_str()).or_default() += 1;
        *degree.entry(target.id.as_str()).or_default() += 1;
    }
    let nodes = graph.nodes();
    let types = nodes
        .iter()
        .map(|node| {
            let node_style = style.for_kind(&node.kind);
            let look = TypeStyle {
                color: node_style.fillcolor.clone(),
                shape: shape(&node_style.shape),
            };
            (node.kind.as_str(), look)
        })
        .collect();
    let kinds: BTreeMap<&str, bool> = edges
        .iter()
        .map(|(_, _, edge)| (edge.kind.as_str(), edge.symmetric))
        .collect();
    let relations = kinds
        .into_iter()
        .map(|(kind, symmetric)| {
            let color = style.edge(kind).color;
            (kind, RelationStyle { color, symmetric })
        })
        .collect();
    let data = ViewerData {
        nodes: nodes
            .iter()
            .map(|node| ViewerNode {
                id: &node.id,
                name: &node.name,
                kind: &node.kind,
                aliases: &node.aliases,
                mentions: node.mentions,
                documents: node.documents.len(),
                degree: degree.get(node.id.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        edges: edges
            .iter()
            .map(|(source, target, edge)| ViewerEdge {
                id: edge_id(source, target, edge),
                source: &source.id,
                target: &target.id,
                kind: &edge.kind,
                label: edge_label(edge).replace('\n', " "),
                symmetric: edge.symmetric,
                weight: edge.weight(),
                values: edge.values(),
                evidence: edge
                    .evidence
                    .iter()
                    .map(|evidence| ViewerEvidence {
                        document: &evidence.document,
                        sentence: &evidence.sentence,
                        rule: &evidence.rule,
                    })
                    .collect(),
            })
            .collect(),
        types,
        relations,
    };
    let json = serde_json::to_string(&data)?.replace('<', "\\u003c");
    Ok(fill(
        TEMPLATE,
        &[
            ("style", CSS),
            ("cytoscape", CYTOSCAPE),
            ("script", SCRIPT),
            ("data", &json),
        ],
    ))
}

/// `template` with each `{{name}}` replaced by its part, in one pass (a part's own text is never
/// searched for marks). A mark without a part stays as written.
fn fill(template: &str, parts: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(
        template.len() + parts.iter().map(|(_, part)| part.len()).sum::<usize>(),
    );
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let part = after.find("}}").and_then(|end| {
            let name = &after[..end];
            parts
                .iter()
                .find(|(known, _)| *known == name)
                .map(|(_, part)| (*part, end + 2))
        });
        match part {
            Some((part, used)) => {
                out.push_str(part);
                rest = &after[used..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The cytoscape.js node shape closest to a Graphviz shape.
fn shape(graphviz: &str) -> &'static str {
    match graphviz {
        "box" | "rect" | "rectangle" | "square" | "component" | "folder" | "tab" | "box3d" => {
            "round-rectangle"
        }
        "note" => "cut-rectangle",
        "house" | "pentagon" => "pentagon",
        "invhouse" => "vee",
        "hexagon" => "hexagon",
        "octagon" | "doubleoctagon" | "tripleoctagon" => "octagon",
        "diamond" | "Mdiamond" => "diamond",
        "triangle" => "triangle",
        "parallelogram" => "rhomboid",
        "star" => "star",
        "cylinder" => "barrel",
        "plaintext" | "plain" | "none" | "underline" => "tag",
        _ => "ellipse",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_filled_once_and_unknown_marks_stay() {
        let filled = fill("<b>{{a}}</b>{{b}}{{c}}", &[("a", "{{b}}"), ("b", "2")]);
        assert_eq!(filled, "<b>{{b}}</b>2{{c}}");
    }

    #[test]
    fn no_embedded_part_can_close_its_script_element() {
        for part in [SCRIPT, CYTOSCAPE, CSS] {
            assert!(!part.to_ascii_lowercase().contains("</script"));
            assert!(!part.to_ascii_lowercase().contains("</style"));
        }
        let html = to_html(&KnowledgeGraph::new(), &DotStyle::default()).unwrap();
        assert_eq!(
            html.matches("</script>").count(),
            3,
            "three script elements"
        );
    }

    #[test]
    fn names_cannot_end_the_data_element() {
        let json = r#"{"schema_version": 1, "run": {"kgx_version": "0", "rule_pack_hash": "h", "documents_read": [],
            "documents_failed": [], "warnings": []},
            "nodes": [{"id": "company:</script><!--", "type": "company", "name": "</script><!--",
                "aliases": [], "documents": [], "mentions": 1}], "edges": []}"#;
        let (graph, _) = super::super::read_graph(json).unwrap();
        let html = to_html(&graph, &DotStyle::default()).unwrap();
        assert_eq!(
            html.matches("</script>").count(),
            3,
            "three script elements"
        );
        assert!(
            html.contains(r#""name":"\u003c/script>\u003c!--""#),
            "{html}"
        );
    }

    #[test]
    fn graphviz_shapes_map_to_cytoscape_shapes() {
        assert_eq!(shape("box"), "round-rectangle");
        assert_eq!(shape("note"), "cut-rectangle");
        assert_eq!(shape("ellipse"), "ellipse");
        assert_eq!(shape("egg"), "ellipse");
    }
}
