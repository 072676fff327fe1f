//! Lexicons: plain text word lists, one entry a line (`name<TAB>alias<TAB>…`), each file headed by its
//! source and licence.

use super::diagnostic::{Diagnostic, SourceFile};

/// One lexicon entry: a canonical name and the other ways it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Canonical name.
    pub name: String,
    /// Other names of the same thing.
    pub aliases: Vec<String>,
}

/// A loaded lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Name used in rules (`{lex:NAME}`, `lexicon = "NAME"`): the file stem.
    pub name: String,
    /// Where the data came from (`# source:` header).
    pub source: String,
    /// Its licence (`# licence:` header).
    pub licence: String,
    /// Entries in file order.
    pub entries: Vec<Entry>,
}

impl Lexicon {
    /// Every surface form (names and aliases) with the canonical name it stands for.
    pub fn forms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().flat_map(|entry| {
            std::iter::once((entry.name.as_str(), entry.name.as_str())).chain(
                entry
                    .aliases
                    .iter()
                    .map(move |alias| (alias.as_str(), entry.name.as_str())),
            )
        })
    }

    /// Parses a lexicon file, named after its file stem. Every problem is reported: an entry without a
    /// name where it is, a missing source or licence header at line 1.
    pub fn parse(file: &SourceFile) -> Result<Lexicon, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let name = file
            .path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut source = None;
        let mut licence = None;
        let mut entries = Vec::new();
        let mut first_lines: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        let mut offset = 0;
        for line in file.text.split_inclusive('\n') {
            let at = offset;
            offset += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            if let Some(comment) = line.strip_prefix('#') {
                let comment = comment.trim();
                if let Some(value) = comment.strip_prefix("source:") {
                    source = Some(value.trim().to_string());
                } else if let Some(value) = comment
                    .strip_prefix("licence:")
                    .or_else(|| comment.strip_prefix("license:"))
                {
                    licence = Some(value.trim().to_string());
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let mut fields = line.split('\t').map(str::trim);
            let name = fields.next().unwrap_or_default().to_string();
            if name.is_empty() {
                problems.push(file.diagnostic(
                    at,
                    "lexicon entry has an empty name",
                    Some("write the name first, then TAB-separated aliases".into()),
                ));
                continue;
            }
            let line_number = file.text[..at].matches('\n').count() + 1;
            if let Some(first) = first_lines.get(&name) {
                problems.push(file.diagnostic(
                    at,
                    format!("`{name}` is listed twice (first at line {first})"),
                    Some("keep one line per name, its aliases on that line after TABs".into()),
                ));
                continue;
            }
            first_lines.insert(name.clone(), line_number);
            let aliases = fields
                .filter(|alias| !alias.is_empty())
                .map(str::to_string)
                .collect();
            entries.push(Entry { name, aliases });
        }
        let missing = |what: &str| {
            file.diagnostic(
                0,
                format!("lexicon `{name}` has no `# {what}:` header"),
                Some(format!(
                    "every lexicon says where its data came from and under which licence: add `# {what}: …`"
                )),
            )
        };
        if source.is_none() {
            problems.push(missing("source"));
        }
        if licence.is_none() {
            problems.push(missing("licence"));
        }
        match (source, licence) {
            (Some(source), Some(licence)) if problems.is_empty() => Ok(Lexicon {
                name,
                source,
                licence,
                entries,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Lexicon, Vec<Diagnostic>> {
        Lexicon::parse(&SourceFile {
            path: "lexicons/places.txt".into(),
            text: text.into(),
        })
    }

    #[test]
    fn a_name_listed_twice_is_reported_where_it_repeats() {
        let problems =
            parse("# source: t\n# licence: MIT\n江西省\t赣\n北京市\n江西省\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string().lines().next().unwrap(),
            "lexicons/places.txt:5:1: `江西省` is listed twice (first at line 3)"
        );
    }

    #[test]
    fn reads_entries_aliases_and_headers() {
        let lexicon =
            parse("# source: test\n# licence: MIT\n江西省\t江西\t赣\n\n北京市\n").unwrap();
        assert_eq!(lexicon.name, "places");
        assert_eq!(lexicon.licence, "MIT");
        let forms: Vec<_> = lexicon.forms().collect();
        assert_eq!(
            forms,
            [
                ("江西省", "江西省"),
                ("江西", "江西省"),
                ("赣", "江西省"),
                ("北京市", "北京市")
            ]
        );
    }

    #[test]
    fn a_lexicon_without_licence_is_rejected() {
        let errors = parse("# source: test\n江西省\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .to_string()
                .contains("places.txt:1:1: lexicon `places` has no `# licence:` header")
        );
    }

    #[test]
    fn every_problem_of_a_lexicon_is_reported() {
        let errors = parse("江西省\n\t江西\n北京市\n\t京\n").unwrap_err();
        let lines: Vec<String> = errors.iter().map(|error| error.to_string()).collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(lines[0].starts_with("lexicons/places.txt:2:1: lexicon entry has an empty name"));
        assert!(lines[1].starts_with("lexicons/places.txt:4:1: lexicon entry has an empty name"));
        assert!(
            lines[2].contains("no `# source:` header")
                && lines[3].contains("no `# licence:` header")
        );
    }
}
