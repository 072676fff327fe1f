//! Format detection on the body (the text after any front matter).

use std::sync::LazyLock;

use regex::Regex;

use super::Format;
use super::script::{display_width, ends_sentence};

/// Tags that only occur in HTML (a bare `<` in prose never looks like this).
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:p|div|br|html|body|span|table|tr|td|center|h[1-6]|li|ul|ol|img|a|strong|b|em|section|article)(?:\s[^>]*)?/?>")
        .expect("valid regex")
});

/// Fewest non-blank lines a text needs before it can count as hard-wrapped.
const MIN_LINES: usize = 10;
/// Width (columns, CJK = 2) from which a line counts as a body line rather than a heading.
const BODY_LINE_WIDTH: usize = 20;
/// Share of body lines not ending a sentence above which the text is hard-wrapped.
const WRAPPED_SHARE: f64 = 0.5;

/// Detects the format: HTML if it has HTML tags, Markdown if it had front matter, PDF text if its
/// lines are hard-wrapped, plain text otherwise.
pub(crate) fn detect(body: &str, has_front_matter: bool) -> Format {
    if HTML_TAG.is_match(body) {
        Format::Html
    } else if has_front_matter {
        Format::Markdown
    } else if is_hard_wrapped(body) {
        Format::PdfText
    } else {
        Format::Plain
    }
}

/// Whether most body lines (at least [`BODY_LINE_WIDTH`] columns wide) stop mid-sentence, as in text
/// extracted from PDF, where every line break is a layout break.
pub(crate) fn is_hard_wrapped(text: &str) -> bool {
    let lines: Vec<Vec<char>> = text
        .lines()
        .map(|l| l.trim().chars().collect::<Vec<char>>())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() < MIN_LINES {
        return false;
    }
    let body: Vec<&Vec<char>> = lines
        .iter()
        .filter(|l| l.iter().copied().map(display_width).sum::<usize>() >= BODY_LINE_WIDTH)
        .collect();
    let open = body.iter().filter(|l| !ends_sentence(l)).count();
    !body.is_empty() && open as f64 > WRAPPED_SHARE * body.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::document::corpus_text as corpus;

    #[test]
    fn html_bodies() {
        assert_eq!(
            detect(&corpus("000_d5226ad12f70f571.txt"), true),
            Format::Html
        );
        assert_eq!(detect("<div>\n<p>正文</p></div>", false), Format::Html);
    }

    #[test]
    fn markdown_needs_front_matter_and_no_tags() {
        assert_eq!(detect("正文 [链接](http://x)", true), Format::Markdown);
        assert_eq!(detect("a < b > c", false), Format::Plain);
    }

    #[test]
    fn pdf_text_is_hard_wrapped() {
        assert!(is_hard_wrapped(&corpus("002_90e595c00e1ed2b8.txt")));
        assert_eq!(
            detect(&corpus("002_90e595c00e1ed2b8.txt"), false),
            Format::PdfText
        );
    }

    #[test]
    fn prose_is_plain() {
        assert_eq!(
            detect(&corpus("003_6edbb738d41674c3.txt"), false),
            Format::Plain
        );
        assert_eq!(
            detect(&corpus("004_93069e5d180715b8.txt"), false),
            Format::Plain
        );
    }
}
