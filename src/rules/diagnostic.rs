//! Errors in rule files, located as `file:line:col` with a hint for the fix.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in the rule pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file at fault.
    pub file: PathBuf,
    /// 1-based line.
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
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// All problems found while loading a rule pack; loading fails if there is at least one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        write!(f, "{} error(s) in the rule pack", self.0.len())
    }
}

impl std::error::Error for Diagnostics {}

/// A rule file's text, kept to turn byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given by the user.
    pub path: PathBuf,
    /// File content.
    pub text: String,
}

impl SourceFile {
    /// Reads a file; an unreadable file becomes a diagnostic at 1:1.
    pub fn read(path: &Path) -> Result<Self, Diagnostic> {
        std::fs::read_to_string(path)
            .map(|text| SourceFile {
                path: path.to_path_buf(),
                text,
            })
            .map_err(|error| Diagnostic {
                file: path.to_path_buf(),
                line: 1,
                column: 1,
                message: format!("cannot read file: {error}"),
                hint: None,
            })
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
    fn offsets_become_line_and_character_column() {
        let file = SourceFile {
            path: "r.toml".into(),
            text: "a = 1\nb = \"中文x\"\n".into(),
        };
        let at = file.text.find('x').unwrap();
        let d = file.diagnostic(at, "bad", Some("fix it".into()));
        assert_eq!(d.to_string(), "r.toml:2:8: bad\n  hint: fix it");
    }
}
