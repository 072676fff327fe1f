//! The DOT source of a drawing: the selected entities and edges, styled per type, with each edge's
//! evidence as its tooltip (SVG shows it on hover) and the legend as the graph's label, outside the layout.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use super::select::Subgraph;
use crate::export::DotStyle;
use crate::export::dot::{edge_label, escape_dot_string};
use crate::graph::{Edge, Node};

/// How many evidence sentences an edge's tooltip quotes.
const TOOLTIP_EVIDENCE: usize = 5;
/// Longest quoted sentence in a tooltip, in characters.
const TOOLTIP_SENTENCE: usize = 160;

/// The Graphviz layout engines kgx picks from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// Layered drawing, left to right: clear for up to about a hundred entities.
    Dot,
    /// Force-directed, scalable: for larger drawings.
    Sfdp,
    /// Force-directed, for small to medium drawings without hierarchy.
    Neato,
}

impl Layout {
    /// The engine's command-line name (`dot -K…`).
    pub fn engine(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Sfdp => "sfdp",
            Layout::Neato => "neato",
        }
    }
}

/// The DOT source of `subgraph` for `layout`, in `font`.
pub fn subgraph_dot(
    subgraph: &Subgraph<'_>,
    style: &DotStyle,
    layout: Layout,
    font: &str,
) -> String {
    let font = escape_dot_string(font);
    let mut out = String::from("digraph kgx {\n");
    let graph_attrs = match layout {
        Layout::Dot => "rankdir=\"LR\", nodesep=\"0.25\", ranksep=\"0.6\"",
        Layout::Sfdp | Layout::Neato => {
            "overlap=\"prism\", overlap_scaling=\"2\", splines=\"true\", outputorder=\"edgesfirst\""
        }
    };
    let _ = writeln!(
        out,
        "  graph [fontname={font}, {graph_attrs}, labelloc=\"b\", labeljust=\"l\"];"
    );
    let _ = writeln!(
        out,
        "  node [fontname={font}, style=\"filled\", fontsize=\"12\"];"
    );
    let _ = writeln!(out, "  edge [fontname={font}, fontsize=\"10\"];");
    let _ = writeln!(out, "  label=<{}>;", legend(subgraph, style));
    let dot_ids: HashMap<&str, usize> = subgraph
        .nodes
        .iter()
        .enumerate()
        .map(|(index, node)| (node.id.as_str(), index))
        .collect();
    for (index, node) in subgraph.nodes.iter().enumerate() {
        let node_style = style.for_kind(&node.kind);
        let shape = if node.literal {
            "plaintext"
        } else {
            &node_style.shape
        };
        let emphasis = if subgraph.focus.contains(node.id.as_str()) {
            ", penwidth=\"3\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  n{index} [label={}, tooltip={}, shape={}, fillcolor={}{emphasis}];",
            escape_dot_string(&node.name),
            escape_dot_string(&node_tooltip(node)),
            escape_dot_string(shape),
            escape_dot_string(&node_style.fillcolor),
        );
    }
    for (source, target, edge) in &subgraph.edges {
        let edge_style = style.edge(&edge.kind);
        let direction = if edge.symmetric { ", dir=\"none\"" } else { "" };
        let tooltip = escape_dot_string(&edge_tooltip(source, target, edge));
        let _ = writeln!(
            out,
            "  n{} -> n{} [label={}, color={}, fontcolor={}, style={}, arrowhead={}, tooltip={tooltip}, labeltooltip={tooltip}, penwidth=\"{}\"{direction}];",
            dot_ids[source.id.as_str()],
            dot_ids[target.id.as_str()],
            escape_dot_string(&edge_label(edge)),
            escape_dot_string(&edge_style.color),
            escape_dot_string(&edge_style.color),
            escape_dot_string(&edge_style.style),
            escape_dot_string(&edge_style.arrowhead),
            pen_width(edge.weight()),
        );
    }
    out.push_str("}\n");
    out
}

/// Thicker lines for facts read more often: 1 for one sentence, up to 4.
fn pen_width(weight: usize) -> String {
    let width = 1.0 + (weight as f64).log2().min(3.0);
    format!("{width:.1}")
}

/// A node's tooltip: name, type, aliases and how many documents mention it.
fn node_tooltip(node: &Node) -> String {
    let mut text = format!("{} ({})", node.name, node.kind);
    if !node.aliases.is_empty() {
        let aliases: Vec<&str> = node.aliases.iter().map(String::as_str).collect();
        let _ = write!(text, "\nalso: {}", aliases.join(", "));
    }
    let _ = write!(
        text,
        "\n{} mentions in {} documents",
        node.mentions,
        node.documents.len()
    );
    text
}

/// An edge's tooltip: the fact, then its first evidence sentences with their documents.
fn edge_tooltip(source: &Node, target: &Node, edge: &Edge) -> String {
    let mut text = format!("{} -{}-> {}", source.name, edge.kind, target.name);
    for (key, value) in &edge.attrs {
        let _ = write!(text, " {key}={value}");
    }
    let _ = write!(text, "\n{} supporting sentences", edge.weight());
    for evidence in edge.evidence.iter().take(TOOLTIP_EVIDENCE) {
        let sentence: String = evidence.sentence.chars().take(TOOLTIP_SENTENCE).collect();
        let cut = if sentence.len() < evidence.sentence.len() {
            "…"
        } else {
            ""
        };
        let _ = write!(text, "\n· {}: {sentence}{cut}", evidence.document);
    }
    if edge.evidence.len() > TOOLTIP_EVIDENCE {
        let _ = write!(
            text,
            "\n(and {} more)",
            edge.evidence.len() - TOOLTIP_EVIDENCE
        );
    }
    text
}

/// The legend as an HTML-like table: each entity type drawn in its colour, each relation type in its
/// line colour, and what the selection left out.
fn legend(subgraph: &Subgraph<'_>, style: &DotStyle) -> String {
    let kinds: BTreeSet<&str> = subgraph
        .nodes
        .iter()
        .map(|node| node.kind.as_str())
        .collect();
    let relations: BTreeSet<(&str, bool)> = subgraph
        .edges
        .iter()
        .map(|(_, _, edge)| (edge.kind.as_str(), edge.symmetric))
        .collect();
    let mut table =
        String::from("<table border=\"0\" cellborder=\"1\" cellspacing=\"2\" cellpadding=\"3\">");
    // Graphviz rejects empty rows: a row is written only when it has cells.
    if !kinds.is_empty() {
        table.push_str("<tr>");
        for kind in &kinds {
            let _ = write!(
                table,
                "<td bgcolor=\"{}\">{}</td>",
                html(&style.for_kind(kind).fillcolor),
                html(kind)
            );
        }
        table.push_str("</tr>");
    }
    if !relations.is_empty() {
        table.push_str("<tr>");
        for (kind, symmetric) in &relations {
            let arrow = if *symmetric { "—" } else { "→" };
            let _ = write!(
                table,
                "<td border=\"0\"><font color=\"{}\">{arrow} {}</font></td>",
                html(&style.edge(kind).color),
                html(kind)
            );
        }
        table.push_str("</tr>");
    }
    let mut note = format!(
        "{} entities, {} relations",
        subgraph.nodes.len(),
        subgraph.edges.len()
    );
    if subgraph.left_out > 0 {
        let _ = write!(
            note,
            "; {} less connected entities left out (--top)",
            subgraph.left_out
        );
    }
    let _ = write!(
        table,
        "<tr><td border=\"0\" colspan=\"{}\">{}</td></tr></table>",
        kinds.len().max(relations.len()).max(1),
        html(&note)
    );
    table
}

/// Text escaped for a Graphviz HTML-like label.
fn html(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}
