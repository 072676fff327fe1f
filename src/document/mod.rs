//! Loading a document: bytes → decoded source → format-specific visible text → [`NormalizedText`].
//!
//! ```text
//! bytes ─decode─▶ source ─front matter─▶ Metadata + body ─detect─▶ Format
//!       ─extract (HTML / links / as is)─▶ chars with source spans ─normalize─▶ NormalizedText
//! ```
//!
//! Every char of the normalised text keeps the code-point span of [`Document::source`] it came
//! from, so a match can be reported as written ([`NormalizedText::surface`]) and quoted from the
//! source ([`NormalizedText::source_range`]). Matching happens on [`NormalizedText::as_str`], which
//! is simplified and width-folded: rule authors write simplified Chinese and ASCII `( , : ;`.

mod decode;
mod detect;
mod front_matter;
mod html;
mod links;
mod normalize;
mod normalized;
mod script;
mod spanned;

#[cfg(test)]
mod corpus_tests;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use serde::Serialize;

pub use normalize::Normalization;
pub use normalized::NormalizedText;
use spanned::Spanned;

/// Metadata read from YAML/Jekyll front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// `title`.
    pub title: Option<String>,
    /// `date`, as written.
    pub date: Option<String>,
    /// `categories` (or `category`): a YAML list, or a scalar split on white space as Jekyll does.
    pub categories: Vec<String>,
    /// `source`, else `author`.
    pub source: Option<String>,
    /// Every other key (`tags`, `author`, `layout`, …); lists joined with `", "`.
    pub extra: BTreeMap<String, String>,
}

/// How the body of a document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Format {
    /// Plain text, line breaks meaningful.
    Plain,
    /// HTML (possibly after front matter, possibly with a Markdown tail).
    Html,
    /// Markdown after front matter, without HTML tags.
    Markdown,
    /// Text extracted from PDF: hard-wrapped lines, page numbers.
    PdfText,
}

/// A loaded document: the decoded source and its normalised visible text.
#[derive(Debug, Clone)]
pub struct Document {
    /// File name (for [`load_file`]), path relative to the corpus root (for a corpus), or the caller's id.
    pub id: String,
    /// Encoding the bytes were decoded from: `"UTF-8"`, `"UTF-8 (BOM)"`, `"UTF-16LE"`, `"UTF-16BE"`,
    /// `"GB18030"`, `"Big5"`, or another encoding_rs name.
    pub encoding: &'static str,
    /// Detected format.
    pub format: Format,
    /// Front matter metadata (default if none).
    pub meta: Metadata,
    /// The whole decoded file, untouched (without byte-order mark).
    pub source: String,
    /// Visible text, normalised for matching, with its offset map into `source`.
    pub text: NormalizedText,
}

/// Why a document could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct LoadError {
    /// The path or id of the document.
    pub path: String,
    /// What went wrong.
    pub reason: String,
}

/// The largest file read as one document: the per-document budget. Work and memory per document are
/// linear in its size (at the peak of extraction about 120 bytes of memory per byte of input, beside the
/// rule pack's half GB), so this keeps one document within about 2 GB whatever it holds; a larger file
/// is reported and skipped, and the rest of the corpus is read. A size, not a time, so that which
/// documents are read never depends on the machine.
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;

/// Reads and loads the file at `path`; the document id is the file name.
pub fn load_file(path: &Path, normalization: &Normalization) -> Result<Document, LoadError> {
    let id = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    load_file_as(path, &id, normalization).map_err(|e| LoadError {
        path: path.display().to_string(),
        reason: e.reason,
    })
}

/// Reads and loads the file at `path` as the document `id` (a corpus's path relative to its root);
/// an error names the document by `id`.
pub fn load_file_as(
    path: &Path,
    id: &str,
    normalization: &Normalization,
) -> Result<Document, LoadError> {
    let error = |reason: String| LoadError {
        path: id.to_owned(),
        reason,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            file.take(MAX_DOCUMENT_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(|e| error(e.to_string()))?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(error(format!(
            "larger than the per-document budget of {} MiB: skipped; split it into smaller documents",
            MAX_DOCUMENT_BYTES >> 20
        )));
    }
    load_bytes(id, &bytes, normalization)
}

/// Loads a document from raw bytes: detects the encoding, front matter and format, extracts the
/// visible text and normalises it.
pub fn load_bytes(
    id: &str,
    bytes: &[u8],
    normalization: &Normalization,
) -> Result<Document, LoadError> {
    let error = |reason: String| LoadError {
        path: id.to_owned(),
        reason,
    };
    let decoded = decode::decode(bytes).map_err(error)?;
    if decoded.text.trim().is_empty() {
        return Err(error("empty document".to_owned()));
    }
    let chars: Vec<char> = decoded.text.chars().collect();
    let front = front_matter::parse(&chars);
    let body_start = front.as_ref().map_or(0, |f| f.body_start);
    let body = &chars[body_start..];
    let format = detect::detect(&body.iter().collect::<String>(), front.is_some());
    let (meta, mut extracted) = match front {
        Some(f) => (f.meta, f.title_line),
        None => (Metadata::default(), Spanned::default()),
    };
    extracted.extend(match format {
        Format::Html => links::strip(html::extract(body, body_start)),
        Format::Markdown => links::strip(Spanned::verbatim(body, body_start)),
        Format::Plain | Format::PdfText => Spanned::verbatim(body, body_start),
    });
    Ok(Document {
        id: id.to_owned(),
        encoding: decoded.encoding,
        format,
        meta,
        source: decoded.text,
        text: normalize::normalize(extracted, format, normalization),
    })
}

/// A document from text given as is (for `kgx annotate`): no encoding or format detection, no front
/// matter, no HTML; still normalised (as [`Format::Plain`]). `source == text`.
pub fn from_text(id: &str, text: &str, normalization: &Normalization) -> Document {
    let chars: Vec<char> = text.chars().collect();
    Document {
        id: id.to_owned(),
        encoding: "UTF-8",
        format: Format::Plain,
        meta: Metadata::default(),
        source: text.to_owned(),
        text: normalize::normalize(Spanned::verbatim(&chars, 0), Format::Plain, normalization),
    }
}

/// The normalisation the default rule pack (`rules/pack.toml`) asks for, for tests that load documents
/// without a pack (a test in `rules` checks the two agree).
#[cfg(test)]
pub(crate) fn chinese() -> Normalization {
    Normalization {
        inline_pinyin: true,
        traditional_to_simplified: true,
        title_marks: Some(('《', '》')),
    }
}

/// The text of a sample document in `corpus/`, for tests of single loading steps.
#[cfg(test)]
pub(crate) fn corpus_text(name: &str) -> String {
    let path = format!("{}/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_documents_are_errors() {
        for bytes in [&b""[..], b"  \n\t", "\u{3000}\n".as_bytes()] {
            let err = load_bytes("e.txt", bytes, &chinese()).unwrap_err();
            assert_eq!(err.to_string(), "e.txt: empty document");
        }
    }

    #[test]
    fn missing_file_names_the_path() {
        let err = load_file(Path::new("/nonexistent/x.txt"), &chinese()).unwrap_err();
        assert_eq!(err.path, "/nonexistent/x.txt");
        assert!(err.to_string().starts_with("/nonexistent/x.txt: "));
    }

    #[test]
    fn from_text_keeps_markup_but_normalises() {
        let doc = from_text("cli", "<p>中國稀土集團（股票代碼）</p>", &chinese());
        assert_eq!(doc.source, "<p>中國稀土集團（股票代碼）</p>");
        assert_eq!(doc.format, Format::Plain);
        assert_eq!(doc.text.as_str(), "<p>中国稀土集团(股票代码)</p>");
    }

    #[test]
    fn markdown_body_keeps_text_and_link_labels() {
        let doc = load_bytes(
            "m.md",
            "---\ntitle: 标题\n---\n正文见[公告](http://x.cn/a)。\n".as_bytes(),
            &chinese(),
        )
        .unwrap();
        assert_eq!(doc.format, Format::Markdown);
        assert_eq!(doc.text.as_str(), "标题\n正文见公告。\n");
    }
}
