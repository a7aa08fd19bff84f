//! The command line: argument parsing, wiring of the stages, messages and exit codes.

mod args;
mod commands;
mod interop;
mod perf;
mod remote;
mod watchdog;

use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command, GlobalArgs};

/// Parses the command line, runs the command and returns the process exit code: 0 on success,
/// 1 on a failure (one `error:` line on stderr), 2 on a usage error (from clap).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = format!("{e:#}");
            if !msg.contains("Broken pipe") {
                eprintln!("error: {msg}");
            }
            ExitCode::from(1)
        }
    }
}
