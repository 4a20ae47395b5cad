//! The JSON API under `/api`, described by `assets/openapi.json`.

use std::sync::Arc;

use attest_store::Outcome;
use axum::extract::{FromRequestParts, OriginalUri, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::params::Params;
use crate::{ApiError, AppState};

/// Shared state as handlers receive it.
pub type Shared = State<Arc<AppState>>;

/// The OpenAPI document of this API.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// The most articles one `POST /api/articles` may carry.
pub const MAX_POSTED: usize = 100;

/// The API's routes, relative to `/api`.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/articles", get(articles).post(post_articles))
        .route("/articles/{id}", get(article))
        .route("/actors", get(actors))
        .route("/actors/{id}", get(actor))
        .route("/attributions", get(attributions))
        .route("/events", get(events))
        .route("/events/timeline", get(event_timeline))
        .route("/events/network", get(event_network))
        .route("/disputes", get(disputes))
        .route("/stats", get(stats))
        .route("/openapi.json", get(openapi))
        .fallback(|OriginalUri(uri): OriginalUri| async move {
            ApiError::NoRoute(uri.path().to_owned())
        })
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let axum::extract::Query(pairs) =
            axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)?;
        Ok(Params::new(pairs))
    }
}

async fn articles(State(state): Shared, params: Params) -> Result<Response, ApiError> {
    let (filter, page) = (params.articles()?, params.page()?);
    let found = state.read(move |s| Ok(s.articles(&filter, page)?)).await?;
    Ok(Json(found).into_response())
}

async fn article(State(state): Shared, Path(id): Path<String>) -> Result<Response, ApiError> {
    let json = state
        .read(move |s| {
            s.article_json(&id)?
                .ok_or_else(|| ApiError::NotFound(format!("no article has id {id:?}")))
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

async fn actors(State(state): Shared, params: Params) -> Result<Response, ApiError> {
    let (filter, page) = (params.actors(), params.page()?);
    let found = state.read(move |s| Ok(s.actors(&filter, page)?)).await?;
    Ok(Json(found).into_response())
}

async fn actor(State(state): Shared, Path(id): Path<String>) -> Result<Response, ApiError> {
    let missing = || ApiError::NotFound(format!("no actor has id {id:?}"));
    let number: i64 = id.parse().map_err(|_| missing())?;
    let profile = state.read(move |s| Ok(s.actor(number)?)).await?;
    Ok(Json(profile.ok_or_else(missing)?).into_response())
}

async fn attributions(State(state): Shared, params: Params) -> Result<Response, ApiError> {
    let (filter, page) = (params.attributions()?, params.page()?);
    let found = state
        .read(move |s| Ok(s.attributions(&filter, page)?))
        .await?;
    Ok(Json(found).into_response())
}

async fn events(State(state): Shared, params: Params) -> Result<Response, ApiError> {
    let (filter, page) = (params.events()?, params.page()?);
    let found = state.read(move |s| Ok(s.events(&filter, page)?)).await?;
    Ok(Json(found).into_response())
}

async fn event_timeline(State(state): Shared, params: Params) -> Result<Response, ApiError> {
    let filter = params.events()?;
    let points = state.read(move |s| Ok(s.event_timeline(&filter)?)).await?;
    Ok(Json(json!({ "items": points })).into_response())
}

async fn event_network(State(state): Shared, params: Params) -> Result<Response, ApiError> {
    let filter = params.events()?;
    let links = state.read(move |s| Ok(s.event_links(&filter)?)).await?;
    Ok(Json(json!({ "items": links })).into_response())
}

async fn disputes(State(state): Shared, params: Params) -> Result<Response, ApiError> {
    let page = params.page()?;
    let found = state.read(move |s| Ok(s.disputes(page)?)).await?;
    Ok(Json(found).into_response())
}

async fn stats(State(state): Shared) -> Result<Response, ApiError> {
    let stats = state.read(|s| Ok(s.stats()?)).await?;
    Ok(Json(stats).into_response())
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// `POST /api/articles`: one article object or an array of them (contract
/// `document` fields; `text` required), analysed and stored.
async fn post_articles(
    State(state): Shared,
    headers: HeaderMap,
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    state.check_token(bearer(&headers))?;
    let Json(body) = body?;
    let docs = documents(body)?;
    let outcomes = state.ingest(docs).await?;
    let stored = outcomes.iter().any(|(_, o)| *o == Outcome::Stored);
    let items: Vec<Value> = outcomes
        .into_iter()
        .map(|(id, outcome)| json!({"id": id, "outcome": outcome_name(outcome)}))
        .collect();
    let status = if stored {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(json!({ "items": items }))).into_response())
}

/// The token of an `Authorization: Bearer TOKEN` header. The scheme's name
/// is case-insensitive (RFC 9110, 11.1), as `bearer` or `BEARER`.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once([' ', '\t'])?;
    let token = token.trim_start_matches([' ', '\t']);
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The documents of a posted body, or what is wrong with it.
fn documents(body: Value) -> Result<Vec<attest::Document>, ApiError> {
    let values = match body {
        Value::Array(values) => values,
        other => vec![other],
    };
    if values.is_empty() || values.len() > MAX_POSTED {
        return Err(ApiError::BadRequest(format!(
            "send between 1 and {MAX_POSTED} articles, not {}",
            values.len()
        )));
    }
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            attest::read::document_from_value(value)
                .map_err(|e| ApiError::BadRequest(format!("article {i}: {e}")))
        })
        .collect()
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Stored => "stored",
        Outcome::AlreadyPresent => "already_present",
        Outcome::Replaced => "replaced",
        Outcome::Conflict => "conflict",
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn token(value: &str) -> Option<String> {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(value).expect("a header value"),
        );
        bearer(&headers).map(str::to_owned)
    }

    #[test]
    fn the_bearer_scheme_is_case_insensitive() {
        for value in ["Bearer t0k", "bearer t0k", "BEARER  t0k", "bEaReR\tt0k"] {
            assert_eq!(token(value).as_deref(), Some("t0k"), "{value:?}");
        }
        for value in ["Basic t0k", "Bearer", "Bearer ", "Bearert0k", "t0k"] {
            assert_eq!(token(value), None, "{value:?}");
        }
    }
}
