use std::path::{Path, PathBuf};

use super::*;

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

fn pipeline() -> Pipeline {
    Pipeline::from_rules(&fixture("mini_pack")).unwrap()
}

fn row<'r>(report: &'r StatsReport, rule: &str) -> &'r RuleStats {
    report
        .rules
        .iter()
        .find(|r| r.rule == rule)
        .unwrap_or_else(|| panic!("no row for {rule}"))
}

/// `(documents, sentences, firings)` of a rule.
fn coverage(report: &StatsReport, rule: &str) -> (usize, usize, usize) {
    let r = row(report, rule);
    (r.documents, r.sentences, r.firings)
}

fn counts(rules: &[RuleCount]) -> Vec<(&str, usize)> {
    rules.iter().map(|c| (c.rule.as_str(), c.count)).collect()
}

#[test]
fn every_rule_is_tallied_with_its_overlaps_and_conflicts() {
    let report = rule_stats(
        &pipeline(),
        &fixture("stats_corpus"),
        StatsOptions::default(),
    )
    .unwrap();
    assert_eq!((report.documents, report.sentences), (3, 5));
    assert!(report.failed.is_empty());
    assert_eq!(report.rules.len(), 12, "every rule of the pack has a row");

    assert_eq!(coverage(&report, "company.suffix"), (2, 3, 3));
    let places = row(&report, "location.places").mentions.clone().unwrap();
    assert_eq!((places.kept, places.lost, places.conflicting), (0, 2, 2));
    assert_eq!(counts(&places.lost_to), [("company.suffix", 2)]);
    let known = row(&report, "company.known").mentions.clone().unwrap();
    assert_eq!(
        (known.kept, known.lost, known.agreed, known.conflicting),
        (0, 1, 1, 0),
        "the lexicon found the same company and lost the tie on rule order"
    );

    let alias = row(&report, "alias.short");
    assert_eq!((alias.kind, alias.firings), (RuleKind::Alias, 1));
    assert_eq!(alias.mentions.as_ref().unwrap().kept, 3, "石桥 three times");

    let titled = row(&report, "holds_position.org_title_person");
    let facts = titled.facts.as_ref().unwrap();
    assert_eq!(
        (titled.firings, facts.overlapping, facts.contradicted),
        (2, 0, 2)
    );
    assert_eq!(
        counts(&facts.contradicted_by),
        [("holds_position.org_person", 2)]
    );
    let pledge = row(&report, "shareholder_of.pledge").facts.clone().unwrap();
    assert_eq!((pledge.overlapping, pledge.contradicted), (1, 0));

    for never in ["person.never", "shareholder_of.never"] {
        assert_eq!(coverage(&report, never), (0, 0, 0));
    }
    let firings: Vec<usize> = report.rules.iter().map(|r| r.firings).collect();
    assert!(firings.is_sorted_by(|a, b| a >= b), "{firings:?}");
}

#[test]
fn samples_show_the_hit_in_its_sentence_and_are_reproducible() {
    let pipeline = pipeline();
    let corpus = fixture("stats_corpus");
    let options = StatsOptions { sample: 1, seed: 7 };
    let report = rule_stats(&pipeline, &corpus, options).unwrap();
    let places = row(&report, "location.places");
    assert_eq!(places.samples.len(), 1);
    let sample = &places.samples[0];
    assert!(sample.note.starts_with("lost to "), "{sample:?}");
    assert!(
        sample.context.contains(&format!("⟦{}⟧", sample.hit)),
        "{sample:?}"
    );
    let again = rule_stats(&pipeline, &corpus, options).unwrap();
    assert_eq!(report, again);
    let all = rule_stats(&pipeline, &corpus, StatsOptions { sample: 9, seed: 7 }).unwrap();
    assert_eq!(row(&all, "location.places").samples.len(), 2);
    let alias = &row(&all, "alias.short").samples[0];
    assert_eq!(
        (alias.document.as_str(), alias.sentence, alias.hit.as_str()),
        ("a.txt", 1, "石桥 = 南川石桥集团")
    );
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let pipeline = pipeline();
    let corpus = fixture("stats_corpus");
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| rule_stats(&pipeline, &corpus, StatsOptions::default()).unwrap())
    };
    assert_eq!(run(1), run(3));
}

#[test]
fn a_jsonl_corpus_reads_like_the_directory() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = fixture("stats_corpus");
    let mut lines = String::new();
    for name in ["a.txt", "b.txt", "c.txt"] {
        let text = std::fs::read_to_string(corpus.join(name)).unwrap();
        lines.push_str(&serde_json::json!({"id": name, "text": text}).to_string());
        lines.push('\n');
    }
    lines.push_str("{\"id\": 4}\n");
    let jsonl = dir.path().join("corpus.jsonl");
    std::fs::write(&jsonl, lines).unwrap();
    let pipeline = pipeline();
    let from_lines = rule_stats(&pipeline, &jsonl, StatsOptions::default()).unwrap();
    let from_dir = rule_stats(&pipeline, &corpus, StatsOptions::default()).unwrap();
    assert_eq!(from_lines.rules, from_dir.rules);
    assert_eq!(from_lines.failed.len(), 1);
    assert!(
        from_lines.failed[0].input.ends_with("corpus.jsonl:4"),
        "{:?}",
        from_lines.failed
    );
}

#[test]
fn a_long_sentence_is_trimmed_around_the_hit() {
    let pipeline = pipeline();
    let filler = "很".repeat(200);
    let text = format!("{filler}北河远山集团{filler}。");
    let document = pipeline.text_document("long", &text);
    let start = document.text.as_str().find("北河远山集团").unwrap();
    let hit = start..start + "北河远山集团".len();
    let context = sample::context(&document, &(0..document.text.as_str().len()), &hit);
    assert!(
        context.starts_with('…') && context.ends_with('…'),
        "{context}"
    );
    assert!(context.contains("⟦北河远山集团⟧"));
    assert_eq!(
        context.chars().count(),
        120 + 4,
        "120 characters, two marks, two ellipses"
    );
}
