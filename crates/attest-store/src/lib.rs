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
mod ingest;
mod interrupt;
mod passages;
pub mod query;
mod records;
mod schema;
mod search;
mod stats;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use articles::StoredArticle;
pub use ingest::{Outcome, Presence};
pub use query::{
    ActorFilter, ActorLink, ActorProfile, ActorSummary, ArticleFilter, ArticleSummary,
    AttributionFilter, AttributionRow, DisputeRow, EventFilter, EventRow, Page, Paged,
};
pub use schema::SCHEMA_VERSION;
pub use search::SearchHit;
pub use stats::Stats;

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The file exists but is not an attest database.
    #[error("{0} is not a SQLite database")]
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
}

/// An open store.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Open (creating if needed) the store at `path` and bring its schema up
    /// to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        Store::prepare(conn).map_err(|e| match e {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                StoreError::NotADatabase(path.to_owned())
            }
            other => other,
        })
    }

    /// Open an existing store without writing to it.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let found = schema::version(&conn)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(Store { conn })
    }

    /// A store that lives in memory only (for tests and one-off analyses).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::prepare(Connection::open_in_memory()?)
    }

    fn prepare(mut conn: Connection) -> Result<Store, StoreError> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::version(&self.conn)
    }

    /// SQLite's own consistency check and the full-text index's: `Ok(())` or
    /// the problems found.
    pub fn check_integrity(&self) -> Result<(), StoreError> {
        let report: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if report != "ok" {
            return Err(StoreError::Corrupt(report));
        }
        self.conn.execute(
            "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )?;
        Ok(())
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
