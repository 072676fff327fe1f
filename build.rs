//! Compiles the default rule pack (`rules/`) into the binary: writes `embedded_rules.rs` into `OUT_DIR`,
//! a sorted table of every file below `rules/` (relative path with `/`, bytes via `include_bytes!`), so
//! `kgx` works from any folder and after `cargo install`. Cargo reruns this when anything in `rules/`
//! changes, and `include_bytes!` makes rustc track each file's content.

use std::path::{Path, PathBuf};

fn main() {
    // Read at run time, not with `env!`: a build script compiled in another checkout (a copied
    // `target/`) must embed this checkout's rules.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("rules");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut table = String::from("&[\n");
    for (relative, absolute) in &files {
        table.push_str(&format!(
            "    ({relative:?}, include_bytes!({:?})),\n",
            absolute.to_str().expect("rule pack paths are UTF-8")
        ));
    }
    table.push_str("]\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("embedded_rules.rs"), table).expect("OUT_DIR is writable");
}

/// Every file below `dir` except hidden ones, as (path relative to `root` joined with `/`, absolute path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    for entry in entries {
        let path = entry.expect("rules/ lists").path();
        if path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).expect("below rules/");
            let parts: Vec<String> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push((parts.join("/"), path));
        }
    }
}
