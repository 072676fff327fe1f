//! `nodes.csv` and `edges.csv`: flat tables for spreadsheets and data frames.
//!
//! Lists are `;`-joined in one cell; quoting follows RFC 4180 (via the `csv` crate). A text cell that a
//! spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets
//! a leading `'`, as OWASP's guidance on CSV injection advises: a name from a hostile page stays text.

use csv::Writer;

use super::{attributes, documents, join};
use crate::graph::KnowledgeGraph;

/// `nodes.csv`: `id,type,name,aliases,documents,mentions`, one row per node in id order.
pub fn nodes_csv(graph: &KnowledgeGraph) -> csv::Result<Vec<u8>> {
    let mut writer = Writer::from_writer(Vec::new());
    writer.write_record(["id", "type", "name", "aliases", "documents", "mentions"])?;
    for node in graph.nodes() {
        writer.write_record([
            cell(&node.id),
            cell(&node.kind),
            cell(&node.name),
            cell(&join(&node.aliases)),
            cell(&join(&node.documents)),
            cell(&node.mentions.to_string()),
        ])?;
    }
    finish(writer)
}

/// `edges.csv`: `source,target,type,attributes,weight,documents`, one row per edge in the graph's edge
/// order; attributes are `key=value` pairs joined by `;`: the key attributes and each distinct value of the
/// others.
pub fn edges_csv(graph: &KnowledgeGraph) -> csv::Result<Vec<u8>> {
    let mut writer = Writer::from_writer(Vec::new());
    writer.write_record([
        "source",
        "target",
        "type",
        "attributes",
        "weight",
        "documents",
    ])?;
    for (source, target, edge) in graph.edges() {
        writer.write_record([
            cell(&source.id),
            cell(&target.id),
            cell(&edge.kind),
            cell(&attributes(edge)),
            cell(&edge.weight().to_string()),
            cell(&join(documents(edge))),
        ])?;
    }
    finish(writer)
}

/// A text cell as written, or with a leading `'` when a spreadsheet would evaluate it as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Flushes the writer and hands back its bytes.
pub(super) fn finish(writer: Writer<Vec<u8>>) -> csv::Result<Vec<u8>> {
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_cells_are_kept_as_text() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("+86 10"), "'+86 10");
        assert_eq!(cell("-1+1"), "'-1+1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("星河电子;=1+1"), "星河电子;=1+1");
        assert_eq!(cell("中国稀土集团有限公司"), "中国稀土集团有限公司");
    }
}
