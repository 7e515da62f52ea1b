//! Reads the bundled dataset through the library's public API only, as a downstream Rust
//! project would: `cargo run --example read_dataset [ROOT]`.

use icelist::Dataset;
use icelist::model::{BoycottStatus, VerificationStatus};

fn main() -> Result<(), icelist::Error> {
    let root = std::env::args_os()
        .nth(1)
        .map_or_else(|| std::path::PathBuf::from("."), std::path::PathBuf::from);
    let dataset = Dataset::load(&root)?;
    for entry in dataset.entries() {
        let listed = entry.boycott.status == BoycottStatus::Listed;
        let verified = entry.verification.status == VerificationStatus::Verified;
        println!(
            "{} ({}): {}, {}, {} sources",
            entry.name,
            entry.id,
            if listed {
                "listed"
            } else {
                entry.boycott.status.as_str()
            },
            if verified {
                "verified"
            } else {
                entry.verification.status.as_str()
            },
            entry.sources.len()
        );
    }
    Ok(())
}
