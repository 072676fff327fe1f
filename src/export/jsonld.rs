//! `graph.jsonld`: the graph as JSON-LD 1.1 with an inline `@context`, for JSON-LD processors and the
//! SPARQL stores that read it (Oxigraph, Jena).
//!
//! It states the same triples as [`super::turtle`] under the same vocabulary: entities typed `kgxt:{type}`
//! with `rdfs:label`, one direct `source kgxr:{relation} target` triple per edge, and one `kgx:Edge`
//! resource per edge with its attributes (`kgxa:{name}`), weight and evidence (nested objects, which are
//! blank nodes). The context needs nothing from the network, so a processor never fetches anything.

use serde_json::{Map, Value, json};

use super::edge_id;
use super::turtle::iri_text;
use crate::graph::KnowledgeGraph;

/// Base of entity IRIs, as in Turtle.
const ENTITY: &str = "https://kgx.invalid/entity/";

/// Base of edge IRIs, as in Turtle.
const EDGE: &str = "https://kgx.invalid/edge/";

/// The inline context: Turtle's prefixes and a short term for each `kgx:` property. Plain JSON numbers
/// and booleans already give `xsd:integer` and `xsd:boolean`, as Turtle's bare `3` and `true` do.
fn context() -> Value {
    json!({
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "kgx": "https://kgx.invalid/schema#",
        "kgxt": "https://kgx.invalid/type/",
        "kgxr": "https://kgx.invalid/relation/",
        "kgxa": "https://kgx.invalid/attribute/",
        "label": "rdfs:label",
        "mentions": "kgx:mentions",
        "alias": "kgx:alias",
        "document": "kgx:document",
        "literal": "kgx:literal",
        "relation": {"@id": "kgx:relation", "@type": "@id"},
        "source": {"@id": "kgx:source", "@type": "@id"},
        "target": {"@id": "kgx:target", "@type": "@id"},
        "symmetric": "kgx:symmetric",
        "weight": "kgx:weight",
        "evidence": "kgx:evidence",
        "start": "kgx:start",
        "end": "kgx:end",
        "sentence": "kgx:sentence",
        "rule": "kgx:rule",
    })
}

/// Renders `graph.jsonld`: one `@graph` holding the nodes in id order, then per edge (in the graph's
/// order) its direct triple and its `kgx:Edge` resource. Pretty-printed, with a trailing newline.
pub fn to_jsonld(graph: &KnowledgeGraph) -> serde_json::Result<String> {
    let mut items = Vec::new();
    for node in graph.nodes() {
        let mut item = Map::new();
        item.insert("@id".into(), iri_text(ENTITY, &node.id).into());
        item.insert("@type".into(), compact("kgxt:", &node.kind).into());
        item.insert("label".into(), node.name.clone().into());
        item.insert("mentions".into(), node.mentions.into());
        if !node.aliases.is_empty() {
            item.insert("alias".into(), json!(node.aliases));
        }
        if !node.documents.is_empty() {
            item.insert("document".into(), json!(node.documents));
        }
        if node.literal {
            item.insert("literal".into(), true.into());
        }
        items.push(Value::Object(item));
    }
    for (source, target, edge) in graph.edges() {
        let (source_iri, target_iri) = (iri_text(ENTITY, &source.id), iri_text(ENTITY, &target.id));
        let relation = compact("kgxr:", &edge.kind);
        items.push(json!({"@id": source_iri, relation.clone(): {"@id": target_iri}}));
        let mut item = Map::new();
        item.insert(
            "@id".into(),
            iri_text(EDGE, &edge_id(source, target, edge)).into(),
        );
        item.insert("@type".into(), "kgx:Edge".into());
        item.insert("relation".into(), relation.into());
        item.insert("source".into(), source_iri.into());
        item.insert("target".into(), target_iri.into());
        let mut attributes: Map<String, Value> = edge
            .attrs
            .iter()
            .map(|(name, value)| (compact("kgxa:", name), json!([value])))
            .collect();
        for (name, values) in edge.values() {
            let listed = attributes
                .entry(compact("kgxa:", name))
                .or_insert_with(|| json!([]));
            if let Value::Array(listed) = listed {
                listed.extend(values.into_iter().map(Value::from));
            }
        }
        item.extend(attributes);
        item.insert("symmetric".into(), edge.symmetric.into());
        item.insert("weight".into(), edge.weight().into());
        let evidence: Vec<Value> = edge
            .evidence
            .iter()
            .map(|evidence| {
                let mut entry = Map::new();
                entry.insert("document".into(), evidence.document.clone().into());
                entry.insert("start".into(), evidence.start.into());
                entry.insert("end".into(), evidence.end.into());
                entry.insert("sentence".into(), (&*evidence.sentence).into());
                entry.insert("rule".into(), evidence.rule.clone().into());
                for (name, value) in &evidence.attrs {
                    entry.insert(compact("kgxa:", name), value.clone().into());
                }
                Value::Object(entry)
            })
            .collect();
        item.insert("evidence".into(), evidence.into());
        items.push(Value::Object(item));
    }
    let document = json!({"@context": context(), "@graph": items});
    let mut text = serde_json::to_string_pretty(&document)?;
    text.push('\n');
    Ok(text)
}

/// A compact IRI `prefix:name`, the name percent-encoded as in Turtle (so it never starts with `//` and
/// always expands to the Turtle export's IRI).
fn compact(prefix: &str, name: &str) -> String {
    iri_text(prefix, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_iris_encode_what_an_iri_cannot_hold() {
        assert_eq!(compact("kgxa:", "title"), "kgxa:title");
        assert_eq!(compact("kgxr:", "a/b c"), "kgxr:a%2Fb%20c");
    }
}
