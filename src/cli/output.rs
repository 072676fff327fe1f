//! Writing a command's report to stdout: a closed pipe (`kgx … | head`) ends the output quietly.

use std::io::{ErrorKind, Write};

use super::Outcome;

/// Writes `text` to stdout; a write error other than a closed pipe is reported and is a failure.
pub fn print(command: &str, text: &str) -> Outcome {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Outcome::Success,
        Err(error) if error.kind() == ErrorKind::BrokenPipe => Outcome::Success,
        Err(error) => {
            eprintln!("kgx {command}: cannot write output: {error}");
            Outcome::Failure
        }
    }
}
