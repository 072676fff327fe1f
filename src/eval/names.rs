//! Name normalisation and the gold name index used by graph-level scoring.
//!
//! Normalisation folds traditional to simplified Chinese (`fast2s`), full-width ASCII and the ideographic
//! space to their narrow forms, and drops whitespace and quotation marks, so surface variants of one name
//! compare equal. The DuEE-fin scorer's own variant ([`normalize_nfkc`], [`duee_core`]) follows
//! `duee_fin_eval.py`: NFKC without script folding, and a longer list of legal endings dropped repeatedly.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use super::gold::SeedEntity;

/// Legal-form suffixes dropped by lenient matching, longest forms first.
const LEGAL_SUFFIXES: [&str; 8] = [
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "（集团）有限公司",
    "(集团)有限公司",
    "有限公司",
    "集团公司",
    "公司",
];

/// The suffixes in normalised form.
static SUFFIXES: LazyLock<Vec<String>> =
    LazyLock::new(|| LEGAL_SUFFIXES.iter().map(|s| normalize(s)).collect());

/// Legal-form endings `duee_fin_eval.py` drops, in its order (each pass tries them all, in turn).
const DUEE_LEGAL_SUFFIXES: [&str; 10] = [
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "（集团）有限公司",
    "(集团)有限公司",
    "有限公司",
    "集团公司",
    "集团",
    "公司",
    "股份",
];

/// The DuEE-fin suffixes in NFKC-normalised form.
static DUEE_SUFFIXES: LazyLock<Vec<String>> = LazyLock::new(|| {
    DUEE_LEGAL_SUFFIXES
        .iter()
        .map(|s| normalize_nfkc(s))
        .collect()
});

/// Normalises a name as `duee_fin_eval.py` does: NFKC, then without white space (as Python's `\s`
/// reads it) or quotation marks. Traditional characters stay as written.
pub fn normalize_nfkc(s: &str) -> String {
    s.nfkc()
        .filter(|&c| !is_python_space(c) && !is_quote(c))
        .collect()
}

/// Python's `str.isspace`: Unicode white space and the four information separators U+001C–U+001F.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1C}'..='\u{1F}').contains(&c)
}

/// What `duee_fin_eval.py` compares of a name: [`normalize_nfkc`], then legal endings dropped while
/// more than one character would remain, pass after pass until none applies (北京某某集团股份有限公司 →
/// 北京某某).
pub fn duee_core(s: &str) -> String {
    let mut core = normalize_nfkc(s);
    let mut changed = true;
    while changed {
        changed = false;
        for suffix in DUEE_SUFFIXES.iter() {
            if core.ends_with(suffix.as_str()) && core.chars().count() > suffix.chars().count() + 1
            {
                core.truncate(core.len() - suffix.len());
                changed = true;
            }
        }
    }
    core
}

/// Normalises a name for comparison.
pub fn normalize(s: &str) -> String {
    fast2s::convert(s)
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace() && !is_quote(*c))
        .collect()
}

/// Full-width ASCII and the ideographic space to their narrow forms (the width part of NFKC).
fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '《' | '》' | '「' | '」' | '『' | '』'
    )
}

/// Drops the first matching legal suffix from a normalised name, keeping at least two characters.
pub fn strip_legal_suffix(s: &str) -> &str {
    let len = s.chars().count();
    SUFFIXES
        .iter()
        .find(|suf| s.ends_with(suf.as_str()) && len > suf.chars().count() + 1)
        .map_or(s, |suf| &s[..s.len() - suf.len()])
}

/// A predicted mention or argument, as far as name resolution is concerned.
#[derive(Debug, Clone, Copy)]
pub struct Surface<'a> {
    /// Canonical name the extractor gave, possibly empty.
    pub canonical: &'a str,
    /// Text as it stands in the document.
    pub text: &'a str,
    /// Predicted entity type.
    pub kind: &'a str,
}

/// Maps normalised names and aliases of gold entities to canonical gold names.
///
/// When a form belongs to several entities, the first entity in gold order wins.
#[derive(Debug)]
pub struct NameIndex<'g> {
    /// Normalised forms in first-seen order, with their entity.
    forms: Vec<(String, &'g str)>,
    strict: HashMap<String, &'g str>,
    lenient: HashMap<String, &'g str>,
    type_of: HashMap<&'g str, &'g str>,
}

impl<'g> NameIndex<'g> {
    /// Indexes every name and alias of `entities`.
    pub fn new(entities: &'g [SeedEntity]) -> Self {
        let mut index = Self {
            forms: Vec::new(),
            strict: HashMap::new(),
            lenient: HashMap::new(),
            type_of: HashMap::new(),
        };
        for e in entities {
            index.type_of.insert(&e.name, &e.kind);
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                let f = normalize(form);
                if f.is_empty() {
                    continue;
                }
                index
                    .lenient
                    .entry(strip_legal_suffix(&f).to_string())
                    .or_insert(&e.name);
                if !index.strict.contains_key(&f) {
                    index.strict.insert(f.clone(), &e.name);
                    index.forms.push((f, &e.name));
                }
            }
        }
        index
    }

    /// The gold entity one of whose names or aliases is exactly `form` after normalisation.
    pub fn exact(&self, form: &str) -> Option<&'g str> {
        self.strict.get(&normalize(form)).copied()
    }

    /// The gold type of a canonical gold name.
    pub fn type_of(&self, name: &str) -> Option<&'g str> {
        self.type_of.get(name).copied()
    }

    /// The gold entity a predicted surface refers to: by canonical, else text; strictly, or also after
    /// dropping legal suffixes when `lenient`. Agreements, which annotators name differently, fall back
    /// to the longest gold agreement name contained in (or, from four characters, containing) the surface.
    pub fn resolve(&self, s: Surface<'_>, lenient: bool) -> Option<&'g str> {
        let keys = [normalize(s.canonical), normalize(s.text)];
        for f in keys.iter().filter(|f| !f.is_empty()) {
            if let Some(name) = self.strict.get(f) {
                return Some(name);
            }
            if lenient && let Some(name) = self.lenient.get(strip_legal_suffix(f)) {
                return Some(name);
            }
        }
        if s.kind == "agreement" {
            return self.resolve_agreement(&keys);
        }
        None
    }

    fn resolve_agreement(&self, keys: &[String]) -> Option<&'g str> {
        let mut best: Option<(usize, &'g str)> = None;
        for f in keys {
            let f_len = f.chars().count();
            for (form, name) in &self.forms {
                let related =
                    f.contains(form.as_str()) || (f_len >= 4 && form.contains(f.as_str()));
                let len = form.chars().count();
                if self.type_of(name) == Some("agreement")
                    && related
                    && best.is_none_or(|(l, _)| len > l)
                {
                    best = Some((len, name));
                }
            }
        }
        best.map(|(_, name)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_script_width_space_and_quotes() {
        assert_eq!(
            normalize("中國稀土 集團（０００８３１）"),
            "中国稀土集团(000831)"
        );
        assert_eq!(normalize("《合作协议》“甲”"), "合作协议甲");
    }

    #[test]
    fn legal_suffix_needs_two_characters_left() {
        assert_eq!(strip_legal_suffix("中国稀土集团有限公司"), "中国稀土");
        assert_eq!(strip_legal_suffix("甲公司"), "甲公司");
        assert_eq!(strip_legal_suffix("甲乙公司"), "甲乙");
        assert_eq!(
            strip_legal_suffix(&normalize("赣州（集团）有限公司")),
            "赣州"
        );
    }

    #[test]
    fn duee_core_folds_compatibility_forms_and_drops_endings_repeatedly() {
        assert_eq!(normalize_nfkc("“甲乙”\u{1F}（Ａ）"), "甲乙(A)");
        assert_eq!(duee_core("北京甲乙集团股份有限公司"), "北京甲乙");
        assert_eq!(duee_core("甲乙（集团）有限公司"), "甲乙");
        assert_eq!(duee_core("甲股份"), "甲股份", "two characters must remain");
        assert_eq!(duee_core("甲乙集团公司"), "甲乙");
        assert_eq!(duee_core("國泰"), "國泰", "no script folding");
    }
}
