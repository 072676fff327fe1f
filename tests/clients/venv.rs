//! The Python interpreter with the clients of `tests/clients/requirements.txt`, shared by
//! `tests/clients.rs` and `tests/viewer.rs`: `$KGX_TEST_PYTHON`, else `.venv-test/bin/python` at the
//! crate root, which is created (with `python3 -m venv` and pip, from the package registry) when it is
//! missing, so that `cargo test` alone sets everything up. When it cannot be made the test fails, saying
//! why: it must not pass silently where nothing was checked.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A path below the crate root.
pub fn root(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The outputs of `kgx extract corpus`, in a temporary folder that lives as long as the value.
pub fn extract_corpus() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let extract = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .arg("extract")
        .arg(root("corpus"))
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("cannot run kgx");
    assert!(
        extract.status.success(),
        "kgx extract failed: {}",
        String::from_utf8_lossy(&extract.stderr)
    );
    out
}

/// The Python interpreter that has the clients, made if need be, or a failure saying how to get one.
pub fn python() -> PathBuf {
    if let Some(path) = std::env::var_os("KGX_TEST_PYTHON") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "KGX_TEST_PYTHON={} is no file",
            path.display()
        );
        return path;
    }
    let venv = root(".venv-test/bin/python");
    if !venv.is_file() {
        make_venv();
    }
    venv
}

/// Creates `.venv-test` with the clients of `tests/clients/requirements.txt`.
fn make_venv() {
    let how = "run `.ci/run`, or `python3 -m venv .venv-test && .venv-test/bin/pip install -r \
               tests/clients/requirements.txt`, or set KGX_TEST_PYTHON";
    let run = |program: &Path, args: &[&str]| {
        let status = Command::new(program)
            .args(args)
            .current_dir(root(""))
            .status()
            .unwrap_or_else(|error| panic!("cannot run {}: {error}; {how}", program.display()));
        assert!(
            status.success(),
            "{} {} failed ({status}); on Debian `apt-get install python3-venv` first; {how}",
            program.display(),
            args.join(" ")
        );
    };
    run(Path::new("python3"), &["-m", "venv", ".venv-test"]);
    run(
        &root(".venv-test/bin/pip"),
        &[
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            "tests/clients/requirements.txt",
        ],
    );
}
