//! `graph.dot`: Graphviz source, written by hand so that every string is escaped.
//!
//! Node shapes and colours come from a [`DotStyle`] keyed by entity type, line colours, styles and
//! arrowheads keyed by relation type, so the rule pack decides how its types look. A legend cluster shows
//! each entity type and relation type present.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use serde::{Deserialize, Serialize};

use super::stand_in;
use crate::graph::{Edge, KnowledgeGraph, Node};

/// Font set on the graph, nodes and edges; it covers CJK (Debian: `fonts-wqy-microhei`).
pub const FONT: &str = "WenQuanYi Micro Hei";

/// How nodes of one entity type are drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeStyle {
    /// Graphviz node shape (e.g. `box`, `ellipse`).
    pub shape: String,
    /// Graphviz fill colour (a name or `#rrggbb`).
    pub fillcolor: String,
}

impl NodeStyle {
    /// A style from a shape and a fill colour.
    pub fn new(shape: &str, fillcolor: &str) -> Self {
        Self {
            shape: shape.to_owned(),
            fillcolor: fillcolor.to_owned(),
        }
    }
}

/// Line colours that tell relation types apart on white (Okabe–Ito's colour-blind-safe set, then the dark
/// colours of Paul Tol's muted scheme), given by name order to relation types the pack gives no `color`.
pub const PALETTE: [&str; 12] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#117733",
    "#332288", "#999933", "#000000", "#999999",
];

/// How edges of one relation type are drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdgeStyle {
    /// Graphviz colour of the line and its label (a name or `#rrggbb`).
    pub color: String,
    /// Graphviz edge style (`solid`, `dashed`, `dotted`, `bold`).
    pub style: String,
    /// Graphviz arrowhead (`normal`, `vee`, `odiamond` …).
    pub arrowhead: String,
}

/// Node styles by entity type, with a fallback for types the table does not name, and edge styles by
/// relation type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DotStyle {
    /// Style of each entity type.
    pub shapes: BTreeMap<String, NodeStyle>,
    /// Style of any other type.
    pub fallback: NodeStyle,
    /// Style of each relation type; others are drawn black, solid, with the normal arrowhead.
    #[serde(default)]
    pub edges: BTreeMap<String, EdgeStyle>,
}

impl DotStyle {
    /// The style for nodes of type `kind`.
    pub fn for_kind(&self, kind: &str) -> &NodeStyle {
        self.shapes.get(kind).unwrap_or(&self.fallback)
    }

    /// The style for edges of relation type `kind`.
    pub fn edge(&self, kind: &str) -> EdgeStyle {
        self.edges.get(kind).cloned().unwrap_or_else(|| EdgeStyle {
            color: "#000000".into(),
            style: "solid".into(),
            arrowhead: "normal".into(),
        })
    }

    /// Sets the style of relation type `name`, the `index`-th of the pack's relation types in name order,
    /// from what the pack gives: without a colour, the `index`-th palette colour; without a style, dashed
    /// for a symmetric relation and solid otherwise; without an arrowhead, `normal`.
    pub fn set_relation(
        &mut self,
        index: usize,
        name: &str,
        given: [Option<&str>; 3],
        symmetric: bool,
    ) {
        let [color, style, arrowhead] = given;
        let default_style = if symmetric { "dashed" } else { "solid" };
        self.edges.insert(
            name.to_owned(),
            EdgeStyle {
                color: color.unwrap_or(PALETTE[index % PALETTE.len()]).to_owned(),
                style: style.unwrap_or(default_style).to_owned(),
                arrowhead: arrowhead.unwrap_or("normal").to_owned(),
            },
        );
    }
}

impl Default for DotStyle {
    fn default() -> Self {
        let shapes = [
            ("company", NodeStyle::new("box", "#cfe2f3")),
            ("organization", NodeStyle::new("box", "#d9ead3")),
            ("person", NodeStyle::new("ellipse", "#fce5cd")),
            ("location", NodeStyle::new("house", "#ead1dc")),
            ("agreement", NodeStyle::new("note", "#fff2cc")),
            ("title", NodeStyle::new("hexagon", "#d9d2e9")),
            ("stock_code", NodeStyle::new("plaintext", "#ffffff")),
        ];
        Self {
            shapes: shapes
                .into_iter()
                .map(|(kind, style)| (kind.to_owned(), style))
                .collect(),
            fallback: NodeStyle::new("octagon", "#eeeeee"),
            edges: BTreeMap::new(),
        }
    }
}

/// Renders the graph as a Graphviz digraph, for looking: only entities with at least one relation are
/// drawn (a note at the bottom says how many were left out; graph.json has them all). Nodes get the DOT
/// ids `n0`, `n1`, … in id order (so no two nodes can share one whatever their ids contain), with the kgx
/// node id as tooltip. Literal nodes (such as stock codes) are drawn as plain text; symmetric edges have
/// no arrowheads; edge labels are the relation type followed by the values of its key attributes, one per
/// line.
pub fn to_dot(graph: &KnowledgeGraph, style: &DotStyle) -> String {
    let font = escape_dot_string(FONT);
    let mut out = String::from("digraph kgx {\n");
    let _ = writeln!(out, "  graph [fontname={font}, rankdir=\"LR\"];");
    let _ = writeln!(out, "  node [fontname={font}, style=\"filled\"];");
    let _ = writeln!(out, "  edge [fontname={font}];");
    let edges = graph.edges();
    let connected: BTreeSet<&str> = edges
        .iter()
        .flat_map(|(source, target, _)| [source.id.as_str(), target.id.as_str()])
        .collect();
    let all_nodes = graph.nodes();
    let omitted = all_nodes.len() - connected.len();
    if omitted > 0 {
        let note = format!("{omitted} entities without relations are not drawn (see graph.json)");
        let _ = writeln!(out, "  label={}; labelloc=\"b\";", escape_dot_string(&note));
    }
    let nodes: Vec<&Node> = all_nodes
        .into_iter()
        .filter(|node| connected.contains(node.id.as_str()))
        .collect();
    write_legend(&mut out, &nodes, &edges, style);
    let dot_ids: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(index, node)| (node.id.as_str(), index))
        .collect();
    for (index, node) in nodes.iter().enumerate() {
        let node_style = style.for_kind(&node.kind);
        let shape = if node.literal {
            "plaintext"
        } else {
            &node_style.shape
        };
        let _ = writeln!(
            out,
            "  n{index} [label={}, tooltip={}, shape={}, fillcolor={}];",
            escape_dot_string(&node.name),
            escape_dot_string(&node.id),
            escape_dot_string(shape),
            escape_dot_string(&node_style.fillcolor),
        );
    }
    for (source, target, edge) in &edges {
        let direction = if edge.symmetric { ", dir=\"none\"" } else { "" };
        let line = style.edge(&edge.kind);
        let color = escape_dot_string(&line.color);
        let _ = writeln!(
            out,
            "  n{} -> n{} [label={}, color={color}, fontcolor={color}, style={}, arrowhead={}{direction}];",
            dot_ids[source.id.as_str()],
            dot_ids[target.id.as_str()],
            escape_dot_string(&edge_label(edge)),
            escape_dot_string(&line.style),
            escape_dot_string(&line.arrowhead),
        );
    }
    out.push_str("}\n");
    out
}

/// The legend: one node per entity type present, styled like its nodes, and one line per relation type
/// present in its line colour (`->` directed, `--` symmetric). Legend ids start with `legend_`, so never
/// clash with node ids.
fn write_legend(
    out: &mut String,
    nodes: &[&Node],
    edges: &[(&Node, &Node, &Edge)],
    style: &DotStyle,
) {
    let kinds: BTreeSet<&str> = nodes.iter().map(|node| node.kind.as_str()).collect();
    let relations: BTreeSet<(&str, bool)> = edges
        .iter()
        .map(|(_, _, edge)| (edge.kind.as_str(), edge.symmetric))
        .collect();
    if kinds.is_empty() {
        return;
    }
    out.push_str("  subgraph cluster_legend {\n    label=\"legend\";\n");
    for (index, kind) in kinds.iter().enumerate() {
        let node_style = style.for_kind(kind);
        let _ = writeln!(
            out,
            "    legend_type_{index} [label={}, shape={}, fillcolor={}];",
            escape_dot_string(kind),
            escape_dot_string(&node_style.shape),
            escape_dot_string(&node_style.fillcolor),
        );
    }
    if !relations.is_empty() {
        let rows: String = relations
            .iter()
            .map(|(kind, symmetric)| {
                let arrow = if *symmetric { "--" } else { "-&gt;" };
                let color = html_escape::encode_double_quoted_attribute(&style.edge(kind).color)
                    .into_owned();
                let kind = html_escape::encode_text(kind).into_owned();
                format!(
                    "<tr><td align=\"left\"><font color=\"{color}\">{arrow} {kind}</font></td></tr>"
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "    legend_relations [label=<<table border=\"0\">{rows}</table>>, shape=\"plaintext\", style=\"\"];",
        );
    }
    out.push_str("  }\n");
}

/// The relation type, then each key attribute value on its own line (e.g. `holds_position\n董事长`).
pub fn edge_label(edge: &Edge) -> String {
    let mut label = edge.kind.clone();
    for value in edge.attrs.values() {
        label.push('\n');
        label.push_str(value);
    }
    label
}

/// Quotes `text` as a DOT string that Graphviz shows exactly as written, whatever it contains.
///
/// Quotes and backslashes are escaped (so `\N` and friends stay literal); line feeds, and carriage
/// returns not followed by one, become `\n` line breaks; `<>{}|` are escaped so record shapes draw them
/// rather than parse them; tabs become spaces; other control characters become visible stand-ins.
pub fn escape_dot_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\\' | '<' | '>' | '{' | '}' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push_str("\\n"),
            '\t' => out.push(' '),
            _ => out.push(stand_in(c).unwrap_or(c)),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_cjk_text_is_only_quoted() {
        assert_eq!(escape_dot_string("董事长"), "\"董事长\"");
        assert_eq!(escape_dot_string(""), "\"\"");
    }

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(escape_dot_string(r#"a"b"#), r#""a\"b""#);
        assert_eq!(escape_dot_string(r"a\b"), r#""a\\b""#);
        assert_eq!(escape_dot_string("end\\"), r#""end\\""#);
        assert_eq!(escape_dot_string(r"\N\G\E\l"), r#""\\N\\G\\E\\l""#);
    }

    #[test]
    fn line_breaks_become_centred_breaks() {
        assert_eq!(escape_dot_string("a\nb"), r#""a\nb""#);
        assert_eq!(escape_dot_string("a\r\nb"), r#""a\nb""#);
        assert_eq!(escape_dot_string("a\rb"), r#""a\nb""#);
        assert_eq!(escape_dot_string("a\tb"), "\"a b\"");
    }

    #[test]
    fn record_syntax_is_escaped() {
        assert_eq!(
            escape_dot_string("<b>{x}</b>|y"),
            r#""\<b\>\{x\}\</b\>\|y""#
        );
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(escape_dot_string("a\0b\u{1b}c\u{7f}"), "\"a␀b␛c␡\"");
        assert_eq!(escape_dot_string("\u{85}"), "\"\u{fffd}\"");
    }

    #[test]
    fn nasty_name_stays_one_quoted_string() {
        let escaped = escape_dot_string("x\" -> \"y\"; z [label=\\\"\n");
        let inner = &escaped[1..escaped.len() - 1];
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            assert_ne!(c, '"', "unescaped quote in {escaped}");
            assert_ne!(c, '\n', "raw newline in {escaped}");
            if c == '\\' {
                assert!(chars.next().is_some(), "dangling backslash in {escaped}");
            }
        }
    }

    #[test]
    fn unknown_types_use_the_fallback() {
        let style = DotStyle::default();
        assert_eq!(style.for_kind("person").shape, "ellipse");
        assert_eq!(style.for_kind("spaceship"), &style.fallback);
    }
}
