//! Step 6, width folding: full-width ASCII variants U+FF01–U+FF5E become ASCII, so `（` → `(`,
//! `，` → `,`, `：` → `:`, `；` → `;`, `Ａ１` → `A1`. CJK marks outside that block (`。、“”《》`) are
//! untouched. Rule authors therefore write ASCII `( , : ;` and match both widths.

/// Folds one char.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ascii_folds() {
        let folded: String = "（文章来源：中国稀土集团），Ａ１｜～"
            .chars()
            .map(fold)
            .collect();
        assert_eq!(folded, "(文章来源:中国稀土集团),A1|~");
    }

    #[test]
    fn cjk_marks_stay() {
        let s = "。、“”《》\u{3000}";
        assert_eq!(s.chars().map(fold).collect::<String>(), s);
    }
}
