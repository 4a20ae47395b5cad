//! Every request runs against a deadline. The middleware sets it when the
//! request arrives; store work under it (`AppState::read`, `ingest`) stops at
//! the deadline by interrupting the SQLite statement, and the handler answers
//! 504 `deadline_exceeded` (an error page for pages). Work that cannot be
//! interrupted (a step inside SQLite's full-text code, the analysis of a
//! posted article) is cut off by the middleware a little later, so that the
//! client is answered in any case.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::{ApiError, AppState};

/// How long after the deadline the middleware answers for a handler that
/// has not (its work could not be interrupted; it goes on in the background
/// until it next checks the deadline).
const BACKSTOP: Duration = Duration::from_millis(500);

tokio::task_local! {
    static DEADLINE: Instant;
}

/// The deadline of the request being handled, if any.
pub(crate) fn current() -> Option<Instant> {
    DEADLINE.try_with(|at| *at).ok()
}

/// The middleware: the deadline for the request, and the answer for a
/// handler that outlives it.
pub(crate) async fn limit(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let deadline = Instant::now() + state.timeout();
    let page = !request.uri().path().starts_with("/api/");
    let handled = DEADLINE.scope(deadline, next.run(request));
    match tokio::time::timeout_at((deadline + BACKSTOP).into(), handled).await {
        Ok(response) => response,
        Err(_) if page => crate::ui::error_page(&ApiError::DeadlineExceeded),
        Err(_) => ApiError::DeadlineExceeded.into_response(),
    }
}
