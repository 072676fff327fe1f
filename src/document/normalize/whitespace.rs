//! Step 2, white space. Every kind of space (NBSP, tab, …) becomes an ordinary space, except the
//! ideographic space U+3000, which is kept apart until the runs are settled; `\r\n` becomes `\n`;
//! zero-width and control characters go. Then, per line: indentation and trailing spaces are removed; a
//! run of spaces touching a CJK char is removed (a single space inside Chinese text is mostly noise of
//! extraction, `于 2021 年`), except that a run between two ideographs holding an ideographic space or
//! several spaces is a deliberate separator (`中国稀土集团　党委书记`, a field or a headline break) and
//! stays as one space, so names are not glued across it; any other run is kept as one space (between
//! Latin words).

use crate::document::script::{is_cjk, is_ideograph};
use crate::document::spanned::Spanned;

/// Applies the step.
pub(crate) fn apply(text: Spanned) -> Spanned {
    let unified = unify(text);
    let c = &unified.chars;
    let mut out = Spanned::with_capacity(unified.len());
    let mut i = 0;
    while i < c.len() {
        if !is_space(c[i]) {
            out.push_from(&unified, i);
            i += 1;
            continue;
        }
        let run = c[i..].iter().take_while(|&&ch| is_space(ch)).count();
        let prev = out.chars.last().copied().filter(|&p| p != '\n');
        let next = c.get(i + run).copied().filter(|&n| n != '\n');
        let separator = run > 1 || c[i..i + run].contains(&IDEOGRAPHIC_SPACE);
        let kept = match (prev, next) {
            (Some(p), Some(n)) if is_ideograph(p) && is_ideograph(n) => separator,
            (Some(p), Some(n)) => !is_cjk(p) && !is_cjk(n),
            _ => false,
        };
        if kept {
            out.push(' ', unified.spans[i].clone());
        }
        i += run;
    }
    out
}

/// The ideographic space, which [`unify`] keeps so a run holding it can be told from noise.
const IDEOGRAPHIC_SPACE: char = '\u{3000}';

fn is_space(c: char) -> bool {
    c == ' ' || c == IDEOGRAPHIC_SPACE
}

/// Maps every space-like char but the ideographic space to `' '`, line breaks to `'\n'`, and drops
/// invisible ones.
fn unify(text: Spanned) -> Spanned {
    let mut out = Spanned::with_capacity(text.len());
    for (i, (&c, span)) in text.chars.iter().zip(&text.spans).enumerate() {
        let mapped = match c {
            '\r' if text.chars.get(i + 1) == Some(&'\n') => None,
            '\r' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\n' => Some('\n'),
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
            IDEOGRAPHIC_SPACE => Some(IDEOGRAPHIC_SPACE),
            c if c.is_whitespace() => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        };
        if let Some(m) = mapped {
            out.push(m, span.clone());
        }
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
    fn indentation_and_trailing_space_go() {
        assert_eq!(
            run("\u{3000}\u{3000}  中证网讯\u{a0} \r\n\t有研集团 ").text(),
            "中证网讯\n有研集团"
        );
    }

    #[test]
    fn spaces_touching_cjk_go_latin_spaces_stay_single() {
        assert_eq!(
            run("于 2021 年 12 月，国资委 A 级").text(),
            "于2021年12月，国资委A级"
        );
        assert_eq!(
            run("CASS-CSR   4.0 and  ESG").text(),
            "CASS-CSR 4.0 and ESG"
        );
        assert_eq!(run("资源报国 稀土强国").text(), "资源报国稀土强国");
    }

    #[test]
    fn a_deliberate_break_between_ideographs_stays_one_space() {
        assert_eq!(run("资源报国\u{3000}稀土强国").text(), "资源报国 稀土强国");
        assert_eq!(
            run("联系人:唐恒雷  济南大智").text(),
            "联系人:唐恒雷 济南大智"
        );
        assert_eq!(run("于\u{3000}2021年").text(), "于2021年");
    }

    #[test]
    fn kept_space_keeps_its_span_and_invisibles_go() {
        let s = run("a  \u{200B}b\u{7}");
        assert_eq!(s.text(), "a b");
        assert_eq!(s.spans, vec![0..1, 1..2, 4..5]);
    }

    #[test]
    fn blank_lines_stay() {
        assert_eq!(run("甲\n \n乙").text(), "甲\n\n乙");
    }
}
