//! The HTML viewer of a real run, used in headless Chromium: `tests/clients/view_html.py` drives Debian's
//! `chromium` (or `$KGX_CHROMIUM`) through Playwright, which downloads no browser, and checks the page
//! against `graph.json`: no console error, the entity count, search, an edge's evidence on click. It
//! saves a screenshot into the test's temporary folder, and to `$KGX_SCREENSHOT` when that is set.
//!
//! Playwright comes from `tests/clients/requirements.txt`, in the same virtual environment as the export
//! clients (`tests/clients/venv.rs`). Without a Chromium the test fails and says how to install one.

use std::path::PathBuf;
use std::process::Command;

#[path = "clients/venv.rs"]
mod venv;

use venv::{extract_corpus, python, root};

/// The Chromium to drive.
fn chromium() -> PathBuf {
    let path =
        std::env::var_os("KGX_CHROMIUM").map_or_else(|| "/usr/bin/chromium".into(), PathBuf::from);
    assert!(
        path.is_file(),
        "no Chromium at {}: `apt-get install chromium` (Debian), or set KGX_CHROMIUM to one",
        path.display()
    );
    path
}

#[test]
fn the_viewer_loads_searches_and_shows_evidence_in_chromium() {
    let chromium = chromium();
    let python = python();
    let out = extract_corpus();
    let screenshot = out.path().join("viewer.png");
    let run = Command::new(&python)
        .arg(root("tests/clients/view_html.py"))
        .arg(out.path())
        .arg(&screenshot)
        .env("KGX_CHROMIUM", &chromium)
        .output()
        .unwrap_or_else(|error| panic!("cannot run {}: {error}", python.display()));
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "view_html.py failed (a missing module: `.venv-test/bin/pip install -r \
         tests/clients/requirements.txt`)\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    for step in [
        "entities in graph.json and on the page",
        "finds",
        "evidence sentences",
        "no console error",
    ] {
        assert!(stdout.contains(step), "{step:?} not checked:\n{stdout}");
    }
    let png = std::fs::read(&screenshot).expect("no screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "not a screenshot"
    );
    if let Some(path) = std::env::var_os("KGX_SCREENSHOT") {
        std::fs::write(&path, &png).expect("cannot write $KGX_SCREENSHOT");
    }
}
