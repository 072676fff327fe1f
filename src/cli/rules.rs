//! `kgx rules check`, `kgx rules test` and `kgx rules stats`: is the pack valid, do its rules do what their
//! examples say, and what do they do on a corpus nobody labelled.

use std::fmt::Write;
use std::path::PathBuf;

use kgx::rulestats::{self, StatsOptions};

use super::{Outcome, default_rules, load_pipeline, output, use_threads};

/// Rule pack subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Validate every rule file and lexicon; report `file:line:col: problem` with a hint.
    Check {
        /// Rule pack directory.
        #[arg(default_value_os_t = default_rules())]
        dir: PathBuf,
    },
    /// Run every rule's embedded examples and counter-examples.
    Test {
        /// Rule pack directory.
        #[arg(default_value_os_t = default_rules())]
        dir: PathBuf,
        /// Print passing rules too.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Per rule, on an unlabelled corpus: documents and sentences it fired in, firings, mentions kept
    /// and lost, overlaps and conflicts with other rules, and a random sample of its firings.
    Stats(StatsArgs),
}

/// Arguments of `kgx rules stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// A corpus directory (read as `kgx extract` reads it) or a JSONL file of `{"id", "text"}` lines.
    corpus: PathBuf,
    /// Rule pack directory.
    #[arg(long, default_value_os_t = default_rules())]
    rules: PathBuf,
    /// Show only rules whose id starts with this.
    #[arg(long, value_name = "PREFIX")]
    rule: Option<String>,
    /// Firings sampled per rule.
    #[arg(long, default_value_t = StatsOptions::default().sample, value_name = "N")]
    sample: usize,
    /// Seed of the sample (the same seed draws the same sample).
    #[arg(long, default_value_t = StatsOptions::default().seed, value_name = "S")]
    seed: u64,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Worker threads (default: one per core). Output is identical whatever the count.
    #[arg(long)]
    threads: Option<usize>,
}

/// Runs a rules subcommand.
pub fn run(command: Command) -> Outcome {
    match command {
        Command::Check { dir } => match kgx::rules::load(&dir) {
            Ok(pack) => output::print(
                "rules check",
                &format!(
                    "{}: {} {} — {} rules, {} lexicons, no problems\n",
                    dir.display(),
                    pack.name,
                    pack.version,
                    pack.rule_count(),
                    pack.lexicons.len()
                ),
            ),
            Err(diagnostics) => {
                eprintln!("{diagnostics}");
                Outcome::Failure
            }
        },
        Command::Test { dir, verbose } => {
            let Some(pipeline) = load_pipeline(&dir) else {
                return Outcome::Failure;
            };
            let outcomes = kgx::ruletest::run(pipeline.extractor());
            let failed = outcomes.iter().filter(|outcome| !outcome.passed()).count();
            let mut report = String::new();
            for outcome in &outcomes {
                if outcome.passed() {
                    if verbose {
                        let _ = writeln!(
                            report,
                            "PASS {} ({} examples)",
                            outcome.rule, outcome.examples
                        );
                    }
                } else {
                    let _ = writeln!(report, "FAIL {} ({})", outcome.rule, outcome.location);
                    for failure in &outcome.failures {
                        let _ = writeln!(report, "  {failure}");
                    }
                }
            }
            let _ = writeln!(
                report,
                "{} passed, {failed} failed",
                outcomes.len() - failed
            );
            match output::print("rules test", &report) {
                Outcome::Success if failed > 0 => Outcome::Failure,
                printed => printed,
            }
        }
        Command::Stats(args) => stats(args),
    }
}

/// Runs `kgx rules stats`: exit 3 when some inputs were skipped, 1 when none could be read.
fn stats(args: StatsArgs) -> Outcome {
    if !use_threads(args.threads) {
        return Outcome::Failure;
    }
    let Some(pipeline) = load_pipeline(&args.rules) else {
        return Outcome::Failure;
    };
    let options = StatsOptions {
        sample: args.sample,
        seed: args.seed,
    };
    let mut report = match rulestats::rule_stats(&pipeline, &args.corpus, options) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("kgx rules stats: cannot read {error}");
            return Outcome::Failure;
        }
    };
    for failed in &report.failed {
        eprintln!(
            "kgx rules stats: skipped {}: {}",
            failed.input, failed.reason
        );
    }
    if report.documents == 0 {
        eprintln!(
            "kgx rules stats: no document could be read from {}",
            args.corpus.display()
        );
        return Outcome::Failure;
    }
    if let Some(prefix) = &args.rule {
        report.rules.retain(|r| r.rule.starts_with(prefix.as_str()));
    }
    let text = if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => json + "\n",
            Err(error) => {
                eprintln!("kgx rules stats: cannot render JSON: {error}");
                return Outcome::Failure;
            }
        }
    } else {
        rulestats::render_text(&report)
    };
    match output::print("rules stats", &text) {
        Outcome::Success if !report.failed.is_empty() => Outcome::Partial,
        printed => printed,
    }
}
