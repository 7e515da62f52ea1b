//! Coverage-guided fuzzing (AFL++ through `cargo afl`, stable Rust) of one reader of outside
//! text: `icelist::fuzzing::lint_bytes`. Any panic, abort or hang is a bug; an input that found one
//! goes to `fuzz/regressions/lint_bytes/`, which `cargo test` replays (tests/fuzz_regressions.rs).
//!
//! cargo afl build --release --manifest-path fuzz/Cargo.toml
//! cargo afl fuzz -i fuzz/seeds/lint_bytes -o fuzz/artifacts/lint_bytes fuzz/target/release/lint_bytes

fn main() {
    afl::fuzz!(|data: &[u8]| {
        icelist::fuzzing::lint_bytes(data);
    });
}
