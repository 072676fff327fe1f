//! `kgx eval --gold FILE`: precision, recall and F1 against span gold (JSONL) or graph gold
//! (`seeds.gold.json`, scored over the corpus documents it names).

use std::path::{Path, PathBuf};

use kgx::eval::{self, EvalOptions, LabelMap, RenderOptions, TypeMap};

use super::{Outcome, RulesArg, load_pipeline, output};

/// Arguments of `kgx eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold file: span JSONL (`{"id","text","entities",…}` per line) or a graph gold such as seeds.gold.json.
    #[arg(long)]
    gold: PathBuf,
    #[command(flatten)]
    rules: RulesArg,
    /// Corpus directory holding the documents a graph gold names.
    #[arg(long, default_value = "corpus")]
    corpus: PathBuf,
    /// Map gold types onto ours before scoring, e.g. `government=organization,label:CONT=location`.
    #[arg(long)]
    map: Option<String>,
    /// Apply --map to predicted types too.
    #[arg(long)]
    map_predicted: bool,
    /// Score only these types (comma-separated).
    #[arg(long, value_delimiter = ',')]
    types: Option<Vec<String>>,
    /// Map a data set's relation labels onto ours (`董事长=~holds_position`, `~` = reversed direction).
    #[arg(long)]
    relation_map: Option<String>,
    /// Graph gold: count only relations the text states explicitly.
    #[arg(long)]
    explicit_only: bool,
    /// List false positives and false negatives, grouped by the rule responsible.
    #[arg(long)]
    errors: bool,
    /// Show each rule's precision.
    #[arg(long)]
    per_rule: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// Scores the rule pack against the gold file and prints the report.
pub fn run(args: Args) -> Outcome {
    let Some(pipeline) = load_pipeline(&args.rules) else {
        return Outcome::Failure;
    };
    let mut options = EvalOptions::default();
    if let Some(spec) = &args.map {
        match TypeMap::parse(spec) {
            Ok(map) => options.spans.type_map = map,
            Err(error) => {
                eprintln!("kgx eval: --map: {error}");
                return Outcome::Failure;
            }
        }
    }
    options.spans.map_predicted = args.map_predicted;
    options.spans.types = args.types.clone();
    if let Some(spec) = &args.relation_map {
        match LabelMap::parse(spec) {
            Ok(map) => options.relations.label_map = map,
            Err(error) => {
                eprintln!("kgx eval: --relation-map: {error}");
                return Outcome::Failure;
            }
        }
    }
    options.seeds.explicit_only = args.explicit_only;
    options.relations.containment = pipeline
        .pack()
        .hierarchy
        .as_ref()
        .map(|hierarchy| hierarchy.relation.clone());
    let annotate =
        |id: &str, text: &str| pipeline.annotate(serde_json::Value::String(id.to_string()), text);
    let corpus_graph = |dir: &Path| pipeline.extract_corpus(dir).map(|run| run.graph);
    let report = match eval::evaluate(
        &args.gold,
        Some(&args.corpus),
        &options,
        &annotate,
        Some(&corpus_graph),
    ) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("kgx eval: {error}");
            return Outcome::Failure;
        }
    };
    let render = RenderOptions {
        errors: args.errors,
        per_rule: args.per_rule,
    };
    let text = if args.json {
        match eval::render_json(&report, render) {
            Ok(json) => json + "\n",
            Err(error) => {
                eprintln!("kgx eval: cannot render JSON: {error}");
                return Outcome::Failure;
            }
        }
    } else {
        eval::render_text(&report, render)
    };
    output::print("eval", &text)
}
