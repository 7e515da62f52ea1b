//! Coverage-guided fuzzing (AFL++ through `cargo afl`, stable Rust) of one reader of outside
//! text: `icelist::fuzzing::link_state`. Any panic, abort or hang is a bug; an input that found one
//! goes to `fuzz/regressions/link_state/`, which `cargo test` replays (tests/fuzz_regressions.rs).
//!
//! cargo afl build --release --manifest-path fuzz/Cargo.toml
//! cargo afl fuzz -i fuzz/seeds/link_state -o fuzz/artifacts/link_state fuzz/target/release/link_state

fn main() {
    afl::fuzz!(|data: &[u8]| {
        icelist::fuzzing::link_state(data);
    });
}
