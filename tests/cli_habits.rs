//! Command-line habits (issue #10 item 7): shell completions and manual pages generated from the clap
//! definition, and `kgx extract -` reading the documents' paths from stdin.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn kgx(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn completions_know_the_subcommands_and_their_options() {
    let bash = kgx(&["completions", "bash"], "");
    assert!(bash.status.success());
    let bash = String::from_utf8(bash.stdout).unwrap();
    assert!(bash.contains("complete -F _kgx"), "{bash}");
    for word in ["query", "render", "--hops", "--path", "completions"] {
        assert!(bash.contains(word), "{word} missing");
    }
    let fish = String::from_utf8(kgx(&["completions", "fish"], "").stdout).unwrap();
    assert!(fish.contains("complete -c kgx"), "{fish}");
    let bad = kgx(&["completions", "tcsh"], "");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_manual_page_is_roff_from_the_command_definition() {
    let page = kgx(&["man"], "");
    assert!(page.status.success());
    let page = String::from_utf8(page.stdout).unwrap();
    assert!(page.contains(".TH kgx 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    assert!(page.contains("kgx\\-query"), "{page}");
    let sub = String::from_utf8(kgx(&["man", "rules", "test"], "").stdout).unwrap();
    assert!(sub.contains(".TH kgx-rules-test 1"), "{sub}");
    assert!(sub.contains("\\-\\-rule"), "{sub}");
    let missing = kgx(&["man", "qeury"], "");
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8(missing.stderr).unwrap();
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
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
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
    assert_eq!(empty.status.code(), Some(1));
    let stderr = String::from_utf8(empty.stderr).unwrap();
    assert!(
        stderr.starts_with("kgx: `-` was given but stdin lists no path"),
        "{stderr}"
    );
}
