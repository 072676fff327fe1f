//! Explain views over the real corpus with the default rule pack.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::*;
use crate::document::{self, Document};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::from_rules(&root().join("rules")).expect("default pack"))
}

fn corpus_file(name: &str) -> PathBuf {
    root().join("corpus").join(name)
}

fn load(name: &str) -> Document {
    document::load_file(&corpus_file(name), &document::chinese()).expect("corpus document")
}

/// The sentence holding `needle`, explained alone, with `rule` traced.
fn sentence_with(document: &Document, needle: &str, rule: Option<&str>) -> SentenceView {
    let analysis = pipeline().analyze(document);
    let all = explain(pipeline(), &analysis, Request::default()).unwrap();
    let number = all
        .sentences
        .iter()
        .find(|sentence| sentence.text.contains(needle))
        .expect("a sentence with the needle")
        .number;
    let request = Request {
        sentence: Some(number),
        rule,
    };
    let mut one = explain(pipeline(), &analysis, request).unwrap();
    assert_eq!(one.sentences.len(), 1);
    one.sentences.remove(0)
}

#[test]
fn every_sentence_of_every_corpus_file_is_explained() {
    let rules = [
        None,
        Some("holds_position.org_title_person"),
        Some("alias.hereinafter"),
        Some("person.after_title"),
        Some("title.lexicon"),
        Some("person.jieba"),
    ];
    let files = crate::pipeline::corpus_files(&root().join("corpus"))
        .unwrap()
        .files;
    assert_eq!(files.len(), 5);
    for path in files {
        let document = document::load_file(&path, &document::chinese()).unwrap();
        let analysis = pipeline().analyze(&document);
        let count = analysis.extraction.sentences.len();
        assert!(count > 0, "{}", path.display());
        for rule in rules {
            let request = Request {
                sentence: None,
                rule,
            };
            let explanation = explain(pipeline(), &analysis, request).unwrap();
            assert_eq!(explanation.sentence_count, count);
            let numbers: Vec<usize> = explanation.sentences.iter().map(|s| s.number).collect();
            assert_eq!(numbers, (1..=count).collect::<Vec<_>>());
            assert!(
                explanation
                    .sentences
                    .iter()
                    .all(|s| s.trace.is_some() == rule.is_some())
            );
            assert!(!explanation.to_string().is_empty());
            serde_json::to_string(&explanation).unwrap();
        }
    }
}

#[test]
fn a_known_sentence_shows_its_mentions_and_facts() {
    let document = load("000_d5226ad12f70f571.txt");
    let view = sentence_with(&document, "党委书记、董事长敖宏", None);
    let person = view.mentions.iter().find(|m| m.text == "敖宏").unwrap();
    assert_eq!(
        (person.kind.as_str(), person.rule.as_str()),
        ("person", "person.after_title")
    );
    let titles: Vec<&str> = view
        .facts
        .iter()
        .filter(|fact| {
            fact.relation == "holds_position"
                && fact.subject == "敖宏"
                && fact.object == "中国稀土集团"
                && fact.rule == "holds_position.org_title_person"
        })
        .map(|fact| fact.attrs["title"].as_str())
        .collect();
    assert_eq!(titles, ["党委书记", "董事长"]);
    let source: Vec<char> = document.source.chars().collect();
    let quoted: String = source[view.source_start..view.source_end].iter().collect();
    assert!(quoted.contains("党委书记、董事长敖宏"), "{quoted}");
}

#[test]
fn why_not_for_a_relation_rule_shows_the_encoded_sentence() {
    let document = load("000_d5226ad12f70f571.txt");
    let view = sentence_with(
        &document,
        "党委书记、董事长敖宏",
        Some("holds_position.person_serves_as"),
    );
    let Some(RuleTrace::NotFired(why_not)) = &view.trace else {
        panic!("expected why-not, got {:?}", view.trace);
    };
    assert!(
        why_not
            .input
            .contains("[company:中国稀土集团][title:党委书记]、[title:董事长][person:敖宏]同志"),
        "{}",
        why_not.input
    );
    let Diagnosis::Prefix {
        matched,
        matched_text,
        stopped_at,
        ..
    } = &why_not.diagnosis
    else {
        panic!("expected a prefix diagnosis");
    };
    // The pieces before the serving verb are optional (a post before the name, time phrases, 开始/正式 …):
    // all match, and the first piece that finds nothing is the verb.
    assert_eq!(*matched, 6);
    assert_eq!(
        matched_text.as_deref(),
        Some("[title:董事长][person:敖宏]同志")
    );
    let stopped = stopped_at.as_ref().unwrap();
    assert_eq!(stopped.piece, 7);
    assert!(
        stopped.pattern.starts_with("(?:现任|担任|"),
        "{}",
        stopped.pattern
    );
}

#[test]
fn why_not_for_an_entity_rule_names_the_failing_piece() {
    let document = load("000_d5226ad12f70f571.txt");
    let view = sentence_with(&document, "敖宏同志指出", Some("person.after_title"));
    let Some(RuleTrace::NotFired(why_not)) = &view.trace else {
        panic!("expected why-not, got {:?}", view.trace);
    };
    assert!(why_not.input.starts_with("敖宏同志指出"));
    let Diagnosis::Prefix {
        matched,
        stopped_at: Some(stopped),
        ..
    } = &why_not.diagnosis
    else {
        panic!("expected a prefix diagnosis");
    };
    assert_eq!((*matched, stopped.piece), (0, 1));
    assert!(stopped.pattern.contains("董事长") || stopped.pattern.contains("more)"));
}

#[test]
fn fired_and_overruled_rules_are_told_apart() {
    let document = load("000_d5226ad12f70f571.txt");
    let view = sentence_with(
        &document,
        "党委书记、董事长敖宏",
        Some("holds_position.org_title_person"),
    );
    assert_eq!(view.trace, Some(RuleTrace::Fired { count: 2 }));
    let view = sentence_with(&document, "敖宏同志指出", Some("company.reference"));
    let Some(RuleTrace::Overruled { lost }) = &view.trace else {
        panic!("expected overruled, got {:?}", view.trace);
    };
    assert_eq!(lost[0].candidate, "集团");
    assert_eq!(lost[0].winner, "中国稀土集团");
}

#[test]
fn sentence_numbers_out_of_range_say_how_many_there_are() {
    let document = load("000_d5226ad12f70f571.txt");
    let analysis = pipeline().analyze(&document);
    let count = analysis.extraction.sentences.len();
    for requested in [0, count + 1] {
        let request = Request {
            sentence: Some(requested),
            rule: None,
        };
        let error = explain(pipeline(), &analysis, request).unwrap_err();
        assert_eq!(
            error,
            ExplainError::SentenceOutOfRange {
                document: "000_d5226ad12f70f571.txt".into(),
                requested,
                count,
            }
        );
        assert!(
            error
                .to_string()
                .contains(&format!("has {count} sentences"))
        );
    }
    let request = Request {
        sentence: None,
        rule: Some("no.such.rule"),
    };
    let error = explain(pipeline(), &analysis, request).unwrap_err();
    assert_eq!(error, ExplainError::UnknownRule("no.such.rule".into()));
}
