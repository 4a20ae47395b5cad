//! The HTTP API and web UI of attest, over a store.
//!
//! [`router`] builds the whole application (JSON API under `/api`, HTML pages
//! elsewhere, embedded assets under `/static`) on an [`AppState`]; [`serve`]
//! binds an address and runs it until Ctrl-C. Store calls are blocking SQLite
//! work, so handlers run them on tokio's blocking threads through a small pool
//! of read-only connections (WAL lets them read while the one writer writes).

mod api;
mod assets;
mod error;
mod params;
mod pool;
mod ui;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;

pub use error::ApiError;
pub use pool::{AppState, StartError};

/// The largest request body accepted (`POST /api/articles`), in bytes.
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store's database file (created and migrated if needed).
    pub db: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// Bearer token that enables `POST /api/articles`; without one the server
    /// only reads.
    pub token: Option<String>,
    /// Read-only connections to the store.
    pub readers: usize,
}

/// The application: API, pages and assets.
pub fn router(state: AppState) -> Router {
    let state = Arc::new(state);
    Router::new()
        .nest("/api", api::routes())
        .merge(ui::routes())
        .merge(assets::routes())
        .fallback(ui::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// Open the store and bind `config.addr`: what [`run`] then serves. Binding
/// first lets a caller learn the port when `config.addr` asks for any (`:0`).
pub async fn bind(config: &Config) -> Result<(tokio::net::TcpListener, AppState), StartError> {
    let state = AppState::open(config)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| StartError::Bind(config.addr, e))?;
    Ok((listener, state))
}

/// Serve the application on `listener` until Ctrl-C.
pub async fn run(listener: tokio::net::TcpListener, state: AppState) -> Result<(), StartError> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            // A failed signal handler only means Ctrl-C ends the process the hard way.
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(StartError::Serve)
}

/// Open the store, bind `config.addr` and serve until Ctrl-C.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let (listener, state) = bind(&config).await?;
    run(listener, state).await
}
