//! Stopping a statement that runs too long. A connection given a condition
//! checks it every few thousand steps of SQLite's virtual machine while a
//! statement runs; once it holds, the statement fails with SQLite's
//! "interrupted" error, its transaction (if any) rolls back, and the
//! connection is as good as before for the next statement.

use std::os::raw::c_int;

use rusqlite::ErrorCode;

use crate::{Store, StoreError};

/// Virtual-machine steps between two checks: well under a millisecond of work.
const STEPS_BETWEEN_CHECKS: c_int = 1000;

impl Store {
    /// Check `stop` while statements run, and interrupt the running statement
    /// when it returns true (the error then answers
    /// [`StoreError::is_interrupted`]). It replaces any earlier condition.
    pub fn interrupt_when<F>(&mut self, stop: F) -> Result<(), StoreError>
    where
        F: FnMut() -> bool + Send + 'static,
    {
        self.conn
            .progress_handler(STEPS_BETWEEN_CHECKS, Some(stop))?;
        Ok(())
    }
}

impl StoreError {
    /// Whether a statement was stopped by the condition of
    /// [`Store::interrupt_when`].
    pub fn is_interrupted(&self) -> bool {
        matches!(self, StoreError::Sqlite(e) if e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use super::*;

    /// A statement that would count for minutes.
    fn count_far(store: &Store) -> Result<i64, StoreError> {
        Ok(store.conn.query_row(
            "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 10000000000)
             SELECT count(*) FROM c",
            [],
            |r| r.get(0),
        )?)
    }

    #[test]
    fn a_running_statement_stops_when_asked_and_the_connection_goes_on() {
        let mut store = Store::open_in_memory().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        store
            .interrupt_when(move || flag.load(Ordering::Relaxed))
            .unwrap();
        let asker = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            stop.store(true, Ordering::Relaxed);
            stop
        });
        let error = count_far(&store).unwrap_err();
        assert!(error.is_interrupted(), "{error}");
        let stop = asker.join().unwrap();
        stop.store(false, Ordering::Relaxed);
        assert_eq!(
            store.stats().unwrap().articles,
            0,
            "the connection still works"
        );
        assert!(!StoreError::Corrupt("x".into()).is_interrupted());
    }
}
