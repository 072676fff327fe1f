//! Compiles a rule pack directory into its runtime form, collecting every problem with its location.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use regex::{Regex, RegexBuilder};
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::diagnostic::{Diagnostic, Diagnostics, SourceFile, did_you_mean};
use super::expect::{self, RuleKind};
use super::format::{
    AliasRuleDef, CounterExample, EntityExample, EntityRuleDef, PackFile, RelationRuleDef,
    RuleFile, ShortNamesDef,
};
use super::graphviz::GraphvizName;
use super::lexicon::Lexicon;
use super::literals;
use super::pattern::{self, Slot};
use super::source::PackSource;
use super::{
    AliasRule, DeclaredAlias, EntityGate, EntityMatcher, EntityRule, EntityType, Example,
    GluedNames, Hierarchy, Location, ObjectConstraint, RelationRule, RelationType, RulePack,
    ScopedNames, ShortNames, ValueSource,
};
use crate::document::Normalization;

/// First placeholder character: mentions are written into the sentence as characters of the
/// Supplementary Private Use Area, which real text does not use.
const PLACEHOLDER_BASE: u32 = 0xF0000;

/// First placeholder character of reference words (本公司 standing for the document's company), one per
/// entity type after the named mentions' block.
const REFERENCE_PLACEHOLDER_BASE: u32 = 0xF0800;

/// Compiled-program limit per rule: patterns with lexicon macros expand to thousands of alternatives.
const REGEX_SIZE_LIMIT: usize = 64 << 20;

/// Memory each rule regex's lazy DFA may use per thread (the `regex` default is 2 MiB). Patterns that
/// expand a large lexicon next to `\p{Han}` repetitions need far more states than that: with the default
/// the DFA keeps clearing its cache, gives up and leaves matching to the PikeVM, about a thousand times
/// slower (`organization.institution` alone took 99% of extraction time). The cache grows only as needed.
const REGEX_DFA_LIMIT: usize = 64 << 20;

/// Loads and compiles the rule pack in the folder `dir` (see [`load_from`]).
pub fn load(dir: &Path) -> Result<RulePack, Diagnostics> {
    load_from(&PackSource::from(dir))
}

/// Loads and compiles a rule pack (a folder, or [`PackSource::Embedded`]): `pack.toml`, every other
/// `*.toml` below it, and `lexicons/*.txt`.
pub fn load_from(source: &PackSource) -> Result<RulePack, Diagnostics> {
    let mut compiler = Compiler::default();
    compiler.run(source);
    if compiler.diagnostics.is_empty() {
        Ok(compiler
            .pack
            .expect("a pack without diagnostics is complete"))
    } else {
        Err(Diagnostics(compiler.diagnostics))
    }
}

/// Reads only the `[normalize]` table of a pack, for loading documents without compiling the rules (the
/// throughput benchmark's jieba phase, whose memory must not include a compiled pack).
pub fn load_normalization(dir: &Path) -> Result<Normalization, Diagnostics> {
    let mut compiler = Compiler::default();
    let source = PackSource::from(dir);
    let parsed = compiler.parse::<PackFile>(&source, Path::new(PACK_FILE), &mut Sha256::new());
    let normalization = parsed.map(|(file, pack)| compiler.normalization(&file, &pack));
    match normalization {
        Some(normalization) if compiler.diagnostics.is_empty() => Ok(normalization),
        _ => Err(Diagnostics(compiler.diagnostics)),
    }
}

/// The file that declares a pack, at its root.
const PACK_FILE: &str = "pack.toml";

#[derive(Default)]
struct Compiler {
    diagnostics: Vec<Diagnostic>,
    /// Lexicons whose file did not load (already reported): rules naming them report nothing more.
    unloaded_lexicons: Arc<BTreeSet<String>>,
    pack: Option<RulePack>,
    first_definition: HashMap<String, Location>,
    /// What pattern macros expand to, computed once per pack and shared by the files compiling in parallel.
    macros: Arc<MacroNames>,
    /// Rule ids met while compiling one file, with their spans, in file order.
    ids: Vec<(String, std::ops::Range<usize>)>,
}

/// One rule file compiled on its own (files compile in parallel: regexes holding lexicon alternations
/// dominate the cost of loading a pack); ids are checked across files afterwards.
struct CompiledFile {
    source: SourceFile,
    diagnostics: Vec<Diagnostic>,
    ids: Vec<(String, std::ops::Range<usize>)>,
    entity_rules: Vec<EntityRule>,
    alias_rules: Vec<AliasRule>,
    relation_rules: Vec<RelationRule>,
}

/// The names pattern macros refer to: each lexicon's forms (`{lex:NAME}`) and each entity type's
/// placeholder (`{slot:type}`).
#[derive(Default)]
struct MacroNames {
    lexicons: BTreeMap<String, Vec<String>>,
    placeholders: BTreeMap<String, char>,
    references: BTreeMap<String, char>,
}

impl MacroNames {
    fn of(pack: &RulePack) -> MacroNames {
        MacroNames {
            lexicons: pack
                .lexicons
                .iter()
                .map(|(name, lexicon)| (name.clone(), form_strings(lexicon)))
                .collect(),
            placeholders: pack
                .entity_types
                .iter()
                .map(|(name, kind)| (name.clone(), kind.placeholder))
                .collect(),
            references: pack
                .entity_types
                .iter()
                .map(|(name, kind)| (name.clone(), kind.reference_placeholder))
                .collect(),
        }
    }

    /// The expansion context for a pattern; `allow_slots` for relation and alias patterns.
    fn context<'a>(&'a self, pack: &'a RulePack, allow_slots: bool) -> pattern::Context<'a> {
        pattern::Context {
            lexicons: &self.lexicons,
            placeholders: &self.placeholders,
            references: &self.references,
            list_separator: &pack.list_separator,
            allow_slots,
        }
    }
}

impl CompiledFile {
    fn compile(
        source: SourceFile,
        rules: RuleFile,
        pack: &RulePack,
        macros: &Arc<MacroNames>,
        unloaded_lexicons: &Arc<BTreeSet<String>>,
    ) -> CompiledFile {
        let mut compiler = Compiler {
            macros: Arc::clone(macros),
            unloaded_lexicons: Arc::clone(unloaded_lexicons),
            ..Compiler::default()
        };
        let entity_rules = rules
            .entity
            .into_iter()
            .filter_map(|rule| compiler.entity_rule(&source, rule, pack))
            .collect();
        let alias_rules = rules
            .alias
            .into_iter()
            .filter_map(|rule| compiler.alias_rule(&source, rule, pack))
            .collect();
        let relation_rules = rules
            .relation
            .into_iter()
            .filter_map(|rule| compiler.relation_rule(&source, rule, pack))
            .collect();
        CompiledFile {
            source,
            diagnostics: compiler.diagnostics,
            ids: compiler.ids,
            entity_rules,
            alias_rules,
            relation_rules,
        }
    }
}

impl Compiler {
    fn run(&mut self, source: &PackSource) {
        let files = match source.files() {
            Ok(files) => files,
            Err(problems) => {
                self.diagnostics.extend(problems);
                return;
            }
        };
        let pack_path = Path::new(PACK_FILE);
        if !files.iter().any(|file| file == pack_path) {
            self.diagnostics.push(Diagnostic::of_file(
                &source.display(pack_path),
                format!("no {PACK_FILE} in the rules folder"),
                Some(
                    "a rule pack is a folder with pack.toml (types), rule files and lexicons/"
                        .into(),
                ),
            ));
            return;
        }
        let mut hasher = Sha256::new();
        let Some((pack_file, pack_def)) = self.parse::<PackFile>(source, pack_path, &mut hasher)
        else {
            return;
        };
        let lexicons = self.load_lexicons(source, &files, &mut hasher);
        let entity_types = self.entity_types(&pack_file, &pack_def, &lexicons);
        let relation_types = self.relation_types(&pack_file, &pack_def, &entity_types);
        let aliases = self.declared_aliases(&pack_file, &pack_def, &entity_types);
        let hierarchy = self.hierarchy(
            source,
            &pack_file,
            &pack_def,
            &entity_types,
            &relation_types,
            &mut hasher,
        );
        let glued_names = self.glued_names(&pack_file, &pack_def, &lexicons);
        let scoped_names = self.scoped_names(&pack_file, &pack_def, &entity_types);
        let normalization = self.normalization(&pack_file, &pack_def);
        let mut pack = RulePack {
            name: pack_def.pack.name.clone(),
            version: pack_def.pack.version.clone(),
            hash: String::new(),
            list_separator: pack_def.pack.list_separator.get_ref().clone(),
            party_joiner: pack_def.pack.party_joiner.clone(),
            entity_types,
            relation_types,
            lexicons,
            aliases,
            hierarchy,
            entity_rules: Vec::new(),
            entity_rule_index: HashMap::new(),
            alias_rules: Vec::new(),
            relation_rules: Vec::new(),
            entity_gate: EntityGate::default(),
            glued_names,
            scoped_names,
            normalization,
        };
        if let Err(error) = Regex::new(&pack.list_separator) {
            self.diagnostics.push(pack_file.diagnostic(
                pack_def.pack.list_separator.span().start,
                format!("list_separator is not a valid regex: {error}"),
                None,
            ));
        }
        let rule_files: Vec<(SourceFile, RuleFile)> = rule_files(&files)
            .filter_map(|path| self.parse_rules(source, path, &mut hasher))
            .collect();
        let macros = Arc::new(MacroNames::of(&pack));
        let unloaded = Arc::clone(&self.unloaded_lexicons);
        let compiled: Vec<CompiledFile> = rule_files
            .into_par_iter()
            .map(|(file, rules)| CompiledFile::compile(file, rules, &pack, &macros, &unloaded))
            .collect();
        for file in compiled {
            self.diagnostics.extend(file.diagnostics);
            for (id, at) in &file.ids {
                self.claim_id(&file.source, &Spanned::new(at.clone(), id.clone()));
            }
            pack.entity_rules.extend(file.entity_rules);
            pack.alias_rules.extend(file.alias_rules);
            pack.relation_rules.extend(file.relation_rules);
        }
        let required: Vec<_> = pack
            .entity_rules
            .iter()
            .map(|rule| rule.required.clone())
            .collect();
        pack.entity_gate = EntityGate::new(&required);
        pack.entity_rule_index = pack
            .entity_rules
            .iter()
            .enumerate()
            .map(|(index, rule)| (rule.id.clone(), index))
            .collect();
        pack.hash = hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        self.pack = Some(pack);
    }

    /// Reads a TOML file of the pack (hashing its name and text) and parses it as a whole; every
    /// syntax error is reported, else the first error of its shape.
    fn parse<T: serde::de::DeserializeOwned>(
        &mut self,
        source: &PackSource,
        path: &Path,
        hasher: &mut Sha256,
    ) -> Option<(SourceFile, T)> {
        let file = self.read_toml(source, path, hasher)?;
        match toml::from_str::<T>(&file.text) {
            Ok(value) => Some((file, value)),
            Err(error) => {
                self.diagnostics.push(toml_diagnostic(&file, &error));
                None
            }
        }
    }

    /// Reads a rule file; when it does not parse, each rule of it is parsed on its own so that every
    /// rule's error is reported, not only the first.
    fn parse_rules(
        &mut self,
        source: &PackSource,
        path: &Path,
        hasher: &mut Sha256,
    ) -> Option<(SourceFile, RuleFile)> {
        let file = self.read_toml(source, path, hasher)?;
        match toml::from_str::<RuleFile>(&file.text) {
            Ok(rules) => Some((file, rules)),
            Err(error) => {
                let mut errors = rule_errors(&file.text);
                if errors.is_empty() {
                    errors.push(error);
                }
                self.diagnostics
                    .extend(errors.iter().map(|error| toml_diagnostic(&file, error)));
                None
            }
        }
    }

    /// Reads a TOML file of the pack and hashes its name and text; a file with syntax errors is
    /// reported (every error) and gives `None`.
    fn read_toml(
        &mut self,
        source: &PackSource,
        path: &Path,
        hasher: &mut Sha256,
    ) -> Option<SourceFile> {
        let file = match SourceFile::read(source, path) {
            Ok(file) => file,
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return None;
            }
        };
        hasher.update(path.file_name().unwrap_or_default().as_encoded_bytes());
        hasher.update(file.text.as_bytes());
        let (_, errors) = toml::de::DeTable::parse_recoverable(&file.text);
        if errors.is_empty() {
            Some(file)
        } else {
            self.diagnostics
                .extend(errors.iter().map(|error| toml_diagnostic(&file, error)));
            None
        }
    }

    /// Reads `lexicons/*.txt`. A lexicon that does not load is reported once; the rules naming it are
    /// not reported again (see `unloaded_lexicons`).
    fn load_lexicons(
        &mut self,
        source: &PackSource,
        files: &[PathBuf],
        hasher: &mut Sha256,
    ) -> BTreeMap<String, Lexicon> {
        let mut lexicons = BTreeMap::new();
        let mut unloaded = BTreeSet::new();
        let paths = files.iter().filter(|path| {
            path.parent() == Some(Path::new("lexicons"))
                && path.extension().is_some_and(|ext| ext == "txt")
        });
        for path in paths {
            let parsed = SourceFile::read(source, path)
                .map_err(|diagnostic| vec![diagnostic])
                .and_then(|file| Lexicon::parse(&file));
            match parsed {
                Ok(lexicon) => {
                    hasher.update(lexicon.name.as_bytes());
                    for (form, name) in lexicon.forms() {
                        hasher.update(form.as_bytes());
                        hasher.update(name.as_bytes());
                    }
                    lexicons.insert(lexicon.name.clone(), lexicon);
                }
                Err(problems) => {
                    unloaded.insert(
                        path.file_stem()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned(),
                    );
                    self.diagnostics.extend(problems);
                }
            }
        }
        self.unloaded_lexicons = Arc::new(unloaded);
        lexicons
    }

    fn entity_types(
        &mut self,
        file: &SourceFile,
        pack: &PackFile,
        lexicons: &BTreeMap<String, Lexicon>,
    ) -> BTreeMap<String, EntityType> {
        let mut types = BTreeMap::new();
        for (index, (name, def)) in pack.entity_types.iter().enumerate() {
            let placeholder =
                char::from_u32(PLACEHOLDER_BASE + index as u32).unwrap_or('\u{F0000}');
            let reference_placeholder =
                char::from_u32(REFERENCE_PLACEHOLDER_BASE + index as u32).unwrap_or('\u{F0800}');
            let def_ref = def.get_ref();
            if def_ref.shape.is_none() && def_ref.node {
                self.diagnostics.push(file.diagnostic(
                    def.span().start,
                    format!("entity type `{name}` has no shape"),
                    Some("give it a Graphviz shape such as \"box\" or \"ellipse\"".into()),
                ));
            }
            self.graphviz_name(file, &def_ref.shape, GraphvizName::Shape);
            self.graphviz_name(file, &def_ref.color, GraphvizName::Color);
            let name_noise = def_ref.name_noise.as_ref().and_then(|noise| {
                Regex::new(noise)
                    .map_err(|error| {
                        self.diagnostics.push(file.diagnostic(
                            def.span().start,
                            format!("entity type `{name}`: invalid `name_noise` regex: {error}"),
                            Some("write a Rust regex (https://docs.rs/regex)".into()),
                        ));
                    })
                    .ok()
            });
            types.insert(
                name.clone(),
                EntityType {
                    name: name.clone(),
                    shape: def_ref
                        .shape
                        .as_ref()
                        .map_or_else(|| "plaintext".into(), |shape| shape.get_ref().clone()),
                    color: def_ref
                        .color
                        .as_ref()
                        .map_or_else(|| "#ffffff".into(), |color| color.get_ref().clone()),
                    literal: def_ref.literal,
                    node: def_ref.node,
                    propagate: def_ref.propagate,
                    strip_suffixes: def_ref.strip_suffixes.clone(),
                    name_noise,
                    not_name_tags: def_ref.not_name_tags.clone(),
                    short_form_endings: def_ref.short_form_endings.clone(),
                    merge_one_char_extensions: def_ref.merge_one_char_extensions,
                    units_of_named_parents: def_ref.units_of_named_parents,
                    short_names: def_ref
                        .short_names
                        .as_ref()
                        .map(|def| self.short_names(file, def, lexicons)),
                    placeholder,
                    reference_placeholder,
                },
            );
        }
        types
    }

    /// The lexicon a rule or table names; an unknown name is reported where it is written.
    fn lexicon<'l>(
        &mut self,
        file: &SourceFile,
        name: &Spanned<String>,
        lexicons: &'l BTreeMap<String, Lexicon>,
    ) -> Option<&'l Lexicon> {
        let found = lexicons.get(name.get_ref());
        if found.is_none() && !self.unloaded_lexicons.contains(name.get_ref()) {
            self.diagnostics.push(file.diagnostic(
                name.span().start,
                format!("unknown lexicon `{}`", name.get_ref()),
                Some(did_you_mean(
                    name.get_ref(),
                    "lexicons",
                    lexicons.keys().map(String::as_str),
                )),
            ));
        }
        found
    }

    /// Compiles a `short_names` table; its `drop_words` must name lexicons of the pack.
    fn short_names(
        &mut self,
        file: &SourceFile,
        def: &Spanned<ShortNamesDef>,
        lexicons: &BTreeMap<String, Lexicon>,
    ) -> ShortNames {
        let table = def.get_ref();
        if table.endings.is_empty() {
            self.diagnostics.push(file.diagnostic(
                def.span().start,
                "short_names has no endings".to_string(),
                Some("list the endings a fuller name has, such as [\"集团\"]".into()),
            ));
        }
        let mut drop_words = Vec::new();
        for name in &table.drop_words {
            if let Some(lexicon) = self.lexicon(file, name, lexicons) {
                drop_words.extend(form_strings(lexicon));
            }
        }
        drop_words.sort();
        drop_words.dedup();
        ShortNames {
            endings: table.endings.clone(),
            short_endings: table.short_endings.clone(),
            drop_prefixes: table.drop_prefixes.clone(),
            drop_words,
            regional_parentheses: table.regional_parentheses,
            group_prefixes: table.group_prefixes,
            initials_of_words: table.initials_of_words,
        }
    }

    fn relation_types(
        &mut self,
        file: &SourceFile,
        pack: &PackFile,
        entity_types: &BTreeMap<String, EntityType>,
    ) -> BTreeMap<String, RelationType> {
        let mut types = BTreeMap::new();
        for (name, def) in &pack.relation_types {
            let def = def.get_ref();
            for kind in def.subject.iter().chain(&def.object) {
                if !entity_types.contains_key(kind.get_ref()) {
                    self.diagnostics.push(file.diagnostic(
                        kind.span().start,
                        format!(
                            "relation type `{name}` names unknown entity type `{}`",
                            kind.get_ref()
                        ),
                        Some(did_you_mean(
                            kind.get_ref(),
                            "entity types",
                            entity_types.keys().map(String::as_str),
                        )),
                    ));
                }
            }
            let object_constraints = def
                .object_constraints
                .iter()
                .filter_map(|constraint| {
                    let constraint = constraint.get_ref();
                    let matches =
                        self.regex(file, &constraint.matches, constraint.matches.get_ref());
                    let object = self.regex(file, &constraint.object, constraint.object.get_ref());
                    let counterpart = match &constraint.counterpart {
                        Some(counterpart) => Some((
                            self.regex(file, &counterpart.from, counterpart.from.get_ref())?,
                            counterpart.to.clone(),
                        )),
                        None => None,
                    };
                    Some(ObjectConstraint {
                        attribute: constraint.attribute.clone(),
                        matches: matches?,
                        object: object?,
                        counterpart,
                    })
                })
                .collect();
            types.insert(
                name.clone(),
                RelationType {
                    name: name.clone(),
                    subject: def.subject.iter().map(|s| s.get_ref().clone()).collect(),
                    object: def.object.iter().map(|s| s.get_ref().clone()).collect(),
                    symmetric: def.symmetric,
                    key_attrs: def.key_attrs.clone(),
                    object_constraints,
                    color: self.graphviz_name(file, &def.color, GraphvizName::Color),
                    style: self.graphviz_name(file, &def.style, GraphvizName::EdgeStyle),
                    arrowhead: self.graphviz_name(file, &def.arrowhead, GraphvizName::Arrowhead),
                },
            );
        }
        types
    }

    /// Loads the `[hierarchy]` TSV (`code, name, level, parent`; `#` comments and one header line).
    fn hierarchy(
        &mut self,
        source: &PackSource,
        file: &SourceFile,
        pack: &PackFile,
        entity_types: &BTreeMap<String, EntityType>,
        relation_types: &BTreeMap<String, RelationType>,
        hasher: &mut Sha256,
    ) -> Option<Hierarchy> {
        let def = pack.hierarchy.as_ref()?;
        let at = def.span().start;
        let def = def.get_ref();
        if !relation_types.contains_key(&def.relation) {
            self.diagnostics.push(file.diagnostic(
                at,
                format!("[hierarchy] names unknown relation type `{}`", def.relation),
                Some("declare it under [relation_types]".into()),
            ));
            return None;
        }
        if !entity_types.contains_key(&def.entity_type) {
            self.diagnostics.push(file.diagnostic(
                at,
                format!(
                    "[hierarchy] names unknown entity type `{}`",
                    def.entity_type
                ),
                Some("declare it under [entity_types]".into()),
            ));
            return None;
        }
        let relative = Path::new(&def.file);
        let text = match source.read(relative) {
            Ok(bytes) => match SourceFile::from_bytes(source.display(relative), &bytes) {
                Ok(table) => table.text,
                Err(diagnostic) => {
                    self.diagnostics.push(diagnostic);
                    return None;
                }
            },
            Err(error) => {
                self.diagnostics.push(file.diagnostic(
                    at,
                    format!(
                        "[hierarchy] file {} cannot be read: {error}",
                        source.display(relative).display()
                    ),
                    Some("give a path relative to the rules folder".into()),
                ));
                return None;
            }
        };
        hasher.update(def.file.as_bytes());
        hasher.update(text.as_bytes());
        let mut hierarchy = Hierarchy::new(&def.relation, &def.entity_type, def.add_facts);
        for line in text.lines().filter(|line| !line.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [code, name, _level, parent, ..] = fields[..] else {
                continue;
            };
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            let parent = (parent != "-" && !parent.is_empty()).then_some(parent);
            hierarchy.insert(code, name, parent);
        }
        Some(hierarchy)
    }

    /// Reads `[normalize]`: the title marks must be two characters.
    fn normalization(&mut self, file: &SourceFile, pack: &PackFile) -> Normalization {
        let Some(def) = pack.normalize.as_ref().map(Spanned::get_ref) else {
            return Normalization::default();
        };
        let title_marks = def.title_marks.as_ref().and_then(|marks| {
            let chars: Vec<char> = marks.get_ref().chars().collect();
            if let [open, close] = chars[..] {
                Some((open, close))
            } else {
                self.diagnostics.push(file.diagnostic(
                    marks.span().start,
                    format!(
                        "title_marks must be two characters, got `{}`",
                        marks.get_ref()
                    ),
                    Some("write the opening and the closing mark, e.g. \"《》\"".into()),
                ));
                None
            }
        });
        Normalization {
            inline_pinyin: def.inline_pinyin,
            traditional_to_simplified: def.traditional_to_simplified,
            title_marks,
        }
    }

    /// Compiles `[scoped_names]`: the place type, which must be an entity type, and the level regex.
    fn scoped_names(
        &mut self,
        file: &SourceFile,
        pack: &PackFile,
        entity_types: &BTreeMap<String, EntityType>,
    ) -> Option<ScopedNames> {
        let def = pack.scoped_names.as_ref()?.get_ref();
        if !entity_types.contains_key(def.place_type.get_ref()) {
            self.diagnostics.push(file.diagnostic(
                def.place_type.span().start,
                format!(
                    "scoped_names names unknown entity type `{}`",
                    def.place_type.get_ref()
                ),
                Some(did_you_mean(
                    def.place_type.get_ref(),
                    "entity types",
                    entity_types.keys().map(String::as_str),
                )),
            ));
            return None;
        }
        let level = self.regex(file, &def.level, &format!("^(?:{})", def.level.get_ref()))?;
        Some(ScopedNames {
            place_type: def.place_type.get_ref().clone(),
            level,
        })
    }

    /// Compiles `[glued_names]`: its two regexes and the lexicon of words that are no names.
    fn glued_names(
        &mut self,
        file: &SourceFile,
        pack: &PackFile,
        lexicons: &BTreeMap<String, Lexicon>,
    ) -> Option<GluedNames> {
        let def = pack.glued_names.as_ref()?.get_ref();
        let characters = self.regex(
            file,
            &def.characters,
            &format!("^(?:{})$", def.characters.get_ref()),
        );
        let stops_after = self.regex(
            file,
            &def.stops_after,
            &format!("(?:{})$", def.stops_after.get_ref()),
        );
        let not_names = match &def.not_names {
            Some(name) => form_strings(self.lexicon(file, name, lexicons)?),
            None => Vec::new(),
        };
        Some(GluedNames {
            characters: characters?,
            stops_after: stops_after?,
            not_names,
            min_chars: def.min_chars.max(1),
            max_chars: def.max_chars,
        })
    }

    fn declared_aliases(
        &mut self,
        file: &SourceFile,
        pack: &PackFile,
        entity_types: &BTreeMap<String, EntityType>,
    ) -> Vec<DeclaredAlias> {
        let mut aliases = Vec::new();
        for decl in &pack.aliases {
            let kind = &decl.get_ref().kind;
            if !entity_types.contains_key(kind.get_ref()) {
                self.diagnostics.push(file.diagnostic(
                    kind.span().start,
                    format!(
                        "alias declaration names unknown entity type `{}`",
                        kind.get_ref()
                    ),
                    Some(did_you_mean(
                        kind.get_ref(),
                        "entity types",
                        entity_types.keys().map(String::as_str),
                    )),
                ));
            }
            let decl = decl.get_ref();
            aliases.push(DeclaredAlias {
                kind: decl.kind.get_ref().clone(),
                name: decl.name.clone(),
                aliases: decl.aliases.clone(),
                distinct: decl.distinct.clone(),
            });
        }
        aliases
    }

    /// Records where a rule id is defined; the ids of all files are checked for duplicates afterwards
    /// ([`Compiler::claim_id`]), in file order.
    fn note_id(&mut self, file: &SourceFile, id: &Spanned<String>) -> Location {
        self.ids.push((id.get_ref().clone(), id.span()));
        Location::of(file, id.span().start)
    }

    /// Registers a rule id; a duplicate is reported where it is redefined.
    fn claim_id(&mut self, file: &SourceFile, id: &Spanned<String>) {
        let location = Location::of(file, id.span().start);
        if let Some(first) = self.first_definition.get(id.get_ref()) {
            self.diagnostics.push(file.diagnostic(
                id.span().start,
                format!("duplicate rule id `{}`", id.get_ref()),
                Some(format!(
                    "first defined at {first}; rule ids must be unique across the pack"
                )),
            ));
        } else {
            self.first_definition.insert(id.get_ref().clone(), location);
        }
    }

    fn require_examples(&mut self, file: &SourceFile, id: &Spanned<String>, has: bool) {
        if !has {
            self.diagnostics.push(file.diagnostic(
                id.span().start,
                format!("rule `{}` has no examples", id.get_ref()),
                Some("add `examples = [{ text = \"…\", expect = [\"…\"] }]` showing what it must find".into()),
            ));
        }
    }

    /// A rule's examples, their expectations checked ([`expect::check`]).
    fn examples(
        &mut self,
        file: &SourceFile,
        positive: Vec<Spanned<EntityExample>>,
        negative: Vec<Spanned<CounterExample>>,
        kind: RuleKind,
    ) -> Vec<Example> {
        let examples = examples(file, positive, negative);
        self.diagnostics.extend(expect::check(kind, &examples));
        examples
    }

    /// A drawing value of `pack.toml` when Graphviz knows it; else it is reported where it is written.
    fn graphviz_name(
        &mut self,
        file: &SourceFile,
        value: &Option<Spanned<String>>,
        kind: GraphvizName,
    ) -> Option<String> {
        let value = value.as_ref()?;
        match kind.check(value.get_ref()) {
            Ok(()) => Some(value.get_ref().clone()),
            Err((message, hint)) => {
                self.diagnostics
                    .push(file.diagnostic(value.span().start, message, Some(hint)));
                None
            }
        }
    }

    fn check_type(
        &mut self,
        file: &SourceFile,
        kind: &Spanned<String>,
        known_types: &[&String],
        what: &str,
    ) -> bool {
        if known_types.iter().any(|k| *k == kind.get_ref()) {
            return true;
        }
        self.diagnostics.push(file.diagnostic(
            kind.span().start,
            format!("unknown {what} `{}`", kind.get_ref()),
            Some(did_you_mean(
                kind.get_ref(),
                &format!("{what}s"),
                known_types.iter().map(|name| name.as_str()),
            )),
        ));
        false
    }

    fn entity_rule(
        &mut self,
        file: &SourceFile,
        def: Spanned<EntityRuleDef>,
        pack: &RulePack,
    ) -> Option<EntityRule> {
        let def = def.into_inner();
        let location = self.note_id(file, &def.id);
        self.require_examples(file, &def.id, !def.examples.is_empty());
        let types: Vec<&String> = pack.entity_types.keys().collect();
        let type_ok = self.check_type(file, &def.kind, &types, "entity type");
        if def.scoped && pack.scoped_names.is_none() {
            self.diagnostics.push(file.diagnostic(
                def.id.span().start,
                format!("rule `{}` is `scoped` but pack.toml has no [scoped_names] table", def.id.get_ref()),
                Some("[scoped_names] says which place a bare body name (市委) belongs to: `place_type` and `level`".into()),
            ));
        }
        let matcher = match (&def.pattern, &def.lexicon) {
            (Some(pattern), None) => self
                .entity_regex(file, pattern, pack)
                .map(EntityMatcher::Regex),
            (None, Some(name)) => self
                .lexicon(file, name, &pack.lexicons)
                .and_then(lexicon_matcher),
            (None, None) if !def.pos.is_empty() => Some(EntityMatcher::Tokens),
            _ => {
                self.diagnostics.push(file.diagnostic(
                    def.id.span().start,
                    format!("rule `{}` needs exactly one of `pattern`, `lexicon`, or `pos` alone", def.id.get_ref()),
                    Some("a rule matches a regex pattern, the entries of a lexicon, or tokens with the given POS tags".into()),
                ));
                None
            }
        };
        let exclude = def
            .exclude
            .as_ref()
            .and_then(|exclude| self.whole_text_regex(file, exclude, pack));
        let require = def
            .require
            .as_ref()
            .and_then(|require| self.whole_text_regex(file, require, pack));
        let trim_left = def
            .trim_left
            .as_ref()
            .and_then(|trim| self.anchored_regex(file, trim, pack, "^(?:", ")+"));
        let exclude_before = def
            .exclude_before
            .as_ref()
            .and_then(|context| self.anchored_regex(file, context, pack, "(?:", ")$"));
        let exclude_after = def
            .exclude_after
            .as_ref()
            .and_then(|context| self.anchored_regex(file, context, pack, "^(?:", ")"));
        let names = def
            .names_from
            .as_ref()
            .and_then(|name| self.lexicon(file, name, &pack.lexicons))
            .map(|lexicon| {
                lexicon
                    .forms()
                    .map(|(form, entry)| (form.to_string(), entry.to_string()))
                    .collect()
            });
        let matcher = matcher?;
        if !type_ok {
            return None;
        }
        let required = match &matcher {
            EntityMatcher::Regex(regex) => required_literals(regex),
            _ => None,
        };
        let kind = def.kind.into_inner();
        let node = def.node.unwrap_or_else(|| {
            pack.entity_types
                .get(&kind)
                .is_none_or(|entity_type| entity_type.node)
        });
        let propagate = def.propagate.unwrap_or_else(|| {
            pack.entity_types
                .get(&kind)
                .is_some_and(|entity_type| entity_type.propagate)
        });
        Some(EntityRule {
            id: def.id.get_ref().clone(),
            kind,
            priority: def.priority,
            matcher,
            required,
            pos: def.pos.into_iter().map(Spanned::into_inner).collect(),
            exclude,
            require,
            trim_left,
            exclude_before,
            exclude_after,
            names,
            refers_to_subject: def.refers_to_subject,
            untitled: def.untitled,
            propagate,
            subject_cue: def.subject_cue,
            scoped: def.scoped,
            name_suffix: def.name_suffix,
            node,
            examples: self.examples(file, def.examples, def.counter_examples, RuleKind::Entity),
            location,
        })
    }

    fn entity_regex(
        &mut self,
        file: &SourceFile,
        pattern: &Spanned<String>,
        pack: &RulePack,
    ) -> Option<Regex> {
        let expanded = self.entity_regex_source(file, pattern, pack)?;
        self.regex(file, pattern, &expanded)
    }

    /// A regex (with lexicon macros) that must match a mention's whole text: `exclude`, `require`.
    fn whole_text_regex(
        &mut self,
        file: &SourceFile,
        source: &Spanned<String>,
        pack: &RulePack,
    ) -> Option<Regex> {
        self.anchored_regex(file, source, pack, "^(?:", ")$")
    }

    /// A rule option's regex with its lexicon macros expanded, wrapped in `open`…`close` (the anchors
    /// that say where it must match: the whole mention, its start, the text before or after it).
    fn anchored_regex(
        &mut self,
        file: &SourceFile,
        source: &Spanned<String>,
        pack: &RulePack,
        open: &str,
        close: &str,
    ) -> Option<Regex> {
        let expanded = self.entity_regex_source(file, source, pack)?;
        self.regex(file, source, &format!("{open}{expanded}{close}"))
    }

    /// An entity pattern with its lexicon macros expanded.
    fn entity_regex_source(
        &mut self,
        file: &SourceFile,
        pattern: &Spanned<String>,
        pack: &RulePack,
    ) -> Option<String> {
        let macros = Arc::clone(&self.macros);
        self.expand(file, pattern, &macros.context(pack, false))
            .map(|expanded| expanded.regex)
    }

    fn expand(
        &mut self,
        file: &SourceFile,
        pattern: &Spanned<String>,
        context: &pattern::Context<'_>,
    ) -> Option<pattern::Expanded> {
        match pattern::expand(pattern.get_ref(), context) {
            Ok(expanded) => Some(expanded),
            Err(error)
                if error
                    .lexicon
                    .as_ref()
                    .is_some_and(|name| self.unloaded_lexicons.contains(name)) =>
            {
                None
            }
            Err(error) => {
                let at = value_offset(file, pattern, error.at);
                self.diagnostics
                    .push(file.diagnostic(at, error.message, error.hint));
                None
            }
        }
    }

    fn regex(
        &mut self,
        file: &SourceFile,
        pattern: &Spanned<String>,
        regex: &str,
    ) -> Option<Regex> {
        match RegexBuilder::new(regex)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_DFA_LIMIT)
            .build()
        {
            Ok(regex) => Some(regex),
            Err(error) => {
                let hint = match error {
                    regex::Error::CompiledTooBig(_) => format!(
                        "the pattern compiles to more than the {} MiB a rule may use: a `{{lex:NAME}}` \
                         macro expands to every form of its lexicon, and each repetition (`{{1,8}}`) \
                         copies what it repeats; match a large lexicon with `lexicon = \"NAME\"` in \
                         its own rule, use a smaller lexicon, or split the rule",
                        REGEX_SIZE_LIMIT >> 20
                    ),
                    _ => "patterns use Rust regex syntax (https://docs.rs/regex); escape literal \
                          `( ) [ ] . * + ?` with `\\`"
                        .to_string(),
                };
                let detail = error.to_string();
                let summary = detail.lines().last().unwrap_or("invalid regex").trim();
                let summary = summary.strip_prefix("error: ").unwrap_or(summary);
                let at = syntax_error_offset(pattern.get_ref())
                    .map_or(pattern.span().start, |at| value_offset(file, pattern, at));
                self.diagnostics.push(file.diagnostic(
                    at,
                    format!("invalid regex: {summary}"),
                    Some(hint),
                ));
                None
            }
        }
    }

    fn alias_rule(
        &mut self,
        file: &SourceFile,
        def: Spanned<AliasRuleDef>,
        pack: &RulePack,
    ) -> Option<AliasRule> {
        let def = def.into_inner();
        let location = self.note_id(file, &def.id);
        self.require_examples(file, &def.id, !def.examples.is_empty());
        let macros = Arc::clone(&self.macros);
        let expanded = self.expand(file, &def.pattern, &macros.context(pack, true))?;
        let regex = self.regex(file, &def.pattern, &expanded.regex)?;
        if expanded.slots.len() != 1 || expanded.slots[0].list {
            self.diagnostics.push(
                file.diagnostic(
                    def.pattern.span().start,
                    "an alias pattern needs exactly one single-mention slot (the full name)",
                    Some(
                        "write e.g. `{full:company|organization}\\(以下简称“(?P<alias>[^”]+)”\\)`"
                            .into(),
                    ),
                ),
            );
            return None;
        }
        if !regex.capture_names().any(|name| name == Some("alias")) {
            self.diagnostics.push(file.diagnostic(
                def.pattern.span().start,
                "an alias pattern needs a `(?P<alias>…)` group",
                Some("the group captures the short name being defined".into()),
            ));
            return None;
        }
        Some(AliasRule {
            id: def.id.get_ref().clone(),
            regex,
            slot: expanded.slots[0].name.clone(),
            examples: self.examples(file, def.examples, def.counter_examples, RuleKind::Alias),
            location,
        })
    }

    fn relation_rule(
        &mut self,
        file: &SourceFile,
        def: Spanned<RelationRuleDef>,
        pack: &RulePack,
    ) -> Option<RelationRule> {
        let def = def.into_inner();
        let location = self.note_id(file, &def.id);
        self.require_examples(file, &def.id, !def.examples.is_empty());
        let relation_names: Vec<&String> = pack.relation_types.keys().collect();
        if !self.check_type(file, &def.kind, &relation_names, "relation type") {
            return None;
        }
        let relation = &pack.relation_types[def.kind.get_ref()];
        let macros = Arc::clone(&self.macros);
        let expanded = self.expand(file, &def.pattern, &macros.context(pack, true))?;
        let regex = self.regex(file, &def.pattern, &expanded.regex)?;
        let groups: Vec<&str> = regex.capture_names().flatten().collect();
        let mut implied = BTreeMap::new();
        let mut slots = expanded.slots.clone();
        for (name, kind) in &def.implied {
            if !self.check_type(
                file,
                kind,
                &pack.entity_types.keys().collect::<Vec<_>>(),
                "entity type",
            ) {
                continue;
            }
            if !groups.contains(&name.as_str())
                || expanded.slots.iter().any(|slot| &slot.name == name)
            {
                self.diagnostics.push(file.diagnostic(
                    kind.span().start,
                    format!("implied end `{name}` is not a plain named group of the pattern"),
                    Some(format!(
                        "mark where the end is implied with a group: `(?P<{name}>减持)`"
                    )),
                ));
                continue;
            }
            implied.insert(name.clone(), kind.get_ref().clone());
            slots.push(Slot {
                name: name.clone(),
                types: vec![kind.get_ref().clone()],
                list: false,
                references_only: true,
            });
        }
        let then = match &def.then {
            Some(then) => Some(self.continuation(file, then, pack, &expanded.slots, &groups)?),
            None => None,
        };
        let subject = self.slot_for(
            file,
            &def.subject,
            &slots,
            &relation.subject,
            "subject",
            relation,
        );
        let object = self.slot_for(
            file,
            &def.object,
            &slots,
            &relation.object,
            "object",
            relation,
        );
        let mut attrs = BTreeMap::new();
        for (attr, source) in &def.attrs {
            let name = source.get_ref();
            if let Some(slot) = expanded.slots.iter().find(|slot| &slot.name == name) {
                attrs.insert(attr.clone(), ValueSource::Slot(slot.name.clone()));
            } else if groups.contains(&name.as_str()) {
                attrs.insert(attr.clone(), ValueSource::Group(name.clone()));
            } else {
                self.diagnostics.push(file.diagnostic(
                    source.span().start,
                    format!("attribute `{attr}` takes its value from `{name}`, which the pattern does not define"),
                    Some(format!("slots and groups in the pattern: {}", groups.join(", "))),
                ));
            }
        }
        let mut exclude = BTreeMap::new();
        for (slot, pattern) in &def.exclude {
            if !expanded.slots.iter().any(|known| &known.name == slot) {
                let names: Vec<&str> = expanded
                    .slots
                    .iter()
                    .map(|known| known.name.as_str())
                    .collect();
                self.diagnostics.push(file.diagnostic(
                    pattern.span().start,
                    format!("`exclude` names slot `{slot}`, which the pattern does not define"),
                    Some(format!("slots in the pattern: {}", names.join(", "))),
                ));
            } else if let Some(regex) = self.whole_text_regex(file, pattern, pack) {
                exclude.insert(slot.clone(), regex);
            }
        }
        Some(RelationRule {
            id: def.id.get_ref().clone(),
            kind: def.kind.get_ref().clone(),
            symmetric: relation.symmetric,
            regex,
            subject: subject?,
            object: object?,
            attrs,
            set: def.set,
            exclude,
            then,
            implied,
            examples: self.examples(file, def.examples, def.counter_examples, RuleKind::Relation),
            location,
        })
    }

    /// A relation rule's `then` continuation, anchored at its start; it may only name slots and groups
    /// the pattern defines (it replaces their values).
    fn continuation(
        &mut self,
        file: &SourceFile,
        then: &Spanned<String>,
        pack: &RulePack,
        slots: &[Slot],
        groups: &[&str],
    ) -> Option<Regex> {
        let macros = Arc::clone(&self.macros);
        let expanded = self.expand(file, then, &macros.context(pack, true))?;
        let regex = self.regex(file, then, &format!("^(?:{})", expanded.regex))?;
        for name in regex.capture_names().flatten() {
            if !groups.contains(&name) {
                self.diagnostics.push(file.diagnostic(
                    then.span().start,
                    format!("`then` defines `{name}`, which the pattern does not define"),
                    Some(format!(
                        "a continuation replaces the pattern's slots and groups: {}",
                        groups.join(", ")
                    )),
                ));
                return None;
            }
            let ours = slots.iter().find(|slot| slot.name == name);
            let theirs = expanded.slots.iter().find(|slot| slot.name == name);
            if ours.map(|slot| (&slot.types, slot.list))
                != theirs.map(|slot| (&slot.types, slot.list))
            {
                self.diagnostics.push(file.diagnostic(
                    then.span().start,
                    format!("`then` writes `{name}` differently from the pattern"),
                    Some("write each slot in `then` with the same types (and `+`) as in the pattern".into()),
                ));
                return None;
            }
        }
        Some(regex)
    }

    fn slot_for(
        &mut self,
        file: &SourceFile,
        name: &Spanned<String>,
        slots: &[Slot],
        allowed: &[String],
        role: &str,
        relation: &RelationType,
    ) -> Option<String> {
        let Some(slot) = slots.iter().find(|slot| &slot.name == name.get_ref()) else {
            let names: Vec<&str> = slots.iter().map(|slot| slot.name.as_str()).collect();
            self.diagnostics.push(file.diagnostic(
                name.span().start,
                format!(
                    "{role} is slot `{}`, which the pattern does not define",
                    name.get_ref()
                ),
                Some(format!("slots in the pattern: {}", names.join(", "))),
            ));
            return None;
        };
        let slot_types: Vec<&String> = if slot.types.is_empty() {
            Vec::new()
        } else {
            slot.types.iter().collect()
        };
        let wrong: Vec<&&String> = slot_types
            .iter()
            .filter(|kind| !allowed.contains(kind))
            .collect();
        if slot.types.is_empty() || !wrong.is_empty() {
            let shown = if slot.types.is_empty() {
                "any type".to_string()
            } else {
                wrong
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            self.diagnostics.push(file.diagnostic(
                name.span().start,
                format!(
                    "slot `{}` may hold {shown}, which `{}` does not accept as {role}",
                    slot.name, relation.name
                ),
                Some(format!(
                    "`{}` takes {role} types: {}",
                    relation.name,
                    allowed.join(", ")
                )),
            ));
            return None;
        }
        Some(slot.name.clone())
    }
}

fn examples(
    file: &SourceFile,
    positive: Vec<Spanned<EntityExample>>,
    negative: Vec<Spanned<CounterExample>>,
) -> Vec<Example> {
    let mut out = Vec::new();
    for example in positive {
        let location = Location::of(file, example.span().start);
        let example = example.into_inner();
        out.push(Example {
            text: example.text,
            expect: example.expect,
            reject: Vec::new(),
            must_be_silent: false,
            location,
        });
    }
    for example in negative {
        let location = Location::of(file, example.span().start);
        let (text, reject, must_be_silent) = match example.into_inner() {
            CounterExample::Text(text) => (text, Vec::new(), true),
            CounterExample::Reject { text, reject } => (text, reject, false),
        };
        out.push(Example {
            text,
            expect: Vec::new(),
            reject,
            must_be_silent,
            location,
        });
    }
    out
}

/// Literals one of which every match of `regex` contains, when there is a finite set of non-empty ones:
/// the most selective of its suffix literals, its prefix literals (as `regex-syntax` extracts them) and
/// the literals inside it ([`literals::necessary`]). A necessary condition only; see
/// [`EntityRule::required`].
fn required_literals(regex: &Regex) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::Parser::new().parse(regex.as_str()).ok()?;
    let affixes = [ExtractKind::Suffix, ExtractKind::Prefix]
        .into_iter()
        .filter_map(|kind| {
            let seq = Extractor::new().kind(kind).extract(&hir);
            let literals = seq.literals()?;
            Some(
                literals
                    .iter()
                    .map(|literal| literal.as_bytes().to_vec())
                    .collect(),
            )
        });
    affixes
        .chain(literals::necessary(&hir))
        .filter(|set: &Vec<Vec<u8>>| {
            !set.is_empty() && set.iter().all(|literal| !literal.is_empty())
        })
        .min_by(|a, b| literals::hit_rate(a).total_cmp(&literals::hit_rate(b)))
}

fn lexicon_matcher(lexicon: &Lexicon) -> Option<EntityMatcher> {
    let forms: Vec<(String, String)> = lexicon
        .forms()
        .map(|(form, name)| (form.to_string(), name.to_string()))
        .collect();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(forms.iter().map(|(form, _)| form))
        .ok()?;
    Some(EntityMatcher::Lexicon {
        automaton,
        canonical: forms.into_iter().map(|(_, name)| name).collect(),
    })
}

/// Every surface form of a lexicon (entry names and aliases).
fn form_strings(lexicon: &Lexicon) -> Vec<String> {
    lexicon.forms().map(|(form, _)| form.to_string()).collect()
}

/// Byte offset in `pattern` (as written, macros and all) where regex syntax goes wrong, when it does
/// outside the macros; parsed as the `regex` crate parses, with each macro masked.
fn syntax_error_offset(pattern: &str) -> Option<usize> {
    let masked = pattern::mask_macros(pattern);
    match regex_syntax::Parser::new().parse(&masked) {
        Ok(_) => None,
        Err(regex_syntax::Error::Parse(error)) => Some(error.span().start.offset),
        Err(regex_syntax::Error::Translate(error)) => Some(error.span().start.offset),
        Err(_) => None,
    }
}

/// Byte offset in the file of byte `at` inside a string value. The value's span starts at its opening
/// quote; the content follows (after a newline for triple-quoted strings). Exact for literal strings
/// (`'…'`, the recommended form for patterns); approximate for basic strings with escapes.
fn value_offset(file: &SourceFile, value: &Spanned<String>, at: usize) -> usize {
    let start = value.span().start;
    let raw = &file.text[start.min(file.text.len())..];
    let opening = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
        3 + usize::from(raw[3..].starts_with('\n'))
    } else {
        1
    };
    start + opening + at
}

/// The rule files among a pack's files: every `*.toml` but `pack.toml`, in path order.
fn rule_files(files: &[PathBuf]) -> impl Iterator<Item = &Path> {
    files
        .iter()
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "toml")
                && path.file_name().is_some_and(|name| name != PACK_FILE)
        })
        .map(PathBuf::as_path)
}

/// The error of each rule of a rule file that does not parse, each rule parsed on its own; empty when
/// the file is no table of rule arrays (the whole file's error then says why).
fn rule_errors(text: &str) -> Vec<toml::de::Error> {
    let Ok(root) = toml::de::DeTable::parse(text) else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    for (key, value) in root.get_ref() {
        let Some(rules) = value.get_ref().as_array() else {
            continue;
        };
        for rule in rules {
            let deserializer = toml::de::ValueDeserializer::from(rule.clone());
            let result = match key.get_ref().as_ref() {
                "entity" => serde::Deserialize::deserialize(deserializer)
                    .map(|_: Spanned<EntityRuleDef>| ()),
                "alias" => {
                    serde::Deserialize::deserialize(deserializer).map(|_: Spanned<AliasRuleDef>| ())
                }
                "relation" => serde::Deserialize::deserialize(deserializer)
                    .map(|_: Spanned<RelationRuleDef>| ()),
                _ => Ok(()),
            };
            errors.extend(result.err());
        }
    }
    errors
}

/// A TOML error where it occurred, with a hint for the fix.
fn toml_diagnostic(file: &SourceFile, error: &toml::de::Error) -> Diagnostic {
    let at = error.span().map_or(0, |span| span.start);
    let message = error.message().trim().replace('\n', "; ");
    file.diagnostic(at, message, Some(toml_hint(error.message())))
}

/// How to fix a TOML error: a known field's spelling, a rule's required fields, or TOML syntax.
fn toml_hint(message: &str) -> String {
    if message.contains("unknown field") {
        "check the spelling against docs/rules.md".into()
    } else if message.contains("missing field") {
        "every rule needs `id`, `type` and a way to match; see docs/rules.md".into()
    } else if message.contains("invalid type") {
        "check the value's kind against docs/rules.md: text in quotes, lists in `[ ]`, tables in `{ }`"
            .into()
    } else {
        "the file is not valid TOML there (https://toml.io): write text in quotes (patterns in '…', \
         which keeps `\\` as written), close every `[`, `{` and quote on the line it needs, and start \
         each rule with `[[entity]]`, `[[alias]]` or `[[relation]]`"
            .into()
    }
}
