//! Reference words (集团, 本公司): each unglued reference binds to the document's main entity of its type.
//!
//! It runs after every naming step, so the candidates it scores carry their final keys.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use super::keys::fold;
use crate::extract::Mention;
use crate::graph::EntityKey;
use crate::rules::RulePack;

/// Binds each reference word to the document's main entity of its type: preferring, for a word that is
/// one of the type's `short_form_endings`, an entity whose name ends in it and that is mentioned more than
/// once (集团 → a 集团), then one a `subject_cue` rule
/// found in the document's lead (a listed company before its quote), then one named in the title (the first line), then the
/// most mentioned, then the first mentioned. Glued words are names, not references.
///
/// The tally of candidate entities is built once per type and the choice made once per distinct word,
/// so the work is linear in the number of mentions however many reference words a document holds.
pub(super) fn bind_references(
    pack: &RulePack,
    text: &str,
    mentions: &[Mention],
    glued: &[Option<String>],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    let endings = |kind: &str| -> &[String] {
        pack.entity_types
            .get(kind)
            .map_or(&[], |entity_type| entity_type.short_form_endings.as_slice())
    };
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut first_name: BTreeMap<&EntityKey, &str> = BTreeMap::new();
    for (index, other) in mentions.iter().enumerate() {
        let Some(key) = &keys[index] else { continue };
        if other.refers_to_subject && glued[index].is_none() {
            continue;
        }
        first_name.entry(key).or_insert(names[index].as_str());
        let entry = tallies
            .entry(other.kind.as_str())
            .or_default()
            .entry(key)
            .or_insert((false, false, Reverse(other.span.start), 0));
        entry.0 |= other.cue && other.sentence < CUE_LEAD_SENTENCES;
        entry.1 |= other.sentence == 0;
        entry.3 += 1;
    }
    let mut chosen: BTreeMap<(&str, String), Option<(EntityKey, String)>> = BTreeMap::new();
    let mut bindings = Vec::new();
    for (index, mention) in mentions.iter().enumerate() {
        if !mention.refers_to_subject || glued[index].is_some() {
            continue;
        }
        let word = fold(&text[mention.span.clone()]);
        let best = chosen
            .entry((mention.kind.as_str(), word))
            .or_insert_with_key(|(kind, word)| {
                let tally = tallies.get(kind)?;
                let ending = endings(kind).iter().any(|ending| ending == word);
                let (key, _) = tally
                    .iter()
                    .max_by_key(|(key, (cue, title, first, count))| {
                        let ends = ending && key.key.ends_with(word.as_str()) && *count > 1;
                        (ends, *cue, *title, *count, *first)
                    })?;
                Some(((*key).clone(), first_name[key].to_string()))
            });
        if let Some(best) = best {
            bindings.push((index, best.clone()));
        }
    }
    for (index, (key, name)) in bindings {
        keys[index] = Some(key);
        names[index] = name;
    }
}

/// Sentences of a document's lead, where a subject cue says what the document is about: an announcer
/// with its stock code opens the page, while a listed arm named deep in a long report is not its subject.
const CUE_LEAD_SENTENCES: usize = 5;

/// Per candidate entity: found by a subject cue, named in the title, first position (reversed, so
/// earlier wins), mentions.
type Tally<'k> = BTreeMap<&'k EntityKey, (bool, bool, Reverse<usize>, usize)>;
