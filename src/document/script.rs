//! Character classes shared by the normalisation steps and format detection.

/// A CJK ideograph (unified ideographs, extension A, compatibility ideographs, `〇`).
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// A char of East Asian text: ideographs, CJK punctuation, kana, full-width forms and the curly
/// quotes Chinese text uses. A space next to one of these is noise, not a word separator.
pub(crate) fn is_cjk(c: char) -> bool {
    is_ideograph(c)
        || matches!(c,
            '\u{2018}'..='\u{201F}'
            | '\u{2026}'
            | '\u{2E80}'..='\u{2FDF}'
            | '\u{3000}'..='\u{30FF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FFEF}')
}

/// Columns the char takes in a monospaced rendering: 2 for CJK, 1 otherwise.
pub(crate) fn display_width(c: char) -> usize {
    if is_cjk(c) { 2 } else { 1 }
}

/// Marks that end a sentence or a clause that may stand alone on a line. A colon is not one: in
/// wrapped text a line ending in `：` (`股票代码：` / `000831）`) usually continues.
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…' | '．')
}

/// Closing quotes and brackets that may follow a terminator and still belong to the sentence.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | ')' | '）' | '】' | '》' | '"' | '\''
    )
}

/// Whether a line ends a sentence: its last char, after any closing quotes or brackets, is a
/// terminator. Trailing whitespace is ignored.
pub(crate) fn ends_sentence(line: &[char]) -> bool {
    let mut rest = line;
    while let [init @ .., last] = rest {
        if last.is_whitespace() || is_closer(*last) {
            rest = init;
        } else {
            return is_terminator(*last);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn classes() {
        assert!(is_ideograph('稀') && is_ideograph('團'));
        assert!(!is_ideograph('，') && is_cjk('，') && is_cjk('　') && is_cjk('“'));
        assert!(!is_cjk('a') && !is_cjk('1'));
        assert_eq!(display_width('稀') + display_width('a'), 3);
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence(&chars("使命担当。")));
        assert!(ends_sentence(&chars("他说：“好。”  ")));
        assert!(!ends_sentence(&chars("拥有中国稀土（股票代码：")));
        assert!(!ends_sentence(&chars("披露集团在履行")));
        assert!(!ends_sentence(&chars("稀土产业链“链长”")));
        assert!(!ends_sentence(&chars("")));
    }
}
