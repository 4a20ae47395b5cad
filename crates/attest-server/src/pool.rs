//! The state handlers share: read-only store connections, the one writer
//! (with the pipeline that analyses posted articles) when writes are enabled.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

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
    readers: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
    writer: Option<Arc<Writer>>,
}

/// The write side: one connection, the pipeline, the token that unlocks it.
struct Writer {
    store: Mutex<Store>,
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
        let store = match &config.token {
            Some(_) => Some(Store::open(&config.db)?),
            None if !config.db.exists() => {
                Store::open(&config.db)?;
                None
            }
            None => None,
        };
        let readers = (0..config.readers.max(1))
            .map(|_| Store::open_read_only(&config.db))
            .collect::<Result<Vec<_>, _>>()?;
        let writer = match (&config.token, store) {
            (Some(token), Some(store)) => Some(Arc::new(Writer {
                store: Mutex::new(store),
                pipeline: Pipeline::new().map_err(|e| StartError::Pipeline(e.to_string()))?,
                token: token.clone(),
            })),
            _ => None,
        };
        Ok(AppState {
            permits: Arc::new(Semaphore::new(readers.len())),
            readers: Mutex::new(readers),
            writer,
        })
    }

    /// Run `f` with a read-only connection, on a blocking thread.
    pub(crate) async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        // The permit moves into the blocking task: if the request is dropped
        // (the client went away), the connection is still in use until the
        // task ends, and only then may another request take it.
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let store = state
                .readers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop()
                .ok_or_else(|| ApiError::Internal("no free store connection".into()))?;
            let result = f(&store);
            state
                .readers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(store);
            result
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
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
    /// blocking thread; the outcome of each, in order.
    pub(crate) async fn ingest(
        &self,
        docs: Vec<attest::Document>,
    ) -> Result<Vec<(String, Outcome)>, ApiError> {
        let writer = Arc::clone(self.writer.as_ref().ok_or(ApiError::ReadOnly)?);
        tokio::task::spawn_blocking(move || {
            let analyses: Vec<Analysis> = docs
                .into_iter()
                .map(|doc| writer.pipeline.analyse(doc))
                .collect();
            let outcomes = writer
                .store
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .ingest(&analyses, false)?;
            Ok(analyses
                .into_iter()
                .map(|a| a.document.id)
                .zip(outcomes)
                .collect())
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
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
