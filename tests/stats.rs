//! `kgx stats` on the committed corpus graph (`output/graph.json`).

use std::path::Path;
use std::process::Command;

use kgx::export::read_graph;
use kgx::stats::GraphStats;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn counts_add_up_to_the_graph_and_rank_the_group_first() {
    let json = std::fs::read_to_string(root().join("output/graph.json")).unwrap();
    let (graph, run) = read_graph(&json).unwrap();
    let stats = GraphStats::of(&graph, &run, 5);
    assert_eq!(stats.entities.values().sum::<usize>(), graph.nodes().len());
    assert_eq!(stats.relations.values().sum::<usize>(), graph.edges().len());
    assert_eq!(stats.documents_read, run.documents_read.len());
    assert_eq!(stats.top_entities.len(), 5);
    assert_eq!(stats.top_entities[0].name, "中国稀土集团有限公司");
    assert!(
        stats
            .top_entities
            .windows(2)
            .all(|pair| pair[0].edges >= pair[1].edges)
    );
    let evidence: usize = graph
        .edges()
        .iter()
        .map(|(_, _, edge)| edge.evidence.len())
        .sum();
    assert!(stats.top_rules.iter().map(|(_, n)| n).sum::<usize>() <= evidence);
    assert!(
        stats
            .top_rules
            .windows(2)
            .all(|pair| pair[0].1 >= pair[1].1)
    );
    // every sample document yields facts
    assert!(stats.documents_without_facts.is_empty());
}

#[test]
fn the_command_prints_text_and_json() {
    let graph = root().join("output/graph.json");
    let text = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(["stats", graph.to_str().unwrap(), "--top", "3"])
        .output()
        .unwrap();
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("best-connected entities"));
    assert!(text.contains("中国稀土集团有限公司 (company)"));
    let json = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(["stats", graph.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(json.status.success());
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(value["relations"]["holds_position"].as_u64().unwrap() > 0);
}
