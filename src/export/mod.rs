//! Deterministic views over a [`KnowledgeGraph`], each written atomically.
//!
//! Every format is a pure function of the graph (and, for JSON, the [`RunInfo`]): nodes and edges are
//! taken in the graph's sorted order and no timestamps are written, so the same input always gives
//! byte-identical files.

pub mod csv;
pub mod dot;
pub mod facts;
pub mod graphml;
pub mod json;
pub mod neo4j;
pub mod run;
pub mod turtle;

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;

use crate::graph::{Edge, KnowledgeGraph, Node};

pub use dot::{DotStyle, NodeStyle};
pub use json::{ReadGraphError, read_graph};
pub use run::{DocumentInfo, FailedDocument, RunInfo};

/// Writes `graph.json`, `graph.dot`, `graph.graphml`, `nodes.csv`, `edges.csv`, `facts.jsonl`,
/// `graph.ttl` and the Neo4j import files (`neo4j/`, see [`neo4j`]) into `out_dir` (created if needed),
/// each atomically, and returns their paths in that order. Files of `neo4j/` this run did not write (a
/// type no longer found) are removed.
///
/// Every file is rendered and staged (written and synced under a temporary name) before the first one
/// replaces its previous version, so a failure while writing (a full disk, say) leaves the old outputs
/// as they were instead of a mix of old and new. An error names the file it concerns.
pub fn write_all(
    graph: &KnowledgeGraph,
    run: &RunInfo,
    style: &DotStyle,
    out_dir: &Path,
) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(out_dir.join(neo4j::FOLDER))?;
    let mut files = vec![
        (
            "graph.json".to_owned(),
            json::to_json(graph, run)?.into_bytes(),
        ),
        (
            "graph.dot".to_owned(),
            dot::to_dot(graph, style).into_bytes(),
        ),
        (
            "graph.graphml".to_owned(),
            graphml::to_graphml(graph).into_bytes(),
        ),
        ("nodes.csv".to_owned(), self::csv::nodes_csv(graph)?),
        ("edges.csv".to_owned(), self::csv::edges_csv(graph)?),
        (
            "facts.jsonl".to_owned(),
            facts::to_jsonl(graph)?.into_bytes(),
        ),
        (
            "graph.ttl".to_owned(),
            turtle::to_turtle(graph).into_bytes(),
        ),
    ];
    files.extend(neo4j::neo4j_files(graph)?);
    let staged = files
        .into_iter()
        .map(|(name, bytes)| {
            let path = out_dir.join(name);
            let file = stage(&path, &bytes).map_err(|error| about(&path, error))?;
            Ok((path, file))
        })
        .collect::<io::Result<Vec<_>>>()?;
    let written = staged
        .into_iter()
        .map(|(path, file)| {
            file.persist(&path)
                .map_err(|error| about(&path, error.error))?;
            Ok(path)
        })
        .collect::<io::Result<Vec<_>>>()?;
    remove_stale(&out_dir.join(neo4j::FOLDER), &written)?;
    Ok(written)
}

/// Removes the `.csv` files of `dir` that are not among `written`: what an earlier run wrote for a
/// type this run no longer has.
fn remove_stale(dir: &Path, written: &[PathBuf]) -> io::Result<()> {
    for entry in fs::read_dir(dir).map_err(|error| about(dir, error))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "csv") && !written.contains(&path) {
            fs::remove_file(&path).map_err(|error| about(&path, error))?;
        }
    }
    Ok(())
}

/// Replaces `path` with `bytes` atomically: the bytes go to a synced temporary file in the same
/// directory, which is then renamed over `path`. Readers see the old file or the new one, never a part.
/// On Unix the file gets mode `0644`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(path, bytes)?
        .persist(path)
        .map_err(|error| error.error)?;
    Ok(())
}

/// `bytes` in a synced temporary file next to `path` (mode `0644` on Unix), removed unless persisted.
fn stage(path: &Path, bytes: &[u8]) -> io::Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kgx-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    Ok(file)
}

/// `error` with the path it concerns in front of its message.
fn about(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

/// A stable, content-derived edge id: `e` and 16 hex digits of the SHA-256 of the edge's identity
/// (source id, target id, relation type, key attributes). It does not depend on the rest of the graph.
pub fn edge_id(source: &Node, target: &Node, edge: &Edge) -> String {
    let mut hasher = Sha256::new();
    let mut part = |text: &str| {
        hasher.update((text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    };
    part(&source.id);
    part(&target.id);
    part(&edge.kind);
    part(&edge.attrs.len().to_string());
    for (key, value) in &edge.attrs {
        part(key);
        part(value);
    }
    let digest = hasher.finalize();
    let mut id = String::from("e");
    for byte in &digest[..8] {
        id.push_str(&format!("{byte:02x}"));
    }
    id
}

/// Every attribute as `name=value` pairs joined by `;`, sorted: the key attributes, and one pair per
/// distinct value of each other attribute (`amount=5.2亿元;amount=5亿元`).
fn attributes(edge: &Edge) -> String {
    let values = edge.values();
    let mut pairs: Vec<String> =
        edge.attrs
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .chain(values.iter().flat_map(|(name, values)| {
                values.iter().map(move |value| format!("{name}={value}"))
            }))
            .collect();
    pairs.sort();
    join(pairs)
}

/// An edge's label: its relation type and its key attribute values (`holds_position 董事长`).
fn edge_label(edge: &Edge) -> String {
    std::iter::once(edge.kind.as_str())
        .chain(edge.attrs.values().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every attribute of an edge with its value: a key attribute's value, or another attribute's distinct
/// values joined by `;`, in attribute-name order.
fn attribute_values(edge: &Edge) -> Vec<(&str, String)> {
    let mut values: Vec<(&str, String)> = edge
        .attrs
        .iter()
        .map(|(name, value)| (name.as_str(), value.clone()))
        .chain(
            edge.values()
                .into_iter()
                .map(|(name, values)| (name, join(values))),
        )
        .collect();
    values.sort();
    values
}

/// Distinct documents among the edge's evidence, sorted.
fn documents(edge: &Edge) -> BTreeSet<&str> {
    edge.evidence
        .iter()
        .map(|evidence| evidence.document.as_str())
        .collect()
}

/// Items joined by `;`.
fn join<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let items: Vec<S> = items.into_iter().collect();
    let parts: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    parts.join(";")
}

/// A visible stand-in for a character that text formats cannot carry: C0 controls other than tab, line
/// feed and carriage return become their Unicode control pictures (U+2400…), DEL becomes U+2421, and C1
/// controls and the non-characters U+FFFE/U+FFFF become U+FFFD. Other characters give `None`.
fn stand_in(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => Some('\u{fffd}'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins_are_visible() {
        assert_eq!(stand_in('\0'), Some('␀'));
        assert_eq!(stand_in('\u{1b}'), Some('␛'));
        assert_eq!(stand_in('\u{7f}'), Some('␡'));
        assert_eq!(stand_in('\u{85}'), Some('\u{fffd}'));
        assert_eq!(stand_in('\n'), None);
        assert_eq!(stand_in('董'), None);
    }

    #[test]
    fn atomic_write_creates_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.txt"]);
    }
}
