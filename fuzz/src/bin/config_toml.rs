//! Coverage-guided fuzzing (AFL++ through `cargo afl`, stable Rust) of one reader of outside
//! text: `icelist::fuzzing::config_toml`. Any panic, abort or hang is a bug; an input that found one
//! goes to `fuzz/regressions/config_toml/`, which `cargo test` replays (tests/fuzz_regressions.rs).
//!
//! cargo afl build --release --manifest-path fuzz/Cargo.toml
//! cargo afl fuzz -i fuzz/seeds/config_toml -o fuzz/artifacts/config_toml fuzz/target/release/config_toml

fn main() {
    afl::fuzz!(|data: &[u8]| {
        icelist::fuzzing::config_toml(data);
    });
}
