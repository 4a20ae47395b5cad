//! One module a subcommand. Each returns the exit status: failure only when
//! nothing could be done.

pub mod bench;
pub mod check;
pub mod eval;
pub mod export;
pub mod extract;
pub mod help;
pub mod ingest;
pub mod search;
pub mod serve;
pub mod stats;
pub mod train;

use std::path::Path;

use anyhow::bail;
use attest_store::{Store, StoreError};

/// An existing store, opened read-only: the commands that only read never
/// write to it (nor migrate it), so they work on a store they cannot write.
/// Searching or counting a store that is not there is an error, not a reason
/// to create an empty one.
fn open_existing(path: &Path) -> anyhow::Result<Store> {
    if !path.exists() {
        bail!(
            "no database at {} (create one with `attest ingest PATH --db {}`)",
            path.display(),
            path.display()
        );
    }
    Store::open_read_only(path).map_err(|e| opening(e, path))
}

/// An error met opening the store at `path`, saying which file it is once.
fn opening(error: StoreError, path: &Path) -> anyhow::Error {
    let error = error.in_file(path);
    if error.path().is_some() {
        error.into()
    } else {
        anyhow::Error::new(error).context(format!("cannot open {}", path.display()))
    }
}

/// An error of a store call, with the database file named where it matters
/// (damage, read-only, locked).
fn in_store(error: StoreError, path: &Path) -> anyhow::Error {
    error.in_file(path).into()
}
