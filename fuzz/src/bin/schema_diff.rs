//! Coverage-guided fuzzing (AFL++ through `cargo afl`, stable Rust) of one reader of outside
//! text: `icelist::fuzzing::schema_diff`. Any panic, abort or hang is a bug; an input that found one
//! goes to `fuzz/regressions/schema_diff/`, which `cargo test` replays (tests/fuzz_regressions.rs).
//!
//! cargo afl build --release --manifest-path fuzz/Cargo.toml
//! cargo afl fuzz -i fuzz/seeds/schema_diff -o fuzz/artifacts/schema_diff fuzz/target/release/schema_diff

fn main() {
    afl::fuzz!(|data: &[u8]| {
        icelist::fuzzing::schema_diff(data);
    });
}
