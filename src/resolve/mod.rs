//! Resolution: every mention of a document gets the canonical key and name of the entity it stands for.
//!
//! In order: lexicon entry names and declared aliases, short names the document defines, then reference
//! words (集团, 本公司) bound to the document's main entity of their type, and untitled things (an unnamed
//! agreement) named from their parties so two signings never merge. Keys fold legal-form endings so
//! `…有限公司` and `…有限责任公司` meet.

use std::collections::{BTreeMap, HashMap};

use crate::extract::{Extraction, Mention};
use crate::graph::EntityKey;
use crate::rules::RulePack;

/// The entity each mention of a document stands for.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Canonical key per mention; `None` for mentions that are not graph nodes (titles, unbound references).
    pub keys: Vec<Option<EntityKey>>,
    /// Canonical name per mention: the fullest name the document uses for its entity.
    pub names: Vec<String>,
}

/// Resolves the mentions of one document. `text` is the normalised text the extraction ran on.
pub fn resolve(pack: &RulePack, document: &str, text: &str, extraction: &Extraction) -> Resolution {
    let declared = declared_aliases(pack);
    let mentions = &extraction.mentions;
    let mut names: Vec<String> = mentions
        .iter()
        .map(|mention| {
            let own = mention
                .canonical
                .clone()
                .unwrap_or_else(|| fold(&text[mention.span.clone()]));
            match declared.get(&(mention.kind.as_str(), own.as_str())) {
                Some(name) => name.to_string(),
                None => own,
            }
        })
        .collect();
    let defined: HashMap<&str, usize> = extraction
        .aliases
        .iter()
        .map(|alias| (alias.alias.as_str(), alias.full))
        .collect();
    for (index, mention) in mentions.iter().enumerate() {
        if let Some(&full) = defined.get(&text[mention.span.clone()])
            && full != index
        {
            names[index] = names[full].clone();
        }
    }
    let mut keys: Vec<Option<EntityKey>> = mentions
        .iter()
        .zip(&names)
        .map(|(mention, name)| plain_key(pack, mention, name))
        .collect();
    bind_references(text, mentions, &mut keys, &mut names);
    name_untitled(pack, document, text, extraction, &mut keys, &mut names);
    let fullest = fullest_names(&keys, &names);
    for (key, name) in keys.iter().zip(names.iter_mut()) {
        if let Some(best) = key.as_ref().and_then(|key| fullest.get(key)) {
            name.clone_from(best);
        }
    }
    Resolution { keys, names }
}

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

fn declared_aliases(pack: &RulePack) -> HashMap<(&str, &str), &str> {
    let mut map = HashMap::new();
    for decl in &pack.aliases {
        for alias in &decl.aliases {
            map.insert((decl.kind.as_str(), alias.as_str()), decl.name.as_str());
        }
    }
    map
}

fn plain_key(pack: &RulePack, mention: &Mention, name: &str) -> Option<EntityKey> {
    let is_node = pack
        .entity_types
        .get(&mention.kind)
        .is_some_and(|kind| kind.node);
    (is_node && !mention.refers_to_subject && !mention.untitled)
        .then(|| key_of(pack, &mention.kind, name))
}

/// Binds each reference word to the document's main entity of its type: preferring entities whose name
/// contains the word (集团 → a 集团), then the most mentioned, then the first mentioned.
fn bind_references(
    text: &str,
    mentions: &[Mention],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    for index in 0..mentions.len() {
        let mention = &mentions[index];
        if !mention.refers_to_subject {
            continue;
        }
        let word = fold(&text[mention.span.clone()]);
        let mut tally: BTreeMap<&EntityKey, (usize, std::cmp::Reverse<usize>, usize)> =
            BTreeMap::new();
        for (other, key) in mentions.iter().zip(keys.iter()) {
            let Some(key) = key else { continue };
            if other.kind != mention.kind || other.refers_to_subject {
                continue;
            }
            let entry = tally
                .entry(key)
                .or_insert((0, std::cmp::Reverse(other.span.start), 0));
            entry.0 = usize::from(key.key.contains(&word));
            entry.2 += 1;
        }
        let best = tally
            .into_iter()
            .max_by_key(|(_, (contains, first, count))| (*contains, *count, *first))
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

/// Names each untitled mention from the subjects of the facts it is the object of (its parties), plus its
/// own words; without parties it is unique to its sentence.
fn name_untitled(
    pack: &RulePack,
    document: &str,
    text: &str,
    extraction: &Extraction,
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    for (index, mention) in extraction.mentions.iter().enumerate() {
        if !mention.untitled {
            continue;
        }
        let mut parties: Vec<&str> = extraction
            .facts
            .iter()
            .filter(|fact| fact.object == index)
            .map(|fact| names[fact.subject].as_str())
            .collect();
        parties.sort_unstable();
        parties.dedup();
        let own = fold(&text[mention.span.clone()]);
        let (name, key) = if parties.is_empty() {
            let key = format!("{own}@{document}#{}", mention.sentence);
            (own, key)
        } else {
            let name = format!("{}{}", parties.join(&pack.party_joiner), own);
            (name.clone(), name)
        };
        names[index] = name;
        keys[index] = Some(EntityKey {
            kind: mention.kind.clone(),
            key,
        });
    }
}

/// The longest name used for each key in the document (ties: code-point order).
fn fullest_names(keys: &[Option<EntityKey>], names: &[String]) -> HashMap<EntityKey, String> {
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
