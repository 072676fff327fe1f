//! Rule-pack errors as `kgx rules check` reports them (issue #11 item 11): one clear error for a binary
//! or non-UTF-8 file and none following from it, every error of a file (capped, then counted), and a
//! hint for TOML syntax and for a regex over the size limit.

use std::fs;
use std::path::Path;
use std::process::Command;

use tempfile::TempDir;

/// A copy of the default pack in a temporary folder.
fn pack() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        dir.path(),
    );
    dir
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

/// Appends `text` to a file of the pack; returns the 1-based line its first line lands on.
fn append(pack: &Path, file: &str, text: &str) -> usize {
    let path = pack.join(file);
    let mut content = fs::read_to_string(&path).unwrap();
    content.push('\n');
    let line = content.lines().count() + 1;
    content.push_str(text);
    fs::write(path, content).unwrap();
    line
}

/// `kgx rules check PACK`'s standard error, after checking it failed.
fn check(pack: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(["rules".as_ref(), "check".as_ref(), pack.as_os_str()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn a_binary_lexicon_is_one_error_without_follow_ons() {
    let pack = pack();
    let mut bytes = b"# source: x\n".to_vec();
    bytes.extend([0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0]);
    fs::write(pack.path().join("lexicons/titles.txt"), bytes).unwrap();
    let stderr = check(pack.path());
    let file = pack.path().join("lexicons/titles.txt");
    assert!(
        stderr.starts_with(&format!(
            "{}:2:8: binary file, not text: a NUL byte at byte 19\n",
            file.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("\n1 error(s) in the rule pack\n"),
        "{stderr}"
    );
}

#[test]
fn a_gbk_lexicon_is_not_utf8_at_its_first_bad_byte() {
    let pack = pack();
    // "# source: x\n# licence: MIT\n中国\n" with 中国 in GBK.
    let mut bytes = b"# source: x\n# licence: MIT\n".to_vec();
    bytes.extend([0xd6, 0xd0, 0xb9, 0xfa, b'\n']);
    fs::write(pack.path().join("lexicons/titles.txt"), bytes).unwrap();
    let stderr = check(pack.path());
    let file = pack.path().join("lexicons/titles.txt");
    assert!(
        stderr.starts_with(&format!(
            "{}:3:1: not UTF-8 text at byte 27\n  hint: save the file as UTF-8",
            file.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("\n1 error(s) in the rule pack\n"),
        "{stderr}"
    );
}

#[test]
fn a_toml_syntax_error_says_what_toml_expected() {
    let pack = pack();
    let line = append(
        pack.path(),
        "entities/title.toml",
        "[[entity]]\nid = \"t.broken\"\ntype = \"title\"\npattern = '董事长\nexamples = []\n",
    );
    let stderr = check(pack.path());
    let location = format!(
        "{}:{}:",
        pack.path().join("entities/title.toml").display(),
        line + 3
    );
    let at = stderr.find(&location).unwrap_or_else(|| panic!("{stderr}"));
    let reported: Vec<&str> = stderr[at..].lines().take(2).collect();
    assert!(reported[0].contains("literal string"), "{stderr}");
    assert!(
        reported[1].contains("hint: the file is not valid TOML there"),
        "{stderr}"
    );
}

#[test]
fn every_rule_error_of_a_file_is_reported() {
    let pack = pack();
    let first = append(
        pack.path(),
        "entities/title.toml",
        "[[entity]]\nid = \"t.one\"\ntype = \"title\"\npatern = '董事长'\n\n\
         [[entity]]\nid = \"t.two\"\ntype = \"title\"\nlexicon = \"titles\"\nprority = 3\n",
    );
    let stderr = check(pack.path());
    let file = pack.path().join("entities/title.toml");
    assert!(stderr.contains("unknown field `patern`"), "{stderr}");
    assert!(stderr.contains("unknown field `prority`"), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:{}:", file.display(), first + 3))
            && stderr.contains(&format!("{}:{}:", file.display(), first + 9)),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("\n2 error(s) in the rule pack\n"),
        "{stderr}"
    );
}

#[test]
fn many_errors_of_one_file_are_capped_and_counted() {
    let pack = pack();
    append(
        pack.path(),
        "lexicons/titles.txt",
        &"\tno name\n".repeat(25),
    );
    let stderr = check(pack.path());
    assert_eq!(
        stderr.matches("lexicon entry has an empty name").count(),
        10,
        "{stderr}"
    );
    let more = format!(
        "… and 15 more in {}\n",
        pack.path().join("lexicons/titles.txt").display()
    );
    assert!(stderr.contains(&more), "{stderr}");
    assert!(
        stderr.ends_with("\n25 error(s) in the rule pack\n"),
        "{stderr}"
    );
}

#[test]
fn a_regex_over_the_size_limit_gets_a_size_hint() {
    let pack = pack();
    let line = append(
        pack.path(),
        "entities/person.toml",
        "[[entity]]\nid = \"t.big\"\ntype = \"person\"\npattern = '(?:\\w{100}){100}{100}'\n\
         examples = [{ text = \"x\", expect = [] }]\n",
    );
    let stderr = check(pack.path());
    let location = format!(
        "{}:{}:11: invalid regex: Compiled regex exceeds size limit",
        pack.path().join("entities/person.toml").display(),
        line + 3
    );
    assert!(stderr.contains(&location), "{stderr}");
    assert!(
        stderr.contains("hint: the pattern compiles to more than the 64 MiB a rule may use"),
        "{stderr}"
    );
    assert!(!stderr.contains("escape literal"), "{stderr}");
}

#[test]
fn drawing_names_are_graphviz_names_with_a_suggestion() {
    let pack = pack();
    let path = pack.path().join("pack.toml");
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("color = \"#D55E00\"", "color = \"oragne\"", 1)
        .replacen("shape = \"component\"", "shape = \"compnent\"", 1)
        .replacen("style = \"bold\"", "style = \"blod\"", 1);
    fs::write(&path, &text).unwrap();
    let line_of = |needle: &str| text.lines().position(|line| line.contains(needle)).unwrap() + 1;
    let stderr = check(pack.path());
    let file = path.display();
    for (needle, message, suggestion) in [
        (
            "\"oragne\"",
            "`oragne` is not a Graphviz colour",
            "did you mean `orange`?",
        ),
        (
            "\"compnent\"",
            "`compnent` is not a Graphviz node shape",
            "did you mean `component`?",
        ),
        (
            "\"blod\"",
            "`blod` is not a Graphviz edge style",
            "did you mean `bold`?",
        ),
    ] {
        let at = format!("{file}:{}:", line_of(needle));
        let reported = stderr
            .lines()
            .position(|line| line.starts_with(&at) && line.ends_with(message))
            .unwrap_or_else(|| panic!("no {message} at {at} in {stderr}"));
        let hint = stderr.lines().nth(reported + 1).unwrap();
        assert!(hint.starts_with(&format!("  hint: {suggestion}")), "{hint}");
    }
    assert!(
        stderr.ends_with("3 error(s) in the rule pack\n"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_type_gets_the_closest_known_name() {
    let pack = pack();
    let line = append(
        pack.path(),
        "pack.toml",
        "[relation_types.employs]\nsubject = [\"compnay\"]\nobject = [\"person\"]\n",
    );
    let stderr = check(pack.path());
    let file = pack.path().join("pack.toml");
    assert!(
        stderr.contains(&format!(
            "{}:{}:12: relation type `employs` names unknown entity type `compnay`\n  hint: did you mean `company`? known entity types: agreement, company,",
            file.display(),
            line + 1
        )),
        "{stderr}"
    );
}

#[test]
fn a_regex_syntax_error_is_reported_at_its_column() {
    let pack = pack();
    let file = pack.path().join("relations/ownership.toml");
    let text = fs::read_to_string(&file).unwrap();
    let line = text
        .lines()
        .position(|line| line.starts_with("pattern = '{parent:company}(?:所属|下属|旗下)"))
        .unwrap()
        + 1;
    fs::write(
        &file,
        text.replacen("(?:所属|下属|旗下)", "(?:所属|下属|旗下", 1),
    )
    .unwrap();
    let stderr = check(pack.path());
    // `pattern = '` and the 16 characters of `{parent:company}` come before the unclosed `(`.
    assert!(
        stderr.starts_with(&format!(
            "{}:{line}:28: invalid regex: unclosed group\n",
            file.display()
        )),
        "{stderr}"
    );
}

#[test]
fn an_expectation_must_name_text_of_its_example() {
    let pack = pack();
    let file = pack.path().join("relations/ownership.toml");
    let text = fs::read_to_string(&file).unwrap();
    let example = "{ text = \"北方铜业有限责任公司所属的华夏星辰科技股份有限公司\", expect = [\"华夏星辰科技股份有限公司 -> 北方铜业有限责任公司\"] }";
    let line = text.lines().position(|l| l.contains(example)).unwrap() + 1;
    fs::write(
        &file,
        text.replacen(
            "expect = [\"华夏星辰科技股份有限公司 -> 北方铜业有限责任公司\"]",
            "expect = [\"华夏星辰科技股份有限公司 -> 北方铜业有限公司\"]",
            1,
        ),
    )
    .unwrap();
    let stderr = check(pack.path());
    assert!(
        stderr.starts_with(&format!(
            "{}:{line}:3: expect `华夏星辰科技股份有限公司 -> 北方铜业有限公司`: `北方铜业有限公司` is not in the example's text\n",
            file.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("1 error(s) in the rule pack\n"),
        "{stderr}"
    );
}
