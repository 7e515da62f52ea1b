//! The benchmark's parse floor: reads every `*.json` file of a folder and parses it with
//! `serde_json` (default features) on two threads, nothing else. `bench/run` measures
//! `icelist lint` against it.

use rayon::prelude::*;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: parse_peer DIR");
        std::process::exit(2);
    };
    let Ok(listing) = std::fs::read_dir(&dir) else {
        eprintln!("cannot read {dir}");
        std::process::exit(2);
    };
    let files: Vec<_> = listing.filter_map(Result::ok).map(|e| e.path()).collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build();
    let Ok(pool) = pool else {
        std::process::exit(2)
    };
    let invalid: usize = pool.install(|| {
        files
            .par_iter()
            .filter(|path| {
                let Ok(bytes) = std::fs::read(path) else {
                    return true;
                };
                serde_json::from_slice::<serde_json::Value>(&bytes).is_err()
            })
            .count()
    });
    println!("{} files, {invalid} invalid", files.len());
}
