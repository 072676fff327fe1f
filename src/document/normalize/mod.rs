//! Normalisation: an explicit, ordered list of small steps from extracted text (chars with source
//! spans) to a [`NormalizedText`]. Each step maps chars + spans to chars + spans in O(n).
//!
//! | # | step | file |
//! |---|------|------|
//! | 1 | format extraction (front matter, HTML, links) | `front_matter.rs`, `html.rs`, `links.rs` |
//! | 2 | white space | [`whitespace`] |
//! | 3 | PDF line joining (PDF text only) | [`pdf_lines`] |
//! | 4 | inline pinyin removal | [`pinyin`] |
//! | 5 | punctuation runs | [`punct_runs`] |
//! | 6 | width folding (matching form only) | [`width`] |
//! | 7 | traditional → simplified (matching form only) | [`simplify`] |
//!
//! Steps 2–5 change which chars there are; their output is the *surface* form (original script and
//! width). Steps 6–7 map char for char, giving the *matching* form without moving any offset.

mod pdf_lines;
mod pinyin;
mod punct_runs;
mod simplify;
mod whitespace;
mod width;

use super::Format;
use super::normalized::NormalizedText;
use super::spanned::Spanned;

/// A step that changes the char sequence.
type Step = fn(Spanned) -> Spanned;

/// Steps 2–5 in order, with the formats they apply to (`None`: all).
const SURFACE_STEPS: &[(&str, Option<Format>, Step)] = &[
    ("whitespace", None, whitespace::apply),
    ("pdf line joining", Some(Format::PdfText), pdf_lines::apply),
    ("inline pinyin", None, pinyin::apply),
    ("punctuation runs", None, punct_runs::apply),
];

/// Runs steps 2–7 on the extracted text of a document of the given format.
pub(crate) fn normalize(extracted: Spanned, format: Format) -> NormalizedText {
    let surface = SURFACE_STEPS
        .iter()
        .filter(|(_, only, _)| only.is_none_or(|f| f == format))
        .fold(extracted, |text, (_, _, step)| step(text));
    let folded: Vec<char> = surface.chars.iter().copied().map(width::fold).collect();
    let matching = simplify::simplify(&folded);
    NormalizedText::new(&matching, surface.chars, surface.spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_in_order() {
        let names: Vec<&str> = SURFACE_STEPS.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(
            names,
            [
                "whitespace",
                "pdf line joining",
                "inline pinyin",
                "punctuation runs"
            ]
        );
    }

    #[test]
    fn surface_and_matching_forms() {
        let chars: Vec<char> = "\u{3000}\u{3000}中國稀土集團(tuán)（股票代碼：000831）,,,,"
            .chars()
            .collect();
        let text = normalize(Spanned::verbatim(&chars, 0), Format::Plain);
        assert_eq!(text.as_str(), "中国稀土集团(股票代码:000831),");
        assert_eq!(text.surface(0..6), "中國稀土集團");
        assert_eq!(text.surface(6..7), "（");
        assert_eq!(text.source_range(0..6), 2..8);
        assert_eq!(text.source_range(5..7), 7..15);
    }
}
