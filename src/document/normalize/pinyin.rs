//! Step 4, inline pinyin removal: `產(chǎn)業(yè)` → `產業`. A parenthesis right after an ideograph is
//! dropped when all it holds is one lowercase pinyin syllable (tone marks or a tone digit allowed).
//! Real parentheticals — `(集团)`, `(000831)`, `(Group)` — are not syllables and stay.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::script::is_ideograph;
use crate::document::spanned::Spanned;

/// One pinyin syllable: optional initial, one to three vowels, optional final nasal or `r`, optional
/// tone digit.
static SYLLABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,3}(?:ng|n|r)?[1-5]?$",
    )
    .expect("valid regex")
});

/// Longest parenthesised syllable: `(chuàng)` holds 6 letters, plus room for a tone digit.
const MAX_INNER: usize = 7;

/// Applies the step.
pub(crate) fn apply(text: Spanned) -> Spanned {
    let c = &text.chars;
    let mut out = Spanned::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        out.push_from(&text, i);
        if is_ideograph(c[i])
            && let Some(end) = pinyin_after(c, i + 1)
        {
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// If `c[open..]` starts with a parenthesised pinyin syllable, the index just after it.
fn pinyin_after(c: &[char], open: usize) -> Option<usize> {
    if !matches!(c.get(open), Some('(' | '（')) {
        return None;
    }
    let len = c[open + 1..]
        .iter()
        .take(MAX_INNER + 1)
        .position(|&ch| ch == ')' || ch == '）')?;
    let inner: String = c[open + 1..open + 1 + len].iter().collect();
    SYLLABLE.is_match(&inner).then_some(open + len + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Spanned {
        apply(Spanned::from_text(s))
    }

    #[test]
    fn syllables_after_ideographs_go() {
        assert_eq!(
            run("推動稀土產(chǎn)業(yè)高質(zhì)量").text(),
            "推動稀土產業高質量"
        );
        assert_eq!(run("創(chuàng)新（qiang2）").text(), "創新");
    }

    #[test]
    fn real_parentheticals_stay() {
        for s in [
            "中國稀土集團(第六屆)",
            "党委(党组)",
            "中国稀土(000831)",
            "有研集团(Group)",
            "a(b)",
            "集团(pdf)",
        ] {
            assert_eq!(run(s).text(), s);
        }
    }

    #[test]
    fn spans_of_kept_chars_are_untouched() {
        let s = run("集團(tuán)有");
        assert_eq!(s.text(), "集團有");
        assert_eq!(s.spans, vec![0..1, 1..2, 8..9]);
    }
}
