//! Coverage-guided fuzzing (AFL++ through `cargo afl`, stable Rust) of one reader of outside
//! text: `icelist::fuzzing::wikitext`. Any panic, abort or hang is a bug; an input that found one
//! goes to `fuzz/regressions/wikitext/`, which `cargo test` replays (tests/fuzz_regressions.rs).
//!
//! cargo afl build --release --manifest-path fuzz/Cargo.toml
//! cargo afl fuzz -i fuzz/seeds/wikitext -o fuzz/artifacts/wikitext fuzz/target/release/wikitext

fn main() {
    afl::fuzz!(|data: &[u8]| {
        icelist::fuzzing::wikitext(data);
    });
}
