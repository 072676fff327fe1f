//! The `kgx` binary: parse flags, run the library, map the outcome to an exit code.

mod cli;

use clap::Parser;

fn main() {
    let outcome = cli::Cli::parse().run();
    std::process::exit(outcome.exit_code());
}
