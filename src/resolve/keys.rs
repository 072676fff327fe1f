//! Merge keys: the key a name gets before any document-level step (folded, legal-form ending removed,
//! so `…有限公司` and `…有限责任公司` meet), the pack's declared aliases, and the fullest name per key.
//!
//! Every other step compares and rewrites these keys, so they live apart from the steps themselves.

use std::collections::HashMap;

use crate::extract::Mention;
use crate::graph::EntityKey;
use crate::rules::RulePack;

/// Folds a name for comparison: no whitespace.
pub fn fold(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The merge key of a name of a given type: folded, legal-form ending removed.
pub fn key_of(pack: &RulePack, kind: &str, name: &str) -> EntityKey {
    let folded = fold(name);
    let stripped = pack
        .entity_types
        .get(kind)
        .and_then(|entity_type| {
            entity_type
                .strip_suffixes
                .iter()
                .filter(|suffix| folded.ends_with(suffix.as_str()))
                .map(|suffix| &folded[..folded.len() - suffix.len()])
                .filter(|rest| rest.chars().count() >= 2)
                .min_by_key(|rest| rest.len())
        })
        .unwrap_or(&folded);
    EntityKey {
        kind: kind.to_string(),
        key: stripped.to_string(),
    }
}

pub(super) fn declared_aliases(pack: &RulePack) -> HashMap<(&str, &str), &str> {
    let mut map = HashMap::new();
    for decl in &pack.aliases {
        for alias in &decl.aliases {
            map.insert((decl.kind.as_str(), alias.as_str()), decl.name.as_str());
        }
    }
    map
}

pub(super) fn plain_key(pack: &RulePack, mention: &Mention, name: &str) -> Option<EntityKey> {
    let is_node = pack
        .entity_types
        .get(&mention.kind)
        .is_some_and(|kind| kind.node);
    (is_node && !mention.refers_to_subject && !mention.untitled)
        .then(|| key_of(pack, &mention.kind, name))
}

/// The longest name used for each key in the document (ties: code-point order).
pub(super) fn fullest_names(
    keys: &[Option<EntityKey>],
    names: &[String],
) -> HashMap<EntityKey, String> {
    let mut fullest: HashMap<EntityKey, String> = HashMap::new();
    for (key, name) in keys.iter().zip(names) {
        let Some(key) = key else { continue };
        let entry = fullest.entry(key.clone()).or_insert_with(|| name.clone());
        let longer = name.chars().count() > entry.chars().count();
        let same_but_smaller = name.chars().count() == entry.chars().count() && name < entry;
        if longer || same_but_smaller {
            entry.clone_from(name);
        }
    }
    fullest
}
