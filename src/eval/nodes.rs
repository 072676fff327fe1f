//! Entity resolution against the seed gold: is each gold entity exactly one node of the merged graph, and
//! does each node stand for at most one gold entity?
//!
//! A node stands for a gold entity of its type when its name is, after normalisation, one of the gold
//! entity's names or aliases; a node whose name matches none stands for every gold entity one of its
//! aliases names (an alias such as 中国稀土 may be shared by a group and its listed arm). A gold entity found on two nodes is *split*
//! (a merge the resolver missed); a node standing for two gold entities is *merged* (a merge it should
//! not have made).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::gold::SeedGold;
use super::names::NameIndex;
use crate::graph::Node;

/// How the merged graph's nodes line up with the gold entities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeScores {
    /// Gold entities.
    pub gold: usize,
    /// Gold entities standing on at least one node.
    pub found: usize,
    /// Gold entities standing on exactly one node.
    pub single: usize,
    /// Gold entities found on several nodes.
    pub split: Vec<SplitEntity>,
    /// Nodes standing for several gold entities.
    pub merged: Vec<MergedNode>,
}

/// A gold entity found on several nodes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SplitEntity {
    /// Gold entity type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Gold name.
    pub name: String,
    /// Ids of the nodes it stands on, sorted.
    pub nodes: Vec<String>,
}

/// A node standing for several gold entities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergedNode {
    /// Node id.
    pub node: String,
    /// Gold names it stands for, sorted.
    pub entities: Vec<String>,
}

/// Scores the nodes of a merged graph (literal values such as stock codes are left out) against the
/// gold entities.
pub fn score_nodes(gold: &SeedGold, nodes: &[&Node]) -> NodeScores {
    let index = NameIndex::new(&gold.entities);
    let mut nodes_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut merged = Vec::new();
    for node in nodes.iter().filter(|node| !node.literal) {
        let of_kind = |form: &String| {
            index
                .exact(form)
                .filter(|entity| index.type_of(entity) == Some(node.kind.as_str()))
        };
        let entities: BTreeSet<&str> = match of_kind(&node.name) {
            Some(entity) => BTreeSet::from([entity]),
            None => node.aliases.iter().filter_map(of_kind).collect(),
        };
        for entity in &entities {
            nodes_of.entry(entity).or_default().insert(&node.id);
        }
        if entities.len() > 1 {
            merged.push(MergedNode {
                node: node.id.clone(),
                entities: entities.iter().map(ToString::to_string).collect(),
            });
        }
    }
    let split = gold
        .entities
        .iter()
        .filter_map(|entity| {
            let nodes = nodes_of.get(entity.name.as_str())?;
            (nodes.len() > 1).then(|| SplitEntity {
                kind: entity.kind.clone(),
                name: entity.name.clone(),
                nodes: nodes.iter().map(ToString::to_string).collect(),
            })
        })
        .collect();
    NodeScores {
        gold: gold.entities.len(),
        found: nodes_of.len(),
        single: nodes_of.values().filter(|nodes| nodes.len() == 1).count(),
        split,
        merged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::SeedEntity;
    use crate::graph::{EntityKey, EntityRecord, Findings, KnowledgeGraph};

    fn entity(kind: &str, name: &str, aliases: &[&str]) -> SeedEntity {
        SeedEntity {
            kind: kind.to_string(),
            name: name.to_string(),
            aliases: aliases.iter().map(ToString::to_string).collect(),
            docs: vec!["doc".to_string()],
        }
    }

    fn graph(nodes: &[(&str, &str, &[&str])]) -> KnowledgeGraph {
        let entities = nodes
            .iter()
            .map(|(kind, key, names)| EntityRecord {
                key: EntityKey {
                    kind: kind.to_string(),
                    key: key.to_string(),
                },
                names: names.iter().map(ToString::to_string).collect(),
                surfaces: BTreeSet::new(),
                mentions: 1,
                literal: false,
            })
            .collect();
        let mut graph = KnowledgeGraph::new();
        graph.add(&Findings {
            document: "doc".to_string(),
            entities,
            facts: Vec::new(),
        });
        graph
    }

    #[test]
    fn split_and_merged_entities_are_named() {
        let gold = SeedGold {
            documents: vec!["doc".to_string()],
            entities: vec![
                entity("company", "华夏稀材集团有限公司", &["华夏稀材集团"]),
                entity("company", "北方铜业", &[]),
                entity("company", "南方铜业", &[]),
                entity("person", "张建国", &[]),
            ],
            relations: Vec::new(),
            notes: Vec::new(),
        };
        let graph = graph(&[
            ("company", "华夏稀材集团", &["华夏稀材集团有限公司"]),
            ("company", "稀材集团", &["华夏稀材集团"]),
            (
                "company",
                "铜业",
                &["北方铜业", "南方铜业", "北方南方铜业联营体"],
            ),
            ("location", "张建国", &["张建国"]),
        ]);
        let scores = score_nodes(&gold, &graph.nodes());
        assert_eq!((scores.gold, scores.found, scores.single), (4, 3, 2));
        assert_eq!(scores.split.len(), 1);
        assert_eq!(
            scores.split[0].nodes,
            ["company:华夏稀材集团", "company:稀材集团"]
        );
        assert_eq!(scores.merged.len(), 1);
        assert_eq!(scores.merged[0].entities, ["北方铜业", "南方铜业"]);
    }
}
