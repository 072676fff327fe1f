//! `kgx query` on the committed `output/graph.json` and on a graph extracted from a real document:
//! name search (aliases, parts of names, ambiguity), neighbourhoods, types and relations, shortest
//! paths, evidence limits, the three formats (the DOT one is `kgx render`'s selection) and grep's exit
//! codes.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use kgx::export::read_graph;
use unicode_width::UnicodeWidthStr;

const GRAPH: &str = "output/graph.json";

fn kgx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// `kgx query GRAPH ARGS…`: exit code, stdout, stderr.
fn query(graph: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let mut all = vec!["query", graph];
    all.extend(args);
    let output = kgx(&all);
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The table's rows (header left out, evidence lines left out).
fn rows(table: &str) -> Vec<&str> {
    table
        .lines()
        .skip(1)
        .filter(|line| !line.starts_with("    "))
        .collect()
}

/// Source, relation and target of a table row, split on the aligned column gaps.
fn cells(row: &str) -> Vec<&str> {
    row.split("  ")
        .map(str::trim)
        .filter(|cell| !cell.is_empty())
        .collect()
}

#[test]
fn an_alias_or_part_of_a_name_finds_the_entity() {
    let (code, by_alias, _) = query(GRAPH, &["--node", "有研集团"]);
    assert_eq!(code, Some(0));
    let (_, by_part, _) = query(GRAPH, &["--node", "有研科技"]);
    assert_eq!(by_alias, by_part);
    // One hop: the relations of the entity, and those among its neighbours.
    let found: Vec<Vec<&str>> = rows(&by_alias).iter().map(|row| cells(row)).collect();
    let name = "中国有研科技集团有限公司";
    let neighbours: BTreeSet<&str> = found
        .iter()
        .filter(|row| row[0] == name || row[2] == name)
        .flat_map(|row| [row[0], row[2]])
        .collect();
    assert!(neighbours.len() > 3, "{by_alias}");
    assert!(
        found
            .iter()
            .all(|row| neighbours.contains(row[0]) && neighbours.contains(row[2])),
        "{by_alias}"
    );
}

#[test]
fn an_ambiguous_name_lists_the_candidates_and_fails() {
    let (code, stdout, stderr) = query(GRAPH, &["--node", "稀土集团"]);
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with("kgx query: \"稀土集团\" is part of the names of "),
        "{stderr}"
    );
    assert!(
        stderr.contains("\n  company:赣州稀土集团  赣州稀土集团有限公司\n"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: give one of these names or ids in full"));
    // An id from the list is exact.
    let (code, stdout, _) = query(GRAPH, &["--node", "company:赣州稀土集团"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("赣州稀土集团有限公司"));
}

#[test]
fn nothing_matching_exits_1_like_grep() {
    let (code, stdout, stderr) = query(GRAPH, &["--node", "不存在的公司"]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(
        stderr.contains("no entity is named \"不存在的公司\""),
        "{stderr}"
    );
    let (code, stdout, stderr) = query(GRAPH, &["--node", "敖宏", "--relation", "part_of"]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert_eq!(stderr, "kgx query: no relation matches\n");
}

#[test]
fn hops_widen_the_neighbourhood() {
    let (_, one, _) = query(GRAPH, &["--node", "敖宏"]);
    let (_, two, _) = query(GRAPH, &["--node", "敖宏", "--hops", "2"]);
    let one: BTreeSet<Vec<&str>> = rows(&one).into_iter().map(cells).collect();
    let two: BTreeSet<Vec<&str>> = rows(&two).into_iter().map(cells).collect();
    assert!(one.iter().all(|row| row.contains(&"敖宏")));
    assert!(one.is_subset(&two));
    assert!(two.iter().any(|row| !row.contains(&"敖宏")), "{two:#?}");
    assert!(two.iter().any(|row| row.contains(&"兰州大学")));
}

#[test]
fn several_types_and_relations() {
    let (code, table, _) = query(
        GRAPH,
        &[
            "--type",
            "person,company",
            "--relation",
            "holds_position,subsidiary_of",
        ],
    );
    assert_eq!(code, Some(0));
    let relations: BTreeSet<String> = rows(&table)
        .iter()
        .map(|row| cells(row)[1].to_owned())
        .collect();
    assert_eq!(
        relations,
        BTreeSet::from([
            "-[holds_position]->".to_owned(),
            "-[subsidiary_of]->".to_owned()
        ])
    );
    let (_, json, _) = query(GRAPH, &["--type", "person,company", "--json"]);
    let (graph, _) = read_graph(&json).unwrap();
    let kinds: BTreeSet<&str> = graph
        .nodes()
        .iter()
        .map(|node| node.kind.as_str())
        .collect();
    assert_eq!(kinds, BTreeSet::from(["company", "person"]));
}

#[test]
fn shortest_paths_join_two_entities() {
    let (code, table, stderr) = query(GRAPH, &["--path", "敖宏", "兰州大学"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.starts_with("kgx query: 1 shortest paths of 2 relations;"),
        "{stderr}"
    );
    let found: Vec<Vec<&str>> = rows(&table).iter().map(|row| cells(row)).collect();
    assert_eq!(found.len(), 3, "{table}");
    assert!(
        found
            .iter()
            .any(|row| row[..3] == ["中国稀土集团有限公司", "<-[cooperates_with]->", "兰州大学"])
    );
    assert!(found.iter().filter(|row| row[0] == "敖宏").count() == 2);
    let (code, _, stderr) = query(
        GRAPH,
        &["--path", "敖宏", "兰州大学", "--relation", "holds_position"],
    );
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("no path joins 敖宏 and 兰州大学"),
        "{stderr}"
    );
}

#[test]
fn the_table_is_aligned_in_terminal_columns() {
    let (_, table, _) = query(GRAPH, &["--node", "中国稀土集团有限公司"]);
    let starts: BTreeSet<usize> = table
        .lines()
        .map(|line| {
            let at = line.find("-[").or_else(|| line.find("RELATION")).unwrap();
            let at = if line[..at].ends_with('<') {
                at - 1
            } else {
                at
            };
            line[..at].width()
        })
        .collect();
    assert_eq!(starts.len(), 1, "{table}");
}

#[test]
fn evidence_is_limited_per_relation() {
    let (_, table, _) = query(GRAPH, &["--node", "敖宏", "--evidence", "--limit", "1"]);
    let lines: Vec<&str> = table.lines().skip(1).collect();
    assert!(lines.len() >= 4, "{table}");
    for pair in lines.chunks(2) {
        assert!(
            !pair[0].starts_with("    ") && pair[1].starts_with("    "),
            "{table}"
        );
        assert!(pair[1].contains(" holds_position."), "{}", pair[1]);
    }
    let (_, json, _) = query(GRAPH, &["--node", "敖宏", "--json", "--limit", "1"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    for edge in value["edges"].as_array().unwrap() {
        assert_eq!(edge["evidence"].as_array().unwrap().len(), 1);
        assert!(edge["weight"].as_u64().unwrap() >= 1);
    }
    assert!(
        value["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|edge| edge["weight"].as_u64().unwrap() > 1)
    );
}

#[test]
fn dot_is_the_selection_kgx_render_draws() {
    let dir = tempfile::tempdir().unwrap();
    let drawn = dir.path().join("focus.dot");
    let output = kgx(&[
        "render",
        GRAPH,
        "--focus",
        "敖宏",
        "--hops",
        "2",
        "-o",
        drawn.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let (code, dot, _) = query(GRAPH, &["--node", "敖宏", "--hops", "2", "--format", "dot"]);
    assert_eq!(code, Some(0));
    let body = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|line| line.starts_with("  n"))
            .map(str::to_owned)
            .collect()
    };
    let drawn = std::fs::read_to_string(drawn).unwrap();
    assert!(body(&dot).len() > 10);
    assert_eq!(body(&dot), body(&drawn));
}

#[test]
fn a_graph_extracted_from_a_real_document_answers_queries() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let document = "000_d5226ad12f70f571.txt";
    std::fs::copy(
        root.join("corpus").join(document),
        corpus.path().join(document),
    )
    .unwrap();
    let output = kgx(&[
        "extract",
        corpus.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let graph = out.path().join("graph.json");
    let graph = graph.to_str().unwrap();
    let (code, json, _) = query(graph, &["--node", "敖宏", "--json"]);
    assert_eq!(code, Some(0));
    let (part, _) = read_graph(&json).unwrap();
    let (whole, _) = read_graph(&std::fs::read_to_string(graph).unwrap()).unwrap();
    let touching: Vec<String> = whole
        .edges()
        .iter()
        .filter(|(source, target, _)| source.name == "敖宏" || target.name == "敖宏")
        .map(|(source, target, edge)| {
            format!("{} {} {} {:?}", source.id, edge.kind, target.id, edge.attrs)
        })
        .collect();
    let selected: Vec<String> = part
        .edges()
        .iter()
        .map(|(source, target, edge)| {
            format!("{} {} {} {:?}", source.id, edge.kind, target.id, edge.attrs)
        })
        .collect();
    assert!(!selected.is_empty());
    assert_eq!(selected, touching);
    assert!(
        part.edges()
            .iter()
            .all(|(_, _, edge)| edge.evidence.iter().all(|e| e.document == document))
    );
}
