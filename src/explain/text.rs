//! The plain-text form of an [`Explanation`], as `kgx explain` prints it.

use std::collections::BTreeMap;
use std::fmt::{self, Display, Formatter};

use super::why_not::{Diagnosis, RuleTrace, WhyNot};
use super::{Explanation, SentenceView};

impl Display for Explanation {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} sentences", self.document, self.sentence_count)?;
        for sentence in &self.sentences {
            writeln!(f)?;
            write_sentence(f, sentence, self.rule.as_deref())?;
        }
        Ok(())
    }
}

fn write_sentence(f: &mut Formatter<'_>, view: &SentenceView, rule: Option<&str>) -> fmt::Result {
    writeln!(
        f,
        "[{}] source {}..{}: {}",
        view.number, view.source_start, view.source_end, view.text
    )?;
    for mention in &view.mentions {
        writeln!(
            f,
            "  mention  {}  {}  rule {}  canonical {}",
            mention.text, mention.kind, mention.rule, mention.canonical
        )?;
    }
    for fact in &view.facts {
        writeln!(
            f,
            "  fact     {} -> {}  {}{}  rule {}",
            fact.subject,
            fact.object,
            fact.relation,
            attrs(&fact.attrs),
            fact.rule
        )?;
    }
    if let (Some(rule), Some(trace)) = (rule, &view.trace) {
        write_trace(f, rule, trace)?;
    }
    Ok(())
}

fn write_trace(f: &mut Formatter<'_>, rule: &str, trace: &RuleTrace) -> fmt::Result {
    match trace {
        RuleTrace::Fired { count } => writeln!(f, "  rule {rule}: fired ({count})"),
        RuleTrace::Overruled { lost } => {
            writeln!(f, "  rule {rule}: matched, but lost every overlap")?;
            for lost in lost {
                writeln!(
                    f,
                    "    `{}` lost to `{}` (rule {})",
                    lost.candidate, lost.winner, lost.winner_rule
                )?;
            }
            Ok(())
        }
        RuleTrace::NotFired(why_not) => write_why_not(f, rule, why_not),
    }
}

fn write_why_not(f: &mut Formatter<'_>, rule: &str, why_not: &WhyNot) -> fmt::Result {
    writeln!(f, "  rule {rule}: did not fire")?;
    writeln!(f, "    input: {}", why_not.input)?;
    match &why_not.diagnosis {
        Diagnosis::Prefix {
            pieces,
            matched,
            last_matched,
            matched_text,
            stopped_at,
            note,
        } => {
            match (last_matched, matched_text) {
                (Some(last), Some(text)) if text.is_empty() => writeln!(
                    f,
                    "    matched up to piece {matched} of {pieces}: `{last}` (an empty match)"
                )?,
                (Some(last), Some(text)) => writeln!(
                    f,
                    "    matched up to piece {matched} of {pieces}: `{last}`; that prefix matched `{text}`"
                )?,
                _ => writeln!(f, "    not even piece 1 of {pieces} matches")?,
            }
            if let Some(stopped) = stopped_at {
                writeln!(
                    f,
                    "    stopped at piece {}: `{}`",
                    stopped.piece, stopped.pattern
                )?;
            }
            if let Some(note) = note {
                writeln!(f, "    {note}")?;
            }
            Ok(())
        }
        Diagnosis::Lexicon { found: Some(form) } => writeln!(
            f,
            "    lexicon form `{form}` occurs, but the rule's pos or exclude constraints dropped it"
        ),
        Diagnosis::Lexicon { found: None } => {
            writeln!(
                f,
                "    no form of the rule's lexicon occurs in the sentence"
            )
        }
        Diagnosis::Tokens { tags, tokens } => writeln!(
            f,
            "    no token tagged {} in: {}",
            tags.join("|"),
            tokens.join(" ")
        ),
    }
}

/// Attributes as ` {key=value, …}`, or nothing.
fn attrs(attrs: &BTreeMap<String, String>) -> String {
    if attrs.is_empty() {
        return String::new();
    }
    let pairs: Vec<String> = attrs
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    format!(" {{{}}}", pairs.join(", "))
}
