//! Longest matching prefix of a pattern: the expanded regex is parsed with `regex-syntax` into the pieces
//! of its top-level concatenation (runs of literal characters count as one piece), and the longest run of
//! leading pieces that still matches somewhere in a text tells how far the pattern got.

use std::ops::Range;

use regex::Regex;
use regex_syntax::ast::{self, Ast};

/// Alternations with more branches than this are shown abbreviated (lexicon expansions).
const ABBREVIATED_OVER: usize = 8;

/// Branches an abbreviated alternation keeps.
const SHOWN_BRANCHES: usize = 4;

/// Pieces longer than this (in chars) are cut when shown.
const SHOWN_CHARS: usize = 60;

/// A pattern split into its top-level pieces, with a compiled regex for every prefix of them.
#[derive(Debug)]
pub struct Prefixes {
    /// How each piece is shown: its pattern text, long alternations abbreviated.
    shown: Vec<String>,
    /// `regexes[k]` is the concatenation of the first `k + 1` pieces.
    regexes: Vec<Regex>,
}

/// How far a pattern got in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefixMatch {
    /// Number of leading pieces that match together (0: not even the first one).
    pub matched: usize,
    /// Byte range of the text the longest matching prefix matched (leftmost match).
    pub span: Option<Range<usize>>,
}

impl Prefixes {
    /// Splits `pattern` (an expanded, valid regex) into pieces and compiles every prefix.
    pub fn new(pattern: &str) -> Result<Prefixes, String> {
        let parsed = ast::parse::Parser::new()
            .parse(pattern)
            .map_err(|error| error.to_string())?;
        let start = parsed.span().start.offset;
        let pieces = pieces(&parsed);
        let mut shown = Vec::with_capacity(pieces.len());
        let mut regexes = Vec::with_capacity(pieces.len());
        for (span, piece) in &pieces {
            shown.push(show(&pattern[span.clone()], *piece));
            let prefix = &pattern[start..span.end];
            regexes.push(Regex::new(prefix).map_err(|error| error.to_string())?);
        }
        Ok(Prefixes { shown, regexes })
    }

    /// Number of pieces.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    /// Whether the pattern has no pieces (the empty pattern).
    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// Piece `index` (0-based) as shown to rule authors.
    pub fn piece(&self, index: usize) -> &str {
        &self.shown[index]
    }

    /// The longest prefix matching somewhere in `text`. Matching prefixes are closed under shortening,
    /// so a binary search over the prefix length finds it.
    pub fn longest(&self, text: &str) -> PrefixMatch {
        let (mut low, mut high) = (0, self.regexes.len());
        while low < high {
            let middle = (low + high).div_ceil(2);
            if self.regexes[middle - 1].is_match(text) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        let span = low
            .checked_sub(1)
            .and_then(|last| self.regexes[last].find(text))
            .map(|found| found.range());
        PrefixMatch { matched: low, span }
    }
}

/// The top-level pieces of a pattern with their byte spans; adjacent literals are merged.
fn pieces(parsed: &Ast) -> Vec<(Range<usize>, Option<&Ast>)> {
    let items: Vec<&Ast> = match parsed {
        Ast::Concat(concat) => concat.asts.iter().collect(),
        Ast::Empty(_) => Vec::new(),
        other => vec![other],
    };
    let mut out: Vec<(Range<usize>, Option<&Ast>)> = Vec::new();
    for item in items {
        let span = item.span().start.offset..item.span().end.offset;
        if let (Ast::Literal(_), Some((last, kept))) = (item, out.last_mut())
            && last.end == span.start
            && matches!(kept, None | Some(Ast::Literal(_)))
        {
            last.end = span.end;
            *kept = None;
            continue;
        }
        out.push((span, Some(item)));
    }
    out
}

/// A piece as shown: long alternations (lexicons) keep their first branches, other long pieces are cut.
/// `piece` is `None` for merged literal runs.
fn show(text: &str, piece: Option<&Ast>) -> String {
    if let Some(Ast::Group(group)) = piece
        && let Ast::Alternation(alternation) = group.ast.as_ref()
        && alternation.asts.len() > ABBREVIATED_OVER
    {
        let inner = group.ast.span();
        let open = &text[..inner.start.offset - group.span.start.offset];
        let branches: Vec<&str> = alternation.asts[..SHOWN_BRANCHES]
            .iter()
            .map(|branch| {
                let span = branch.span();
                &text[span.start.offset - group.span.start.offset
                    ..span.end.offset - group.span.start.offset]
            })
            .collect();
        let more = alternation.asts.len() - SHOWN_BRANCHES;
        return format!("{open}{}|…{more} more)", branches.join("|"));
    }
    if text.chars().count() > SHOWN_CHARS {
        let cut: String = text.chars().take(SHOWN_CHARS).collect();
        return format!("{cut}…");
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_runs_are_one_piece() {
        let prefixes = Prefixes::new(r"董事长(?P<m>\p{Han}{2,3})同志").unwrap();
        let shown: Vec<&str> = (0..prefixes.len()).map(|i| prefixes.piece(i)).collect();
        assert_eq!(shown, ["董事长", r"(?P<m>\p{Han}{2,3})", "同志"]);
    }

    #[test]
    fn longest_prefix_and_its_match() {
        let prefixes = Prefixes::new(r"董事长(?P<m>\p{Han}{2,3})同志").unwrap();
        let text = "董事长张建国主持会议";
        let found = prefixes.longest(text);
        assert_eq!(found.matched, 2);
        assert_eq!(&text[found.span.unwrap()], "董事长张建国");
        assert_eq!(prefixes.longest("会议很成功").matched, 0);
        assert_eq!(prefixes.longest("董事长张建国同志").matched, 3);
    }

    #[test]
    fn long_alternations_are_abbreviated() {
        let prefixes = Prefixes::new("(?:甲|乙|丙|丁|戊|己|庚|辛|壬|癸)公司").unwrap();
        assert_eq!(prefixes.piece(0), "(?:甲|乙|丙|丁|…6 more)");
        assert_eq!(prefixes.piece(1), "公司");
    }

    #[test]
    fn a_single_piece_and_the_empty_pattern() {
        let prefixes = Prefixes::new("甲|乙").unwrap();
        assert_eq!(prefixes.len(), 1);
        assert_eq!(prefixes.longest("乙").matched, 1);
        assert!(Prefixes::new("").unwrap().is_empty());
    }
}
