//! `kgx check-graph` and `kgx query`: commands over a saved `graph.json`.

use std::path::{Path, PathBuf};

use kgx::export::{RunInfo, read_graph};
use kgx::graph::KnowledgeGraph;
use kgx::graph::checks::check_graph;
use kgx::graph::query::edge_table;
use kgx::render::{self, Selection};

use super::{Outcome, RulesArg, output};

/// Arguments of `kgx check-graph`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A graph.json written by `kgx extract`.
    graph: PathBuf,
    #[command(flatten)]
    rules: RulesArg,
    /// Print the warnings as JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `kgx query`.
#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// A graph.json written by `kgx extract`.
    graph: PathBuf,
    /// Relations around the entity with this name (name, alias or id, or part of one; traditional
    /// characters fold to simplified). Repeat for several.
    #[arg(long, value_name = "NAME")]
    node: Vec<String>,
    /// How many relations away from a --node entity to go.
    #[arg(long, default_value_t = 1, value_name = "N")]
    hops: usize,
    /// The shortest chains of relations joining two entities (taken either way).
    #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with = "node")]
    path: Option<Vec<String>>,
    /// Relations from this entity (either end of a symmetric one).
    #[arg(long, value_name = "NAME")]
    from: Option<String>,
    /// Relations to this entity (either end of a symmetric one).
    #[arg(long, value_name = "NAME")]
    to: Option<String>,
    /// Relation types to keep (comma-separated or repeated; default all).
    #[arg(long, value_delimiter = ',', value_name = "TYPE")]
    relation: Vec<String>,
    /// Entity types both ends must have (comma-separated or repeated; default all).
    #[arg(long = "type", value_delimiter = ',', value_name = "TYPE")]
    types: Vec<String>,
    /// Only relations read in at least this many sentences.
    #[arg(long, default_value_t = 1, value_name = "W")]
    min_weight: usize,
    /// At most this many entities, the best connected first.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Only relations read in documents whose id contains this.
    #[arg(long, value_name = "TEXT")]
    document: Option<String>,
    /// Print each relation's supporting sentences under it (table format).
    #[arg(long)]
    evidence: bool,
    /// At most this many supporting sentences per relation (table with --evidence, and json).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Output format: an aligned table, graph.json's layout, or Graphviz DOT as `kgx render` draws it.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// The rule pack whose pack.toml gives the DOT format's shapes and colours.
    #[command(flatten)]
    rules: RulesArg,
}

/// What `kgx query` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One relation a line, columns aligned.
    Table,
    /// The selected part in graph.json's layout.
    Json,
    /// Graphviz DOT source, as `kgx render … -o x.dot` writes it.
    Dot,
}

/// Checks a saved graph against the rule pack, and that the outputs beside it are one run's set (when
/// their manifest is there): exit 0 when clean, 3 when there are warnings or the set is torn.
pub fn check(args: CheckArgs) -> Outcome {
    let Some((graph, _)) = load("check-graph", &args.graph) else {
        return Outcome::Failure;
    };
    let folder = args
        .graph
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty());
    let torn = kgx::export::verify_outputs(folder.unwrap_or(Path::new(".")))
        .inspect_err(|error| eprintln!("kgx check-graph: {error}"))
        .is_err();
    let pack = match kgx::rules::load_from(&args.rules.source()) {
        Ok(pack) => pack,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return Outcome::Failure;
        }
    };
    let warnings = check_graph(&graph, &pack);
    let text = if args.json {
        match serde_json::to_string_pretty(&warnings) {
            Ok(json) => json + "\n",
            Err(error) => {
                eprintln!("kgx check-graph: cannot render JSON: {error}");
                return Outcome::Failure;
            }
        }
    } else {
        warnings
            .iter()
            .map(|warning| format!("{warning}\n"))
            .collect()
    };
    eprintln!(
        "kgx check-graph: {}: {} warnings",
        args.graph.display(),
        warnings.len()
    );
    match output::print("check-graph", &text) {
        Outcome::Success if torn || !warnings.is_empty() => Outcome::Partial,
        outcome => outcome,
    }
}

/// Prints the part of a saved graph the query selects, as `kgx render` would select it: exit 1 when no
/// relation matches (as grep does).
pub fn query(args: QueryArgs) -> Outcome {
    let Some((graph, run)) = load("query", &args.graph) else {
        return Outcome::Failure;
    };
    let selection = Selection {
        focus: args.node,
        hops: args.hops,
        relations: args.relation,
        types: args.types,
        min_weight: args.min_weight,
        top: args.top,
        document: args.document,
        from: args.from,
        to: args.to,
        path: args.path.map(|ends| (ends[0].clone(), ends[1].clone())),
    };
    let subgraph = match selection.apply(&graph) {
        Ok(subgraph) => subgraph,
        Err(error) => {
            eprintln!("kgx query: {error}");
            return Outcome::Failure;
        }
    };
    if subgraph.edges.is_empty() {
        eprintln!("kgx query: no relation matches");
        return Outcome::Failure;
    }
    let format = if args.json { Format::Json } else { args.format };
    let text = match format {
        Format::Table => {
            let evidence = args.evidence.then_some(args.limit.unwrap_or(usize::MAX));
            edge_table(&subgraph.edges, evidence)
        }
        Format::Json => {
            match kgx::export::json::subgraph_json(
                &subgraph.nodes,
                &subgraph.edges,
                &run,
                args.limit,
            ) {
                Ok(json) => json,
                Err(error) => {
                    eprintln!("kgx query: cannot render JSON: {error}");
                    return Outcome::Failure;
                }
            }
        }
        Format::Dot => match super::render::read_style(&args.rules.source()) {
            Ok(style) => {
                let layout = render::layout_for(subgraph.nodes.len());
                render::subgraph_dot(&subgraph, &style, layout, kgx::export::dot::FONT)
            }
            Err(message) => {
                eprintln!("kgx query: {message}");
                return Outcome::Failure;
            }
        },
    };
    match subgraph.paths {
        Some(paths) => eprintln!(
            "kgx query: {} shortest paths of {} relations; {} relations between {} entities",
            paths.count,
            paths.length,
            subgraph.edges.len(),
            subgraph.nodes.len()
        ),
        None => eprintln!(
            "kgx query: {} relations between {} entities",
            subgraph.edges.len(),
            subgraph.nodes.len()
        ),
    }
    output::print("query", &text)
}

/// Reads a saved graph, reporting why it cannot be read.
pub(super) fn load(command: &str, path: &Path) -> Option<(KnowledgeGraph, RunInfo)> {
    let json = match std::fs::read_to_string(path) {
        Ok(json) => json,
        Err(error) => {
            eprintln!("kgx {command}: cannot read {}: {error}", path.display());
            return None;
        }
    };
    match read_graph(&json) {
        Ok(loaded) => Some(loaded),
        Err(error) => {
            eprintln!("kgx {command}: {}: {error}", path.display());
            None
        }
    }
}
