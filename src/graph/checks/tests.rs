//! Each kind of warning on a small constructed graph, checked against the default rule pack.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use super::*;
use crate::graph::{EntityKey, EntityRecord, Evidence, FactRecord, Findings};

fn pack() -> &'static RulePack {
    static PACK: OnceLock<RulePack> = OnceLock::new();
    PACK.get_or_init(|| {
        crate::rules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
            .expect("default pack")
    })
}

fn key(kind: &str, name: &str) -> EntityKey {
    EntityKey {
        kind: kind.into(),
        key: name.into(),
    }
}

fn entity(kind: &str, name: &str) -> EntityRecord {
    EntityRecord {
        key: key(kind, name),
        names: BTreeSet::from([name.to_string()]),
        surfaces: BTreeSet::new(),
        mentions: 1,
        literal: false,
    }
}

/// A fact `subject -relation-> object` read from sentence `sentence` of `d.txt`.
fn fact(relation: &str, subject: (&str, &str), object: (&str, &str), sentence: &str) -> FactRecord {
    FactRecord {
        relation: relation.into(),
        subject: key(subject.0, subject.1),
        object: key(object.0, object.1),
        attrs: BTreeMap::new(),
        symmetric: false,
        evidence: Evidence {
            document: "d.txt".into(),
            start: 0,
            end: sentence.chars().count(),
            sentence: sentence.into(),
            rule: "test.rule".into(),
            attrs: BTreeMap::new(),
        },
    }
}

fn graph(entities: &[(&str, &str)], facts: Vec<FactRecord>) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    graph.add(&Findings {
        document: "d.txt".into(),
        entities: entities
            .iter()
            .map(|(kind, name)| entity(kind, name))
            .collect(),
        facts,
    });
    graph
}

fn kinds(warnings: &[GraphWarning]) -> Vec<WarningKind> {
    warnings.iter().map(|warning| warning.kind).collect()
}

const ZHANG: (&str, &str) = ("person", "张建国");
const NORTH: (&str, &str) = ("company", "北方铜业");
const SOUTH: (&str, &str) = ("company", "南方铜业");
const JIANGXI: (&str, &str) = ("location", "江西省");

#[test]
fn a_well_typed_graph_is_clean() {
    let graph = graph(
        &[ZHANG, NORTH],
        vec![fact("holds_position", ZHANG, NORTH, "北方铜业董事长张建国")],
    );
    assert!(check_graph(&graph, pack()).is_empty());
}

#[test]
fn end_types_must_fit_the_relation_type() {
    let graph = graph(
        &[ZHANG, JIANGXI],
        vec![fact("holds_position", ZHANG, JIANGXI, "江西省省长张建国")],
    );
    let warnings = check_graph(&graph, pack());
    assert_eq!(kinds(&warnings), [WarningKind::TypeSignature]);
    let warning = &warnings[0];
    assert_eq!(
        (
            warning.source.as_str(),
            warning.relation.as_str(),
            warning.target.as_str()
        ),
        ("张建国", "holds_position", "江西省")
    );
    assert_eq!(
        warning.evidence,
        Some(CitedEvidence {
            document: "d.txt".into(),
            sentence: "江西省省长张建国".into(),
        })
    );
    assert_eq!(
        warning.to_string(),
        "type signature: 张建国 -[holds_position]-> 江西省: object type `location` is not one of \
         company, organization (d.txt: 江西省省长张建国)"
    );
}

#[test]
fn undeclared_relation_types_are_signature_problems() {
    let graph = graph(
        &[NORTH, SOUTH],
        vec![fact("acquired", NORTH, SOUTH, "北方铜业收购南方铜业")],
    );
    let warnings = check_graph(&graph, pack());
    assert_eq!(kinds(&warnings), [WarningKind::TypeSignature]);
    assert!(warnings[0].detail.contains("`acquired` is not declared"));
}

#[test]
fn self_loops_are_reported() {
    let graph = graph(
        &[NORTH],
        vec![fact(
            "formed_from",
            NORTH,
            NORTH,
            "北方铜业由北方铜业重组而成",
        )],
    );
    let warnings = check_graph(&graph, pack());
    assert_eq!(kinds(&warnings), [WarningKind::SelfLoop]);
    assert_eq!(warnings[0].source, warnings[0].target);
}

#[test]
fn own_subsidiaries_directly_and_through_one_company() {
    let direct = graph(
        &[NORTH],
        vec![fact(
            "subsidiary_of",
            NORTH,
            NORTH,
            "北方铜业是北方铜业的子公司",
        )],
    );
    assert_eq!(
        kinds(&check_graph(&direct, pack())),
        [WarningKind::OwnSubsidiary]
    );
    let cycle = graph(
        &[NORTH, SOUTH],
        vec![
            fact("subsidiary_of", NORTH, SOUTH, "北方铜业是南方铜业的子公司"),
            fact("subsidiary_of", SOUTH, NORTH, "南方铜业是北方铜业的子公司"),
        ],
    );
    let warnings = check_graph(&cycle, pack());
    assert_eq!(kinds(&warnings), [WarningKind::OwnSubsidiary]);
    assert!(warnings[0].detail.contains("also recorded as a subsidiary"));
}

#[test]
fn symmetric_relations_stored_both_ways() {
    let graph = graph(
        &[NORTH, SOUTH],
        vec![
            fact("cooperates_with", NORTH, SOUTH, "北方铜业与南方铜业合作"),
            fact("cooperates_with", SOUTH, NORTH, "南方铜业与北方铜业合作"),
        ],
    );
    let warnings = check_graph(&graph, pack());
    assert_eq!(kinds(&warnings), [WarningKind::SymmetricTwice]);
}

#[test]
fn edges_without_evidence() {
    let built = graph(
        &[ZHANG, NORTH],
        vec![fact("holds_position", ZHANG, NORTH, "北方铜业董事长张建国")],
    );
    let nodes: Vec<Node> = built.nodes().into_iter().cloned().collect();
    let edges = built
        .edges()
        .into_iter()
        .map(|(source, target, edge)| {
            let mut edge = edge.clone();
            edge.evidence.clear();
            (source.id.clone(), target.id.clone(), edge)
        })
        .collect();
    let bare = KnowledgeGraph::from_parts(nodes, edges).unwrap();
    let warnings = check_graph(&bare, pack());
    assert_eq!(kinds(&warnings), [WarningKind::NoEvidence]);
    assert_eq!(warnings[0].evidence, None);
    assert_eq!(
        warnings[0].to_string(),
        "no evidence: 张建国 -[holds_position]-> 北方铜业: the edge has no supporting sentence"
    );
    let json = serde_json::to_value(&warnings[0]).unwrap();
    assert_eq!(json["kind"], "no_evidence");
}
