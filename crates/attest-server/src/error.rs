//! The one error type of the API, and its JSON form:
//! `{"error": {"code": "...", "message": "..."}}` with a fitting status.

use attest_store::StoreError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// What a request can fail with. The `code` of each is stable: clients may
/// match on it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No record has this id (404 `not_found`).
    #[error("{0}")]
    NotFound(String),
    /// No route has this path (404 `no_such_route`).
    #[error("no such route: {0}")]
    NoRoute(String),
    /// A parameter or body is malformed (400 `bad_request`).
    #[error("{0}")]
    BadRequest(String),
    /// A text query is not valid FTS5 syntax (400 `invalid_query`).
    #[error("{0}")]
    InvalidQuery(String),
    /// The body is larger than the limit (413 `too_large`).
    #[error("{0}")]
    TooLarge(String),
    /// A write without the right bearer token (401 `unauthorized`).
    #[error("a valid bearer token is required")]
    Unauthorized,
    /// A write to a server started without `--token` (403 `read_only`).
    #[error("this server was started without --token; it does not accept writes")]
    ReadOnly,
    /// The path exists but not with this method (405 `method_not_allowed`; the
    /// response's `Allow` header lists the methods it has).
    #[error("{0}")]
    MethodNotAllowed(String),
    /// The request outlasted the server's deadline and was stopped, its store
    /// statement interrupted and nothing written (504 `deadline_exceeded`).
    #[error(
        "the request took longer than the server allows (attest serve --request-timeout) and was stopped; nothing was stored or changed"
    )]
    DeadlineExceeded,
    /// The server is stopping; the request was stopped or not started (503
    /// `shutting_down`).
    #[error("the server is shutting down; nothing was stored or changed")]
    ShuttingDown,
    /// Something broke on the server's side (500 `internal`).
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    /// The status and stable code of the error.
    pub fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::NoRoute(_) => (StatusCode::NOT_FOUND, "no_such_route"),
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            ApiError::InvalidQuery(_) => (StatusCode::BAD_REQUEST, "invalid_query"),
            ApiError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::ReadOnly => (StatusCode::FORBIDDEN, "read_only"),
            ApiError::MethodNotAllowed(_) => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            ApiError::DeadlineExceeded => (StatusCode::GATEWAY_TIMEOUT, "deadline_exceeded"),
            ApiError::ShuttingDown => (StatusCode::SERVICE_UNAVAILABLE, "shutting_down"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        match self {
            ApiError::DeadlineExceeded | ApiError::ShuttingDown => tracing::warn!("{self}"),
            _ if status.is_server_error() => tracing::error!("{self}"),
            _ => {}
        }
        let body = Json(json!({"error": {"code": code, "message": self.to_string()}}));
        (status, body).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::InvalidQuery { .. } => ApiError::InvalidQuery(e.to_string()),
            // Only the deadline or the shutdown stop a statement; `AppState`
            // tells which.
            _ if e.is_interrupted() => ApiError::DeadlineExceeded,
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(e: axum::extract::rejection::QueryRejection) -> Self {
        ApiError::BadRequest(e.body_text())
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(e: axum::extract::rejection::JsonRejection) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(format!(
                "the body is larger than {} bytes",
                crate::BODY_LIMIT
            ))
        } else {
            ApiError::BadRequest(e.body_text())
        }
    }
}
