//! `nodes.csv` and `edges.csv`: flat tables for spreadsheets and data frames.
//!
//! Lists are `;`-joined in one cell; quoting follows RFC 4180 (via the `csv` crate).

use csv::Writer;

use super::{attributes, documents, join};
use crate::graph::KnowledgeGraph;

/// `nodes.csv`: `id,type,name,aliases,documents,mentions`, one row per node in id order.
pub fn nodes_csv(graph: &KnowledgeGraph) -> csv::Result<Vec<u8>> {
    let mut writer = Writer::from_writer(Vec::new());
    writer.write_record(["id", "type", "name", "aliases", "documents", "mentions"])?;
    for node in graph.nodes() {
        writer.write_record([
            node.id.as_str(),
            &node.kind,
            &node.name,
            &join(&node.aliases),
            &join(&node.documents),
            &node.mentions.to_string(),
        ])?;
    }
    finish(writer)
}

/// `edges.csv`: `source,target,type,attributes,weight,documents`, one row per edge in the graph's edge
/// order; attributes are `key=value` pairs joined by `;`.
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
            source.id.as_str(),
            &target.id,
            &edge.kind,
            &attributes(edge),
            &edge.weight().to_string(),
            &join(documents(edge)),
        ])?;
    }
    finish(writer)
}

/// Flushes the writer and hands back its bytes.
fn finish(writer: Writer<Vec<u8>>) -> csv::Result<Vec<u8>> {
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}
