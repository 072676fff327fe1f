//! Throughput of the whole pipeline against jieba alone, on the corpus replicated to a given size.
//!
//! `cargo bench --bench throughput` copies the five corpus documents under distinct names into a
//! temporary directory until it holds `KGX_BENCH_MB` megabytes (10^6 bytes; default 50), then measures:
//!
//! - **extract**: [`Pipeline::extract_corpus`] over that directory (load → normalise → extract → resolve
//!   → merge), the rule pack being compiled beforehand;
//! - **jieba**: [`Tokenizer::tag`] (default dictionary) over every sentence of the same normalised texts, in parallel over
//!   documents like the pipeline — the segmentation cost any jieba-based extractor pays.
//!
//! Each phase runs in a child process of this same binary (`throughput --phase NAME DIR`), because the
//! peak resident memory the kernel reports (`VmHWM` in `/proc/self/status`) only ever grows: measured in
//! one process, the second phase's peak would hide under the first's. The children print one
//! `key=value` line each, which the parent gathers into a table.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use kgx::document;
use kgx::pipeline::{Pipeline, corpus_files};
use kgx::segment::{self, Tokenizer};
use rayon::prelude::*;

/// Environment variable giving the corpus size in megabytes.
const SIZE_VARIABLE: &str = "KGX_BENCH_MB";

/// Corpus size when [`SIZE_VARIABLE`] is not set.
const DEFAULT_MB: u64 = 50;

/// Bytes in a megabyte, as reported.
const MB: f64 = 1_000_000.0;

/// What one phase measured.
struct Measure {
    /// Input bytes processed (the corpus files as stored).
    bytes: u64,
    /// Wall time of the measured work, in seconds.
    seconds: f64,
    /// Peak resident memory of the phase's process, in kB.
    peak_kb: u64,
}

impl Measure {
    fn line(&self) -> String {
        format!(
            "bytes={} seconds={} peak_kb={}",
            self.bytes, self.seconds, self.peak_kb
        )
    }

    fn parse(line: &str) -> Option<Measure> {
        let mut bytes = None;
        let mut seconds = None;
        let mut peak_kb = None;
        for field in line.split_whitespace() {
            match field.split_once('=')? {
                ("bytes", value) => bytes = value.parse().ok(),
                ("seconds", value) => seconds = value.parse().ok(),
                ("peak_kb", value) => peak_kb = value.parse().ok(),
                _ => {}
            }
        }
        Some(Measure {
            bytes: bytes?,
            seconds: seconds?,
            peak_kb: peak_kb?,
        })
    }

    fn mb_per_second(&self) -> f64 {
        self.bytes as f64 / MB / self.seconds
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|arg| arg == "--phase") {
        let (Some(phase), Some(dir)) = (args.get(at + 1), args.get(at + 2)) else {
            panic!("usage: throughput --phase extract|jieba DIR");
        };
        let measure = match phase.as_str() {
            "extract" => extract_phase(Path::new(dir)),
            "jieba" => jieba_phase(Path::new(dir)),
            other => panic!("unknown phase `{other}`"),
        };
        println!("{}", measure.line());
        return;
    }
    let megabytes = match std::env::var(SIZE_VARIABLE) {
        Ok(value) => value
            .parse()
            .unwrap_or_else(|_| panic!("{SIZE_VARIABLE}={value} is not a whole number")),
        Err(_) => DEFAULT_MB,
    };
    let corpus = tempfile::tempdir().expect("cannot create a temporary directory");
    let (files, bytes) = replicate(&root().join("corpus"), corpus.path(), megabytes);
    eprintln!(
        "corpus: {files} files, {:.1} MB in {}",
        bytes as f64 / MB,
        corpus.path().display()
    );
    let extract = run_phase("extract", corpus.path());
    let jieba = run_phase("jieba", corpus.path());
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "throughput over {:.1} MB, {threads} threads",
        bytes as f64 / MB
    );
    println!(
        "{:<8} {:>10} {:>9} {:>14}",
        "phase", "wall (s)", "MB/s", "peak RSS (MB)"
    );
    for (name, measure) in [("extract", &extract), ("jieba", &jieba)] {
        println!(
            "{name:<8} {:>10.2} {:>9.3} {:>14.1}",
            measure.seconds,
            measure.mb_per_second(),
            measure.peak_kb as f64 / 1024.0
        );
    }
    println!(
        "extract/jieba throughput ratio: {:.3} (extract takes {:.1}× jieba's time)",
        extract.mb_per_second() / jieba.mb_per_second(),
        extract.seconds / jieba.seconds
    );
}

/// The crate root, where `corpus/` and `rules/` live.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies every corpus file into `target`, round after round under distinct names, until at least
/// `megabytes` MB are there; returns the number of files and bytes written.
fn replicate(source: &Path, target: &Path, megabytes: u64) -> (usize, u64) {
    let originals: Vec<(String, Vec<u8>)> = corpus_files(source)
        .expect("cannot list the corpus")
        .files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&path).expect("cannot read a corpus file"))
        })
        .collect();
    assert!(!originals.is_empty(), "the corpus is empty");
    let wanted = megabytes * 1_000_000;
    let mut bytes = 0;
    let mut files = 0;
    let mut round = 0;
    while bytes < wanted {
        for (name, content) in &originals {
            fs::write(target.join(format!("{round:05}_{name}")), content)
                .expect("cannot write the replicated corpus");
            bytes += content.len() as u64;
            files += 1;
        }
        round += 1;
    }
    (files, bytes)
}

/// Runs one phase in a child process and reads its measure.
fn run_phase(phase: &str, corpus: &Path) -> Measure {
    let exe = std::env::current_exe().expect("cannot find the bench binary");
    let output = Command::new(exe)
        .arg("--phase")
        .arg(phase)
        .arg(corpus)
        .output()
        .expect("cannot start the phase process");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "phase {phase} failed: {}{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        .find_map(Measure::parse)
        .unwrap_or_else(|| panic!("phase {phase} printed no measure: {stdout}"))
}

/// Total size of the corpus files.
fn corpus_bytes(paths: &[PathBuf]) -> u64 {
    paths
        .iter()
        .map(|path| fs::metadata(path).expect("cannot stat a corpus file").len())
        .sum()
}

/// The whole pipeline over the corpus directory.
fn extract_phase(corpus: &Path) -> Measure {
    let pipeline = Pipeline::from_rules(&root().join("rules"))
        .unwrap_or_else(|diagnostics| panic!("the rule pack does not load:\n{diagnostics}"));
    let bytes = corpus_bytes(&corpus_files(corpus).expect("cannot list the corpus").files);
    let started = Instant::now();
    let run = pipeline
        .extract_corpus(corpus)
        .expect("cannot read the corpus");
    let seconds = started.elapsed().as_secs_f64();
    assert!(
        run.run.documents_failed.is_empty(),
        "documents failed: {:?}",
        run.run.documents_failed
    );
    assert!(!run.graph.nodes().is_empty(), "the graph is empty");
    Measure {
        bytes,
        seconds,
        peak_kb: peak_kb(),
    }
}

/// jieba's tagger over every sentence of the normalised texts; loading and normalising are not timed.
fn jieba_phase(corpus: &Path) -> Measure {
    let normalization =
        kgx::rules::load_normalization(&root().join("rules")).expect("pack.toml reads");
    let paths = corpus_files(corpus).expect("cannot list the corpus").files;
    let bytes = corpus_bytes(&paths);
    let texts: Vec<String> = paths
        .par_iter()
        .map(|path| {
            document::load_file(path, &normalization)
                .unwrap_or_else(|error| panic!("{error}"))
                .text
                .as_str()
                .to_owned()
        })
        .collect();
    let tokenizer = Tokenizer::new([]);
    let started = Instant::now();
    let tokens: usize = texts
        .par_iter()
        .map(|text| {
            segment::sentences(text)
                .into_iter()
                .map(|sentence| tokenizer.tag(&text[sentence]).len())
                .sum::<usize>()
        })
        .sum();
    let seconds = started.elapsed().as_secs_f64();
    assert!(tokens > 0, "jieba found no tokens");
    Measure {
        bytes,
        seconds,
        peak_kb: peak_kb(),
    }
}

/// Peak resident memory of this process so far (`VmHWM`), in kB.
fn peak_kb() -> u64 {
    let status = fs::read_to_string("/proc/self/status").expect("cannot read /proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("no VmHWM in /proc/self/status")
}
