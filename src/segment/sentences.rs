//! Sentence splitting on the normalised (width-folded) text.

use std::ops::Range;

/// Marks after which a sentence ends.
fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';')
}

/// Closing quotes and brackets that stay with the sentence they close.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | ')' | '）' | '】' | '"' | '\'')
}

/// Byte ranges of the sentences of `text`: split after `。！？!?；;` (keeping any run of further
/// terminators and closing quotes or brackets right after it) and at every line break; each range is
/// trimmed of white space, and empty ones are dropped.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
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
    fn never_empty() {
        assert!(split("\n\n  \n。").iter().all(|s| !s.is_empty()));
        assert_eq!(split(""), Vec::<&str>::new());
        assert_eq!(split("。\n\n"), ["。"]);
    }
}
