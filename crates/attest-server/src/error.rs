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
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if status.is_server_error() {
            tracing::error!("{self}");
        }
        let body = Json(json!({"error": {"code": code, "message": self.to_string()}}));
        (status, body).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::InvalidQuery { .. } => ApiError::InvalidQuery(e.to_string()),
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
