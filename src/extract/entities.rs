//! Entity stage: every entity rule proposes candidates; overlaps are settled by priority, then length.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{DocumentAlias, Mention};
use crate::rules::{EntityMatcher, EntityRule, RulePack};
use crate::segment::{Token, Tokenizer};

/// Priority of mentions of a document-defined alias: a name the document itself declared beats any
/// general rule (so `江西稀土`, once defined, is never read as the place `江西`).
const ALIAS_PRIORITY: i32 = i32::MAX;

/// A mention proposed by one rule, before overlaps are settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The proposed mention.
    pub mention: Mention,
    /// Its rule's priority.
    pub priority: i32,
    /// Position of its rule in the pack (earlier wins the last ties).
    pub order: usize,
}

/// Candidates of every entity rule (or only `only`) in one sentence.
pub fn candidates(
    pack: &RulePack,
    tokenizer: &Tokenizer,
    text: &str,
    sentence: Range<usize>,
    index: usize,
    only: Option<&str>,
) -> Vec<Candidate> {
    let body = &text[sentence.clone()];
    let mut tokens: Option<Vec<Token>> = None;
    // Several rules often propose one span: each is tagged once (`not_name_tags`).
    let mut ordinary: HashMap<(Range<usize>, &str), bool> = HashMap::new();
    let mut out = Vec::new();
    let open = pack.entity_gate.open_rules(body);
    for (order, rule) in pack.entity_rules.iter().enumerate() {
        if only.is_some_and(|id| id != rule.id) || !open[order] {
            continue;
        }
        let needs_tokens = !rule.pos.is_empty();
        if needs_tokens && tokens.is_none() {
            tokens = Some(tokenizer.tag(body));
        }
        let tokens = tokens.as_deref().unwrap_or_default();
        for (mut span, canonical) in rule_spans(rule, body, tokens) {
            span.start = trimmed_start(pack, tokenizer, rule, body, &span);
            if span.is_empty()
                || (needs_tokens && !aligned_with_tags(&span, tokens, &rule.pos, body, tokenizer))
            {
                continue;
            }
            if rule
                .exclude
                .as_ref()
                .is_some_and(|exclude| exclude.is_match(&body[span.clone()]))
                || rule
                    .require
                    .as_ref()
                    .is_some_and(|require| !require.is_match(&body[span.clone()]))
                || excluded_by_context(rule, body, &span)
            {
                continue;
            }
            let canonical = canonical.or_else(|| {
                let names = rule.names.as_ref()?;
                names.get(&body[span.clone()]).cloned()
            });
            if canonical.is_none()
                && *ordinary
                    .entry((span.clone(), rule.kind.as_str()))
                    .or_insert_with(|| {
                        is_ordinary_word(pack, tokenizer, &rule.kind, &body[span.clone()])
                    })
            {
                continue;
            }
            let canonical = match &rule.name_suffix {
                Some(suffix) => Some(format!(
                    "{}{suffix}",
                    canonical.as_deref().unwrap_or(&body[span.clone()])
                )),
                None => canonical,
            };
            out.push(Candidate {
                mention: Mention {
                    span: sentence.start + span.start..sentence.start + span.end,
                    kind: rule.kind.clone(),
                    sentence: index,
                    rule: rule.id.clone(),
                    canonical,
                    refers_to_subject: rule.refers_to_subject,
                    untitled: rule.untitled,
                    implied: false,
                    scoped: rule.scoped,
                    cue: rule.subject_cue,
                },
                priority: rule.priority,
                order,
            });
        }
    }
    out
}

/// Where a mention starts once the rule's `trim_left` has cut leading text off it.
///
/// The trim is greedy: it cuts up to the last place it can (the last verb, date or title before the
/// name). It runs on the mention without its last character, so it never takes the whole mention (a greedy
/// `.*股` stops before a name ending in 股: 占鸿达控股 → 鸿达控股). When what the greedy cut leaves is only
/// generic words the rule's `exclude` rejects, the cut went into the name itself (持有江河创建集团股份有限公司
/// → 集团股份有限公司, at the 创建 inside the name): the latest earlier cut whose rest is not excluded and
/// does not start with a word of the type's `not_name_tags` is taken instead (→ 江河创建集团股份有限公司).
fn trimmed_start(
    pack: &RulePack,
    tokenizer: &Tokenizer,
    rule: &EntityRule,
    body: &str,
    span: &Range<usize>,
) -> usize {
    let Some(trim) = rule.trim_left.as_ref() else {
        return span.start;
    };
    let head = body[span.clone()]
        .char_indices()
        .last()
        .map_or(span.start, |(last, _)| span.start + last);
    let Some(greedy) = trim.find(&body[span.start..head]) else {
        return span.start;
    };
    let cut = span.start + greedy.end();
    let excluded = |start: usize| {
        rule.exclude
            .as_ref()
            .is_some_and(|exclude| exclude.is_match(&body[start..span.end]))
    };
    if !excluded(cut) {
        return cut;
    }
    let ordinary_tags = pack
        .entity_types
        .get(&rule.kind)
        .map(|entity_type| &entity_type.not_name_tags);
    let starts_with_ordinary_word = |start: usize| {
        ordinary_tags.is_some_and(|tags| {
            tokenizer
                .tag(&body[start..span.end])
                .first()
                .is_some_and(|token| tags.contains(&token.pos))
        })
    };
    body[span.start..cut]
        .char_indices()
        .rev()
        .map(|(offset, _)| span.start + offset)
        .filter(|&earlier| earlier > span.start)
        .find(|&earlier| {
            trim.find(&body[span.start..earlier])
                .is_some_and(|found| span.start + found.end() == earlier)
                && !excluded(earlier)
                && !starts_with_ordinary_word(earlier)
        })
        .unwrap_or(cut)
}

/// Whether `name`, which no lexicon names, is made only of dictionary words (not words the HMM guessed,
/// as it does for unknown brand names) that its type's `not_name_tags` mark as ordinary (a verb or a
/// time word read as a company).
fn is_ordinary_word(pack: &RulePack, tokenizer: &Tokenizer, kind: &str, name: &str) -> bool {
    let Some(tags) = pack
        .entity_types
        .get(kind)
        .map(|entity_type| &entity_type.not_name_tags)
        .filter(|tags| !tags.is_empty())
    else {
        return false;
    };
    let tokens = tokenizer.tag(name);
    !tokens.is_empty()
        && tokens.iter().all(|token| {
            tags.contains(&token.pos) && tokenizer.knows(&name[token.start..token.end])
        })
}

/// How many characters of context `exclude_before` looks at: enough for an opening quote and a title,
/// and a bound that keeps the check constant-time per mention.
const CONTEXT_CHARS: usize = 16;

/// Whether the text around a mention matches the rule's `exclude_before` / `exclude_after`.
fn excluded_by_context(rule: &EntityRule, body: &str, span: &Range<usize>) -> bool {
    let before = || {
        let start = body[..span.start]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(at, _)| at);
        &body[start..span.start]
    };
    rule.exclude_before
        .as_ref()
        .is_some_and(|context| context.is_match(before()))
        || rule
            .exclude_after
            .as_ref()
            .is_some_and(|context| context.is_match(&body[span.end..]))
}

/// Spans (relative to the sentence) a rule matches, with the lexicon entry name when it has one.
fn rule_spans(
    rule: &EntityRule,
    body: &str,
    tokens: &[Token],
) -> Vec<(Range<usize>, Option<String>)> {
    match &rule.matcher {
        EntityMatcher::Regex(regex) => {
            if regex.capture_names().any(|name| name == Some("m")) {
                regex
                    .captures_iter(body)
                    .filter_map(|captures| captures.name("m").map(|m| (m.range(), None)))
                    .collect()
            } else {
                regex.find_iter(body).map(|m| (m.range(), None)).collect()
            }
        }
        EntityMatcher::Lexicon {
            automaton,
            canonical,
        } => automaton
            .find_iter(body)
            .map(|m| (m.range(), Some(canonical[m.pattern().as_usize()].clone())))
            .collect(),
        EntityMatcher::Tokens => tokens
            .iter()
            .filter(|token| has_tag(token, &rule.pos))
            .map(|token| (token.start..token.end, None))
            .collect(),
    }
}

fn has_tag(token: &Token, tags: &[String]) -> bool {
    tags.iter().any(|tag| token.pos.starts_with(tag.as_str()))
}

/// The span starts and ends on token boundaries and every token inside carries one of the tags
/// (a tag matches its refinements: `nr` accepts `nrfg`).
///
/// With `pos = [""]` (boundaries only, any tag) only dictionary words count as boundaries: a span may
/// start or end inside a word the segmenter merely guessed, as it does when it glues a preposition to an
/// unknown name (由千帆 + 资本), but not inside a word of its dictionary (新和 in 创新和发展).
fn aligned_with_tags(
    span: &Range<usize>,
    tokens: &[Token],
    tags: &[String],
    body: &str,
    tokenizer: &Tokenizer,
) -> bool {
    if tags.iter().all(String::is_empty) {
        return [span.start, span.end].into_iter().all(|boundary| {
            let at = tokens.partition_point(|token| token.end <= boundary);
            tokens.get(at).is_none_or(|token| {
                token.start >= boundary
                    || !(tokenizer.knows(&body[token.start..token.end])
                        || inside_latin_word(body, boundary))
            })
        });
    }
    let first = tokens.partition_point(|token| token.start < span.start);
    let mut end = span.start;
    for token in &tokens[first..] {
        if token.start != end || token.end > span.end || !has_tag(token, tags) {
            return false;
        }
        end = token.end;
        if end == span.end {
            return true;
        }
    }
    false
}

/// Whether `boundary` falls between two ASCII letters or digits (inside a Latin word or number).
fn inside_latin_word(body: &str, boundary: usize) -> bool {
    let before = body[..boundary].chars().next_back();
    let after = body[boundary..].chars().next();
    before.is_some_and(|c| c.is_ascii_alphanumeric())
        && after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Settles overlaps sentence by sentence: highest priority first, then longest, then leftmost, then the
/// rule written first. Returns the kept mentions sorted by position.
pub fn resolve_overlaps(per_sentence: &[Vec<Candidate>]) -> Vec<Mention> {
    let mut kept = Vec::new();
    for candidates in per_sentence {
        let mut ranked: Vec<&Candidate> = candidates.iter().collect();
        ranked.sort_by(|a, b| {
            b.priority
                .cmp(&a.priority)
                .then_with(|| b.mention.span.len().cmp(&a.mention.span.len()))
                .then_with(|| a.mention.span.start.cmp(&b.mention.span.start))
                .then_with(|| a.order.cmp(&b.order))
        });
        let mut taken: Vec<Range<usize>> = Vec::new();
        let mut sentence_kept: Vec<Mention> = Vec::new();
        for candidate in ranked {
            let span = &candidate.mention.span;
            let position = taken.partition_point(|other| other.end <= span.start);
            if taken
                .get(position)
                .is_some_and(|other| other.start < span.end)
            {
                continue;
            }
            taken.insert(position, span.clone());
            sentence_kept.push(candidate.mention.clone());
        }
        sentence_kept.sort_by_key(|mention| (mention.span.start, mention.span.end));
        let cues: Vec<&Mention> = candidates
            .iter()
            .map(|candidate| &candidate.mention)
            .filter(|mention| mention.cue)
            .collect();
        for mention in &mut sentence_kept {
            mention.cue |= cues.iter().any(|cue| {
                cue.kind == mention.kind
                    && cue.span.start < mention.span.end
                    && mention.span.start < cue.span.end
            });
        }
        kept.extend(sentence_kept);
    }
    kept
}

/// Adds a candidate for every occurrence of a document-defined alias that stands as a word of its own (not
/// inside a longer dictionary word), typed like its full name.
pub fn add_alias_candidates(
    tokenizer: &Tokenizer,
    text: &str,
    sentences: &[Range<usize>],
    mentions: &[Mention],
    aliases: &[DocumentAlias],
    candidates: &mut [Vec<Candidate>],
) {
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(aliases.iter().map(|alias| &alias.alias))
    else {
        return;
    };
    let boundaries_only = [String::new()];
    for (index, sentence) in sentences.iter().enumerate() {
        let body = &text[sentence.clone()];
        let mut tokens: Option<Vec<Token>> = None;
        for found in automaton.find_iter(body) {
            let alias = &aliases[found.pattern().as_usize()];
            let full = &mentions[alias.full];
            let span = sentence.start + found.start()..sentence.start + found.end();
            if inside_longer_name(mentions, &span, &full.kind) {
                continue;
            }
            // An alias is a word of its own: 公司 (以下简称“公司”) is not read inside 子公司 or 上市公司.
            let tokens = tokens.get_or_insert_with(|| tokenizer.tag(body));
            if !aligned_with_tags(&found.range(), tokens, &boundaries_only, body, tokenizer) {
                continue;
            }
            candidates[index].push(Candidate {
                mention: Mention {
                    span,
                    kind: full.kind.clone(),
                    sentence: index,
                    rule: alias.rule.clone(),
                    canonical: None,
                    refers_to_subject: false,
                    untitled: false,
                    implied: false,
                    scoped: false,
                    cue: false,
                },
                priority: ALIAS_PRIORITY,
                order: usize::MAX,
            });
        }
    }
}

/// Whether `span` lies inside a longer kept mention of type `kind`: an alias written inside a fuller name
/// (华夏星辰 in its own definition 华夏星辰投资有限公司(以下简称“华夏星辰”), or in another company's name) is
/// part of that name, not a mention of its own. Kept mentions do not overlap, so only the last one starting
/// at or before `span` can hold it.
fn inside_longer_name(mentions: &[Mention], span: &Range<usize>, kind: &str) -> bool {
    let before = mentions.partition_point(|mention| mention.span.start <= span.start);
    before.checked_sub(1).is_some_and(|at| {
        let mention = &mentions[at];
        mention.kind == kind && mention.span.end >= span.end && mention.span.len() > span.len()
    })
}

/// Prefix of the rule id of a mention found again by propagation (`propagated:person.after_title`).
pub const PROPAGATED: &str = "propagated:";

/// Adds a candidate for every other occurrence of a kept mention whose type propagates, with the priority
/// of the rule that found it, so a name introduced once (董事长张三) is also read where it stands alone —
/// except where that rule's `exclude_before` / `exclude_after` context rules the occurrence out (a brand
/// read as a person once is not a person in 某某财报).
pub fn add_propagated_candidates(
    pack: &RulePack,
    text: &str,
    sentences: &[Range<usize>],
    mentions: &[Mention],
    candidates: &mut [Vec<Candidate>],
) {
    let mut forms: BTreeMap<&str, (&Mention, &EntityRule)> = BTreeMap::new();
    let rules: HashMap<&str, &EntityRule> = pack
        .entity_rules
        .iter()
        .filter(|rule| rule.propagate)
        .map(|rule| (rule.id.as_str(), rule))
        .collect();
    for mention in mentions {
        let Some(&rule) = rules.get(mention.rule.as_str()) else {
            continue;
        };
        if mention.refers_to_subject || mention.untitled || mention.scoped {
            continue;
        }
        let form = &text[mention.span.clone()];
        let entry = forms.entry(form).or_insert((mention, rule));
        if rule.priority > entry.1.priority {
            *entry = (mention, rule);
        }
    }
    if forms.is_empty() {
        return;
    }
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(forms.keys())
    else {
        return;
    };
    let found_forms: Vec<&(&Mention, &EntityRule)> = forms.values().collect();
    for (index, sentence) in sentences.iter().enumerate() {
        let body = &text[sentence.clone()];
        for found in automaton.find_iter(body) {
            let (origin, rule) = found_forms[found.pattern().as_usize()];
            let span = sentence.start + found.start()..sentence.start + found.end();
            if excluded_by_context(rule, body, &found.range()) || inside_longer(mentions, &span) {
                continue;
            }
            candidates[index].push(Candidate {
                mention: Mention {
                    span,
                    kind: origin.kind.clone(),
                    sentence: index,
                    rule: format!("{PROPAGATED}{}", origin.rule),
                    canonical: origin.canonical.clone(),
                    refers_to_subject: false,
                    untitled: false,
                    implied: false,
                    scoped: origin.scoped,
                    cue: false,
                },
                priority: rule.priority,
                order: usize::MAX,
            });
        }
    }
}

/// Whether a kept mention (they are sorted and never overlap) holds `span` and more: a name found
/// elsewhere does not cut into a longer name (湖南某某 inside 湖南某某产业园).
fn inside_longer(mentions: &[Mention], span: &Range<usize>) -> bool {
    let after = mentions.partition_point(|mention| mention.span.start <= span.start);
    after > 0 && {
        let holder = &mentions[after - 1].span;
        holder.end >= span.end && holder.len() > span.len()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Extractor;
    use crate::rules;

    /// An extractor for a one-person-type pack written from `files` (path, content) beside `pack.toml`.
    fn extractor_for(person_type: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, Extractor) {
        let dir = tempfile::tempdir().unwrap();
        let pack = format!(
            "[pack]\nname = \"t\"\nversion = \"0\"\n[entity_types.person]\nshape = \"ellipse\"\ncolor = \"#ffffff\"\n{person_type}"
        );
        std::fs::write(dir.path().join("pack.toml"), pack).unwrap();
        for (path, content) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        let extractor = Extractor::new(rules::load(dir.path()).unwrap());
        (dir, extractor)
    }

    /// `exclude` and `require` see lexicon macros and test the mention's whole text.
    #[test]
    fn exclude_and_require_filter_whole_mentions_with_lexicons() {
        let (_dir, extractor) = extractor_for(
            "",
            &[
                (
                    "lexicons/surnames.txt",
                    "# source: test\n# licence: test\n张\n李\n",
                ),
                (
                    "lexicons/not_names.txt",
                    "# source: test\n# licence: test\n张开\n",
                ),
                (
                    "entities/p.toml",
                    r#"
[[entity]]
id = "p"
type = "person"
pattern = '[张李王]\p{Han}{1,2}'
require = '{lex:surnames}\p{Han}{1,2}'
exclude = '{lex:not_names}'
examples = [{ text = "李明到了", expect = ["李明到"] }]
"#,
                ),
            ],
        );
        let found = |text: &str| -> Vec<String> {
            extractor
                .extract(text)
                .mentions
                .iter()
                .map(|m| text[m.span.clone()].to_owned())
                .collect()
        };
        assert_eq!(found("李明到"), ["李明到"]);
        assert!(found("张开").is_empty(), "excluded by the lexicon");
        assert!(
            found("王小二").is_empty(),
            "王 is not in the required lexicon"
        );
    }

    /// A name found once through a title is found again where it stands alone, and outranks the place
    /// name that starts it (吴忠 is also a city).
    #[test]
    fn a_person_found_once_is_found_again_alone() {
        let pack =
            rules::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
        let extractor = Extractor::new(pack);
        let text = "董事长吴忠琼出席会议。吴忠琼指出,要抓好落实。";
        let extraction = extractor.extract(text);
        let persons: Vec<(&str, &str)> = extraction
            .mentions
            .iter()
            .filter(|mention| mention.kind == "person")
            .map(|mention| (&text[mention.span.clone()], mention.rule.as_str()))
            .collect();
        assert_eq!(persons.len(), 2, "{persons:?}");
        assert_eq!(persons[1].0, "吴忠琼");
        assert!(persons[1].1.starts_with(super::PROPAGATED), "{persons:?}");
        assert!(
            !extraction
                .mentions
                .iter()
                .any(|mention| mention.kind == "location")
        );
    }

    #[test]
    fn a_propagated_name_obeys_its_rules_context_exclusions() {
        let (_dir, extractor) = extractor_for(
            "propagate = true\n",
            &[(
                "entities/p.toml",
                r#"
[[entity]]
id = "p"
type = "person"
pattern = '董事长(?P<m>\p{Han}{2})'
exclude_after = '财报'
examples = [{ text = "董事长金凯出席", expect = ["金凯"] }]
"#,
            )],
        );
        let text = "董事长金凯出席。金凯财报发布。金凯表示满意。";
        let found: Vec<usize> = extractor
            .extract(text)
            .mentions
            .iter()
            .map(|mention| mention.span.start)
            .collect();
        let starts: Vec<usize> = text.match_indices("金凯").map(|(at, _)| at).collect();
        assert_eq!(
            found,
            [starts[0], starts[2]],
            "the occurrence before 财报 is excluded"
        );
    }
}
