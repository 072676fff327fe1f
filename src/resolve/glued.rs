//! Glued short names: a reference word written right after a name (某某集团, where 集团 is a
//! `refers_to_subject` word) is the end of a short name, not a reference to the document's main entity.
//!
//! It runs before reference binding because a glued word must not be bound to the main entity; the
//! attestation rule (title line, or twice after a stop) and the pack's `not_names` keep verbs such as
//! 召开集团 out. Which characters a name is written in and where it stops come from the pack.

use std::collections::{HashMap, HashSet};

use super::keys::fold;
use crate::extract::Extraction;
use crate::rules::GluedNames;

/// How many characters before a position `stops_after` looks at: enough for a date such as `2023年12月`,
/// and a bound that keeps each check constant-time.
const CONTEXT_CHARS: usize = 12;

/// Reference words (集团) glued to a preceding name (某某集团) are not references but the end of a short
/// name. Reading backwards from the word, the name takes characters the pack's `glued_names` allows, up to
/// text its `stops_after` matches. It is accepted when the document writes it right after such a stop (or
/// the start of a sentence, or another mention) in its title line or at least twice elsewhere, and it does
/// not end in one of the pack's `not_names` words, so `召开集团` is never a name. Returns the full short name
/// for each such mention; without `glued_names` in the pack, none.
pub(super) fn glued_names(
    glue: Option<&GluedNames>,
    text: &str,
    extraction: &Extraction,
) -> Vec<Option<String>> {
    let mentions = &extraction.mentions;
    let Some(glue) = glue else {
        return vec![None; mentions.len()];
    };
    // (prefix, starts after a stop) per reference mention and prefix length.
    let mut candidates: Vec<Vec<(String, bool)>> = vec![Vec::new(); mentions.len()];
    for (index, mention) in mentions.iter().enumerate() {
        if !mention.refers_to_subject || mention.implied {
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
        let stops_at = |at: usize| at == floor || stops_before(glue, text, floor, at);
        let mut prefix = String::new();
        let mut taken = 0;
        let mut at = mention.span.start;
        let mut stopped = stops_at(at);
        while taken < glue.max_chars && !stopped {
            let Some(c) = text[floor..at].chars().next_back() else {
                break;
            };
            at -= c.len_utf8();
            prefix.insert(0, c);
            taken += 1;
            stopped = stops_at(at);
            let not_a_name = glue
                .not_names
                .iter()
                .any(|word| prefix.ends_with(word.as_str()));
            if taken >= glue.min_chars && !not_a_name {
                candidates[index].push((prefix.clone(), stopped));
            }
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

/// Whether a glued name cannot take the character before byte `at`: it is not one names are written in, or
/// the text up to `at` ends in a stop.
fn stops_before(glue: &GluedNames, text: &str, floor: usize, at: usize) -> bool {
    let Some(previous) = text[floor..at].chars().next_back() else {
        return true;
    };
    let window = text[floor..at]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(floor, |(start, _)| floor + start);
    !glue.characters.is_match(previous.encode_utf8(&mut [0; 4]))
        || glue.stops_after.is_match(&text[window..at])
}
