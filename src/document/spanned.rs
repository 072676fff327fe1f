//! The intermediate form every extraction and normalisation step works on: a sequence of chars, each
//! carrying the code-point span of [`Document::source`](super::Document::source) it was read from.

use std::ops::Range;

/// Chars with one source span each; `chars.len() == spans.len()` always holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Spanned {
    /// The text, one entry per char.
    pub chars: Vec<char>,
    /// For each char, the code-point range of the source it stands for.
    pub spans: Vec<Range<usize>>,
}

impl Spanned {
    /// An empty text with room for `n` chars.
    pub fn with_capacity(n: usize) -> Self {
        Self {
            chars: Vec::with_capacity(n),
            spans: Vec::with_capacity(n),
        }
    }

    /// Source chars taken verbatim, the first one sitting at code point `offset` of the source.
    pub fn verbatim(chars: &[char], offset: usize) -> Self {
        Self {
            chars: chars.to_vec(),
            spans: (offset..offset + chars.len()).map(|i| i..i + 1).collect(),
        }
    }

    /// Appends one char standing for `span` of the source.
    pub fn push(&mut self, c: char, span: Range<usize>) {
        self.chars.push(c);
        self.spans.push(span);
    }

    /// Appends char `i` of `other`, span and all.
    pub fn push_from(&mut self, other: &Spanned, i: usize) {
        self.push(other.chars[i], other.spans[i].clone());
    }

    /// Appends all of `other`.
    pub fn extend(&mut self, other: Spanned) {
        self.chars.extend(other.chars);
        self.spans.extend(other.spans);
    }

    /// Number of chars.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// A whole text taken verbatim from the start of the source (for tests of single steps).
    #[cfg(test)]
    pub fn from_text(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        Self::verbatim(&chars, 0)
    }

    /// The chars as a string (for tests and diagnostics).
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_spans_are_one_code_point_each() {
        let chars: Vec<char> = "稀土ab".chars().collect();
        let s = Spanned::verbatim(&chars, 10);
        assert_eq!(s.text(), "稀土ab");
        assert_eq!(s.spans, vec![10..11, 11..12, 12..13, 13..14]);
    }

    #[test]
    fn push_from_copies_char_and_span() {
        let mut a = Spanned::with_capacity(1);
        a.push('x', 3..7);
        let mut b = Spanned::default();
        b.push_from(&a, 0);
        b.extend(a.clone());
        assert_eq!(b.len(), 2);
        assert_eq!(b.spans, vec![3..7, 3..7]);
    }
}
