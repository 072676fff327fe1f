//! `graph.graphml`: GraphML that NetworkX (`read_graphml`), igraph (`Graph.Read_GraphML`), Gephi, yEd and
//! Cytoscape load as they are.
//!
//! Every `<key>` is declared once, typed (`string`, `int`, `boolean`). Nodes carry a `label` (the display
//! name, which Gephi shows), their type, aliases, documents and mention count; edges a `label` (the
//! relation and its key attribute values), the type, weight, evidence count, and the first evidence
//! sentence with its document. Each edge attribute name (`title`, `term`, …) has a key of its own: a key
//! attribute holds its value, another attribute its distinct values joined by `;`. Lists are `;`-joined
//! strings, since GraphML has no list type; `graph.json` is the lossless format. The graph is directed;
//! a symmetric relation is one edge, in the order `graph.json` gives, with `symmetric` true (a
//! `directed="false"` edge inside a directed graph is refused by NetworkX).

use std::collections::BTreeSet;
use std::fmt::Write;

use super::{attribute_values, documents, edge_id, edge_label, join, stand_in};
use crate::graph::KnowledgeGraph;

/// The fixed `<key>` declarations: (id, domain, attribute name, attribute type).
const KEYS: [(&str, &str, &str, &str); 14] = [
    ("n_label", "node", "label", "string"),
    ("n_type", "node", "type", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_documents", "node", "documents", "string"),
    ("n_mentions", "node", "mentions", "int"),
    ("n_literal", "node", "literal", "boolean"),
    ("e_label", "edge", "label", "string"),
    ("e_type", "edge", "type", "string"),
    ("e_symmetric", "edge", "symmetric", "boolean"),
    ("e_weight", "edge", "weight", "int"),
    ("e_evidence_count", "edge", "evidence_count", "int"),
    ("e_first_evidence", "edge", "first_evidence", "string"),
    ("e_first_document", "edge", "first_document", "string"),
    ("e_documents", "edge", "documents", "string"),
];

/// Renders the graph as a GraphML document.
pub fn to_graphml(graph: &KnowledgeGraph) -> String {
    let edges = graph.edges();
    let attribute_names: BTreeSet<&str> = edges
        .iter()
        .flat_map(|(_, _, edge)| attribute_values(edge).into_iter().map(|(name, _)| name))
        .collect();
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ",
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    ));
    for (id, domain, name, kind) in KEYS {
        key(&mut out, id, domain, name, kind);
    }
    for name in &attribute_names {
        key(
            &mut out,
            &attribute_key(name),
            "edge",
            &attribute_name(name),
            "string",
        );
    }
    out.push_str("  <graph id=\"kgx\" edgedefault=\"directed\">\n");
    for node in graph.nodes() {
        let _ = writeln!(out, "    <node id=\"{}\">", escape_xml(&node.id));
        data(&mut out, "n_label", &node.name);
        data(&mut out, "n_type", &node.kind);
        data(&mut out, "n_aliases", &join(&node.aliases));
        data(&mut out, "n_documents", &join(&node.documents));
        data(&mut out, "n_mentions", &node.mentions.to_string());
        data(&mut out, "n_literal", &node.literal.to_string());
        out.push_str("    </node>\n");
    }
    for (source, target, edge) in edges {
        let _ = writeln!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\">",
            edge_id(source, target, edge),
            escape_xml(&source.id),
            escape_xml(&target.id),
        );
        data(&mut out, "e_label", &edge_label(edge));
        data(&mut out, "e_type", &edge.kind);
        data(&mut out, "e_symmetric", &edge.symmetric.to_string());
        data(&mut out, "e_weight", &edge.weight().to_string());
        data(
            &mut out,
            "e_evidence_count",
            &edge.evidence.len().to_string(),
        );
        if let Some(first) = edge.evidence.first() {
            data(&mut out, "e_first_evidence", &first.sentence);
            data(&mut out, "e_first_document", &first.document);
        }
        data(&mut out, "e_documents", &join(documents(edge)));
        for (name, value) in attribute_values(edge) {
            data(&mut out, &attribute_key(name), &value);
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// The key id of an edge attribute.
fn attribute_key(name: &str) -> String {
    format!("a_{name}")
}

/// The GraphML attribute name of an edge attribute: its own name, or `attr_` and its name when that would
/// be the name of a fixed edge key (an attribute called `weight`).
fn attribute_name(name: &str) -> String {
    if KEYS
        .iter()
        .any(|&(_, domain, fixed, _)| domain == "edge" && fixed == name)
    {
        format!("attr_{name}")
    } else {
        name.to_owned()
    }
}

/// One `<key>` declaration.
fn key(out: &mut String, id: &str, domain: &str, name: &str, kind: &str) {
    let _ = writeln!(
        out,
        "  <key id=\"{}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{kind}\"/>",
        escape_xml(id),
        escape_xml(name),
    );
}

/// One `<data>` element.
fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(
        out,
        "      <data key=\"{}\">{}</data>",
        escape_xml(key),
        escape_xml(value)
    );
}

/// Escapes text for XML content and attribute values alike. Tab, line feed and carriage return become
/// character references so attribute normalisation keeps them; characters XML 1.0 cannot carry become
/// visible stand-ins.
fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(stand_in(c).unwrap_or(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_whitespace_are_escaped() {
        assert_eq!(
            escape_xml("<b>\"A&B's\"</b>\n\t\r"),
            "&lt;b&gt;&quot;A&amp;B&apos;s&quot;&lt;/b&gt;&#10;&#9;&#13;"
        );
    }

    #[test]
    fn characters_xml_cannot_carry_are_replaced() {
        assert_eq!(escape_xml("a\0b\u{ffff}"), "a␀b\u{fffd}");
    }

    #[test]
    fn attributes_named_like_fixed_keys_are_renamed() {
        assert_eq!(attribute_name("weight"), "attr_weight");
        assert_eq!(attribute_name("title"), "title");
    }
}
