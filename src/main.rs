//! The `icelist` command: parses arguments, calls the library, renders, maps the outcome to an
//! exit code (0 clean, 1 findings, 2 could not run). Nothing else lives here.

mod cli;

// A lint allocates and frees many small values on every thread; glibc's allocator showed as
// a fifth of a full lint's profile, mimalloc's thread-local heaps make that a few percent.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(error) => {
            cli::print_error(&error);
            ExitCode::from(2)
        }
    }
}
