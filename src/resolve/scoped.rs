//! Bare names of a place's bodies (市委, 区政府): each names that body of the document's main place of the
//! level it starts with (荆州市委 in a document about 荆州市), as the pack's `[scoped_names]` says.
//!
//! A document that names no place of that level leaves the mention without an entity: a bare 市委 never
//! becomes a node of its own, and facts about it are dropped.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use super::keys::{fold, key_of};
use crate::extract::Mention;
use crate::graph::EntityKey;
use crate::rules::RulePack;

/// Names every scoped mention from the document's main place whose name ends in the mention's level word
/// (named in the title line first, then the most mentioned, then the first), or unbinds it. The places
/// are tallied once and the choice is made once per level word: linear in the mentions.
pub(super) fn bind_scoped(
    pack: &RulePack,
    text: &str,
    mentions: &[Mention],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    let Some(scoped) = &pack.scoped_names else {
        return;
    };
    if !mentions.iter().any(|mention| mention.scoped) {
        return;
    }
    // Per place name: named in the title, mentions, first position (reversed: earlier wins).
    let mut places: BTreeMap<&str, (bool, usize, Reverse<usize>)> = BTreeMap::new();
    for (index, mention) in mentions.iter().enumerate() {
        if mention.kind != scoped.place_type || keys[index].is_none() {
            continue;
        }
        let entry =
            places
                .entry(names[index].as_str())
                .or_insert((false, 0, Reverse(mention.span.start)));
        entry.0 |= mention.sentence == 0;
        entry.1 += 1;
    }
    let mut chosen: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut bindings = Vec::new();
    for (index, mention) in mentions.iter().enumerate() {
        if !mention.scoped {
            continue;
        }
        // A counterpart (市人民政府 of a bare 市委) is named by its canonical name, not its text.
        let written = fold(
            mention
                .canonical
                .as_deref()
                .unwrap_or(&text[mention.span.clone()]),
        );
        let name = scoped.level.find(&written).and_then(|level| {
            let rest = &written[level.end()..];
            let place = chosen
                .entry(level.as_str().to_string())
                .or_insert_with_key(|level| {
                    places
                        .iter()
                        .filter(|(name, _)| {
                            name.ends_with(level.as_str()) && name.len() > level.len()
                        })
                        .max_by_key(|(_, rank)| **rank)
                        .map(|(name, _)| name.to_string())
                });
            Some(format!("{}{rest}", place.as_ref()?))
        });
        bindings.push((index, name));
    }
    for (index, name) in bindings {
        match name {
            Some(name) => {
                keys[index] = Some(key_of(pack, &mentions[index].kind, &name));
                names[index] = name;
            }
            None => keys[index] = None,
        }
    }
}
