//! `kgx explain FILE` (or `-` for text on stdin): what the rules did with each sentence of a document, and
//! why a rule did not fire.

use std::io::Read;
use std::path::PathBuf;

use kgx::explain::{self, Request};

use super::{Outcome, RulesArg, load_pipeline, output};

/// Arguments of `kgx explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document (any format `kgx extract` reads), or `-` to read text from stdin.
    file: PathBuf,
    /// Only this sentence (1-based, as numbered in the output).
    #[arg(long)]
    sentence: Option<usize>,
    /// Trace this rule: where it fired and, where it did not, how far its pattern got.
    #[arg(long)]
    rule: Option<String>,
    #[command(flatten)]
    rules: RulesArg,
    /// Print the explanation as JSON.
    #[arg(long)]
    json: bool,
}

/// Loads the document, runs the pipeline and prints the explanation.
pub fn run(args: Args) -> Outcome {
    let Some(pipeline) = load_pipeline(&args.rules) else {
        return Outcome::Failure;
    };
    let normalization = &pipeline.pack().normalization;
    let document = if args.file.as_os_str() == "-" {
        let mut text = String::new();
        if let Err(error) = std::io::stdin().read_to_string(&mut text) {
            eprintln!(
                "kgx explain: cannot read stdin: {error}\n  hint: pipe UTF-8 text: echo '…' | kgx explain -"
            );
            return Outcome::Failure;
        }
        kgx::document::from_text("stdin", &text, normalization)
    } else {
        match kgx::document::load_file(&args.file, normalization) {
            Ok(document) => document,
            Err(error) => {
                eprintln!("kgx explain: {error}");
                return Outcome::Failure;
            }
        }
    };
    let analysis = pipeline.analyze(&document);
    let request = Request {
        sentence: args.sentence,
        rule: args.rule.as_deref(),
    };
    let explanation = match explain::explain(&pipeline, &analysis, request) {
        Ok(explanation) => explanation,
        Err(error) => {
            eprintln!("kgx explain: {error}");
            return Outcome::Failure;
        }
    };
    let text = if args.json {
        match serde_json::to_string_pretty(&explanation) {
            Ok(json) => json + "\n",
            Err(error) => {
                eprintln!("kgx explain: cannot render JSON: {error}");
                return Outcome::Failure;
            }
        }
    } else {
        explanation.to_string()
    };
    output::print("explain", &text)
}
