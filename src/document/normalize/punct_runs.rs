//! Step 5, punctuation runs: a run of the same mark (`,,,,,,,,`, `。。。。。`, `！！！`) collapses to one
//! mark spanning the whole run. Only sentence and clause marks collapse; `……`, `——` and `...` stay.

use crate::document::spanned::Spanned;

/// Marks whose repetition is noise.
fn collapses(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | '。' | '!' | '！' | '?' | '？' | ';' | '；' | ':' | '：' | '、'
    )
}

/// Applies the step.
pub(crate) fn apply(text: Spanned) -> Spanned {
    let c = &text.chars;
    let mut out = Spanned::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        let run = if collapses(c[i]) {
            c[i..].iter().take_while(|&&ch| ch == c[i]).count()
        } else {
            1
        };
        out.push(c[i], text.spans[i].start..text.spans[i + run - 1].end);
        i += run;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Spanned {
        apply(Spanned::from_text(s))
    }

    #[test]
    fn runs_collapse_to_one_mark_spanning_the_run() {
        let s = run("5月19日,,,,,,,,国资委召开推进会。。。。。");
        assert_eq!(s.text(), "5月19日,国资委召开推进会。");
        assert_eq!(s.spans[5], 5..13);
        assert_eq!(s.spans.last(), Some(&(21..26)));
    }

    #[test]
    fn ellipsis_dash_and_mixed_marks_stay() {
        assert_eq!(run("等等……——...！？").text(), "等等……——...！？");
    }
}
