//! `kgx render` on the committed corpus graph (`output/graph.json`): what it selects, what the drawing
//! holds (names, evidence tooltips, the legend outside the layout), and its errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kgx::export::read_graph;
use kgx::render::Selection;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn graph_json() -> PathBuf {
    root().join("output/graph.json")
}

fn kgx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kgx"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("kgx runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_focus_keeps_the_neighbourhood_and_only_it() {
    let (graph, _) = read_graph(&std::fs::read_to_string(graph_json()).unwrap()).unwrap();
    let one_hop = Selection {
        focus: vec!["敖宏".into()],
        hops: 1,
        ..Selection::default()
    }
    .apply(&graph)
    .unwrap();
    assert!(one_hop.focus.contains("person:敖宏"));
    assert!(!one_hop.edges.is_empty());
    assert!(
        one_hop
            .edges
            .iter()
            .all(|(source, target, _)| source.id == "person:敖宏" || target.id == "person:敖宏"),
        "one hop: every edge touches the focus"
    );
    let two_hops = Selection {
        focus: vec!["敖宏".into()],
        hops: 2,
        ..Selection::default()
    }
    .apply(&graph)
    .unwrap();
    assert!(two_hops.edges.len() > one_hop.edges.len());
    let titled = Selection {
        focus: vec!["敖宏".into()],
        hops: 2,
        relations: vec!["holds_position".into()],
        ..Selection::default()
    }
    .apply(&graph)
    .unwrap();
    assert!(
        titled
            .edges
            .iter()
            .all(|(_, _, edge)| edge.kind == "holds_position")
    );
}

#[test]
fn top_keeps_the_best_connected_entities() {
    let (graph, _) = read_graph(&std::fs::read_to_string(graph_json()).unwrap()).unwrap();
    let top = Selection {
        top: Some(5),
        ..Selection::default()
    }
    .apply(&graph)
    .unwrap();
    assert!(top.nodes.len() <= 5, "{} nodes", top.nodes.len());
    assert!(top.left_out > 0);
    assert!(
        top.nodes
            .iter()
            .any(|node| node.id == "company:中国稀土集团"),
        "the most connected entity stays"
    );
}

#[test]
fn a_substring_finds_a_full_name_and_an_unknown_name_is_an_error() {
    let (graph, _) = read_graph(&std::fs::read_to_string(graph_json()).unwrap()).unwrap();
    let found = Selection {
        focus: vec!["有研科技".into()],
        ..Selection::default()
    }
    .apply(&graph)
    .unwrap();
    assert!(found.focus.iter().any(|id| id.contains("中国有研科技集团")));
    let error = Selection {
        focus: vec!["不存在的公司".into()],
        ..Selection::default()
    }
    .apply(&graph)
    .unwrap_err();
    assert!(error.to_string().contains("不存在的公司"));
}

#[test]
fn dot_output_has_the_legend_as_a_label_and_evidence_as_tooltips() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("aohong.dot");
    let output = kgx(&[
        "render",
        graph_json().to_str().unwrap(),
        "--focus",
        "敖宏",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let dot = std::fs::read_to_string(&out).unwrap();
    assert!(dot.contains("label=<<table"), "legend is the graph label");
    assert!(
        !dot.contains("cluster_legend"),
        "no legend nodes in the layout"
    );
    assert!(dot.contains("\"敖宏\""));
    assert!(
        dot.contains("supporting sentences"),
        "edges carry their evidence"
    );
    assert!(dot.contains("penwidth=\"3\""), "the focus is drawn bold");
}

#[test]
fn svg_drawing_shows_names_and_evidence() {
    if Command::new("dot").arg("-V").output().is_err() {
        panic!("Graphviz is needed for this test: apt-get install graphviz (CI installs it)");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("aohong.svg");
    let output = kgx(&[
        "render",
        graph_json().to_str().unwrap(),
        "--focus",
        "敖宏",
        "--hops",
        "2",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<?xml"), "an SVG document");
    assert!(
        svg.contains(">敖宏</text>"),
        "the focus is drawn with its name"
    );
    assert!(
        svg.contains("supporting sentences"),
        "edge tooltips hold the evidence"
    );
    assert!(svg.contains("holds_position"));
}

#[test]
fn errors_are_clear_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let unknown = dir.path().join("x.svg");
    let output = kgx(&[
        "render",
        graph_json().to_str().unwrap(),
        "--focus",
        "不存在的公司",
        "-o",
        unknown.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no entity is named"),
        "{}",
        stderr(&output)
    );
    assert!(!unknown.exists());
    let bad_format = dir.path().join("x.bmp");
    let output = kgx(&[
        "render",
        graph_json().to_str().unwrap(),
        "-o",
        bad_format.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("hint"), "{}", stderr(&output));
    assert!(!bad_format.exists());
}
