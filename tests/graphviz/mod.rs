//! Rendering DOT with Graphviz in tests: a render that fails on any complaint, and the texts it drew.

use std::io::{ErrorKind, Write};
use std::process::{Command, Stdio};

/// Runs `dot -T<format>` on `source`; fails on a missing `dot`, a non-zero exit or any output on stderr.
pub fn render(source: &str, format: &str) -> Vec<u8> {
    let mut child = match Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(error) if error.kind() == ErrorKind::NotFound => panic!(
            "graphviz `dot` is not installed: run `apt-get install -y graphviz fonts-wqy-microhei`"
        ),
        Err(error) => panic!("cannot run dot: {error}"),
    };
    let mut stdin = child.stdin.take().unwrap();
    let input = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "dot -T{format} failed: {stderr}\n{source}"
    );
    assert!(
        stderr.is_empty(),
        "dot -T{format} complained: {stderr}\n{source}"
    );
    assert!(!output.stdout.is_empty(), "dot -T{format} wrote nothing");
    output.stdout
}

/// The text elements of a rendered SVG, in document order.
pub fn svg_texts(svg: &[u8]) -> Vec<String> {
    let svg = std::str::from_utf8(svg).unwrap();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(svg, options).unwrap();
    document
        .descendants()
        .filter(|node| node.has_tag_name("text"))
        .filter_map(|node| node.text().map(str::to_owned))
        .collect()
}
