//! The versioned schema and its migrations.
//!
//! The schema version lives in SQLite's `user_version` header field. Each
//! migration runs in its own transaction together with the version bump, so a
//! database is always at exactly one version, whatever happens mid-way.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::StoreError;

/// Rust that fills new tables from what is stored, inside the migration's transaction.
type Backfill = fn(&Transaction) -> Result<(), StoreError>;

/// One schema step: its SQL, then (in the same transaction) Rust that fills
/// what the SQL created from data already stored.
struct Migration {
    sql: &'static str,
    backfill: Option<Backfill>,
}

/// Migrations in order; the schema version is the number applied.
const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: ARTICLES,
        backfill: None,
    },
    Migration {
        sql: RECORDS,
        backfill: Some(crate::records::backfill),
    },
    Migration {
        sql: PASSAGES,
        backfill: Some(crate::passages::backfill),
    },
];

/// 1: articles with their contract JSON, and full-text search over them.
const ARTICLES: &str = r#"
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        fingerprint TEXT NOT NULL,
        date TEXT,
        source TEXT,
        url TEXT,
        title TEXT,
        text TEXT NOT NULL,
        sentences INTEGER NOT NULL,
        analysis TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_by_date ON articles(date);
    CREATE INDEX articles_by_source ON articles(source);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text,
        content = 'articles', content_rowid = 'rowid',
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    "#;

/// 2: the records of every article as rows, for queries by actor, code, date
/// and place. Rows go with their article (`ON DELETE CASCADE`); actors are
/// shared across articles, keyed by their canonical name.
const RECORDS: &str = r#"
    CREATE TABLE actors (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL
    );
    CREATE INDEX actors_by_name ON actors(name COLLATE NOCASE);

    CREATE TABLE entities (
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        rid TEXT NOT NULL,
        actor INTEGER NOT NULL REFERENCES actors(id),
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        code TEXT,
        role TEXT,
        affiliation TEXT,
        country TEXT,
        date TEXT,
        PRIMARY KEY (article, rid)
    ) WITHOUT ROWID;
    CREATE INDEX entities_by_actor ON entities(actor, date);

    CREATE TABLE mentions (
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        actor INTEGER NOT NULL REFERENCES actors(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        resolved_by TEXT NOT NULL
    );
    CREATE INDEX mentions_by_article ON mentions(article);
    CREATE INDEX mentions_by_actor ON mentions(actor, text);

    CREATE TABLE attributions (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        rid TEXT NOT NULL,
        kind TEXT NOT NULL,
        speaker INTEGER REFERENCES actors(id),
        speaker_name TEXT,
        role TEXT,
        via TEXT NOT NULL,
        cue TEXT NOT NULL,
        content TEXT NOT NULL,
        date TEXT,
        spans TEXT NOT NULL,
        UNIQUE (article, rid)
    );
    CREATE INDEX attributions_by_speaker ON attributions(speaker, date);
    CREATE INDEX attributions_by_date ON attributions(date);

    CREATE TABLE attribution_via (
        attribution INTEGER NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        actor INTEGER NOT NULL REFERENCES actors(id),
        PRIMARY KEY (attribution, position)
    ) WITHOUT ROWID;
    CREATE INDEX attribution_via_by_actor ON attribution_via(actor);

    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        rid TEXT NOT NULL,
        source INTEGER NOT NULL REFERENCES actors(id),
        source_name TEXT NOT NULL,
        source_code TEXT,
        target INTEGER REFERENCES actors(id),
        target_name TEXT,
        target_code TEXT,
        cameo TEXT NOT NULL,
        cameo_name TEXT NOT NULL,
        root TEXT NOT NULL,
        plover TEXT,
        plover_mode TEXT,
        goldstein REAL,
        quad_class INTEGER,
        modality TEXT NOT NULL,
        date TEXT,
        place TEXT,
        attribution TEXT,
        evidence TEXT NOT NULL,
        spans TEXT NOT NULL,
        UNIQUE (article, rid)
    );
    CREATE INDEX events_by_source ON events(source, date);
    CREATE INDEX events_by_target ON events(target, date);

    -- Each event under its source and its target, in the order an actor's
    -- events are listed, so that a page of them is read straight off the key.
    CREATE TABLE event_actors (
        actor INTEGER NOT NULL REFERENCES actors(id),
        undated INTEGER NOT NULL,
        date TEXT NOT NULL,
        article INTEGER NOT NULL,
        event INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        PRIMARY KEY (actor, undated, date DESC, article, event)
    ) WITHOUT ROWID;
    CREATE INDEX event_actors_by_event ON event_actors(event);
    CREATE INDEX events_by_root ON events(root, date);
    CREATE INDEX events_by_plover ON events(plover, date);
    CREATE INDEX events_by_date ON events(date);

    CREATE TABLE disputes (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        rid TEXT NOT NULL,
        by_rid TEXT NOT NULL,
        against TEXT NOT NULL,
        evidence TEXT NOT NULL,
        UNIQUE (article, rid)
    );
    "#;

/// 3: every article's text in passages of bounded length, indexed on their
/// own, where search snippets are made (`passages.rs`). The columns are those
/// of `articles_fts` (title always empty), so that a query valid for one is
/// valid for the other. Passages go with their article; the store never
/// updates an article's text in place, it replaces the article.
const PASSAGES: &str = r#"
    CREATE VIRTUAL TABLE passages_fts USING fts5(
        title, text,
        tokenize = 'porter unicode61 remove_diacritics 2',
        columnsize = 0
    );
    CREATE TRIGGER articles_passages_delete AFTER DELETE ON articles BEGIN
        DELETE FROM passages_fts
            WHERE rowid BETWEEN old.rowid * 1048576 AND old.rowid * 1048576 + 1048575;
    END;
    "#;

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The oldest version this build reads without upgrading it: version 3 only
/// added the passages, and a store without them has its snippets cut from
/// the articles (see `passages`). Version 1 lacks the record tables.
pub const READABLE_SINCE: u32 = 2;

/// The version a database is at.
pub fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Bring a database up to [`SCHEMA_VERSION`]. Each step takes the write lock
/// before it reads the version, so two processes opening a new database at
/// once apply each migration exactly once.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Bring a database up to `target` (tests build older databases with it).
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<(), StoreError> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found = version(&tx)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        let Some(migration) = MIGRATIONS.get(found as usize).filter(|_| found < target) else {
            return Ok(());
        };
        tx.execute_batch(migration.sql)?;
        if let Some(backfill) = migration.backfill {
            backfill(&tx)?;
        }
        tx.pragma_update(None, "user_version", found + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn records_of_articles_stored_at_version_1_are_backfilled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let mut conn = Connection::open(&path).unwrap();
        migrate_to(&mut conn, 1).unwrap();
        let analysis = crate::records::tests::sample_analysis();
        conn.execute(
            "INSERT INTO articles (id, fingerprint, text, sentences, analysis)
             VALUES (?1, 'f', ?2, 1, ?3)",
            rusqlite::params![
                analysis.document.id,
                analysis.document.text,
                serde_json::to_string(&analysis).unwrap()
            ],
        )
        .unwrap();
        drop(conn);
        let store = crate::Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let stats = store.stats().unwrap();
        assert_eq!(stats.events, 1);
        assert_eq!(stats.attributions, 1);
        assert!(stats.actors >= 2);
    }

    #[test]
    fn newer_databases_are_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(StoreError::NewerSchema { .. })
        ));
    }
}
