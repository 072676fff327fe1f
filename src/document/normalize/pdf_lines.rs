//! Step 3, PDF line joining (PDF text only). Page furniture lines — nothing but a page number such as
//! `0706` or `12` — are removed with their line break, so they never glue onto a name. Then a line
//! break inside a sentence is removed so the two halves join: the line before it does not end a
//! sentence ([`ends_sentence`]) and is full, i.e. at least [`FULL_SHARE`] of the widest line nearby
//! (short lines are headings or ends of paragraphs and keep their break). PDF extractors often put a
//! blank line after every line; when most gaps are like that, a single blank line is just a line
//! break, otherwise a blank line always stays a paragraph break. Two Latin words joined across a
//! line break keep one space between them.

use std::ops::Range;

use crate::document::script::{display_width, ends_sentence};
use crate::document::spanned::Spanned;

/// Longest page number line, in digits.
const MAX_PAGE_DIGITS: usize = 4;
/// Narrowest line (columns, CJK = 2) that can be a wrapped line rather than a heading.
const MIN_WRAPPED_WIDTH: usize = 20;
/// Share of the local column width a line must fill to count as wrapped.
const FULL_SHARE: f64 = 0.75;
/// Lines either side of a line whose width defines its local column width.
const WINDOW: usize = 3;

/// Applies the step; with `title_marks` (`《`, `》`), a line broken off inside an open title joins the next
/// however short it is.
pub(crate) fn apply(text: Spanned, title_marks: Option<(char, char)>) -> Spanned {
    let lines = split_lines(&text.chars);
    let keep: Vec<bool> = lines
        .iter()
        .map(|r| !is_page_number(&text.chars[r.clone()]))
        .collect();
    let join = joins(&text.chars, &lines, &keep, title_marks);
    let mut out = Spanned::with_capacity(text.len());
    let mut in_gap = false;
    for (k, r) in lines.iter().enumerate() {
        if !keep[k] || (in_gap && r.is_empty()) {
            continue;
        }
        in_gap = false;
        r.clone().for_each(|i| out.push_from(&text, i));
        if r.end == text.len() {
            continue;
        }
        match join[k] {
            Some(next_first) => {
                let last = text.chars[r.end - 1];
                if last.is_ascii_alphanumeric() && next_first.is_ascii_alphanumeric() {
                    out.push(' ', text.spans[r.end].clone());
                }
                in_gap = true;
            }
            None => out.push_from(&text, r.end),
        }
    }
    out
}

/// Line ranges, without their `\n` (which sits at `range.end` unless it is the last line).
fn split_lines(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..chars.len());
    out
}

fn is_page_number(line: &[char]) -> bool {
    (1..=MAX_PAGE_DIGITS).contains(&line.len()) && line.iter().all(char::is_ascii_digit)
}

fn width(line: &[char]) -> usize {
    line.iter().copied().map(display_width).sum()
}

/// For each line whose break is to be removed, the first char of the line it joins.
fn joins(
    chars: &[char],
    lines: &[Range<usize>],
    keep: &[bool],
    title_marks: Option<(char, char)>,
) -> Vec<Option<char>> {
    let content: Vec<usize> = (0..lines.len())
        .filter(|&k| keep[k] && !lines[k].is_empty())
        .collect();
    let blanks: Vec<usize> = content
        .windows(2)
        .map(|w| (w[0] + 1..w[1]).filter(|&k| keep[k]).count())
        .collect();
    let double_spaced = 2 * blanks.iter().filter(|&&b| b == 1).count() >= blanks.len().max(1);
    let max_blanks = usize::from(double_spaced);
    let widths: Vec<usize> = content
        .iter()
        .map(|&k| width(&chars[lines[k].clone()]))
        .collect();
    let mut join = vec![None; lines.len()];
    for (n, &gap) in blanks.iter().enumerate() {
        let line = &chars[lines[content[n]].clone()];
        let local = widths[n.saturating_sub(WINDOW)..(n + WINDOW + 1).min(widths.len())]
            .iter()
            .copied()
            .max()
            .unwrap_or(0);
        let full = widths[n] >= MIN_WRAPPED_WIDTH && widths[n] as f64 >= FULL_SHARE * local as f64;
        let inside_title = title_marks.is_some_and(|marks| inside_title(line, marks));
        if gap <= max_blanks && (full || inside_title) && !ends_sentence(line) {
            join[content[n]] = Some(chars[lines[content[n + 1]].start]);
        }
    }
    join
}

/// Whether a line breaks off inside a title (its last opening mark is not closed): a title never spans a
/// paragraph, so the line is wrapped however short it is.
fn inside_title(line: &[char], (open, close): (char, char)) -> bool {
    line.iter()
        .rposition(|&c| c == open)
        .is_some_and(|at| !line[at..].contains(&close))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Spanned {
        apply(Spanned::from_text(s), Some(('《', '》')))
    }

    #[test]
    fn wrapped_sentence_joins_heading_stays() {
        let s = run(
            "报告说明\n本报告是中国稀土集团有限公司发布的首份社会责任报告，披露集团在履行\n社会责任、创造社会价值方面的工作理念。\n称谓说明",
        );
        assert_eq!(
            s.text(),
            "报告说明\n本报告是中国稀土集团有限公司发布的首份社会责任报告，披露集团在履行社会责任、创造社会价值方面的工作理念。\n称谓说明"
        );
    }

    #[test]
    fn double_spaced_lines_join_across_one_blank_line() {
        let s = run(
            "坚定成为维护国家稀土资源安全的“践行者”、稀土行\n\n业绿色低碳和高质量发展的“排头兵”、稀土产业优化\n\n布局和集群发展。\n\n公司概况\n\n中国稀土集团",
        );
        assert_eq!(
            s.text(),
            "坚定成为维护国家稀土资源安全的“践行者”、稀土行业绿色低碳和高质量发展的“排头兵”、稀土产业优化布局和集群发展。\n\n公司概况\n\n中国稀土集团"
        );
    }

    #[test]
    fn a_line_broken_inside_a_book_title_joins_however_short() {
        let s = run(
            "集团全面加强合规管理体系建设，坚持依法合规经营，防范化解重大风险，\n\n制定《合规管理办法》《中国稀\n\n土集团首席合规官管理暂行办法》等制度。\n\n公司概况",
        );
        assert_eq!(
            s.text(),
            "集团全面加强合规管理体系建设，坚持依法合规经营，防范化解重大风险，制定《合规管理办法》《中国稀土集团首席合规官管理暂行办法》等制度。\n\n公司概况"
        );
    }

    #[test]
    fn page_numbers_are_removed_not_glued() {
        let s = run("贡献中国稀土集团力量。\n\n0706\n业务布局\n\n功能材料");
        assert_eq!(s.text(), "贡献中国稀土集团力量。\n\n业务布局\n\n功能材料");
    }

    #[test]
    fn latin_words_keep_a_space_and_spans_are_kept() {
        let s = run(
            "the report covers the environmental social and\ngovernance practice of the group.",
        );
        assert_eq!(
            s.text(),
            "the report covers the environmental social and governance practice of the group."
        );
        assert_eq!(s.spans[46], 46..47);
    }
}
