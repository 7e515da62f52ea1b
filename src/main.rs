//! The `icelist` command: parses arguments, calls the library, renders, maps the outcome to an
//! exit code (0 clean, 1 findings, 2 could not run). Nothing else lives here.

mod cli;

// A lint allocates and frees many small values on every thread; glibc's allocator showed as
// a fifth of a full lint's profile, mimalloc's thread-local heaps make that a few percent.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    // libgit2 re-hashes every object it reads by default (a profile of `icelist diff` spent a
    // third of its time in SHA-1); git itself does not, and icelist only reads. A process-wide
    // switch, so the binary sets it, not the library.
    git2::opts::strict_hash_verification(false);
    match cli::run() {
        Ok(code) => code,
        Err(error) => {
            cli::print_error(&error);
            ExitCode::from(2)
        }
    }
}
