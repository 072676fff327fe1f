//! Where a rule pack's files come from: a folder on disk (`--rules DIR`, `KGX_RULES`) or the default pack
//! compiled into the binary from the repository's `rules/` (see `build.rs`), so `kgx` needs no files
//! beside it. The compiler reads both the same way, by paths relative to the pack's root, so a pack gives
//! the same hash wherever it is read from.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::diagnostic::Diagnostic;

/// Every file of the default pack: its path below `rules/` (with `/`) and its bytes.
static EMBEDDED: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// The prefix diagnostics give the files of the embedded pack, which have no place on disk.
pub const EMBEDDED_ROOT: &str = "<embedded>";

/// A rule pack's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackSource {
    /// A folder on disk.
    Directory(PathBuf),
    /// The default pack compiled into kgx.
    Embedded,
}

impl From<&Path> for PackSource {
    fn from(dir: &Path) -> PackSource {
        PackSource::Directory(dir.to_path_buf())
    }
}

impl From<PathBuf> for PackSource {
    fn from(dir: PathBuf) -> PackSource {
        PackSource::Directory(dir)
    }
}

impl fmt::Display for PackSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackSource::Directory(dir) => write!(f, "{}", dir.display()),
            PackSource::Embedded => write!(f, "{EMBEDDED_ROOT} (the default pack built into kgx)"),
        }
    }
}

impl PackSource {
    /// The path of every file of the pack relative to its root, sorted by path components. A folder that
    /// does not exist, is no folder, or has a sub-folder that cannot be read gives a diagnostic naming it.
    pub fn files(&self) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
        let mut files = match self {
            PackSource::Embedded => EMBEDDED
                .iter()
                .map(|(path, _)| PathBuf::from(path))
                .collect(),
            PackSource::Directory(dir) => directory_files(dir)?,
        };
        files.sort();
        Ok(files)
    }

    /// The bytes of the file at `relative` (a path below the pack's root).
    pub fn read(&self, relative: &Path) -> io::Result<Cow<'static, [u8]>> {
        match self {
            PackSource::Directory(dir) => std::fs::read(dir.join(relative)).map(Cow::Owned),
            PackSource::Embedded => {
                let wanted = slash_path(relative);
                EMBEDDED
                    .iter()
                    .find(|(path, _)| wanted.as_deref() == Some(*path))
                    .map(|(_, bytes)| Cow::Borrowed(*bytes))
                    .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
            }
        }
    }

    /// How messages name the file at `relative`: its path on disk, or `<embedded>/…`.
    pub fn display(&self, relative: &Path) -> PathBuf {
        match self {
            PackSource::Directory(dir) => dir.join(relative),
            PackSource::Embedded => Path::new(EMBEDDED_ROOT).join(relative),
        }
    }
}

/// `relative` with `/` between its parts (`.` dropped); `None` when it leaves the root or is absolute.
fn slash_path(relative: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// Every file below `dir` (symbolic links followed) except hidden ones (as `build.rs` embeds them),
/// relative to `dir`.
fn directory_files(dir: &Path) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    if !dir.exists() {
        return Err(vec![Diagnostic::of_file(
            Path::new(""),
            format!("rules folder {} does not exist", dir.display()),
            Some(
                "give a rule pack folder with --rules (or KGX_RULES), or leave both out for the \
                 built-in pack; `kgx rules export DIR` writes that one out"
                    .into(),
            ),
        )]);
    }
    if !dir.is_dir() {
        return Err(vec![Diagnostic::of_file(
            Path::new(""),
            format!("rules folder {} is not a folder", dir.display()),
            Some("a rule pack is a folder with pack.toml (types), rule files and lexicons/".into()),
        )]);
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                files.push(relative.to_path_buf());
            }
            Ok(_) => {}
            Err(error) => {
                let path = error.path().unwrap_or(dir).to_path_buf();
                problems.push(Diagnostic::of_file(
                    &path,
                    format!("cannot read: {error}"),
                    None,
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_pack_is_the_repository_rules_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let on_disk = PackSource::from(dir.as_path());
        let files = PackSource::Embedded.files().unwrap();
        assert_eq!(files, on_disk.files().unwrap());
        assert!(files.contains(&PathBuf::from("pack.toml")));
        for file in &files {
            assert_eq!(
                PackSource::Embedded.read(file).unwrap(),
                on_disk.read(file).unwrap(),
                "{}",
                file.display()
            );
        }
    }

    #[test]
    fn embedded_files_are_found_by_any_spelling_of_their_path() {
        let embedded = PackSource::Embedded;
        assert!(embedded.read(Path::new("./lexicons/titles.txt")).is_ok());
        assert!(embedded.read(Path::new("../rules/pack.toml")).is_err());
        assert_eq!(
            embedded.display(Path::new("pack.toml")),
            Path::new("<embedded>/pack.toml")
        );
    }

    #[test]
    fn a_missing_folder_is_named_as_such() {
        let problems = PackSource::from(Path::new("no/such/rules"))
            .files()
            .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .to_string()
                .starts_with("rules folder no/such/rules does not exist\n  hint: "),
            "{}",
            problems[0]
        );
    }
}
