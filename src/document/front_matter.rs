//! YAML/Jekyll front matter: a `---` … `---` block at the start of the file (after any BOM or blank
//! lines) read into [`Metadata`]. Only the flat subset news front matter uses is understood:
//! `key: scalar` (optionally quoted), `key: [a, b]`, and `key:` followed by `- item` lines.

use std::ops::Range;

use super::Metadata;
use super::spanned::Spanned;

/// What the front matter yields besides the metadata.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FrontMatter {
    /// The parsed metadata.
    pub meta: Metadata,
    /// Code point where the body starts (just after the closing `---` line).
    pub body_start: usize,
    /// The title followed by a line break, spanned to the title value in the source; empty if none.
    pub title_line: Spanned,
}

/// One `key: value` entry with where its scalar value sits in the source.
struct Entry {
    key: String,
    values: Vec<String>,
    scalar: Option<Range<usize>>,
    line_end: usize,
}

/// Parses front matter at the start of `src`, if there is a well-formed block.
pub(crate) fn parse(src: &[char]) -> Option<FrontMatter> {
    let lines = lines(src);
    let mut it = lines
        .iter()
        .skip_while(|r| trim(src, r).iter().all(|&c| c == '\u{FEFF}'));
    let open = it.next()?;
    if trimmed_str(src, open) != "---" && trimmed_str(src, open) != "\u{FEFF}---" {
        return None;
    }
    let mut body: Vec<&Range<usize>> = Vec::new();
    let close = it.find(|r| {
        let t = trimmed_str(src, r);
        let end = t == "---" || t == "...";
        if !end {
            body.push(r);
        }
        end
    })?;
    let entries = entries(src, &body);
    if entries.is_empty() {
        return None;
    }
    let body_start = (close.end + 1).min(src.len());
    Some(assemble(src, entries, body_start))
}

fn assemble(src: &[char], entries: Vec<Entry>, body_start: usize) -> FrontMatter {
    let mut meta = Metadata::default();
    let mut title_line = Spanned::default();
    let mut author = None;
    for e in entries {
        let joined = e.values.join(", ");
        match e.key.as_str() {
            "title" if !joined.is_empty() => {
                if let Some(span) = e.scalar {
                    for i in span {
                        title_line.push(src[i], i..i + 1);
                    }
                    title_line.push('\n', e.line_end..(e.line_end + 1).min(src.len()));
                }
                meta.title = Some(joined);
            }
            "date" if !joined.is_empty() => meta.date = Some(joined),
            "categories" | "category" => {
                meta.categories = match e.scalar {
                    Some(_) => joined.split_whitespace().map(str::to_owned).collect(),
                    None => e.values,
                };
            }
            "source" if !joined.is_empty() => meta.source = Some(joined),
            key => {
                if key == "author" && !joined.is_empty() {
                    author = Some(joined.clone());
                }
                meta.extra.insert(e.key, joined);
            }
        }
    }
    if meta.source.is_none() {
        meta.source = author;
    }
    FrontMatter {
        meta,
        body_start,
        title_line,
    }
}

fn entries(src: &[char], body: &[&Range<usize>]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for r in body {
        let line = &src[(*r).clone()];
        let text: String = line.iter().collect();
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) =
            trimmed
                .strip_prefix("- ")
                .or(if trimmed == "-" { Some("") } else { None })
        {
            if let Some(last) = out.last_mut().filter(|e| e.scalar.is_none()) {
                last.values.push(unquote(item.trim()).to_owned());
            }
            continue;
        }
        if line.first().is_some_and(|c| c.is_whitespace()) {
            continue;
        }
        let Some(colon) = line.iter().position(|&c| c == ':') else {
            continue;
        };
        let key: String = line[..colon].iter().collect::<String>().trim().to_owned();
        let value = trim_range(line, colon + 1..line.len());
        let raw: String = line[value.clone()].iter().collect();
        let entry = if raw.is_empty() {
            Entry {
                key,
                values: Vec::new(),
                scalar: None,
                line_end: r.end,
            }
        } else if let Some(inner) = raw.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            let values = inner
                .split(',')
                .map(|v| unquote(v.trim()).to_owned())
                .filter(|v| !v.is_empty())
                .collect();
            Entry {
                key,
                values,
                scalar: None,
                line_end: r.end,
            }
        } else {
            let quoted = raw.len() >= 2
                && matches!(
                    (raw.chars().next(), raw.chars().last()),
                    (Some('"'), Some('"')) | (Some('\''), Some('\''))
                );
            let span = if quoted {
                value.start + 1..value.end - 1
            } else {
                value
            };
            let values = vec![line[span.clone()].iter().collect()];
            Entry {
                key,
                values,
                scalar: Some(r.start + span.start..r.start + span.end),
                line_end: r.end,
            }
        };
        out.push(entry);
    }
    out
}

fn unquote(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(s)
}

/// Line ranges (without the `\n`, nor a `\r` before it).
fn lines(src: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in src.iter().enumerate() {
        if c == '\n' {
            let end = if i > start && src[i - 1] == '\r' {
                i - 1
            } else {
                i
            };
            out.push(start..end);
            start = i + 1;
        }
    }
    if start < src.len() {
        out.push(start..src.len());
    }
    out
}

fn trim_range(line: &[char], r: Range<usize>) -> Range<usize> {
    let mut r = r;
    while r.start < r.end && line[r.start].is_whitespace() {
        r.start += 1;
    }
    while r.end > r.start && line[r.end - 1].is_whitespace() {
        r.end -= 1;
    }
    r
}

fn trim<'a>(src: &'a [char], r: &Range<usize>) -> &'a [char] {
    let line = &src[r.clone()];
    &line[trim_range(line, 0..line.len())]
}

fn trimmed_str(src: &[char], r: &Range<usize>) -> String {
    trim(src, r).iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn corpus(name: &str) -> Vec<char> {
        chars(&crate::document::corpus_text(name))
    }

    #[test]
    fn jekyll_front_matter_of_doc_000() {
        let src = corpus("000_d5226ad12f70f571.txt");
        let fm = parse(&src).unwrap();
        assert_eq!(
            fm.meta.title.as_deref(),
            Some("中国稀土集团董事长敖宏：深入推进稀土资产实质性重组")
        );
        assert_eq!(fm.meta.date.as_deref(), Some("2021-12-28 18:37:25 +0800"));
        assert_eq!(fm.meta.categories, vec!["zhongguoxitujituan"]);
        assert_eq!(fm.meta.extra["tags"], "中国稀土集团新闻");
        assert_eq!(fm.meta.extra["layout"], "post");
        let body: String = src[fm.body_start..fm.body_start + 3].iter().collect();
        assert_eq!(body, "<p ");
        assert_eq!(
            fm.title_line.text(),
            "中国稀土集团董事长敖宏：深入推进稀土资产实质性重组\n"
        );
        let first = fm.title_line.spans[0].start;
        let quoted: String = src[first - 1..first + 2].iter().collect();
        assert_eq!(quoted, "\"中国");
    }

    #[test]
    fn yaml_list_categories_after_blank_line_in_doc_001() {
        let src = corpus("001_fc6c1c474b2aa3d3.txt");
        let fm = parse(&src).unwrap();
        assert_eq!(
            fm.meta.title.as_deref(),
            Some("中国稀土集团与有研集团共建稀土创新基地")
        );
        assert_eq!(fm.meta.categories, vec!["金融", "中证网", "资讯"]);
        assert_eq!(
            fm.meta.date.as_deref(),
            Some("Wed, 20 Jul 2022 11:29:00 GMT")
        );
        assert_eq!(fm.meta.source.as_deref(), Some("中证网"));
        assert_eq!(fm.meta.extra["comments"], "false");
    }

    #[test]
    fn flow_list_and_explicit_source() {
        let src = chars("---\ncategories: [a, 'b']\nsource: 新华社\n---\nbody");
        let fm = parse(&src).unwrap();
        assert_eq!(fm.meta.categories, vec!["a", "b"]);
        assert_eq!(fm.meta.source.as_deref(), Some("新华社"));
        assert!(fm.title_line.chars.is_empty());
        assert_eq!(src[fm.body_start], 'b');
    }

    #[test]
    fn no_front_matter() {
        assert!(parse(&corpus("003_6edbb738d41674c3.txt")).is_none());
        assert!(parse(&chars("---\nnot closed: x\n")).is_none());
        assert!(parse(&chars("---\n---\ntext")).is_none());
    }
}
