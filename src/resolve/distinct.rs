//! Declared non-merges: the `distinct` lists of `[[aliases]]` in pack.toml.
//!
//! Suffix folding and short forms may have put a distinct name on a protected entity's key; this step runs
//! after them and takes it off again, before references bind to the main entity.

use std::collections::HashSet;

use super::keys::{fold, key_of};
use crate::extract::Mention;
use crate::graph::EntityKey;
use crate::rules::RulePack;

/// Enforces the `distinct` lists of declared aliases: a mention whose own name is declared distinct from
/// an entity never takes that entity's key (not through legal-suffix folding nor short forms); it keeps
/// its own unfolded name as key.
pub(super) fn keep_distinct(
    pack: &RulePack,
    text: &str,
    mentions: &[Mention],
    own: &[String],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    for decl in pack.aliases.iter().filter(|decl| !decl.distinct.is_empty()) {
        let protected = key_of(pack, &decl.kind, &decl.name);
        let distinct: HashSet<String> = decl.distinct.iter().map(|name| fold(name)).collect();
        for (index, mention) in mentions.iter().enumerate() {
            let surface = fold(&text[mention.span.clone()]);
            let named = distinct.contains(&surface) || distinct.contains(&own[index]);
            if mention.kind != decl.kind || !named || keys[index].as_ref() != Some(&protected) {
                continue;
            }
            let mut key = if distinct.contains(&surface) {
                surface
            } else {
                own[index].clone()
            };
            names[index].clone_from(&key);
            if key == protected.key {
                key.push_str("#distinct");
            }
            keys[index] = Some(EntityKey {
                kind: mention.kind.clone(),
                key,
            });
        }
    }
}
