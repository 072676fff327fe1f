//! What a rule's examples expect, as written in its rule file: a mention's text (entity rules), an
//! `alias = full name` pair (alias rules), or a fact `subject -> object {key=value, …}` (`<->` for a
//! symmetric relation, `@type` for an end the document implies). `kgx rules check` checks each is well
//! formed and names text of its example; `kgx rules test` compares facts in this form.

use std::collections::BTreeMap;

use super::diagnostic::Diagnostic;
use super::{Example, Location};

/// A fact as an example expects it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedFact {
    /// The subject as written (or `@type`).
    pub subject: String,
    /// The object as written (or `@type`).
    pub object: String,
    /// Attributes the fact must carry.
    pub attrs: BTreeMap<String, String>,
    /// Written `<->`: either order of the ends.
    pub symmetric: bool,
}

/// Reads `subject -> object {k=v, …}` (or `<->`); None when it is not of that form.
pub fn parse_fact(text: &str) -> Option<ExpectedFact> {
    let (ends, attrs) = match text.split_once('{') {
        Some((ends, attrs)) => (ends, attrs.trim_end().strip_suffix('}')?),
        None => (text, ""),
    };
    let (symmetric, (subject, object)) = match ends.split_once("<->") {
        Some(pair) => (true, pair),
        None => (false, ends.split_once("->")?),
    };
    let mut parsed = BTreeMap::new();
    for pair in attrs.split(',').filter(|pair| !pair.trim().is_empty()) {
        let (key, value) = pair.split_once('=')?;
        parsed.insert(key.trim().to_string(), value.trim().to_string());
    }
    let (subject, object) = (subject.trim(), object.trim());
    if subject.is_empty() || object.is_empty() {
        return None;
    }
    Some(ExpectedFact {
        subject: subject.to_string(),
        object: object.to_string(),
        attrs: parsed,
        symmetric,
    })
}

/// The kind of rule whose examples are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// Expectations are mention texts.
    Entity,
    /// Expectations are `alias = full name`.
    Alias,
    /// Expectations are facts.
    Relation,
}

/// Problems with the expectations of `examples` (expect and reject lists), at each example's location:
/// a fact or alias pair that does not parse, or a name that is not in the example's text (a typo there
/// makes an example that can never pass, or a counter-example that can never fail).
pub fn check(kind: RuleKind, examples: &[Example]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for example in examples {
        let in_text = |name: &str| name.starts_with('@') || example.text.contains(name);
        for (list, wanted) in example
            .expect
            .iter()
            .map(|e| ("expect", e))
            .chain(example.reject.iter().map(|r| ("reject", r)))
        {
            let problem = match kind {
                RuleKind::Entity => (!in_text(wanted)).then(|| {
                    (
                        format!("{list} `{wanted}` is not in the example's text"),
                        "a mention is a piece of its text, written as there".to_string(),
                    )
                }),
                RuleKind::Alias => match wanted.split_once(" = ") {
                    None => Some((
                        format!("{list} `{wanted}` is no `alias = full name` pair"),
                        "write the short name, ` = `, then the full name".to_string(),
                    )),
                    Some((alias, full)) => [alias.trim(), full.trim()]
                        .into_iter()
                        .find(|name| !in_text(name))
                        .map(|name| {
                            (
                                format!("{list} `{wanted}`: `{name}` is not in the example's text"),
                                "both names are pieces of the text, written as there".to_string(),
                            )
                        }),
                },
                RuleKind::Relation => match parse_fact(wanted) {
                    None => Some((
                        format!("{list} `{wanted}` is no fact"),
                        "write `subject -> object`, `<->` when symmetric, attributes after it \
                         in `{key=value, …}`"
                            .to_string(),
                    )),
                    Some(fact) => [fact.subject, fact.object]
                        .into_iter()
                        .find(|name| !in_text(name))
                        .map(|name| {
                            (
                                format!("{list} `{wanted}`: `{name}` is not in the example's text"),
                                "ends are pieces of the text as written there, `@type` for an \
                                 implied end, or `@name` for a counterpart"
                                    .to_string(),
                            )
                        }),
                },
            };
            if let Some((message, hint)) = problem {
                problems.push(at(&example.location, message, hint));
            }
        }
    }
    problems
}

fn at(location: &Location, message: String, hint: String) -> Diagnostic {
    Diagnostic {
        file: location.file.clone(),
        line: location.line,
        column: location.column,
        message,
        hint: Some(hint),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(text: &str, expect: &[&str]) -> Example {
        Example {
            text: text.into(),
            expect: expect.iter().map(|e| e.to_string()).collect(),
            reject: Vec::new(),
            must_be_silent: false,
            location: Location {
                file: "r.toml".into(),
                line: 3,
                column: 5,
            },
        }
    }

    #[test]
    fn facts_parse_with_attributes_and_either_arrow() {
        let fact = parse_fact("敖宏 -> 中国稀土集团 {title=董事长, term=第十届}").unwrap();
        assert_eq!(
            (fact.subject.as_str(), fact.object.as_str()),
            ("敖宏", "中国稀土集团")
        );
        assert_eq!(fact.attrs["title"], "董事长");
        assert!(!fact.symmetric);
        assert!(parse_fact("甲 <-> 乙").unwrap().symmetric);
        for bad in [
            "甲 乙",
            "甲 -> ",
            "甲 -> 乙 {title}",
            "甲 -> 乙 {title=董事长",
        ] {
            assert_eq!(parse_fact(bad), None, "{bad}");
        }
    }

    #[test]
    fn expectations_must_name_text_of_their_example() {
        let good = [example(
            "张三任甲公司董事长",
            &["张三 -> 甲公司 {title=董事长}", "@company -> 甲公司"],
        )];
        assert!(check(RuleKind::Relation, &good).is_empty());
        let typo = [example(
            "张三任甲公司董事长",
            &["张三 -> 乙公司", "张三 => 甲公司"],
        )];
        let problems: Vec<String> = check(RuleKind::Relation, &typo)
            .iter()
            .map(|d| d.to_string().lines().next().unwrap().to_owned())
            .collect();
        assert_eq!(
            problems,
            [
                "r.toml:3:5: expect `张三 -> 乙公司`: `乙公司` is not in the example's text",
                "r.toml:3:5: expect `张三 => 甲公司` is no fact",
            ]
        );
        assert_eq!(
            check(RuleKind::Entity, &[example("北方铜业", &["北方铜叶"])]).len(),
            1
        );
        assert_eq!(
            check(
                RuleKind::Alias,
                &[example("北方铜业(简称北铜)", &["北铜=北方铜业"])]
            )
            .len(),
            1
        );
        assert!(
            check(
                RuleKind::Alias,
                &[example("北方铜业(简称北铜)", &["北铜 = 北方铜业"])]
            )
            .is_empty()
        );
    }
}
