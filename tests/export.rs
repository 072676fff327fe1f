//! Exports of a small graph full of awkward strings: rendering, round trips, schema, determinism.

mod graphviz;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use graphviz::{render, svg_texts};
use kgx::export::{
    self, DocumentInfo, DotStyle, FailedDocument, ReadGraphError, RunInfo, dot, graphml, json,
};
use kgx::graph::{EntityKey, EntityRecord, Evidence, FactRecord, Findings, KnowledgeGraph};

/// A display name with every character class DOT, XML and CSV treat specially.
const NASTY: &str = "引号\"与\\反斜杠\n<b>{x}</b> | 50%";

/// A display name with control characters, drawn with visible stand-ins.
const CONTROL: &str = "控制\u{1}字符\t制表";

fn key(kind: &str, key: &str) -> EntityKey {
    EntityKey {
        kind: kind.to_owned(),
        key: key.to_owned(),
    }
}

fn entity(kind: &str, name: &str, surfaces: &[&str], mentions: usize) -> EntityRecord {
    EntityRecord {
        key: key(kind, name),
        names: BTreeSet::from([name.to_owned()]),
        surfaces: surfaces.iter().map(|s| (*s).to_owned()).collect(),
        mentions,
        literal: kind == "stock_code",
    }
}

fn fact(
    relation: &str,
    (subject, object): (EntityKey, EntityKey),
    attrs: &[(&str, &str)],
    symmetric: bool,
    (document, start): (&str, usize),
) -> FactRecord {
    FactRecord {
        relation: relation.to_owned(),
        subject,
        object,
        attrs: attrs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        symmetric,
        evidence: Evidence {
            document: document.to_owned(),
            start,
            end: start + 12,
            sentence: format!("{document} 第{start}句：\"引文\"\n换行").into(),
            rule: format!("rule.{relation}"),
            attrs: BTreeMap::new(),
        },
    }
}

/// `fact` with other (non-key) attributes on its evidence.
fn with_values(mut fact: FactRecord, values: &[(&str, &str)]) -> FactRecord {
    fact.evidence.attrs = values
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    fact
}

/// Two documents' findings; the second repeats a fact of the first (two evidences on one edge).
fn findings() -> Vec<Findings> {
    let bank = key("company", "平安银行");
    let nasty = key("company", NASTY);
    let person = key("person", "谢永林");
    let code = key("stock_code", "000001");
    let first = Findings {
        document: "news-1.txt".to_owned(),
        entities: vec![
            entity("company", "平安银行", &["平安銀行"], 3),
            entity("person", "谢永林", &[], 1),
            entity("stock_code", "000001", &["000001.SZ"], 1),
            entity("company", NASTY, &["旧名,含逗号"], 2),
        ],
        facts: vec![
            fact(
                "holds_position",
                (person.clone(), bank.clone()),
                &[("title", "董事长")],
                false,
                ("news-1.txt", 0),
            ),
            fact(
                "has_stock_code",
                (bank.clone(), code.clone()),
                &[],
                false,
                ("news-1.txt", 20),
            ),
            fact(
                "partner_of",
                (nasty.clone(), bank.clone()),
                &[],
                true,
                ("news-1.txt", 40),
            ),
        ],
    };
    let second = Findings {
        document: "news-2.html".to_owned(),
        entities: vec![
            entity("company", "平安银行股份有限公司", &[], 1),
            entity("person", "谢永林", &[], 2),
            entity("organization", CONTROL, &[], 1),
        ],
        facts: vec![
            with_values(
                fact(
                    "holds_position",
                    (person.clone(), bank.clone()),
                    &[("title", "董事长")],
                    false,
                    ("news-2.html", 5),
                ),
                &[("term", "第二届")],
            ),
            fact("partner_of", (bank, nasty), &[], true, ("news-2.html", 30)),
            fact(
                "holds_position",
                (person, key("organization", CONTROL)),
                &[("title", "顾问")],
                false,
                ("news-2.html", 50),
            ),
        ],
    };
    vec![first, second]
}

fn graph() -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    for findings in findings() {
        graph.add(&findings);
    }
    graph
}

fn run_info() -> RunInfo {
    let mut run = RunInfo::new("sha256:abc");
    run.documents_read = vec![
        DocumentInfo {
            id: "news-2.html".to_owned(),
            encoding: "GBK".to_owned(),
            format: "html".to_owned(),
            title: Some("标题 \"引号\"".to_owned()),
        },
        DocumentInfo {
            id: "news-1.txt".to_owned(),
            encoding: "UTF-8".to_owned(),
            format: "text".to_owned(),
            title: None,
        },
    ];
    run.documents_failed = vec![FailedDocument {
        path: "corpus/bad.bin".to_owned(),
        reason: "not text".to_owned(),
    }];
    run.warnings = vec!["z warning".to_owned(), "a warning".to_owned()];
    run
}

#[test]
fn dot_renders_without_complaint_and_shows_names_verbatim() {
    let source = dot::to_dot(&graph(), &DotStyle::default());
    render(&source, "png");
    let texts = svg_texts(&render(&source, "svg"));
    for line in NASTY.lines() {
        assert!(
            texts.iter().any(|text| text == line),
            "{line:?} not drawn; texts: {texts:?}"
        );
    }
    for expected in ["董事长", "holds_position", "000001", "控制␁字符 制表"] {
        assert!(
            texts.iter().any(|text| text == expected),
            "{expected:?} not drawn"
        );
    }
}

#[test]
fn dot_styles_edges_and_legend() {
    let source = dot::to_dot(&graph(), &DotStyle::default());
    assert!(source.contains("fontname=\"WenQuanYi Micro Hei\""));
    assert!(source.contains(
        "[label=\"holds_position\\n董事长\", color=\"#000000\", fontcolor=\"#000000\", style=\"solid\", arrowhead=\"normal\"]"
    ));
    assert!(source.contains("[label=\"partner_of\", color=\"#000000\", fontcolor=\"#000000\", style=\"solid\", arrowhead=\"normal\", dir=\"none\"]"));
    assert!(source.contains("subgraph cluster_legend"));
    assert!(source.contains(
        "<font color=\"#000000\">-&gt; has_stock_code</font></td></tr><tr><td align=\"left\"><font color=\"#000000\">-&gt; holds_position</font></td></tr><tr><td align=\"left\"><font color=\"#000000\">-- partner_of</font>"
    ));
    assert_eq!(source.matches("legend_type_").count(), 4);
    assert!(source.contains(
        "[label=\"000001\", tooltip=\"stock_code:000001\", shape=\"plaintext\", fillcolor=\"#ffffff\"]"
    ));
}

#[test]
fn dot_draws_each_relation_type_in_its_pack_style() {
    let mut style = DotStyle::default();
    style.set_relation(
        0,
        "holds_position",
        [Some("firebrick"), None, Some("vee")],
        false,
    );
    style.set_relation(1, "partner_of", [None, None, None], true);
    let source = dot::to_dot(&graph(), &style);
    assert!(source.contains(
        "color=\"firebrick\", fontcolor=\"firebrick\", style=\"solid\", arrowhead=\"vee\"]"
    ));
    assert!(source.contains(&format!(
        "[label=\"partner_of\", color=\"{0}\", fontcolor=\"{0}\", style=\"dashed\"",
        dot::PALETTE[1]
    )));
    assert!(source.contains("<font color=\"firebrick\">-&gt; holds_position</font>"));
}

#[test]
fn dot_leaves_out_entities_without_relations_and_says_so() {
    let mut graph = graph();
    graph.add(&Findings {
        document: "news-3.txt".to_owned(),
        entities: vec![entity("location", "深圳市", &[], 1)],
        facts: Vec::new(),
    });
    let source = dot::to_dot(&graph, &DotStyle::default());
    assert!(!source.contains("深圳市"));
    assert!(!source.contains("平安银行股份有限公司"));
    assert!(
        source.contains("label=\"2 entities without relations are not drawn (see graph.json)\"")
    );
    assert_eq!(source.matches("legend_type_").count(), 4);
}

#[test]
fn json_round_trips() {
    let graph = graph();
    let run = run_info();
    let text = json::to_json(&graph, &run).unwrap();
    assert!(text.ends_with("}\n"));
    assert!(text.contains("\n  \"schema_version\": 1,\n"));
    let (loaded, loaded_run) = export::read_graph(&text).unwrap();
    let mut sorted = run.clone();
    sorted.sort();
    assert_eq!(loaded_run, sorted);
    assert_eq!(json::to_json(&loaded, &loaded_run).unwrap(), text);
    assert_eq!(loaded.nodes(), graph.nodes());
    assert_eq!(loaded.edges(), graph.edges());
}

#[test]
fn loaded_graph_keeps_growing_like_the_original() {
    let later = Findings {
        document: "news-3.txt".to_owned(),
        entities: vec![entity("company", "平安", &[], 1)],
        facts: vec![],
    };
    let mut original = graph();
    let text = json::to_json(&original, &RunInfo::default()).unwrap();
    let (mut loaded, _) = export::read_graph(&text).unwrap();
    original.add(&later);
    loaded.add(&later);
    assert_eq!(
        json::to_json(&loaded, &RunInfo::default()).unwrap(),
        json::to_json(&original, &RunInfo::default()).unwrap()
    );
}

#[test]
fn json_records_edges_as_documented() {
    let text = json::to_json(&graph(), &run_info()).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let edges = value["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 4);
    let holds = edges
        .iter()
        .find(|edge| edge["type"] == "holds_position" && edge["attributes"]["title"] == "董事长")
        .unwrap();
    assert_eq!(holds["source"], "person:谢永林");
    assert_eq!(holds["target"], "company:平安银行");
    assert_eq!(holds["attributes"]["title"], "董事长");
    assert_eq!(holds["weight"], 2);
    assert_eq!(holds["evidence"].as_array().unwrap().len(), 2);
    assert_eq!(holds["values"], serde_json::json!({"term": ["第二届"]}));
    assert_eq!(holds["evidence"][1]["attributes"]["term"], "第二届");
    assert!(holds["evidence"][0].get("attributes").is_none());
    let partner = edges
        .iter()
        .find(|edge| edge["type"] == "partner_of")
        .unwrap();
    assert_eq!(partner["symmetric"], true);
    let code = value["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|node| node["type"] == "stock_code")
        .unwrap();
    assert_eq!(code["literal"], true);
    assert_eq!(value["run"]["warnings"][0], "a warning");
}

#[test]
fn read_graph_rejects_bad_input() {
    let text = json::to_json(&graph(), &run_info()).unwrap();
    let future = text.replace("\"schema_version\": 1", "\"schema_version\": 2");
    assert!(matches!(
        export::read_graph(&future),
        Err(ReadGraphError::SchemaVersion(2))
    ));
    let dangling = text.replace(
        "\"target\": \"company:平安银行\"",
        "\"target\": \"company:无\"",
    );
    assert!(matches!(
        export::read_graph(&dangling),
        Err(ReadGraphError::Graph(_))
    ));
    assert!(matches!(
        export::read_graph("{"),
        Err(ReadGraphError::Json(_))
    ));
}

fn schema_validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/graph.schema.json")).unwrap();
    jsonschema::meta::validate(&schema).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

#[test]
fn json_validates_against_the_schema() {
    let validator = schema_validator();
    let text = json::to_json(&graph(), &run_info()).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|error| error.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let empty = json::to_json(&KnowledgeGraph::new(), &RunInfo::default()).unwrap();
    assert!(validator.is_valid(&serde_json::from_str(&empty).unwrap()));
}

#[test]
fn schema_rejects_what_kgx_never_writes() {
    let validator = schema_validator();
    let text = json::to_json(&graph(), &run_info()).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut no_weight = value.clone();
    no_weight["edges"][0]
        .as_object_mut()
        .unwrap()
        .remove("weight");
    assert!(!validator.is_valid(&no_weight));
    let mut bad_id = value.clone();
    bad_id["edges"][0]["id"] = "e0001".into();
    assert!(!validator.is_valid(&bad_id));
    let mut extra = value;
    extra["nodes"][0]["colour"] = "red".into();
    assert!(!validator.is_valid(&extra));
}

#[test]
fn exports_do_not_depend_on_merge_order() {
    let mut reversed = KnowledgeGraph::new();
    for mut findings in findings().into_iter().rev() {
        findings.entities.reverse();
        findings.facts.reverse();
        reversed.add(&findings);
    }
    let forward = graph();
    let mut run = run_info();
    let json_forward = json::to_json(&forward, &run).unwrap();
    run.documents_read.reverse();
    run.warnings.reverse();
    assert_eq!(json::to_json(&reversed, &run).unwrap(), json_forward);
    let style = DotStyle::default();
    assert_eq!(
        dot::to_dot(&reversed, &style),
        dot::to_dot(&forward, &style)
    );
    assert_eq!(
        graphml::to_graphml(&reversed),
        graphml::to_graphml(&forward)
    );
    assert_eq!(
        export::csv::edges_csv(&reversed).unwrap(),
        export::csv::edges_csv(&forward).unwrap()
    );
    assert_eq!(
        export::neo4j::neo4j_files(&reversed).unwrap(),
        export::neo4j::neo4j_files(&forward).unwrap()
    );
    assert_eq!(
        export::facts::to_jsonl(&reversed).unwrap(),
        export::facts::to_jsonl(&forward).unwrap()
    );
    assert_eq!(
        export::turtle::to_turtle(&reversed),
        export::turtle::to_turtle(&forward)
    );
}

#[test]
fn graphml_is_valid_xml_with_every_value_intact() {
    let text = graphml::to_graphml(&graph());
    let document = roxmltree::Document::parse(&text).unwrap();
    let nodes: Vec<_> = document
        .descendants()
        .filter(|node| node.has_tag_name("node"))
        .collect();
    assert_eq!(nodes.len(), 6);
    let data = |key: &str| -> Vec<String> {
        document
            .descendants()
            .filter(|node| node.has_tag_name("data") && node.attribute("key") == Some(key))
            .map(|node| node.text().unwrap_or_default().to_owned())
            .collect()
    };
    assert!(data("n_label").contains(&NASTY.to_owned()));
    assert!(data("n_label").contains(&"控制␁字符\t制表".to_owned()));
    assert!(data("e_label").contains(&"holds_position 董事长".to_owned()));
    assert!(data("a_title").contains(&"董事长".to_owned()));
    assert_eq!(data("a_term"), ["第二届"]);
    assert!(data("e_weight").contains(&"2".to_owned()));
    assert!(data("e_evidence_count").contains(&"2".to_owned()));
    assert!(data("e_first_evidence").contains(&"news-1.txt 第0句：\"引文\"\n换行".to_owned()));
    assert!(
        document
            .descendants()
            .all(|node| node.attribute("directed").is_none()),
        "a directed=\"false\" edge in a directed graph does not load in NetworkX"
    );
    let keys: Vec<_> = document
        .descendants()
        .filter(|node| node.has_tag_name("key"))
        .collect();
    let ids: BTreeSet<&str> = keys.iter().filter_map(|key| key.attribute("id")).collect();
    assert_eq!(ids.len(), keys.len(), "key ids are not unique");
    let names: BTreeSet<(&str, &str)> = keys
        .iter()
        .filter_map(|key| Some((key.attribute("for")?, key.attribute("attr.name")?)))
        .collect();
    assert_eq!(names.len(), keys.len(), "attribute names are not unique");
    assert!(names.contains(&("node", "label")) && names.contains(&("edge", "label")));
    let used: BTreeSet<&str> = document
        .descendants()
        .filter_map(|node| node.attribute("key"))
        .collect();
    assert!(used.is_subset(&ids), "data for undeclared keys");
    assert!(
        nodes
            .iter()
            .any(|node| node.attribute("id") == Some(format!("company:{NASTY}").as_str()))
    );
}

#[test]
fn csv_quotes_every_awkward_value() {
    let graph = graph();
    let nodes = export::csv::nodes_csv(&graph).unwrap();
    let mut reader = csv::Reader::from_reader(nodes.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["id", "type", "name", "aliases", "documents", "mentions"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    let nasty = rows.iter().find(|row| &row[2] == NASTY).unwrap();
    assert_eq!(&nasty[3], "旧名,含逗号");
    assert_eq!(&nasty[4], "news-1.txt");
    assert_eq!(&nasty[5], "2");

    let edges = export::csv::edges_csv(&graph).unwrap();
    let mut reader = csv::Reader::from_reader(edges.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "source",
            "target",
            "type",
            "attributes",
            "weight",
            "documents"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let holds = rows.iter().find(|row| &row[2] == "holds_position").unwrap();
    assert_eq!(
        holds.iter().collect::<Vec<_>>(),
        [
            "person:谢永林",
            "company:平安银行",
            "holds_position",
            "term=第二届;title=董事长",
            "2",
            "news-1.txt;news-2.html"
        ]
    );
}

#[test]
fn write_all_replaces_files_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nested").join("output");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("graph.json"), "stale").unwrap();
    let graph = graph();
    let style = DotStyle::default();
    let first = export::write_all(&graph, &run_info(), &style, &out).unwrap();
    let second = export::write_all(&graph, &run_info(), &style, &out).unwrap();
    assert_eq!(first, second);
    let names: BTreeSet<String> = fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    let expected: BTreeSet<String> = [
        "graph.json",
        "graph.dot",
        "graph.graphml",
        "nodes.csv",
        "edges.csv",
        "facts.jsonl",
        "graph.ttl",
        "graph.jsonld",
        "graph.html",
        "neo4j",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(
        names,
        &expected | &BTreeSet::from([export::MANIFEST.to_owned()])
    );
    assert_eq!(
        fs::read_to_string(out.join("graph.json")).unwrap(),
        json::to_json(&graph, &run_info()).unwrap()
    );
    let fresh = dir.path().join("created");
    let paths = export::write_all(&graph, &run_info(), &style, &fresh).unwrap();
    assert_eq!(paths[0], fresh.join("graph.json"));
    assert!(paths.iter().all(|path| path.is_file()));
}

#[test]
fn neo4j_files_have_import_headers_and_typed_columns() {
    let files: std::collections::BTreeMap<String, Vec<u8>> = export::neo4j::neo4j_files(&graph())
        .unwrap()
        .into_iter()
        .collect();
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "neo4j/nodes.company.csv",
            "neo4j/nodes.organization.csv",
            "neo4j/nodes.person.csv",
            "neo4j/nodes.stock_code.csv",
            "neo4j/relationships.has_stock_code.csv",
            "neo4j/relationships.holds_position.csv",
            "neo4j/relationships.partner_of.csv",
        ]
    );
    let read = |name: &str| {
        let mut reader = csv::Reader::from_reader(files[name].as_slice());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|row| row.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    };
    let (header, rows) = read("neo4j/nodes.company.csv");
    assert_eq!(
        header,
        [
            "id:ID",
            "name",
            "aliases:string[]",
            "documents:string[]",
            "mentions:int",
            "literal:boolean",
            ":LABEL"
        ]
    );
    let nasty = rows
        .iter()
        .find(|row| row[0] == format!("company:{}", NASTY.replace('\n', " ")))
        .unwrap();
    assert_eq!(nasty[1], NASTY.replace('\n', " "));
    assert_eq!(nasty[2], "旧名,含逗号");
    assert_eq!(nasty[6], "company");
    let (header, rows) = read("neo4j/relationships.holds_position.csv");
    assert_eq!(
        header,
        [
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "id",
            "title",
            "term:string[]",
            "symmetric:boolean",
            "weight:int",
            "evidence_count:int",
            "first_evidence",
            "first_document"
        ]
    );
    let chair = rows.iter().find(|row| row[4] == "董事长").unwrap();
    assert_eq!(
        chair[..3],
        ["person:谢永林", "company:平安银行", "holds_position"]
    );
    assert_eq!(
        chair[5..10],
        [
            "第二届",
            "false",
            "2",
            "2",
            "news-1.txt 第0句：\"引文\" 换行"
        ]
    );
}

#[test]
fn facts_are_one_json_line_per_edge() {
    let graph = graph();
    let text = export::facts::to_jsonl(&graph).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), graph.edges().len());
    let chair = lines
        .iter()
        .find(|fact| fact["attributes"]["title"] == "董事长")
        .unwrap();
    assert_eq!(chair["source"]["name"], "谢永林");
    assert_eq!(chair["values"]["term"][0], "第二届");
    assert_eq!(chair["evidence"].as_array().unwrap().len(), 2);
}

#[test]
fn turtle_has_a_direct_triple_and_an_edge_resource_per_edge() {
    let text = export::turtle::to_turtle(&graph());
    assert!(text.contains(
        "\n<https://kgx.invalid/entity/person:谢永林> <https://kgx.invalid/relation/holds_position> \
         <https://kgx.invalid/entity/company:平安银行> .\n"
    ));
    assert_eq!(text.matches(" a kgx:Edge ;").count(), 4);
    assert!(text.contains("<https://kgx.invalid/attribute/term> \"第二届\""));
    assert!(text.contains("rdfs:label \"控制\\u0001字符\\t制表\""));
}
