//! `kgx check-graph` and `kgx query`: commands over a saved `graph.json`.

use std::path::{Path, PathBuf};

use kgx::export::{RunInfo, read_graph};
use kgx::graph::KnowledgeGraph;
use kgx::graph::checks::check_graph;
use kgx::graph::query::{EdgeQuery, render_edge, render_evidence};

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
    /// Edges with this node at either end (display name, alias or id; traditional characters fold to simplified).
    #[arg(long)]
    node: Option<String>,
    /// Edges of this relation type.
    #[arg(long = "type")]
    relation: Option<String>,
    /// Edges from this node.
    #[arg(long)]
    from: Option<String>,
    /// Edges to this node.
    #[arg(long)]
    to: Option<String>,
    /// Print each edge's evidence under it.
    #[arg(long)]
    evidence: bool,
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

/// Prints the edges of a saved graph that match the query.
pub fn query(args: QueryArgs) -> Outcome {
    let Some((graph, _)) = load("query", &args.graph) else {
        return Outcome::Failure;
    };
    let query = EdgeQuery {
        node: args.node,
        relation: args.relation,
        from: args.from,
        to: args.to,
    };
    let edges = query.run(&graph);
    let mut text = String::new();
    for (source, target, edge) in &edges {
        text.push_str(&render_edge(source, target, edge));
        text.push('\n');
        if args.evidence {
            for evidence in &edge.evidence {
                text.push_str("    ");
                text.push_str(&render_evidence(evidence));
                text.push('\n');
            }
        }
    }
    eprintln!("kgx query: {} matching edges", edges.len());
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
