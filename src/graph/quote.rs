//! The part of a long sentence an evidence quotes: the fact's mentions with some context around them,
//! the rest left out with `…`, so one fact never stores more than [`QUOTE_CHARS`] characters of text.

use std::ops::Range;

/// The longest quote, in characters (not counting the `…` marks). Longer than nearly every news sentence
/// (the sample corpus's longest is 233), so only runs without sentence marks are shortened.
pub const QUOTE_CHARS: usize = 300;

/// What marks text left out of a quote.
const ELLIPSIS: char = '…';

/// Quotes `sentence` around `marks` (char ranges of the sentence: a fact's two mentions). A sentence of
/// at most [`QUOTE_CHARS`] characters is quoted whole; otherwise one window of [`QUOTE_CHARS`] characters
/// centred on the marks when they fit in it, else a window of half that around each mark, joined by `…`,
/// with `…` wherever the sentence goes on.
pub fn quote(sentence: &str, marks: [Range<usize>; 2]) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    if chars.len() <= QUOTE_CHARS {
        return sentence.to_owned();
    }
    let [mut first, mut second] =
        marks.map(|mark| mark.start.min(chars.len())..mark.end.min(chars.len()));
    if second.start < first.start {
        std::mem::swap(&mut first, &mut second);
    }
    let (head, tail) = if second.end.max(first.end) - first.start <= QUOTE_CHARS {
        let both = first.start..second.end.max(first.end);
        (window(both, QUOTE_CHARS, chars.len()), None)
    } else {
        let half = QUOTE_CHARS / 2;
        let left = window(first, half, chars.len());
        let right = window(second, half, chars.len());
        if left.end >= right.start {
            (left.start..right.end, None)
        } else {
            (left, Some(right))
        }
    };
    let mut out = String::new();
    let mut at = 0;
    for range in std::iter::once(head).chain(tail) {
        if range.start > at {
            out.push(ELLIPSIS);
        }
        out.extend(&chars[range.clone()]);
        at = range.end;
    }
    if at < chars.len() {
        out.push(ELLIPSIS);
    }
    out
}

/// A window of at most `width` characters of a text of `len` characters around `mark`, centred on it
/// (a mark longer than `width` gives its first `width` characters).
fn window(mark: Range<usize>, width: usize, len: usize) -> Range<usize> {
    let length = mark.end.saturating_sub(mark.start);
    if length >= width {
        return mark.start..mark.start + width;
    }
    let start = mark.start.saturating_sub((width - length) / 2);
    let end = (start + width).min(len);
    end.saturating_sub(width)..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sentences_are_quoted_whole() {
        let sentence = "中国稀土集团与有研集团签署协议。";
        assert_eq!(quote(sentence, [0..6, 7..11]), sentence);
    }

    #[test]
    fn a_long_sentence_is_quoted_around_its_mentions() {
        let filler = "一二三四五六七八九十".repeat(40);
        let sentence = format!("{filler}中国稀土集团与有研集团签署协议{filler}");
        let at = filler.chars().count();
        let quoted = quote(&sentence, [at..at + 6, at + 7..at + 11]);
        assert!(quoted.contains("中国稀土集团与有研集团"), "{quoted}");
        assert!(quoted.starts_with('…') && quoted.ends_with('…'));
        assert_eq!(quoted.chars().count(), QUOTE_CHARS + 2);
    }

    #[test]
    fn mentions_far_apart_get_a_window_each() {
        let filler = "一二三四五六七八九十".repeat(40);
        let sentence = format!("中国稀土集团{filler}有研集团{filler}");
        let second = 6 + filler.chars().count();
        let quoted = quote(&sentence, [0..6, second..second + 4]);
        assert!(quoted.starts_with("中国稀土集团"), "{quoted}");
        assert!(
            quoted.contains("…") && quoted.contains("有研集团"),
            "{quoted}"
        );
        assert_eq!(quoted.matches('…').count(), 2, "{quoted}");
        assert!(quoted.chars().count() <= QUOTE_CHARS + 3);
    }
}
