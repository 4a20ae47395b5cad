//! The HTTP API and web UI of attest, over a store.
//!
//! [`router`] builds the whole application (JSON API under `/api`, HTML pages
//! elsewhere, embedded assets under `/static`) on an [`AppState`]; [`serve`]
//! binds an address and runs it until SIGINT or SIGTERM. Store calls are
//! blocking SQLite work, so handlers run them on tokio's blocking threads
//! through a small pool of read-only connections (WAL lets them read while the
//! one writer writes). Every request has a deadline (`deadline.rs`), at which
//! its store statement is interrupted.

mod api;
mod assets;
mod deadline;
mod error;
mod headers;
mod params;
mod pool;
mod ui;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, OriginalUri};
use axum::http::Method;

pub use error::ApiError;
pub use headers::CONTENT_SECURITY_POLICY;
pub use pool::{AppState, StartError};

/// The largest request body accepted (`POST /api/articles`), in bytes.
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;

/// How long a request may run unless the configuration says otherwise.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// How long requests still running when the server is told to stop may take
/// to finish (their store statements are interrupted at once, so this is for
/// sending their answers) before the server stops regardless.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

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
    /// How long a request may run before it is stopped (504).
    pub request_timeout: Duration,
}

/// The application: API, pages and assets, every request under a deadline,
/// every response with the security headers.
pub fn router(state: AppState) -> Router {
    router_for(Arc::new(state))
}

fn router_for(state: Arc<AppState>) -> Router {
    Router::new()
        .nest("/api", api::routes())
        .merge(ui::routes())
        .merge(assets::routes())
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(ui::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            deadline::limit,
        ))
        .layer(axum::middleware::map_response(headers::add))
        .with_state(state)
}

/// A known path asked with a method it does not have; the router adds the
/// `Allow` header.
async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::MethodNotAllowed(format!("{} does not take {method}", uri.path()))
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

/// Serve the application on `listener` until SIGINT (Ctrl-C) or SIGTERM; a
/// second signal ends the [`SHUTDOWN_GRACE`] at once.
pub async fn run(listener: tokio::net::TcpListener, state: AppState) -> Result<(), StartError> {
    tokio::select! {
        result = run_until(listener, state, stop_signal()) => result,
        () = async {
            stop_signal().await;
            stop_signal().await;
        } => Ok(()),
    }
}

/// Serve the application on `listener` until `stop` completes. Then new
/// connections are refused, running store statements interrupted (their
/// requests answer 503 `shutting_down`), and requests still not finished
/// after [`SHUTDOWN_GRACE`] are dropped.
pub async fn run_until(
    listener: tokio::net::TcpListener,
    state: AppState,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let state = Arc::new(state);
    let stopping = Arc::clone(&state);
    let (stopped, mut told) = tokio::sync::watch::channel(false);
    let signal = async move {
        stop.await;
        stopping.stop();
        let _ = stopped.send(true);
    };
    let app = router_for(state);
    let served = axum::serve(listener, app).with_graceful_shutdown(signal);
    tokio::select! {
        biased;
        result = served.into_future() => result.map_err(StartError::Serve),
        _ = async {
            let _ = told.wait_for(|stopped| *stopped).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => {
            tracing::warn!("requests still running {SHUTDOWN_GRACE:?} after the stop were dropped");
            Ok(())
        }
    }
}

/// SIGINT or (on Unix) SIGTERM. Where a handler cannot be installed, that
/// signal keeps its default action (the process ends at once).
async fn stop_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// Open the store, bind `config.addr` and serve until SIGINT or SIGTERM.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let (listener, state) = bind(&config).await?;
    run(listener, state).await
}
