//! Every export of a real run loaded by the client people use for it: GraphML by NetworkX and igraph,
//! the Neo4j CSV files by Kuzu (an embedded Cypher database), Turtle by pyoxigraph with SPARQL, and the
//! facts by a JSON Lines reader — each compared with `graph.json` (`tests/clients/load_exports.py`).
//!
//! The clients are Python packages (`tests/clients/requirements.txt`) in a virtual environment: the
//! interpreter is `$KGX_TEST_PYTHON`, else `.venv-test/bin/python` at the crate root, which the test
//! creates (with `python3 -m venv` and pip, from the package registry) when it is missing, so that
//! `cargo test` alone sets everything up; `.ci/run` creates it beforehand. When it cannot be made the test
//! fails, saying why: it must not pass silently where nothing was checked.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A path below the crate root.
fn root(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The Python interpreter that has the clients, made if need be, or a failure saying how to get one.
fn python() -> PathBuf {
    if let Some(path) = std::env::var_os("KGX_TEST_PYTHON") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "KGX_TEST_PYTHON={} is no file",
            path.display()
        );
        return path;
    }
    let venv = root(".venv-test/bin/python");
    if !venv.is_file() {
        make_venv();
    }
    venv
}

/// Creates `.venv-test` with the clients of `tests/clients/requirements.txt`.
fn make_venv() {
    let how = "run `.ci/run`, or `python3 -m venv .venv-test && .venv-test/bin/pip install -r \
               tests/clients/requirements.txt`, or set KGX_TEST_PYTHON";
    let run = |program: &Path, args: &[&str]| {
        let status = Command::new(program)
            .args(args)
            .current_dir(root(""))
            .status()
            .unwrap_or_else(|error| panic!("cannot run {}: {error}; {how}", program.display()));
        assert!(
            status.success(),
            "{} {} failed ({status}); on Debian `apt-get install python3-venv` first; {how}",
            program.display(),
            args.join(" ")
        );
    };
    run(Path::new("python3"), &["-m", "venv", ".venv-test"]);
    run(
        &root(".venv-test/bin/pip"),
        &[
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            "tests/clients/requirements.txt",
        ],
    );
}

#[test]
fn every_export_loads_in_its_client_and_agrees_with_graph_json() {
    let python = python();
    let out = tempfile::tempdir().unwrap();
    let extract = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .arg("extract")
        .arg(root("corpus"))
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("cannot run kgx");
    assert!(
        extract.status.success(),
        "kgx extract failed: {}",
        String::from_utf8_lossy(&extract.stderr)
    );
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
        "agree with graph.json",
    ] {
        assert!(stdout.contains(client), "{client} not checked:\n{stdout}");
    }
}
