//! Units named without their parent: in a document that names 中国稀土集团科学技术协会, a later 科学技术协会 —
//! or 集团研究院 beside 中国稀土集团研究院, where 集团 is a reference word standing for the parent — is that
//! unit, for entity types with `units_of_named_parents`.
//!
//! A name joins a longer name of its type when the longer name is the name of another entity of the
//! document followed by the short name (or by the short name without a leading reference word), and
//! exactly one longer name fits. A bare name needs [`MIN_BARE_CHARS`] characters, so a generic word such as
//! 研究院 alone never joins anything; after a reference word, two are enough.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::keys::fold;
use super::short_forms::first_mention_of_each_key;
use crate::extract::Mention;
use crate::graph::EntityKey;
use crate::rules::RulePack;

/// Shortest unit name that joins a longer one without a reference word before it.
const MIN_BARE_CHARS: usize = 4;
/// Shortest unit name left after a leading reference word.
const MIN_AFTER_REFERENCE_CHARS: usize = 2;

/// Moves units named without their parent onto the parent-prefixed name the document also uses.
pub(super) fn merge_units(
    pack: &RulePack,
    text: &str,
    mentions: &[Mention],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    let enabled = |kind: &str| {
        pack.entity_types
            .get(kind)
            .is_some_and(|kind| kind.units_of_named_parents)
    };
    if !mentions.iter().any(|mention| enabled(&mention.kind)) {
        return;
    }
    let surface = |mention: &Mention| fold(&text[mention.span.clone()]);
    let references: HashSet<String> = mentions
        .iter()
        .filter(|mention| mention.refers_to_subject && !mention.implied)
        .map(surface)
        .collect();
    let parents: HashSet<String> = mentions
        .iter()
        .filter(|mention| !mention.refers_to_subject && !mention.untitled)
        .map(surface)
        .collect();
    let first_of = first_mention_of_each_key(keys);
    // Every enabled name that is a parent's name followed by something, under (type, that something).
    let mut by_tail: HashMap<(&str, &str), BTreeSet<&EntityKey>> = HashMap::new();
    for longer in first_of.keys().filter(|key| enabled(&key.kind)) {
        for (at, _) in longer.key.char_indices().skip(1) {
            if parents.contains(&longer.key[..at]) {
                by_tail
                    .entry((&longer.kind, &longer.key[at..]))
                    .or_default()
                    .insert(longer);
            }
        }
    }
    let renames: Vec<(usize, EntityKey, usize)> = (0..mentions.len())
        .filter_map(|index| {
            let key = keys[index].as_ref().filter(|key| enabled(&key.kind))?;
            let targets: BTreeSet<&EntityKey> = unit_tails(&key.key, &references)
                .iter()
                .filter_map(|tail| by_tail.get(&(key.kind.as_str(), tail.as_str())))
                .flatten()
                .copied()
                .filter(|longer| *longer != key)
                .collect();
            match targets.into_iter().collect::<Vec<_>>().as_slice() {
                [target] => Some((index, (*target).clone(), first_of[*target])),
                _ => None,
            }
        })
        .collect();
    for (index, target, at) in renames {
        keys[index] = Some(target);
        names[index] = names[at].clone();
    }
}

/// What a name may follow its parent's name as: itself (when long enough), and itself without a leading
/// reference word (集团研究院 → 研究院).
fn unit_tails(name: &str, references: &HashSet<String>) -> Vec<String> {
    let mut tails = Vec::new();
    if name.chars().count() >= MIN_BARE_CHARS {
        tails.push(name.to_string());
    }
    for reference in references {
        if let Some(rest) = name.strip_prefix(reference.as_str())
            && rest.chars().count() >= MIN_AFTER_REFERENCE_CHARS
        {
            tails.push(rest.to_string());
        }
    }
    tails
}
