//! `kgx stats`: a summary of a saved graph.json.

use std::path::PathBuf;

use kgx::stats::GraphStats;

use super::graph_tools::load;
use super::{Outcome, output};

/// Arguments of `kgx stats`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A graph.json written by `kgx extract`.
    graph: PathBuf,
    /// How many entities and rules to rank.
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// How many documents without facts or entities to list.
    #[arg(long, default_value_t = 20)]
    list: usize,
    /// Print the summary as JSON (every document listed).
    #[arg(long)]
    json: bool,
}

/// Prints the summary.
pub fn run(args: Args) -> Outcome {
    let Some((graph, run)) = load("stats", &args.graph) else {
        return Outcome::Failure;
    };
    let stats = GraphStats::of(&graph, &run, args.top);
    let text = if args.json {
        match serde_json::to_string_pretty(&stats) {
            Ok(json) => json + "\n",
            Err(error) => {
                eprintln!("kgx stats: cannot render JSON: {error}");
                return Outcome::Failure;
            }
        }
    } else {
        stats.to_text(args.list)
    };
    output::print("stats", &text)
}
