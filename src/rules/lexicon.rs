//! Lexicons: plain text word lists, one entry a line (`name<TAB>alias<TAB>…`), each file headed by its
//! source and licence.

use std::path::Path;

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

    /// Reads a lexicon file; a missing source or licence header is an error at line 1.
    pub fn read(path: &Path) -> Result<Lexicon, Diagnostic> {
        let file = SourceFile::read(path)?;
        let name = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut source = None;
        let mut licence = None;
        let mut entries = Vec::new();
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
                return Err(file.diagnostic(
                    at,
                    "lexicon entry has an empty name",
                    Some("write the name first, then TAB-separated aliases".into()),
                ));
            }
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
        Ok(Lexicon {
            source: source.ok_or_else(|| missing("source"))?,
            licence: licence.ok_or_else(|| missing("licence"))?,
            name,
            entries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("places.txt");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn reads_entries_aliases_and_headers() {
        let (_dir, path) = write("# source: test\n# licence: MIT\n江西省\t江西\t赣\n\n北京市\n");
        let lexicon = Lexicon::read(&path).unwrap();
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
        let (_dir, path) = write("# source: test\n江西省\n");
        let error = Lexicon::read(&path).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("places.txt:1:1: lexicon `places` has no `# licence:` header")
        );
    }
}
