//! `kgx rules check`, `kgx rules test`, `kgx rules stats` and `kgx rules export`: is the pack valid, do
//! its rules do what their examples say, what do they do on a corpus nobody labelled, and the built-in
//! pack written out as a starting point for one's own.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use kgx::rules::diagnostic::closest;
use kgx::rules::{Location, PackSource};
use kgx::rulestats::{self, StatsOptions};

use super::{Outcome, RulesArg, load_pipeline, output, pack_source, use_threads};

/// Rule pack subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Validate every rule file and lexicon; report `file:line:col: problem` with a hint.
    Check {
        /// Rule pack folder [default: the pack built into kgx]
        #[arg(env = "KGX_RULES")]
        dir: Option<PathBuf>,
    },
    /// Run the rules' embedded examples and counter-examples: every rule's, one file's or some ids'.
    Test {
        /// Rule pack folder, or a rule file inside one (only its rules are tested) [default: the pack
        /// built into kgx]
        #[arg(env = "KGX_RULES", value_name = "DIR|FILE")]
        path: Option<PathBuf>,
        /// Only the rules with this id, or whose id matches this glob (`*` any text, `?` one character).
        #[arg(long, value_name = "ID|GLOB")]
        rule: Option<String>,
        /// Print passing rules too.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Per rule, on an unlabelled corpus: documents and sentences it fired in, firings, mentions kept
    /// and lost, overlaps and conflicts with other rules, and a random sample of its firings.
    Stats(StatsArgs),
    /// Write the pack built into kgx to a folder, as a starting point for one's own (`--rules DIR`).
    Export {
        /// Folder to write (created if needed; it must be empty unless --force).
        dir: PathBuf,
        /// Write into a folder that is not empty, replacing the pack's files there.
        #[arg(long)]
        force: bool,
    },
}

/// Arguments of `kgx rules stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// A corpus directory (read as `kgx extract` reads it) or a JSONL file of `{"id", "text"}` lines.
    corpus: PathBuf,
    #[command(flatten)]
    rules: RulesArg,
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
        Command::Check { dir } => match kgx::rules::load_from(&pack_source(dir.as_ref())) {
            Ok(pack) => output::print(
                "rules check",
                &format!(
                    "{}: {} {} — {} rules, {} lexicons, no problems\n",
                    pack_source(dir.as_ref()),
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
        Command::Test {
            path,
            rule,
            verbose,
        } => test(path, rule.as_deref(), verbose),
        Command::Stats(args) => stats(args),
        Command::Export { dir, force } => export(&dir, force),
    }
}

/// Runs `kgx rules test`: the examples of the pack's rules, of one rule file's, or of the rules whose id
/// matches `rule`; exit 1 when one fails or none is selected.
fn test(path: Option<PathBuf>, rule: Option<&str>, verbose: bool) -> Outcome {
    let (dir, file) = match path {
        Some(path) if path.is_file() => match pack_of(&path) {
            Some(dir) => (Some(dir), std::fs::canonicalize(&path).ok()),
            None => {
                eprintln!(
                    "kgx rules test: {} is in no rule pack (no pack.toml in its folders)\n  hint: give a pack folder, or a rule file inside one",
                    path.display()
                );
                return Outcome::Failure;
            }
        },
        path => (path, None),
    };
    let Some(pipeline) = load_pipeline(&RulesArg { dir }) else {
        return Outcome::Failure;
    };
    let ids = match rule.map(glob).transpose() {
        Ok(ids) => ids,
        Err(error) => {
            eprintln!(
                "kgx rules test: --rule {}: {error}",
                rule.unwrap_or_default()
            );
            return Outcome::Failure;
        }
    };
    let keep = |id: &str, location: &Location| {
        ids.as_ref().is_none_or(|ids| ids.is_match(id))
            && file.as_ref().is_none_or(|file| {
                std::fs::canonicalize(&location.file).is_ok_and(|defined| &defined == file)
            })
    };
    let outcomes = kgx::ruletest::run(pipeline.extractor(), keep);
    if outcomes.is_empty() {
        let pack = pipeline.pack();
        let all = pack
            .entity_rules
            .iter()
            .map(|r| r.id.as_str())
            .chain(pack.alias_rules.iter().map(|r| r.id.as_str()))
            .chain(pack.relation_rules.iter().map(|r| r.id.as_str()));
        let hint = match rule.and_then(|rule| closest(rule, all)) {
            Some(id) => format!("did you mean `{id}`? (`kgx rules test -v` lists every rule)"),
            None => "`kgx rules test -v` lists every rule; `*` in --rule matches any text".into(),
        };
        eprintln!("kgx rules test: no rule selected\n  hint: {hint}");
        return Outcome::Failure;
    }
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

/// The rule pack folder holding `file`: the nearest of its folders with a `pack.toml`.
fn pack_of(file: &Path) -> Option<PathBuf> {
    let file = std::fs::canonicalize(file).ok()?;
    file.ancestors()
        .skip(1)
        .find(|dir| dir.join("pack.toml").is_file())
        .map(Path::to_path_buf)
}

/// A rule id glob as an anchored regex: `*` any text, `?` one character, everything else literal.
fn glob(pattern: &str) -> Result<regex::Regex, regex::Error> {
    let body = regex::escape(pattern)
        .replace(r"\*", ".*")
        .replace(r"\?", ".");
    regex::Regex::new(&format!("^{body}$"))
}

/// Writes every file of the built-in pack below `dir`, each atomically. A folder that holds anything is
/// left alone unless `force`: the pack's files would replace files of the same name there.
fn export(dir: &Path, force: bool) -> Outcome {
    let occupied = std::fs::read_dir(dir).map(|mut entries| entries.next().is_some());
    if !force && matches!(occupied, Ok(true)) {
        eprintln!(
            "kgx rules export: {} is not empty; nothing written\n  hint: name a new or empty folder, or add --force to replace the pack's files there",
            dir.display()
        );
        return Outcome::Failure;
    }
    let embedded = PackSource::Embedded;
    let files = match embedded.files() {
        Ok(files) => files,
        Err(problems) => {
            problems.iter().for_each(|problem| eprintln!("{problem}"));
            return Outcome::Failure;
        }
    };
    for relative in &files {
        let path = dir.join(relative);
        let written = embedded.read(relative).and_then(|bytes| {
            std::fs::create_dir_all(path.parent().unwrap_or(dir))?;
            kgx::export::write_atomic(&path, &bytes)
        });
        if let Err(error) = written {
            eprintln!("kgx rules export: cannot write {}: {error}", path.display());
            return Outcome::Failure;
        }
    }
    let dir = dir.display();
    eprintln!(
        "kgx rules export: wrote the built-in pack ({} files) to {dir}; use it with --rules {dir} or KGX_RULES",
        files.len()
    );
    Outcome::Success
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
