//! Coverage-guided fuzzing (AFL++ through `cargo afl`, stable Rust) of one reader of outside
//! text: `icelist::fuzzing::text_page`. Any panic, abort or hang is a bug; an input that found one
//! goes to `fuzz/regressions/text_page/`, which `cargo test` replays (tests/fuzz_regressions.rs).
//!
//! cargo afl build --release --manifest-path fuzz/Cargo.toml
//! cargo afl fuzz -i fuzz/seeds/text_page -o fuzz/artifacts/text_page fuzz/target/release/text_page

fn main() {
    afl::fuzz!(|data: &[u8]| {
        icelist::fuzzing::text_page(data);
    });
}
