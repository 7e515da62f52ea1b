//! Coverage-guided fuzzing (AFL++ through `cargo afl`, stable Rust) of one reader of outside
//! text: `icelist::fuzzing::issue_form`. Any panic, abort or hang is a bug; an input that found one
//! goes to `fuzz/regressions/issue_form/`, which `cargo test` replays (tests/fuzz_regressions.rs).
//!
//! cargo afl build --release --manifest-path fuzz/Cargo.toml
//! cargo afl fuzz -i fuzz/seeds/issue_form -o fuzz/artifacts/issue_form fuzz/target/release/issue_form

fn main() {
    afl::fuzz!(|data: &[u8]| {
        icelist::fuzzing::issue_form(data);
    });
}
