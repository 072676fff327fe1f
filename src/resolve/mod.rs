//! Resolution: every mention of a document gets the canonical key and name of the entity it stands for.
//!
//! In order: lexicon entry names and declared aliases, short names the document defines, then reference
//! words (集团, 本公司) bound to the document's main entity of their type, and untitled things (an unnamed
//! agreement) named from their parties so two signings never merge. Keys fold legal-form endings so
//! `…有限公司` and `…有限责任公司` meet.
//!
//! Each step lives in its own module; [`resolve`] runs them in order over one shared `keys`/`names` pair:
//!
//! - [`keys`]: plain keys, declared aliases, the fullest name per key;
//! - [`glued`]: reference words glued to a name (某某集团) as short names;
//! - [`short_forms`]: one-character extensions, `short_form_endings` short forms and listed arms;
//! - [`units`]: units named without their parent (科学技术协会 beside 中国稀土集团科学技术协会);
//! - [`distinct`]: declared non-merges;
//! - [`references`]: reference words bound to the main entity;
//! - [`scoped`]: bare names of a place's bodies (市委) named from the document's place;
//! - [`untitled`]: unnamed agreements named from their parties, and merged when they are one.
//!
//! After every document is resolved, [`merge_short_names`] joins short names across the corpus
//! (有研集团 and 中国有研科技集团有限公司) by the pack's `short_names` tables.

mod distinct;
mod glued;
mod keys;
mod references;
mod scoped;
mod short_forms;
mod short_names;
mod units;
mod untitled;

use std::collections::HashMap;

use crate::extract::Extraction;
use crate::graph::EntityKey;
use crate::rules::RulePack;

use distinct::keep_distinct;
use glued::glued_names;
use keys::{declared_aliases, fullest_names, plain_key};
pub use keys::{fold, key_of};
use references::bind_references;
use scoped::bind_scoped;
use short_forms::{merge_extensions, merge_short_forms, split_listed};
pub use short_names::merge_short_names;
use units::merge_units;
use untitled::{merge_untitled, name_untitled};

/// The entity each mention of a document stands for.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Canonical key per mention; `None` for mentions that are not graph nodes (titles, unbound references).
    pub keys: Vec<Option<EntityKey>>,
    /// Canonical name per mention: the fullest name the document uses for its entity.
    pub names: Vec<String>,
}

/// A name as written, folded, without the page noise its type's `name_noise` matches.
pub fn written_name(pack: &RulePack, kind: &str, written: &str) -> String {
    let name = fold(written);
    match pack
        .entity_types
        .get(kind)
        .and_then(|entity_type| entity_type.name_noise.as_ref())
    {
        Some(noise) => noise.replace_all(&name, "").into_owned(),
        None => name,
    }
}

/// Resolves the mentions of one document. `text` is the normalised text the extraction ran on.
pub fn resolve(pack: &RulePack, document: &str, text: &str, extraction: &Extraction) -> Resolution {
    let declared = declared_aliases(pack);
    let mentions = &extraction.mentions;
    let own: Vec<String> = mentions
        .iter()
        .map(|mention| {
            mention
                .canonical
                .clone()
                .unwrap_or_else(|| written_name(pack, &mention.kind, &text[mention.span.clone()]))
        })
        .collect();
    let mut names: Vec<String> = mentions
        .iter()
        .zip(&own)
        .map(
            |(mention, own)| match declared.get(&(mention.kind.as_str(), own.as_str())) {
                Some(name) => name.to_string(),
                None => own.clone(),
            },
        )
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
    let glued = glued_names(pack.glued_names.as_ref(), text, extraction);
    let mut keys: Vec<Option<EntityKey>> = Vec::with_capacity(mentions.len());
    for (index, mention) in mentions.iter().enumerate() {
        // A rule whose mentions are reported but make no node (a byline's reporter).
        if pack
            .entity_rule(&mention.rule)
            .is_some_and(|rule| !rule.node)
        {
            keys.push(None);
        } else if let Some(name) = &glued[index] {
            names[index].clone_from(name);
            keys.push(Some(key_of(pack, &mention.kind, name)));
        } else {
            keys.push(plain_key(pack, mention, &names[index]));
        }
    }
    merge_extensions(pack, mentions, &mut keys, &mut names);
    merge_units(pack, text, mentions, &mut keys, &mut names);
    let shortened = merge_short_forms(pack, mentions, &mut keys, &mut names);
    split_listed(pack, text, extraction, &shortened, &mut keys, &mut names);
    keep_distinct(pack, text, mentions, &own, &mut keys, &mut names);
    bind_references(pack, text, mentions, &glued, &mut keys, &mut names);
    bind_scoped(pack, text, mentions, &mut keys, &mut names);
    name_untitled(
        pack, document, text, extraction, &glued, &mut keys, &mut names,
    );
    merge_untitled(text, extraction, &mut keys, &mut names);
    let fullest = fullest_names(&keys, &names);
    for (key, name) in keys.iter().zip(names.iter_mut()) {
        if let Some(best) = key.as_ref().and_then(|key| fullest.get(key)) {
            name.clone_from(best);
        }
    }
    Resolution { keys, names }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use std::collections::BTreeMap;

    use super::*;
    use crate::extract::{Fact, Mention};
    use crate::rules::DeclaredAlias;

    fn pack() -> RulePack {
        crate::rules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap()
    }

    /// A mention of the `nth` occurrence (from 0) of `needle` in `text`.
    fn mention(text: &str, needle: &str, nth: usize, kind: &str, sentence: usize) -> Mention {
        let start = text.match_indices(needle).nth(nth).unwrap().0;
        Mention {
            span: start..start + needle.len(),
            kind: kind.to_string(),
            sentence,
            rule: "test".to_string(),
            canonical: None,
            refers_to_subject: false,
            untitled: false,
            implied: false,
            scoped: false,
            cue: false,
        }
    }

    /// A reference-word mention (集团 standing for the document's main entity).
    fn reference(text: &str, needle: &str, nth: usize, kind: &str, sentence: usize) -> Mention {
        Mention {
            refers_to_subject: true,
            ..mention(text, needle, nth, kind, sentence)
        }
    }

    fn extraction(text: &str, mut mentions: Vec<Mention>, facts: Vec<Fact>) -> Extraction {
        mentions.sort_by_key(|mention| mention.span.start);
        Extraction {
            sentences: crate::segment::sentences(text),
            mentions,
            aliases: Vec::new(),
            facts,
            long_sentences: (0, 0),
        }
    }

    fn fact(relation: &str, subject: usize, object: usize) -> Fact {
        Fact {
            relation: relation.to_string(),
            subject,
            object,
            attrs: BTreeMap::new(),
            symmetric: false,
            sentence: 0,
            rule: "test".to_string(),
        }
    }

    fn key(resolution: &Resolution, index: usize) -> &str {
        &resolution.keys[index].as_ref().unwrap().key
    }

    #[test]
    fn a_glued_name_stops_after_a_date() {
        let text = "2024年1月华宇集团董事长出席。";
        let ex = extraction(text, vec![reference(text, "集团", 0, "company", 0)], vec![]);
        assert_eq!(key(&resolve(&pack(), "doc", text, &ex), 0), "华宇集团");
        let text = "2024年1月月星集团董事长出席。";
        let ex = extraction(text, vec![reference(text, "集团", 0, "company", 0)], vec![]);
        assert_eq!(key(&resolve(&pack(), "doc", text, &ex), 0), "月星集团");
    }

    #[test]
    fn without_glued_names_in_the_pack_a_reference_word_is_never_glued() {
        let mut pack = pack();
        pack.glued_names = None;
        let text = "北方铜业有限责任公司与华宇集团签约。华宇集团表示满意。";
        let ex = extraction(
            text,
            vec![
                mention(text, "北方铜业有限责任公司", 0, "company", 0),
                reference(text, "集团", 0, "company", 0),
            ],
            vec![],
        );
        assert_eq!(key(&resolve(&pack, "doc", text, &ex), 1), "北方铜业");
    }

    #[test]
    fn glued_reference_word_is_a_short_name_not_the_subject() {
        let text = "北方铜业有限责任公司与华宇集团签约。华宇集团表示满意。";
        let first = reference(text, "集团", 0, "company", 0);
        let second = reference(text, "集团", 1, "company", 1);
        let ex = extraction(
            text,
            vec![
                mention(text, "北方铜业有限责任公司", 0, "company", 0),
                first,
                second,
            ],
            vec![],
        );
        let resolution = resolve(&pack(), "doc", text, &ex);
        assert_eq!(key(&resolution, 1), "华宇集团");
        assert_eq!(key(&resolution, 2), "华宇集团");
    }

    #[test]
    fn verb_before_reference_word_leaves_it_a_reference() {
        let text = "北方铜业有限责任公司召开会议。会上,强调集团要发展。会后,强调集团要稳健。";
        let first = reference(text, "集团", 0, "company", 1);
        let second = reference(text, "集团", 1, "company", 2);
        let ex = extraction(
            text,
            vec![
                mention(text, "北方铜业有限责任公司", 0, "company", 0),
                first,
                second,
            ],
            vec![],
        );
        let resolution = resolve(&pack(), "doc", text, &ex);
        assert_eq!(key(&resolution, 1), "北方铜业");
        assert_eq!(resolution.names[1], "北方铜业有限责任公司");
    }

    #[test]
    fn short_form_joins_the_group_but_its_listed_arm_stays_apart() {
        let text = "华夏稀材集团有限公司成立。华夏稀材见行动。拥有华夏稀材(600111)。";
        let mentions = vec![
            mention(text, "华夏稀材集团有限公司", 0, "company", 0),
            mention(text, "华夏稀材", 1, "company", 1),
            mention(text, "华夏稀材", 2, "company", 2),
            mention(text, "600111", 0, "stock_code", 2),
        ];
        let ex = extraction(text, mentions, vec![fact("listed_as", 2, 3)]);
        let resolution = resolve(&pack(), "doc", text, &ex);
        assert_eq!(key(&resolution, 0), "华夏稀材集团");
        assert_eq!(key(&resolution, 1), "华夏稀材集团");
        assert_eq!(resolution.names[1], "华夏稀材集团有限公司");
        assert_eq!(key(&resolution, 2), "华夏稀材(600111)");
    }

    #[test]
    fn declared_distinct_names_never_merge() {
        let mut pack = pack();
        pack.aliases.push(DeclaredAlias {
            kind: "company".to_string(),
            name: "北方铜业有限公司".to_string(),
            aliases: vec![],
            distinct: vec!["北方铜业股份有限公司".to_string()],
        });
        let text = "北方铜业有限公司和北方铜业股份有限公司是两家公司。";
        let mentions = vec![
            mention(text, "北方铜业有限公司", 0, "company", 0),
            mention(text, "北方铜业股份有限公司", 0, "company", 0),
        ];
        let resolution = resolve(&pack, "doc", text, &extraction(text, mentions, vec![]));
        assert_eq!(key(&resolution, 0), "北方铜业");
        assert_eq!(key(&resolution, 1), "北方铜业股份有限公司");
    }

    #[test]
    fn units_named_without_their_parent_join_the_parent_prefixed_name() {
        let text = "华夏稀材集团成立华夏稀材集团研究院和华夏稀材集团科学技术协会。集团研究院、科学技术协会、研究院参加,集团表示支持。";
        let group_word = reference(text, "集团", 4, "company", 1);
        let mentions = vec![
            mention(text, "华夏稀材集团", 0, "company", 0),
            mention(text, "华夏稀材集团研究院", 0, "organization", 0),
            mention(text, "华夏稀材集团科学技术协会", 0, "organization", 0),
            group_word,
            mention(text, "集团研究院", 1, "organization", 1),
            mention(text, "科学技术协会", 1, "organization", 1),
            mention(text, "研究院", 2, "organization", 1),
        ];
        let resolution = resolve(&pack(), "doc", text, &extraction(text, mentions, vec![]));
        // Sorted by position: the reference word 集团 comes last.
        assert_eq!(resolution.keys[3], resolution.keys[1]);
        assert_eq!(resolution.keys[4], resolution.keys[2]);
        assert_eq!(
            key(&resolution, 5),
            "研究院",
            "a bare generic word joins nothing"
        );
    }

    #[test]
    fn person_with_a_glued_character_is_the_same_person() {
        let text = "董事长张建国出席。张建国接受采访。";
        let mentions = vec![
            mention(text, "张建国", 0, "person", 0),
            mention(text, "张建国接", 0, "person", 1),
        ];
        let resolution = resolve(&pack(), "doc", text, &extraction(text, mentions, vec![]));
        assert_eq!(key(&resolution, 1), "张建国");
        assert_eq!(resolution.names[1], "张建国");
    }

    #[test]
    fn untitled_agreements_are_named_in_text_order_and_merge_with_fuller_kinds() {
        let text = "北京大学与北方铜业有限责任公司签署合作协议。北方铜业有限责任公司与北京大学签署合作框架协议。";
        let mut short = mention(text, "合作协议", 0, "agreement", 0);
        short.untitled = true;
        let mut long = mention(text, "合作框架协议", 0, "agreement", 1);
        long.untitled = true;
        let mentions = vec![
            mention(text, "北京大学", 0, "organization", 0),
            mention(text, "北方铜业有限责任公司", 0, "company", 0),
            short,
            mention(text, "北方铜业有限责任公司", 1, "company", 1),
            mention(text, "北京大学", 1, "organization", 1),
            long,
        ];
        let facts = vec![
            fact("party_to", 0, 2),
            fact("party_to", 1, 2),
            fact("party_to", 3, 5),
            fact("party_to", 4, 5),
        ];
        let resolution = resolve(&pack(), "doc", text, &extraction(text, mentions, facts));
        assert_eq!(
            resolution.names[5],
            "北方铜业有限责任公司与北京大学合作框架协议"
        );
        assert_eq!(resolution.keys[2], resolution.keys[5]);
        assert_eq!(resolution.names[2], resolution.names[5]);
    }

    #[test]
    fn untitled_agreements_without_parties_are_one_per_document_and_only_when_needed() {
        let text = "会上签署合作协议。双方在北京签署合作协议。合作协议在北京执行。";
        let mut mentions = vec![
            mention(text, "北京", 0, "location", 1),
            mention(text, "北京", 1, "location", 2),
        ];
        for nth in 0..3 {
            let mut agreement = mention(text, "合作协议", nth, "agreement", nth);
            agreement.untitled = true;
            mentions.push(agreement);
        }
        // Sorted by position: 合作协议 (0, no fact), 北京 (1), 合作协议 (2), 合作协议 (3), 北京 (4).
        let facts = vec![fact("located_in", 2, 1), fact("located_in", 3, 4)];
        let resolution = resolve(&pack(), "doc", text, &extraction(text, mentions, facts));
        assert_eq!(resolution.keys[0], None);
        assert_eq!(key(&resolution, 2), "合作协议@doc");
        assert_eq!(resolution.keys[2], resolution.keys[3]);
        assert_eq!(resolution.names[2], "合作协议");
    }
}
