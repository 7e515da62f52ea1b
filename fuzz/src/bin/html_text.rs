//! Coverage-guided fuzzing (AFL++ through `cargo afl`, stable Rust) of one reader of outside
//! text: `icelist::fuzzing::html_text`. Any panic, abort or hang is a bug; an input that found one
//! goes to `fuzz/regressions/html_text/`, which `cargo test` replays (tests/fuzz_regressions.rs).
//!
//! cargo afl build --release --manifest-path fuzz/Cargo.toml
//! cargo afl fuzz -i fuzz/seeds/html_text -o fuzz/artifacts/html_text fuzz/target/release/html_text

fn main() {
    afl::fuzz!(|data: &[u8]| {
        icelist::fuzzing::html_text(data);
    });
}
