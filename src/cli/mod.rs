//! The command line: one clap definition, one module per subcommand. Each subcommand returns an
//! [`Outcome`] that `main` turns into the process exit code.

mod annotate;
mod eval;
mod explain;
mod extract;
mod graph_tools;
mod output;
mod render;
mod rules;
mod stats;

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};
use kgx::rules::PackSource;

/// How a command ended; `main` maps it to the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked (exit 0).
    Success,
    /// The job was done, but some inputs were skipped (exit 3): bad documents, bad input lines, failing examples.
    Partial,
    /// Nothing useful was done (exit 1): bad rules, unreadable input, an output that could not be written.
    Failure,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Success => 0,
            Outcome::Failure => 1,
            Outcome::Partial => 3,
        }
    }
}

/// kgx: build a knowledge graph (who runs what, who owns whom, who signed what with whom, where) from
/// news text, driven by rule files.
#[derive(Debug, Parser)]
#[command(name = "kgx", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 success, 1 failure, 2 usage error, 3 partial success (some inputs skipped)."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract a graph from every document of a corpus directory and write output files.
    Extract(extract::Args),
    /// Check, test or export a rule pack.
    #[command(subcommand)]
    Rules(rules::Command),
    /// Read JSONL `{"id", "text"}` lines on stdin, write mentions and facts as JSONL on stdout.
    Annotate(annotate::Args),
    /// Score the rules against gold data: span JSONL or a graph gold over the corpus.
    Eval(eval::Args),
    /// Show what the rules did with each sentence of a document, and why a rule did not fire.
    Explain(explain::Args),
    /// Check a saved graph.json against the rule pack (exit 3 when there are warnings).
    CheckGraph(graph_tools::CheckArgs),
    /// Print part of a saved graph.json (an entity's neighbourhood, paths between two …) as a table, JSON or DOT.
    Query(graph_tools::QueryArgs),
    /// Draw part of a saved graph.json (an entity's neighbourhood, some relation types …) through Graphviz.
    Render(render::Args),
    /// Summarise a saved graph.json: counts per type, best-connected entities, busiest rules, empty documents.
    Stats(stats::Args),
    /// Print a shell completion script: `kgx completions bash > /etc/bash_completion.d/kgx`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of kgx or of one subcommand: `kgx man | man -l -`.
    Man {
        /// A subcommand (`rules` and `rules test` too) whose page to print instead.
        subcommand: Vec<String>,
    },
}

/// The rule pack a command runs with: `--rules DIR` (or `KGX_RULES`), else the pack built into kgx.
#[derive(Debug, clap::Args)]
struct RulesArg {
    /// Rule pack folder [default: the pack built into kgx, which `kgx rules export DIR` writes out]
    #[arg(long = "rules", env = "KGX_RULES", value_name = "DIR")]
    dir: Option<PathBuf>,
}

impl RulesArg {
    /// Where the pack's files come from.
    fn source(&self) -> PackSource {
        pack_source(self.dir.as_ref())
    }
}

/// A rule pack folder when one is given, else the pack built into kgx.
fn pack_source(dir: Option<&PathBuf>) -> PackSource {
    dir.map_or(PackSource::Embedded, |dir| {
        PackSource::Directory(dir.clone())
    })
}

impl Cli {
    /// Runs the chosen subcommand.
    pub fn run(self) -> Outcome {
        match self.command {
            Command::Extract(args) => extract::run(args),
            Command::Rules(command) => rules::run(command),
            Command::Annotate(args) => annotate::run(args),
            Command::Eval(args) => eval::run(args),
            Command::Explain(args) => explain::run(args),
            Command::CheckGraph(args) => graph_tools::check(args),
            Command::Query(args) => graph_tools::query(args),
            Command::Render(args) => render::run(args),
            Command::Stats(args) => stats::run(args),
            Command::Completions { shell } => {
                let mut script = Vec::new();
                clap_complete::generate(shell, &mut Cli::command(), "kgx", &mut script);
                output::print("completions", &String::from_utf8_lossy(&script))
            }
            Command::Man { subcommand } => man(&subcommand),
        }
    }
}

/// Prints the manual page of kgx, or of the subcommand named by `path` (`kgx-rules-test` for
/// `["rules", "test"]`), generated from the clap definition.
fn man(path: &[String]) -> Outcome {
    let mut command = Cli::command();
    command.build();
    let mut name = "kgx".to_owned();
    for part in path {
        let Some(sub) = command.find_subcommand(part).cloned() else {
            let known: Vec<&str> = command
                .get_subcommands()
                .map(|sub| sub.get_name())
                .collect();
            eprintln!(
                "kgx man: no subcommand `{part}` in `{name}`\n  hint: {}",
                kgx::rules::diagnostic::did_you_mean(part, "subcommands", known)
            );
            return Outcome::Failure;
        };
        name = format!("{name}-{part}");
        command = sub;
    }
    let mut page = Vec::new();
    if let Err(error) = clap_mangen::Man::new(command)
        .title(name)
        .source(concat!("kgx ", env!("CARGO_PKG_VERSION")))
        .render(&mut page)
    {
        eprintln!("kgx man: cannot render the manual page: {error}");
        return Outcome::Failure;
    }
    output::print("man", &String::from_utf8_lossy(&page))
}

/// Sizes the global thread pool when `--threads` is given; false (after saying why) when it cannot be.
fn use_threads(threads: Option<usize>) -> bool {
    let Some(threads) = threads else {
        return true;
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
    {
        Ok(()) => true,
        Err(error) => {
            eprintln!("kgx: cannot set up {threads} threads: {error}");
            false
        }
    }
}

/// Loads the rule pack, printing its diagnostics on failure.
fn load_pipeline(rules: &RulesArg) -> Option<kgx::pipeline::Pipeline> {
    match kgx::pipeline::Pipeline::from_source(&rules.source()) {
        Ok(pipeline) => Some(pipeline),
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            None
        }
    }
}
