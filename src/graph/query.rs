//! Reading a graph by name, and writing selected edges as an aligned table: names matched against a
//! node's display name, aliases and id after folding traditional characters to simplified; columns
//! aligned by terminal width (East Asian wide characters take two columns).

use std::collections::BTreeMap;
use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::{Edge, Evidence, Node};

/// A name as compared: simplified characters, no white space.
pub fn fold(name: &str) -> String {
    fast2s::convert(&crate::resolve::fold(name))
}

/// Edges as a table, one row per edge (`SOURCE  RELATION  TARGET  ATTRIBUTES  WEIGHT`; the relation
/// written `-[type]->`, or `<-[type]->` when symmetric), columns aligned for a terminal. With
/// `evidence`, at most that many of each edge's supporting sentences follow its row, indented.
pub fn edge_table(edges: &[(&Node, &Node, &Edge)], evidence: Option<usize>) -> String {
    let header = ["SOURCE", "RELATION", "TARGET", "ATTRIBUTES", "WEIGHT"].map(str::to_owned);
    let rows: Vec<[String; 5]> = edges
        .iter()
        .map(|(source, target, edge)| {
            let tail = if edge.symmetric { "<-" } else { "-" };
            let attrs: Vec<String> = edge
                .attrs
                .iter()
                .map(|(key, value)| format!("{key}={value}"))
                .collect();
            [
                source.name.clone(),
                format!("{tail}[{}]->", edge.kind),
                target.name.clone(),
                attrs.join(", "),
                edge.weight().to_string(),
            ]
        })
        .collect();
    let mut widths = [0; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let line = |row: &[String; 5]| {
        let mut text = String::new();
        for (index, (cell, width)) in row.iter().zip(widths).enumerate() {
            text.push_str(cell);
            if index + 1 < row.len() {
                text.push_str(&" ".repeat(width - cell.width() + 2));
            }
        }
        text.trim_end().to_owned() + "\n"
    };
    let mut out = line(&header);
    for (row, (_, _, edge)) in rows.iter().zip(edges) {
        out.push_str(&line(row));
        for item in edge.evidence.iter().take(evidence.unwrap_or(0)) {
            let _ = writeln!(out, "    {}", render_evidence(item));
        }
    }
    out
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
