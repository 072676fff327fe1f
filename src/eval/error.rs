//! The one error type of the evaluation module; every message names the input at fault.

use std::path::{Path, PathBuf};

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A gold or prediction file holds malformed JSON or an unexpected shape.
    #[error("{path}:{line}: {message}")]
    Parse {
        /// The file at fault.
        path: PathBuf,
        /// One-based line number (the line serde reports for whole-file JSON).
        line: usize,
        /// serde's description of the problem.
        message: String,
    },
    /// The file is neither span JSONL nor a seeds graph gold file.
    #[error(
        "{path}: not a gold file (expected JSONL lines with \"text\", or a JSON object with \"documents\")"
    )]
    UnknownGold {
        /// The file at fault.
        path: PathBuf,
    },
    /// A `--map` style option is malformed.
    #[error("bad mapping entry {entry:?}: {reason} (expected e.g. \"government=organization\")")]
    BadMapping {
        /// The offending entry.
        entry: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Seeds gold needs the corpus directory the documents are read from.
    #[error(
        "{gold}: seeds gold needs a corpus directory holding its documents (e.g. --corpus corpus/)"
    )]
    MissingCorpus {
        /// The seeds gold file.
        gold: PathBuf,
    },
}

impl EvalError {
    /// An I/O error on `path`.
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A serde error on line `line` of `path`.
    pub(crate) fn parse(path: &Path, line: usize, err: &serde_json::Error) -> Self {
        Self::Parse {
            path: path.to_path_buf(),
            line,
            message: err.to_string(),
        }
    }
}
