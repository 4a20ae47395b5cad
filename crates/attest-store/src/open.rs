//! Opening a store: for writing (created, checked, migrated) or for reading
//! only (nothing written, not even the schema).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, MAIN_DB, OpenFlags};

use crate::busy::{self, BUSY_TIMEOUT, PATIENCE};
use crate::schema::READABLE_SINCE;
use crate::{SCHEMA_VERSION, Store, StoreError, schema};

impl Store {
    /// Open (creating if needed) the store at `path` for writing: refuse it
    /// when it cannot be written or is damaged (`PRAGMA quick_check`), then
    /// bring its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let named = |e: StoreError| e.in_file(path);
        let conn = Connection::open(path).map_err(|e| named(e.into()))?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
        };
        // A file SQLite could only open for reading (no write permission, a
        // read-only mount) is said to be so now, not at the first write.
        if store.conn.is_readonly(MAIN_DB)? {
            return Err(StoreError::ReadOnly(path.to_owned()));
        }
        store.conn.busy_timeout(BUSY_TIMEOUT)?;
        busy::retrying(path, PATIENCE, || store.prepare()).map_err(named)?;
        Ok(store)
    }

    /// A store that lives in memory only (for tests and one-off analyses).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
        };
        store.prepare()?;
        Ok(store)
    }

    /// Settings, the damage check, then the migrations: a damaged store is
    /// never migrated or written.
    fn prepare(&mut self) -> Result<(), StoreError> {
        self.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        self.quick_check()?;
        schema::migrate(&mut self.conn)
    }

    /// Open an existing store without writing to it, its file, or its
    /// directory beyond what SQLite's WAL readers need (the `-shm` index).
    ///
    /// When that index cannot be created (a read-only directory or mount) and
    /// no write-ahead log holds changes, the file is opened `immutable`: read
    /// as it is, without locks. That is only safe while nobody writes it, which
    /// holds for the case it serves: a store nobody here can write, whose last
    /// writer has finished (SQLite removes or empties the log when the last
    /// writer closes). Reading never migrates: a store older than this build
    /// can read ([`READABLE_SINCE`]) is refused.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let store = match Store::connect_read_only(path, false) {
            Err(e) if index_unavailable(&e) && log_has_changes(path) => {
                return Err(unmerged_log(path));
            }
            Err(e) if index_unavailable(&e) => Store::connect_read_only(path, true),
            other => other,
        }
        .map_err(|e| e.in_file(path))?;
        match store.schema_version()? {
            found if found > SCHEMA_VERSION => Err(StoreError::NewerSchema {
                found,
                supported: SCHEMA_VERSION,
            }),
            found if found < READABLE_SINCE => Err(StoreError::OlderSchema {
                path: path.to_owned(),
                found,
            }),
            _ => Ok(store),
        }
    }

    /// A read-only connection that has read the header (the first read is
    /// where SQLite maps the WAL index, or finds that it cannot).
    fn connect_read_only(path: &Path, immutable: bool) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if immutable {
            Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)?
        } else {
            Connection::open_with_flags(path, flags)?
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let store = Store {
            conn,
            path: path.to_owned(),
        };
        store.schema_version()?;
        Ok(store)
    }
}

/// Whether a read-only open failed for want of the WAL index (`-shm`): SQLite
/// says read-only (`READONLY_DIRECTORY`, `READONLY_CANTINIT`, ...) or cannot
/// open.
fn index_unavailable(error: &StoreError) -> bool {
    matches!(
        error,
        StoreError::Sqlite(e) if matches!(
            e.sqlite_error_code(),
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
        )
    )
}

/// Whether the write-ahead log beside `path` holds frames (changes not yet
/// merged into the file), which an immutable open would not see.
fn log_has_changes(path: &Path) -> bool {
    std::fs::metadata(sibling(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

fn unmerged_log(path: &Path) -> StoreError {
    let wal = sibling(path, "-wal");
    let shm = sibling(path, "-shm");
    StoreError::CannotOpen {
        path: path.to_owned(),
        detail: format!(
            "its write-ahead log {} holds changes not yet merged into it, and reading them needs \
             {} beside it, which cannot be created here (a read-only directory or mount); open it \
             once where it can be written (any `attest ingest` into it merges the log), or copy the \
             file with its -wal file to a writable directory",
            wal.display(),
            shm.display()
        ),
    }
}

/// `path` with `suffix` appended to its file name (`news.db` -> `news.db-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A `file:` URI that opens `path` immutable. Every byte outside the
/// unreserved set is percent-encoded, so that `?`, `#` and `%` in a file name
/// stay part of it.
fn immutable_uri(path: &Path) -> String {
    // On Unix these are the file name's own bytes (not necessarily UTF-8).
    let bytes = path.as_os_str().as_encoded_bytes();
    let separator = |b: u8| b == b'/' || (cfg!(windows) && b == b'\\');
    let mut uri = String::from("file:");
    if bytes.first().copied().is_some_and(separator) {
        uri.push_str("//");
    } else if path.is_absolute() {
        uri.push_str("///"); // a Windows drive path: file:///C:/...
    }
    for &byte in bytes {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b':' => {
                uri.push(char::from(byte));
            }
            b if separator(b) => uri.push('/'),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn immutable_uris_keep_odd_file_names_whole() {
        assert_eq!(
            immutable_uri(Path::new("/tmp/a b?#%.db")),
            "file:///tmp/a%20b%3F%23%25.db?immutable=1"
        );
        assert_eq!(
            immutable_uri(Path::new("rel/news.db")),
            "file:rel/news.db?immutable=1"
        );
    }

    #[test]
    fn siblings_append_to_the_file_name() {
        assert_eq!(
            sibling(Path::new("dir/news.db"), "-wal"),
            Path::new("dir/news.db-wal")
        );
    }

    #[test]
    fn a_write_through_a_read_only_store_says_the_file_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        drop(Store::open(&path).unwrap());
        let mut store = Store::open_read_only(&path).unwrap();
        let mut doc = attest::Document::from_text("It rained.");
        doc.id = "a".into();
        let analysis = attest::Pipeline::segmenter_only().analyse(doc);
        match store.ingest(&[analysis], false) {
            Err(StoreError::ReadOnly(p)) => assert_eq!(p, path),
            other => panic!("{other:?}"),
        }
    }
}
