//! Rule authoring (issue #10 item 8): `kgx rules test` on chosen rules or one rule file, the mentions a
//! failing example's text gave, and `kgx explain -` on a sentence piped in.

// Each test binary uses part of the shared helpers.
#[allow(dead_code)]
mod common;

use std::fs;
use std::path::Path;

use common::{copy_tree, kgx_with_input as kgx};

/// The rule ids `kgx rules test -v …` reports as passing.
fn passing(args: &[&str]) -> Vec<String> {
    let mut all = vec!["rules", "test", "-v"];
    all.extend(args);
    let output = kgx(&all, "");
    assert_eq!(output.code, Some(0), "{}", output.stderr);
    output
        .stdout
        .lines()
        .filter_map(|line| line.strip_prefix("PASS "))
        .map(|line| line.split(' ').next().unwrap().to_owned())
        .collect()
}

#[test]
fn rules_are_chosen_by_id_glob_or_file() {
    let one = passing(&["--rule", "holds_position.org_title_person"]);
    assert_eq!(one, ["holds_position.org_title_person"]);
    let globbed = passing(&["--rule", "holds_position.*"]);
    assert!(globbed.len() > 5, "{globbed:?}");
    assert!(globbed.iter().all(|id| id.starts_with("holds_position.")));
    let file = passing(&["rules/relations/ownership.toml"]);
    let defined = fs::read_to_string("rules/relations/ownership.toml").unwrap();
    let ids: Vec<&str> = defined
        .lines()
        .filter_map(|line| line.strip_prefix("id = \""))
        .map(|rest| rest.trim_end_matches('"'))
        .collect();
    assert_eq!(file, ids);
    let both = passing(&[
        "rules/relations/ownership.toml",
        "--rule",
        "subsidiary_of.*",
    ]);
    assert!(!both.is_empty() && both.len() < file.len());
    let none = kgx(
        &["rules", "test", "--rule", "holds_positon.org_title_person"],
        "",
    );
    assert_eq!(none.code, Some(1));
    let stderr = none.stderr;
    assert!(
        stderr.contains("did you mean `holds_position.org_title_person`?"),
        "{stderr}"
    );
}

#[test]
fn a_failing_example_shows_the_mentions_of_its_text() {
    let pack = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        pack.path(),
    );
    let file = pack.path().join("relations/ownership.toml");
    let text = fs::read_to_string(&file).unwrap().replacen(
        "expect = [\"华夏星辰科技股份有限公司 -> 北方铜业有限责任公司\"]",
        "expect = [\"北方铜业有限责任公司 -> 华夏星辰科技股份有限公司\"]",
        1,
    );
    fs::write(&file, text).unwrap();
    let output = kgx(&["rules", "test", file.to_str().unwrap()], "");
    assert_eq!(output.code, Some(1));
    let report = output.stdout;
    let lines: Vec<&str> = report.lines().collect();
    let failed = lines
        .iter()
        .position(|line| {
            line.contains("expected `北方铜业有限责任公司 -> 华夏星辰科技股份有限公司`")
        })
        .unwrap_or_else(|| panic!("{report}"));
    assert_eq!(
        lines[failed + 1],
        "    mentions found: 北方铜业有限责任公司/company 华夏星辰科技股份有限公司/company"
    );
    assert!(report.ends_with(" passed, 1 failed\n"), "{report}");
}

#[test]
fn explain_reads_a_sentence_from_stdin() {
    let output = kgx(&["explain", "-"], "中国稀土集团董事长敖宏出席会议。\n");
    assert_eq!(output.code, Some(0), "{}", output.stderr);
    let text = output.stdout;
    assert!(text.starts_with("stdin: 1 sentences"), "{text}");
    assert!(
        text.contains("fact     敖宏 -> 中国稀土集团  holds_position {title=董事长}"),
        "{text}"
    );
    let json = kgx(&["explain", "-", "--json"], "敖宏出席会议。");
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    serde_json::from_str::<serde_json::Value>(&json.stdout).unwrap();
}
