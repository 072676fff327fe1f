//! Helpers for tests that run the built `kgx` binary on the project's real inputs.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// What `kgx extract` writes into its output directory: nine files and the `neo4j/` folder.
pub const OUTPUT_FILES: [&str; 10] = [
    "graph.json",
    "graph.dot",
    "graph.graphml",
    "nodes.csv",
    "edges.csv",
    "facts.jsonl",
    "graph.ttl",
    "graph.jsonld",
    "graph.html",
    "neo4j",
];

/// A path below the crate root.
pub fn root(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// What a `kgx` run did.
pub struct Run {
    /// Exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is not UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is not UTF-8"),
        }
    }

    /// Fails, showing both streams, unless the exit code is `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit code {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs `kgx ARGS` from the crate root (where the default `rules/` and `corpus/` are), with the default
/// pack whatever `KGX_RULES` the developer has set.
pub fn kgx<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .current_dir(root(""))
        .env_remove("KGX_RULES")
        .stdin(Stdio::null())
        .output()
        .expect("cannot run kgx");
    Run::from(output)
}

/// Runs `kgx ARGS` as [`kgx`] does, with `input` on standard input.
pub fn kgx_with_input(args: &[&str], input: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .current_dir(root(""))
        .env_remove("KGX_RULES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run kgx");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("kgx did not finish");
    writer.join().unwrap().expect("cannot write kgx's stdin");
    Run::from(output)
}

/// Runs `kgx extract CORPUS --out OUT` with extra arguments.
pub fn extract(corpus: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("extract"), corpus.as_os_str()];
    args.extend([OsStr::new("--out"), out.as_os_str()]);
    args.extend(extra.iter().map(OsStr::new));
    kgx(args)
}

/// Every file below `dir`, by path relative to it (`neo4j/nodes.company.csv`), with its content.
pub fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in
        fs::read_dir(dir).unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
    {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if entry.file_type().unwrap().is_dir() {
            for (inner, bytes) in files_in(&entry.path()) {
                files.insert(format!("{name}/{inner}"), bytes);
            }
        } else {
            files.insert(name, fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Copies the files of `from` (not below it) into `to`, which must exist.
pub fn copy_files(from: &Path, to: &Path, names: &[&str]) {
    for name in names {
        fs::copy(from.join(name), to.join(name))
            .unwrap_or_else(|error| panic!("cannot copy {name}: {error}"));
    }
}

/// Copies a directory tree.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The parsed `graph.json` of an output directory.
pub fn graph_json(out: &Path) -> serde_json::Value {
    let text = fs::read_to_string(out.join("graph.json")).expect("no graph.json");
    serde_json::from_str(&text).expect("graph.json is not JSON")
}
