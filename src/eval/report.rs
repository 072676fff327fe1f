//! Printing reports: aligned plain-text tables, JSON, and error listings grouped by rule.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{
    DueeRecall, DueeReport, ErrorKind, EvalReport, Level, MissKind, NodeScores,
    RelationFalsePositive, RelationReport, Score, ScoreTable, SeedReport, SeedScores, SpanError,
    SpanReport,
};

/// What to print besides the score tables.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// List false positives and false negatives, grouped by rule.
    pub errors: bool,
    /// Show per-rule precision.
    pub per_rule: bool,
}

/// The report as pretty JSON; error lists and rule rows are kept only when `opts` asks for them.
pub fn render_json(report: &EvalReport, opts: RenderOptions) -> serde_json::Result<String> {
    let mut report = report.clone();
    match &mut report {
        EvalReport::Spans {
            entities,
            relations,
        } => {
            if !opts.errors {
                entities.errors.clear();
                if let Some(r) = relations {
                    r.misses.clear();
                    r.false_positives.clear();
                }
            }
            if !opts.per_rule {
                entities.rules.clear();
            }
        }
        EvalReport::Seeds(seeds) => {
            if !opts.errors {
                seeds.strict.errors.clear();
                seeds.lenient.errors.clear();
            }
        }
        EvalReport::Duee(duee) => {
            if !opts.errors {
                duee.misses.clear();
            }
        }
    }
    serde_json::to_string_pretty(&report)
}

/// The report as aligned plain-text tables (percentages with one decimal).
pub fn render_text(report: &EvalReport, opts: RenderOptions) -> String {
    let mut out = String::new();
    match report {
        EvalReport::Spans {
            entities,
            relations,
        } => {
            spans(&mut out, entities, opts);
            if let Some(r) = relations {
                out.push('\n');
                relation_recall(&mut out, r, opts);
            }
        }
        EvalReport::Seeds(s) => seeds(&mut out, s, opts),
        EvalReport::Duee(d) => duee(&mut out, d, opts),
    }
    out
}

/// DuEE-fin: recall per event label and relation type, the precision proxy, predicted facts per type,
/// mention recall; with `errors`, every gold fact not found leniently.
fn duee(out: &mut String, r: &DueeReport, opts: RenderOptions) {
    let _ = writeln!(
        out,
        "DuEE-fin: {} documents; relation recall per event label, strict (R: names equal without legal\n\
         endings) and lenient (R~: one name contains the other)",
        r.documents
    );
    let row = |label: String, x: &DueeRecall| {
        vec![
            label,
            x.relation.clone(),
            x.gold.to_string(),
            x.strict.to_string(),
            percent(x.strict, x.gold),
            x.lenient.to_string(),
            percent(x.lenient, x.gold),
        ]
    };
    let rows = r
        .labels
        .iter()
        .map(|x| row(x.label.clone(), x))
        .chain(r.relations.iter().map(|x| row(format!("= {}", x.label), x)))
        .collect();
    let header = ["label", "maps to", "gold", "found", "R", "found~", "R~"];
    table(out, &header, rows);
    let proxy = &r.holds_position_proxy;
    let _ = writeln!(
        out,
        "holds_position precision proxy (person is a gold executive): {} of {} ({} correct)",
        percent(proxy.correct, proxy.judged),
        proxy.judged,
        proxy.correct
    );
    let predicted: Vec<String> = r
        .predicted
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    let _ = writeln!(out, "predicted relations: {}", predicted.join(", "));
    let _ = writeln!(
        out,
        "\nmentions among the event arguments: recall, exact span and overlap (org = company, organization,\n\
         government)"
    );
    let rows = r
        .mentions
        .iter()
        .map(|m| {
            vec![
                m.kind.clone(),
                m.gold.to_string(),
                m.exact.to_string(),
                percent(m.exact, m.gold),
                m.overlap.to_string(),
                percent(m.overlap, m.gold),
            ]
        })
        .collect();
    table(out, &["type", "gold", "exact", "R", "overlap", "R~"], rows);
    if opts.errors && !r.misses.is_empty() {
        let _ = writeln!(out, "\n== relations missed: {}", r.misses.len());
        for m in &r.misses {
            let _ = writeln!(
                out,
                "FN\t{}\t{}\t{} -[{}]-> {}",
                m.document, m.label, m.subject, m.relation, m.object
            );
        }
    }
}

fn spans(out: &mut String, r: &SpanReport, opts: RenderOptions) {
    let _ = writeln!(out, "entities, exact span ({} sentences)", r.sentences);
    score_table(out, &r.scores);
    if opts.per_rule && !r.rules.is_empty() {
        let _ = writeln!(out, "\nrule precision (weakest first)");
        let rows = r
            .rules
            .iter()
            .map(|x| {
                vec![
                    x.rule.clone(),
                    x.tp.to_string(),
                    x.fp.to_string(),
                    pct(x.precision),
                ]
            })
            .collect();
        table(out, &["rule", "tp", "fp", "P"], rows);
    }
    if opts.errors {
        span_errors(out, &r.errors);
    }
}

/// False positives under their rule; false negatives under the rule of the overlapping prediction.
fn span_errors(out: &mut String, errors: &[SpanError]) {
    let mut by_rule: BTreeMap<&str, Vec<&SpanError>> = BTreeMap::new();
    for e in errors {
        let rule = match e.kind {
            ErrorKind::FalsePositive => e.rule.as_deref(),
            ErrorKind::FalseNegative => e.near.as_ref().and_then(|n| n.rule.as_deref()),
        };
        by_rule
            .entry(rule.unwrap_or("(no overlapping prediction)"))
            .or_default()
            .push(e);
    }
    for (rule, errors) in by_rule {
        let _ = writeln!(out, "\n== {rule}: {} errors", errors.len());
        for e in errors {
            let _ = write!(
                out,
                "{}\t{}\t{}\t{}",
                kind_tag(e.kind),
                e.sentence,
                e.text,
                e.entity_type
            );
            if let Some(n) = &e.near {
                let miss = match n.miss {
                    MissKind::Type => "type",
                    MissKind::Boundary => "boundary",
                };
                let side = match e.kind {
                    ErrorKind::FalsePositive => "gold",
                    ErrorKind::FalseNegative => "predicted",
                };
                let _ = write!(out, "\t{miss}: {side} {} {}", n.text, n.entity_type);
                if let Some(rule) = &n.rule {
                    let _ = write!(out, " by {rule}");
                }
            }
            out.push('\n');
        }
    }
}

fn relation_recall(out: &mut String, r: &RelationReport, opts: RenderOptions) {
    let _ = writeln!(
        out,
        "relations: recall per gold label; precision over distinct facts, only on sentences carrying gold labels of\n\
         that kind; lenient (R~ P~): names without legal endings, gold names as the pack reads them, places\n\
         also matching the places the sentence puts them in"
    );
    let rows = r
        .labels
        .iter()
        .chain([&r.overall])
        .map(|l| {
            let target = if l.reversed {
                format!("~{}", l.target)
            } else {
                l.target.clone()
            };
            vec![
                l.label.clone(),
                target,
                l.gold.to_string(),
                l.found.to_string(),
                pct(l.recall),
                l.sentences.to_string(),
                l.pred.to_string(),
                l.correct.to_string(),
                pct(l.precision),
                pct(l.lenient.recall),
                pct(l.lenient.precision),
            ]
        })
        .collect();
    let header = [
        "label", "maps to", "gold", "found", "R", "sents", "pred", "correct", "P", "R~", "P~",
    ];
    table(out, &header, rows);
    if !r.unmapped.is_empty() {
        let unmapped: Vec<String> = r.unmapped.iter().map(|(l, n)| format!("{l} {n}")).collect();
        let _ = writeln!(out, "unmapped labels: {}", unmapped.join(", "));
    }
    if opts.errors {
        let mut by_rule: BTreeMap<&str, Vec<&RelationFalsePositive>> = BTreeMap::new();
        for f in &r.false_positives {
            by_rule.entry(f.rule.as_str()).or_default().push(f);
        }
        for (rule, wrong) in by_rule {
            let _ = writeln!(
                out,
                "\n== relations of {rule}: {} false positives",
                wrong.len()
            );
            for f in wrong {
                let lenient = if f.correct_leniently {
                    "\t(correct leniently)"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "FP\t{}\t{} -[{}]-> {}{lenient}",
                    f.sentence, f.subject, f.target, f.object
                );
            }
        }
        if !r.misses.is_empty() {
            let _ = writeln!(out, "\n== relations missed: {}", r.misses.len());
        }
        for m in &r.misses {
            let lenient = if m.found_leniently {
                "\t(found leniently)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "FN\t{}\t{}\t{} -[{}]-> {}{lenient}",
                m.sentence, m.label, m.subject, m.target, m.object
            );
        }
    }
}

fn seeds(out: &mut String, r: &SeedReport, opts: RenderOptions) {
    let scope = if r.explicit_only {
        "explicit relations only"
    } else {
        "all relations"
    };
    let _ = writeln!(out, "seeds: {} documents, {scope}", r.documents);
    for (tag, s) in [("strict", &r.strict), ("lenient", &r.lenient)] {
        let _ = writeln!(out, "\n== relations ({tag})");
        score_table(out, &s.relations);
        let _ = writeln!(out, "\n== entities, distinct per document ({tag})");
        score_table(out, &s.entities);
    }
    if let Some(nodes) = &r.nodes {
        node_scores(out, nodes);
    }
    if opts.errors {
        seed_errors(out, &r.lenient);
    }
}

/// Entity resolution: gold entities per node of the merged graph, and each split or merged one.
fn node_scores(out: &mut String, n: &NodeScores) {
    let _ = writeln!(out, "\n== merged graph: one node per gold entity");
    let _ = writeln!(
        out,
        "gold entities {}, on a node {}, on exactly one node {}, split over several nodes {}, \
         nodes holding several gold entities {}",
        n.gold,
        n.found,
        n.single,
        n.split.len(),
        n.merged.len()
    );
    for split in &n.split {
        let _ = writeln!(
            out,
            "split\t{}\t{}\t{}",
            split.kind,
            split.name,
            split.nodes.join(" ")
        );
    }
    for merged in &n.merged {
        let _ = writeln!(
            out,
            "merged\t{}\t{}",
            merged.node,
            merged.entities.join(" | ")
        );
    }
}

/// Lenient-variant errors: false positives under their rule, then misses.
fn seed_errors(out: &mut String, s: &SeedScores) {
    let mut by_rule: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for e in &s.errors {
        let level = match e.level {
            Level::Entity => "entity",
            Level::Relation => "relation",
        };
        let mut line = format!(
            "{}\t{level}\t{}\t{}\t{}",
            kind_tag(e.kind),
            e.doc,
            e.item_type,
            e.subject
        );
        if let Some(object) = &e.object {
            let _ = write!(line, "\t{object}");
        }
        if !e.attrs.is_empty() {
            let attrs: Vec<String> = e.attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let _ = write!(line, "\t{}", attrs.join(" "));
        }
        let group = match e.kind {
            ErrorKind::FalsePositive => e.rule.as_deref().unwrap_or("(no rule)"),
            ErrorKind::FalseNegative => "(missed)",
        };
        by_rule.entry(group).or_default().push(line);
    }
    for (rule, lines) in by_rule {
        let _ = writeln!(out, "\n== {rule}: {} errors (lenient)", lines.len());
        for line in lines {
            let _ = writeln!(out, "{line}");
        }
    }
}

fn kind_tag(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::FalsePositive => "FP",
        ErrorKind::FalseNegative => "FN",
    }
}

fn score_table(out: &mut String, t: &ScoreTable) {
    let row = |kind: &str, s: &Score| {
        vec![
            kind.to_string(),
            s.gold.to_string(),
            s.pred.to_string(),
            s.tp.to_string(),
            pct(s.precision),
            pct(s.recall),
            pct(s.f1),
        ]
    };
    let rows = t
        .types
        .iter()
        .map(|ts| row(&ts.kind, &ts.score))
        .chain([row("micro", &t.micro)])
        .collect();
    table(out, &["type", "gold", "pred", "tp", "P", "R", "F1"], rows);
}

fn pct(x: f64) -> String {
    format!("{:.1}", x * 100.0)
}

/// `100 · part / whole` with one decimal, computed as the reference scorers do (0.0 for an empty whole).
fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return pct(0.0);
    }
    format!("{:.1}", 100.0 * part as f64 / whole as f64)
}

/// Writes rows under a header: first column left-aligned, the others right-aligned, CJK counted double.
pub(crate) fn table(out: &mut String, header: &[&str], rows: Vec<Vec<String>>) {
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let all: Vec<&Vec<String>> = std::iter::once(&header).chain(&rows).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| all.iter().map(|r| display_width(&r[i])).max().unwrap_or(0))
        .collect();
    for row in all {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(width - display_width(cell));
            if i == 0 {
                let _ = write!(line, "{cell}{pad}");
            } else {
                let _ = write!(line, "  {pad}{cell}");
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// Terminal columns taken by `s`: East Asian wide characters count two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_cjk_cells() {
        let mut out = String::new();
        let rows = vec![
            vec!["董事长".to_string(), "1".to_string()],
            vec!["all".to_string(), "10".to_string()],
        ];
        table(&mut out, &["label", "n"], rows);
        assert_eq!(out, "label    n\n董事长   1\nall     10\n");
    }
}
