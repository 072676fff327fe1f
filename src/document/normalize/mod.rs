//! Normalisation: an explicit, ordered list of small steps from extracted text (chars with source
//! spans) to a [`NormalizedText`]. Each step maps chars + spans to chars + spans in O(n).
//!
//! | # | step | file |
//! |---|------|------|
//! | 1 | format extraction (front matter, HTML, links) | `front_matter.rs`, `html.rs`, `links.rs` |
//! | 2 | white space | [`whitespace`] |
//! | 3 | PDF line joining (PDF text only) | [`pdf_lines`] |
//! | 4 | inline pinyin removal (when the pack asks for it) | [`pinyin`] |
//! | 5 | punctuation runs | [`punct_runs`] |
//! | 6 | width folding (matching form only) | [`width`] |
//! | 7 | traditional → simplified (matching form only; when the pack asks for it) | [`simplify`] |
//!
//! Steps 2–5 change which chars there are; their output is the *surface* form (original script and
//! width). Steps 6–7 map char for char, giving the *matching* form without moving any offset. The steps
//! that belong to one language (Chinese pinyin glosses, traditional characters, book-title marks) run only
//! when the rule pack's [`Normalization`] turns them on.

mod pdf_lines;
mod pinyin;
mod punct_runs;
mod simplify;
mod whitespace;
mod width;

use super::Format;
use super::normalized::NormalizedText;
use super::spanned::Spanned;

/// The language-specific normalisation a rule pack asks for (`[normalize]` in `pack.toml`); everything is
/// off by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalization {
    /// Drop a one-syllable pinyin gloss in parentheses after an ideograph: `產(chǎn)業` → `產業`.
    pub inline_pinyin: bool,
    /// Match traditional Chinese text as simplified (the matching form only; reports keep the original).
    pub traditional_to_simplified: bool,
    /// Opening and closing title marks (`《` `》`): a PDF line broken off inside an open title joins the next
    /// however short it is.
    pub title_marks: Option<(char, char)>,
}

/// Runs steps 2–7 on the extracted text of a document of the given format.
pub(crate) fn normalize(
    extracted: Spanned,
    format: Format,
    normalization: &Normalization,
) -> NormalizedText {
    let mut surface = whitespace::apply(extracted);
    if format == Format::PdfText {
        surface = pdf_lines::apply(surface, normalization.title_marks);
    }
    if normalization.inline_pinyin {
        surface = pinyin::apply(surface);
    }
    let surface = punct_runs::apply(surface);
    let folded: Vec<char> = surface.chars.iter().copied().map(width::fold).collect();
    let matching = if normalization.traditional_to_simplified {
        simplify::simplify(&folded)
    } else {
        folded
    };
    NormalizedText::new(&matching, surface.chars, surface.spans)
}

#[cfg(test)]
mod tests {
    use super::super::chinese;
    use super::*;

    #[test]
    fn surface_and_matching_forms() {
        let chars: Vec<char> = "\u{3000}\u{3000}中國稀土集團(tuán)（股票代碼：000831）,,,,"
            .chars()
            .collect();
        let text = normalize(Spanned::verbatim(&chars, 0), Format::Plain, &chinese());
        assert_eq!(text.as_str(), "中国稀土集团(股票代码:000831),");
        assert_eq!(text.surface(0..6), "中國稀土集團");
        assert_eq!(text.surface(6..7), "（");
        assert_eq!(text.source_range(0..6), 2..8);
        assert_eq!(text.source_range(5..7), 7..15);
    }

    #[test]
    fn language_steps_run_only_when_asked_for() {
        let chars: Vec<char> = "中國稀土(tǔ)集團".chars().collect();
        let plain = normalize(
            Spanned::verbatim(&chars, 0),
            Format::Plain,
            &Normalization::default(),
        );
        assert_eq!(plain.as_str(), "中國稀土(tǔ)集團");
        let chinese = normalize(Spanned::verbatim(&chars, 0), Format::Plain, &chinese());
        assert_eq!(chinese.as_str(), "中国稀土集团");
    }
}
