//! Relation stage: each sentence is written with every mention replaced by its type's placeholder
//! character, and relation (and alias) patterns run over that encoded sentence.

use std::collections::BTreeMap;
use std::ops::Range;

use regex::Captures;

use super::{DocumentAlias, Fact, Mention, RuleFilter};
use crate::rules::{Hierarchy, RelationRule, RulePack, ValueSource};

/// A sentence with its mentions replaced by placeholders, and the way back.
pub struct Encoded {
    /// The encoded sentence.
    pub text: String,
    /// For each byte offset of `text` (and its end), the byte offset in the normalised document text.
    to_source: Vec<usize>,
    /// Placeholder byte offset in `text` → mention index.
    placeholders: BTreeMap<usize, usize>,
}

impl Encoded {
    /// Encodes one sentence; `mentions` must be sorted by position.
    pub fn new(
        pack: &RulePack,
        text: &str,
        sentence: &Range<usize>,
        mentions: &[Mention],
        first: usize,
    ) -> Encoded {
        let mut encoded = String::with_capacity(sentence.len());
        let mut to_source = Vec::with_capacity(sentence.len() + 1);
        let mut placeholders = BTreeMap::new();
        let mut at = sentence.start;
        for (offset, mention) in mentions.iter().enumerate() {
            if mention.span.start < at || mention.span.end > sentence.end {
                continue;
            }
            push_text(&mut encoded, &mut to_source, text, at..mention.span.start);
            let placeholder = pack
                .entity_types
                .get(&mention.kind)
                .map_or('\u{FFFD}', |kind| {
                    if mention.refers_to_subject {
                        kind.reference_placeholder
                    } else {
                        kind.placeholder
                    }
                });
            placeholders.insert(encoded.len(), first + offset);
            for _ in 0..placeholder.len_utf8() {
                to_source.push(mention.span.start);
            }
            encoded.push(placeholder);
            at = mention.span.end;
        }
        push_text(&mut encoded, &mut to_source, text, at..sentence.end);
        to_source.push(sentence.end);
        Encoded {
            text: encoded,
            to_source,
            placeholders,
        }
    }

    /// Mentions whose placeholders lie in this byte range of the encoded text.
    pub fn mentions_in(&self, range: Range<usize>) -> Vec<usize> {
        self.placeholders
            .range(range)
            .map(|(_, &mention)| mention)
            .collect()
    }

    /// The normalised-text byte range for a byte range of the encoded text.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        self.to_source[range.start]..self.to_source[range.end]
    }
}

/// Copies text between mentions into the encoded sentence. Private-use characters of the text itself
/// (icon fonts in PDFs) become U+FFFD, so only placeholders match `\p{Co}` or a slot.
fn push_text(encoded: &mut String, to_source: &mut Vec<usize>, text: &str, range: Range<usize>) {
    if range.start >= range.end {
        return;
    }
    for (at, c) in text[range.clone()].char_indices() {
        let start = range.start + at;
        if is_private_use(c) {
            encoded.push('\u{FFFD}');
            to_source.extend(std::iter::repeat_n(start, '\u{FFFD}'.len_utf8()));
        } else {
            encoded.push(c);
            to_source.extend(start..start + c.len_utf8());
        }
    }
}

/// Characters of Unicode's private use areas (general category Co), which placeholders are drawn from.
fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

/// Mentions of one sentence: the slice of `mentions` (sorted) that lies inside it, and its first index.
fn sentence_mentions<'m>(
    mentions: &'m [Mention],
    sentence: &Range<usize>,
) -> (&'m [Mention], usize) {
    let first = mentions.partition_point(|mention| mention.span.start < sentence.start);
    let last = mentions.partition_point(|mention| mention.span.start < sentence.end);
    (&mentions[first..last], first)
}

/// Sentence `sentence` of a text encoded as relation patterns see it; `mentions` are all the text's
/// mentions, sorted by position.
pub fn encode_sentence(
    pack: &RulePack,
    text: &str,
    sentence: &Range<usize>,
    mentions: &[Mention],
) -> Encoded {
    let (local, first) = sentence_mentions(mentions, sentence);
    Encoded::new(pack, text, sentence, local, first)
}

/// Short names defined in the text by the pack's alias rules.
pub fn document_aliases(
    pack: &RulePack,
    text: &str,
    sentences: &[Range<usize>],
    mentions: &[Mention],
) -> Vec<DocumentAlias> {
    let mut aliases = Vec::new();
    if pack.alias_rules.is_empty() {
        return aliases;
    }
    for sentence in sentences {
        let (local, first) = sentence_mentions(mentions, sentence);
        let encoded = Encoded::new(pack, text, sentence, local, first);
        for rule in &pack.alias_rules {
            for captures in rule.regex.captures_iter(&encoded.text) {
                let (Some(full), Some(alias)) = (captures.name(&rule.slot), captures.name("alias"))
                else {
                    continue;
                };
                let Some(&full) = encoded.mentions_in(full.range()).first() else {
                    continue;
                };
                let alias_range = encoded.source_range(alias.range());
                let alias = text[alias_range].trim().to_string();
                if alias.is_empty() || alias == text[mentions[full].span.clone()] {
                    continue;
                }
                aliases.push(DocumentAlias {
                    alias,
                    full,
                    rule: rule.id.clone(),
                });
            }
        }
    }
    aliases
}

/// Facts of every relation rule (or the one the filter names).
pub fn facts(
    pack: &RulePack,
    text: &str,
    sentences: &[Range<usize>],
    mentions: &[Mention],
    filter: RuleFilter<'_>,
) -> Vec<Fact> {
    let mut facts = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let (local, first) = sentence_mentions(mentions, sentence);
        if local.len() < 2 {
            continue;
        }
        let encoded = Encoded::new(pack, text, sentence, local, first);
        for rule in &pack.relation_rules {
            if let RuleFilter::OnlyRelation(id) = filter
                && id != rule.id
            {
                continue;
            }
            let mut at = 0;
            while let Some(captures) = rule.regex.captures_at(&encoded.text, at) {
                facts_of_match(rule, &captures, &encoded, text, mentions, index, &mut facts);
                at = resume_at(rule, &captures, &encoded.text);
                if at > encoded.text.len() {
                    break;
                }
            }
        }
        if let Some(hierarchy) = &pack.hierarchy {
            let sentence_mentions = first..first + local.len();
            apply_hierarchy(
                hierarchy,
                text,
                mentions,
                sentence_mentions,
                index,
                hierarchy.add_facts && filter == RuleFilter::All,
                &mut facts,
            );
        }
    }
    facts
}

/// Where the search for a rule's next match starts: at its later subject or object slot, so a mention that
/// ends one match can start the next (in 甲省乙市丙区, 乙市 is the child of 甲省 and the parent of 丙区), else
/// after the match. Each restart is at a later mention, so a sentence is searched at most once per mention.
fn resume_at(rule: &RelationRule, captures: &Captures<'_>, text: &str) -> usize {
    let whole = captures.get(0).expect("group 0 is the whole match");
    let after_start = text[whole.start()..]
        .chars()
        .next()
        .map_or(whole.start() + 1, |c| whole.start() + c.len_utf8());
    let later_slot = [&rule.subject, &rule.object]
        .into_iter()
        .filter_map(|slot| captures.name(slot))
        .map(|group| group.start())
        .max()
        .filter(|&start| start > whole.start());
    later_slot.unwrap_or(whole.end()).max(after_start)
}

/// The name a mention is looked up by in a hierarchy: its lexicon name, else its text.
fn hierarchy_name<'t>(text: &'t str, mention: &'t Mention) -> &'t str {
    mention
        .canonical
        .as_deref()
        .unwrap_or(&text[mention.span.clone()])
}

/// Checks the sentence's facts of the hierarchy's relation against it: a fact between two known places
/// that the hierarchy contradicts is dropped. With `add`, also states the relation between two known
/// places written next to each other (省市县 order: the second inside the first) when the hierarchy agrees,
/// so every link of a chain such as 甲省乙市丙县 is found.
fn apply_hierarchy(
    hierarchy: &Hierarchy,
    text: &str,
    mentions: &[Mention],
    sentence_mentions: Range<usize>,
    sentence: usize,
    add: bool,
    facts: &mut Vec<Fact>,
) {
    let name = |index: usize| hierarchy_name(text, &mentions[index]);
    let known = |index: usize| {
        mentions[index].kind == hierarchy.entity_type && hierarchy.knows(name(index))
    };
    facts.retain(|fact| {
        fact.sentence != sentence
            || fact.relation != hierarchy.relation
            || !(known(fact.subject) && known(fact.object))
            || hierarchy.within(name(fact.subject), name(fact.object))
    });
    if !add {
        return;
    }
    let places: Vec<usize> = sentence_mentions.filter(|&index| known(index)).collect();
    for pair in places.windows(2) {
        let (parent, child) = (pair[0], pair[1]);
        let adjacent = mentions[parent].span.end == mentions[child].span.start;
        if !adjacent || name(child) == name(parent) || !hierarchy.within(name(child), name(parent))
        {
            continue;
        }
        let stated = facts.iter().any(|fact| {
            fact.sentence == sentence
                && fact.relation == hierarchy.relation
                && fact.subject == child
                && fact.object == parent
        });
        if !stated {
            facts.push(Fact {
                relation: hierarchy.relation.clone(),
                subject: child,
                object: parent,
                attrs: BTreeMap::new(),
                symmetric: false,
                sentence,
                rule: HIERARCHY_RULE.to_string(),
            });
        }
    }
}

/// Rule id recorded on facts the pack's hierarchy adds.
const HIERARCHY_RULE: &str = "hierarchy";

/// Every fact one match states: the product of the items of list slots.
fn facts_of_match(
    rule: &RelationRule,
    captures: &Captures<'_>,
    encoded: &Encoded,
    text: &str,
    mentions: &[Mention],
    sentence: usize,
    facts: &mut Vec<Fact>,
) {
    let items = |slot: &str| -> Vec<usize> {
        let mut found = captures
            .name(slot)
            .map(|group| encoded.mentions_in(group.range()))
            .unwrap_or_default();
        if let Some(exclude) = rule.exclude.get(slot) {
            found.retain(|&mention| !exclude.is_match(&text[mentions[mention].span.clone()]));
        }
        found
    };
    let context_excluded = rule.exclude.iter().any(|(slot, exclude)| {
        let fills_an_attribute = rule
            .attrs
            .values()
            .any(|source| matches!(source, ValueSource::Slot(filled) if filled == slot));
        *slot != rule.subject
            && *slot != rule.object
            && !fills_an_attribute
            && captures.name(slot).is_some_and(|group| {
                encoded
                    .mentions_in(group.range())
                    .iter()
                    .any(|&mention| exclude.is_match(&text[mentions[mention].span.clone()]))
            })
    });
    if context_excluded {
        return;
    }
    let subjects = items(&rule.subject);
    let objects = items(&rule.object);
    let mut attribute_choices: Vec<(String, Vec<String>)> = Vec::new();
    for (attr, source) in &rule.attrs {
        let values: Vec<String> = match source {
            ValueSource::Slot(slot) => items(slot)
                .into_iter()
                .map(|mention| text[mentions[mention].span.clone()].to_string())
                .collect(),
            ValueSource::Group(group) => captures
                .name(group)
                .map(|found| vec![text[encoded.source_range(found.range())].trim().to_string()])
                .unwrap_or_default(),
        };
        let values: Vec<String> = values
            .into_iter()
            .filter(|value| !value.is_empty())
            .collect();
        if !values.is_empty() {
            attribute_choices.push((attr.clone(), values));
        }
    }
    let mut attribute_sets = vec![rule.set.clone()];
    for (attr, values) in &attribute_choices {
        attribute_sets = attribute_sets
            .iter()
            .flat_map(|set| {
                values.iter().map(move |value| {
                    let mut set = set.clone();
                    set.insert(attr.clone(), value.clone());
                    set
                })
            })
            .collect();
    }
    for &subject in &subjects {
        for &object in &objects {
            if subject == object {
                continue;
            }
            for attrs in &attribute_sets {
                facts.push(Fact {
                    relation: rule.kind.clone(),
                    subject,
                    object,
                    attrs: attrs.clone(),
                    symmetric: rule.symmetric,
                    sentence,
                    rule: rule.id.clone(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn private_use_characters_of_the_text_are_never_placeholders() {
        let pack =
            crate::rules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
        let text = "北方铜业\u{F0000}公司\u{E001}董事长";
        let start = text.find("董事长").unwrap();
        let mention = Mention {
            span: start..text.len(),
            kind: "title".to_string(),
            sentence: 0,
            rule: "test".to_string(),
            canonical: None,
            refers_to_subject: false,
            untitled: false,
        };
        let encoded = encode_sentence(&pack, text, &(0..text.len()), &[mention]);
        let private: Vec<char> = encoded
            .text
            .chars()
            .filter(|&c| is_private_use(c))
            .collect();
        assert_eq!(private, [pack.entity_types["title"].placeholder]);
        let replaced = encoded.text.find('\u{FFFD}').unwrap();
        assert_eq!(encoded.source_range(replaced..replaced + 3), 12..16);
    }
}
