//! Reference words (集团, 本公司): each unglued reference binds to the document's main entity of its type.
//!
//! It runs after every naming step, so the candidates it scores carry their final keys.

use std::collections::BTreeMap;

use super::keys::fold;
use crate::extract::Mention;
use crate::graph::EntityKey;

/// Binds each reference word to the document's main entity of its type: preferring an entity named in
/// the title (the first line), then one whose name contains the word and that is mentioned more than
/// once (集团 → a 集团), then the most mentioned, then the first mentioned. Glued words are names, not
/// references.
pub(super) fn bind_references(
    text: &str,
    mentions: &[Mention],
    glued: &[Option<String>],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    type Score = (bool, usize, std::cmp::Reverse<usize>, usize);
    for index in 0..mentions.len() {
        let mention = &mentions[index];
        if !mention.refers_to_subject || glued[index].is_some() {
            continue;
        }
        let word = fold(&text[mention.span.clone()]);
        let mut tally: BTreeMap<&EntityKey, Score> = BTreeMap::new();
        for ((other, key), glue) in mentions.iter().zip(keys.iter()).zip(glued) {
            let Some(key) = key else { continue };
            if other.kind != mention.kind || (other.refers_to_subject && glue.is_none()) {
                continue;
            }
            let entry =
                tally
                    .entry(key)
                    .or_insert((false, 0, std::cmp::Reverse(other.span.start), 0));
            entry.0 |= other.sentence == 0;
            entry.3 += 1;
        }
        let best = tally
            .into_iter()
            .max_by_key(|(key, (title, _, first, count))| {
                let contains = key.key.contains(&word) && *count > 1;
                (*title, contains, *count, *first)
            })
            .map(|(key, _)| key.clone());
        if let Some(best) = best {
            let name = mentions
                .iter()
                .zip(keys.iter())
                .zip(names.iter())
                .find(|((_, key), _)| key.as_ref() == Some(&best))
                .map(|(_, name)| name.clone());
            if let Some(name) = name {
                names[index] = name;
            }
            keys[index] = Some(best);
        }
    }
}
