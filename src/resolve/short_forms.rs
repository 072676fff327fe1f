//! Short forms within one document: one-character extensions of a person's name (张某 beside 张某说),
//! names that are another name minus a `short_form_endings` word (中国某某 beside 中国某某集团), and the
//! listed arm that such a short form followed by a stock code names.
//!
//! These steps only move a mention onto a key another mention of the same document already has (or, for a
//! listed arm, off it again), so they run after plain keys and before reference binding.

use std::collections::{BTreeSet, HashMap};

use super::keys::fold;
use crate::extract::{Extraction, Mention};
use crate::graph::EntityKey;
use crate::rules::RulePack;

/// For types with `merge_one_char_extensions`: a name that is another name of the document (of at least
/// two characters) plus one trailing character joins that name's entity (敖某 and 敖某说 → 敖某).
pub(super) fn merge_extensions(
    pack: &RulePack,
    mentions: &[Mention],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    let first_of = first_mention_of_each_key(keys);
    for index in 0..mentions.len() {
        let Some(key) = keys[index].clone() else {
            continue;
        };
        let enabled = pack
            .entity_types
            .get(&key.kind)
            .is_some_and(|kind| kind.merge_one_char_extensions);
        let Some((cut, _)) = key.key.char_indices().next_back() else {
            continue;
        };
        if !enabled || key.key[..cut].chars().count() < 2 {
            continue;
        }
        let shorter = EntityKey {
            kind: key.kind.clone(),
            key: key.key[..cut].to_string(),
        };
        if let Some(&at) = first_of.get(&shorter) {
            keys[index] = Some(shorter);
            names[index] = names[at].clone();
        }
    }
}

/// Short forms: a name equal to another name of the same type in the document minus one of the type's
/// `short_form_endings` (中国某某 beside 中国某某集团) joins that entity, when exactly one name fits.
/// Returns which mentions were merged this way.
pub(super) fn merge_short_forms(
    pack: &RulePack,
    mentions: &[Mention],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) -> Vec<bool> {
    let mut merged = vec![false; mentions.len()];
    let first_of = first_mention_of_each_key(keys);
    for index in 0..mentions.len() {
        let Some(key) = keys[index].clone() else {
            continue;
        };
        let Some(endings) = pack
            .entity_types
            .get(&key.kind)
            .map(|kind| &kind.short_form_endings)
        else {
            continue;
        };
        let targets: BTreeSet<(EntityKey, usize)> = endings
            .iter()
            .filter_map(|ending| {
                let longer = EntityKey {
                    kind: key.kind.clone(),
                    key: format!("{}{ending}", key.key),
                };
                first_of.get(&longer).map(|&at| (longer, at))
            })
            .collect();
        if let [(target, at)] = targets.into_iter().collect::<Vec<_>>().as_slice() {
            keys[index] = Some(target.clone());
            names[index] = names[*at].clone();
            merged[index] = true;
        }
    }
    merged
}

/// A short form followed by a stock code names the listed arm, not the group it is a short form of: it
/// becomes its own entity `short form(code)` (the listed company 某某(600000) beside the group 某某集团).
pub(super) fn split_listed(
    pack: &RulePack,
    text: &str,
    extraction: &Extraction,
    shortened: &[bool],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    for fact in &extraction.facts {
        let subject = &extraction.mentions[fact.subject];
        let object = &extraction.mentions[fact.object];
        let literal = pack
            .entity_types
            .get(&object.kind)
            .is_some_and(|kind| kind.literal);
        if !literal || !shortened[fact.subject] {
            continue;
        }
        let name = format!(
            "{}({})",
            fold(&text[subject.span.clone()]),
            fold(&text[object.span.clone()])
        );
        keys[fact.subject] = Some(EntityKey {
            kind: subject.kind.clone(),
            key: name.clone(),
        });
        names[fact.subject] = name;
    }
}

/// For each key, the index of its first mention (names are taken from there).
pub(super) fn first_mention_of_each_key(keys: &[Option<EntityKey>]) -> HashMap<EntityKey, usize> {
    keys.iter()
        .enumerate()
        .rev()
        .filter_map(|(index, key)| key.clone().map(|key| (key, index)))
        .collect()
}
