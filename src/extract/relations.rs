//! Relation stage: each sentence is written with every mention replaced by its type's placeholder
//! character, and relation (and alias) patterns run over that encoded sentence.

use std::collections::BTreeMap;
use std::ops::Range;

use regex::{Captures, Regex};

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
    /// Encodes one sentence; `mentions` must be sorted by position. Text inside `skipped` (sorted,
    /// disjoint byte ranges of `text`, such as alias definitions) is left out with the mentions in it.
    pub fn new(
        pack: &RulePack,
        text: &str,
        sentence: &Range<usize>,
        mentions: &[Mention],
        first: usize,
        skipped: &[Range<usize>],
    ) -> Encoded {
        let mut encoded = String::with_capacity(sentence.len());
        let mut to_source = Vec::with_capacity(sentence.len() + 1);
        let mut placeholders = BTreeMap::new();
        let first_skip = skipped.partition_point(|range| range.end <= sentence.start);
        let skipped = &skipped[first_skip..];
        let mut at = sentence.start;
        for (offset, mention) in mentions.iter().enumerate() {
            if mention.span.start < at
                || mention.span.end > sentence.end
                || skipped
                    .iter()
                    .take_while(|range| range.start < mention.span.end)
                    .any(|range| range.end > mention.span.start)
            {
                continue;
            }
            push_text(
                &mut encoded,
                &mut to_source,
                text,
                at..mention.span.start,
                skipped,
            );
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
        push_text(
            &mut encoded,
            &mut to_source,
            text,
            at..sentence.end,
            skipped,
        );
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

/// Copies text between mentions into the encoded sentence, leaving out what lies in `skipped`. Private-use
/// characters of the text itself (icon fonts in PDFs) become U+FFFD, so only placeholders match `\p{Co}`
/// or a slot.
fn push_text(
    encoded: &mut String,
    to_source: &mut Vec<usize>,
    text: &str,
    range: Range<usize>,
    skipped: &[Range<usize>],
) {
    if range.start >= range.end {
        return;
    }
    let mut skips = skipped
        .iter()
        .skip_while(|skip| skip.end <= range.start)
        .peekable();
    for (at, c) in text[range.clone()].char_indices() {
        let start = range.start + at;
        while skips.next_if(|skip| skip.end <= start).is_some() {}
        if skips.peek().is_some_and(|skip| skip.start <= start) {
            continue;
        }
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
/// mentions, sorted by position, and `skipped` the text's [`definitions`].
pub fn encode_sentence(
    pack: &RulePack,
    text: &str,
    sentence: &Range<usize>,
    mentions: &[Mention],
    skipped: &[Range<usize>],
) -> Encoded {
    let (local, first) = sentence_mentions(mentions, sentence);
    Encoded::new(pack, text, sentence, local, first, skipped)
}

/// The byte ranges of the text's alias definitions, sorted and disjoint: what relation patterns read past.
pub fn definitions(aliases: &[DocumentAlias]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = aliases
        .iter()
        .map(|alias| alias.definition.clone())
        .filter(|range| !range.is_empty())
        .collect();
    ranges.sort_by_key(|range| (range.start, range.end));
    let mut disjoint: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match disjoint.last_mut() {
            Some(last) if range.start < last.end => last.end = last.end.max(range.end),
            _ => disjoint.push(range),
        }
    }
    disjoint
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
        let encoded = Encoded::new(pack, text, sentence, local, first, &[]);
        for rule in &pack.alias_rules {
            for captures in rule.regex.captures_iter(&encoded.text) {
                let (Some(full), Some(alias)) = (captures.name(&rule.slot), captures.name("alias"))
                else {
                    continue;
                };
                let Some(&full_mention) = encoded.mentions_in(full.range()).first() else {
                    continue;
                };
                let definition = captures
                    .get(0)
                    .map_or(0..0, |whole| encoded.source_range(full.end()..whole.end()));
                let alias_range = encoded.source_range(alias.range());
                let alias = text[alias_range].trim().to_string();
                if alias.is_empty() || alias == text[mentions[full_mention].span.clone()] {
                    continue;
                }
                aliases.push(DocumentAlias {
                    alias,
                    full: full_mention,
                    rule: rule.id.clone(),
                    definition,
                });
            }
        }
    }
    aliases
}

/// Facts of every relation rule (or the one the filter names), and the implied mentions they use: an
/// implied end's index is `mentions.len()` plus its position in the second list (see [`with_implied`]).
pub fn facts(
    pack: &RulePack,
    text: &str,
    sentences: &[Range<usize>],
    mentions: &[Mention],
    aliases: &[DocumentAlias],
    filter: RuleFilter<'_>,
) -> (Vec<Fact>, Vec<Mention>) {
    let skipped = definitions(aliases);
    let mut facts = Vec::new();
    let mut implied = Implied {
        base: mentions.len(),
        mentions: Vec::new(),
        by_span: BTreeMap::new(),
        counterparts: BTreeMap::new(),
    };
    for (index, sentence) in sentences.iter().enumerate() {
        let (local, first) = sentence_mentions(mentions, sentence);
        let needs_two = pack
            .relation_rules
            .iter()
            .all(|rule| rule.implied.is_empty());
        if local.len() < 2 && (needs_two || local.is_empty()) {
            continue;
        }
        let encoded = Encoded::new(pack, text, sentence, local, first, &skipped);
        let mut found = Found {
            pack,
            encoded: &encoded,
            text,
            mentions,
            sentence: index,
            facts: &mut facts,
            implied: &mut implied,
        };
        for rule in &pack.relation_rules {
            if let RuleFilter::OnlyRelation(id) = filter
                && id != rule.id
            {
                continue;
            }
            let mut at = 0;
            while let Some(captures) = rule.regex.captures_at(&encoded.text, at) {
                let mut bindings = Bindings::of(&rule.regex, &captures, 0);
                found.facts_of_match(rule, &bindings);
                at = resume_at(rule, &captures, &encoded.text);
                if let Some(then) = &rule.then {
                    let mut end = captures.get(0).map_or(at, |whole| whole.end());
                    while let Some(next) = then.captures(&encoded.text[end..]) {
                        let length = next.get(0).map_or(0, |whole| whole.len());
                        if length == 0 {
                            break;
                        }
                        bindings.overlay(Bindings::of(then, &next, end));
                        found.facts_of_match(rule, &bindings);
                        end += length;
                        at = at.max(end);
                    }
                }
                if at > encoded.text.len() {
                    break;
                }
            }
        }
        if let Some(hierarchy) = &pack.hierarchy
            && local.len() >= 2
        {
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
    (facts, implied.mentions)
}

/// Adds the implied mentions to the text's mentions in position order and renumbers what points at
/// mentions: the facts' ends and the alias definitions' full names.
pub fn with_implied(
    mentions: Vec<Mention>,
    implied: Vec<Mention>,
    mut facts: Vec<Fact>,
    mut aliases: Vec<DocumentAlias>,
) -> (Vec<Mention>, Vec<Fact>, Vec<DocumentAlias>) {
    if implied.is_empty() {
        return (mentions, facts, aliases);
    }
    let mut all: Vec<(usize, Mention)> = mentions.into_iter().chain(implied).enumerate().collect();
    all.sort_by_key(|(old, mention)| (mention.span.start, mention.span.end, *old));
    let mut renumbered = vec![0; all.len()];
    for (new, (old, _)) in all.iter().enumerate() {
        renumbered[*old] = new;
    }
    for fact in &mut facts {
        fact.subject = renumbered[fact.subject];
        fact.object = renumbered[fact.object];
    }
    for alias in &mut aliases {
        alias.full = renumbered[alias.full];
    }
    let mentions = all.into_iter().map(|(_, mention)| mention).collect();
    (mentions, facts, aliases)
}

/// Implied mentions made so far for one text: ends standing for the document's subject, one per span and
/// type, and counterparts of written objects, one per span and name.
struct Implied {
    /// Index the first implied mention gets (the text's mention count).
    base: usize,
    mentions: Vec<Mention>,
    by_span: BTreeMap<(usize, usize, String), usize>,
    counterparts: BTreeMap<(usize, usize, String), usize>,
}

impl Implied {
    /// The index of the implied mention of `kind` at `span`, made on first use.
    fn at(&mut self, span: Range<usize>, kind: &str, sentence: usize, rule: &str) -> usize {
        let key = (span.start, span.end, kind.to_string());
        if let Some(&index) = self.by_span.get(&key) {
            return index;
        }
        let index = self.base + self.mentions.len();
        self.mentions.push(Mention {
            span,
            kind: kind.to_string(),
            sentence,
            rule: rule.to_string(),
            canonical: None,
            refers_to_subject: true,
            untitled: false,
            implied: true,
            scoped: false,
            cue: false,
        });
        self.by_span.insert(key, index);
        index
    }

    /// The index of the counterpart named `name` of the written mention `of` (the 市人民政府 of a 市委 the
    /// fact cannot have), made on first use: over the same text, with that name, never reported as a
    /// mention of its own. A bare scoped name's counterpart is bare too, and named from the same place.
    fn counterpart(&mut self, of: &Mention, name: String, rule: &str) -> usize {
        let key = (of.span.start, of.span.end, name);
        if let Some(&index) = self.counterparts.get(&key) {
            return index;
        }
        let index = self.base + self.mentions.len();
        self.mentions.push(Mention {
            span: of.span.clone(),
            kind: of.kind.clone(),
            sentence: of.sentence,
            rule: rule.to_string(),
            canonical: Some(key.2.clone()),
            refers_to_subject: false,
            untitled: false,
            implied: true,
            scoped: of.scoped,
            cue: false,
        });
        self.counterparts.insert(key, index);
        index
    }
}

/// Byte ranges (in the encoded sentence) of the slots and groups a match and its continuations bound.
struct Bindings(BTreeMap<String, Range<usize>>);

impl Bindings {
    /// The named groups of `regex` that took part in a match found at `offset` of the encoded sentence.
    fn of(regex: &Regex, captures: &Captures<'_>, offset: usize) -> Bindings {
        Bindings(
            regex
                .capture_names()
                .flatten()
                .filter_map(|name| {
                    let group = captures.name(name)?;
                    Some((
                        name.to_string(),
                        offset + group.start()..offset + group.end(),
                    ))
                })
                .collect(),
        )
    }

    /// A continuation's groups replace those of the same name; the others keep their values.
    fn overlay(&mut self, next: Bindings) {
        self.0.extend(next.0);
    }

    fn get(&self, name: &str) -> Option<Range<usize>> {
        self.0.get(name).cloned()
    }
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

/// Where one sentence's facts go, with what reading a match needs.
struct Found<'a> {
    pack: &'a RulePack,
    encoded: &'a Encoded,
    text: &'a str,
    mentions: &'a [Mention],
    sentence: usize,
    facts: &'a mut Vec<Fact>,
    implied: &'a mut Implied,
}

impl Found<'_> {
    /// Every fact one match (with its continuations) states: the product of the items of list slots.
    fn facts_of_match(&mut self, rule: &RelationRule, bindings: &Bindings) {
        let (encoded, text, mentions) = (self.encoded, self.text, self.mentions);
        let context_excluded = rule.exclude.iter().any(|(slot, exclude)| {
            let fills_an_attribute = rule
                .attrs
                .values()
                .any(|source| matches!(source, ValueSource::Slot(filled) if filled == slot));
            *slot != rule.subject
                && *slot != rule.object
                && !fills_an_attribute
                && bindings.get(slot).is_some_and(|range| {
                    encoded
                        .mentions_in(range)
                        .iter()
                        .any(|&mention| exclude.is_match(&text[mentions[mention].span.clone()]))
                })
        });
        if context_excluded {
            return;
        }
        let subjects = self.items(rule, bindings, &rule.subject);
        let objects = self.items(rule, bindings, &rule.object);
        let mut attribute_choices: Vec<(String, Vec<String>)> = Vec::new();
        for (attr, source) in &rule.attrs {
            let values: Vec<String> = match source {
                ValueSource::Slot(slot) => self
                    .items(rule, bindings, slot)
                    .into_iter()
                    .map(|mention| text[mentions[mention].span.clone()].to_string())
                    .collect(),
                ValueSource::Group(group) => bindings
                    .get(group)
                    .map(|found| vec![text[encoded.source_range(found)].trim().to_string()])
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
        let relation_type = self.pack.relation_types.get(&rule.kind);
        // An implied end (numbered after the text's mentions) has no name yet.
        let object_names: Vec<Option<&str>> = objects
            .iter()
            .map(|&object| {
                mentions.get(object).map(|mention| {
                    mention
                        .canonical
                        .as_deref()
                        .unwrap_or(&text[mention.span.clone()])
                })
            })
            .collect();
        for &subject in &subjects {
            for (&object, &object_name) in objects.iter().zip(&object_names) {
                if subject == object {
                    continue;
                }
                for attrs in &attribute_sets {
                    let mut object = object;
                    if let (Some(kind), Some(name)) = (relation_type, object_name)
                        && !kind.allows_object(attrs, name)
                    {
                        let written = &mentions[object];
                        match kind.counterpart(attrs, name) {
                            Some(counterpart) if !written.refers_to_subject => {
                                object = self.implied.counterpart(written, counterpart, &rule.id);
                            }
                            _ => continue,
                        }
                    }
                    self.facts.push(Fact {
                        relation: rule.kind.clone(),
                        subject,
                        object,
                        attrs: attrs.clone(),
                        symmetric: rule.symmetric,
                        sentence: self.sentence,
                        rule: rule.id.clone(),
                    });
                }
            }
        }
    }

    /// The mentions a slot holds (its `exclude` applied), or the implied mention standing where an
    /// implied end's group is (over text that holds no mention).
    fn items(&mut self, rule: &RelationRule, bindings: &Bindings, slot: &str) -> Vec<usize> {
        let Some(range) = bindings.get(slot) else {
            return Vec::new();
        };
        if let Some(kind) = rule.implied.get(slot) {
            if range.is_empty() || !self.encoded.mentions_in(range.clone()).is_empty() {
                return Vec::new();
            }
            let span = self.encoded.source_range(range);
            return vec![self.implied.at(span, kind, self.sentence, &rule.id)];
        }
        let mut found = self.encoded.mentions_in(range);
        if let Some(exclude) = rule.exclude.get(slot) {
            found.retain(|&mention| {
                !exclude.is_match(&self.text[self.mentions[mention].span.clone()])
            });
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::extract::Extractor;

    /// A pack with persons, companies and titles read from small lexicons, a reference word 公司, and
    /// the given relation rules.
    fn extractor_with(relations: &str) -> (tempfile::TempDir, Extractor) {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (
                "pack.toml",
                "[pack]\nname = \"t\"\nversion = \"0\"\nlist_separator = '、'\n\
                 [entity_types.person]\nshape = \"ellipse\"\n[entity_types.company]\nshape = \"box\"\n\
                 [entity_types.title]\nnode = false\n\
                 [relation_types.holds_position]\nsubject = [\"person\"]\nobject = [\"company\"]\n\
                 [relation_types.shareholder_of]\nsubject = [\"person\"]\nobject = [\"company\"]\n",
            ),
            (
                "lexicons/people.txt",
                "# source: test\n# licence: test\n甲一\n乙二\n丙三\n丁四\n",
            ),
            (
                "lexicons/firms.txt",
                "# source: test\n# licence: test\n星河电子\n",
            ),
            (
                "lexicons/posts.txt",
                "# source: test\n# licence: test\n董事长\n总经理\n董事\n",
            ),
            (
                "entities/e.toml",
                "[[entity]]\nid = \"p\"\ntype = \"person\"\nlexicon = \"people\"\n\
                 examples = [{ text = \"甲一\", expect = [\"甲一\"] }]\n\
                 [[entity]]\nid = \"c\"\ntype = \"company\"\nlexicon = \"firms\"\n\
                 examples = [{ text = \"星河电子\", expect = [\"星河电子\"] }]\n\
                 [[entity]]\nid = \"t\"\ntype = \"title\"\nlexicon = \"posts\"\n\
                 examples = [{ text = \"董事\", expect = [\"董事\"] }]\n",
            ),
            ("relations/r.toml", relations),
        ];
        for (path, content) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        let extractor = Extractor::new(crate::rules::load(dir.path()).unwrap());
        (dir, extractor)
    }

    /// Facts as `subject -> object title`, ends as written (`@type` for an implied end).
    fn described(extractor: &Extractor, text: &str) -> Vec<String> {
        let extraction = extractor.extract(text);
        let end = |index: usize| {
            let mention = &extraction.mentions[index];
            if mention.implied {
                format!("@{}", mention.kind)
            } else {
                text[mention.span.clone()].to_string()
            }
        };
        extraction
            .facts
            .iter()
            .map(|fact| {
                let title = fact.attrs.get("title").map_or("", String::as_str);
                format!("{} -> {} {title}", end(fact.subject), end(fact.object))
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn titles_distribute_over_the_names_after_them_through_then() {
        let (_dir, extractor) = extractor_with(
            "[[relation]]\nid = \"h\"\ntype = \"holds_position\"\n\
             pattern = '{org:company}{titles:title+}{person:person+}'\n\
             then = '[、,]{titles:title+}{person:person+}'\n\
             subject = \"person\"\nobject = \"org\"\nattrs = { title = \"titles\" }\n\
             examples = [{ text = \"星河电子董事长甲一\", expect = [\"甲一 -> 星河电子 {title=董事长}\"] }]\n",
        );
        assert_eq!(
            described(
                &extractor,
                "星河电子董事长甲一、总经理乙二、丙三,董事丁四出席"
            ),
            [
                "甲一 -> 星河电子 董事长",
                "乙二 -> 星河电子 总经理",
                "丙三 -> 星河电子 总经理",
                "丁四 -> 星河电子 董事",
            ]
        );
        // Without a title before them, later names are no continuation.
        assert_eq!(
            described(&extractor, "星河电子董事长甲一、乙二出席"),
            ["甲一 -> 星河电子 董事长", "乙二 -> 星河电子 董事长"]
        );
        assert_eq!(
            described(&extractor, "星河电子董事长甲一。乙二出席"),
            ["甲一 -> 星河电子 董事长"]
        );
    }

    #[test]
    fn an_implied_end_is_one_mention_bound_to_the_main_entity() {
        let (_dir, extractor) = extractor_with(
            "[[relation]]\nid = \"s\"\ntype = \"shareholder_of\"\n\
             pattern = '{holder:person+}(?P<company>减持)'\nimplied = { company = \"company\" }\n\
             subject = \"holder\"\nobject = \"company\"\n\
             examples = [{ text = \"星河电子公告,甲一减持\", expect = [\"甲一 -> @company\"] }]\n",
        );
        let text = "星河电子公告。甲一、乙二减持100万股";
        assert_eq!(
            described(&extractor, text),
            ["甲一 -> @company", "乙二 -> @company"]
        );
        let extraction = extractor.extract(text);
        let implied: Vec<&Mention> = extraction
            .mentions
            .iter()
            .filter(|mention| mention.implied)
            .collect();
        assert_eq!(implied.len(), 1, "one implied mention for both facts");
        assert!(
            extraction
                .mentions
                .windows(2)
                .all(|pair| pair[0].span.start <= pair[1].span.start)
        );
        let resolution = crate::resolve::resolve(extractor.pack(), "d", text, &extraction);
        let fact = &extraction.facts[0];
        assert_eq!(resolution.names[fact.object], "星河电子");
    }

    #[test]
    fn implied_mentions_keep_alias_definitions_pointing_at_their_full_names() {
        // The default pack: an implied end (the pledge's company) comes before a 以下简称 definition.
        let pack =
            crate::rules::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
        let extractor = Extractor::new(pack);
        let text = "张建国解除质押120万股。北方华夏投资有限公司(以下简称“华夏投资”)持有股份。华夏投资表示同意。";
        let extraction = extractor.extract(text);
        assert!(extraction.mentions.iter().any(|mention| mention.implied));
        let alias = extraction
            .aliases
            .iter()
            .find(|alias| alias.alias == "华夏投资")
            .expect("the definition is read");
        let full = &extraction.mentions[alias.full];
        assert_eq!(&text[full.span.clone()], "北方华夏投资有限公司");
        let resolution = crate::resolve::resolve(extractor.pack(), "d", text, &extraction);
        let last = extraction
            .mentions
            .iter()
            .rposition(|mention| &text[mention.span.clone()] == "华夏投资")
            .unwrap();
        assert_eq!(resolution.names[last], "北方华夏投资有限公司");
    }

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
            implied: false,
            scoped: false,
            cue: false,
        };
        let encoded = encode_sentence(&pack, text, &(0..text.len()), &[mention], &[]);
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
