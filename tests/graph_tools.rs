//! `kgx query` and `kgx check-graph` over graphs written by the real pipeline: the corpus graph, and a small
//! corpus whose graph makes two companies each other's subsidiary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use kgx::export::{self, RunInfo, read_graph};
use kgx::graph::KnowledgeGraph;
use kgx::graph::checks::WarningKind;
use kgx::graph::query::render_evidence;
use kgx::pipeline::Pipeline;
use kgx::render::Selection;
use tempfile::TempDir;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::from_rules(&root().join("rules")).expect("default pack"))
}

/// Extracts `corpus` into a fresh directory as `kgx extract` does; returns the directory.
fn extract(corpus: &Path) -> TempDir {
    let out = tempfile::tempdir().unwrap();
    let run = pipeline().extract_corpus(corpus).unwrap();
    export::write_all(&run.graph, &run.run, &pipeline().dot_style(), out.path()).unwrap();
    out
}

/// The corpus graph, written once for every test.
fn corpus_graph() -> &'static Path {
    static OUT: OnceLock<TempDir> = OnceLock::new();
    OUT.get_or_init(|| extract(&root().join("corpus"))).path()
}

fn read(dir: &Path) -> (KnowledgeGraph, RunInfo) {
    read_graph(&fs::read_to_string(dir.join("graph.json")).unwrap()).unwrap()
}

fn kgx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn path(dir: &Path) -> String {
    dir.join("graph.json").display().to_string()
}

/// The selected edges as `subject -[type {key=value}]-> object  (weight N)` (`<-[…]->` when symmetric);
/// none when nothing is selected.
fn lines(selection: &Selection, graph: &KnowledgeGraph) -> Vec<String> {
    let Ok(subgraph) = selection.apply(graph) else {
        return Vec::new();
    };
    subgraph
        .edges
        .iter()
        .map(|(source, target, edge)| {
            let tail = if edge.symmetric { "<-" } else { "-" };
            let attrs: Vec<String> = edge
                .attrs
                .iter()
                .map(|(k, v)| format!(" {{{k}={v}}}"))
                .collect();
            format!(
                "{} {tail}[{}{}]-> {}  (weight {})",
                source.name,
                edge.kind,
                attrs.concat(),
                target.name,
                edge.weight()
            )
        })
        .collect()
}

#[test]
fn query_by_node_finds_its_positions() {
    let (graph, _) = read(corpus_graph());
    let query = Selection {
        focus: vec!["敖宏".into()],
        hops: 1,
        ..Selection::default()
    };
    let found = lines(&query, &graph);
    // The weight (supporting sentences) moves with the rules; the edge itself must be there.
    assert!(
        found.iter().any(|line| line
            .starts_with("敖宏 -[holds_position {title=董事长}]-> 中国稀土集团有限公司  (weight ")),
        "{found:#?}"
    );
    assert!(found.iter().all(|line| line.contains("敖宏")));
}

#[test]
fn names_match_aliases_in_either_script() {
    let (graph, _) = read(corpus_graph());
    let by = |name: &str| {
        let query = Selection {
            from: Some(name.into()),
            relations: vec!["holds_position".into()],
            ..Selection::default()
        };
        lines(&query, &graph)
    };
    let simplified = by("敖宏");
    assert!(!simplified.is_empty());
    let to_short = Selection {
        to: Some("中國稀土集團".into()),
        relations: vec!["holds_position".into()],
        ..Selection::default()
    };
    let full = Selection {
        to: Some("中国稀土集团有限公司".into()),
        relations: vec!["holds_position".into()],
        ..Selection::default()
    };
    assert_eq!(lines(&to_short, &graph), lines(&full, &graph));
    assert!(
        lines(&full, &graph)
            .iter()
            .any(|line| line.starts_with("敖宏 -[holds_position"))
    );
    assert!(by("無此人").is_empty());
}

#[test]
fn symmetric_edges_match_from_either_end() {
    let (graph, _) = read(corpus_graph());
    let query = |from: &str, to: &str| Selection {
        relations: vec!["cooperates_with".into()],
        from: Some(from.into()),
        to: Some(to.into()),
        ..Selection::default()
    };
    let forward = lines(&query("中国稀土集团有限公司", "兰州大学"), &graph);
    let backward = lines(&query("兰州大学", "中国稀土集团有限公司"), &graph);
    assert_eq!(forward.len(), 1);
    assert_eq!(forward, backward);
    assert!(forward[0].contains(" <-[cooperates_with]-> "));
}

#[test]
fn query_command_prints_edges_and_evidence() {
    let graph = path(corpus_graph());
    let output = kgx(&[
        "query",
        &graph,
        "--from",
        "敖宏",
        "--relation",
        "holds_position",
        "--evidence",
    ]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let row = |line: &&str| {
        let cells: Vec<&str> = line
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        cells[..4]
            == [
                "敖宏",
                "-[holds_position]->",
                "中国稀土集团有限公司",
                "title=党委书记",
            ]
    };
    assert!(stdout.lines().any(|line| row(&line)), "{stdout}");
    assert!(stdout.contains(
        "    000_d5226ad12f70f571.txt [706..845] holds_position.org_title_person: 12月25日，中国稀土集团党委书记、董事长敖宏同志"
    ));
    let (loaded, _) = read(corpus_graph());
    let evidence = &loaded.edges()[0].2.evidence;
    let first = render_evidence(evidence.iter().next().unwrap());
    assert!(first.contains(".txt ["), "{first}");
}

#[test]
fn the_corpus_graph_is_clean() {
    let (_, run) = read(corpus_graph());
    assert_eq!(run.warnings, Vec::<String>::new());
    let output = kgx(&["check-graph", &path(corpus_graph())]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

#[test]
fn a_subsidiary_cycle_is_recorded_and_reported() {
    let corpus = tempfile::tempdir().unwrap();
    fs::write(
        corpus.path().join("cycle.txt"),
        "华夏星辰科技股份有限公司是北方铜业有限责任公司的全资子公司。\n\
         北方铜业有限责任公司是华夏星辰科技股份有限公司的全资子公司。\n",
    )
    .unwrap();
    let out = extract(corpus.path());
    let (graph, run) = read(out.path());
    let warnings = kgx::graph::checks::check_graph(&graph, pipeline().pack());
    assert_eq!(
        warnings.iter().map(|w| w.kind).collect::<Vec<_>>(),
        [WarningKind::OwnSubsidiary]
    );
    assert_eq!(run.warnings, [warnings[0].to_string()]);
    assert!(
        run.warnings[0].contains("cycle.txt: "),
        "{}",
        run.warnings[0]
    );
    let output = kgx(&["check-graph", &path(out.path()), "--json"]);
    assert_eq!(output.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json[0]["kind"], "own_subsidiary");
    assert_eq!(json[0]["evidence"]["document"], "cycle.txt");
}

#[test]
fn unreadable_graphs_fail() {
    let dir = tempfile::tempdir().unwrap();
    let bad: PathBuf = dir.path().join("graph.json");
    fs::write(&bad, "{\"schema_version\": 1").unwrap();
    let bad = bad.display().to_string();
    for command in ["check-graph", "query"] {
        let output = kgx(&[command, &bad]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        let missing = kgx(&[command, "/nonexistent/graph.json"]);
        assert_eq!(missing.status.code(), Some(1), "{command}");
    }
}
