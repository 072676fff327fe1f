//! The plain-text report of `kgx rules stats`: one table row per rule, then what each rule that fired
//! did, with its sample, then the rules that never fired.

use std::fmt::Write;

use super::{RuleCount, RuleKind, RuleStats, StatsReport};
use crate::eval::table;

/// Rules named after `lost to` and `conflicts with`.
const SHOWN_RULES: usize = 3;

/// The report as text.
pub fn render_text(report: &StatsReport) -> String {
    let mut out = String::new();
    let never: Vec<&str> = report
        .rules
        .iter()
        .filter(|r| r.firings == 0)
        .map(|r| r.rule.as_str())
        .collect();
    let _ = writeln!(
        out,
        "rules stats: {} documents, {} sentences; {} rules, {} never fired",
        report.documents,
        report.sentences,
        report.rules.len(),
        never.len()
    );
    let _ = writeln!(
        out,
        "firings are candidates (entity rules), definitions (alias rules) or facts (relation rules); agreed:\n\
         another rule proposed the same span and type; conflicting: another rule's candidate overlaps with\n\
         another span or type; overlap: another rule stated the same fact; contra: another rule stated\n\
         something else about the same two mentions"
    );
    let rows = report.rules.iter().map(row).collect();
    let header = [
        "rule",
        "kind",
        "docs",
        "sents",
        "firings",
        "kept",
        "lost",
        "agreed",
        "conflicting",
        "overlap",
        "contra",
    ];
    table(&mut out, &header, rows);
    for rule in report.rules.iter().filter(|r| r.firings > 0) {
        details(&mut out, rule);
    }
    if !never.is_empty() {
        let _ = writeln!(out, "\nnever fired: {}", never.join(", "));
    }
    out
}

fn row(r: &RuleStats) -> Vec<String> {
    let kind = match r.kind {
        RuleKind::Entity => "entity",
        RuleKind::Alias => "alias",
        RuleKind::Relation => "relation",
    };
    let none = || "-".to_string();
    let mut row = vec![
        r.rule.clone(),
        kind.to_string(),
        r.documents.to_string(),
        r.sentences.to_string(),
        r.firings.to_string(),
    ];
    match &r.mentions {
        Some(m) => row.extend([m.kept, m.lost, m.agreed, m.conflicting].map(|n| n.to_string())),
        None => row.extend([none(), none(), none(), none()]),
    }
    match &r.facts {
        Some(f) => row.extend([f.overlapping, f.contradicted].map(|n| n.to_string())),
        None => row.extend([none(), none()]),
    }
    row
}

fn details(out: &mut String, r: &RuleStats) {
    let _ = writeln!(
        out,
        "\n== {}: {} firings in {} sentences of {} documents",
        r.rule, r.firings, r.sentences, r.documents
    );
    if let Some(m) = &r.mentions {
        let _ = writeln!(
            out,
            "mentions kept {}, lost {}{}; agreed {}; conflicting {}{}",
            m.kept,
            m.lost,
            top("to", &m.lost_to),
            m.agreed,
            m.conflicting,
            top("with", &m.conflicts_with)
        );
    }
    if let Some(f) = &r.facts {
        let _ = writeln!(
            out,
            "facts also stated by another rule {}; contradicted {}{}",
            f.overlapping,
            f.contradicted,
            top("by", &f.contradicted_by)
        );
    }
    for s in &r.samples {
        let note = if s.note.is_empty() {
            String::new()
        } else {
            format!("  ({})", s.note)
        };
        let _ = writeln!(
            out,
            "  {} #{}  {}{note}\n      {}",
            s.document, s.sentence, s.hit, s.context
        );
    }
}

/// ` (to a 3, b 1, …)`: the most frequent rules.
fn top(word: &str, counts: &[RuleCount]) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let mut shown: Vec<String> = counts
        .iter()
        .take(SHOWN_RULES)
        .map(|c| format!("{} {}", c.rule, c.count))
        .collect();
    if counts.len() > SHOWN_RULES {
        shown.push(format!("{} more", counts.len() - SHOWN_RULES));
    }
    format!(" ({word} {})", shown.join(", "))
}
