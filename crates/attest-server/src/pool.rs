//! The state handlers share: read-only store connections, the one writer
//! (with the pipeline that analyses posted articles) when writes are enabled.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use attest::{Analysis, Pipeline};
use attest_store::{Outcome, Store, StoreError};
use tokio::sync::Semaphore;

use crate::{ApiError, Config};

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The store could not be opened.
    #[error("cannot open the store: {0}")]
    Store(#[from] StoreError),
    /// The models for `POST /api/articles` did not load.
    #[error("cannot load the pipeline: {0}")]
    Pipeline(String),
    /// The address could not be bound.
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    /// The server stopped with an error.
    #[error("server error: {0}")]
    Serve(std::io::Error),
}

/// What every handler can reach.
pub struct AppState {
    readers: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
    writer: Option<Arc<Writer>>,
    /// Set once the server is told to stop: running statements are
    /// interrupted and new requests refused.
    stopping: Arc<AtomicBool>,
    /// How long a request may run.
    timeout: Duration,
}

/// A store connection whose running statement stops at its deadline or when
/// the server stops.
struct Connection {
    store: Store,
    deadline: Deadline,
}

/// When the statements of one connection must stop (none between requests).
#[derive(Clone, Default)]
struct Deadline(Arc<Mutex<Option<Instant>>>);

impl Deadline {
    fn set(&self, at: Option<Instant>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = at;
    }

    fn passed(&self) -> bool {
        past(*self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// Whether `deadline` is set and has passed.
fn past(deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|at| Instant::now() >= at)
}

impl Connection {
    /// `store`, made to interrupt its statements at the deadline or when
    /// `stopping` is set.
    fn new(mut store: Store, stopping: &Arc<AtomicBool>) -> Result<Self, StoreError> {
        let deadline = Deadline::default();
        let (at, stopping) = (deadline.clone(), Arc::clone(stopping));
        store.interrupt_when(move || stopping.load(Ordering::Relaxed) || at.passed())?;
        Ok(Connection { store, deadline })
    }

    /// Run `f` on the store under `deadline`.
    fn run<T>(
        &mut self,
        deadline: Option<Instant>,
        f: impl FnOnce(&mut Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        if past(deadline) {
            return Err(ApiError::DeadlineExceeded);
        }
        self.deadline.set(deadline);
        let result = f(&mut self.store);
        self.deadline.set(None);
        result
    }
}

/// The write side: one connection, the pipeline, the token that unlocks it.
struct Writer {
    store: Mutex<Connection>,
    pipeline: Pipeline,
    token: String,
}

impl AppState {
    /// `config.readers` read-only connections to the store; with a token,
    /// first the writer (which creates and migrates the store) and the
    /// pipeline. Without one an existing store is never written, so a store
    /// this process cannot write is served all the same; a missing one is
    /// created empty.
    pub fn open(config: &Config) -> Result<AppState, StartError> {
        let stopping = Arc::new(AtomicBool::new(false));
        let store = match &config.token {
            Some(_) => Some(Store::open(&config.db)?),
            None if !config.db.exists() => {
                Store::open(&config.db)?;
                None
            }
            None => None,
        };
        let readers = (0..config.readers.max(1))
            .map(|_| Connection::new(Store::open_read_only(&config.db)?, &stopping))
            .collect::<Result<Vec<_>, _>>()?;
        let writer = match (&config.token, store) {
            (Some(token), Some(store)) => Some(Arc::new(Writer {
                store: Mutex::new(Connection::new(store, &stopping)?),
                pipeline: Pipeline::new().map_err(|e| StartError::Pipeline(e.to_string()))?,
                token: token.clone(),
            })),
            _ => None,
        };
        Ok(AppState {
            permits: Arc::new(Semaphore::new(readers.len())),
            readers: Mutex::new(readers),
            writer,
            stopping,
            timeout: config.request_timeout,
        })
    }

    /// How long a request may run.
    pub(crate) fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Stop: interrupt running statements and refuse new requests.
    pub(crate) fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
    }

    /// The error for a request stopped early, or refused: the deadline's,
    /// unless the server is stopping.
    fn stopped(&self, error: ApiError) -> ApiError {
        match error {
            ApiError::DeadlineExceeded if self.stopping.load(Ordering::SeqCst) => {
                ApiError::ShuttingDown
            }
            other => other,
        }
    }

    /// Run `f` with a read-only connection, on a blocking thread, within the
    /// request's deadline: waiting for a connection counts, and a statement
    /// still running at the deadline is interrupted.
    pub(crate) async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        if self.stopping.load(Ordering::SeqCst) {
            return Err(ApiError::ShuttingDown);
        }
        let deadline = crate::deadline::current();
        // The permit moves into the blocking task: if the request is dropped
        // (the client went away), the connection is still in use until the
        // task ends (at the deadline at the latest), and only then may
        // another request take it.
        let acquire = Arc::clone(&self.permits).acquire_owned();
        let permit = match deadline {
            Some(at) => tokio::time::timeout_at(at.into(), acquire)
                .await
                .map_err(|_| ApiError::DeadlineExceeded)?,
            None => acquire.await,
        }
        .map_err(|e| ApiError::Internal(e.to_string()))?;
        let state = Arc::clone(self);
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut connection = state
                .readers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop()
                .ok_or_else(|| ApiError::Internal("no free store connection".into()))?;
            let result = connection.run(deadline, |store| f(store));
            state
                .readers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(connection);
            result
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
        result.map_err(|e| self.stopped(e))
    }

    /// Whether `token` unlocks writes: an error when writes are disabled or
    /// the token is wrong.
    pub(crate) fn check_token(&self, token: Option<&str>) -> Result<(), ApiError> {
        let writer = self.writer.as_ref().ok_or(ApiError::ReadOnly)?;
        match token {
            Some(given) if same(given.as_bytes(), writer.token.as_bytes()) => Ok(()),
            _ => Err(ApiError::Unauthorized),
        }
    }

    /// Analyse `docs` and store them (skipping copies already stored), on a
    /// blocking thread; the outcome of each, in order. Past the request's
    /// deadline (checked before each article) or once the server is stopping,
    /// nothing is stored.
    pub(crate) async fn ingest(
        self: &Arc<Self>,
        docs: Vec<attest::Document>,
    ) -> Result<Vec<(String, Outcome)>, ApiError> {
        let writer = Arc::clone(self.writer.as_ref().ok_or(ApiError::ReadOnly)?);
        let deadline = crate::deadline::current();
        let state = Arc::clone(self);
        let result = tokio::task::spawn_blocking(move || {
            let mut analyses: Vec<Analysis> = Vec::with_capacity(docs.len());
            for doc in docs {
                if past(deadline) || state.stopping.load(Ordering::SeqCst) {
                    return Err(ApiError::DeadlineExceeded);
                }
                analyses.push(writer.pipeline.analyse(doc));
            }
            let outcomes = writer
                .store
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .run(deadline, |store| Ok(store.ingest(&analyses, false)?))?;
            Ok(analyses
                .into_iter()
                .map(|a| a.document.id)
                .zip(outcomes)
                .collect())
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
        result.map_err(|e| self.stopped(e))
    }
}

/// Byte strings compared in time that depends on their length only, so that
/// timing does not tell how much of a guessed token was right.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"secret", b"secret"));
        assert!(!same(b"secret", b"secreT"));
        assert!(!same(b"secret", b"secret2"));
        assert!(!same(b"", b"x"));
    }
}
