//! Markdown link syntax and bare URLs, which carry no facts: `[text](url)` keeps only `text`,
//! `![alt](url)` and bare `http://…`, `https://…`, `www.…` URLs are dropped. Applied to HTML and
//! Markdown bodies, whose tails often hold such links.

use super::spanned::Spanned;

/// Removes link syntax and URLs from `text`.
pub(crate) fn strip(text: Spanned) -> Spanned {
    let c = &text.chars;
    let mut out = Spanned::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        if c[i] == '[' || (c[i] == '!' && c.get(i + 1) == Some(&'[')) {
            let open = if c[i] == '!' { i + 1 } else { i };
            if let Some((label_end, end)) = link(c, open) {
                if c[i] == '[' {
                    (open + 1..label_end).for_each(|k| out.push_from(&text, k));
                }
                i = end;
                continue;
            }
        }
        if let Some(end) = url(c, i) {
            i = end;
            continue;
        }
        out.push_from(&text, i);
        i += 1;
    }
    out
}

/// For `[label](target)` starting at `open`, the index of `]` and the index after `)`.
fn link(c: &[char], open: usize) -> Option<(usize, usize)> {
    let label_end = open
        + 1
        + c[open + 1..]
            .iter()
            .take_while(|&&ch| ch != '\n')
            .position(|&ch| ch == ']')?;
    if c.get(label_end + 1) != Some(&'(') {
        return None;
    }
    let target = &c[label_end + 2..];
    let close = target
        .iter()
        .take_while(|ch| !ch.is_whitespace())
        .position(|&ch| ch == ')')?;
    Some((label_end, label_end + 2 + close + 1))
}

/// End of a bare URL starting at `i`, if one does.
fn url(c: &[char], i: usize) -> Option<usize> {
    let starts = |p: &str| {
        p.chars()
            .enumerate()
            .all(|(k, pc)| c.get(i + k).is_some_and(|ch| ch.to_ascii_lowercase() == pc))
    };
    if i > 0 && c[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    if !(starts("http://") || starts("https://") || starts("www.")) {
        return None;
    }
    let len = c[i..]
        .iter()
        .take_while(|ch| ch.is_ascii_graphic() && !matches!(ch, '"' | '\'' | '<' | '>' | ')' | ']'))
        .count();
    Some(i + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        strip(Spanned::verbatim(&chars, 0)).text()
    }

    #[test]
    fn markdown_links_keep_their_label() {
        assert_eq!(
            run(
                "[返回中国稀土集团新闻](//finews.withounder.com/category/x.html)｜[返回首页](//finews.withounder.com/)"
            ),
            "返回中国稀土集团新闻｜返回首页"
        );
        assert_eq!(run("图![图片](a.jpg)后"), "图后");
    }

    #[test]
    fn bare_urls_are_dropped() {
        assert_eq!(
            run("见http://finews.zning.xyz/html?infoCode=NW1，完"),
            "见，完"
        );
        assert_eq!(run("www.example.com 网站"), " 网站");
    }

    #[test]
    fn brackets_that_are_not_links_stay() {
        assert_eq!(run("[注1] 稀土(集团)"), "[注1] 稀土(集团)");
    }

    #[test]
    fn spans_survive() {
        let chars: Vec<char> = "[中](u)".chars().collect();
        assert_eq!(strip(Spanned::verbatim(&chars, 5)).spans, vec![6..7]);
    }
}
