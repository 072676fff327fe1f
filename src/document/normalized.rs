//! [`NormalizedText`]: the matching form of a document's visible text, with an offset map back to the
//! original script and to the decoded source.

use std::ops::Range;

/// Visible text normalised for matching, with, for every char, its surface form and source span.
///
/// The matching form ([`as_str`](Self::as_str)) is simplified Chinese, width-folded (full-width
/// ASCII variants → ASCII), with inline pinyin removed, punctuation runs collapsed and PDF lines
/// joined. Offsets are chars (code points) unless a name says byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedText {
    text: String,
    /// Byte offset in `text` of each char, plus `text.len()` at the end.
    char_bytes: Vec<usize>,
    /// The same chars before width folding and simplification.
    surface: Vec<char>,
    /// Code-point range of `Document::source` each char stands for.
    spans: Vec<Range<usize>>,
}

impl NormalizedText {
    /// Builds the text from its matching chars and, char for char, their surface form and spans.
    pub(crate) fn new(matching: &[char], surface: Vec<char>, spans: Vec<Range<usize>>) -> Self {
        assert!(matching.len() == surface.len() && surface.len() == spans.len());
        let text: String = matching.iter().collect();
        let mut char_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        char_bytes.push(text.len());
        Self {
            text,
            char_bytes,
            surface,
            spans,
        }
    }

    /// The matching form.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Number of chars.
    pub fn len_chars(&self) -> usize {
        self.surface.len()
    }

    /// Index of the char containing byte `byte` of [`as_str`](Self::as_str) (O(log n)); a byte at
    /// or past the end gives [`len_chars`](Self::len_chars).
    pub fn byte_to_char(&self, byte: usize) -> usize {
        match self.char_bytes.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
        .min(self.len_chars())
    }

    /// Byte offset in [`as_str`](Self::as_str) where char `ch` starts; `ch` at or past the end gives
    /// the byte length.
    pub fn char_to_byte(&self, ch: usize) -> usize {
        self.char_bytes[ch.min(self.len_chars())]
    }

    /// The chars `chars` as written in the original: original script and width, but with the
    /// normalisation's removals (pinyin, markup, collapsed runs) applied.
    pub fn surface(&self, chars: Range<usize>) -> String {
        self.surface[self.clamp(chars)].iter().collect()
    }

    /// Code-point range of `Document::source` covering chars `chars`: from the start of the first
    /// char's span to the end of the last one's. An empty range gives an empty range where it sits.
    pub fn source_range(&self, chars: Range<usize>) -> Range<usize> {
        let chars = self.clamp(chars);
        if chars.is_empty() {
            let at = match self.spans.get(chars.start) {
                Some(span) => span.start,
                None => self.spans.last().map_or(0, |span| span.end),
            };
            return at..at;
        }
        self.spans[chars.start].start..self.spans[chars.end - 1].end
    }

    fn clamp(&self, chars: Range<usize>) -> Range<usize> {
        let end = chars.end.min(self.len_chars());
        chars.start.min(end)..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> NormalizedText {
        // Source "集團(tuán)Ａ": matching "集团A", surface "集團Ａ".
        NormalizedText::new(
            &['集', '团', 'A'],
            vec!['集', '團', 'Ａ'],
            vec![0..1, 1..2, 8..9],
        )
    }

    #[test]
    fn byte_and_char_offsets() {
        let t = sample();
        assert_eq!(t.as_str(), "集团A");
        assert_eq!(t.len_chars(), 3);
        assert_eq!(
            (
                t.char_to_byte(0),
                t.char_to_byte(1),
                t.char_to_byte(2),
                t.char_to_byte(3)
            ),
            (0, 3, 6, 7)
        );
        assert_eq!(
            (
                t.byte_to_char(0),
                t.byte_to_char(4),
                t.byte_to_char(6),
                t.byte_to_char(7)
            ),
            (0, 1, 2, 3)
        );
        assert_eq!(t.byte_to_char(100), 3);
    }

    #[test]
    fn surface_and_source() {
        let t = sample();
        assert_eq!(t.surface(0..3), "集團Ａ");
        assert_eq!(t.source_range(0..2), 0..2);
        assert_eq!(t.source_range(1..3), 1..9);
        assert_eq!(t.source_range(3..3), 9..9);
        assert_eq!(t.source_range(1..1), 1..1);
    }
}
