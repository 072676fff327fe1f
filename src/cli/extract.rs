//! `kgx extract CORPUS --out DIR`: the main job.

use std::path::PathBuf;
use std::time::Instant;

use super::{Outcome, RulesArg, load_pipeline, use_threads};

/// Warnings printed in full; the rest are only counted (all are in graph.json).
const SHOWN_WARNINGS: usize = 5;

/// Arguments of `kgx extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpus directory: every file below it except README* and hidden files is a document.
    #[arg(default_value = "corpus")]
    corpus: PathBuf,
    /// Directory for graph.json, graph.dot, graph.graphml, nodes.csv and edges.csv.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    #[command(flatten)]
    rules: RulesArg,
    /// Worker threads (default: one per core). Output is identical whatever the count.
    #[arg(long)]
    threads: Option<usize>,
}

/// Runs the extraction and writes every output atomically.
pub fn run(args: Args) -> Outcome {
    let started = Instant::now();
    if !use_threads(args.threads) {
        return Outcome::Failure;
    }
    let Some(pipeline) = load_pipeline(&args.rules) else {
        return Outcome::Failure;
    };
    let corpus = match pipeline.extract_corpus(&args.corpus) {
        Ok(corpus) => corpus,
        Err(error) => {
            eprintln!("kgx: cannot read corpus {}: {error}", args.corpus.display());
            return Outcome::Failure;
        }
    };
    for failed in &corpus.run.documents_failed {
        eprintln!("kgx: skipped {}: {}", failed.path, failed.reason);
    }
    report_warnings(&corpus.run.warnings);
    if corpus.run.documents_read.is_empty() {
        eprintln!(
            "kgx: no document could be read from {}; {} left as it was",
            args.corpus.display(),
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

/// Prints the number of graph warnings and the first few of them.
fn report_warnings(warnings: &[String]) {
    if warnings.is_empty() {
        return;
    }
    eprintln!(
        "kgx: {} graph warnings (all recorded in graph.json under run.warnings)",
        warnings.len()
    );
    for warning in warnings.iter().take(SHOWN_WARNINGS) {
        eprintln!("kgx: warning: {warning}");
    }
    if warnings.len() > SHOWN_WARNINGS {
        eprintln!("kgx: … and {} more", warnings.len() - SHOWN_WARNINGS);
    }
}
