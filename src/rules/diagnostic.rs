//! Errors in rule files, located as `file:line:col` with a hint for the fix.

use std::fmt;
use std::path::{Path, PathBuf};

use super::source::PackSource;

/// Diagnostics shown per file; the rest of a file's are counted (`… and N more in FILE`), since one
/// mistake (a lexicon written in the wrong encoding, say) can otherwise bury the others.
pub const SHOWN_PER_FILE: usize = 10;

/// One problem found in the rule pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file at fault (empty when the message names it, as for a rules folder that does not exist).
    pub file: PathBuf,
    /// 1-based line; 0 for a problem with the file as a whole (shown without line and column).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when we can tell.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.as_os_str().is_empty() {
            write!(f, "{}", self.message)?;
        } else if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)?;
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file.display(),
                self.line,
                self.column,
                self.message
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// All problems found while loading a rule pack; loading fails if there is at least one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostic {
    /// A problem with a file or folder as a whole, not at a place inside it.
    pub fn of_file(file: &Path, message: impl Into<String>, hint: Option<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            hint,
        }
    }
}

impl fmt::Display for Diagnostics {
    /// Every diagnostic, in order, at most [`SHOWN_PER_FILE`] per file, then the total.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown: Vec<(&Path, usize)> = Vec::new();
        for diagnostic in &self.0 {
            let count = match shown.iter_mut().find(|(file, _)| *file == diagnostic.file) {
                Some((_, count)) => count,
                None => {
                    shown.push((&diagnostic.file, 0));
                    &mut shown.last_mut().expect("just pushed").1
                }
            };
            *count += 1;
            if *count <= SHOWN_PER_FILE {
                writeln!(f, "{diagnostic}")?;
            }
        }
        for (file, count) in shown {
            if count > SHOWN_PER_FILE {
                writeln!(
                    f,
                    "… and {} more in {}",
                    count - SHOWN_PER_FILE,
                    file.display()
                )?;
            }
        }
        write!(f, "{} error(s) in the rule pack", self.0.len())
    }
}

impl std::error::Error for Diagnostics {}

/// The known name closest to `wanted`, when one is close enough to be what was meant (a misspelling:
/// at least 60% alike by Damerau–Levenshtein distance over characters); ties go to the first given.
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    for name in known {
        let score = strsim::normalized_damerau_levenshtein(wanted, name);
        if score >= 0.6 && best.is_none_or(|(_, top)| score > top) {
            best = Some((name, score));
        }
    }
    best.map(|(name, _)| name)
}

/// A hint naming the known names, the closest to `wanted` first when it looks misspelt:
/// ``did you mean `company`? known entity types: company, person``.
pub fn did_you_mean<'a>(
    wanted: &str,
    what: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> String {
    let names: Vec<&str> = known.into_iter().collect();
    let listed = format!("known {what}: {}", names.join(", "));
    match closest(wanted, names.iter().copied()) {
        Some(name) => format!("did you mean `{name}`? {listed}"),
        None => listed,
    }
}

/// A rule file's text, kept to turn byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given by the user.
    pub path: PathBuf,
    /// File content.
    pub text: String,
}

impl SourceFile {
    /// Reads the file at `relative` in a pack. An unreadable file, a binary one (a NUL byte) and one that
    /// is not UTF-8 each give one diagnostic: the last two at the first offending byte.
    pub fn read(source: &PackSource, relative: &Path) -> Result<Self, Diagnostic> {
        let path = source.display(relative);
        let bytes = source.read(relative).map_err(|error| {
            Diagnostic::of_file(&path, format!("cannot read file: {error}"), None)
        })?;
        Self::from_bytes(path, &bytes)
    }

    /// A file's text from its bytes, which must be UTF-8 text (see [`SourceFile::read`]).
    pub fn from_bytes(path: PathBuf, bytes: &[u8]) -> Result<Self, Diagnostic> {
        let text_before = |end: usize| SourceFile {
            path: path.clone(),
            text: String::from_utf8_lossy(&bytes[..end]).into_owned(),
        };
        if let Some(at) = bytes.iter().position(|&byte| byte == 0) {
            let prefix = text_before(at);
            let end = prefix.text.len();
            return Err(prefix.diagnostic(
                end,
                format!("binary file, not text: a NUL byte at byte {at}"),
                Some(
                    "rule files and lexicons are UTF-8 text; was the wrong file copied here?"
                        .into(),
                ),
            ));
        }
        match String::from_utf8(bytes.to_vec()) {
            Ok(text) => Ok(SourceFile { path, text }),
            Err(error) => {
                let at = error.utf8_error().valid_up_to();
                let prefix = text_before(at);
                let end = prefix.text.len();
                Err(prefix.diagnostic(
                    end,
                    format!("not UTF-8 text at byte {at}"),
                    Some("save the file as UTF-8 (from GBK, say: `iconv -f GBK -t UTF-8`)".into()),
                ))
            }
        }
    }

    /// A diagnostic at byte offset `at` of this file.
    pub fn diagnostic(
        &self,
        at: usize,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Diagnostic {
        let at = at.min(self.text.len());
        let before = &self.text[..self.text.floor_char_boundary(at)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Diagnostic {
            file: self.path.clone(),
            line,
            column,
            message: message.into(),
            hint,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_name_gets_the_closest_known_one() {
        let known = ["company", "organization", "person"];
        assert_eq!(closest("compnay", known), Some("company"));
        assert_eq!(closest("人物", known), None);
        assert_eq!(
            did_you_mean("persn", "entity types", known),
            "did you mean `person`? known entity types: company, organization, person"
        );
        assert_eq!(did_you_mean("xyz", "lexicons", ["a"]), "known lexicons: a");
    }

    #[test]
    fn offsets_become_line_and_character_column() {
        let file = SourceFile {
            path: "r.toml".into(),
            text: "a = 1\nb = \"中文x\"\n".into(),
        };
        let at = file.text.find('x').unwrap();
        let d = file.diagnostic(at, "bad", Some("fix it".into()));
        assert_eq!(d.to_string(), "r.toml:2:8: bad\n  hint: fix it");
    }

    #[test]
    fn a_binary_file_is_one_error_at_its_first_nul() {
        let error = SourceFile::from_bytes("l.txt".into(), b"# a\nb\0\x01\xff").unwrap_err();
        assert_eq!(
            error.to_string().lines().next().unwrap(),
            "l.txt:2:2: binary file, not text: a NUL byte at byte 5"
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_one_error_at_the_first_bad_byte() {
        let gbk = b"# source: x\n\xd6\xd0\xb9\xfa\n";
        let error = SourceFile::from_bytes("l.txt".into(), gbk).unwrap_err();
        assert_eq!(
            error.to_string().lines().next().unwrap(),
            "l.txt:2:1: not UTF-8 text at byte 12"
        );
    }

    #[test]
    fn many_errors_of_one_file_are_capped_and_counted() {
        let one = |file: &str, line| Diagnostic {
            file: file.into(),
            line,
            column: 1,
            message: "bad".into(),
            hint: None,
        };
        let mut all: Vec<Diagnostic> = (1..=SHOWN_PER_FILE + 3)
            .map(|line| one("a.toml", line))
            .collect();
        all.push(one("b.toml", 1));
        let text = Diagnostics(all).to_string();
        assert_eq!(text.matches("a.toml:").count(), SHOWN_PER_FILE);
        assert!(text.contains("b.toml:1:1: bad"), "{text}");
        assert!(text.contains("… and 3 more in a.toml\n"), "{text}");
        assert!(
            text.ends_with(&format!("{} error(s) in the rule pack", SHOWN_PER_FILE + 4)),
            "{text}"
        );
    }
}
