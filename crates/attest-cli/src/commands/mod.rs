//! One module a subcommand. Each returns the exit status: failure only when
//! nothing could be done.

pub mod bench;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod search;
pub mod serve;
pub mod stats;
pub mod train;

use std::path::Path;

use anyhow::{Context, bail};
use attest_store::Store;

/// An existing store; searching or counting a store that is not there is an
/// error, not a reason to create an empty one.
fn open_existing(path: &Path) -> anyhow::Result<Store> {
    if !path.exists() {
        bail!(
            "no database at {} (create one with `attest ingest PATH --db {}`)",
            path.display(),
            path.display()
        );
    }
    Store::open(path).with_context(|| format!("cannot open {}", path.display()))
}
