//! The list pages: overview, articles, actors, the event explorer, disputes
//! and search over everything.

use std::sync::Arc;

use attest_store::query::check_full_text;
use attest_store::query::{
    ActorFilter, ArticleFilter, AttributionFilter, DisputeRow, EventRow, Page, Paged,
};
use attest_store::{ActorSummary, ArticleSummary, AttributionRow, StoreError};
use axum::extract::State;
use axum::response::Response;
use maud::{Markup, html};
use serde_json::json;

use super::{Section, encode, layout, or_dash, pager, respond, script_json, snippet};
use crate::params::{MODALITIES, Params};
use crate::{ApiError, AppState};

type Shared = State<Arc<AppState>>;

/// The PLOVER event types of the CAMEO table, for the explorer's filter.
fn plover_types() -> Vec<&'static str> {
    let mut types: Vec<&str> = attest::events::codes::CodeTable::embedded()
        .iter()
        .map(|c| c.plover_type.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    types.sort_unstable();
    types.dedup();
    types
}

/// `GET /`: what the store holds, the latest articles, the most present actors.
pub async fn home(State(state): Shared) -> Response {
    let found = state
        .read(|s| {
            let stats = s.stats()?;
            let latest = s.articles(
                &ArticleFilter::default(),
                Page {
                    limit: Some(8),
                    offset: None,
                },
            )?;
            let actors = s.actors(
                &ActorFilter::default(),
                Page {
                    limit: Some(12),
                    offset: None,
                },
            )?;
            Ok((stats, latest, actors))
        })
        .await;
    respond(found.map(|(stats, latest, actors)| {
        let figures = [
            ("articles", stats.articles),
            ("actors", stats.actors),
            ("statements", stats.attributions),
            ("events", stats.events),
            ("disputes", stats.disputes),
        ];
        let body = html! {
            section.overview {
                h1 { "Overview" }
                p.meta {
                    @match (&stats.first_date, &stats.last_date) {
                        (Some(first), Some(last)) => { "Articles dated " (first) " to " (last) }
                        _ => { "No dated articles yet." }
                    }
                }
                ul.figures { @for (label, n) in figures { li { strong { (n) } span { (label) } } } }
            }
            div.columns {
                section { h2 { "Latest articles" } (article_list(&latest.items)) p { a href="/articles" { "All articles →" } } }
                section { h2 { "Most present actors" } (actor_table(&actors.items)) p { a href="/actors" { "All actors →" } } }
            }
        };
        layout("Overview", Section::Home, "", body)
    }))
}

/// `GET /articles`: articles by words, dates, outlet and actor.
pub async fn articles(State(state): Shared, params: Result<Params, ApiError>) -> Response {
    let read = async {
        let params = params?;
        let (filter, page) = (params.articles()?, params.page()?);
        let keep = filter.clone();
        let found = state.read(move |s| Ok(s.articles(&filter, page)?)).await?;
        Ok((keep, found))
    };
    respond(read.await.map(|(filter, found)| {
        let q = filter.q.clone().unwrap_or_default();
        let kept = [
            ("q", q.clone()),
            ("from", filter.from.clone().unwrap_or_default()),
            ("to", filter.to.clone().unwrap_or_default()),
            ("source", filter.source.clone().unwrap_or_default()),
            ("actor", filter.actor.map(|a| a.to_string()).unwrap_or_default()),
        ];
        let body = html! {
            h1 { "Articles" }
            form.filters method="get" action="/articles" {
                label { "Words" input type="search" name="q" value=(q) placeholder="Taliban AND Kabul"; }
                label { "From" input type="date" name="from" value=(kept[1].1); }
                label { "To" input type="date" name="to" value=(kept[2].1); }
                label { "Outlet" input type="text" name="source" value=(kept[3].1); }
                input type="hidden" name="actor" value=(kept[4].1);
                button type="submit" { "Filter" }
            }
            (article_list(&found.items))
            (pager("/articles", &kept, found.total, found.limit, found.offset))
        };
        layout("Articles", Section::Articles, &q, body)
    }))
}

/// `GET /actors`: actors by name or alias.
pub async fn actors(State(state): Shared, params: Result<Params, ApiError>) -> Response {
    let read = async {
        let params = params?;
        let (filter, page) = (params.actors(), params.page()?);
        let keep = filter.clone();
        let found = state.read(move |s| Ok(s.actors(&filter, page)?)).await?;
        Ok((keep, found))
    };
    respond(read.await.map(|(filter, found)| {
        let q = filter.q.clone().unwrap_or_default();
        let kept = [("q", q.clone()), ("kind", filter.kind.clone().unwrap_or_default())];
        let body = html! {
            h1 { "Actors" }
            form.filters method="get" action="/actors" {
                label { "Name or alias" input type="search" name="q" value=(q) placeholder="Taliban"; }
                label { "Kind" input type="text" name="kind" value=(kept[1].1) placeholder="person, armed group, …"; }
                button type="submit" { "Find" }
            }
            (actor_table(&found.items))
            (pager("/actors", &kept, found.total, found.limit, found.offset))
        };
        layout("Actors", Section::Actors, &q, body)
    }))
}

/// `GET /events`: the event explorer: filters, a timeline by type, the network
/// of actors the events link, and the events themselves.
pub async fn events(State(state): Shared, params: Result<Params, ApiError>) -> Response {
    let read = async {
        let params = params?;
        let (filter, page) = (params.events()?, params.page()?);
        let keep = params.clone();
        let found = state
            .read(move |s| {
                let actor = match filter.actor {
                    Some(id) => s.actor(id)?.map(|p| p.actor.name),
                    None => None,
                };
                Ok((
                    s.events(&filter, page)?,
                    s.event_timeline(&filter)?,
                    s.event_links(&filter)?,
                    actor,
                ))
            })
            .await?;
        Ok((keep, found))
    };
    respond(read.await.and_then(|(params, (found, timeline, links, actor))| {
        let text = |name: &str| params.text(name).unwrap_or_default();
        let kept: Vec<(&str, String)> = ["actor", "root", "plover", "modality", "from", "to", "place"]
            .into_iter()
            .map(|k| (k, text(k)))
            .collect();
        let charts = json!({"timeline": timeline, "links": links});
        let body = html! {
            h1 { "Events" @if let Some(name) = &actor { " of " (name) } }
            form.filters #event-filters method="get" action="/events" {
                input type="hidden" name="actor" value=(text("actor"));
                label { "PLOVER type"
                    select name="plover" {
                        option value="" { "any" }
                        @for p in plover_types() { option value=(p) selected[text("plover") == p] { (p) } }
                    }
                }
                label { "CAMEO root" input type="text" name="root" value=(text("root")) size="3" placeholder="19"; }
                label { "Modality"
                    select name="modality" {
                        option value="" { "any" }
                        @for m in MODALITIES { option value=(m) selected[text("modality") == m] { (m) } }
                    }
                }
                label { "From" input type="date" name="from" value=(text("from")); }
                label { "To" input type="date" name="to" value=(text("to")); }
                label { "Place" input type="text" name="place" value=(text("place")); }
                button type="submit" { "Filter" }
                @if actor.is_some() { a.clear href="/events" { "all actors" } }
            }
            div.columns.charts {
                section { h2 { "Timeline" } div.chart { canvas #timeline aria-label="Events per month by type" {} } }
                section { h2 { "Network" } div #network aria-label="Actors linked by events" {} }
            }
            (event_table(&found.items))
            (pager("/events", &kept, found.total, found.limit, found.offset))
            script type="application/json" id="charts" { (script_json(&charts)?) }
            script src="/static/vendor/chart.umd.min.js" {}
            script src="/static/vendor/cytoscape.min.js" {}
        };
        Ok(layout("Events", Section::Events, "", body))
    }))
}

/// `GET /disputes`: each denial beside the statements it rejects.
pub async fn disputes(State(state): Shared, params: Result<Params, ApiError>) -> Response {
    let read = async {
        let page = params?.page()?;
        state.read(move |s| Ok(s.disputes(page)?)).await
    };
    respond(read.await.map(|found: Paged<DisputeRow>| {
        let body = html! {
            h1 { "Disputes" }
            p.meta { "A source that denies or contradicts others, beside what it rejects." }
            @for d in &found.items {
                section.dispute {
                    h3 { a href={"/articles/" (encode(&d.article))} { (d.by.article_title.as_deref().unwrap_or(&d.article)) } " " span.meta { (or_dash(d.by.date.as_deref())) } }
                    div.sides {
                        div.side.reports {
                            @for a in &d.against { (statement_card(a, "reports")) }
                        }
                        div.side.denies { (statement_card(&d.by, "denies")) p.evidence { "“" (d.evidence) "”" } }
                    }
                }
            }
            (pager("/disputes", &[], found.total, found.limit, found.offset))
        };
        layout("Disputes", Section::Disputes, "", body)
    }))
}

/// `GET /search`: articles, actors and statements matching words.
pub async fn search(State(state): Shared, params: Result<Params, ApiError>) -> Response {
    let read = async {
        let q = params?.text("q").unwrap_or_default();
        // Over the limits, no part of the page can be answered: a 400 page.
        check_full_text(&q)?;
        let query = q.clone();
        let found = state
            .read(move |s| {
                let few = Page {
                    limit: Some(10),
                    offset: None,
                };
                let actors = s.actors(
                    &ActorFilter {
                        q: Some(query.clone()),
                        kind: None,
                    },
                    few,
                )?;
                let statements = s.attributions(
                    &AttributionFilter {
                        q: Some(query.clone()),
                        ..AttributionFilter::default()
                    },
                    few,
                )?;
                // Words that are not valid FTS5 syntax still find actors and statements.
                let articles = s.articles(
                    &ArticleFilter {
                        q: Some(query),
                        ..ArticleFilter::default()
                    },
                    few,
                );
                let articles = match articles {
                    Ok(found) => Some(found),
                    Err(StoreError::InvalidQuery { .. }) => None,
                    Err(other) => return Err(other.into()),
                };
                Ok((articles, actors, statements))
            })
            .await?;
        Ok((q, found))
    };
    respond(read.await.map(|(q, (articles, actors, statements))| {
        let body = html! {
            h1 { "Search: " (q) }
            div.columns {
                section {
                    h2 { "Articles" }
                    @match &articles {
                        Some(found) => { (article_list(&found.items)) @if found.total > found.items.len() as i64 { p { a href={"/articles?q=" (encode(&q))} { "All " (found.total) " articles →" } } } }
                        None => { p.hint { "Not a valid full-text query; try plain words." } }
                    }
                }
                section {
                    h2 { "Actors" } (actor_table(&actors.items))
                    h2 { "Statements" }
                    @if statements.items.is_empty() { p.hint { "No statement contains these words." } }
                    @for a in &statements.items { (statement_card(a, "said")) }
                }
            }
        };
        layout(&format!("Search: {q}"), Section::Home, &q, body)
    }))
}

/// Articles as a list of cards.
fn article_list(items: &[ArticleSummary]) -> Markup {
    html! {
        @if items.is_empty() { p.hint { "No articles." } }
        ol.articles {
            @for a in items {
                li {
                    a.title href={"/articles/" (encode(&a.id))} { (a.title.as_deref().unwrap_or(&a.id)) }
                    p.meta { (or_dash(a.source.as_deref())) " · " (a.date.as_deref().unwrap_or("undated")) " · " (a.attributions) " statements · " (a.events) " events" }
                    p.snippet { (snippet(&a.snippet)) }
                }
            }
        }
    }
}

/// Actors as a table.
pub(super) fn actor_table(items: &[ActorSummary]) -> Markup {
    html! {
        @if items.is_empty() { p.hint { "No actors." } }
        @else {
            table.data {
                thead { tr { th { "Actor" } th { "Kind" } th { "Code" } th.num { "Articles" } th.num { "Events" } th.num { "Statements" } } }
                tbody {
                    @for a in items {
                        tr {
                            td { a href={"/actors/" (a.id)} { (a.name) } }
                            td { (a.kind) } td.code { (or_dash(a.code.as_deref())) }
                            td.num { (a.articles) } td.num { (a.events) } td.num { (a.attributions) }
                        }
                    }
                }
            }
        }
    }
}

/// Events as a table, with links to actors and articles.
pub(super) fn event_table(items: &[EventRow]) -> Markup {
    html! {
        @if items.is_empty() { p.hint { "No events." } }
        @else {
            table.data.events {
                thead { tr { th { "Date" } th { "Source" } th { "Action" } th { "PLOVER" } th { "Target" } th { "Modality" } th { "Evidence" } } }
                tbody {
                    @for e in items {
                        tr {
                            td.date { (or_dash(e.date.as_deref())) }
                            td { a href={"/actors/" (e.source)} { (e.source_name) } }
                            td { span.code { (e.cameo) } " " (e.cameo_name) }
                            td.plover { (or_dash(e.plover.as_deref())) }
                            td {
                                @match (e.target, &e.target_name) {
                                    (Some(id), Some(name)) => { a href={"/actors/" (id)} { (name) } }
                                    (None, Some(place)) => { (place) }
                                    _ => { "—" }
                                }
                            }
                            td { span class={"modality " (e.modality)} { (e.modality) } }
                            td.evidence { a href={"/articles/" (encode(&e.article))} { "“" (e.evidence) "”" } }
                        }
                    }
                }
            }
        }
    }
}

/// One statement: who, through whom, what.
pub(super) fn statement_card(a: &AttributionRow, verb: &str) -> Markup {
    html! {
        blockquote.statement-card {
            p.who {
                @match a.speaker { Some(id) => { a href={"/actors/" (id)} { (or_dash(a.speaker_name.as_deref())) } } None => { "Unnamed source" } }
                @if let Some(role) = &a.role { span.role { ", " (role) } }
                " " span.verb { (verb) }
                @if !a.via.is_empty() { span.via { " (via " (a.via.join(" → ")) ")" } }
            }
            p.content { (a.content) }
            p.meta { a href={"/articles/" (encode(&a.article))} { (a.article_title.as_deref().unwrap_or(&a.article)) } " · " (or_dash(a.date.as_deref())) }
        }
    }
}
