//! Running Graphviz: finding a font that has Chinese characters, then laying out and drawing DOT source.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::export::dot::FONT;

/// Why a drawing could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// `fc-list` found no font covering Chinese.
    #[error(
        "no font with Chinese characters is installed, so names would be drawn as boxes\n  hint: install one, e.g. `apt-get install fonts-wqy-microhei` (Debian/Ubuntu) or `fonts-noto-cjk`"
    )]
    NoCjkFont,
    /// A Graphviz program is missing.
    #[error(
        "cannot run Graphviz `{program}`: {source}\n  hint: install Graphviz, e.g. `apt-get install graphviz`"
    )]
    Missing {
        /// The program.
        program: String,
        /// Why it could not be started.
        source: std::io::Error,
    },
    /// Graphviz ran and failed.
    #[error("Graphviz `{program}` failed: {message}")]
    Failed {
        /// The program.
        program: String,
        /// What it printed on stderr.
        message: String,
    },
}

/// The font family to draw with: kgx's default (WenQuanYi Micro Hei) when installed, else the first
/// installed family that covers Chinese, as fontconfig lists them.
pub fn cjk_font() -> Result<String, RenderError> {
    let output = Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .map_err(|_| RenderError::NoCjkFont)?;
    let listing = String::from_utf8_lossy(&output.stdout);
    let mut families: Vec<&str> = listing
        .lines()
        .filter_map(|line| line.split(',').next())
        .map(str::trim)
        .filter(|family| !family.is_empty())
        .collect();
    families.sort_unstable();
    if families.contains(&FONT) {
        return Ok(FONT.to_owned());
    }
    families
        .first()
        .map(|family| (*family).to_owned())
        .ok_or(RenderError::NoCjkFont)
}

/// Lays `dot` out with `engine` and draws it in `format` (`svg`, `png`, `pdf`).
pub fn draw(dot: &str, engine: &str, format: &str) -> Result<Vec<u8>, RenderError> {
    let program = "dot";
    let mut child = Command::new(program)
        .arg(format!("-K{engine}"))
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| RenderError::Missing {
            program: program.to_owned(),
            source,
        })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let source = dot.to_owned();
    // Graphviz may write before it has read everything: feed it from another thread.
    let feeder = std::thread::spawn(move || stdin.write_all(source.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|source| RenderError::Missing {
            program: program.to_owned(),
            source,
        })?;
    let fed = feeder.join().unwrap_or(Ok(()));
    if !output.status.success() || fed.is_err() {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(RenderError::Failed {
            program: format!("{program} -K{engine} -T{format}"),
            message: if message.is_empty() {
                format!("exit status {}", output.status)
            } else {
                message
            },
        });
    }
    Ok(output.stdout)
}
