//! Rule authoring (issue #10 item 8): `kgx rules test` on chosen rules or one rule file, the mentions a
//! failing example's text gave, and `kgx explain -` on a sentence piped in.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn kgx(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("KGX_RULES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The rule ids `kgx rules test -v …` reports as passing.
fn passing(args: &[&str]) -> Vec<String> {
    let mut all = vec!["rules", "test", "-v"];
    all.extend(args);
    let output = kgx(&all, "");
    assert!(output.status.success(), "{output:?}");
    stdout(&output)
        .lines()
        .filter_map(|line| line.strip_prefix("PASS "))
        .map(|line| line.split(' ').next().unwrap().to_owned())
        .collect()
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &to.join(entry.file_name()));
        } else {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
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
    assert_eq!(none.status.code(), Some(1));
    let stderr = String::from_utf8(none.stderr).unwrap();
    assert!(
        stderr.contains("did you mean `holds_position.org_title_person`?"),
        "{stderr}"
    );
}

#[test]
fn a_failing_example_shows_the_mentions_of_its_text() {
    let pack = tempfile::tempdir().unwrap();
    copy(
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
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
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
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(text.starts_with("stdin: 1 sentences"), "{text}");
    assert!(
        text.contains("fact     敖宏 -> 中国稀土集团  holds_position {title=董事长}"),
        "{text}"
    );
    let json = kgx(&["explain", "-", "--json"], "敖宏出席会议。");
    assert!(json.status.success());
    serde_json::from_slice::<serde_json::Value>(&json.stdout).unwrap();
}
