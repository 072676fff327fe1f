//! Runs the examples embedded in every rule (`kgx rules test`): entity rules alone on their texts, alias
//! and relation rules after the pack's entity stage, as they run on real documents.

use std::collections::BTreeMap;

use crate::document::{self, Document};
use crate::extract::{Extraction, Extractor, RuleFilter};
use crate::rules::{Example, Location};

/// The result of one rule's examples.
#[derive(Debug, Clone)]
pub struct RuleOutcome {
    /// Rule id.
    pub rule: String,
    /// Where the rule is defined.
    pub location: Location,
    /// Number of examples run.
    pub examples: usize,
    /// One line per failed expectation, starting with the example's location.
    pub failures: Vec<String>,
}

impl RuleOutcome {
    /// Whether every example held.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs every example of every rule, in pack order.
pub fn run(extractor: &Extractor) -> Vec<RuleOutcome> {
    let pack = extractor.pack();
    let mut outcomes = Vec::new();
    for rule in &pack.entity_rules {
        let found = |text: &str| {
            let doc = document::from_text("example", text, &pack.normalization);
            extractor
                .entity_rule_candidates(doc.text.as_str(), &rule.id)
                .iter()
                .map(|candidate| surface(&doc, &candidate.mention.span))
                .collect::<Vec<_>>()
        };
        outcomes.push(check(
            &rule.id,
            &rule.location,
            &rule.examples,
            found,
            |a, b| a == b,
        ));
    }
    for rule in &pack.alias_rules {
        let found = |text: &str| {
            let doc = document::from_text("example", text, &pack.normalization);
            let extraction = extractor.extract(doc.text.as_str());
            extraction
                .aliases
                .iter()
                .filter(|alias| alias.rule == rule.id)
                .map(|alias| {
                    let full = surface(&doc, &extraction.mentions[alias.full].span);
                    format!("{} = {full}", alias.alias)
                })
                .collect::<Vec<_>>()
        };
        outcomes.push(check(
            &rule.id,
            &rule.location,
            &rule.examples,
            found,
            |a, b| a == b,
        ));
    }
    for rule in &pack.relation_rules {
        let found = |text: &str| {
            let doc = document::from_text("example", text, &pack.normalization);
            let extraction =
                extractor.extract_with(doc.text.as_str(), RuleFilter::OnlyRelation(&rule.id));
            describe_facts(&doc, &extraction)
        };
        outcomes.push(check(
            &rule.id,
            &rule.location,
            &rule.examples,
            found,
            fact_matches,
        ));
    }
    outcomes
}

/// Facts written as `subject -> object {k=v, …}` (`<->` when symmetric), with mentions as written, an
/// implied end as `@type` (the document's main entity of that type) and a counterpart by its name.
pub fn describe_facts(doc: &Document, extraction: &Extraction) -> Vec<String> {
    let end = |index: usize| {
        let mention = &extraction.mentions[index];
        match (
            &mention.canonical,
            mention.implied,
            mention.refers_to_subject,
        ) {
            (Some(name), true, false) => name.clone(),
            (_, true, _) => format!("@{}", mention.kind),
            _ => surface(doc, &mention.span),
        }
    };
    extraction
        .facts
        .iter()
        .map(|fact| {
            let subject = end(fact.subject);
            let object = end(fact.object);
            let arrow = if fact.symmetric { "<->" } else { "->" };
            let attrs: Vec<String> = fact.attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            if attrs.is_empty() {
                format!("{subject} {arrow} {object}")
            } else {
                format!("{subject} {arrow} {object} {{{}}}", attrs.join(", "))
            }
        })
        .collect()
}

fn surface(doc: &Document, span: &std::ops::Range<usize>) -> String {
    let text = &doc.text;
    text.surface(text.byte_to_char(span.start)..text.byte_to_char(span.end))
}

fn check(
    rule: &str,
    location: &Location,
    examples: &[Example],
    found: impl Fn(&str) -> Vec<String>,
    matches: impl Fn(&str, &str) -> bool,
) -> RuleOutcome {
    let mut failures = Vec::new();
    for example in examples {
        let got = found(&example.text);
        let shown = if got.is_empty() {
            "nothing".to_string()
        } else {
            got.join(" | ")
        };
        for expected in &example.expect {
            if !got.iter().any(|item| matches(item, expected)) {
                failures.push(format!(
                    "{}: expected `{expected}` in {:?}, got {shown}",
                    example.location, example.text
                ));
            }
        }
        for rejected in &example.reject {
            if got.iter().any(|item| matches(item, rejected)) {
                failures.push(format!(
                    "{}: must not produce `{rejected}` in {:?}, got {shown}",
                    example.location, example.text
                ));
            }
        }
        if example.must_be_silent && !got.is_empty() {
            failures.push(format!(
                "{}: must match nothing in {:?}, got {shown}",
                example.location, example.text
            ));
        }
    }
    RuleOutcome {
        rule: rule.to_string(),
        location: location.clone(),
        examples: examples.len(),
        failures,
    }
}

/// A described fact matches an expectation when ends agree (either order for `<->`) and the expected
/// attributes are among the fact's.
fn fact_matches(fact: &str, expected: &str) -> bool {
    let (Some(fact), Some(expected)) = (parse_fact(fact), parse_fact(expected)) else {
        return false;
    };
    let ends = (fact.0 == expected.0 && fact.1 == expected.1)
        || (fact.3 && fact.0 == expected.1 && fact.1 == expected.0);
    ends && expected.2.iter().all(|(k, v)| fact.2.get(k) == Some(v))
}

type ParsedFact = (String, String, BTreeMap<String, String>, bool);

fn parse_fact(text: &str) -> Option<ParsedFact> {
    let (ends, attrs) = match text.split_once('{') {
        Some((ends, attrs)) => (ends, attrs.trim_end().strip_suffix('}')?),
        None => (text, ""),
    };
    let (symmetric, (subject, object)) = match ends.split_once("<->") {
        Some(pair) => (true, pair),
        None => (false, ends.split_once("->")?),
    };
    let attrs = attrs
        .split(',')
        .filter(|pair| !pair.trim().is_empty())
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Some((
        subject.trim().to_string(),
        object.trim().to_string(),
        attrs,
        symmetric,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_match_on_ends_and_expected_attributes() {
        assert!(fact_matches(
            "敖宏 -> 中国稀土集团 {title=董事长}",
            "敖宏 -> 中国稀土集团 {title=董事长}"
        ));
        assert!(fact_matches(
            "敖宏 -> 中国稀土集团 {status=current, title=董事长}",
            "敖宏 -> 中国稀土集团 {title=董事长}"
        ));
        assert!(!fact_matches(
            "敖宏 -> 中国稀土集团 {title=党委书记}",
            "敖宏 -> 中国稀土集团 {title=董事长}"
        ));
        assert!(fact_matches("甲 <-> 乙", "乙 <-> 甲"));
        assert!(!fact_matches("甲 -> 乙", "乙 -> 甲"));
    }
}
