//! Coverage-guided fuzzing (AFL++ through `cargo afl`, stable Rust) of one reader of outside
//! text: `icelist::fuzzing::mediawiki_xml`. Any panic, abort or hang is a bug; an input that found one
//! goes to `fuzz/regressions/mediawiki_xml/`, which `cargo test` replays (tests/fuzz_regressions.rs).
//!
//! cargo afl build --release --manifest-path fuzz/Cargo.toml
//! cargo afl fuzz -i fuzz/seeds/mediawiki_xml -o fuzz/artifacts/mediawiki_xml fuzz/target/release/mediawiki_xml

fn main() {
    afl::fuzz!(|data: &[u8]| {
        icelist::fuzzing::mediawiki_xml(data);
    });
}
