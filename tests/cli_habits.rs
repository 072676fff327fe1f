//! Command-line habits (issue #10 item 7): shell completions and manual pages generated from the clap
//! definition, and `kgx extract -` reading the documents' paths from stdin.

// Each test binary uses part of the shared helpers.
#[allow(dead_code)]
mod common;

use std::path::Path;
use std::process::Command;

use common::kgx_with_input as kgx;

#[test]
fn completions_know_the_subcommands_and_their_options() {
    let bash = kgx(&["completions", "bash"], "");
    assert_eq!(bash.code, Some(0));
    let bash = bash.stdout;
    assert!(bash.contains("complete -F _kgx"), "{bash}");
    for word in ["query", "render", "--hops", "--path", "completions"] {
        assert!(bash.contains(word), "{word} missing");
    }
    let fish = kgx(&["completions", "fish"], "").stdout;
    assert!(fish.contains("complete -c kgx"), "{fish}");
    let bad = kgx(&["completions", "tcsh"], "");
    assert_eq!(bad.code, Some(2));
}

#[test]
fn the_manual_page_is_roff_from_the_command_definition() {
    let page = kgx(&["man"], "");
    assert_eq!(page.code, Some(0));
    let page = page.stdout;
    assert!(page.contains(".TH kgx 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    assert!(page.contains("kgx\\-query"), "{page}");
    let sub = kgx(&["man", "rules", "test"], "").stdout;
    assert!(sub.contains(".TH kgx-rules-test 1"), "{sub}");
    assert!(sub.contains("\\-\\-rule"), "{sub}");
    let missing = kgx(&["man", "qeury"], "");
    assert_eq!(missing.code, Some(1));
    let stderr = missing.stderr;
    assert!(stderr.contains("did you mean `query`?"), "{stderr}");
    // man itself reads the page when it is installed.
    if Path::new("/usr/bin/man").exists() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("kgx.1");
        std::fs::write(&file, &page).unwrap();
        let shown = Command::new("man")
            .arg("-l")
            .arg(&file)
            .env("MANPAGER", "cat")
            .env("COLUMNS", "200")
            .output()
            .unwrap();
        assert!(shown.status.success(), "{shown:?}");
        assert!(String::from_utf8_lossy(&shown.stdout).contains("kgx"));
    }
}

#[test]
fn extract_reads_a_list_of_paths_from_stdin() {
    let out = tempfile::tempdir().unwrap();
    let list = "corpus/000_d5226ad12f70f571.txt\n\ncorpus/001_fc6c1c474b2aa3d3.txt\r\n";
    let output = kgx(
        &["extract", "-", "--out", out.path().to_str().unwrap()],
        list,
    );
    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let json = std::fs::read_to_string(out.path().join("graph.json")).unwrap();
    let (_, run) = kgx::export::read_graph(&json).unwrap();
    let read: Vec<&str> = run.documents_read.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        read,
        ["000_d5226ad12f70f571.txt", "001_fc6c1c474b2aa3d3.txt"]
    );
    let empty = kgx(
        &["extract", "-", "--out", out.path().to_str().unwrap()],
        "\n",
    );
    assert_eq!(empty.code, Some(1));
    let stderr = empty.stderr;
    assert!(
        stderr.starts_with("kgx: `-` was given but stdin lists no path"),
        "{stderr}"
    );
}
