//! The embedded store: analysed articles in one SQLite file, with full-text
//! search.
//!
//! The database runs in WAL mode and every batch is written in one
//! transaction, so a process killed at any moment leaves a database that opens,
//! passes `PRAGMA integrity_check` and holds whole articles only. Ingest is
//! idempotent: an article is keyed by its document id, and a second copy (same
//! id, same [`Document::fingerprint`](attest::Document::fingerprint)) is
//! recognised and not stored again.

mod articles;
mod busy;
mod health;
mod ingest;
mod interrupt;
mod open;
mod passages;
pub mod query;
mod records;
mod schema;
mod search;
mod stats;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

pub use articles::StoredArticle;
pub use health::Check;
pub use ingest::{Outcome, Presence};
pub use query::{
    ActorFilter, ActorLink, ActorProfile, ActorSummary, ArticleFilter, ArticleSummary,
    AttributionFilter, AttributionRow, DisputeRow, EventFilter, EventRow, Page, Paged,
};
pub use schema::{READABLE_SINCE, SCHEMA_VERSION};
pub use search::SearchHit;
pub use stats::Stats;

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed. SQLite's message is the whole story: the error has no
    /// source, so that a chain of causes does not repeat it.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// The file exists but is not an attest database.
    #[error(
        "{} is not a SQLite database (if it was an attest store, its header is damaged: re-ingest the sources into a new database)",
        .0.display()
    )]
    NotADatabase(PathBuf),
    /// The database was written by a newer attest.
    #[error(
        "the database has schema version {found}, newer than this attest supports ({supported}); upgrade attest"
    )]
    NewerSchema {
        /// Version in the file.
        found: u32,
        /// Latest version this build knows.
        supported: u32,
    },
    /// A search query is not valid FTS5 syntax.
    #[error("invalid search query {query:?}: {message}")]
    InvalidQuery {
        /// The query as given.
        query: String,
        /// What SQLite objected to.
        message: String,
    },
    /// The integrity check found problems.
    #[error("integrity check failed: {0}")]
    Corrupt(String),
    /// A stored analysis does not parse.
    #[error("stored analysis does not parse: {0}")]
    Json(#[from] serde_json::Error),
    /// The database file is damaged: SQLite's checks or reads found it so.
    #[error(
        "{} is damaged ({detail}); attest does not write to a damaged store. `attest check --db {}` \
         reports the damage. To recover, ingest the sources again into a new database, or salvage \
         what SQLite can still read with `sqlite3 {} .recover | sqlite3 recovered.db`",
        path.display(), path.display(), path.display()
    )]
    Damaged {
        /// The database file.
        path: PathBuf,
        /// What SQLite found.
        detail: String,
    },
    /// A write to a store that cannot be written here.
    #[error(
        "{} is read-only here: the file, or its directory (where SQLite keeps the -wal and -shm \
         files beside it), cannot be written; reading commands (stats, search, export, check, serve \
         without --token) still work",
        .0.display()
    )]
    ReadOnly(PathBuf),
    /// Another process kept the write lock longer than a writer waits.
    #[error("{}", locked(path, *waited))]
    Locked {
        /// The database file.
        path: PathBuf,
        /// How long this writer waited (zero when it could not wait).
        waited: Duration,
    },
    /// A store at an older schema, opened by a command that does not write.
    #[error("{}", older_schema(path, *found))]
    OlderSchema {
        /// The database file.
        path: PathBuf,
        /// Version in the file.
        found: u32,
    },
    /// The file cannot be opened at all (missing, or an unreadable write-ahead log).
    #[error("cannot open {}: {detail}", path.display())]
    CannotOpen {
        /// The database file.
        path: PathBuf,
        /// Why.
        detail: String,
    },
}

fn locked(path: &Path, waited: Duration) -> String {
    let waited = match waited.as_secs() {
        0 => String::new(),
        secs => format!(" for {secs} s, as long as attest waits"),
    };
    format!(
        "{} is locked by another writer{waited}; try again when it has finished",
        path.display()
    )
}

fn older_schema(path: &Path, found: u32) -> String {
    let path = path.display();
    if found == 0 {
        return format!(
            "{path} holds no attest store yet (create one with `attest ingest PATH --db {path}`)"
        );
    }
    format!(
        "{path} has schema version {found}; this attest reads versions {READABLE_SINCE} to \
         {SCHEMA_VERSION}, and commands \
         that only read never upgrade a store: upgrade it by ingesting into it where it can be \
         written (`attest ingest SOURCES --db {path}`; articles already stored are not stored again)"
    )
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::Sqlite(error)
    }
}

impl StoreError {
    /// The error with the database file named where it matters: SQLite's
    /// damage, read-only, busy and open failures become the variants that say
    /// so. Other errors are returned as they are.
    pub fn in_file(self, path: &Path) -> StoreError {
        let StoreError::Sqlite(error) = &self else {
            return self;
        };
        let path = path.to_owned();
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
                path,
                detail: error.to_string(),
            },
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase(path),
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(path),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked {
                path,
                waited: Duration::ZERO,
            },
            Some(ErrorCode::CannotOpen) => StoreError::CannotOpen {
                path,
                detail: error.to_string(),
            },
            _ => self,
        }
    }

    /// The database file the error names, if it names one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            StoreError::NotADatabase(path) | StoreError::ReadOnly(path) => Some(path),
            StoreError::Damaged { path, .. }
            | StoreError::Locked { path, .. }
            | StoreError::OlderSchema { path, .. }
            | StoreError::CannotOpen { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// An open store.
pub struct Store {
    conn: Connection,
    /// The database file (`:memory:` for a store in memory), named in errors.
    path: PathBuf,
}

impl Store {
    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::version(&self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_a_database_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(
            &path,
            "these are plain notes, not a database at all, really".repeat(20),
        )
        .unwrap();
        match Store::open(&path) {
            Err(StoreError::NotADatabase(p)) => assert_eq!(p, path),
            Err(other) => panic!("unexpected error {other}"),
            Ok(_) => panic!("opened a text file as a database"),
        }
    }

    #[test]
    fn new_store_is_at_the_latest_schema_and_sound() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.db")).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        store.check_integrity().unwrap();
    }
}
