//! Runs the examples embedded in every rule (`kgx rules test`): entity rules alone on their texts, alias
//! and relation rules after the pack's entity stage, as they run on real documents.

use crate::document::{self, Document};
use crate::extract::{Extraction, Extractor, RuleFilter};
use crate::rules::expect::parse_fact;
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
    /// One line per failed expectation, starting with the example's location; after a failing example's
    /// lines, an indented line with the mentions the pack found in its text.
    pub failures: Vec<String>,
}

impl RuleOutcome {
    /// Whether every example held.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs the examples of every rule `keep` accepts (given the rule's id and where it is defined), in pack
/// order.
pub fn run(extractor: &Extractor, keep: impl Fn(&str, &Location) -> bool) -> Vec<RuleOutcome> {
    let pack = extractor.pack();
    let mentions = |text: &str| mentions(extractor, text);
    let mut outcomes = Vec::new();
    for rule in pack
        .entity_rules
        .iter()
        .filter(|rule| keep(&rule.id, &rule.location))
    {
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
            (found, mentions),
            |a, b| a == b,
        ));
    }
    for rule in pack
        .alias_rules
        .iter()
        .filter(|rule| keep(&rule.id, &rule.location))
    {
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
            (found, mentions),
            |a, b| a == b,
        ));
    }
    for rule in pack
        .relation_rules
        .iter()
        .filter(|rule| keep(&rule.id, &rule.location))
    {
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
            (found, mentions),
            fact_matches,
        ));
    }
    outcomes
}

/// Facts written as `subject -> object {k=v, …}` (`<->` when symmetric), with mentions as written, an
/// implied end as `@type` (the document's main entity of that type) and a counterpart as `@name` (the
/// body an object constraint sends the fact to: `@青州市人民政府` for a 市长 written after 青州市委).
pub fn describe_facts(doc: &Document, extraction: &Extraction) -> Vec<String> {
    let end = |index: usize| {
        let mention = &extraction.mentions[index];
        match (
            &mention.canonical,
            mention.implied,
            mention.refers_to_subject,
        ) {
            (Some(name), true, false) => format!("@{name}"),
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

/// The mentions the whole pack finds in `text`, as `name/type` joined by spaces (`nothing` when none): what
/// a relation or alias rule had to work with when its example failed.
fn mentions(extractor: &Extractor, text: &str) -> String {
    let doc = document::from_text("example", text, &extractor.pack().normalization);
    let extraction = extractor.extract(doc.text.as_str());
    let found: Vec<String> = extraction
        .mentions
        .iter()
        .filter(|mention| !mention.implied)
        .map(|mention| format!("{}/{}", surface(&doc, &mention.span), mention.kind))
        .collect();
    if found.is_empty() {
        "nothing".into()
    } else {
        found.join(" ")
    }
}

fn surface(doc: &Document, span: &std::ops::Range<usize>) -> String {
    let text = &doc.text;
    text.surface(text.byte_to_char(span.start)..text.byte_to_char(span.end))
}

/// Checks a rule's examples: `found` gives what the rule produced from a text, `mentions` what the
/// pack's entity stage found there (printed under a failing example).
fn check(
    rule: &str,
    location: &Location,
    examples: &[Example],
    (found, mentions): (impl Fn(&str) -> Vec<String>, impl Fn(&str) -> String),
    matches: impl Fn(&str, &str) -> bool,
) -> RuleOutcome {
    let mut failures = Vec::new();
    for example in examples {
        let failed_before = failures.len();
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
        if failures.len() > failed_before {
            failures.push(format!("  mentions found: {}", mentions(&example.text)));
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
    let ends = (fact.subject == expected.subject && fact.object == expected.object)
        || (fact.symmetric && fact.subject == expected.object && fact.object == expected.subject);
    ends && expected
        .attrs
        .iter()
        .all(|(k, v)| fact.attrs.get(k) == Some(v))
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
