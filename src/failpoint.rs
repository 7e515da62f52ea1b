//! Failpoints for tests: `ICELIST_FAILPOINT=<name>` makes the process abort at the named step,
//! as a kill would, without running destructors or clean-up. Tests use them to show that
//! a run stopped between two steps leaves every file whole.
//!
//! They exist only in debug builds (what `cargo test` runs): in a release build the variable
//! does nothing, so a library user's process never aborts because of its environment.

/// Aborts the process here if `ICELIST_FAILPOINT` names this step (debug builds only).
#[cfg(debug_assertions)]
pub(crate) fn hit(name: &str) {
    if std::env::var_os("ICELIST_FAILPOINT").is_some_and(|set| set == name) {
        std::process::abort();
    }
}

#[cfg(not(debug_assertions))]
pub(crate) fn hit(_: &str) {}
