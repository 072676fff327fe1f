//! `kgx render`: draw part of a saved graph.json through Graphviz.

use std::path::{Path, PathBuf};

use kgx::export::DotStyle;
use kgx::render::{self, Layout, Selection, graphviz};
use kgx::rules::PackSource;

use super::graph_tools::load;
use super::{Outcome, RulesArg};

/// Without `--top`, a drawing keeps at most this many entities (the best connected).
const DEFAULT_TOP: usize = 300;

/// Arguments of `kgx render`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A graph.json written by `kgx extract`.
    graph: PathBuf,
    /// Output file; its extension (.svg, .png, .pdf, .dot) gives the format.
    #[arg(short, long, default_value = "graph.svg")]
    out: PathBuf,
    /// Draw the neighbourhood of the entities with this name (name, alias or id, or part of one).
    #[arg(long)]
    focus: Vec<String>,
    /// How many edges away from a focus entity to go.
    #[arg(long, default_value_t = 1)]
    hops: usize,
    /// Relation types to draw (comma-separated; default all).
    #[arg(long, value_delimiter = ',')]
    relation: Vec<String>,
    /// Entity types to draw (comma-separated; default all).
    #[arg(long = "type", value_delimiter = ',')]
    types: Vec<String>,
    /// Draw only facts read in at least this many sentences.
    #[arg(long, default_value_t = 1)]
    min_weight: usize,
    /// Draw at most this many entities, the best connected first.
    #[arg(long)]
    top: Option<usize>,
    /// Draw only facts read in documents whose id contains this.
    #[arg(long)]
    document: Option<String>,
    /// Layout engine (default: dot up to 120 entities, sfdp above).
    #[arg(long, value_enum)]
    layout: Option<Layout>,
    /// The rule pack whose pack.toml gives the shapes and colours.
    #[command(flatten)]
    rules: RulesArg,
}

/// Draws the selected part of the graph.
pub fn run(args: Args) -> Outcome {
    let Some(format) = format_of(&args.out) else {
        eprintln!(
            "kgx render: cannot tell the format of {}\n  hint: name the output …svg, …png, …pdf or …dot",
            args.out.display()
        );
        return Outcome::Failure;
    };
    let Some((graph, _)) = load("render", &args.graph) else {
        return Outcome::Failure;
    };
    let style = match read_style(&args.rules.source()) {
        Ok(style) => style,
        Err(message) => {
            eprintln!("kgx render: {message}");
            return Outcome::Failure;
        }
    };
    let top = args.top.or(Some(DEFAULT_TOP));
    let selection = Selection {
        focus: args.focus,
        hops: args.hops,
        relations: args.relation,
        types: args.types,
        min_weight: args.min_weight,
        top,
        document: args.document,
        ..Selection::default()
    };
    let subgraph = match selection.apply(&graph) {
        Ok(subgraph) => subgraph,
        Err(error) => {
            eprintln!("kgx render: {error}");
            return Outcome::Failure;
        }
    };
    if subgraph.edges.is_empty() && subgraph.nodes.is_empty() {
        eprintln!("kgx render: nothing to draw: no relation matches the selection");
        return Outcome::Failure;
    }
    if subgraph.left_out > 0 && args.top.is_none() {
        eprintln!(
            "kgx render: {} less connected entities left out to keep the drawing readable (choose with --top, --focus, --relation)",
            subgraph.left_out
        );
    }
    let layout = args.layout.unwrap_or_else(|| {
        let layout = render::layout_for(subgraph.nodes.len());
        if layout != Layout::Dot {
            eprintln!(
                "kgx render: {} entities: {} layout (the layered dot layout is used up to {})",
                subgraph.nodes.len(),
                layout.engine(),
                render::LAYERED_LIMIT
            );
        }
        layout
    });
    let font = match graphviz::cjk_font() {
        Ok(font) => font,
        Err(error) if format == "dot" => {
            eprintln!("kgx render: warning: {error}");
            kgx::export::dot::FONT.to_owned()
        }
        Err(error) => {
            eprintln!("kgx render: {error}");
            return Outcome::Failure;
        }
    };
    let dot = render::subgraph_dot(&subgraph, &style, layout, &font);
    let bytes = if format == "dot" {
        dot.into_bytes()
    } else {
        match graphviz::draw(&dot, layout.engine(), format) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("kgx render: {error}");
                return Outcome::Failure;
            }
        }
    };
    if let Err(error) = kgx::export::write_atomic(&args.out, &bytes) {
        eprintln!("kgx render: cannot write {}: {error}", args.out.display());
        return Outcome::Failure;
    }
    eprintln!(
        "kgx render: {} entities, {} relations → {}",
        subgraph.nodes.len(),
        subgraph.edges.len(),
        args.out.display()
    );
    Outcome::Success
}

/// The Graphviz output format named by the file's extension.
fn format_of(path: &Path) -> Option<&'static str> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "svg" => Some("svg"),
        "png" => Some("png"),
        "pdf" => Some("pdf"),
        "dot" | "gv" => Some("dot"),
        _ => None,
    }
}

/// The drawing style of the rule pack (its pack.toml only; the rules are not compiled).
pub(super) fn read_style(source: &PackSource) -> Result<DotStyle, String> {
    let file = Path::new("pack.toml");
    let shown = source.display(file);
    let bytes = source
        .read(file)
        .map_err(|error| format!("cannot read {}: {error}", shown.display()))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|error| format!("{}: not UTF-8 text: {error}", shown.display()))?;
    render::style::from_pack_toml(text).map_err(|error| format!("{}: {error}", shown.display()))
}
