//! The rule pack: file format, validation with `file:line:col` diagnostics, and the compiled runtime form.
//!
//! A pack is a folder: `pack.toml` declares entity and relation types (and declared aliases); every other
//! `*.toml` holds `[[entity]]`, `[[alias]]` and `[[relation]]` rules; `lexicons/*.txt` are word lists. The
//! default pack is compiled into kgx ([`PackSource::Embedded`]). A pack is compiled once ([`load`]) and
//! then shared read-only by every thread.

mod compile;
pub mod diagnostic;
pub mod expect;
pub mod format;
pub mod graphviz;
pub mod lexicon;
mod literals;

pub use literals::EntityGate;
pub mod pattern;
pub mod source;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::PathBuf;

use aho_corasick::AhoCorasick;

use crate::document::Normalization;
use regex::Regex;

pub use compile::{load, load_from, load_normalization};
pub use diagnostic::{Diagnostic, Diagnostics};
pub use lexicon::Lexicon;
pub use source::PackSource;

/// Where a rule or example is defined, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Rule file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl Location {
    fn of(file: &diagnostic::SourceFile, at: usize) -> Location {
        let diagnostic = file.diagnostic(at, "", None);
        Location {
            file: diagnostic.file,
            line: diagnostic.line,
            column: diagnostic.column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// A compiled rule pack, immutable and shareable across threads.
#[derive(Debug)]
pub struct RulePack {
    /// Pack name from `pack.toml`.
    pub name: String,
    /// Pack version from `pack.toml`.
    pub version: String,
    /// SHA-256 over every rule and lexicon file: identifies the rules a graph was built with.
    pub hash: String,
    /// Regex joining list items in relation patterns.
    pub list_separator: String,
    /// Joins party names when naming an untitled agreement.
    pub party_joiner: String,
    /// Entity types by name.
    pub entity_types: BTreeMap<String, EntityType>,
    /// Relation types by name.
    pub relation_types: BTreeMap<String, RelationType>,
    /// Lexicons by name.
    pub lexicons: BTreeMap<String, Lexicon>,
    /// Merges declared in `pack.toml`.
    pub aliases: Vec<DeclaredAlias>,
    /// The place hierarchy of `[hierarchy]`, if the pack declares one.
    pub hierarchy: Option<Hierarchy>,
    /// Entity rules in file order.
    pub entity_rules: Vec<EntityRule>,
    /// Index into `entity_rules` by rule id, for settings looked up per mention.
    entity_rule_index: HashMap<String, usize>,
    /// In-document alias rules.
    pub alias_rules: Vec<AliasRule>,
    /// Relation rules in file order.
    pub relation_rules: Vec<RelationRule>,
    /// Which entity rules can match a sentence, from every rule's [`EntityRule::required`] literals.
    pub entity_gate: EntityGate,
    /// How glued short names are read (`None`: reference words are never glued to a name).
    pub glued_names: Option<GluedNames>,
    /// How bare names of a place's bodies are named (`None`: no rule is `scoped`).
    pub scoped_names: Option<ScopedNames>,
    /// The language-specific normalisation documents get before these rules run on them.
    pub normalization: Normalization,
}

impl RulePack {
    /// The entity rule with this id; a propagated mention's rule id (`propagated:ID`) names its rule.
    pub fn entity_rule(&self, id: &str) -> Option<&EntityRule> {
        let id = id.strip_prefix(crate::extract::PROPAGATED).unwrap_or(id);
        self.entity_rule_index
            .get(id)
            .map(|&index| &self.entity_rules[index])
    }

    /// Number of rules of every kind.
    pub fn rule_count(&self) -> usize {
        self.entity_rules.len() + self.alias_rules.len() + self.relation_rules.len()
    }
}

/// An entity type and how it is drawn and merged.
#[derive(Debug, Clone)]
pub struct EntityType {
    /// Type name.
    pub name: String,
    /// Graphviz shape.
    pub shape: String,
    /// Graphviz fill colour.
    pub color: String,
    /// Literal values rather than entities.
    pub literal: bool,
    /// Whether mentions become graph nodes.
    pub node: bool,
    /// Whether a kept mention's other occurrences in the document become candidates.
    pub propagate: bool,
    /// Legal-form endings ignored when merging names.
    pub strip_suffixes: Vec<String>,
    /// Page noise left out of the names mentions give their nodes.
    pub name_noise: Option<Regex>,
    /// Tags of ordinary words: an unnamed mention made only of such tokens is dropped.
    pub not_name_tags: Vec<String>,
    /// Endings whose removal gives a short form of the same name (集团).
    pub short_form_endings: Vec<String>,
    /// A name equal to another name of the document plus one character is that name.
    pub merge_one_char_extensions: bool,
    /// A unit named without its parent (科学技术协会) is the document's parent + unit name.
    pub units_of_named_parents: bool,
    /// How short names are formed from fuller names of this type, for corpus-wide merging.
    pub short_names: Option<ShortNames>,
    /// Character standing for a mention of this type inside relation patterns.
    pub placeholder: char,
    /// Character standing for a reference word of this type (本公司) inside relation patterns.
    pub reference_placeholder: char,
}

/// The compiled `short_names` table of an entity type (see [`crate::resolve::merge_short_names`]).
#[derive(Debug, Clone, Default)]
pub struct ShortNames {
    /// Endings that give a name short names; a short name may keep them.
    pub endings: Vec<String>,
    /// Endings only a short name carries (公司).
    pub short_endings: Vec<String>,
    /// Leading words a short name may leave out.
    pub drop_prefixes: Vec<String>,
    /// Trailing words (from the `drop_words` lexicons) a short name may leave out before the ending.
    pub drop_words: Vec<String>,
    /// 甲(乙)丙 also has the short names 乙丙 and 甲乙.
    pub regional_parentheses: bool,
    /// A leading group name of the corpus (or its base or initials) may be left out.
    pub group_prefixes: bool,
    /// Word length for abbreviations by initials (0: none).
    pub initials_of_words: usize,
}

/// A relation type and its signature.
#[derive(Debug, Clone)]
pub struct RelationType {
    /// Type name.
    pub name: String,
    /// Accepted subject entity types.
    pub subject: Vec<String>,
    /// Accepted object entity types.
    pub object: Vec<String>,
    /// Stored once per pair, without direction.
    pub symmetric: bool,
    /// Attributes that are part of the edge identity.
    pub key_attrs: Vec<String>,
    /// Attribute values only objects of some names can have.
    pub object_constraints: Vec<ObjectConstraint>,
    /// Graphviz line colour, style and arrowhead of its edges, as the pack gives them (checked names;
    /// `None` where the drawing's defaults apply).
    pub color: Option<String>,
    /// See `color`.
    pub style: Option<String>,
    /// See `color`.
    pub arrowhead: Option<String>,
}

/// A fact whose attribute value matches `matches` needs an object whose name matches `object`.
#[derive(Debug, Clone)]
pub struct ObjectConstraint {
    /// Attribute name.
    pub attribute: String,
    /// Matches the attribute values the constraint applies to.
    pub matches: Regex,
    /// Matches the names of the objects such a fact may have.
    pub object: Regex,
    /// Rewrites a wrong object's name into the body the fact belongs to: the regex and its replacement.
    pub counterpart: Option<(Regex, String)>,
}

impl ObjectConstraint {
    /// Whether the constraint applies to a fact with these attributes and rules out an object named `object`.
    fn rules_out(&self, attrs: &BTreeMap<String, String>, object: &str) -> bool {
        attrs
            .get(&self.attribute)
            .is_some_and(|value| self.matches.is_match(value))
            && !self.object.is_match(object)
    }
}

impl RelationType {
    /// Whether a fact with these attributes may have an object named `object`.
    pub fn allows_object(&self, attrs: &BTreeMap<String, String>, object: &str) -> bool {
        !self
            .object_constraints
            .iter()
            .any(|constraint| constraint.rules_out(attrs, object))
    }

    /// The name of the body a fact ruled out for `object` belongs to instead: the counterpart of the
    /// first constraint that rules it out, when its name fits every constraint. `None` drops the fact.
    pub fn counterpart(&self, attrs: &BTreeMap<String, String>, object: &str) -> Option<String> {
        let constraint = self
            .object_constraints
            .iter()
            .find(|constraint| constraint.rules_out(attrs, object))?;
        let (from, to) = constraint.counterpart.as_ref()?;
        if !from.is_match(object) {
            return None;
        }
        let name = from.replace(object, to.as_str()).into_owned();
        self.allows_object(attrs, &name).then_some(name)
    }
}

/// How a short name glued before a reference word (某某集团, where 集团 refers to the document's subject
/// elsewhere) is read backwards from that word: the pack's `[glued_names]`.
#[derive(Debug, Clone)]
pub struct GluedNames {
    /// Matches one character a glued name is written in (anchored).
    pub characters: Regex,
    /// Matches, at the end of the text before a character, text a name cannot reach back into.
    pub stops_after: Regex,
    /// Words right before a reference word that are no name.
    pub not_names: Vec<String>,
    /// Fewest characters before the reference word.
    pub min_chars: usize,
    /// Most characters before the reference word.
    pub max_chars: usize,
}

/// How the bare name of a place's body (市委) is named from the document's place: the pack's
/// `[scoped_names]`.
#[derive(Debug, Clone)]
pub struct ScopedNames {
    /// Entity type of the places.
    pub place_type: String,
    /// Matches the level word a scoped name starts with (anchored).
    pub level: Regex,
}

/// A containment hierarchy (such as administrative divisions) loaded from the pack's `[hierarchy]` TSV.
#[derive(Debug, Clone, Default)]
pub struct Hierarchy {
    /// The containment relation type it governs.
    pub relation: String,
    /// The entity type looked up in it.
    pub entity_type: String,
    /// Whether it adds facts between adjacent places, besides removing contradicted ones.
    pub add_facts: bool,
    /// Name → codes (a name can denote several divisions).
    codes: std::collections::HashMap<String, Vec<String>>,
    /// Code → parent code.
    parents: std::collections::HashMap<String, String>,
}

impl Hierarchy {
    /// An empty hierarchy for a relation and entity type; fill it with [`Hierarchy::insert`].
    pub fn new(relation: &str, entity_type: &str, add_facts: bool) -> Hierarchy {
        Hierarchy {
            relation: relation.to_string(),
            entity_type: entity_type.to_string(),
            add_facts,
            ..Hierarchy::default()
        }
    }

    /// Adds one division: its code, name and parent code (`None` at the top).
    pub fn insert(&mut self, code: &str, name: &str, parent: Option<&str>) {
        self.codes
            .entry(name.to_string())
            .or_default()
            .push(code.to_string());
        if let Some(parent) = parent {
            self.parents.insert(code.to_string(), parent.to_string());
        }
    }

    /// Whether the hierarchy knows this name.
    pub fn knows(&self, name: &str) -> bool {
        self.codes.contains_key(name)
    }

    /// Whether some division named `child` lies (directly or further down) inside some division named
    /// `parent`.
    pub fn within(&self, child: &str, parent: &str) -> bool {
        let (Some(children), Some(parents)) = (self.codes.get(child), self.codes.get(parent))
        else {
            return false;
        };
        children.iter().any(|code| {
            let mut current = self.parents.get(code);
            let mut steps = 0;
            while let Some(up) = current {
                if parents.contains(up) {
                    return true;
                }
                steps += 1;
                if steps > 8 {
                    break;
                }
                current = self.parents.get(up);
            }
            false
        })
    }
}

/// A declared merge from `pack.toml`.
#[derive(Debug, Clone)]
pub struct DeclaredAlias {
    /// Entity type.
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Names merged into it.
    pub aliases: Vec<String>,
    /// Names never merged into it.
    pub distinct: Vec<String>,
}

/// How an entity rule finds candidates.
#[derive(Debug)]
pub enum EntityMatcher {
    /// A regex; the group `m`, when present, is the mention.
    Regex(Regex),
    /// Every form of a lexicon, leftmost-longest; `canonical[i]` is the entry name of pattern `i`.
    Lexicon {
        /// The automaton over every form.
        automaton: AhoCorasick,
        /// Entry name for each form.
        canonical: Vec<String>,
    },
    /// Every jieba token whose tag is in the rule's `pos` list.
    Tokens,
}

/// A compiled entity rule.
#[derive(Debug)]
pub struct EntityRule {
    /// Rule id.
    pub id: String,
    /// Entity type produced.
    pub kind: String,
    /// Overlap priority.
    pub priority: i32,
    /// How candidates are found.
    pub matcher: EntityMatcher,
    /// For a regex matcher, literals one of which every match contains, when there are finitely many
    /// (see [`literals::necessary`]): a sentence holding none of them cannot match, so the rule is skipped
    /// without running the regex ([`RulePack::entity_gate`]). Patterns such as `organization.institution`
    /// (a lexicon or `\p{Han}` run before a fixed list of endings) have no prefix the regex engine can
    /// look for, and their lazy DFA otherwise builds states all along every sentence. `None`: no such
    /// set, run the regex everywhere.
    pub required: Option<Vec<Vec<u8>>>,
    /// Required jieba tags (empty: no constraint).
    pub pos: Vec<String>,
    /// Whole-mention texts to drop.
    pub exclude: Option<Regex>,
    /// Whole-mention shape every kept mention must have.
    pub require: Option<Regex>,
    /// Leading text cut off each mention (anchored, repeated).
    pub trim_left: Option<Regex>,
    /// Context that must not end right before a mention (anchored at its end).
    pub exclude_before: Option<Regex>,
    /// Context that must not start right after a mention (anchored at its start).
    pub exclude_after: Option<Regex>,
    /// Entry name per lexicon form (`names_from`): a mention with one of these texts takes the entry name.
    pub names: Option<HashMap<String, String>>,
    /// A reference word for the document's main entity.
    pub refers_to_subject: bool,
    /// Each mention is a distinct unnamed thing.
    pub untitled: bool,
    /// A name it found is read again wherever it recurs in the document (rule, else type setting).
    pub propagate: bool,
    /// Its mentions mark their entity as the document's subject, for reference binding.
    pub subject_cue: bool,
    /// Its mentions are bare names of a place's body, named from the document's place.
    pub scoped: bool,
    /// Appended to the name each mention stands for (武汉市 + 人民政府).
    pub name_suffix: Option<String>,
    /// Its mentions become graph nodes (rule setting, else the type's).
    pub node: bool,
    /// Embedded examples.
    pub examples: Vec<Example>,
    /// Where the rule is defined.
    pub location: Location,
}

/// A compiled in-document alias rule.
#[derive(Debug)]
pub struct AliasRule {
    /// Rule id.
    pub id: String,
    /// Pattern over the placeholder-encoded sentence.
    pub regex: Regex,
    /// Slot holding the full name.
    pub slot: String,
    /// Embedded examples.
    pub examples: Vec<Example>,
    /// Where the rule is defined.
    pub location: Location,
}

/// Where an attribute value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueSource {
    /// The text of the mention(s) in an entity slot (one fact per item of a list slot).
    Slot(String),
    /// The text of a plain named group.
    Group(String),
}

/// A compiled relation rule.
#[derive(Debug)]
pub struct RelationRule {
    /// Rule id.
    pub id: String,
    /// Relation type produced.
    pub kind: String,
    /// Whether the relation type is symmetric.
    pub symmetric: bool,
    /// Pattern over the placeholder-encoded sentence.
    pub regex: Regex,
    /// Slot giving the subject.
    pub subject: String,
    /// Slot giving the object.
    pub object: String,
    /// Attribute sources.
    pub attrs: BTreeMap<String, ValueSource>,
    /// Constant attributes.
    pub set: BTreeMap<String, String>,
    /// Slot name → whole-text regex of mentions that slot must not hold.
    pub exclude: BTreeMap<String, Regex>,
    /// Continuation anchored where the match ended (see [`format::RelationRuleDef::then`]).
    pub then: Option<Regex>,
    /// Group name → entity type of an end the sentence does not write: the document's main entity.
    pub implied: BTreeMap<String, String>,
    /// Embedded examples.
    pub examples: Vec<Example>,
    /// Where the rule is defined.
    pub location: Location,
}

/// An embedded example of a rule.
#[derive(Debug, Clone)]
pub struct Example {
    /// Input text.
    pub text: String,
    /// What the rule must produce (mention texts, alias pairs or facts).
    pub expect: Vec<String>,
    /// What the rule must not produce.
    pub reject: Vec<String>,
    /// The rule must produce nothing at all.
    pub must_be_silent: bool,
    /// Where the example is written.
    pub location: Location,
}

#[cfg(test)]
mod tests {
    use super::Hierarchy;

    #[test]
    fn hierarchy_containment_is_transitive_and_directed() {
        let mut hierarchy = Hierarchy::new("part_of", "location", true);
        hierarchy.insert("1", "甲省", None);
        hierarchy.insert("11", "乙市", Some("1"));
        hierarchy.insert("111", "丙县", Some("11"));
        hierarchy.insert("2", "丁省", None);
        assert!(hierarchy.within("丙县", "乙市"));
        assert!(hierarchy.within("丙县", "甲省"));
        assert!(!hierarchy.within("甲省", "丙县"));
        assert!(!hierarchy.within("丙县", "丁省"));
        assert!(hierarchy.knows("丁省") && !hierarchy.knows("戊县"));
    }

    #[test]
    fn the_default_pack_asks_for_the_chinese_normalisation_tests_assume() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let pack = super::load(&dir).unwrap();
        assert_eq!(pack.normalization, crate::document::chinese());
    }

    #[test]
    fn the_embedded_pack_has_the_hash_of_the_same_pack_on_disk() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let embedded = super::load_from(&super::PackSource::Embedded).unwrap();
        let on_disk = super::load(&dir).unwrap();
        assert_eq!(embedded.hash, on_disk.hash);
        assert_eq!(embedded.rule_count(), on_disk.rule_count());
    }

    #[test]
    fn the_normalisation_reads_without_compiling_the_rules() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        assert_eq!(
            super::load_normalization(&dir).unwrap(),
            crate::document::chinese()
        );
    }

    #[test]
    fn title_marks_must_be_two_characters() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("pack.toml"),
            "[pack]\nname = \"t\"\nversion = \"0\"\n[normalize]\ntitle_marks = \"《\"\n",
        )
        .unwrap();
        let problems = super::load(dir.path()).unwrap_err().to_string();
        assert!(problems.contains("pack.toml:5:15:"), "{problems}");
        assert!(
            problems.contains("title_marks must be two characters"),
            "{problems}"
        );
    }
}
