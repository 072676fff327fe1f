//! Deterministic views over a [`KnowledgeGraph`], each written atomically.
//!
//! Every format is a pure function of the graph (and, for JSON, the [`RunInfo`]): nodes and edges are
//! taken in the graph's sorted order and no timestamps are written, so the same input always gives
//! byte-identical files.

pub mod csv;
pub mod dot;
pub mod facts;
pub mod graphml;
pub mod html;
pub mod json;
pub mod jsonld;
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

/// The manifest of a run's outputs, written last into the output folder: one `SHA-256  NAME` line per
/// output (`sha256sum -c` reads it). Outputs it does not describe are not one run's set.
pub const MANIFEST: &str = "kgx-run.sha256";

/// Prefix of the temporary files and staging folders kgx makes in an output folder.
const TEMPORARY_PREFIX: &str = ".kgx-";

/// Prefix of a run's staging folder inside the output folder.
const STAGING_PREFIX: &str = ".kgx-staging-";

/// Writes `graph.json`, `graph.dot`, `graph.graphml`, `nodes.csv`, `edges.csv`, `facts.jsonl`,
/// `graph.ttl`, `graph.jsonld`, the viewer `graph.html` and the Neo4j import files (`neo4j/`, see
/// [`neo4j`]) into `out_dir` (created if needed) as one set, and returns their paths in that order.
/// Files of `neo4j/` this run did not write (a type no longer found) are removed.
///
/// Temporary files and staging folders that a killed run left in `out_dir` are removed first. Every
/// file is then rendered and written, synced, into a fresh staging folder inside `out_dir`; only when
/// all are there is the old [`MANIFEST`] removed, each file renamed into place, and the new manifest
/// written last. A failure while staging (a full disk, say) leaves the old set as it was; an output
/// that cannot be replaced (a folder of that name) is found before anything is renamed; a kill while
/// renaming leaves no manifest, so [`verify_outputs`] tells the set is torn. An error names the file
/// it concerns.
pub fn write_all(
    graph: &KnowledgeGraph,
    run: &RunInfo,
    style: &DotStyle,
    out_dir: &Path,
) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(out_dir.join(neo4j::FOLDER))?;
    remove_stale(out_dir)?;
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
        (
            "graph.jsonld".to_owned(),
            jsonld::to_jsonld(graph)?.into_bytes(),
        ),
        (
            "graph.html".to_owned(),
            html::to_html(graph, style)?.into_bytes(),
        ),
    ];
    files.extend(neo4j::neo4j_files(graph)?);
    let written = switch_in(out_dir, &files)?;
    remove_stale_types(&out_dir.join(neo4j::FOLDER), &written)?;
    Ok(written)
}

/// Removes the `.csv` files of `dir` that are not among `written`: what an earlier run wrote for a
/// type this run no longer has.
fn remove_stale_types(dir: &Path, written: &[PathBuf]) -> io::Result<()> {
    for entry in fs::read_dir(dir).map_err(|error| about(dir, error))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "csv") && !written.contains(&path) {
            fs::remove_file(&path).map_err(|error| about(&path, error))?;
        }
    }
    Ok(())
}

/// Writes `files` (name, bytes) into `out_dir` as one set: staged in a fresh folder, renamed into
/// place, then described by a new [`MANIFEST`] (see [`write_all`]). Returns the outputs' paths.
fn switch_in(out_dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<Vec<PathBuf>> {
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(out_dir)
        .map_err(|error| about(out_dir, error))?;
    let mut manifest = String::new();
    for (name, bytes) in files {
        let staged = staging.path().join(name);
        if let Some(parent) = staged.parent() {
            fs::create_dir_all(parent).map_err(|error| about(&out_dir.join(name), error))?;
        }
        write_synced(&staged, bytes).map_err(|error| about(&out_dir.join(name), error))?;
        manifest.push_str(&format!("{}  {name}\n", hex(&Sha256::digest(bytes))));
    }
    for (name, _) in files {
        let path = out_dir.join(name);
        if path.is_dir() {
            return Err(about(
                &path,
                io::Error::new(io::ErrorKind::IsADirectory, "a folder is in the way"),
            ));
        }
    }
    match fs::remove_file(out_dir.join(MANIFEST)) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            return Err(about(&out_dir.join(MANIFEST), error));
        }
        _ => {}
    }
    let mut written = Vec::new();
    for (name, _) in files {
        let path = out_dir.join(name);
        fs::rename(staging.path().join(name), &path).map_err(|error| about(&path, error))?;
        written.push(path);
    }
    let manifest_path = out_dir.join(MANIFEST);
    write_atomic(&manifest_path, manifest.as_bytes())
        .map_err(|error| about(&manifest_path, error))?;
    Ok(written)
}

/// Removes what killed runs left in `out_dir`: `.kgx-*.tmp` files and `.kgx-staging-*` folders (only
/// those; nothing else of the folder is touched).
fn remove_stale(out_dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(out_dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type()?;
        let removed = if kind.is_dir() && name.starts_with(STAGING_PREFIX) {
            fs::remove_dir_all(entry.path())
        } else if kind.is_file() && name.starts_with(TEMPORARY_PREFIX) && name.ends_with(".tmp") {
            fs::remove_file(entry.path())
        } else {
            continue;
        };
        removed.map_err(|error| about(&entry.path(), error))?;
    }
    Ok(())
}

/// Checks that the outputs in `out_dir` are one run's set: every file its [`MANIFEST`] lists has the
/// listed SHA-256. `Ok(false)` when there is no manifest (an older kgx, or a run stopped while it
/// replaced the outputs); an error names the first file that differs or is missing.
pub fn verify_outputs(out_dir: &Path) -> io::Result<bool> {
    let manifest = match fs::read_to_string(out_dir.join(MANIFEST)) {
        Ok(manifest) => manifest,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(about(&out_dir.join(MANIFEST), error)),
    };
    for line in manifest.lines() {
        let Some((digest, name)) = line.split_once("  ") else {
            continue;
        };
        let path = out_dir.join(name);
        let bytes = fs::read(&path).map_err(|error| about(&path, error))?;
        if hex(&Sha256::digest(&bytes)) != digest {
            return Err(about(
                &path,
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("not the file {MANIFEST} lists: the outputs are not one run's"),
                ),
            ));
        }
    }
    Ok(true)
}

/// Lower-case hexadecimal digits of `bytes`.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Writes `bytes` to a new file at `path` (mode `0644` on Unix) and syncs it.
fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o644);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
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
    builder.prefix(TEMPORARY_PREFIX).suffix(".tmp");
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

    /// A graph with nothing in it, written as a set into `dir`.
    fn write_empty(dir: &Path) -> io::Result<Vec<PathBuf>> {
        write_all(
            &KnowledgeGraph::new(),
            &RunInfo::new("hash"),
            &DotStyle::default(),
            dir,
        )
    }

    fn names(dir: &Path) -> BTreeSet<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect()
    }

    #[test]
    fn a_set_is_described_by_its_manifest_and_stale_temporaries_go() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".kgx-xyz.tmp"), "killed run").unwrap();
        fs::create_dir(dir.path().join(".kgx-staging-abc")).unwrap();
        fs::write(dir.path().join(".kgx-staging-abc/graph.json"), "x").unwrap();
        fs::write(dir.path().join(".kgx-mine"), "not a temporary").unwrap();
        fs::write(dir.path().join("notes.tmp"), "not ours").unwrap();
        let written = write_empty(dir.path()).unwrap();
        // Top-level names: a file of neo4j/ shows as its folder.
        let mut expected: BTreeSet<String> = written
            .iter()
            .map(|path| {
                let relative = path.strip_prefix(dir.path()).unwrap();
                let first = relative.components().next().unwrap();
                first.as_os_str().to_string_lossy().into_owned()
            })
            .collect();
        expected.extend([MANIFEST, ".kgx-mine", "notes.tmp", neo4j::FOLDER].map(String::from));
        assert_eq!(names(dir.path()), expected);
        assert!(verify_outputs(dir.path()).unwrap());
        let manifest = fs::read_to_string(dir.path().join(MANIFEST)).unwrap();
        assert_eq!(manifest.lines().count(), written.len());
        assert!(manifest.lines().all(|line| line.len() > 66), "{manifest}");

        fs::write(dir.path().join("graph.dot"), "an older run's").unwrap();
        let error = verify_outputs(dir.path()).unwrap_err().to_string();
        assert!(
            error.contains("graph.dot: not the file kgx-run.sha256 lists"),
            "{error}"
        );
        fs::remove_file(dir.path().join(MANIFEST)).unwrap();
        assert!(!verify_outputs(dir.path()).unwrap());
    }

    #[test]
    fn a_failing_write_leaves_the_old_set_intact() {
        let dir = tempfile::tempdir().unwrap();
        write_empty(dir.path()).unwrap();
        let before: Vec<(String, Vec<u8>)> = names(dir.path())
            .into_iter()
            .filter(|name| dir.path().join(name).is_file())
            .map(|name| (name.clone(), fs::read(dir.path().join(&name)).unwrap()))
            .collect();
        fs::remove_file(dir.path().join("edges.csv")).unwrap();
        fs::create_dir(dir.path().join("edges.csv")).unwrap();
        let error = write_all(
            &KnowledgeGraph::new(),
            &RunInfo::new("another pack"),
            &DotStyle::default(),
            dir.path(),
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("edges.csv"), "{error}");
        for (name, bytes) in before.iter().filter(|(name, _)| name != "edges.csv") {
            assert_eq!(&fs::read(dir.path().join(name)).unwrap(), bytes, "{name}");
        }
        assert!(
            names(dir.path())
                .iter()
                .all(|name| !name.starts_with(".kgx-"))
        );
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
