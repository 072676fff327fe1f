//! Pattern macros: `{lex:NAME}` (any form of a lexicon) and, in relation rules, entity slots
//! `{name:type|type}` (one mention) and `{name:type+}` (a list of mentions joined by the pack's separator).
//!
//! A `{` that starts a macro is followed by a letter or `_`; regex repetitions (`{2,4}`) and escaped `\{`
//! keep their regex meaning.

use std::collections::BTreeMap;

use super::diagnostic::did_you_mean;

/// An entity slot of a relation pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Capture-group name.
    pub name: String,
    /// Accepted entity types; empty means any.
    pub types: Vec<String>,
    /// Whether the slot takes a list of mentions.
    pub list: bool,
    /// Whether the slot takes only reference words (`{name:@type}`: 本公司 standing for the document's
    /// company), not named mentions.
    pub references_only: bool,
}

/// A problem in a pattern, at a byte offset of the pattern text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Byte offset into the pattern.
    pub at: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// The unknown lexicon, when that is the problem (the compiler stays silent about one that was
    /// present but did not load: that is reported already).
    pub lexicon: Option<String>,
}

/// What the expander needs to know about the pack.
pub struct Context<'a> {
    /// Lexicon name → its surface forms.
    pub lexicons: &'a BTreeMap<String, Vec<String>>,
    /// Entity type → the placeholder character standing for a named mention of that type.
    pub placeholders: &'a BTreeMap<String, char>,
    /// Entity type → the placeholder character standing for a reference word of that type (公司 for the
    /// document's company).
    pub references: &'a BTreeMap<String, char>,
    /// Regex joining the items of a list slot.
    pub list_separator: &'a str,
    /// Whether entity slots are allowed (relation and alias patterns).
    pub allow_slots: bool,
}

/// A pattern with its macros expanded to plain regex syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    /// The regex.
    pub regex: String,
    /// Entity slots in order of appearance.
    pub slots: Vec<Slot>,
}

/// Expands every macro of `pattern`.
pub fn expand(pattern: &str, context: &Context<'_>) -> Result<Expanded, PatternError> {
    let mut regex = String::with_capacity(pattern.len());
    let mut slots: Vec<Slot> = Vec::new();
    let mut rest = pattern;
    let mut offset = 0;
    while let Some(position) = find_macro(rest) {
        regex.push_str(&rest[..position]);
        let at = offset + position;
        let body_start = position + 1;
        let Some(close) = rest[body_start..].find('}') else {
            return Err(PatternError {
                at,
                message: "unclosed `{` in pattern".into(),
                hint: Some("close the macro with `}`, or write `\\{` for a literal brace".into()),
                lexicon: None,
            });
        };
        let body = &rest[body_start..body_start + close];
        let (head, argument) = body.split_once(':').unwrap_or((body, ""));
        if head == "lex" {
            let Some(forms) = context.lexicons.get(argument) else {
                return Err(PatternError {
                    at,
                    message: format!("unknown lexicon `{argument}`"),
                    hint: Some(did_you_mean(
                        argument,
                        "lexicons",
                        context.lexicons.keys().map(String::as_str),
                    )),
                    lexicon: Some(argument.to_string()),
                });
            };
            regex.push_str(&alternation(forms));
        } else {
            if !context.allow_slots {
                return Err(PatternError {
                    at,
                    message: format!("`{{{body}}}` is not a known macro here"),
                    hint: Some("entity patterns accept `{lex:NAME}`; entity slots `{name:type}` belong in relation rules".into()),
                    lexicon: None,
                });
            }
            let slot =
                parse_slot(head, argument, context).map_err(|(message, hint)| PatternError {
                    at,
                    message,
                    hint,
                    lexicon: None,
                })?;
            if slots.iter().any(|other| other.name == slot.name) {
                return Err(PatternError {
                    at,
                    message: format!("slot `{}` is used twice", slot.name),
                    hint: Some("give each slot its own name".into()),
                    lexicon: None,
                });
            }
            regex.push_str(&slot_regex(&slot, context));
            slots.push(slot);
        }
        let consumed = body_start + close + 1;
        rest = &rest[consumed..];
        offset += consumed;
    }
    regex.push_str(rest);
    Ok(Expanded { regex, slots })
}

/// Byte position of the next macro-opening `{` (not escaped, followed by a letter or `_`). Braces that
/// belong to regex escapes (`\p{Han}`, `\x{4e00}`, `\u{4e00}`) are skipped.
fn find_macro(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => {
                let braced = matches!(bytes.get(index + 1), Some(b'p' | b'P' | b'x' | b'u'))
                    && bytes.get(index + 2) == Some(&b'{');
                index += if braced {
                    text[index..]
                        .find('}')
                        .map_or(bytes.len() - index, |close| close + 1)
                } else {
                    2
                };
                continue;
            }
            b'{' if bytes
                .get(index + 1)
                .is_some_and(|next| next.is_ascii_alphabetic() || *next == b'_') =>
            {
                return Some(index);
            }
            _ => {}
        }
        index += 1;
    }
    None
}

/// `pattern` with each macro replaced by as many `x` as it has bytes, so that regex syntax errors in the
/// rest keep their byte offsets (the expanded regex moves them).
pub fn mask_macros(pattern: &str) -> String {
    let mut masked = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(start) = find_macro(rest) {
        let Some(close) = rest[start..].find('}') else {
            break;
        };
        masked.push_str(&rest[..start]);
        masked.push_str(&"x".repeat(close + 1));
        rest = &rest[start + close + 1..];
    }
    masked.push_str(rest);
    masked
}

fn parse_slot(
    name: &str,
    argument: &str,
    context: &Context<'_>,
) -> Result<Slot, (String, Option<String>)> {
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err((
            format!("`{name}` is not a valid slot name"),
            Some("slot names are ASCII letters, digits and `_`, as in `{person:person}`".into()),
        ));
    }
    let (types, list) = match argument.strip_suffix('+') {
        Some(types) => (types, true),
        None => (argument, false),
    };
    let (types, references_only) = match types.strip_prefix('@') {
        Some(types) => (types, true),
        None => (types, false),
    };
    if types.is_empty() {
        return Err((
            format!("slot `{name}` names no entity type"),
            Some(
                "write `{name:type}`, `{name:type|type}`, `{name:type+}`, `{name:@type}` or `{name:*}`"
                    .into(),
            ),
        ));
    }
    let types: Vec<String> = if types == "*" {
        Vec::new()
    } else {
        types.split('|').map(str::to_string).collect()
    };
    for kind in &types {
        if !context.placeholders.contains_key(kind) {
            return Err((
                format!("slot `{name}` uses unknown entity type `{kind}`"),
                Some(did_you_mean(
                    kind,
                    "entity types",
                    context.placeholders.keys().map(String::as_str),
                )),
            ));
        }
    }
    Ok(Slot {
        name: name.to_string(),
        types,
        list,
        references_only,
    })
}

/// The regex for one slot: a class of placeholder characters (named mentions and reference words of
/// its types, or reference words only), repeated with separators for lists.
fn slot_regex(slot: &Slot, context: &Context<'_>) -> String {
    let of_type = |kind: &String| {
        let reference = context.references[kind];
        if slot.references_only {
            vec![reference]
        } else {
            vec![context.placeholders[kind], reference]
        }
    };
    let class: String = if slot.types.is_empty() {
        context.placeholders.keys().flat_map(of_type).collect()
    } else {
        slot.types.iter().flat_map(of_type).collect()
    };
    let one = format!("[{class}]");
    if slot.list {
        format!(
            "(?P<{name}>{one}(?:(?:{separator}){one})*)",
            name = slot.name,
            separator = context.list_separator
        )
    } else {
        format!("(?P<{name}>{one})", name = slot.name)
    }
}

/// A non-capturing alternation of literal forms, longest first so the leftmost match is also the longest.
fn alternation(forms: &[String]) -> String {
    let mut sorted: Vec<&String> = forms.iter().collect();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    sorted.dedup();
    let escaped: Vec<String> = sorted.iter().map(|form| regex::escape(form)).collect();
    format!("(?:{})", escaped.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static REFERENCES: LazyLock<BTreeMap<String, char>> =
        LazyLock::new(|| BTreeMap::from([("person".into(), 'p'), ("company".into(), 'c')]));

    fn context<'a>(
        lexicons: &'a BTreeMap<String, Vec<String>>,
        placeholders: &'a BTreeMap<String, char>,
    ) -> Context<'a> {
        Context {
            lexicons,
            placeholders,
            references: &REFERENCES,
            list_separator: "、|和",
            allow_slots: true,
        }
    }

    fn fixtures() -> (BTreeMap<String, Vec<String>>, BTreeMap<String, char>) {
        let lexicons =
            BTreeMap::from([("titles".to_string(), vec!["董事".into(), "董事长".into()])]);
        let placeholders =
            BTreeMap::from([("person".to_string(), 'P'), ("company".to_string(), 'C')]);
        (lexicons, placeholders)
    }

    #[test]
    fn masking_keeps_offsets() {
        let pattern = "{lex:地名}(?:公司|{x:company}\\p{Han}{2,4}";
        let masked = mask_macros(pattern);
        assert_eq!(masked.len(), pattern.len());
        assert_eq!(
            masked,
            format!(
                "{}(?:公司|{}\\p{{Han}}{{2,4}}",
                "x".repeat(12),
                "x".repeat(11)
            )
        );
    }

    #[test]
    fn lexicon_macro_becomes_longest_first_alternation() {
        let (lexicons, placeholders) = fixtures();
        let pattern = r"{lex:titles}\d{2,3}\{x}\p{Han}\x{4e00}";
        let expanded = expand(pattern, &context(&lexicons, &placeholders)).unwrap();
        assert_eq!(expanded.regex, r"(?:董事长|董事)\d{2,3}\{x}\p{Han}\x{4e00}");
        assert!(expanded.slots.is_empty());
    }

    #[test]
    fn slots_become_named_placeholder_classes() {
        let (lexicons, placeholders) = fixtures();
        let expanded = expand(
            "{org:company}董事长{who:person+}",
            &context(&lexicons, &placeholders),
        )
        .unwrap();
        assert_eq!(
            expanded.regex,
            "(?P<org>[Cc])董事长(?P<who>[Pp](?:(?:、|和)[Pp])*)"
        );
        assert_eq!(expanded.slots[1].name, "who");
        assert!(expanded.slots[1].list);
    }

    #[test]
    fn an_at_slot_takes_reference_words_only() {
        let (lexicons, placeholders) = fixtures();
        let expanded = expand("{org:@company}董事长", &context(&lexicons, &placeholders)).unwrap();
        assert_eq!(expanded.regex, "(?P<org>[c])董事长");
        assert!(expanded.slots[0].references_only);
        assert_eq!(expanded.slots[0].types, ["company"]);
    }

    #[test]
    fn errors_point_at_the_macro() {
        let (lexicons, placeholders) = fixtures();
        let error = expand("ab{lex:nope}", &context(&lexicons, &placeholders)).unwrap_err();
        assert_eq!(error.at, 2);
        assert_eq!(error.message, "unknown lexicon `nope`");
        let error = expand("{a:person}{b:robot}", &context(&lexicons, &placeholders)).unwrap_err();
        assert_eq!(error.at, 10);
        assert!(error.message.contains("unknown entity type `robot`"));
        let error = expand("{a:person}{a:person}", &context(&lexicons, &placeholders)).unwrap_err();
        assert!(error.message.contains("used twice"));
    }
}
