//! `graph.graphml`: GraphML for tools such as Gephi, yEd and Cytoscape.
//!
//! Lists (aliases, documents, attributes) are `;`-joined strings, as in the CSV export; `graph.json` is
//! the lossless format. Symmetric edges carry `directed="false"`.

use std::fmt::Write;

use super::{attributes, documents, edge_id, join, stand_in};
use crate::graph::KnowledgeGraph;

/// The `<key>` declarations: (id, domain, attribute name, attribute type).
const KEYS: [(&str, &str, &str, &str); 11] = [
    ("n_type", "node", "type", "string"),
    ("n_name", "node", "name", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_documents", "node", "documents", "string"),
    ("n_mentions", "node", "mentions", "int"),
    ("n_literal", "node", "literal", "boolean"),
    ("e_type", "edge", "type", "string"),
    ("e_attributes", "edge", "attributes", "string"),
    ("e_symmetric", "edge", "symmetric", "boolean"),
    ("e_weight", "edge", "weight", "int"),
    ("e_documents", "edge", "documents", "string"),
];

/// Renders the graph as a GraphML document.
pub fn to_graphml(graph: &KnowledgeGraph) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ",
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    ));
    for (id, domain, name, kind) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        );
    }
    out.push_str("  <graph id=\"kgx\" edgedefault=\"directed\">\n");
    for node in graph.nodes() {
        let _ = writeln!(out, "    <node id=\"{}\">", escape_xml(&node.id));
        data(&mut out, "n_type", &node.kind);
        data(&mut out, "n_name", &node.name);
        data(&mut out, "n_aliases", &join(&node.aliases));
        data(&mut out, "n_documents", &join(&node.documents));
        data(&mut out, "n_mentions", &node.mentions.to_string());
        data(&mut out, "n_literal", &node.literal.to_string());
        out.push_str("    </node>\n");
    }
    for (source, target, edge) in graph.edges() {
        let directed = if edge.symmetric {
            " directed=\"false\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\"{directed}>",
            edge_id(source, target, edge),
            escape_xml(&source.id),
            escape_xml(&target.id),
        );
        data(&mut out, "e_type", &edge.kind);
        data(&mut out, "e_attributes", &attributes(edge));
        data(&mut out, "e_symmetric", &edge.symmetric.to_string());
        data(&mut out, "e_weight", &edge.weight().to_string());
        data(&mut out, "e_documents", &join(documents(edge)));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// One `<data>` element.
fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(
        out,
        "      <data key=\"{key}\">{}</data>",
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
}
