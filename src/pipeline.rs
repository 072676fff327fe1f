//! The whole job, stage after stage: load → normalise → extract → resolve → findings, for one text, one
//! document, or a corpus directory processed in parallel and merged into one graph.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::annotate::{Annotation, ArgumentSpan, EntitySpan, RelationSpan};
use crate::document::{self, Document};
use crate::export::{DocumentInfo, DotStyle, FailedDocument, NodeStyle, RunInfo};
use crate::extract::{Extraction, Extractor};
use crate::graph::checks::check_graph;
use crate::graph::{
    EntityKey, EntityRecord, Evidence, FactRecord, Findings, KnowledgeGraph, QUOTE_CHARS, quote,
    split_attributes,
};
use crate::resolve::{self, Resolution};
use crate::rules::{self, Diagnostics, RulePack};
use crate::segment;

/// One document after extraction and resolution.
pub struct Analysis<'d> {
    /// The document.
    pub document: &'d Document,
    /// Mentions, aliases and facts.
    pub extraction: Extraction,
    /// The entity behind each mention.
    pub resolution: Resolution,
}

impl Analysis<'_> {
    /// Code-point range in the document's source of a byte range of its normalised text.
    pub fn source_range(&self, span: &Range<usize>) -> Range<usize> {
        let text = &self.document.text;
        text.source_range(text.byte_to_char(span.start)..text.byte_to_char(span.end))
    }

    /// The normalised text of a byte range in its original script (as written, without markup).
    pub fn surface(&self, span: &Range<usize>) -> String {
        let text = &self.document.text;
        text.surface(text.byte_to_char(span.start)..text.byte_to_char(span.end))
    }
}

/// The result of a corpus run.
pub struct CorpusRun {
    /// The merged graph.
    pub graph: KnowledgeGraph,
    /// What was read, what failed and why.
    pub run: RunInfo,
}

/// The extractor with its rule pack: built once, then used from any number of threads.
pub struct Pipeline {
    extractor: Extractor,
}

impl Pipeline {
    /// Loads and compiles the rule pack in `rules_dir`.
    pub fn from_rules(rules_dir: &Path) -> Result<Pipeline, Diagnostics> {
        Ok(Pipeline::new(rules::load(rules_dir)?))
    }

    /// Loads and compiles a rule pack: a folder, or [`rules::PackSource::Embedded`] for the default.
    pub fn from_source(source: &rules::PackSource) -> Result<Pipeline, Diagnostics> {
        Ok(Pipeline::new(rules::load_from(source)?))
    }

    /// A pipeline over a compiled pack.
    pub fn new(pack: RulePack) -> Pipeline {
        Pipeline {
            extractor: Extractor::new(pack),
        }
    }

    /// The extractor (for rule tests and explain views).
    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// The compiled rule pack.
    pub fn pack(&self) -> &RulePack {
        self.extractor.pack()
    }

    /// Graphviz styles of the pack's entity and relation types.
    pub fn dot_style(&self) -> DotStyle {
        let mut style = DotStyle::default();
        for (name, kind) in &self.pack().entity_types {
            style
                .shapes
                .insert(name.clone(), NodeStyle::new(&kind.shape, &kind.color));
        }
        for (index, (name, kind)) in self.pack().relation_types.iter().enumerate() {
            let given = [&kind.color, &kind.style, &kind.arrowhead].map(Option::as_deref);
            style.set_relation(index, name, given, kind.symmetric);
        }
        style
    }

    /// Extracts and resolves one document.
    pub fn analyze<'d>(&self, document: &'d Document) -> Analysis<'d> {
        let text = document.text.as_str();
        let extraction = self.extractor.extract(text);
        let resolution = resolve::resolve(self.pack(), &document.id, text, &extraction);
        Analysis {
            document,
            extraction,
            resolution,
        }
    }

    /// What one document contributes to the graph.
    pub fn findings(&self, analysis: &Analysis<'_>) -> Findings {
        let mut entities: BTreeMap<&EntityKey, EntityRecord> = BTreeMap::new();
        let extraction = &analysis.extraction;
        let resolution = &analysis.resolution;
        let text = analysis.document.text.as_str();
        for (index, mention) in extraction.mentions.iter().enumerate() {
            let Some(key) = &resolution.keys[index] else {
                continue;
            };
            // An implied end stands for the subject; a counterpart (implied, not a reference) is a body of
            // its own, though its text names another.
            if mention.implied && mention.refers_to_subject {
                continue;
            }
            let literal = self
                .pack()
                .entity_types
                .get(&key.kind)
                .is_some_and(|kind| kind.literal);
            let record = entities.entry(key).or_insert_with(|| EntityRecord {
                key: key.clone(),
                names: BTreeSet::new(),
                surfaces: BTreeSet::new(),
                mentions: 0,
                literal,
            });
            record.mentions += 1;
            record.names.insert(resolution.names[index].clone());
            // A reference word (公司, 集团) or a bare body name (市委) is no name of the entity it stands for.
            if mention.refers_to_subject || mention.scoped || mention.implied {
                continue;
            }
            if !mention.untitled {
                record.names.insert(resolve::written_name(
                    self.pack(),
                    &mention.kind,
                    &text[mention.span.clone()],
                ));
            }
            record.surfaces.insert(resolve::written_name(
                self.pack(),
                &mention.kind,
                &analysis.surface(&mention.span),
            ));
        }
        // Two rules that read one fact in one sentence give it one piece of evidence (the first rule's).
        let mut stated = BTreeSet::new();
        // Each sentence's text is made once and shared by the facts read from it.
        let mut quoted: HashMap<usize, Arc<str>> = HashMap::new();
        let facts = extraction
            .facts
            .iter()
            .filter_map(|fact| {
                let subject = resolution.keys[fact.subject].clone()?;
                let object = resolution.keys[fact.object].clone()?;
                if subject == object
                    || !stated.insert((
                        &fact.relation,
                        subject.clone(),
                        object.clone(),
                        &fact.attrs,
                        fact.sentence,
                    ))
                {
                    return None;
                }
                let sentence = &extraction.sentences[fact.sentence];
                let source = analysis.source_range(sentence);
                let (attrs, values) = split_attributes(self.pack(), &fact.relation, &fact.attrs);
                let whole = quoted
                    .entry(fact.sentence)
                    .or_insert_with(|| analysis.surface(sentence).into());
                let quote = if whole.chars().count() <= QUOTE_CHARS {
                    whole.clone()
                } else {
                    let text = &analysis.document.text;
                    let first = text.byte_to_char(sentence.start);
                    let chars = |mention: usize| {
                        let span = &extraction.mentions[mention].span;
                        text.byte_to_char(span.start) - first..text.byte_to_char(span.end) - first
                    };
                    quote(whole, [chars(fact.subject), chars(fact.object)]).into()
                };
                Some(FactRecord {
                    relation: fact.relation.clone(),
                    subject,
                    object,
                    attrs,
                    symmetric: fact.symmetric,
                    evidence: Evidence {
                        document: analysis.document.id.clone(),
                        start: source.start,
                        end: source.end,
                        sentence: quote,
                        rule: fact.rule.clone(),
                        attrs: values,
                    },
                })
            })
            .collect();
        Findings {
            document: analysis.document.id.clone(),
            entities: entities.into_values().collect(),
            facts,
        }
    }

    /// Annotates a text: front matter, HTML and hard-wrapped PDF text are detected as for a file, so a
    /// whole document reads as `kgx extract` reads it (a plain sentence reads as given). Offsets are code
    /// points into `text`.
    pub fn annotate(&self, id: serde_json::Value, text: &str) -> Annotation {
        let document = self.text_document("annotate", text);
        let analysis = self.analyze(&document);
        let chars: Vec<char> = document.source.chars().collect();
        let argument = |index: usize| -> ArgumentSpan {
            let mention = &analysis.extraction.mentions[index];
            let range = analysis.source_range(&mention.span);
            ArgumentSpan {
                start: range.start,
                end: range.end,
                text: chars[range].iter().collect(),
                kind: mention.kind.clone(),
                canonical: analysis.resolution.names[index].clone(),
            }
        };
        let keys = &analysis.resolution.keys;
        // As in the graph: a reference word bound to nothing is no entity, and a fact needs two
        // distinct entities at its ends. A bare body name (市委) of no known place still mentions an
        // organisation: it is reported, though it makes no node.
        let unbound = |index: usize| {
            analysis.extraction.mentions[index].refers_to_subject && keys[index].is_none()
        };
        let entities = (0..analysis.extraction.mentions.len())
            .filter(|&index| !unbound(index) && !analysis.extraction.mentions[index].implied)
            .map(|index| {
                let argument = argument(index);
                EntitySpan {
                    start: argument.start,
                    end: argument.end,
                    kind: argument.kind,
                    text: argument.text,
                    canonical: argument.canonical,
                    rule: analysis.extraction.mentions[index].rule.clone(),
                }
            })
            .collect();
        let relations = analysis
            .extraction
            .facts
            .iter()
            .filter(|fact| match (&keys[fact.subject], &keys[fact.object]) {
                (Some(subject), Some(object)) => subject != object,
                _ => false,
            })
            .map(|fact| RelationSpan {
                kind: fact.relation.clone(),
                subject: argument(fact.subject),
                object: argument(fact.object),
                attrs: fact.attrs.clone(),
                rule: fact.rule.clone(),
            })
            .collect();
        Annotation {
            id,
            entities,
            relations,
        }
    }

    /// A text given as a string read as a whole document: front matter, HTML and hard-wrapped PDF text
    /// are detected as for a file (a plain sentence reads as given), and `source` is `text`.
    pub fn text_document(&self, id: &str, text: &str) -> Document {
        let normalization = &self.pack().normalization;
        match document::load_bytes(id, text.as_bytes(), normalization) {
            Ok(document) if document.source == text => document,
            _ => document::from_text(id, text, normalization),
        }
    }

    /// Processes every document of a corpus directory in parallel (see [`Pipeline::extract_inputs`]).
    pub fn extract_corpus(&self, dir: &Path) -> std::io::Result<CorpusRun> {
        let inputs =
            corpus_inputs(&[dir.to_path_buf()], &[], &[]).map_err(std::io::Error::other)?;
        Ok(self.extract_inputs(&inputs))
    }

    /// Processes the documents of a run's inputs in parallel, joins short names across documents
    /// ([`resolve::merge_short_names`]) and merges them into one graph. A document that cannot be read
    /// is recorded in the run information under its id; the others still count. The graph's check
    /// warnings ([`check_graph`]) are recorded in the run information too.
    pub fn extract_inputs(&self, inputs: &CorpusInputs) -> CorpusRun {
        type Read = (DocumentInfo, Findings, Option<String>);
        let results: Vec<Result<Read, FailedDocument>> = inputs
            .files
            .par_iter()
            .map(|file| {
                let normalization = &self.pack().normalization;
                let document = document::load_file_as(&file.path, &file.id, normalization)
                    .map_err(|error| FailedDocument {
                        path: file.id.clone(),
                        reason: error.reason.clone(),
                    })?;
                let analysis = self.analyze(&document);
                let info = DocumentInfo {
                    id: document.id.clone(),
                    encoding: document.encoding.to_string(),
                    format: format!("{:?}", document.format),
                    title: document.meta.title.clone(),
                };
                let warning = long_sentences_warning(&document.id, &analysis.extraction);
                Ok((info, self.findings(&analysis), warning))
            })
            .collect();
        let mut run = RunInfo::new(self.pack().hash.clone());
        run.documents_failed.extend(inputs.skipped.iter().cloned());
        let mut read = Vec::new();
        for result in results {
            match result {
                Ok((info, findings, warning)) => {
                    read.push(findings);
                    run.documents_read.push(info);
                    run.warnings.extend(warning);
                }
                Err(failed) => run.documents_failed.push(failed),
            }
        }
        resolve::merge_short_names(self.pack(), &mut read);
        let mut graph = KnowledgeGraph::new();
        for findings in &read {
            graph.add(findings);
        }
        let warnings = check_graph(&graph, self.pack());
        run.warnings
            .extend(warnings.iter().map(ToString::to_string));
        run.sort();
        CorpusRun { graph, run }
    }
}

/// The run's warning for a document with sentences longer than [`segment::MAX_SENTENCE_CHARS`]: how
/// many, and how many cuts were made in them for matching (a relation across a cut is not read).
fn long_sentences_warning(id: &str, extraction: &Extraction) -> Option<String> {
    let (long, cuts) = extraction.long_sentences;
    (long > 0).then(|| {
        format!(
            "{id}: {long} sentence{} longer than {} characters without a sentence mark, cut {cuts} time{} for matching",
            if long == 1 { "" } else { "s" },
            segment::MAX_SENTENCE_CHARS,
            if cuts == 1 { "" } else { "s" },
        )
    })
}

/// A document to read: where it is, and its id (its path relative to the folder given to kgx, with
/// `/` on every system; the file name of a file given directly), which evidence and run metadata use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    /// Where the file is.
    pub path: PathBuf,
    /// The document id.
    pub id: String,
}

/// The documents of a run's inputs (files and folders), sorted by id, and the entries skipped on the
/// way, each under its id with why.
#[derive(Debug, Default)]
pub struct CorpusInputs {
    /// Regular files to read as documents.
    pub files: Vec<CorpusFile>,
    /// Entries that are no readable regular file (see [`corpus_files`]).
    pub skipped: Vec<FailedDocument>,
}

/// Why a run's inputs cannot be listed; nothing is extracted then.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// A file or folder given cannot be read.
    #[error("cannot read corpus {}: {source}", path.display())]
    Unreadable {
        /// The input as given.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A `--glob` pattern is not a glob.
    #[error("--glob {glob:?} is not a glob: {source}")]
    Glob {
        /// The pattern as given.
        glob: String,
        /// Why.
        source: ignore::Error,
    },
    /// A corpus folder's `.kgxignore` cannot be read or holds a line that is not a glob.
    #[error("{}: {source}; fix or remove it", path.display())]
    Ignore {
        /// The `.kgxignore` file.
        path: PathBuf,
        /// Why.
        source: ignore::Error,
    },
    /// Two inputs give documents the same id, so evidence could not tell them apart.
    #[error(
        "{} and {} are both document {id}; give them in one folder, or each folder once",
        first.display(),
        second.display()
    )]
    DuplicateId {
        /// The id.
        id: String,
        /// The first file with it.
        first: PathBuf,
        /// The next file with it.
        second: PathBuf,
    },
}

/// The documents of the given files and folders: a folder's documents as [`corpus_files`] finds them,
/// with ids relative to it; a file given directly with its file name as id (and read whatever `globs`
/// say). Folders in `exclude` (the run's output folder, which may lie inside the corpus) and everything
/// below them are never read. In a folder, `globs` choose the documents as ripgrep's `--glob` does
/// (gitignore syntax relative to the folder; with any glob not starting with `!`, only files matching
/// one are read; `!glob` leaves out what it matches, folders included), and a `.kgxignore` at the
/// folder's top (gitignore syntax) leaves out what it lists. Two documents with one id are an error.
pub fn corpus_inputs(
    roots: &[PathBuf],
    exclude: &[PathBuf],
    globs: &[String],
) -> Result<CorpusInputs, InputError> {
    let excluded: Vec<PathBuf> = exclude.iter().map(|path| absolute(path)).collect();
    let mut inputs = CorpusInputs::default();
    for root in roots {
        let unreadable = |source| InputError::Unreadable {
            path: root.clone(),
            source,
        };
        if std::fs::metadata(root).map_err(unreadable)?.is_file() {
            let id = root.file_name().map_or_else(
                || root.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            );
            inputs.files.push(CorpusFile {
                path: root.clone(),
                id,
            });
            continue;
        }
        let selection = Selection::new(root, globs)?;
        let (files, skipped) = walk(root, &excluded, &selection).map_err(unreadable)?;
        inputs
            .files
            .extend(files.into_iter().map(|path| CorpusFile {
                id: document_id(root, &path),
                path,
            }));
        inputs
            .skipped
            .extend(skipped.into_iter().map(|(path, reason)| FailedDocument {
                path: document_id(root, &path),
                reason,
            }));
    }
    inputs.files.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(pair) = inputs
        .files
        .windows(2)
        .find(|pair| pair[0].id == pair[1].id)
    {
        return Err(InputError::DuplicateId {
            id: pair[0].id.clone(),
            first: pair[0].path.clone(),
            second: pair[1].path.clone(),
        });
    }
    Ok(inputs)
}

/// The id of the document at `path` found below `root`: the relative path with `/` between its parts.
fn document_id(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        path.display().to_string()
    } else {
        parts.join("/")
    }
}

/// `path` made absolute with symbolic links resolved, as far as it exists (an output folder not yet
/// created is its existing parent's resolved path plus the rest).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(resolved) = path.canonicalize() {
        return resolved;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => absolute(parent).join(name),
        (_, Some(name)) => absolute(Path::new(".")).join(name),
        _ => path.to_path_buf(),
    }
}

/// What a walk of a corpus directory found: the documents to read, sorted, and the entries it skipped,
/// each with its own path and why.
#[derive(Debug, Default)]
pub struct CorpusListing {
    /// Regular files to read as documents.
    pub files: Vec<PathBuf>,
    /// Entries that are no readable regular file: FIFOs, sockets and devices, broken symbolic links,
    /// symbolic link loops, folders that cannot be read.
    pub skipped: Vec<FailedDocument>,
}

/// The documents of a corpus: every regular file below `dir` (symbolic links followed, a link back to a
/// folder above it reported as a loop and not followed), sorted, except hidden entries and `README*`
/// (which describe the corpus rather than belong to it). Anything else below `dir` is skipped with a
/// reason rather than read (a FIFO would block for ever) or failing the walk. Fails only when `dir`
/// itself cannot be read.
pub fn corpus_files(dir: &Path) -> std::io::Result<CorpusListing> {
    let (files, skipped) = walk(dir, &[], &Selection::default())?;
    Ok(CorpusListing {
        files,
        skipped: skipped
            .into_iter()
            .map(|(path, reason)| FailedDocument {
                path: path.display().to_string(),
                reason,
            })
            .collect(),
    })
}

/// What [`walk`] found: regular files, and skipped entries with why.
type Walked = (Vec<PathBuf>, Vec<(PathBuf, String)>);

/// Which entries of a corpus folder the user left out: `--glob` patterns and the folder's `.kgxignore`
/// (see [`corpus_inputs`]).
#[derive(Debug)]
struct Selection {
    globs: ignore::overrides::Override,
    ignored: ignore::gitignore::Gitignore,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            globs: ignore::overrides::Override::empty(),
            ignored: ignore::gitignore::Gitignore::empty(),
        }
    }
}

/// The file at a corpus folder's top whose lines (gitignore syntax) leave entries out of the corpus.
pub const IGNORE_FILE: &str = ".kgxignore";

impl Selection {
    /// The selection for the folder `root`: `globs` as given, and its `.kgxignore` when it has one.
    fn new(root: &Path, globs: &[String]) -> Result<Selection, InputError> {
        let mut overrides = ignore::overrides::OverrideBuilder::new(root);
        for glob in globs {
            overrides.add(glob).map_err(|source| InputError::Glob {
                glob: glob.clone(),
                source,
            })?;
        }
        let globs = overrides.build().map_err(|source| InputError::Glob {
            glob: globs.join(" "),
            source,
        })?;
        let path = root.join(IGNORE_FILE);
        let mut ignored = ignore::gitignore::GitignoreBuilder::new(root);
        if path.is_file()
            && let Some(source) = ignored.add(&path)
        {
            return Err(InputError::Ignore { path, source });
        }
        let ignored = ignored
            .build()
            .map_err(|source| InputError::Ignore { path, source })?;
        Ok(Selection { globs, ignored })
    }

    /// Whether the entry at `path` (below the folder) is left out.
    fn leaves_out(&self, path: &Path, is_dir: bool) -> bool {
        self.globs.matched(path, is_dir).is_ignore()
            || self.ignored.matched(path, is_dir).is_ignore()
    }
}

/// The regular files below `dir`, sorted, and the entries skipped with why (see [`corpus_files`]);
/// folders whose resolved path is in `excluded` are not entered, and what `selection` leaves out is
/// neither read nor reported.
fn walk(dir: &Path, excluded: &[PathBuf], selection: &Selection) -> std::io::Result<Walked> {
    std::fs::read_dir(dir)?;
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let hidden = name.starts_with('.') || name.starts_with("README");
            let is_excluded = !excluded.is_empty()
                && entry.file_type().is_dir()
                && entry
                    .path()
                    .canonicalize()
                    .is_ok_and(|resolved| excluded.contains(&resolved));
            entry.depth() == 0
                || !(hidden
                    || is_excluded
                    || selection.leaves_out(entry.path(), entry.file_type().is_dir()))
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
            Ok(entry) => skipped.push((
                entry.into_path(),
                "not a regular file (a FIFO, socket or device): skipped".to_string(),
            )),
            Err(error) => {
                let path = error.path().unwrap_or(dir).to_path_buf();
                let reason = match error.loop_ancestor() {
                    Some(ancestor) => format!(
                        "symbolic link loop back to {}: not followed",
                        ancestor.display()
                    ),
                    None => match error.io_error() {
                        Some(io) => format!("cannot read: {io}"),
                        None => error.to_string(),
                    },
                };
                skipped.push((path, reason));
            }
        }
    }
    files.sort();
    Ok((files, skipped))
}
