//! Every export of a real run loaded by the client people use for it: GraphML by NetworkX and igraph,
//! the Neo4j CSV files by Kuzu (an embedded Cypher database), Turtle and JSON-LD by pyoxigraph with
//! SPARQL, and the facts by a JSON Lines reader — each compared with `graph.json`
//! (`tests/clients/load_exports.py`).
//!
//! The clients are Python packages (`tests/clients/requirements.txt`) in a virtual environment made as
//! `tests/clients/venv.rs` says; `.ci/run` creates it beforehand.

use std::process::Command;

#[path = "clients/venv.rs"]
mod venv;

use venv::{extract_corpus, python, root};

#[test]
fn every_export_loads_in_its_client_and_agrees_with_graph_json() {
    let python = python();
    let out = extract_corpus();
    let run = Command::new(&python)
        .arg(root("tests/clients/load_exports.py"))
        .arg(out.path())
        .output()
        .unwrap_or_else(|error| panic!("cannot run {}: {error}", python.display()));
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "load_exports.py failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    for client in [
        "NetworkX and igraph",
        "Kuzu",
        "pyoxigraph",
        "graph.jsonld: the same triples as graph.ttl",
        "agree with graph.json",
    ] {
        assert!(stdout.contains(client), "{client} not checked:\n{stdout}");
    }
}
