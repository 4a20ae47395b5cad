//! Waiting for other writers.
//!
//! SQLite lets one connection write at a time. A write transaction begins
//! `IMMEDIATE`, taking the write lock before it reads anything, so that a
//! writer that finds the lock taken waits in SQLite's busy handler (up to
//! [`BUSY_TIMEOUT`]) instead of failing at once: a deferred transaction that
//! read first and then tried to write after another writer committed would get
//! `SQLITE_BUSY` without waiting, since its snapshot is stale. What still comes
//! back busy or locked (a writer holding the lock longer than the timeout, a
//! WAL recovery, a journal-mode change racing another opener) is retried here,
//! with back-off, until [`PATIENCE`] runs out.

use std::time::{Duration, Instant};

use rusqlite::ErrorCode;

use crate::StoreError;

/// How long SQLite's busy handler waits for a lock within one attempt.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a write keeps retrying before it reports the store locked: long
/// enough for another process to commit any batch or migration of normal size.
pub(crate) const PATIENCE: Duration = Duration::from_secs(120);

/// The longest pause between attempts.
const MAX_PAUSE: Duration = Duration::from_secs(1);

/// Whether SQLite refused because another connection holds a lock.
pub(crate) fn is_busy(error: &StoreError) -> bool {
    matches!(
        error,
        StoreError::Sqlite(e) if matches!(
            e.sqlite_error_code(),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        )
    )
}

/// Run `attempt` until it succeeds, fails other than busy, or `patience` has
/// passed (then the store is reported [`StoreError::Locked`]). Each attempt
/// must be a whole transaction, rolled back when it fails, so that running it
/// again is safe.
pub(crate) fn retrying<T>(
    path: &std::path::Path,
    patience: Duration,
    mut attempt: impl FnMut() -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(10);
    loop {
        match attempt() {
            Err(e) if is_busy(&e) => {
                let waited = started.elapsed();
                if waited >= patience {
                    return Err(StoreError::Locked {
                        path: path.to_owned(),
                        waited,
                    });
                }
                std::thread::sleep(jitter(pause));
                pause = (pause * 2).min(MAX_PAUSE);
            }
            other => return other,
        }
    }
}

/// `pause` stretched by up to half again, so that writers that collided do not
/// wake together and collide again. The clock's nanoseconds are random enough.
fn jitter(pause: Duration) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    pause + pause.mul_f64(f64::from(nanos % 1000) / 2000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::path::Path;

    fn busy() -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        ))
    }

    #[test]
    fn busy_attempts_are_retried_until_one_succeeds() {
        let calls = Cell::new(0);
        let result = retrying(Path::new("a.db"), Duration::from_secs(60), || {
            calls.set(calls.get() + 1);
            if calls.get() < 4 { Err(busy()) } else { Ok(7) }
        });
        assert_eq!(result.unwrap(), 7);
        assert_eq!(calls.get(), 4);
    }

    #[test]
    fn other_errors_are_not_retried() {
        let calls = Cell::new(0);
        let result: Result<(), _> = retrying(Path::new("a.db"), Duration::from_secs(60), || {
            calls.set(calls.get() + 1);
            Err(StoreError::Corrupt("x".into()))
        });
        assert!(matches!(result, Err(StoreError::Corrupt(_))));
        assert_eq!(calls.get(), 1);
    }

    #[test]
    fn a_lock_held_past_the_patience_is_reported_with_the_file() {
        let result: Result<(), _> =
            retrying(Path::new("a.db"), Duration::from_millis(30), || Err(busy()));
        match result {
            Err(StoreError::Locked { path, waited }) => {
                assert_eq!(path, Path::new("a.db"));
                assert!(waited >= Duration::from_millis(30));
            }
            other => panic!("{other:?}"),
        }
    }
}
