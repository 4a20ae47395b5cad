//! The actor page: who the actor is, its codes over time, a timeline of its
//! events by type, what it said, what it did and what was done to it.

use std::sync::Arc;

use attest_store::ActorProfile;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::html;
use serde_json::json;

use super::lists::{event_table, statement_card};
use super::{Section, layout, or_dash, respond, script_json};
use crate::{ApiError, AppState};

/// `GET /actors/{id}`.
pub async fn page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let missing = || ApiError::NotFound(format!("No actor has the id “{id}”."));
    let found = match id.parse::<i64>() {
        Err(_) => Err(missing()),
        Ok(number) => state
            .read(move |s| Ok(s.actor(number)?))
            .await
            .and_then(|p| p.ok_or_else(missing)),
    };
    respond(found.and_then(|profile| render(&profile)))
}

fn render(p: &ActorProfile) -> Result<maud::Markup, ApiError> {
    let a = &p.actor;
    let chart = json!({ "timeline": p.timeline });
    let body = html! {
        header.profile {
            h1 { (a.name) }
            p.meta {
                span.kind { (a.kind) }
                @if let Some(code) = &a.code { " · " span.code { (code) } }
                @if !p.roles.is_empty() { " · " (p.roles.join(", ")) }
            }
            ul.figures {
                li { strong { (a.articles) } span { a href={"/articles?actor=" (a.id)} { "articles" } } }
                li { strong { (a.events) } span { a href={"/events?actor=" (a.id)} { "events" } } }
                li { strong { (a.attributions) } span { "statements" } }
            }
        }
        div.columns {
            section {
                h2 { "Codes over time" }
                table.data {
                    thead { tr { th { "Code" } th { "From" } th { "To" } th.num { "Articles" } } }
                    tbody { @for c in &p.codes { tr { td.code { (c.code) } td { (or_dash(c.first.as_deref())) } td { (or_dash(c.last.as_deref())) } td.num { (c.articles) } } } }
                }
                @if !p.aliases.is_empty() { h2 { "Also called" } p.aliases { (p.aliases.join(" · ")) } }
            }
            section { h2 { "Events by month and type" } div.chart { canvas #timeline aria-label="Events per month by type" {} } }
        }
        section #did { h2 { "What " (a.name) " did " span.count { (p.did.len()) } } (event_table(&p.did)) }
        section #done-to { h2 { "What was done to " (a.name) " " span.count { (p.done_to.len()) } } (event_table(&p.done_to)) }
        section #said {
            h2 { "What " (a.name) " said " span.count { (p.said.len()) } }
            @if p.said.is_empty() { p.hint { "No statements attributed to this actor." } }
            div.cards { @for s in &p.said { (statement_card(s, "said")) } }
        }
        script type="application/json" id="charts" { (script_json(&chart)?) }
        script src="/static/vendor/chart.umd.min.js" {}
    };
    Ok(layout(&a.name, Section::Actors, "", body))
}
