//! `neo4j/`: CSV files for `neo4j-admin database import full`, one per node label and one per
//! relationship type.
//!
//! Node files (`nodes.<type>.csv`) have the header
//! `id:ID,name,aliases:string[],documents:string[],mentions:int,literal:boolean,:LABEL`; relationship
//! files (`relationships.<type>.csv`) `:START_ID,:END_ID,:TYPE,id,<key attributes>,<other
//! attributes>:string[],symmetric:boolean,weight:int,evidence_count:int,first_evidence,first_document`,
//! the attribute columns being those the type's edges have, in name order. Labels and relationship types
//! are the pack's type names; ids are the node ids of `graph.json` (one id space). Arrays use `;`, the
//! importer's default delimiter: a `;` inside an item becomes `；` so it cannot split it. Line breaks in
//! text become spaces, so the import needs no `--multiline-fields`. Unlike `nodes.csv`, cells are not
//! guarded against spreadsheet formulas: they are data for a database.

use std::collections::{BTreeMap, BTreeSet};

use csv::Writer;

use super::csv::finish;
use super::{edge_id, stand_in};
use crate::graph::{Edge, KnowledgeGraph, Node};

/// The folder, inside the output directory, that holds the files.
pub const FOLDER: &str = "neo4j";

/// The columns of a relationship file that come before the attributes.
const REL_HEAD: [&str; 4] = [":START_ID", ":END_ID", ":TYPE", "id"];

/// The columns of a relationship file that come after the attributes.
const REL_TAIL: [&str; 5] = [
    "symmetric:boolean",
    "weight:int",
    "evidence_count:int",
    "first_evidence",
    "first_document",
];

/// Every file as (path relative to the output directory, bytes): node files by label, then relationship
/// files by type, each in name order.
pub fn neo4j_files(graph: &KnowledgeGraph) -> csv::Result<Vec<(String, Vec<u8>)>> {
    let mut labels: BTreeMap<&str, Vec<&Node>> = BTreeMap::new();
    for node in graph.nodes() {
        labels.entry(&node.kind).or_default().push(node);
    }
    let mut types: BTreeMap<&str, Vec<(&Node, &Node, &Edge)>> = BTreeMap::new();
    for edge in graph.edges() {
        types.entry(&edge.2.kind).or_default().push(edge);
    }
    let mut files = Vec::new();
    for (label, nodes) in labels {
        files.push((file_name("nodes", label), node_file(&nodes)?));
    }
    for (kind, edges) in types {
        files.push((file_name("relationships", kind), relationship_file(&edges)?));
    }
    Ok(files)
}

/// One label's node file.
fn node_file(nodes: &[&Node]) -> csv::Result<Vec<u8>> {
    let mut writer = Writer::from_writer(Vec::new());
    writer.write_record([
        "id:ID",
        "name",
        "aliases:string[]",
        "documents:string[]",
        "mentions:int",
        "literal:boolean",
        ":LABEL",
    ])?;
    for node in nodes {
        writer.write_record([
            text(&node.id),
            text(&node.name),
            array(&node.aliases),
            array(&node.documents),
            node.mentions.to_string(),
            node.literal.to_string(),
            text(&node.kind),
        ])?;
    }
    finish(writer)
}

/// One relationship type's file; its attribute columns are the key attributes and then the other
/// attributes its edges have.
fn relationship_file(edges: &[(&Node, &Node, &Edge)]) -> csv::Result<Vec<u8>> {
    let keys: BTreeSet<&str> = edges
        .iter()
        .flat_map(|(_, _, edge)| edge.attrs.keys().map(String::as_str))
        .collect();
    let values: BTreeSet<&str> = edges
        .iter()
        .flat_map(|(_, _, edge)| edge.values().into_keys())
        .collect();
    let mut writer = Writer::from_writer(Vec::new());
    let header: Vec<String> = REL_HEAD
        .iter()
        .map(|column| (*column).to_owned())
        .chain(keys.iter().map(|name| column(name)))
        .chain(
            values
                .iter()
                .map(|name| format!("{}:string[]", column(name))),
        )
        .chain(REL_TAIL.iter().map(|column| (*column).to_owned()))
        .collect();
    writer.write_record(&header)?;
    for (source, target, edge) in edges {
        let first = edge.evidence.first();
        let edge_values = edge.values();
        let row: Vec<String> = [
            text(&source.id),
            text(&target.id),
            text(&edge.kind),
            edge_id(source, target, edge),
        ]
        .into_iter()
        .chain(
            keys.iter()
                .map(|name| edge.attrs.get(*name).map_or_else(String::new, |v| text(v))),
        )
        .chain(
            values
                .iter()
                .map(|name| edge_values.get(name).map_or_else(String::new, array)),
        )
        .chain([
            edge.symmetric.to_string(),
            edge.weight().to_string(),
            edge.evidence.len().to_string(),
            first.map_or_else(String::new, |first| text(&first.sentence)),
            first.map_or_else(String::new, |first| text(&first.document)),
        ])
        .collect();
        writer.write_record(&row)?;
    }
    finish(writer)
}

/// The column name of an edge attribute: its own name, or `attr_` and its name when a fixed column
/// has that name (an attribute called `weight`).
fn column(name: &str) -> String {
    let fixed = REL_HEAD
        .iter()
        .chain(&REL_TAIL)
        .any(|column| column.split(':').next() == Some(name) && !column.starts_with(':'));
    if fixed {
        format!("attr_{name}")
    } else {
        name.to_owned()
    }
}

/// `folder/prefix.name.csv`, with every byte of `name` other than ASCII letters, digits, `_` and `-`
/// written as `%XX`, so any type name gives a distinct, portable file name.
fn file_name(prefix: &str, name: &str) -> String {
    let mut stem = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-' {
            stem.push(char::from(byte));
        } else {
            stem.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{FOLDER}/{prefix}.{stem}.csv")
}

/// A text cell: line breaks become spaces and characters text cannot carry visible stand-ins.
fn text(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '\n' | '\r' => ' ',
            _ => stand_in(c).unwrap_or(c),
        })
        .collect()
}

/// An array cell: items joined by `;`, a `;` inside an item written `；`.
fn array<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|item| text(item.as_ref()).replace(';', "；"))
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_portable_and_distinct() {
        assert_eq!(file_name("nodes", "company"), "neo4j/nodes.company.csv");
        assert_eq!(
            file_name("relationships", "a/b%"),
            "neo4j/relationships.a%2Fb%25.csv"
        );
    }

    #[test]
    fn array_items_keep_their_semicolons() {
        assert_eq!(array(["甲;乙", "丙\n丁"]), "甲；乙;丙 丁");
    }

    #[test]
    fn attributes_named_like_fixed_columns_are_renamed() {
        assert_eq!(column("weight"), "attr_weight");
        assert_eq!(column("id"), "attr_id");
        assert_eq!(column("title"), "title");
    }
}
