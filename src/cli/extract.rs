//! `kgx extract CORPUS --out DIR`: the main job.

use std::path::PathBuf;
use std::time::Instant;

use super::{Outcome, RulesArg, load_pipeline, use_threads};

/// Warnings printed in full; the rest are only counted (all are in graph.json).
const SHOWN_WARNINGS: usize = 5;

/// Arguments of `kgx extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpus folders and files: every file below a folder except README* and hidden files is a
    /// document, whose id is its path relative to that folder; a file given directly is the document
    /// named by its file name. `-` reads a list of such paths from stdin, one a line.
    #[arg(default_value = "corpus", num_args = 1..)]
    corpus: Vec<PathBuf>,
    /// Directory for graph.json, graph.dot, graph.graphml, nodes.csv and edges.csv.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    #[command(flatten)]
    rules: RulesArg,
    /// Read only the files of a folder that match this glob, or with `!` leave out what matches
    /// (gitignore syntax, relative to the folder, as ripgrep's --glob); repeatable. A `.kgxignore`
    /// at a folder's top leaves out what it lists too.
    #[arg(long = "glob", value_name = "GLOB")]
    globs: Vec<String>,
    /// Worker threads (default: one per core). Output is identical whatever the count.
    #[arg(long)]
    threads: Option<usize>,
}

/// Runs the extraction and writes every output atomically.
pub fn run(mut args: Args) -> Outcome {
    let started = Instant::now();
    args.corpus = match with_stdin_list(std::mem::take(&mut args.corpus)) {
        Ok(corpus) => corpus,
        Err(message) => {
            eprintln!("kgx: {message}");
            return Outcome::Failure;
        }
    };
    if !use_threads(args.threads) {
        return Outcome::Failure;
    }
    let Some(pipeline) = load_pipeline(&args.rules) else {
        return Outcome::Failure;
    };
    let inputs = match kgx::pipeline::corpus_inputs(
        &args.corpus,
        std::slice::from_ref(&args.out),
        &args.globs,
    ) {
        Ok(inputs) => inputs,
        Err(error) => {
            eprintln!("kgx: {error}");
            return Outcome::Failure;
        }
    };
    if let Err(error) = writable(&args.out) {
        eprintln!(
            "kgx: cannot write to {}: {error}; nothing extracted",
            args.out.display()
        );
        return Outcome::Failure;
    }
    let corpus = pipeline.extract_inputs(&inputs);
    for failed in &corpus.run.documents_failed {
        eprintln!("kgx: skipped {}: {}", failed.path, failed.reason);
    }
    report_warnings(&corpus.run.warnings);
    if corpus.run.documents_read.is_empty() {
        let corpus: Vec<String> = args
            .corpus
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        eprintln!(
            "kgx: no document could be read from {}; {} left as it was",
            corpus.join(", "),
            args.out.display()
        );
        return Outcome::Failure;
    }
    let written = match kgx::export::write_all(
        &corpus.graph,
        &corpus.run,
        &pipeline.dot_style(),
        &args.out,
    ) {
        Ok(written) => written,
        Err(error) => {
            eprintln!("kgx: cannot write {}: {error}", args.out.display());
            return Outcome::Failure;
        }
    };
    let nodes = corpus.graph.nodes().len();
    let edges = corpus.graph.edges().len();
    eprintln!(
        "kgx: {} documents read, {} failed; {nodes} nodes, {edges} edges; wrote {} files to {} in {:.2}s",
        corpus.run.documents_read.len(),
        corpus.run.documents_failed.len(),
        written.len(),
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    if corpus.run.documents_failed.is_empty() {
        Outcome::Success
    } else {
        Outcome::Partial
    }
}

/// Creates `out` if needed and checks a file can be written there, so a run that could not save its
/// work fails before extracting.
fn writable(out: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    tempfile::Builder::new()
        .prefix(".kgx-probe-")
        .tempfile_in(out)
        .map(drop)
}

/// Prints the number of warnings (documents cut for matching, graph checks) and the first few of them.
fn report_warnings(warnings: &[String]) {
    if warnings.is_empty() {
        return;
    }
    eprintln!(
        "kgx: {} warnings (all recorded in graph.json under run.warnings)",
        warnings.len()
    );
    for warning in warnings.iter().take(SHOWN_WARNINGS) {
        eprintln!("kgx: warning: {warning}");
    }
    if warnings.len() > SHOWN_WARNINGS {
        eprintln!("kgx: … and {} more", warnings.len() - SHOWN_WARNINGS);
    }
}

/// The corpus arguments with `-` replaced by the paths listed on stdin, one a line (blank lines skipped,
/// a trailing carriage return dropped): `find news -name '*.html' | kgx extract -`.
fn with_stdin_list(corpus: Vec<std::path::PathBuf>) -> Result<Vec<std::path::PathBuf>, String> {
    if !corpus.iter().any(|path| path.as_os_str() == "-") {
        return Ok(corpus);
    }
    let mut listed = Vec::new();
    for line in std::io::stdin().lines() {
        let line = line.map_err(|error| {
            format!("cannot read the list of paths on stdin: {error}\n  hint: give one path a line, in UTF-8")
        })?;
        let path = line.trim_end_matches('\r');
        if !path.trim().is_empty() {
            listed.push(std::path::PathBuf::from(path));
        }
    }
    if listed.is_empty() {
        return Err(
            "`-` was given but stdin lists no path; nothing extracted\n  hint: pipe a list of \
                    files or folders, one a line (find DIR -name '*.txt' | kgx extract -)"
                .into(),
        );
    }
    Ok(corpus
        .into_iter()
        .flat_map(|path| {
            if path.as_os_str() == "-" {
                listed.clone()
            } else {
                vec![path]
            }
        })
        .collect())
}
