//! Glued short names: a reference word written right after a name (某某集团, where 集团 is a
//! `refers_to_subject` word) is the end of a short name, not a reference to the document's main entity.
//!
//! It runs before reference binding because a glued word must not be bound to the main entity; the
//! attestation rule (title line, or twice after a boundary) keeps verbs such as 召开集团 out.

use std::collections::{HashMap, HashSet};

use super::keys::fold;
use crate::extract::Extraction;

/// Characters that end a name when reading backwards from a reference word: punctuation and the
/// function characters that never occur inside a name.
const NAME_BOUNDARY: &str = "与和及的在是为由对向将等了从把被给同跟并或以于、,:;!?()“”《》。·";

/// Words that stand before a reference word without being part of a name (所属集团, 召开集团…).
const NOT_NAME_ENDINGS: [&str; 40] = [
    "所属", "下属", "旗下", "召开", "组建", "成立", "全体", "我们", "本次", "整个", "带领", "推动",
    "支持", "加入", "包括", "通过", "强调", "要求", "指导", "希望", "认为", "表示", "指出", "鼓励",
    "助力", "帮助", "服务", "引领", "确保", "保证", "促进", "实现", "代表", "参加", "出席", "全面",
    "作为", "进入", "感谢", "祝贺",
];

/// Reference words (集团) glued to a preceding name (某某集团) are not references but the end of a short
/// name. The name is accepted when the document writes it right after a boundary (the start of a
/// sentence, punctuation, a function character or another mention) in its title line or at least twice
/// elsewhere, and the prefix is not a common verb, so `召开集团` is never a name. Returns the full short
/// name for each such mention.
pub(super) fn glued_names(text: &str, extraction: &Extraction) -> Vec<Option<String>> {
    let mentions = &extraction.mentions;
    // (prefix, starts after a boundary) per reference mention and prefix length.
    let mut candidates: Vec<Vec<(String, bool)>> = vec![Vec::new(); mentions.len()];
    for (index, mention) in mentions.iter().enumerate() {
        if !mention.refers_to_subject {
            continue;
        }
        let floor = extraction
            .sentences
            .get(mention.sentence)
            .map_or(0, |sentence| sentence.start)
            .max(if index > 0 {
                mentions[index - 1].span.end
            } else {
                0
            });
        if floor > mention.span.start {
            continue;
        }
        let before: Vec<(usize, char)> = text[floor..mention.span.start]
            .char_indices()
            .map(|(at, c)| (floor + at, c))
            .collect();
        let mut prefix = String::new();
        for (taken, &(at, c)) in before.iter().rev().enumerate() {
            if !is_han(c) || NAME_BOUNDARY.contains(c) || taken >= 3 {
                break;
            }
            prefix.insert(0, c);
            if taken + 1 < 2 || NOT_NAME_ENDINGS.iter().any(|word| prefix.ends_with(word)) {
                continue;
            }
            let bounded = at == floor
                || text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !is_han(c) || NAME_BOUNDARY.contains(c));
            candidates[index].push((prefix.clone(), bounded));
        }
    }
    // Bounded occurrences per (prefix, word); an occurrence in the title line counts twice.
    let mut bounded: HashMap<(String, String), usize> = HashMap::new();
    for (mention, found) in mentions.iter().zip(&candidates) {
        let word = fold(&text[mention.span.clone()]);
        for (prefix, _) in found.iter().filter(|(_, bounded)| *bounded) {
            *bounded.entry((prefix.clone(), word.clone())).or_default() +=
                if mention.sentence == 0 { 2 } else { 1 };
        }
    }
    let attested: HashSet<(String, String)> = bounded
        .into_iter()
        .filter(|(_, count)| *count >= 2)
        .map(|(name, _)| name)
        .collect();
    mentions
        .iter()
        .zip(&candidates)
        .map(|(mention, found)| {
            let word = fold(&text[mention.span.clone()]);
            found
                .iter()
                .rev()
                .find(|(prefix, _)| attested.contains(&(prefix.clone(), word.clone())))
                .map(|(prefix, _)| format!("{prefix}{word}"))
        })
        .collect()
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}
