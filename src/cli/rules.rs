//! `kgx rules check` and `kgx rules test`: is the pack valid, and do its rules do what their examples say.

use std::fmt::Write;
use std::path::PathBuf;

use super::{Outcome, default_rules, load_pipeline, output};

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
    }
}
