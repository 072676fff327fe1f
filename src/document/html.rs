//! Visible text of an HTML body. Tags, comments, `<script>`/`<style>` content and attribute values
//! produce no text; entities are decoded (each decoded char spans the whole entity); block-level tags
//! become a line break spanning the tag, so sentences never glue across paragraphs. A single source
//! newline is white space as in HTML; a blank line stays a break (bodies often end in Markdown).

use std::ops::Range;

use super::spanned::Spanned;

/// Tags that end a line of visible text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Tags whose content is not text.
const RAW_TAGS: &[&str] = &["script", "style", "noscript", "template"];

/// Extracts the visible text of `src`, whose first char is code point `offset` of the source.
pub(crate) fn extract(src: &[char], offset: usize) -> Spanned {
    let mut out = Spanned::with_capacity(src.len() / 2);
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        let next = if c == '<' { markup_end(src, i) } else { None };
        if let Some(end) = next {
            if let Some((name, closing)) = tag_name(&src[i..end]) {
                if BLOCK_TAGS.contains(&name.as_str()) {
                    out.push('\n', offset + i..offset + end);
                }
                if !closing && RAW_TAGS.contains(&name.as_str()) {
                    i = raw_end(src, end, &name);
                    continue;
                }
            }
            i = end;
        } else if c == '&' {
            i = entity(src, i, offset, &mut out);
        } else if c == '\n' {
            let blank = src[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_whitespace())
                .any(|&c| c == '\n');
            out.push(if blank { '\n' } else { ' ' }, offset + i..offset + i + 1);
            i += 1;
        } else {
            out.push(c, offset + i..offset + i + 1);
            i += 1;
        }
    }
    out
}

/// End (exclusive) of the comment, doctype or tag starting at `src[i] == '<'`; `None` for a literal `<`.
fn markup_end(src: &[char], i: usize) -> Option<usize> {
    let rest = &src[i..];
    if rest.starts_with(&['<', '!', '-', '-']) {
        let close = rest[4..].windows(3).position(|w| w == ['-', '-', '>']);
        return Some(close.map_or(src.len(), |p| i + 4 + p + 3));
    }
    let second = *rest.get(1)?;
    if !(second.is_ascii_alphabetic() || matches!(second, '/' | '!' | '?')) {
        return None;
    }
    let mut quote = None;
    for (k, &c) in rest.iter().enumerate().skip(1) {
        match (quote, c) {
            (None, '>') => return Some(i + k + 1),
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            _ => {}
        }
    }
    Some(src.len())
}

/// Lower-cased name of a tag and whether it is a closing tag; `None` for comments and doctypes.
fn tag_name(tag: &[char]) -> Option<(String, bool)> {
    let closing = tag.get(1) == Some(&'/');
    let start = if closing { 2 } else { 1 };
    let name: String = tag[start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (!name.is_empty()).then_some((name, closing))
}

/// Index just past the `</name …>` that closes a raw-text element opened before `from`.
fn raw_end(src: &[char], from: usize, name: &str) -> usize {
    let close: Vec<char> = format!("</{name}").chars().collect();
    let found = (from..src.len().saturating_sub(close.len() - 1)).find(|&k| {
        src[k..k + close.len()]
            .iter()
            .zip(&close)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    });
    match found {
        Some(k) => markup_end(src, k).unwrap_or(src.len()),
        None => src.len(),
    }
}

/// Decodes the entity at `src[i] == '&'` into `out`, returning the index after it; a lone `&` is kept.
fn entity(src: &[char], i: usize, offset: usize, out: &mut Spanned) -> usize {
    let body = src[i + 1..]
        .iter()
        .take(32)
        .position(|&c| c == ';')
        .map(|p| i + 1..i + 1 + p)
        .filter(|r: &Range<usize>| {
            !r.is_empty()
                && src[r.clone()]
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || *c == '#')
        });
    if let Some(body) = body {
        let raw: String = src[i..=body.end].iter().collect();
        let decoded = html_escape::decode_html_entities(&raw);
        if decoded != raw {
            for c in decoded.chars() {
                out.push(c, offset + i..offset + body.end + 1);
            }
            return body.end + 1;
        }
    }
    out.push('&', offset + i..offset + i + 1);
    i + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Spanned {
        let chars: Vec<char> = s.chars().collect();
        extract(&chars, 0)
    }

    #[test]
    fn drops_tags_comments_attributes() {
        let s = run(
            r#"<!-- EM_StockImg_Start --><p style="a>b"><a href="http://x"><img alt="K图" /></a></p><!-- EM_StockImg_End --><p>稀土<strong>集团</strong></p>"#,
        );
        assert_eq!(s.text(), "\n\n\n稀土集团\n");
    }

    #[test]
    fn script_and_style_content_is_dropped() {
        assert_eq!(
            run("<script>var a = '<p>';</script>正文<STYLE>p{}</STYLE>").text(),
            "正文"
        );
    }

    #[test]
    fn entities_decode_and_span_the_entity() {
        let s = run("1+1&gt;3&nbsp;A&amp;B&#12288;x & y");
        assert_eq!(s.text(), "1+1>3\u{a0}A&B\u{3000}x & y");
        assert_eq!(s.spans[3], 3..7);
    }

    #[test]
    fn newlines_are_spaces_unless_blank_line() {
        assert_eq!(run("a\nb\n\n<http://x.y/z>\n\nc").text(), "a b\n \n c");
    }

    #[test]
    fn literal_angle_bracket() {
        assert_eq!(run("a < b").text(), "a < b");
    }
}
