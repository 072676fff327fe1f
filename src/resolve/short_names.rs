//! Corpus-wide short names: once every document is resolved, a name that is a short form of exactly one
//! fuller name of the same type anywhere in the corpus joins that entity (有研集团 in one document and
//! 中国有研科技集团有限公司 in another; 凉山稀土 and 中稀(凉山)稀土). The type's `short_names` table in the
//! pack says how short forms are made, so the step itself knows nothing of any language.
//!
//! A fuller name's *cores* are what is left when a short name leaves parts out: its ending (集团), then
//! trailing `drop_words` (科技), then a leading `drop_prefixes` word (中国); a name 甲(乙)丙 with
//! `regional_parentheses` also has the cores 乙丙 and 甲乙. Another name is a short form when it is one of
//! those cores, with or without one of the endings (有研, 有研集团, 中稀凉山公司). It merges only when
//! exactly one entity fits after longer names have merged themselves, and never against a declared
//! non-merge. With `group_prefixes`, a name that starts with a group of the corpus (a name with an ending,
//! 中国稀土集团), the group's base (中国稀土) or its initials (中稀) also has the rest as a core, and the rest's
//! initials (中国稀土集团国际贸易 → 国际贸易, 国贸).

use std::collections::{BTreeMap, BTreeSet};

use super::keys::key_of;
use crate::graph::{EntityKey, EntityRecord, Findings};
use crate::rules::{RulePack, ShortNames};

/// A core must keep at least this many characters.
const MIN_CORE_CHARS: usize = 2;

/// Moves every short name of the corpus onto the fuller name it stands for, in every document's findings.
/// Facts that end up joining an entity to itself are dropped.
pub fn merge_short_names(pack: &RulePack, findings: &mut [Findings]) {
    let renames = short_name_targets(pack, findings);
    if renames.is_empty() {
        return;
    }
    for document in findings {
        rekey(document, &renames);
    }
}

/// The entity each short name of the corpus stands for.
fn short_name_targets(pack: &RulePack, findings: &[Findings]) -> BTreeMap<EntityKey, EntityKey> {
    let keys: BTreeMap<&EntityKey, &ShortNames> = findings
        .iter()
        .flat_map(|document| &document.entities)
        .filter_map(|entity| Some((&entity.key, table(pack, &entity.key)?)))
        .collect();
    let groups = group_prefixes(&keys);
    let mut owners: BTreeMap<(&str, String, Option<&str>), BTreeSet<&EntityKey>> = BTreeMap::new();
    for (&key, &table) in &keys {
        let ending = ending_of(&key.key, table);
        let names_other_group = |prefix: &str| {
            groups
                .get(key.kind.as_str())
                .and_then(|of_kind| of_kind.get(prefix))
                .is_some_and(|named| named.iter().any(|&group| group != key))
        };
        for core in cores(&key.key, table, &names_other_group) {
            for kept in [None, ending] {
                owners
                    .entry((&key.kind, core.clone(), kept))
                    .or_default()
                    .insert(key);
            }
        }
    }
    let mut by_length: Vec<(&EntityKey, &ShortNames)> = keys.into_iter().collect();
    by_length.sort_by_key(|(key, _)| std::cmp::Reverse(key.key.chars().count()));
    let mut renames: BTreeMap<EntityKey, EntityKey> = BTreeMap::new();
    for (key, table) in by_length {
        let length = key.key.chars().count();
        let targets: BTreeSet<EntityKey> = short_name_cores(&key.key, table)
            .into_iter()
            .filter_map(|(core, kept)| owners.get(&(key.kind.as_str(), core, kept)))
            .flatten()
            .filter(|&&fuller| fuller.key.chars().count() > length)
            .filter(|&&fuller| !declared_distinct(pack, fuller, key))
            .map(|&fuller| renames.get(fuller).unwrap_or(fuller).clone())
            .collect();
        if let Ok([target]) = <[EntityKey; 1]>::try_from(targets.into_iter().collect::<Vec<_>>()) {
            renames.insert(key.clone(), target);
        }
    }
    renames
}

/// The `short_names` table of a key's type, if it has one.
fn table<'p>(pack: &'p RulePack, key: &EntityKey) -> Option<&'p ShortNames> {
    pack.entity_types.get(&key.kind)?.short_names.as_ref()
}

/// Type → leading part naming a group → the groups it names.
type GroupPrefixes<'k> = BTreeMap<&'k str, BTreeMap<String, BTreeSet<&'k EntityKey>>>;

/// Leading parts that name a group of the corpus, by type, with the groups they name: each name with one of
/// its table's `endings` (when the table has `group_prefixes`), that name without the ending, and the
/// initials of the latter.
fn group_prefixes<'k>(keys: &BTreeMap<&'k EntityKey, &ShortNames>) -> GroupPrefixes<'k> {
    let mut groups = GroupPrefixes::new();
    for (&key, &table) in keys.iter().filter(|(_, table)| table.group_prefixes) {
        let Some(base) = ending_of(&key.key, table).and_then(|ending| key.key.strip_suffix(ending))
        else {
            continue;
        };
        if base.chars().count() < MIN_CORE_CHARS {
            continue;
        }
        let prefixes = [
            Some(key.key.clone()),
            Some(base.to_string()),
            initials(base, table),
        ];
        for prefix in prefixes.into_iter().flatten() {
            groups
                .entry(key.kind.as_str())
                .or_default()
                .entry(prefix)
                .or_default()
                .insert(key);
        }
    }
    groups
}

/// The first character of each word of `text`, when it is two or more words of the table's
/// `initials_of_words` letters each (国际贸易 → 国贸).
fn initials(text: &str, table: &ShortNames) -> Option<String> {
    let word = table.initials_of_words;
    let chars: Vec<char> = text.chars().collect();
    let whole_words = word > 0 && chars.len() >= 2 * word && chars.len().is_multiple_of(word);
    (whole_words && chars.iter().all(|c| c.is_alphabetic()))
        .then(|| chars.iter().step_by(word).collect())
}

/// What a fuller name may be shortened to (without any ending); `names_other_group` says whether a
/// leading part of the name names a group of the corpus other than the name's own entity.
fn cores(
    name: &str,
    table: &ShortNames,
    names_other_group: &dyn Fn(&str) -> bool,
) -> BTreeSet<String> {
    let mut stems = vec![name.to_string()];
    if let Some(base) = ending_of(name, table)
        .and_then(|ending| name.strip_suffix(ending))
        .filter(|base| !base.is_empty())
    {
        stems.push(base.to_string());
        stems.extend(without_drop_words(base, table));
    }
    let mut cores = BTreeSet::new();
    for stem in stems {
        if table.regional_parentheses
            && let Some((before, region, after)) = regional_parts(&stem)
        {
            cores.insert(format!("{before}{region}"));
            let mut afters = vec![after.to_string()];
            afters.extend(without_drop_words(after, table));
            for after in afters.iter().filter(|after| !after.is_empty()) {
                cores.insert(format!("{region}{after}"));
                cores.insert(format!("{before}{region}{after}"));
            }
        }
        for prefix in &table.drop_prefixes {
            if let Some(rest) = stem.strip_prefix(prefix.as_str())
                && rest.chars().count() >= MIN_CORE_CHARS
            {
                cores.insert(rest.to_string());
            }
        }
        if table.group_prefixes {
            for (at, _) in stem.char_indices().skip(MIN_CORE_CHARS) {
                let (prefix, rest) = stem.split_at(at);
                if rest.chars().count() >= MIN_CORE_CHARS && names_other_group(prefix) {
                    cores.extend(initials(rest, table));
                    cores.insert(rest.to_string());
                }
            }
        }
        cores.insert(stem);
    }
    cores.retain(|core| core.chars().count() >= MIN_CORE_CHARS && core != name);
    cores
}

/// The cores a name could be a short form of, each with the ending the fuller name must share: the name
/// itself; the name without one of `endings` (有研集团 → 有研, only for a fuller name ending in 集团 too);
/// the name without one of `short_endings` (中稀凉山公司 → 中稀凉山, for any fuller name).
fn short_name_cores<'t>(name: &str, table: &'t ShortNames) -> Vec<(String, Option<&'t str>)> {
    let mut candidates = vec![(name.to_string(), None)];
    let endings = table.endings.iter().map(|ending| (ending, true));
    let short_endings = table.short_endings.iter().map(|ending| (ending, false));
    for (ending, shared) in endings.chain(short_endings) {
        if let Some(core) = name.strip_suffix(ending.as_str())
            && core.chars().count() >= MIN_CORE_CHARS
        {
            candidates.push((core.to_string(), shared.then_some(ending.as_str())));
        }
    }
    candidates
}

/// The first of `endings` the name ends with.
fn ending_of<'t>(name: &str, table: &'t ShortNames) -> Option<&'t str> {
    table
        .endings
        .iter()
        .map(String::as_str)
        .find(|ending| name.ends_with(ending))
}

/// Every shortening of `stem` by trailing drop words, one word at a time, longest first.
fn without_drop_words(stem: &str, table: &ShortNames) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![stem.to_string()];
    while let Some(current) = pending.pop() {
        for word in &table.drop_words {
            if let Some(shorter) = current.strip_suffix(word.as_str())
                && !shorter.is_empty()
                && !found.iter().any(|seen: &String| seen == shorter)
            {
                found.push(shorter.to_string());
                pending.push(shorter.to_string());
            }
        }
    }
    found.sort_by_key(|shorter| std::cmp::Reverse(shorter.chars().count()));
    found
}

/// `甲(乙)丙` as (甲, 乙, 丙) when 甲 is not empty and 乙 is letters only (not a stock code).
fn regional_parts(name: &str) -> Option<(&str, &str, &str)> {
    let (before, rest) = name.split_once('(')?;
    let (region, after) = rest.split_once(')')?;
    let letters = !region.is_empty() && region.chars().all(char::is_alphabetic);
    (letters && !before.is_empty()).then_some((before, region, after))
}

/// Whether the pack declares that `short` never merges into `fuller`.
fn declared_distinct(pack: &RulePack, fuller: &EntityKey, short: &EntityKey) -> bool {
    pack.aliases.iter().any(|declared| {
        declared.kind == fuller.kind
            && key_of(pack, &declared.kind, &declared.name) == *fuller
            && declared
                .distinct
                .iter()
                .any(|name| key_of(pack, &declared.kind, name) == *short)
    })
}

/// Applies the renames to one document's findings, merging records that now share a key.
fn rekey(document: &mut Findings, renames: &BTreeMap<EntityKey, EntityKey>) {
    let renamed = |key: &EntityKey| renames.get(key).unwrap_or(key).clone();
    let mut merged: BTreeMap<EntityKey, EntityRecord> = BTreeMap::new();
    for mut entity in std::mem::take(&mut document.entities) {
        entity.key = renamed(&entity.key);
        match merged.get_mut(&entity.key) {
            Some(record) => {
                record.names.append(&mut entity.names);
                record.surfaces.append(&mut entity.surfaces);
                record.mentions += entity.mentions;
                record.literal |= entity.literal;
            }
            None => {
                merged.insert(entity.key.clone(), entity);
            }
        }
    }
    document.entities = merged.into_values().collect();
    for fact in &mut document.facts {
        fact.subject = renamed(&fact.subject);
        fact.object = renamed(&fact.object);
    }
    document.facts.retain(|fact| fact.subject != fact.object);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> ShortNames {
        ShortNames {
            endings: vec!["集团".into()],
            short_endings: vec!["公司".into()],
            drop_prefixes: vec!["中国".into()],
            drop_words: vec!["科技".into(), "稀土".into(), "新材料".into()],
            regional_parentheses: true,
            group_prefixes: true,
            initials_of_words: 2,
        }
    }

    fn cores(name: &str, table: &ShortNames) -> BTreeSet<String> {
        super::cores(name, table, &|_| false)
    }

    #[test]
    fn a_group_name_is_shortened_by_ending_drop_words_and_prefix() {
        let cores = cores("中国有研科技集团", &table());
        for core in ["中国有研科技", "中国有研", "有研科技", "有研"] {
            assert!(cores.contains(core), "{core} missing from {cores:?}");
        }
        assert!(!cores.contains("中国有研科技集团"));
    }

    #[test]
    fn a_name_without_the_ending_keeps_its_industry_words() {
        assert!(cores("有研稀土新材料", &table()).is_empty());
    }

    #[test]
    fn regional_parentheses_give_region_first_and_brand_first_forms() {
        let regional = cores("中稀(凉山)稀土", &table());
        assert!(regional.contains("凉山稀土"));
        assert!(regional.contains("中稀凉山"));
        assert!(!regional.contains("凉山"), "a bare region is no short name");
        assert!(cores("华夏稀材(600111)", &table()).is_empty());
    }

    #[test]
    fn a_leading_group_its_base_or_its_initials_may_be_left_out() {
        let groups = ["中国稀土集团", "中国稀土", "中稀"];
        let is_group = |prefix: &str| groups.contains(&prefix);
        let trade = super::cores("中国稀土集团国际贸易", &table(), &is_group);
        assert!(
            trade.contains("国际贸易") && trade.contains("国贸"),
            "{trade:?}"
        );
        let guangxi = super::cores("中稀广西稀土", &table(), &is_group);
        assert!(guangxi.contains("广西稀土"), "{guangxi:?}");
        assert!(
            cores("中稀广西稀土", &table()).is_empty(),
            "no group, no core"
        );
        assert_eq!(initials("国际贸易", &table()).as_deref(), Some("国贸"));
        assert_eq!(initials("国际贸易公", &table()), None);
        assert_eq!(initials("国际", &table()), None);
    }

    #[test]
    fn a_short_name_is_compared_with_and_without_its_ending() {
        assert_eq!(
            short_name_cores("中稀凉山公司", &table()),
            [
                ("中稀凉山公司".to_string(), None),
                ("中稀凉山".to_string(), None)
            ]
        );
        assert_eq!(
            short_name_cores("有研集团", &table())[1],
            ("有研".to_string(), Some("集团"))
        );
    }
}
