//! Step 2, white space. Every kind of space (ideographic U+3000, NBSP, tab, …) becomes an ordinary
//! space; `\r\n` becomes `\n`; zero-width and control characters go. Then, per line: indentation and
//! trailing spaces are removed, a run of spaces touching a CJK char is removed (a space between two
//! Chinese chars is noise), and any other run is kept as one space (between Latin words).

use crate::document::script::is_cjk;
use crate::document::spanned::Spanned;

/// Applies the step.
pub(crate) fn apply(text: Spanned) -> Spanned {
    let unified = unify(text);
    let c = &unified.chars;
    let mut out = Spanned::with_capacity(unified.len());
    let mut i = 0;
    while i < c.len() {
        if c[i] != ' ' {
            out.push_from(&unified, i);
            i += 1;
            continue;
        }
        let run_end = i + c[i..].iter().take_while(|&&ch| ch == ' ').count();
        let prev = out.chars.last().copied().filter(|&p| p != '\n');
        let next = c.get(run_end).copied().filter(|&n| n != '\n');
        if let (Some(p), Some(n)) = (prev, next)
            && !is_cjk(p)
            && !is_cjk(n)
        {
            out.push_from(&unified, i);
        }
        i = run_end;
    }
    out
}

/// Maps every space-like char to `' '`, line breaks to `'\n'`, and drops invisible ones.
fn unify(text: Spanned) -> Spanned {
    let mut out = Spanned::with_capacity(text.len());
    for (i, (&c, span)) in text.chars.iter().zip(&text.spans).enumerate() {
        let mapped = match c {
            '\r' if text.chars.get(i + 1) == Some(&'\n') => None,
            '\r' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\n' => Some('\n'),
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
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
        assert_eq!(run("资源报国\u{3000}稀土强国").text(), "资源报国稀土强国");
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
