//! Run metadata recorded in `graph.json`: what was read, what failed, and with which rules.

use serde::{Deserialize, Serialize};

/// What one extraction run read and produced, filled by the pipeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunInfo {
    /// Version of kgx that ran the extraction.
    pub kgx_version: String,
    /// Hash identifying the rule pack the run used.
    pub rule_pack_hash: String,
    /// Documents read successfully.
    pub documents_read: Vec<DocumentInfo>,
    /// Documents that could not be read.
    pub documents_failed: Vec<FailedDocument>,
    /// Warnings raised during the run.
    pub warnings: Vec<String>,
}

/// A document that was read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Document id (its path below the corpus folder, with `/`), as used in evidence.
    pub id: String,
    /// Encoding the bytes were decoded from (e.g. `UTF-8`, `GBK`).
    pub encoding: String,
    /// Source format (e.g. `text`, `html`).
    pub format: String,
    /// Title, when the document has one.
    pub title: Option<String>,
}

/// A document that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FailedDocument {
    /// Document id of the file (or corpus entry) that could not be read.
    pub path: String,
    /// Why it failed.
    pub reason: String,
}

impl RunInfo {
    /// Metadata for a run of this kgx version with the rule pack of the given hash, nothing read yet.
    pub fn new(rule_pack_hash: impl Into<String>) -> Self {
        Self {
            kgx_version: env!("CARGO_PKG_VERSION").to_owned(),
            rule_pack_hash: rule_pack_hash.into(),
            ..Self::default()
        }
    }

    /// Sorts every list so that the order documents were processed in does not show in the output.
    pub fn sort(&mut self) {
        self.documents_read.sort();
        self.documents_failed.sort();
        self.warnings.sort();
    }
}
