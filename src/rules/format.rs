//! The authoring format: what a person writes in `rules/*.toml`, as read by serde with source spans.
//!
//! This is kept apart from the compiled form ([`super::compile`]) so the file format can be friendly while the
//! runtime form is fast.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// `pack.toml`: the pack's name and the entity and relation types its rules may use.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// Name and version of the pack.
    pub pack: PackInfo,
    /// Entity types by name.
    #[serde(default)]
    pub entity_types: BTreeMap<String, Spanned<EntityTypeDef>>,
    /// Relation types by name.
    #[serde(default)]
    pub relation_types: BTreeMap<String, Spanned<RelationTypeDef>>,
    /// Declared merges: canonical name → its aliases, per entity type.
    #[serde(default)]
    pub aliases: Vec<Spanned<AliasDecl>>,
    /// A place hierarchy that checks (and may add) containment facts between mentioned places.
    #[serde(default)]
    pub hierarchy: Option<Spanned<HierarchyDef>>,
    /// How a name glued before a reference word (某某集团) is read; absent: reference words are never glued.
    #[serde(default)]
    pub glued_names: Option<Spanned<GluedNamesDef>>,
    /// How the bare name of a place's body (市委, 区政府) is named from the document's place; absent:
    /// no rule may be `scoped`.
    #[serde(default)]
    pub scoped_names: Option<Spanned<ScopedNamesDef>>,
    /// Language-specific normalisation steps; absent: none.
    #[serde(default)]
    pub normalize: Option<Spanned<NormalizeDef>>,
}

/// The `[normalize]` table: normalisation steps that belong to one language, all off unless set.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalizeDef {
    /// Drop one-syllable pinyin glosses in parentheses after ideographs (`產(chǎn)業` → `產業`).
    #[serde(default)]
    pub inline_pinyin: bool,
    /// Match traditional Chinese text as simplified.
    #[serde(default)]
    pub traditional_to_simplified: bool,
    /// Opening and closing title mark, two characters (`《》`): a PDF line broken off inside an open title
    /// joins the next.
    #[serde(default)]
    pub title_marks: Option<Spanned<String>>,
}

/// The `[scoped_names]` table: bare names of a place's bodies (市委 for 荆州市委) name the body of the
/// document's main place of the level they start with.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopedNamesDef {
    /// Entity type of the places (`location`).
    pub place_type: Spanned<String>,
    /// Regex for the level word a scoped name starts with (`市|区|县|省`); the place it stands for has a
    /// name ending in that word, and the body's name is the place's name and the rest of the mention.
    pub level: Spanned<String>,
}

/// The `[glued_names]` table: reading backwards from a reference word, which text may be the rest of a short
/// name it ends.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GluedNamesDef {
    /// Regex for one character a glued name is written in (`\p{Han}`).
    pub characters: Spanned<String>,
    /// Regex for text that a glued name cannot reach back into: a name stops after text matching it
    /// (function characters, punctuation, a date such as `1月`).
    pub stops_after: Spanned<String>,
    /// Lexicon of words that stand right before a reference word without being a name (召开, 所属).
    #[serde(default)]
    pub not_names: Option<Spanned<String>>,
    /// Fewest characters before the reference word.
    #[serde(default = "two")]
    pub min_chars: usize,
    /// Most characters before the reference word.
    #[serde(default = "three")]
    pub max_chars: usize,
}

fn two() -> usize {
    2
}

fn three() -> usize {
    3
}

/// The `[hierarchy]` table: a TSV of `code, name, level, parent code` rows and the relation it governs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HierarchyDef {
    /// The TSV file, relative to the pack directory.
    pub file: String,
    /// The containment relation type (child → parent), e.g. `part_of`.
    pub relation: String,
    /// The entity type whose mentions are looked up in the hierarchy, e.g. `location`.
    pub entity_type: String,
    /// Also state the relation between two places written next to each other when the hierarchy puts the
    /// second inside the first (otherwise the hierarchy only removes contradicted facts).
    #[serde(default)]
    pub add_facts: bool,
}

/// The `[pack]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    /// Human-readable name.
    pub name: String,
    /// Version of the pack.
    pub version: String,
    /// Language of the rules (informative; the engine assumes none).
    #[serde(default)]
    pub language: Option<String>,
    /// Regex joining the items of a list slot `{name:type+}` (for Chinese: `、|,|和|及|与`).
    #[serde(default = "default_separator")]
    pub list_separator: Spanned<String>,
    /// Joins party names when naming an untitled agreement (for Chinese: `与`).
    #[serde(default = "default_joiner")]
    pub party_joiner: String,
}

fn default_joiner() -> String {
    " & ".to_string()
}

fn default_separator() -> Spanned<String> {
    Spanned::new(0..0, ",".to_string())
}

/// One entity type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityTypeDef {
    /// Graphviz node shape.
    #[serde(default)]
    pub shape: Option<Spanned<String>>,
    /// Graphviz fill colour (an X11 colour name or `#rrggbb`).
    #[serde(default)]
    pub color: Option<Spanned<String>>,
    /// Literal values (stock codes) rather than real-world entities.
    #[serde(default)]
    pub literal: bool,
    /// Legal-form endings dropped from the merge key (有限公司 and 有限责任公司 name the same company).
    #[serde(default)]
    pub strip_suffixes: Vec<String>,
    /// A regex whose matches are page noise inside a name, left out of the name the mention gives its node
    /// (a stock quote a news site pastes into a registered name: 某某(12.34,+0.21,+1.73%)股份有限公司).
    #[serde(default)]
    pub name_noise: Option<String>,
    /// Part-of-speech tags of ordinary words: a mention a pattern rule found (no lexicon names it) whose
    /// every token carries one of these tags is no name of this type (通知 `v`, 期间 `f`, 决定终止 `v v`).
    #[serde(default)]
    pub not_name_tags: Vec<String>,
    /// Whether mentions of this type appear as graph nodes (titles are attributes, not nodes).
    #[serde(default = "yes")]
    pub node: bool,
    /// Once a mention of this type is kept, its other occurrences in the document are candidates too, with
    /// the same rule priority (a name introduced after a title and repeated without one).
    #[serde(default)]
    pub propagate: bool,
    /// Endings that make a short form: a name equal to another name of the document minus one of these
    /// endings is the same entity (中国某某 and 中国某某集团), unless a stock code marks it as a listed arm.
    #[serde(default)]
    pub short_form_endings: Vec<String>,
    /// A name that is another name of the document plus one trailing character is that name (the
    /// entity stage glued the next word's first character onto a person name: 张建国 and 张建国说).
    #[serde(default)]
    pub merge_one_char_extensions: bool,
    /// A name that another name of the document carries after the name of another entity (its parent) is
    /// that entity: 科学技术协会 (or 集团研究院, a reference word first) beside 中国稀土集团科学技术协会.
    #[serde(default)]
    pub units_of_named_parents: bool,
    /// Corpus-wide short names: how a short name is formed from a fuller name of this type.
    #[serde(default)]
    pub short_names: Option<Spanned<ShortNamesDef>>,
}

/// `[entity_types.X.short_names]`: the ways a short name leaves parts of a fuller name out, so that a name
/// written one way in one document and another way elsewhere becomes one node (有研集团 and
/// 中国有研科技集团有限公司; 凉山稀土 and 中稀(凉山)稀土).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShortNamesDef {
    /// Endings a fuller name must have to have short names, and a short name may keep (集团).
    pub endings: Vec<String>,
    /// Extra endings a short name may carry though the fuller name does not (公司 in 中稀凉山公司).
    #[serde(default)]
    pub short_endings: Vec<String>,
    /// Leading words a short name may leave out (中国).
    #[serde(default)]
    pub drop_prefixes: Vec<String>,
    /// Names of lexicons of trailing words a short name may leave out before the ending (科技).
    #[serde(default)]
    pub drop_words: Vec<Spanned<String>>,
    /// A name with a parenthesised part (甲(乙)丙) also has the short names 乙丙 and 甲乙.
    #[serde(default)]
    pub regional_parentheses: bool,
    /// A name that starts with a group of the corpus (a name with one of `endings`), with the group's
    /// name without its ending, or with that name's initials may leave that part out (中国稀土集团国际贸易 →
    /// 国际贸易; 中稀广西稀土 → 广西稀土).
    #[serde(default)]
    pub group_prefixes: bool,
    /// Length of the words whose first characters make an abbreviation (2: 国际贸易 → 国贸, 中国稀土 →
    /// 中稀); used for group names and for what is left after a group prefix. 0: no abbreviations.
    #[serde(default)]
    pub initials_of_words: usize,
}

fn yes() -> bool {
    true
}

/// One relation type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationTypeDef {
    /// Entity types allowed as subject.
    pub subject: Vec<Spanned<String>>,
    /// Entity types allowed as object.
    pub object: Vec<Spanned<String>>,
    /// Stored once per pair, without direction.
    #[serde(default)]
    pub symmetric: bool,
    /// Attributes that are part of the fact's identity (one edge per title).
    #[serde(default)]
    pub key_attrs: Vec<String>,
    /// Attribute values that only objects of some names can have (a mayor's post is in a government).
    #[serde(default)]
    pub object_constraints: Vec<Spanned<ObjectConstraintDef>>,
    /// Graphviz line colour of its edges (an X11 colour name or `#rrggbb`).
    #[serde(default)]
    pub color: Option<Spanned<String>>,
    /// Graphviz line style of its edges (`solid`, `dashed`, `dotted`, `bold` …).
    #[serde(default)]
    pub style: Option<Spanned<String>>,
    /// Graphviz arrowhead of its edges (`normal`, `vee`, `odiamond` …).
    #[serde(default)]
    pub arrowhead: Option<Spanned<String>>,
}

/// A fact whose `attribute` matches `matches` needs an object whose name matches `object`; other facts
/// with that value go to the object's `counterpart`, or are dropped (宜昌市委副书记、市长王建华: the 市长 post
/// is in no party committee, it is in 宜昌市人民政府).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectConstraintDef {
    /// Attribute name (`title`).
    pub attribute: String,
    /// Regex over the attribute value.
    pub matches: Spanned<String>,
    /// Regex the object's name (its canonical name, else its text) must match.
    pub object: Spanned<String>,
    /// Where such a fact goes instead of being dropped: the body its object names the counterpart of.
    #[serde(default)]
    pub counterpart: Option<CounterpartDef>,
}

/// The counterpart of an object that fails a constraint: its name rewritten by a regex replacement
/// (`from = '^(.*市)委$'`, `to = '${1}人民政府'`: the 市长 of 宜昌市委副书记、市长王建华 is in 宜昌市人民政府).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CounterpartDef {
    /// Regex over the object's name; the fact is dropped when it does not match.
    pub from: Spanned<String>,
    /// Replacement (`$1`, `${name}`) giving the counterpart's name.
    pub to: String,
}

/// A declared merge: every alias names the entity `name`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasDecl {
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    /// Canonical name.
    pub name: String,
    /// Other names of the same entity.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names that must never be merged into this entity.
    #[serde(default)]
    pub distinct: Vec<String>,
}

/// A rule file: any number of entity, alias and relation rules.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Entity rules.
    #[serde(default)]
    pub entity: Vec<Spanned<EntityRuleDef>>,
    /// In-document alias definitions (`（以下简称“X”）`).
    #[serde(default)]
    pub alias: Vec<Spanned<AliasRuleDef>>,
    /// Relation rules.
    #[serde(default)]
    pub relation: Vec<Spanned<RelationRuleDef>>,
}

/// An entity rule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRuleDef {
    /// Unique rule id.
    pub id: Spanned<String>,
    /// Entity type produced.
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    /// Higher wins when mentions overlap; ties go to the longer mention.
    #[serde(default)]
    pub priority: i32,
    /// Regex over the normalised sentence, with `{lex:NAME}` macros; group `m` (if any) is the mention.
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    /// Match every entry (and alias) of this lexicon.
    #[serde(default)]
    pub lexicon: Option<Spanned<String>>,
    /// jieba part-of-speech tags: the mention must align with tokens carrying one of these tags.
    #[serde(default)]
    pub pos: Vec<Spanned<String>>,
    /// Drop a mention whose whole text matches this regex (with `{lex:NAME}` macros).
    #[serde(default)]
    pub exclude: Option<Spanned<String>>,
    /// Keep only mentions whose whole text matches this regex (with `{lex:NAME}` macros).
    #[serde(default)]
    pub require: Option<Spanned<String>>,
    /// Leading words cut off a mention (控股股东, 公告称): a regex with `{lex:NAME}` macros, applied
    /// repeatedly at the mention's start.
    #[serde(default)]
    pub trim_left: Option<Spanned<String>>,
    /// Drop a mention when the text just before it ends with a match of this regex (`{lex:NAME}` allowed;
    /// the last 16 characters are looked at): `《[^》]*` keeps names out of book titles.
    #[serde(default)]
    pub exclude_before: Option<Spanned<String>>,
    /// Drop a mention when the text just after it starts with a match of this regex (`{lex:NAME}` allowed):
    /// `广场|队|俱乐部` keeps a place or club name from being read as a person.
    #[serde(default)]
    pub exclude_after: Option<Spanned<String>>,
    /// A lexicon that names what the mentions stand for: a mention whose text is one of its forms takes
    /// that entry's name (湘 → 湖南省), as a `lexicon` rule's mentions do.
    #[serde(default)]
    pub names_from: Option<Spanned<String>>,
    /// A reference word (集团, 本公司) standing for the document's main entity of this type.
    #[serde(default)]
    pub refers_to_subject: bool,
    /// Mentions name an unnamed thing (签署战略合作协议): each one becomes its own node.
    #[serde(default)]
    pub untitled: bool,
    /// Whether this rule's mentions become graph nodes; unset, the entity type decides. `false` reports a
    /// mention (a news agency in a dateline, a reporter in a byline) without making it a node or a fact's end.
    #[serde(default)]
    pub node: Option<bool>,
    /// A mention of this rule marks its entity as what the document is about (a listed company before
    /// its stock quote, the company issuing an announcement): reference words bind to such an entity first.
    #[serde(default)]
    pub subject_cue: bool,
    /// The mention is the bare name of a place's body (市委): it names that body of the document's main
    /// place of its level (荆州市委), as the pack's `[scoped_names]` says, and is dropped when the
    /// document names no such place.
    #[serde(default)]
    pub scoped: bool,
    /// Text appended to the name a mention stands for: a place written before a post of its government
    /// (武汉市 in 武汉市市长) names that body with `name_suffix = "人民政府"`.
    #[serde(default)]
    pub name_suffix: Option<String>,
    /// Whether a name this rule found is read again wherever it recurs in the document; unset, the
    /// entity type's `propagate` decides. A weak rule of a propagating type opts out with `false`.
    #[serde(default)]
    pub propagate: Option<bool>,
    /// Texts that must produce the given mentions.
    #[serde(default)]
    pub examples: Vec<Spanned<EntityExample>>,
    /// Texts on which the rule must not produce the given mentions (or none at all).
    #[serde(default)]
    pub counter_examples: Vec<Spanned<CounterExample>>,
}

/// A positive entity example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityExample {
    /// Input text.
    pub text: String,
    /// Mention texts the rule must find in it.
    pub expect: Vec<String>,
}

/// A negative example: either a text with no match at all, or a text and the mentions that must not appear.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum CounterExample {
    /// The rule must find nothing in this text.
    Text(String),
    /// The rule must not produce these mentions (or facts) in this text.
    Reject {
        /// Input text.
        text: String,
        /// Mentions or facts that must not be produced.
        reject: Vec<String>,
    },
}

/// An alias rule as written: a pattern with a `{full:TYPES}` slot and an `alias` group.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasRuleDef {
    /// Unique rule id.
    pub id: Spanned<String>,
    /// Pattern with one entity slot and a plain `(?P<alias>…)` group.
    pub pattern: Spanned<String>,
    /// Examples: `expect` holds `short = full` pairs.
    #[serde(default)]
    pub examples: Vec<Spanned<EntityExample>>,
    /// Counter-examples.
    #[serde(default)]
    pub counter_examples: Vec<Spanned<CounterExample>>,
}

/// A relation rule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationRuleDef {
    /// Unique rule id.
    pub id: Spanned<String>,
    /// Relation type produced.
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    /// Regex over the sentence where `{name:type|type}` is one mention and `{name:type+}` a list of them.
    pub pattern: Spanned<String>,
    /// Slot giving the subject.
    pub subject: Spanned<String>,
    /// Slot giving the object.
    pub object: Spanned<String>,
    /// Attribute name → slot or named group giving its value.
    #[serde(default)]
    pub attrs: BTreeMap<String, Spanned<String>>,
    /// Attribute name → constant value.
    #[serde(default)]
    pub set: BTreeMap<String, String>,
    /// Slot name → regex (with `{lex:NAME}` macros): a mention in that slot whose whole text matches is
    /// left out of the rule's facts (`{ child = '中国|我国' }`: a country is never inside a county).
    #[serde(default)]
    pub exclude: BTreeMap<String, Spanned<String>>,
    /// A continuation tried again and again right where the match (or the previous continuation) ended:
    /// the slots and groups it names replace the match's, the others keep theirs, and each continuation
    /// states facts as a match does. Titles distribute over the names after them this way
    /// (`甲公司董事长A、总经理B、C`: `then = '、{titles:title+}{person:person+}'`).
    #[serde(default)]
    pub then: Option<Spanned<String>>,
    /// Slot → entity type for an end the sentence does not write: the document's main entity of that
    /// type (an announcement's company in `张三减持500万股`). The slot is a plain named group of the
    /// pattern marking where the end is implied (`(?P<company>减持)`).
    #[serde(default)]
    pub implied: BTreeMap<String, Spanned<String>>,
    /// Facts the rule must produce (`敖宏 -> 中国稀土集团 {title=董事长}`).
    #[serde(default)]
    pub examples: Vec<Spanned<EntityExample>>,
    /// Facts the rule must not produce.
    #[serde(default)]
    pub counter_examples: Vec<Spanned<CounterExample>>,
}
