//! Necessary literals of a regex (a finite set of strings one of which every match contains), and the
//! gate that finds in one scan of a sentence which entity rules' literals it holds.
//!
//! A sentence holding none of a rule's literals cannot match, so the extractor skips the rule's regex there. `regex-syntax`
//! only extracts prefixes and suffixes, which rules starting and ending in a lexicon or a `\p{Han}` run do
//! not have (`{lex:cn_admin}\p{Han}{1,8}矿` has neither); the walk here also finds the literals inside a
//! pattern (`矿`). It is a necessary condition only: the regex still decides.

use aho_corasick::AhoCorasick;
use regex_syntax::hir::{Class, Hir, HirKind};

/// Most literals a set may hold: beyond this a lexicon alternation is more work to scan for than it saves.
const MAX_LITERALS: usize = 4096;

/// Most characters a class may hold to count as a set of one-character literals.
const MAX_CLASS_CHARS: u32 = 16;

/// A set of literals one of which every match of `hir` contains, when there is one; each literal is
/// non-empty. Of several candidate sets (one per element of a concatenation) the one with the lowest [`hit_rate`]
/// is kept.
pub fn necessary(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(literal) => Some(vec![literal.0.to_vec()]),
        HirKind::Class(class) => class_literals(class),
        HirKind::Capture(capture) => necessary(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min > 0 => necessary(&repetition.sub),
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(necessary)
            .min_by(|a, b| hit_rate(a).total_cmp(&hit_rate(b))),
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            for branch in branches {
                union.extend(necessary(branch)?);
                if union.len() > MAX_LITERALS {
                    return None;
                }
            }
            union.sort();
            union.dedup();
            Some(union)
        }
        _ => None,
    }
}

/// Roughly how often a sentence holds some literal of the set (lower is more selective): each literal
/// counts as a run of characters each met with probability [`CHAR_ODDS`], so one long literal beats
/// many short ones, and a whole lexicon of two-character names loses to one rarer character.
pub fn hit_rate(set: &[Vec<u8>]) -> f64 {
    set.iter()
        .map(|literal| {
            let chars = String::from_utf8_lossy(literal).chars().count();
            CHAR_ODDS.powi(i32::try_from(chars).unwrap_or(i32::MAX))
        })
        .sum()
}

/// Assumed chance that a given character occurs at a given place: a rough figure that only serves to
/// rank literal sets against each other.
const CHAR_ODDS: f64 = 0.01;

/// The characters of a small Unicode class as one-character literals.
fn class_literals(class: &Class) -> Option<Vec<Vec<u8>>> {
    let Class::Unicode(class) = class else {
        return None;
    };
    let size: u32 = class
        .ranges()
        .iter()
        .map(|range| u32::from(range.end()) - u32::from(range.start()) + 1)
        .sum();
    if size > MAX_CLASS_CHARS {
        return None;
    }
    Some(
        class
            .ranges()
            .iter()
            .flat_map(|range| range.start()..=range.end())
            .map(|c| c.to_string().into_bytes())
            .collect(),
    )
}

/// One Aho-Corasick automaton over the necessary literals of every entity rule that has them, so a
/// sentence is scanned once for all rules instead of once per rule.
#[derive(Debug, Default)]
pub struct EntityGate {
    /// Every distinct literal of every rule.
    automaton: Option<AhoCorasick>,
    /// For each literal of `automaton`, the rules (indices into the pack's entity rules) needing it.
    rules_of: Vec<Vec<usize>>,
    /// For each rule, whether it has literals at all (rules without run on every sentence).
    gated: Vec<bool>,
}

impl EntityGate {
    /// A gate over the literal sets of the pack's entity rules, in pack order (`None`: no literals).
    pub fn new(literal_sets: &[Option<Vec<Vec<u8>>>]) -> EntityGate {
        let mut index: std::collections::HashMap<&[u8], usize> = std::collections::HashMap::new();
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut rules_of: Vec<Vec<usize>> = Vec::new();
        for (rule, set) in literal_sets.iter().enumerate() {
            for literal in set.iter().flatten() {
                let at = *index.entry(literal).or_insert_with(|| {
                    literals.push(literal);
                    rules_of.push(Vec::new());
                    literals.len() - 1
                });
                if rules_of[at].last() != Some(&rule) {
                    rules_of[at].push(rule);
                }
            }
        }
        EntityGate {
            automaton: AhoCorasick::new(&literals).ok(),
            rules_of,
            gated: literal_sets.iter().map(Option::is_some).collect(),
        }
    }

    /// For each rule, whether it may match in `sentence`: it has no literals, or the sentence holds one.
    pub fn open_rules(&self, sentence: &str) -> Vec<bool> {
        let mut open: Vec<bool> = self.gated.iter().map(|gated| !gated).collect();
        if let Some(automaton) = &self.automaton {
            for found in automaton.find_overlapping_iter(sentence) {
                for &rule in &self.rules_of[found.pattern().as_usize()] {
                    open[rule] = true;
                }
            }
        }
        open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        necessary(&hir).map(|set| {
            set.into_iter()
                .map(|literal| String::from_utf8(literal).unwrap())
                .collect()
        })
    }

    #[test]
    fn finds_a_literal_between_open_ends() {
        assert_eq!(
            literals(r"(?:江西|赣州)\p{Han}{1,8}稀土矿"),
            Some(vec!["稀土矿".to_string()])
        );
    }

    #[test]
    fn prefers_the_rarest_literals() {
        assert_eq!(
            literals(r"[省市]\p{Han}{2}(?:有限公司|集团)"),
            Some(vec!["有限公司".to_string(), "集团".to_string()])
        );
    }

    #[test]
    fn an_alternation_needs_every_branch() {
        assert_eq!(
            literals(r"\p{Han}+(?:大学|学院)|研究所"),
            Some(vec![
                "大学".to_string(),
                "学院".to_string(),
                "研究所".to_string()
            ])
        );
        assert_eq!(literals(r"\p{Han}+大学|\p{Han}{2}"), None);
    }

    #[test]
    fn optional_parts_and_big_classes_are_not_necessary() {
        assert_eq!(literals(r"(?:公司)?\p{Han}{2,4}"), None);
        assert_eq!(literals(r"[a-z]+"), None);
        assert_eq!(
            literals(r"\p{Han}{2}[矿厂]"),
            Some(vec!["厂".to_string(), "矿".to_string()])
        );
    }

    #[test]
    fn the_gate_opens_rules_whose_literals_occur() {
        let gate = EntityGate::new(&[
            Some(vec!["公司".into()]),
            None,
            Some(vec!["大学".into(), "学院".into()]),
            Some(vec!["公司".into()]),
        ]);
        assert_eq!(gate.open_rules("某某学院"), [false, true, true, false]);
        assert_eq!(gate.open_rules("某某公司"), [true, true, false, true]);
    }
}
