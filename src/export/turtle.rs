//! `graph.ttl`: the graph as RDF 1.1 Turtle, for SPARQL stores (Oxigraph, Jena, GraphDB).
//!
//! Everything lives under `https://kgx.invalid/` (the `.invalid` domain is reserved and never resolves,
//! so no one else's IRIs are claimed): entities are `<https://kgx.invalid/entity/{node id}>`, typed with
//! `kgxt:{entity type}` and labelled with `rdfs:label`; each edge is one direct triple
//! `source kgxr:{relation} target` for simple queries, and one resource `<https://kgx.invalid/edge/{edge
//! id}>` (`a kgx:Edge`) naming its relation, source and target and holding its attributes
//! (`kgxa:{name}`), weight and evidence (blank nodes with document, offsets, sentence and rule), so no
//! RDF-star is needed. Characters an IRI cannot hold are percent-encoded.

use std::fmt::Write;

use super::edge_id;
use crate::graph::KnowledgeGraph;

/// The prefixes, written first.
const PREFIXES: &str = "\
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix kgx: <https://kgx.invalid/schema#> .
@prefix kgxt: <https://kgx.invalid/type/> .
@prefix kgxr: <https://kgx.invalid/relation/> .
@prefix kgxa: <https://kgx.invalid/attribute/> .
";

/// Base of entity IRIs.
const ENTITY: &str = "https://kgx.invalid/entity/";

/// Base of edge IRIs.
const EDGE: &str = "https://kgx.invalid/edge/";

/// Renders `graph.ttl`: nodes in id order, then edges in the graph's order.
pub fn to_turtle(graph: &KnowledgeGraph) -> String {
    let mut out = String::from(PREFIXES);
    for node in graph.nodes() {
        let _ = write!(
            out,
            "\n{} a {} ;\n  rdfs:label {} ;\n  kgx:mentions {}",
            iri(ENTITY, &node.id),
            iri("https://kgx.invalid/type/", &node.kind),
            literal(&node.name),
            node.mentions,
        );
        for alias in &node.aliases {
            let _ = write!(out, " ;\n  kgx:alias {}", literal(alias));
        }
        for document in &node.documents {
            let _ = write!(out, " ;\n  kgx:document {}", literal(document));
        }
        if node.literal {
            out.push_str(" ;\n  kgx:literal true");
        }
        out.push_str(" .\n");
    }
    for (source, target, edge) in graph.edges() {
        let (source_iri, target_iri) = (iri(ENTITY, &source.id), iri(ENTITY, &target.id));
        let relation = iri("https://kgx.invalid/relation/", &edge.kind);
        let _ = write!(
            out,
            "\n{source_iri} {relation} {target_iri} .\n{} a kgx:Edge ;\n  kgx:relation {relation} ;\n  \
             kgx:source {source_iri} ;\n  kgx:target {target_iri}",
            iri(EDGE, &edge_id(source, target, edge)),
        );
        for (name, value) in &edge.attrs {
            let _ = write!(
                out,
                " ;\n  {} {}",
                iri("https://kgx.invalid/attribute/", name),
                literal(value)
            );
        }
        for (name, values) in edge.values() {
            for value in values {
                let _ = write!(
                    out,
                    " ;\n  {} {}",
                    iri("https://kgx.invalid/attribute/", name),
                    literal(value)
                );
            }
        }
        let _ = write!(
            out,
            " ;\n  kgx:symmetric {} ;\n  kgx:weight {}",
            edge.symmetric,
            edge.weight()
        );
        for evidence in &edge.evidence {
            let _ = write!(
                out,
                " ;\n  kgx:evidence [ kgx:document {} ; kgx:start {} ; kgx:end {} ; kgx:sentence {} ; \
                 kgx:rule {}",
                literal(&evidence.document),
                evidence.start,
                evidence.end,
                literal(&evidence.sentence),
                literal(&evidence.rule),
            );
            for (name, value) in &evidence.attrs {
                let _ = write!(
                    out,
                    " ; {} {}",
                    iri("https://kgx.invalid/attribute/", name),
                    literal(value)
                );
            }
            out.push_str(" ]");
        }
        out.push_str(" .\n");
    }
    out
}

/// `<base + name>`: [`iri_text`] as a Turtle IRI reference.
fn iri(base: &str, name: &str) -> String {
    format!("<{}>", iri_text(base, name))
}

/// `base + name`, with every character an IRI reference cannot hold as written percent-encoded (UTF-8
/// bytes as `%XX`): ASCII other than unreserved characters and `:`, and code points outside RFC 3987's
/// `ucschar` ranges. `%` itself is encoded, so distinct names give distinct IRIs. JSON-LD uses it too.
pub(super) fn iri_text(base: &str, name: &str) -> String {
    let mut out = base.to_owned();
    for c in name.chars() {
        let keep =
            c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | ':') || ucschar(c);
        if keep {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// Whether `c` is in RFC 3987's `ucschar`: non-ASCII characters an IRI may hold as they are.
fn ucschar(c: char) -> bool {
    let c = u32::from(c);
    matches!(c, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF)
        || (c >= 0x10000 && c & 0xFFFF <= 0xFFFD && c < 0xE0000)
        || (0xE1000..=0xEFFFD).contains(&c)
}

/// A Turtle string literal: `"`, `\` and line breaks escaped, other control characters as `\uXXXX`.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0'..='\u{1f}' | '\u{7f}' | '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_keep_letters_and_encode_the_rest() {
        assert_eq!(
            iri(ENTITY, "company:中国稀土集团"),
            "<https://kgx.invalid/entity/company:中国稀土集团>"
        );
        assert_eq!(
            iri(ENTITY, "x:a b<%>\u{e000}"),
            "<https://kgx.invalid/entity/x:a%20b%3C%25%3E%EE%80%80>"
        );
    }

    #[test]
    fn literals_escape_quotes_and_controls() {
        assert_eq!(literal("引\"号\\\n\u{1}"), "\"引\\\"号\\\\\\n\\u0001\"");
    }
}
