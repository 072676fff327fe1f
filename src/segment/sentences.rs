//! Sentence splitting on the normalised (width-folded) text, with a bound on a sentence's length.

use std::ops::Range;

/// The longest sentence, in characters, that the rules match over; a longer run without a sentence mark
/// is cut into pieces no longer than this. Real news sentences are far shorter (in the DuEE-fin texts and
/// the sample corpus, 99.9 % are under 250 characters, the longest 604), while work per sentence grows
/// faster than its length (overlaps, relation patterns, evidence), so a document with no sentence marks
/// (a pasted table, a 4 MB run of clauses) costs about what a punctuated one of its size costs.
pub const MAX_SENTENCE_CHARS: usize = 500;

/// A cut made in the upper part of the window keeps pieces long: only marks past half the bound count.
const MIN_PIECE_CHARS: usize = MAX_SENTENCE_CHARS / 2;

/// Sentences of a text and how many cuts [`MAX_SENTENCE_CHARS`] forced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentences {
    /// Byte ranges of the sentences, in order, none longer than [`MAX_SENTENCE_CHARS`] characters.
    pub ranges: Vec<Range<usize>>,
    /// Sentences that were longer than the bound and cut.
    pub long: usize,
    /// Cuts made in them.
    pub cuts: usize,
}

/// Marks after which a sentence ends.
fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';')
}

/// Closing quotes and brackets that stay with the sentence they close.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | ')' | '）' | '】' | '"' | '\'')
}

/// Clause marks a long sentence is best cut after.
fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':' | '、' | '）' | ')' | '”' | '」')
}

/// Byte ranges of the sentences of `text`: split after `。！？!?；;` (keeping any run of further
/// terminators and closing quotes or brackets right after it) and at every line break; each range is
/// trimmed of white space, and empty ones are dropped. A sentence longer than [`MAX_SENTENCE_CHARS`] is
/// cut as [`split`] says.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    split(text).ranges
}

/// The sentences of `text` as [`sentences`] gives them, and how many were too long: a sentence longer
/// than [`MAX_SENTENCE_CHARS`] characters is cut after the last clause mark (`，,：:、` or a closing
/// bracket or quote) of its first [`MAX_SENTENCE_CHARS`] characters, else at the last white space there,
/// else right at the bound, as long as the piece keeps at least half the bound; and so on for the rest.
pub fn split(text: &str) -> Sentences {
    let mut out = Sentences::default();
    for range in marked(text) {
        let cuts = cut_long(text, range, &mut out.ranges);
        if cuts > 0 {
            out.long += 1;
            out.cuts += cuts;
        }
    }
    out
}

/// Pushes `range` onto `out` in pieces of at most [`MAX_SENTENCE_CHARS`] characters, each trimmed of
/// white space; returns how many cuts were made.
fn cut_long(text: &str, mut range: Range<usize>, out: &mut Vec<Range<usize>>) -> usize {
    let mut cuts = 0;
    loop {
        let body = &text[range.clone()];
        // Byte offsets (in `body`) of the ends of its first MAX_SENTENCE_CHARS characters.
        let Some((bound, _)) = body.char_indices().nth(MAX_SENTENCE_CHARS) else {
            push_trimmed(text, range, out);
            return cuts;
        };
        let window = &body[..bound];
        let floor = window
            .char_indices()
            .nth(MIN_PIECE_CHARS)
            .map_or(0, |(at, _)| at);
        let after = |(at, c): (usize, char)| at + c.len_utf8();
        let cut = window[floor..]
            .char_indices()
            .rfind(|&(_, c)| is_clause_mark(c))
            .or_else(|| {
                window[floor..]
                    .char_indices()
                    .rfind(|&(_, c)| c.is_whitespace())
            })
            .map_or(bound, |found| floor + after(found));
        push_trimmed(text, range.start..range.start + cut, out);
        range.start += cut;
        cuts += 1;
    }
}

/// Sentences as the marks and line breaks end them, of any length.
fn marked(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = if c == '\n' {
            let range = start..i;
            start = i + 1;
            range
        } else if is_terminator(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if !(is_terminator(d) || is_closer(d)) {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            let range = start..end;
            start = end;
            range
        } else {
            continue;
        };
        push_trimmed(text, end, &mut out);
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead < s.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_after_terminators_and_at_newlines() {
        assert_eq!(
            split("中国稀土集团成立。敖宏任董事长!有研集团\n 参与;共建基地"),
            [
                "中国稀土集团成立。",
                "敖宏任董事长!",
                "有研集团",
                "参与;",
                "共建基地"
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_the_sentence() {
        assert_eq!(
            split("他说:“加快整合。”随后散会？！(完)"),
            ["他说:“加快整合。”", "随后散会？！", "(完)"]
        );
        assert_eq!(
            split("(文章来源:中国稀土集团。)"),
            ["(文章来源:中国稀土集团。)"]
        );
    }

    #[test]
    fn a_long_run_is_cut_at_clause_marks_below_the_bound() {
        let clause = "中国稀土集团与有研集团签署协议，";
        let text = clause.repeat(100);
        let found = super::split(&text);
        assert!(found.ranges.len() > 1);
        assert_eq!((found.long, found.cuts), (1, found.ranges.len() - 1));
        for range in &found.ranges {
            let piece = &text[range.clone()];
            assert!(piece.chars().count() <= MAX_SENTENCE_CHARS, "{piece}");
            assert!(piece.ends_with('，') || range.end == text.len());
        }
        let joined: String = found.ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(joined, text, "the pieces cover the run");
    }

    #[test]
    fn a_run_without_marks_is_cut_at_white_space_or_at_the_bound() {
        let spaced = "有研集团 ".repeat(300);
        let pieces = super::split(&spaced);
        assert!(pieces.ranges.len() > 1);
        assert!(
            pieces
                .ranges
                .iter()
                .all(|r| spaced[r.clone()].ends_with("集团"))
        );
        let solid = "集".repeat(MAX_SENTENCE_CHARS * 2 + 7);
        let cut: Vec<usize> = sentences(&solid)
            .iter()
            .map(|r| solid[r.clone()].chars().count())
            .collect();
        assert_eq!(cut, [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 7]);
        let short = "中国稀土集团成立。".repeat(3);
        assert_eq!(super::split(&short).cuts, 0);
        assert_eq!(super::split(&short).ranges, sentences(&short));
    }

    #[test]
    fn never_empty() {
        assert!(split("\n\n  \n。").iter().all(|s| !s.is_empty()));
        assert_eq!(split(""), Vec::<&str>::new());
        assert_eq!(split("。\n\n"), ["。"]);
    }
}
