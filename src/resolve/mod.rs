//! Resolution: every mention of a document gets the canonical key and name of the entity it stands for.
//!
//! In order: lexicon entry names and declared aliases, short names the document defines, then reference
//! words (集团, 本公司) bound to the document's main entity of their type, and untitled things (an unnamed
//! agreement) named from their parties so two signings never merge. Keys fold legal-form endings so
//! `…有限公司` and `…有限责任公司` meet.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
    let own: Vec<String> = mentions
        .iter()
        .map(|mention| {
            mention
                .canonical
                .clone()
                .unwrap_or_else(|| fold(&text[mention.span.clone()]))
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
    let glued = glued_names(text, extraction);
    let mut keys: Vec<Option<EntityKey>> = Vec::with_capacity(mentions.len());
    for (index, mention) in mentions.iter().enumerate() {
        if let Some(name) = &glued[index] {
            names[index].clone_from(name);
            keys.push(Some(key_of(pack, &mention.kind, name)));
        } else {
            keys.push(plain_key(pack, mention, &names[index]));
        }
    }
    merge_extensions(pack, mentions, &mut keys, &mut names);
    let shortened = merge_short_forms(pack, mentions, &mut keys, &mut names);
    split_listed(pack, text, extraction, &shortened, &mut keys, &mut names);
    keep_distinct(pack, text, mentions, &own, &mut keys, &mut names);
    bind_references(text, mentions, &glued, &mut keys, &mut names);
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

/// Characters that end a name when reading backwards from a reference word: punctuation and the
/// function characters that never occur inside a name.
const NAME_BOUNDARY: &str = "与和及的在是为由对向将等了从把被给同跟并或以于、,:;!?()“”《》。·";

/// Words that stand before a reference word without being part of a name (所属集团, 召开集团…).
const NOT_NAME_ENDINGS: [&str; 40] = [
    "所属", "下属", "旗下", "召开", "组建", "成立", "全体", "我们", "本次", "整个", "带领", "推动",
    "支持", "加入", "包括", "通过", "强调", "要求", "指导", "希望", "认为", "表示", "指出", "鼓励",
    "助力", "帮助", "服务", "引领", "确保", "保证", "促进", "实现", "代表", "参加", "出席", "全面",
    "作为", "进入", "感谢", "祝贺",
];

/// Reference words (集团) glued to a preceding name (某某集团) are not references but the end of a short
/// name. The name is accepted when the document writes it right after a boundary (the start of a
/// sentence, punctuation, a function character or another mention) in its title line or at least twice
/// elsewhere, and the prefix is not a common verb, so `召开集团` is never a name. Returns the full short
/// name for each such mention.
fn glued_names(text: &str, extraction: &Extraction) -> Vec<Option<String>> {
    let mentions = &extraction.mentions;
    // (prefix, starts after a boundary) per reference mention and prefix length.
    let mut candidates: Vec<Vec<(String, bool)>> = vec![Vec::new(); mentions.len()];
    for (index, mention) in mentions.iter().enumerate() {
        if !mention.refers_to_subject {
            continue;
        }
        let floor = extraction
            .sentences
            .get(mention.sentence)
            .map_or(0, |sentence| sentence.start)
            .max(if index > 0 {
                mentions[index - 1].span.end
            } else {
                0
            });
        if floor > mention.span.start {
            continue;
        }
        let before: Vec<(usize, char)> = text[floor..mention.span.start]
            .char_indices()
            .map(|(at, c)| (floor + at, c))
            .collect();
        let mut prefix = String::new();
        for (taken, &(at, c)) in before.iter().rev().enumerate() {
            if !is_han(c) || NAME_BOUNDARY.contains(c) || taken >= 3 {
                break;
            }
            prefix.insert(0, c);
            if taken + 1 < 2 || NOT_NAME_ENDINGS.iter().any(|word| prefix.ends_with(word)) {
                continue;
            }
            let bounded = at == floor
                || text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !is_han(c) || NAME_BOUNDARY.contains(c));
            candidates[index].push((prefix.clone(), bounded));
        }
    }
    // Bounded occurrences per (prefix, word); an occurrence in the title line counts twice.
    let mut bounded: HashMap<(String, String), usize> = HashMap::new();
    for (mention, found) in mentions.iter().zip(&candidates) {
        let word = fold(&text[mention.span.clone()]);
        for (prefix, _) in found.iter().filter(|(_, bounded)| *bounded) {
            *bounded.entry((prefix.clone(), word.clone())).or_default() +=
                if mention.sentence == 0 { 2 } else { 1 };
        }
    }
    let attested: HashSet<(String, String)> = bounded
        .into_iter()
        .filter(|(_, count)| *count >= 2)
        .map(|(name, _)| name)
        .collect();
    mentions
        .iter()
        .zip(&candidates)
        .map(|(mention, found)| {
            let word = fold(&text[mention.span.clone()]);
            found
                .iter()
                .rev()
                .find(|(prefix, _)| attested.contains(&(prefix.clone(), word.clone())))
                .map(|(prefix, _)| format!("{prefix}{word}"))
        })
        .collect()
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// For types with `merge_one_char_extensions`: a name that is another name of the document (of at least
/// two characters) plus one trailing character joins that name's entity (敖某 and 敖某说 → 敖某).
fn merge_extensions(
    pack: &RulePack,
    mentions: &[Mention],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    let first_of: HashMap<EntityKey, usize> = keys
        .iter()
        .enumerate()
        .rev()
        .filter_map(|(index, key)| key.clone().map(|key| (key, index)))
        .collect();
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
fn merge_short_forms(
    pack: &RulePack,
    mentions: &[Mention],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) -> Vec<bool> {
    let mut merged = vec![false; mentions.len()];
    let first_of: HashMap<EntityKey, usize> = keys
        .iter()
        .enumerate()
        .rev()
        .filter_map(|(index, key)| key.clone().map(|key| (key, index)))
        .collect();
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
fn split_listed(
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

/// Enforces the `distinct` lists of declared aliases: a mention whose own name is declared distinct from
/// an entity never takes that entity's key (not through legal-suffix folding nor short forms); it keeps
/// its own unfolded name as key.
fn keep_distinct(
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

/// Binds each reference word to the document's main entity of its type: preferring an entity named in
/// the title (the first line), then one whose name contains the word and that is mentioned more than
/// once (集团 → a 集团), then the most mentioned, then the first mentioned. Glued words are names, not
/// references.
fn bind_references(
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

/// Names each untitled mention from the subjects of the facts it is the object of (its parties), in the
/// order the text gives them and as the text writes them (a reference word by its entity's key), plus its
/// own words: 甲与乙战略合作协议. Its key lists the parties' keys in sorted order, so the same signing
/// written with the parties the other way round is one entity. Without parties it is unique to its
/// sentence.
fn name_untitled(
    pack: &RulePack,
    document: &str,
    text: &str,
    extraction: &Extraction,
    glued: &[Option<String>],
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    for (index, mention) in extraction.mentions.iter().enumerate() {
        if !mention.untitled {
            continue;
        }
        let mut parties: Vec<(usize, String, String)> = Vec::new();
        for fact in extraction.facts.iter().filter(|fact| fact.object == index) {
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
            let key = format!("{own}@{document}#{}", mention.sentence);
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

/// Two untitled things of one document with the same parties are one when the words of one are a
/// subsequence of the other's (战略合作协议 and 战略合作框架协议): it takes the fuller name and key.
fn merge_untitled(
    text: &str,
    extraction: &Extraction,
    keys: &mut [Option<EntityKey>],
    names: &mut [String],
) {
    let mentions = &extraction.mentions;
    let parties = |index: usize, keys: &[Option<EntityKey>]| -> BTreeSet<EntityKey> {
        extraction
            .facts
            .iter()
            .filter(|fact| fact.object == index)
            .filter_map(|fact| keys[fact.subject].clone())
            .collect()
    };
    let untitled: Vec<usize> = (0..mentions.len())
        .filter(|&index| mentions[index].untitled)
        .collect();
    for &short in &untitled {
        let own = fold(&text[mentions[short].span.clone()]);
        let their = parties(short, keys);
        if their.is_empty() {
            continue;
        }
        let fuller = untitled
            .iter()
            .copied()
            .filter(|&long| {
                let words = fold(&text[mentions[long].span.clone()]);
                words.chars().count() > own.chars().count()
                    && is_subsequence(&own, &words)
                    && parties(long, keys) == their
            })
            .max_by_key(|&long| (mentions[long].span.len(), std::cmp::Reverse(long)));
        if let Some(long) = fuller {
            keys[short] = keys[long].clone();
            names[short] = names[long].clone();
        }
    }
}

/// Whether the characters of `short` occur in `long` in order.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|d| d == c))
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::extract::Fact;
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
        }
    }

    fn extraction(text: &str, mut mentions: Vec<Mention>, facts: Vec<Fact>) -> Extraction {
        mentions.sort_by_key(|mention| mention.span.start);
        Extraction {
            sentences: crate::segment::sentences(text),
            mentions,
            aliases: Vec::new(),
            facts,
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
    fn glued_reference_word_is_a_short_name_not_the_subject() {
        let text = "北方铜业有限责任公司与华宇集团签约。华宇集团表示满意。";
        let mut first = mention(text, "集团", 0, "company", 0);
        first.refers_to_subject = true;
        let mut second = mention(text, "集团", 1, "company", 1);
        second.refers_to_subject = true;
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
        let mut first = mention(text, "集团", 0, "company", 1);
        first.refers_to_subject = true;
        let mut second = mention(text, "集团", 1, "company", 2);
        second.refers_to_subject = true;
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
    fn subsequence() {
        assert!(is_subsequence("战略合作协议", "战略合作框架协议"));
        assert!(!is_subsequence("采购合同", "战略合作框架协议"));
    }
}
