//! Untitled things (an agreement named only by its kind): each is named from its parties, so two
//! different signings never merge and the same signing written twice does.
//!
//! It runs after reference binding because a party may be a reference word, shown by its entity's key.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::keys::fold;
use crate::extract::{Extraction, Fact};
use crate::graph::EntityKey;
use crate::rules::RulePack;

/// Names each untitled mention from the subjects of the facts it is the object of (its parties), in the
/// order the text gives them and as the text writes them (a reference word by its entity's key), plus its
/// own words: 甲与乙战略合作协议. Its key lists the parties' keys in sorted order, so the same signing
/// written with the parties the other way round is one entity. Without parties it is one entity per
/// document and words (`合作协议@doc.txt`: every 合作协议 of unknown parties in a document is one), and
/// only when another fact needs it (it is located somewhere); else it is no entity at all.
pub(super) fn name_untitled(
    pack: &RulePack,
    document: &str,
    text: &str,
    extraction: &Extraction,
    glued: &[Option<String>],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    let (by_object, by_subject) = facts_by_end(extraction);
    for (index, mention) in extraction.mentions.iter().enumerate() {
        if !mention.untitled {
            continue;
        }
        let mut parties: Vec<(usize, String, String)> = Vec::new();
        for fact in by_object.get(&index).into_iter().flatten() {
            let party = &extraction.mentions[fact.subject];
            let Some(key) = &keys[fact.subject] else {
                continue;
            };
            let shown = if let Some(name) = &glued[fact.subject] {
                name.clone()
            } else if party.refers_to_subject {
                key.key.clone()
            } else {
                fold(&text[party.span.clone()])
            };
            if parties.iter().all(|(_, _, seen)| seen != &key.key) {
                parties.push((party.span.start, shown, key.key.clone()));
            }
        }
        parties.sort();
        let own = fold(&text[mention.span.clone()]);
        let (name, key) = if parties.is_empty() {
            let needed = by_subject
                .get(&index)
                .into_iter()
                .flatten()
                .any(|fact| keys[fact.object].is_some());
            if !needed {
                keys[index] = None;
                continue;
            }
            let key = format!("{own}@{document}");
            (own, key)
        } else {
            let shown: Vec<&str> = parties.iter().map(|(_, shown, _)| shown.as_str()).collect();
            let mut sorted: Vec<&str> = parties.iter().map(|(_, _, key)| key.as_str()).collect();
            sorted.sort_unstable();
            (
                format!("{}{own}", shown.join(&pack.party_joiner)),
                format!("{}{own}", sorted.join(&pack.party_joiner)),
            )
        };
        names[index] = name;
        keys[index] = Some(EntityKey {
            kind: mention.kind.clone(),
            key,
        });
    }
}

/// The facts of an extraction by the mention at their object end, and by the one at their subject end,
/// each in fact order: the untitled steps look facts up per mention instead of scanning them all.
fn facts_by_end(extraction: &Extraction) -> (FactsOf<'_>, FactsOf<'_>) {
    let mut by_object: FactsOf<'_> = HashMap::new();
    let mut by_subject: FactsOf<'_> = HashMap::new();
    for fact in &extraction.facts {
        by_object.entry(fact.object).or_default().push(fact);
        by_subject.entry(fact.subject).or_default().push(fact);
    }
    (by_object, by_subject)
}

/// Facts by the index of one of their end mentions.
type FactsOf<'e> = HashMap<usize, Vec<&'e Fact>>;

/// Two untitled things of one document with the same parties are one when the words of one are a
/// subsequence of the other's (战略合作协议 and 战略合作框架协议): it takes the fuller name and key (of
/// the longest such mention, the first of equals). Mentions are compared once per distinct pair of
/// parties and words, so a document repeating one signing costs linear time.
pub(super) fn merge_untitled(
    text: &str,
    extraction: &Extraction,
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    let mentions = &extraction.mentions;
    let (by_object, _) = facts_by_end(extraction);
    // Per set of parties, per words, the longest untitled mention written so (the first of equals).
    let mut groups: BTreeMap<BTreeSet<EntityKey>, BTreeMap<String, usize>> = BTreeMap::new();
    let rank = |index: usize| (mentions[index].span.len(), std::cmp::Reverse(index));
    let mut untitled: Vec<(usize, BTreeSet<EntityKey>, String)> = Vec::new();
    for (index, mention) in mentions.iter().enumerate() {
        if !mention.untitled {
            continue;
        }
        let parties: BTreeSet<EntityKey> = by_object
            .get(&index)
            .into_iter()
            .flatten()
            .filter_map(|fact| keys[fact.subject].clone())
            .collect();
        let words = fold(&text[mention.span.clone()]);
        let best = groups
            .entry(parties.clone())
            .or_default()
            .entry(words.clone())
            .or_insert(index);
        if rank(index) > rank(*best) {
            *best = index;
        }
        untitled.push((index, parties, words));
    }
    for (short, parties, own) in untitled {
        if parties.is_empty() {
            continue;
        }
        let length = own.chars().count();
        let fuller = groups[&parties]
            .iter()
            .filter(|(words, _)| words.chars().count() > length && is_subsequence(&own, words))
            .map(|(_, &long)| long)
            .max_by_key(|&long| rank(long));
        if let Some(long) = fuller {
            keys[short] = keys[long].clone();
            names[short] = names[long].clone();
        }
    }
}

/// Whether the characters of `short` occur in `long` in order.
pub(super) fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|d| d == c))
}

#[cfg(test)]
mod tests {
    use super::is_subsequence;

    #[test]
    fn subsequence() {
        assert!(is_subsequence("战略合作协议", "战略合作框架协议"));
        assert!(!is_subsequence("采购合同", "战略合作框架协议"));
    }
}
