//! One document's share of the statistics: its candidates, alias definitions and facts, rule by rule.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use super::sample::{self, Drawn, Sample};
use super::{FactStats, MentionStats, RuleCount, RuleKind, RuleStats, StatsOptions};
use crate::document::Document;
use crate::extract::{Candidate, Extraction, Fact, Mention};
use crate::pipeline::Pipeline;

/// What one document says about each rule that fired in it.
pub(super) struct DocumentTally {
    /// Sentences of the document.
    pub sentences: usize,
    /// Per rule id.
    pub rules: BTreeMap<String, RuleTally>,
}

/// Counts of one rule, over one document or summed over the corpus.
#[derive(Debug, Default)]
pub(super) struct RuleTally {
    documents: usize,
    sentences: usize,
    firings: usize,
    mentions: Option<MentionCounts>,
    facts: Option<FactCounts>,
    drawn: Vec<Drawn>,
}

#[derive(Debug, Default)]
struct MentionCounts {
    kept: usize,
    lost: usize,
    agreed: usize,
    conflicting: usize,
    lost_to: BTreeMap<String, usize>,
    conflicts_with: BTreeMap<String, usize>,
}

#[derive(Debug, Default)]
struct FactCounts {
    overlapping: usize,
    contradicted: usize,
    contradicted_by: BTreeMap<String, usize>,
}

impl RuleTally {
    /// Adds another document's counts, keeping the `sample` firings with the lowest draws.
    pub fn add(&mut self, other: RuleTally, sample: usize) {
        self.documents += other.documents;
        self.sentences += other.sentences;
        self.firings += other.firings;
        if let Some(theirs) = other.mentions {
            let ours = self.mentions.get_or_insert_default();
            ours.kept += theirs.kept;
            ours.lost += theirs.lost;
            ours.agreed += theirs.agreed;
            ours.conflicting += theirs.conflicting;
            add_counts(&mut ours.lost_to, theirs.lost_to);
            add_counts(&mut ours.conflicts_with, theirs.conflicts_with);
        }
        if let Some(theirs) = other.facts {
            let ours = self.facts.get_or_insert_default();
            ours.overlapping += theirs.overlapping;
            ours.contradicted += theirs.contradicted;
            add_counts(&mut ours.contradicted_by, theirs.contradicted_by);
        }
        self.drawn.extend(other.drawn);
        sample::keep_lowest(&mut self.drawn, sample);
    }

    /// Whether the rule produced facts (an id outside the pack: the hierarchy's).
    pub fn fired_facts(&self) -> bool {
        self.facts.is_some()
    }

    /// The row of rule `id`.
    pub fn into_stats(self, id: &str, kind: RuleKind) -> RuleStats {
        let mentions = match kind {
            RuleKind::Entity | RuleKind::Alias => {
                let m = self.mentions.unwrap_or_default();
                Some(MentionStats {
                    kept: m.kept,
                    lost: m.lost,
                    agreed: m.agreed,
                    conflicting: m.conflicting,
                    lost_to: ranked(m.lost_to),
                    conflicts_with: ranked(m.conflicts_with),
                })
            }
            RuleKind::Relation => None,
        };
        let facts = (kind == RuleKind::Relation).then(|| {
            let f = self.facts.unwrap_or_default();
            FactStats {
                overlapping: f.overlapping,
                contradicted: f.contradicted,
                contradicted_by: ranked(f.contradicted_by),
            }
        });
        RuleStats {
            rule: id.to_string(),
            kind,
            documents: self.documents,
            sentences: self.sentences,
            firings: self.firings,
            mentions,
            facts,
            samples: sample::in_corpus_order(self.drawn),
        }
    }
}

fn add_counts(ours: &mut BTreeMap<String, usize>, theirs: BTreeMap<String, usize>) {
    for (rule, count) in theirs {
        *ours.entry(rule).or_default() += count;
    }
}

/// Counts as rows, most often first, then by rule id.
fn ranked(counts: BTreeMap<String, usize>) -> Vec<RuleCount> {
    let mut rows: Vec<RuleCount> = counts
        .into_iter()
        .map(|(rule, count)| RuleCount { rule, count })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
    rows
}

/// A firing waiting for the draw: what to show if it is drawn.
enum Firing<'e> {
    /// An entity candidate, and the kept mention it lost to.
    Candidate(&'e Candidate, Option<&'e Mention>),
    /// An alias definition.
    Alias(usize),
    /// A fact, with what other rules said about it.
    Fact(&'e Fact, String),
}

/// The rules' firings in one document, before the draw.
#[derive(Default)]
struct Collector<'e> {
    tallies: BTreeMap<String, RuleTally>,
    sentences: BTreeMap<String, BTreeSet<usize>>,
    firings: BTreeMap<String, Vec<(usize, Firing<'e>)>>,
}

impl<'e> Collector<'e> {
    fn tally(&mut self, rule: &str) -> &mut RuleTally {
        self.tallies.entry(rule.to_string()).or_default()
    }

    fn fire(&mut self, rule: &str, sentence: usize, firing: Firing<'e>) {
        self.tally(rule).firings += 1;
        self.sentences
            .entry(rule.to_string())
            .or_default()
            .insert(sentence);
        self.firings
            .entry(rule.to_string())
            .or_default()
            .push((sentence, firing));
    }
}

/// Runs the extraction over `document` (number `index` of the corpus) and tallies every rule.
pub(super) fn tally(
    pipeline: &Pipeline,
    document: &Document,
    index: usize,
    opts: StatsOptions,
) -> DocumentTally {
    let traced = pipeline.extractor().extract_traced(document.text.as_str());
    let extraction = &traced.extraction;
    let alias_rules: HashSet<&str> = pipeline
        .pack()
        .alias_rules
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    let mut collector = Collector::default();
    for (sentence, candidates) in traced.candidates.iter().enumerate() {
        candidates_of_sentence(
            extraction,
            sentence,
            candidates,
            &alias_rules,
            &mut collector,
        );
    }
    for (at, alias) in extraction.aliases.iter().enumerate() {
        let sentence = extraction.mentions[alias.full].sentence;
        collector.fire(&alias.rule, sentence, Firing::Alias(at));
    }
    facts(extraction, &mut collector);
    let Collector {
        mut tallies,
        sentences,
        firings,
    } = collector;
    for (rule, fired_in) in sentences {
        let tally = tallies.entry(rule).or_default();
        tally.documents = 1;
        tally.sentences = fired_in.len();
    }
    for (rule, fired) in firings {
        let mut drawn: Vec<(Drawn, Firing<'_>)> = fired
            .into_iter()
            .enumerate()
            .map(|(ordinal, (sentence, firing))| {
                let key = sample::draw(opts.seed, &rule, &document.id, ordinal);
                (Drawn::new(key, index, ordinal, sentence), firing)
            })
            .collect();
        drawn.sort_by(|a, b| a.0.order(&b.0));
        drawn.truncate(opts.sample);
        let tally = tallies.entry(rule).or_default();
        tally.drawn = drawn
            .into_iter()
            .map(|(mut drawn, firing)| {
                drawn.sample = Some(show(document, extraction, drawn.sentence, &firing));
                drawn
            })
            .collect();
    }
    DocumentTally {
        sentences: extraction.sentences.len(),
        rules: tallies,
    }
}

/// Whether two byte ranges share a byte.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Tallies the candidates of one sentence: each is kept or loses to an overlapping kept mention (not
/// to one a relation rule implied, which no candidate proposed), agrees with another rule's candidate of
/// the same span and type, or conflicts with other rules' overlapping candidates. Occurrences of alias
/// rules' short names are counted but are not firings (their definitions are).
fn candidates_of_sentence<'e>(
    extraction: &'e Extraction,
    sentence: usize,
    candidates: &'e [Candidate],
    alias_rules: &HashSet<&str>,
    collector: &mut Collector<'e>,
) {
    let mentions = &extraction.mentions;
    let first = mentions.partition_point(|m| m.sentence < sentence);
    let last = mentions.partition_point(|m| m.sentence <= sentence);
    let kept = &mentions[first..last];
    let mut unique: Vec<&Candidate> = candidates.iter().collect();
    let position = |c: &Candidate| (c.mention.span.start, c.mention.span.end);
    unique.sort_by(|a, b| {
        position(a)
            .cmp(&position(b))
            .then_with(|| a.mention.rule.cmp(&b.mention.rule))
    });
    unique.dedup_by(|a, b| position(a) == position(b) && a.mention.rule == b.mention.rule);
    for &candidate in &unique {
        let mention = &candidate.mention;
        let is_kept = kept
            .iter()
            .any(|m| m.span == mention.span && m.rule == mention.rule);
        let winner = (!is_kept)
            .then(|| {
                kept.iter()
                    .find(|m| !m.implied && overlaps(&m.span, &mention.span))
            })
            .flatten();
        let others: Vec<&Candidate> = unique
            .iter()
            .copied()
            .filter(|o| o.mention.rule != mention.rule && overlaps(&o.mention.span, &mention.span))
            .collect();
        let same = |o: &Candidate| o.mention.span == mention.span && o.mention.kind == mention.kind;
        let agreed = others.iter().any(|o| same(o));
        let conflicting: BTreeSet<&str> = others
            .iter()
            .filter(|o| !same(o))
            .map(|o| o.mention.rule.as_str())
            .collect();
        let counts = collector
            .tally(&mention.rule)
            .mentions
            .get_or_insert_default();
        if is_kept {
            counts.kept += 1;
        } else {
            counts.lost += 1;
        }
        if let Some(winner) = winner {
            *counts.lost_to.entry(winner.rule.clone()).or_default() += 1;
        }
        counts.agreed += usize::from(agreed);
        counts.conflicting += usize::from(!conflicting.is_empty());
        for rule in conflicting {
            *counts.conflicts_with.entry(rule.to_string()).or_default() += 1;
        }
        if !alias_rules.contains(mention.rule.as_str()) {
            collector.fire(
                &mention.rule,
                sentence,
                Firing::Candidate(candidate, winner),
            );
        }
    }
}

/// What identifies a fact: type, ends (in order unless symmetric) and attributes.
fn identity(fact: &Fact) -> (&str, usize, usize, &BTreeMap<String, String>) {
    let (a, b) = if fact.symmetric {
        (fact.subject.min(fact.object), fact.subject.max(fact.object))
    } else {
        (fact.subject, fact.object)
    };
    (&fact.relation, a, b, &fact.attrs)
}

/// Tallies every fact against the other rules' facts on the same two mentions.
fn facts<'e>(extraction: &'e Extraction, collector: &mut Collector<'e>) {
    let mut by_pair: BTreeMap<(usize, usize), Vec<&Fact>> = BTreeMap::new();
    for fact in &extraction.facts {
        let pair = (fact.subject.min(fact.object), fact.subject.max(fact.object));
        by_pair.entry(pair).or_default().push(fact);
    }
    for fact in &extraction.facts {
        let pair = (fact.subject.min(fact.object), fact.subject.max(fact.object));
        let others = by_pair[&pair].iter().filter(|o| o.rule != fact.rule);
        let mut also = BTreeSet::new();
        let mut against = BTreeSet::new();
        for other in others {
            if identity(other) == identity(fact) {
                also.insert(other.rule.as_str());
            } else {
                against.insert(other.rule.as_str());
            }
        }
        let mut note = Vec::new();
        if !also.is_empty() {
            note.push(format!("also {}", join(&also)));
        }
        if !against.is_empty() {
            note.push(format!("contradicted by {}", join(&against)));
        }
        let counts = collector.tally(&fact.rule).facts.get_or_insert_default();
        counts.overlapping += usize::from(!also.is_empty());
        counts.contradicted += usize::from(!against.is_empty());
        for rule in against {
            *counts.contradicted_by.entry(rule.to_string()).or_default() += 1;
        }
        collector.fire(
            &fact.rule,
            fact.sentence,
            Firing::Fact(fact, note.join("; ")),
        );
    }
}

fn join(rules: &BTreeSet<&str>) -> String {
    rules.iter().copied().collect::<Vec<_>>().join(", ")
}

/// A drawn firing as shown: its text, what became of it, and its sentence around it.
fn show(
    document: &Document,
    extraction: &Extraction,
    sentence: usize,
    firing: &Firing<'_>,
) -> Sample {
    let surface = |span: &Range<usize>| sample::surface(document, span);
    let mentions = &extraction.mentions;
    let (hit, span, note) = match firing {
        Firing::Candidate(candidate, winner) => {
            let span = &candidate.mention.span;
            let note = match winner {
                None => "kept".to_string(),
                Some(winner) => format!("lost to {} ({})", surface(&winner.span), winner.rule),
            };
            (surface(span), span.clone(), note)
        }
        Firing::Alias(at) => {
            let alias = &extraction.aliases[*at];
            let full = &mentions[alias.full];
            let hit = format!("{} = {}", alias.alias, surface(&full.span));
            (hit, full.span.clone(), String::new())
        }
        Firing::Fact(fact, note) => {
            let (subject, object) = (&mentions[fact.subject].span, &mentions[fact.object].span);
            let arrow = if fact.symmetric { "<->" } else { "->" };
            let mut hit = format!(
                "{} {arrow} {} [{}]",
                surface(subject),
                surface(object),
                fact.relation
            );
            if !fact.attrs.is_empty() {
                let attrs: Vec<String> =
                    fact.attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
                hit.push_str(&format!(" {{{}}}", attrs.join(", ")));
            }
            let span = subject.start.min(object.start)..subject.end.max(object.end);
            (hit, span, note.clone())
        }
    };
    Sample {
        document: document.id.clone(),
        sentence: sentence + 1,
        hit,
        note,
        context: sample::context(document, &extraction.sentences[sentence], &span),
    }
}
