//! `kgx annotate`: JSONL in, JSONL out — the interface scorers use.

use std::io::{BufRead, BufWriter, Write};

use kgx::annotate::AnnotateInput;

use super::{Outcome, RulesArg, load_pipeline};

/// Arguments of `kgx annotate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    rules: RulesArg,
}

/// Annotates each stdin line; a bad line is reported with its number and skipped. Each result line is
/// flushed as soon as it is done, so a reader sees it at once and a stopped run loses no finished line.
pub fn run(args: Args) -> Outcome {
    let Some(pipeline) = load_pipeline(&args.rules) else {
        return Outcome::Failure;
    };
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut bad_lines = 0;
    for (number, line) in stdin.lines().enumerate() {
        let number = number + 1;
        let line = match line {
            Ok(line) => line,
            Err(error) => {
                eprintln!("kgx annotate: line {number}: cannot read: {error}");
                bad_lines += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let input: AnnotateInput = match serde_json::from_str(&line) {
            Ok(input) => input,
            Err(error) => {
                eprintln!(
                    "kgx annotate: line {number}: skipped: {error} (expected {{\"id\": …, \"text\": \"…\"}})"
                );
                bad_lines += 1;
                continue;
            }
        };
        let annotation = pipeline.annotate(input.id, &input.text);
        let written = serde_json::to_writer(&mut out, &annotation)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
        if let Err(error) = written {
            eprintln!("kgx annotate: cannot write output: {error}");
            return Outcome::Failure;
        }
    }
    if let Err(error) = out.flush() {
        eprintln!("kgx annotate: cannot write output: {error}");
        return Outcome::Failure;
    }
    if bad_lines == 0 {
        Outcome::Success
    } else {
        Outcome::Partial
    }
}
