//! End-to-end tests of the `kgx` binary on the project's real corpus and rule pack: exit codes,
//! messages, output files, determinism, and that the committed `output/` is current.

mod common;
mod graphviz;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use common::{
    OUTPUT_FILES, copy_files, copy_tree, extract, files_in, graph_json, kgx, kgx_with_input, root,
};
use graphviz::{render, svg_texts};
use serde_json::Value;
use tempfile::TempDir;

/// The README's main command, which regenerates `output/`.
const MAIN_COMMAND: &str = "cargo run --release -- extract corpus --out output";

/// A corpus document whose title names 敖宏 as 董事长 of 中国稀土集团 (HTML, UTF-8).
const AO_HONG_DOCUMENT: &str = "000_d5226ad12f70f571.txt";

/// A plain-text corpus document.
const PLAIN_DOCUMENT: &str = "003_6edbb738d41674c3.txt";

/// `kgx extract corpus --out DIR` as the README runs it, done once for every test that needs it.
fn fresh_output() -> &'static Path {
    static OUTPUT: OnceLock<TempDir> = OnceLock::new();
    OUTPUT
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            extract(Path::new("corpus"), dir.path(), &[]).expect_code(0);
            dir
        })
        .path()
}

/// The names of the entries directly in `dir`.
fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect()
}

fn output_names() -> BTreeSet<String> {
    let mut names: BTreeSet<String> = OUTPUT_FILES.iter().map(|name| (*name).to_owned()).collect();
    names.insert(kgx::export::MANIFEST.to_owned());
    names
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("not an array")
        .iter()
        .map(|item| item.as_str().expect("not a string"))
        .collect()
}

/// The ids of the documents a run read, from its `graph.json`.
fn documents_read(graph: &Value) -> Vec<&str> {
    graph["run"]["documents_read"]
        .as_array()
        .unwrap()
        .iter()
        .map(|document| document["id"].as_str().unwrap())
        .collect()
}

#[test]
fn extract_writes_every_output_with_evidence() {
    let out = fresh_output();
    assert_eq!(names(out), output_names());
    let graph = graph_json(out);
    let read = documents_read(&graph);
    assert_eq!(read.len(), 5, "documents read: {read:?}");
    assert!(read.contains(&AO_HONG_DOCUMENT));
    assert_eq!(graph["run"]["documents_failed"], Value::Array(vec![]));

    let person = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|node| node["type"] == "person" && node["name"] == "敖宏")
        .expect("no person node for 敖宏");
    assert!(strings(&person["documents"]).contains(&AO_HONG_DOCUMENT));

    let chairman = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|edge| {
            edge["source"] == person["id"]
                && edge["type"] == "holds_position"
                && edge["attributes"]["title"] == "董事长"
        })
        .expect("no holds_position edge from 敖宏 with title 董事长");
    assert_eq!(chairman["target"], "company:中国稀土集团");
    let evidence = chairman["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    for item in evidence {
        let document = item["document"].as_str().unwrap();
        assert!(read.contains(&document), "evidence from {document}");
        let (start, end) = (
            item["start"].as_u64().unwrap() as usize,
            item["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end, "{item}");
        assert!(
            item["sentence"].as_str().unwrap().contains("敖宏"),
            "{item}"
        );
        assert!(
            item["rule"]
                .as_str()
                .unwrap()
                .starts_with("holds_position.")
        );
        // Offsets are code points into the decoded source document (every corpus file is UTF-8).
        let source = fs::read_to_string(root("corpus").join(document)).unwrap();
        let quoted: String = source.chars().skip(start).take(end - start).collect();
        assert!(
            quoted.contains("敖宏"),
            "{document}[{start}..{end}] is {quoted:?}"
        );
        if document == AO_HONG_DOCUMENT {
            assert_eq!(quoted, item["sentence"].as_str().unwrap());
        }
    }
}

/// The node of `graph.json` with this id.
fn node<'g>(graph: &'g Value, id: &str) -> Option<&'g Value> {
    graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|node| node["id"] == id)
}

#[test]
fn short_names_join_their_full_name_across_documents() {
    let graph = graph_json(fresh_output());
    let group = node(&graph, "company:中国有研科技集团").expect("no node for 中国有研科技集团");
    assert_eq!(group["name"], "中国有研科技集团有限公司");
    assert!(strings(&group["aliases"]).contains(&"有研集团"), "{group}");
    assert_eq!(strings(&group["documents"]).len(), 2, "{group}");
    assert!(node(&graph, "company:有研集团").is_none());
    assert!(
        node(&graph, "company:有研新材").is_some(),
        "a listed arm stays apart"
    );

    let liangshan = node(&graph, "company:中稀(凉山)稀土").expect("no node for 中稀(凉山)稀土");
    for alias in ["凉山稀土", "中稀凉山公司"] {
        assert!(
            strings(&liangshan["aliases"]).contains(&alias),
            "{liangshan}"
        );
    }
    assert!(
        node(&graph, "company:赣州稀土集团").is_some(),
        "a group named after a region is not the regional company 中稀(赣州)稀土新材料"
    );
}

/// A temporary corpus: two real documents, a binary file, a GBK file with a malformed byte and an
/// empty file.
fn corpus_with_bad_documents() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_files(
        &root("corpus"),
        dir.path(),
        &[AO_HONG_DOCUMENT, PLAIN_DOCUMENT],
    );
    let mut binary: Vec<u8> = (0u8..=255).cycle().take(2048).collect();
    binary.extend_from_slice(b"\0\0\x89PNG\0");
    fs::write(dir.path().join("binary.dat"), binary).unwrap();
    // A real document in GBK, cut short inside a two-byte sequence.
    let text = fs::read_to_string(root("corpus").join(PLAIN_DOCUMENT)).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let gbk = [&gbk[..], b"\x81"].concat();
    fs::write(dir.path().join("broken-gbk.txt"), gbk).unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    dir
}

#[test]
fn extract_skips_bad_documents_and_exits_3() {
    let corpus = corpus_with_bad_documents();
    let out = tempfile::tempdir().unwrap();
    let run = extract(corpus.path(), out.path(), &[]);
    run.expect_code(3);
    let bad = [
        ("binary.dat", "binary data"),
        ("broken-gbk.txt", "cannot decode"),
        ("empty.txt", "empty document"),
    ];
    for (name, reason) in bad {
        let line = run
            .stderr
            .lines()
            .find(|line| line.contains(name))
            .unwrap_or_else(|| panic!("stderr does not name {name}:\n{}", run.stderr));
        assert!(line.contains("skipped") && line.contains(reason), "{line}");
    }
    let graph = graph_json(out.path());
    let failed = graph["run"]["documents_failed"].as_array().unwrap();
    assert_eq!(failed.len(), bad.len(), "{failed:?}");
    for (document, (name, reason)) in failed.iter().zip(bad) {
        assert!(
            document["path"].as_str().unwrap().ends_with(name),
            "{document}"
        );
        assert!(
            document["reason"].as_str().unwrap().contains(reason),
            "{document}"
        );
    }
    let read = graph["run"]["documents_read"].as_array().unwrap();
    assert_eq!(read.len(), 2);
    let node_ids: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| node["id"].as_str().unwrap())
        .collect();
    for id in ["person:敖宏", "company:中国稀土集团"] {
        assert!(node_ids.contains(&id), "{id} missing: {node_ids:?}");
    }
    let errors: Vec<String> = schema_validator()
        .iter_errors(&graph)
        .map(|error| error.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[cfg(unix)]
#[test]
fn extract_walks_a_corpus_with_a_fifo_and_link_loops_once() {
    let corpus = tempfile::tempdir().unwrap();
    copy_files(&root("corpus"), corpus.path(), &[AO_HONG_DOCUMENT]);
    let sub = corpus.path().join("sub");
    fs::create_dir(&sub).unwrap();
    copy_files(&root("corpus"), &sub, &[PLAIN_DOCUMENT]);
    // A link back to the corpus root (a loop), a link to a missing file, and a FIFO that would block a
    // reader for ever.
    std::os::unix::fs::symlink(corpus.path(), sub.join("loop")).unwrap();
    std::os::unix::fs::symlink(
        corpus.path().join("gone.txt"),
        corpus.path().join("dangling.txt"),
    )
    .unwrap();
    let fifo = corpus.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = tempfile::tempdir().unwrap();
    let run = extract(corpus.path(), out.path(), &[]);
    run.expect_code(3);
    let graph = graph_json(out.path());
    let read = documents_read(&graph);
    assert_eq!(read.len(), 2, "each document once: {read:?}");
    let failed = graph["run"]["documents_failed"].as_array().unwrap();
    let reason = |name: &str| -> String {
        failed
            .iter()
            .find(|document| document["path"].as_str().unwrap().ends_with(name))
            .map(|document| document["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{name} not reported: {failed:?}"))
    };
    assert!(reason("loop").contains("symbolic link loop"), "{failed:?}");
    assert!(reason("dangling.txt").contains("cannot read"), "{failed:?}");
    assert!(
        reason("pipe.txt").contains("not a regular file"),
        "{failed:?}"
    );
    assert_eq!(failed.len(), 3, "{failed:?}");
}

#[test]
fn extract_fails_on_a_missing_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-corpus");
    let out = dir.path().join("out");
    let run = extract(&missing, &out, &[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("cannot read corpus") && run.stderr.contains("no-such-corpus"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "an output directory was created");
}

#[test]
fn extract_reading_nothing_fails_and_keeps_the_previous_output() {
    let corpus = tempfile::tempdir().unwrap();
    fs::write(corpus.path().join("empty.txt"), "\n  \n").unwrap();
    let out = tempfile::tempdir().unwrap();
    fs::write(out.path().join("graph.json"), "previous run").unwrap();
    let run = extract(corpus.path(), out.path(), &[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("empty.txt: empty document"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("no document could be read"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(out.path().join("graph.json")).unwrap(),
        "previous run"
    );
    assert_eq!(names(out.path()), BTreeSet::from(["graph.json".to_owned()]));
}

#[test]
fn extract_leaves_no_temporary_files() {
    let corpus = tempfile::tempdir().unwrap();
    copy_files(&root("corpus"), corpus.path(), &[PLAIN_DOCUMENT]);
    let out = tempfile::tempdir().unwrap();
    fs::write(out.path().join("graph.json"), "stale").unwrap();
    fs::write(out.path().join("notes.txt"), "not ours").unwrap();
    extract(corpus.path(), out.path(), &[]).expect_code(0);
    let mut expected = output_names();
    expected.insert("notes.txt".to_owned());
    assert_eq!(names(out.path()), expected);
    assert_ne!(fs::read(out.path().join("graph.json")).unwrap(), b"stale");
    assert_eq!(fs::read(out.path().join("notes.txt")).unwrap(), b"not ours");

    // An output that cannot be replaced: the error names it and no staged file is left behind.
    fs::remove_file(out.path().join("graph.dot")).unwrap();
    fs::create_dir(out.path().join("graph.dot")).unwrap();
    let run = extract(corpus.path(), out.path(), &[]);
    run.expect_code(1);
    assert!(run.stderr.contains("graph.dot"), "{}", run.stderr);
    let leftovers: Vec<String> = names(out.path())
        .into_iter()
        .filter(|name| name.starts_with(".kgx-") || name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// A copy of `rules/` in a temporary directory.
fn rules_copy() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root("rules"), dir.path());
    dir
}

/// Appends `block` to `file` of the pack and returns the 1-based line number of its first line.
fn append(pack: &Path, file: &str, block: &str) -> usize {
    let path = pack.join(file);
    let mut text = fs::read_to_string(&path).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push('\n');
    let first_line = text.lines().count() + 1;
    text.push_str(block);
    fs::write(&path, text).unwrap();
    first_line
}

/// `kgx rules check` fails with `file:line:col: message` (and the hint, when given) on stderr, and
/// `kgx extract` refuses to run with the pack and writes nothing.
fn assert_rejected(
    pack: &Path,
    file: &str,
    (line, column): (usize, usize),
    message: &str,
    hint: Option<&str>,
) {
    let run = kgx(["rules".as_ref(), "check".as_ref(), pack.as_os_str()]);
    run.expect_code(1);
    let location = format!("{}:{line}:{column}: ", pack.join(file).display());
    let reported = run
        .stderr
        .lines()
        .position(|text| text.starts_with(&location))
        .unwrap_or_else(|| panic!("no diagnostic at {location}\n{}", run.stderr));
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines[reported].contains(message),
        "expected {message:?}: {}",
        lines[reported]
    );
    if let Some(hint) = hint {
        let next = lines.get(reported + 1).copied().unwrap_or_default();
        assert!(
            next.trim_start().starts_with("hint: ") && next.contains(hint),
            "expected a hint with {hint:?} after {}\ngot {next:?}",
            lines[reported]
        );
    }
    assert!(
        run.stderr.contains("error(s) in the rule pack"),
        "{}",
        run.stderr
    );

    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("output");
    let rules = pack.as_os_str().to_str().unwrap();
    let run = extract(&root("corpus"), &target, &["--rules", rules]);
    run.expect_code(1);
    assert!(run.stderr.contains(&location), "{}", run.stderr);
    assert!(
        !target.exists(),
        "kgx extract wrote output with a broken pack"
    );
}

#[test]
fn rules_check_reports_an_invalid_regex() {
    let pack = rules_copy();
    let line = append(
        pack.path(),
        "entities/person.toml",
        "[[entity]]\n\
         id = \"test.bad_regex\"\n\
         type = \"person\"\n\
         pattern = '董事长(?P<m>\\p{Han}{2,3}'\n\
         examples = [{ text = \"董事长张三\", expect = [\"张三\"] }]\n",
    );
    assert_rejected(
        pack.path(),
        "entities/person.toml",
        // At the unclosed `(`, after `pattern = '董事长`.
        (line + 3, 15),
        "invalid regex: unclosed group",
        Some("Rust regex syntax"),
    );
}

#[test]
fn rules_check_reports_an_unknown_lexicon() {
    let pack = rules_copy();
    let line = append(
        pack.path(),
        "entities/title.toml",
        "[[entity]]\n\
         id = \"test.unknown_lexicon\"\n\
         type = \"title\"\n\
         priority = 1\n\
         lexicon = \"job_titles\"\n\
         examples = [{ text = \"董事长出席\", expect = [\"董事长\"] }]\n",
    );
    assert_rejected(
        pack.path(),
        "entities/title.toml",
        (line + 4, 11),
        "unknown lexicon `job_titles`",
        Some("known lexicons: "),
    );
}

#[test]
fn rules_check_reports_an_unknown_short_name_lexicon() {
    let pack = rules_copy();
    let line = append(
        pack.path(),
        "pack.toml",
        "[entity_types.organization.short_names]\n\
         endings = [\"委员会\"]\n\
         drop_words = [\"org_words\"]\n",
    );
    assert_rejected(
        pack.path(),
        "pack.toml",
        (line + 2, 15),
        "unknown lexicon `org_words`",
        Some("known lexicons: "),
    );
}

#[test]
fn rules_check_reports_an_unknown_subject_slot() {
    let pack = rules_copy();
    let line = append(
        pack.path(),
        "relations/holds_position.toml",
        "[[relation]]\n\
         id = \"test.unknown_slot\"\n\
         type = \"holds_position\"\n\
         pattern = '{org:company}{title:title}{person:person}'\n\
         subject = \"boss\"\n\
         object = \"org\"\n\
         attrs = { title = \"title\" }\n\
         examples = [{ text = \"北方铜业有限公司董事长张建国\", expect = [\"张建国 -> 北方铜业有限公司\"] }]\n",
    );
    assert_rejected(
        pack.path(),
        "relations/holds_position.toml",
        (line + 4, 11),
        "subject is slot `boss`, which the pattern does not define",
        Some("slots in the pattern: org, title, person"),
    );
}

#[test]
fn rules_check_reports_a_duplicate_rule_id() {
    let pack = rules_copy();
    let rule = "[[entity]]\n\
                id = \"test.twice\"\n\
                type = \"title\"\n\
                lexicon = \"titles\"\n\
                examples = [{ text = \"董事长出席\", expect = [\"董事长\"] }]\n";
    let first = append(pack.path(), "entities/title.toml", rule);
    let second = append(pack.path(), "entities/title.toml", rule);
    assert_eq!(second, first + 6);
    let file = pack.path().join("entities/title.toml");
    assert_rejected(
        pack.path(),
        "entities/title.toml",
        (second + 1, 6),
        "duplicate rule id `test.twice`",
        Some(&format!(
            "first defined at {}:{}:6",
            file.display(),
            first + 1
        )),
    );
}

#[test]
fn rules_check_reports_a_scoped_rule_without_scoped_names() {
    let pack = rules_copy();
    let manifest = pack.path().join("pack.toml");
    let text = fs::read_to_string(&manifest).unwrap();
    let table = text
        .find("[scoped_names]")
        .expect("the default pack has [scoped_names]");
    let end = table + text[table..].find("\n\n").unwrap();
    fs::write(&manifest, format!("{}{}", &text[..table], &text[end..])).unwrap();
    let rules = fs::read_to_string(pack.path().join("entities/organization.toml")).unwrap();
    let line = 1 + rules
        .lines()
        .position(|line| line == "id = \"organization.local_committee\"")
        .unwrap();
    assert_rejected(
        pack.path(),
        "entities/organization.toml",
        (line, 6),
        "rule `organization.local_committee` is `scoped` but pack.toml has no [scoped_names] table",
        Some("[scoped_names] says which place"),
    );
}

#[test]
fn rules_check_reports_a_rule_without_examples() {
    let pack = rules_copy();
    let line = append(
        pack.path(),
        "entities/title.toml",
        "[[entity]]\n\
         id = \"test.no_examples\"\n\
         type = \"title\"\n\
         lexicon = \"titles\"\n",
    );
    assert_rejected(
        pack.path(),
        "entities/title.toml",
        (line + 1, 6),
        "rule `test.no_examples` has no examples",
        Some("add `examples = "),
    );
}

#[test]
fn rules_check_reports_a_toml_syntax_error() {
    let pack = rules_copy();
    let line = append(
        pack.path(),
        "relations/places.toml",
        "[[relation]]\n\
         id = \"test.unterminated\"\n\
         type = \"part_of\n\
         pattern = '{parent:location}{child:location}'\n",
    );
    assert_rejected(
        pack.path(),
        "relations/places.toml",
        (line + 2, 16),
        "invalid basic string",
        None,
    );
}

#[test]
fn rules_check_reports_a_lexicon_without_licence() {
    let pack = rules_copy();
    let path = pack.path().join("lexicons/titles.txt");
    let text = fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with("# licence:"))
        .collect();
    assert_eq!(kept.len() + 1, text.lines().count(), "one licence line");
    fs::write(&path, kept.join("\n") + "\n").unwrap();
    assert_rejected(
        pack.path(),
        "lexicons/titles.txt",
        (1, 1),
        "lexicon `titles` has no `# licence:` header",
        Some("add `# licence: …`"),
    );
}

#[test]
fn rules_check_accepts_the_default_pack() {
    let run = kgx(["rules", "check", "rules"]);
    run.expect_code(0);
    assert!(run.stdout.contains("no problems"), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

/// The number of rules `kgx rules check` reports (`…: NAME VERSION — N rules, …`).
fn rule_count(stdout: &str) -> usize {
    let (_, tail) = stdout
        .split_once(" — ")
        .unwrap_or_else(|| panic!("no rule count in {stdout}"));
    let count = tail.split_whitespace().next().unwrap_or_default();
    count
        .parse()
        .unwrap_or_else(|_| panic!("no rule count in {stdout}"))
}

/// `(passed, failed)` from the last line of `kgx rules test`, which must read `N passed, M failed`.
fn summary(stdout: &str) -> (usize, usize) {
    let last = stdout.lines().last().unwrap_or_default();
    let words: Vec<&str> = last.split_whitespace().collect();
    match words[..] {
        [passed, "passed,", failed, "failed"] => (
            passed.parse().expect("passed count"),
            failed.parse().expect("failed count"),
        ),
        _ => panic!("last line is not `N passed, M failed`: {last:?}"),
    }
}

#[test]
fn rules_test_passes_every_rule_of_the_default_pack() {
    let check = kgx(["rules", "check", "rules"]);
    let rules = rule_count(&check.stdout);
    let run = kgx(["rules", "test", "rules"]);
    run.expect_code(0);
    assert_eq!(summary(&run.stdout), (rules, 0), "{}", run.stdout);
    assert!(!run.stdout.contains("FAIL"), "{}", run.stdout);
}

#[test]
fn rules_test_reports_a_failing_example() {
    let pack = rules_copy();
    let line = append(
        pack.path(),
        "entities/title.toml",
        "[[entity]]\n\
         id = \"test.wrong_example\"\n\
         type = \"title\"\n\
         pattern = '(?P<m>董事长|总经理)出席测试会'\n\
         examples = [\n  \
           { text = \"董事长出席测试会\", expect = [\"董事长\"] },\n  \
           { text = \"总经理出席测试会\", expect = [\"总经理\", \"测试会\"] },\n\
         ]\n",
    );
    let run = kgx(["rules".as_ref(), "test".as_ref(), pack.path().as_os_str()]);
    run.expect_code(1);
    let file = pack.path().join("entities/title.toml");
    let fail = format!(
        "FAIL test.wrong_example ({}:{}:6)",
        file.display(),
        line + 1
    );
    assert!(run.stdout.contains(&fail), "no {fail:?} in\n{}", run.stdout);
    let example = format!("{}:{}:3: expected `测试会`", file.display(), line + 6);
    assert!(
        run.stdout.contains(&example),
        "no {example:?} in\n{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("FAIL ").count(), 1, "{}", run.stdout);
    let check = kgx(["rules".as_ref(), "check".as_ref(), pack.path().as_os_str()]);
    assert_eq!(summary(&run.stdout), (rule_count(&check.stdout) - 1, 1));
}

/// The JSON lines of an annotate run.
fn annotations(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|error| panic!("{error}: {line}")))
        .collect()
}

#[test]
fn annotate_skips_an_invalid_line_and_exits_3() {
    let input = "{\"id\":1,\"text\":\"中国稀土集团党委书记、董事长敖宏主持会议\"}\n\
                 {\"id\":2,\"text\":\"缺少结尾\"\n\
                 {\"id\":\"third\",\"text\":\"北方铜业有限公司董事长张建国表示\"}\n";
    let run = kgx_with_input(&["annotate"], input);
    run.expect_code(3);
    let lines = annotations(&run.stdout);
    let ids: Vec<&Value> = lines.iter().map(|line| &line["id"]).collect();
    assert_eq!(ids, [&Value::from(1), &Value::from("third")]);
    let complaints: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(complaints.len(), 1, "{}", run.stderr);
    assert!(
        complaints[0].starts_with("kgx annotate: line 2: skipped: "),
        "{}",
        run.stderr
    );
    let people: Vec<&str> = lines
        .iter()
        .flat_map(|line| line["entities"].as_array().unwrap())
        .filter(|entity| entity["type"] == "person")
        .map(|entity| entity["text"].as_str().unwrap())
        .collect();
    assert_eq!(people, ["敖宏", "张建国"]);
}

#[test]
fn annotate_offsets_are_code_points_into_the_text() {
    let texts = [
        "中國稀土集團黨委書記、董事長敖宏主持會議",
        "😀🎉 北方铜业有限公司董事长张建国表示，公司位于江西省赣州市。",
    ];
    let input: String = texts
        .iter()
        .enumerate()
        .map(|(id, text)| format!("{}\n", serde_json::json!({ "id": id, "text": text })))
        .collect();
    let run = kgx_with_input(&["annotate"], &input);
    run.expect_code(0);
    let lines = annotations(&run.stdout);
    assert_eq!(lines.len(), texts.len());
    for (line, text) in lines.iter().zip(texts) {
        let chars: Vec<char> = text.chars().collect();
        let slice = |span: &Value| -> String {
            let start = span["start"].as_u64().unwrap() as usize;
            let end = span["end"].as_u64().unwrap() as usize;
            assert!(start < end && end <= chars.len(), "{span} in {text}");
            chars[start..end].iter().collect()
        };
        let entities = line["entities"].as_array().unwrap();
        assert!(!entities.is_empty(), "nothing found in {text}");
        for entity in entities {
            assert_eq!(slice(entity), entity["text"].as_str().unwrap(), "{text}");
        }
        let relations = line["relations"].as_array().unwrap();
        assert!(
            relations
                .iter()
                .any(|relation| relation["type"] == "holds_position"),
            "{line}"
        );
        for relation in relations {
            for role in ["subject", "object"] {
                let argument = &relation[role];
                assert_eq!(slice(argument), argument["text"].as_str().unwrap());
            }
        }
    }
    let span = |line: &Value, text: &str| -> (u64, u64) {
        let entity = line["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entity| entity["text"] == text)
            .unwrap_or_else(|| panic!("{text} not found in {line}"));
        (
            entity["start"].as_u64().unwrap(),
            entity["end"].as_u64().unwrap(),
        )
    };
    // Mentions are reported as written (traditional), with simplified canonical names.
    assert_eq!(span(&lines[0], "中國稀土集團"), (0, 6));
    assert_eq!(span(&lines[0], "敖宏"), (14, 16));
    let company = lines[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entity| entity["text"] == "中國稀土集團")
        .unwrap();
    assert_eq!(company["canonical"], "中国稀土集团");
    // Two emoji and a space come first: 3 code points, though 9 bytes and 5 UTF-16 units.
    assert_eq!(span(&lines[1], "北方铜业有限公司"), (3, 11));
    assert_eq!(span(&lines[1], "张建国"), (14, 17));
}

#[test]
fn extract_is_deterministic_across_thread_counts() {
    let corpus = root("corpus");
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    extract(&corpus, one.path(), &["--threads", "1"]).expect_code(0);
    extract(&corpus, two.path(), &["--threads", "2"]).expect_code(0);
    let (one, two, default) = (
        files_in(one.path()),
        files_in(two.path()),
        files_in(fresh_output()),
    );
    let top: BTreeSet<String> = one
        .keys()
        .map(|name| name.split('/').next().unwrap().to_owned())
        .collect();
    assert_eq!(top, output_names());
    for name in one.keys() {
        assert!(
            one[name] == two[name],
            "{name} differs between --threads 1 and --threads 2"
        );
        assert!(
            one[name] == default[name],
            "{name} differs between --threads 1 and the default thread count"
        );
    }
}

#[test]
fn committed_output_is_current() {
    let committed = files_in(&root("output"));
    let fresh = files_in(fresh_output());
    let advice = format!("run `{MAIN_COMMAND}` and commit output/");
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "output/ does not hold exactly the files kgx writes: {advice}"
    );
    for (name, bytes) in &fresh {
        assert!(
            &committed[name] == bytes,
            "output/{name} is out of date with the corpus, rules and code: {advice}"
        );
    }
}

#[test]
fn committed_dot_renders_with_graphviz() {
    let source = fs::read_to_string(root("output/graph.dot")).unwrap();
    let png = render(&source, "png");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let texts = svg_texts(&render(&source, "svg"));
    let graph = graph_json(&root("output"));
    for id in ["person:敖宏", "company:中国稀土集团"] {
        let node = graph["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|node| node["id"] == id)
            .unwrap_or_else(|| panic!("no node {id} in output/graph.json"));
        let name = node["name"].as_str().unwrap();
        assert!(
            texts.iter().any(|text| text == name),
            "{id} ({name}) not drawn"
        );
    }
}

fn schema_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("../docs/graph.schema.json")).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

#[test]
fn committed_graph_json_matches_the_schema() {
    let graph = graph_json(&root("output"));
    let errors: Vec<String> = schema_validator()
        .iter_errors(&graph)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn eval_on_the_seed_gold_lines_graph_nodes_up_with_gold_entities() {
    let run = kgx(["eval", "--gold", "tests/fixtures/seeds.gold.json", "--json"]);
    run.expect_code(0);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let nodes = &report["nodes"];
    let single = nodes["single"].as_u64().unwrap();
    assert!(single >= 100, "{nodes}");
    assert!(single <= nodes["found"].as_u64().unwrap());
    let merged = nodes["merged"].as_array().unwrap();
    assert!(
        merged.is_empty(),
        "nodes merging distinct gold entities: {merged:?}"
    );
    let split: Vec<&str> = nodes["split"]
        .as_array()
        .unwrap()
        .iter()
        .map(|split| split["name"].as_str().unwrap())
        .collect();
    for joined in [
        "中国稀土集团有限公司",
        "中国有研科技集团有限公司",
        "中稀（凉山）稀土",
        "中国稀土集团国际贸易有限公司",
        "中稀广西稀土",
    ] {
        assert!(!split.contains(&joined), "{joined} split: {nodes}");
    }
}

#[test]
fn a_relation_rules_context_slot_exclusion_rejects_the_match() {
    let pack = rules_copy();
    append(
        pack.path(),
        "relations/holds_position.toml",
        "[[relation]]\n\
         id = \"test.context_exclusion\"\n\
         type = \"holds_position\"\n\
         pattern = '{place:location},{org:company}{titles:title+}{person:person}'\n\
         subject = \"person\"\n\
         object = \"org\"\n\
         attrs = { title = \"titles\" }\n\
         exclude = { place = '美国' }\n\
         examples = [{ text = \"在北京,北方铜业有限公司董事长张建国表示\", expect = [\"张建国 -> 北方铜业有限公司 {title=董事长}\"] }]\n\
         counter_examples = [{ text = \"在美国,北方铜业有限公司董事长张建国表示\", reject = [\"张建国 -> 北方铜业有限公司 {title=董事长}\"] }]\n",
    );
    let run = kgx(["rules".as_ref(), "test".as_ref(), pack.path().as_os_str()]);
    assert!(
        !run.stdout.contains("FAIL test.context_exclusion"),
        "{}",
        run.stdout
    );
    run.expect_code(0);
}

#[test]
fn a_short_name_defined_as_a_prefix_of_its_full_name_keeps_the_full_name() {
    for definition in ["(以下简称“华夏星辰”)", "(以下简称华夏星辰)"] {
        let text = format!(
            "华夏星辰投资有限公司{definition}持有北方铜业有限责任公司20%股权。华夏星辰表示满意。"
        );
        let input = format!("{}\n", serde_json::json!({"id": 1, "text": text}));
        let run = kgx_with_input(&["annotate"], &input);
        run.expect_code(0);
        let entities: Vec<(String, String)> = annotations(&run.stdout)[0]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let field = |name: &str| e[name].as_str().unwrap().to_string();
                (field("text"), field("canonical"))
            })
            .collect();
        let full = "华夏星辰投资有限公司".to_string();
        assert!(
            entities.contains(&(full.clone(), full.clone())),
            "{entities:?}"
        );
        let aliases = entities.iter().filter(|(text, _)| text == "华夏星辰");
        assert_eq!(aliases.clone().count(), 2, "{entities:?}");
        assert!(
            aliases.into_iter().all(|(_, canonical)| *canonical == full),
            "{entities:?}"
        );
    }
}

#[test]
fn a_mention_that_ends_one_relation_match_can_start_the_next() {
    let input = "{\"id\":1,\"text\":\"该公司总部设在美国加利福尼亚州洛杉矶。\"}\n";
    let run = kgx_with_input(&["annotate"], input);
    run.expect_code(0);
    let facts: Vec<(String, String)> = annotations(&run.stdout)[0]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|fact| fact["type"] == "part_of")
        .map(|fact| {
            let end = |side: &str| fact[side]["text"].as_str().unwrap().to_string();
            (end("subject"), end("object"))
        })
        .collect();
    for (child, parent) in [("加利福尼亚州", "美国"), ("洛杉矶", "加利福尼亚州")] {
        assert!(
            facts.contains(&(child.to_string(), parent.to_string())),
            "{child} part_of {parent} missing: {facts:?}"
        );
    }
}

#[test]
fn a_reader_closing_the_pipe_ends_eval_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .current_dir(root(""))
        .args(["eval", "--gold", "tests/fixtures/seeds.gold.json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}

/// `(label, gold, strict, lenient)` of each row of a DuEE-fin report's `labels` or `relations`.
fn duee_rows(rows: &Value) -> Vec<(String, u64, u64, u64)> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let count = |key: &str| row[key].as_u64().unwrap();
            (
                row["label"].as_str().unwrap().to_owned(),
                count("gold"),
                count("strict"),
                count("lenient"),
            )
        })
        .collect()
}

/// Invented DuEE-fin documents scored with an invented pack: the figures `duee_fin_eval.py` and
/// `duee_fin_mentions.py` give for the same annotations.
#[test]
fn eval_scores_duee_fin_documents_as_the_reference_scorers_do() {
    let gold = "tests/fixtures/duee_fin/dev.jsonl";
    let pack = "tests/fixtures/mini_pack";
    let run = kgx([
        "eval", "--rules", pack, "--gold", gold, "--json", "--errors",
    ]);
    run.expect_code(0);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["gold"], "duee");
    assert_eq!(report["documents"], 3);
    let row = |label: &str, gold, strict, lenient| (label.to_owned(), gold, strict, lenient);
    assert_eq!(
        duee_rows(&report["labels"]),
        [
            row("企业收购:收购方->被收购方", 1, 0, 0),
            row("股东增持:增持方->股票简称", 1, 1, 1),
            row("质押:质押方->质押物所属公司", 1, 0, 1),
            row("高管变动:高管姓名->任职公司", 4, 2, 2),
        ]
    );
    assert_eq!(
        duee_rows(&report["relations"]),
        [
            row("holds_position", 4, 2, 2),
            row("shareholder_of", 3, 1, 2)
        ]
    );
    let proxy = &report["holds_position_proxy"];
    assert_eq!(
        (&proxy["judged"], &proxy["correct"]),
        (&6.into(), &4.into())
    );
    assert_eq!(
        report["predicted"],
        serde_json::json!({"holds_position": 6, "shareholder_of": 3})
    );
    let mentions: Vec<(&str, u64, u64, u64)> = report["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let count = |key: &str| m[key].as_u64().unwrap();
            (
                m["kind"].as_str().unwrap(),
                count("gold"),
                count("exact"),
                count("overlap"),
            )
        })
        .collect();
    assert_eq!(mentions, [("org", 7, 4, 7), ("person", 3, 3, 3)]);
    let misses: Vec<String> = report["misses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| format!("{} {} -> {}", m["document"], m["subject"], m["object"]))
        .collect();
    assert_eq!(
        misses,
        [
            r#""inv-1" "孙海" -> "青州禾木""#,
            r#""inv-2" "周明" -> "北河远山集团""#,
            r#""inv-3" "北河远山集团" -> "南川石桥集团""#,
        ]
    );
    let text = kgx(["eval", "--rules", pack, "--gold", gold]);
    text.expect_code(0);
    assert!(
        text.stdout
            .contains("holds_position precision proxy (person is a gold executive): 66.7 of 6"),
        "{}",
        text.stdout
    );
    assert!(!text.stdout.contains("FN\t"), "misses only with --errors");
}

/// `kgx rules stats` on an invented corpus: every rule listed, most firings first, `--rule` restricting
/// the rows, and a JSONL corpus with a bad line read with exit code 3.
#[test]
fn rules_stats_tallies_each_rule_of_an_unlabelled_corpus() {
    let pack = "tests/fixtures/mini_pack";
    let corpus = "tests/fixtures/stats_corpus";
    let run = kgx(["rules", "stats", "--rules", pack, corpus, "--json"]);
    run.expect_code(0);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["documents"], 3);
    let rules: Vec<(&str, u64)> = report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["rule"].as_str().unwrap(), r["firings"].as_u64().unwrap()))
        .collect();
    assert_eq!(rules.len(), 12);
    assert_eq!(rules[0], ("company.suffix", 3));
    assert!(rules.contains(&("person.never", 0)));

    let text = kgx([
        "rules",
        "stats",
        "--rules",
        pack,
        corpus,
        "--rule",
        "location.",
    ]);
    text.expect_code(0);
    assert!(
        text.stdout
            .contains("mentions kept 0, lost 2 (to company.suffix 2)"),
        "{}",
        text.stdout
    );
    assert!(!text.stdout.contains("company.known "), "{}", text.stdout);

    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("corpus.jsonl");
    fs::write(
        &jsonl,
        "{\"id\": \"x\", \"text\": \"北河远山集团总经理吴小川出席。\"}\nnot json\n",
    )
    .unwrap();
    let partial = kgx(["rules", "stats", "--rules", pack, jsonl.to_str().unwrap()]);
    partial.expect_code(3);
    assert!(
        partial.stderr.contains("corpus.jsonl:2"),
        "{}",
        partial.stderr
    );
    assert!(
        partial.stdout.starts_with("rules stats: 1 documents"),
        "{}",
        partial.stdout
    );
}

/// Runs `kgx ARGS` from `dir` with `KGX_RULES` set to `rules_env` (or unset).
fn kgx_from(dir: &Path, rules_env: Option<&Path>, args: &[&std::ffi::OsStr]) -> common::Run {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kgx"));
    command.args(args).current_dir(dir).env_remove("KGX_RULES");
    if let Some(rules) = rules_env {
        command.env("KGX_RULES", rules);
    }
    let output = command.output().expect("cannot run kgx");
    common::Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

#[test]
fn extract_runs_the_built_in_pack_from_a_folder_without_rules() {
    let elsewhere = tempfile::tempdir().unwrap();
    let corpus = root("corpus");
    let out = |name: &str| elsewhere.path().join(name);
    let (built_in, from_disk) = (out("built_in"), out("from_disk"));
    let run = |target: &Path, extra: &[&std::ffi::OsStr]| {
        let mut args = vec!["extract".as_ref(), corpus.as_os_str(), "--out".as_ref()];
        args.push(target.as_os_str());
        args.extend_from_slice(extra);
        kgx_from(elsewhere.path(), None, &args).expect_code(0);
    };
    run(&built_in, &[]);
    let rules = root("rules");
    run(&from_disk, &["--rules".as_ref(), rules.as_os_str()]);
    assert_eq!(files_in(&built_in), files_in(&from_disk));
    assert_eq!(files_in(&built_in), files_in(fresh_output()));
}

#[test]
fn rules_export_writes_the_built_in_pack_and_refuses_a_full_folder() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("my_rules");
    let export = |force: bool| {
        let mut args = vec!["rules".as_ref(), "export".as_ref(), pack.as_os_str()];
        if force {
            args.push("--force".as_ref());
        }
        kgx_from(dir.path(), None, &args)
    };
    export(false).expect_code(0);
    for file in ["pack.toml", "entities/person.toml", "lexicons/titles.txt"] {
        assert_eq!(
            fs::read(pack.join(file)).unwrap(),
            fs::read(root("rules").join(file)).unwrap(),
            "{file}"
        );
    }
    let check = kgx_from(
        dir.path(),
        None,
        &["rules".as_ref(), "check".as_ref(), pack.as_os_str()],
    );
    check.expect_code(0);
    assert!(check.stdout.contains("no problems"), "{}", check.stdout);
    let by_env = kgx_from(
        dir.path(),
        Some(&pack),
        &["rules".as_ref(), "check".as_ref()],
    );
    by_env.expect_code(0);
    assert!(
        by_env.stdout.starts_with(pack.to_str().unwrap()),
        "{}",
        by_env.stdout
    );

    fs::write(pack.join("pack.toml"), "edited").unwrap();
    let refused = export(false);
    refused.expect_code(1);
    assert!(
        refused.stderr.contains("is not empty; nothing written"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        fs::read_to_string(pack.join("pack.toml")).unwrap(),
        "edited"
    );
    export(true).expect_code(0);
    assert_eq!(
        fs::read(pack.join("pack.toml")).unwrap(),
        fs::read(root("rules/pack.toml")).unwrap()
    );
}

#[test]
fn a_missing_rules_folder_is_named_whether_given_by_flag_or_environment() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = root("corpus");
    let by_flag = kgx_from(
        dir.path(),
        None,
        &[
            "extract".as_ref(),
            corpus.as_os_str(),
            "--rules".as_ref(),
            "no_such_rules".as_ref(),
        ],
    );
    by_flag.expect_code(1);
    assert!(
        by_flag
            .stderr
            .starts_with("rules folder no_such_rules does not exist\n"),
        "{}",
        by_flag.stderr
    );
    assert!(!dir.path().join("output").exists());
    let by_env = kgx_from(
        dir.path(),
        Some(Path::new("gone")),
        &["rules".as_ref(), "test".as_ref()],
    );
    by_env.expect_code(1);
    assert!(
        by_env
            .stderr
            .starts_with("rules folder gone does not exist\n"),
        "{}",
        by_env.stderr
    );
}

#[test]
fn documents_are_named_by_their_path_below_the_corpus_and_outputs_inside_it_are_not_read() {
    let corpus = tempfile::tempdir().unwrap();
    for folder in ["a", "b"] {
        fs::create_dir(corpus.path().join(folder)).unwrap();
    }
    fs::copy(
        root("corpus").join(PLAIN_DOCUMENT),
        corpus.path().join("a/doc.txt"),
    )
    .unwrap();
    fs::copy(
        root("corpus").join(AO_HONG_DOCUMENT),
        corpus.path().join("b/doc.txt"),
    )
    .unwrap();
    fs::write(corpus.path().join("b/empty.txt"), "").unwrap();
    let out = corpus.path().join("out");
    for _ in 0..2 {
        extract(corpus.path(), &out, &[]).expect_code(3);
        let graph = graph_json(&out);
        assert_eq!(documents_read(&graph), ["a/doc.txt", "b/doc.txt"]);
        assert_eq!(graph["run"]["documents_failed"][0]["path"], "b/empty.txt");
        let evidence: BTreeSet<&str> = graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|edge| edge["evidence"].as_array().unwrap())
            .map(|evidence| evidence["document"].as_str().unwrap())
            .collect();
        assert!(evidence.contains("b/doc.txt"), "{evidence:?}");
        assert!(evidence.iter().all(|id| id.contains('/')), "{evidence:?}");
    }
}

#[test]
fn extract_takes_several_inputs_and_refuses_two_documents_with_one_id() {
    let corpus = tempfile::tempdir().unwrap();
    fs::create_dir(corpus.path().join("a")).unwrap();
    fs::copy(
        root("corpus").join(PLAIN_DOCUMENT),
        corpus.path().join("a/doc.txt"),
    )
    .unwrap();
    let single = root("corpus").join(AO_HONG_DOCUMENT);
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("o");
    let run = kgx([
        "extract".as_ref(),
        corpus.path().as_os_str(),
        single.as_os_str(),
        "--out".as_ref(),
        target.as_os_str(),
    ]);
    run.expect_code(0);
    assert_eq!(
        documents_read(&graph_json(&target)),
        [AO_HONG_DOCUMENT, "a/doc.txt"]
    );

    let twice = out.path().join("twice");
    let run = kgx([
        "extract".as_ref(),
        single.as_os_str(),
        root("corpus").as_os_str(),
        "--out".as_ref(),
        twice.as_os_str(),
    ]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains(&format!("are both document {AO_HONG_DOCUMENT}")),
        "{}",
        run.stderr
    );
    assert!(!twice.exists());
}

#[test]
fn extract_fails_before_extracting_when_the_output_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a_file");
    fs::write(&file, "").unwrap();
    let run = extract(&root("corpus"), &file.join("out"), &[]);
    run.expect_code(1);
    assert!(
        run.stderr.starts_with(&format!(
            "kgx: cannot write to {}",
            file.join("out").display()
        )) && run.stderr.contains("nothing extracted"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_killed_runs_leftovers_go_and_a_torn_output_set_is_detected() {
    let corpus = tempfile::tempdir().unwrap();
    copy_files(&root("corpus"), corpus.path(), &[PLAIN_DOCUMENT]);
    let out = tempfile::tempdir().unwrap();
    fs::write(out.path().join(".kgx-a1b2.tmp"), "staged by a killed run").unwrap();
    fs::create_dir(out.path().join(".kgx-staging-c3d4")).unwrap();
    fs::write(out.path().join(".kgx-staging-c3d4/graph.json"), "{").unwrap();
    extract(corpus.path(), out.path(), &[]).expect_code(0);
    assert_eq!(names(out.path()), output_names());
    let graph = out.path().join("graph.json");
    let check = kgx(["check-graph".as_ref(), graph.as_os_str()]);
    check.expect_code(0);

    // A kill between two renames: graph.dot of another run beside this graph.json.
    fs::write(out.path().join("graph.dot"), "digraph older {}\n").unwrap();
    let check = kgx(["check-graph".as_ref(), graph.as_os_str()]);
    check.expect_code(3);
    assert!(
        check
            .stderr
            .contains("graph.dot: not the file kgx-run.sha256 lists"),
        "{}",
        check.stderr
    );
}

#[test]
fn annotate_writes_each_line_before_its_input_ends() {
    use std::io::{BufRead, BufReader, Write};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kgx"))
        .arg("annotate")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all("{\"id\": 1, \"text\": \"北方铜业有限公司董事长张建国主持会议。\"}\n".as_bytes())
        .unwrap();
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        sender.send(line).unwrap();
    });
    // stdin is still open: the first line's result must come out on its own.
    let first = receiver.recv_timeout(std::time::Duration::from_secs(120));
    drop(stdin);
    let status = child.wait().unwrap();
    let first = first.expect("no output line while stdin stayed open");
    let annotation: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(annotation["id"], 1);
    assert!(first.contains("张建国"), "{first}");
    assert!(status.success());
}
