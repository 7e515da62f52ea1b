//! The `icelist` command: parses arguments, calls the library, renders, maps the outcome to an
//! exit code (0 clean, 1 findings, 2 could not run). Nothing else lives here.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(error) => {
            let report = miette::Report::new(cli::Failure(error));
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}
