//! The article reader: the text with entities, quotations (coloured by
//! speaker) and events highlighted, and a panel that tells what a highlight is.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use attest::Analysis;
use attest::contract::{Attribution, Entity};
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use serde::Serialize;

use super::{Section, layout, or_dash, respond, script_json, web_link};
use crate::{ApiError, AppState};

/// Distinct speaker colours before they repeat (the stylesheet's `s0`..`s7`).
const PALETTE: usize = 8;

/// `GET /articles/{id}`.
pub async fn page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    // Rendered on the blocking thread too: a long article takes a while, and
    // the async workers must stay free for other requests.
    let page = state
        .read(move |s| {
            let analysis = s
                .article(&id)?
                .ok_or_else(|| ApiError::NotFound(format!("No article has the id “{id}”.")))?;
            render(&analysis)
        })
        .await;
    respond(page)
}

/// What covers a stretch of text.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Quote(usize),
    Cue(usize),
    Event(usize),
    Entity(usize),
}

/// The reader page of one analysis.
fn render(a: &Analysis) -> Result<Markup, ApiError> {
    let colours = speaker_colours(&a.attributions);
    let view = RecordsView::new(a, &colours);
    let title = a
        .document
        .title
        .clone()
        .unwrap_or_else(|| a.document.id.clone());
    let body = html! {
        article.reader {
            div.reading {
                header.doc {
                    h1 { (title) }
                    p.meta {
                        span { (or_dash(a.document.source.as_deref())) }
                        " · " span { (a.document.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())) }
                        @if let Some(url) = &a.document.url { " · " (web_link(url, "original")) }
                        " · " a href={"/api/articles/" (super::encode(&a.document.id))} { "JSON" }
                    }
                    (legend(a, &colours))
                }
                div.text id="text" { (highlighted(a, &colours)) }
            }
            aside.side {
                section.details id="details" aria-live="polite" {
                    h2 { "Details" }
                    p.hint { "Point at or select a highlighted passage to see who said it, through whom, and how it is coded." }
                }
                (statements(a, &colours, &view))
                (events(a, &view))
            }
        }
        script type="application/json" id="records" { (script_json(&view)?) }
    };
    Ok(layout(&title, Section::Articles, "", body))
}

/// A colour slot for each speaker, in order of first statement; statements
/// without a resolved speaker share the last slot.
fn speaker_colours(attributions: &[Attribution]) -> HashMap<String, usize> {
    let mut colours = HashMap::new();
    for a in attributions {
        if let Some(speaker) = &a.speaker {
            let next = colours.len() % (PALETTE - 1);
            colours.entry(speaker.clone()).or_insert(next);
        }
    }
    colours
}

fn colour(attribution: &Attribution, colours: &HashMap<String, usize>) -> usize {
    attribution
        .speaker
        .as_ref()
        .and_then(|s| colours.get(s))
        .copied()
        .unwrap_or(PALETTE - 1)
}

/// The speakers and their colours.
fn legend(a: &Analysis, colours: &HashMap<String, usize>) -> Markup {
    let mut speakers: Vec<(&usize, &str)> = colours
        .iter()
        .filter_map(|(id, c)| a.entity(id).map(|e| (c, e.name.as_str())))
        .collect();
    speakers.sort();
    html! {
        ul.legend aria-label="Speakers" {
            @for (c, name) in speakers { li { span class={"swatch s" (c)} {} (name) } }
            li { span.swatch.ent-swatch {} "entity" }
            li { span.swatch.ev-swatch {} "event" }
        }
    }
}

/// The text cut at every span boundary; each piece carries the records
/// covering it as classes and data attributes. maud escapes every piece.
fn highlighted(a: &Analysis, colours: &HashMap<String, usize>) -> Markup {
    let text = a.document.text.as_str();
    let marks = marks(a, text);
    let mut cuts: BTreeSet<usize> = [0, text.len()].into();
    for (start, end, _) in &marks {
        cuts.insert(*start);
        cuts.insert(*end);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    html! {
        @for pair in cuts.windows(2) {
            @let (start, end) = (pair[0], pair[1]);
            @let piece = text.get(start..end).unwrap_or_default();
            @let covering: BTreeSet<Mark> = marks.iter().filter(|(s, e, _)| *s <= start && end <= *e).map(|m| m.2).collect();
            @if covering.is_empty() {
                (piece)
            } @else {
                (piece_markup(a, piece, &covering, colours))
            }
        }
    }
}

fn piece_markup(
    a: &Analysis,
    piece: &str,
    covering: &BTreeSet<Mark>,
    colours: &HashMap<String, usize>,
) -> Markup {
    let mut classes = vec!["hl".to_owned()];
    let (mut quotes, mut events, mut entities) = (Vec::new(), Vec::new(), Vec::new());
    for mark in covering {
        match *mark {
            Mark::Quote(i) => quotes.push(i),
            Mark::Cue(i) => {
                classes.push("cue".into());
                quotes.push(i);
            }
            Mark::Event(i) => events.push(a.events[i].id.as_str()),
            Mark::Entity(i) => entities.push(a.entities[i].id.as_str()),
        }
    }
    quotes.dedup();
    if let Some(&innermost) = quotes.last() {
        classes.push(format!(
            "q s{}",
            colour(&a.attributions[innermost], colours)
        ));
    }
    if !events.is_empty() {
        classes.push("ev".into());
    }
    if !entities.is_empty() {
        classes.push("ent".into());
    }
    let quote_ids: Vec<&str> = quotes
        .iter()
        .map(|&i| a.attributions[i].id.as_str())
        .collect();
    html! {
        span class=(classes.join(" ")) tabindex="0"
            data-a=[(!quote_ids.is_empty()).then(|| quote_ids.join(" "))]
            data-v=[(!events.is_empty()).then(|| events.join(" "))]
            data-e=[(!entities.is_empty()).then(|| entities.join(" "))] { (piece) }
    }
}

/// Every highlighted span with what it is; spans that do not slice the text
/// (which a valid analysis never has) are left out.
fn marks(a: &Analysis, text: &str) -> Vec<(usize, usize, Mark)> {
    let mut marks = Vec::new();
    let mut add = |start: usize, end: usize, mark: Mark| {
        if start < end && text.get(start..end).is_some() {
            marks.push((start, end, mark));
        }
    };
    for (i, attribution) in a.attributions.iter().enumerate() {
        for s in &attribution.content {
            add(s.start, s.end, Mark::Quote(i));
        }
        for s in &attribution.cue {
            add(s.start, s.end, Mark::Cue(i));
        }
    }
    for (i, event) in a.events.iter().enumerate() {
        for s in &event.evidence {
            add(s.start, s.end, Mark::Event(i));
        }
    }
    for (i, entity) in a.entities.iter().enumerate() {
        for m in &entity.mentions {
            add(m.span.start, m.span.end, Mark::Entity(i));
        }
    }
    marks
}

/// Every statement, by speaker colour, with its `via` chain.
fn statements(a: &Analysis, colours: &HashMap<String, usize>, view: &RecordsView) -> Markup {
    html! {
        section.statements {
            h2 { "Statements " span.count { (a.attributions.len()) } }
            @if a.attributions.is_empty() { p.hint { "No attributed statements found." } }
            ol {
                @for at in &a.attributions {
                    @let v = &view.attributions[at.id.as_str()];
                    li.statement data-a=(at.id) tabindex="0" {
                        span class={"swatch s" (colour(at, colours))} {}
                        strong { (or_dash(v.speaker.as_deref())) }
                        @if let Some(role) = &v.role { span.role { ", " (role) } }
                        @if !v.via.is_empty() { span.via { " via " (v.via.join(" → ")) } }
                        span.kind { (at.kind) }
                        p { (v.content) }
                    }
                }
            }
        }
    }
}

/// Every event, coded.
fn events(a: &Analysis, view: &RecordsView) -> Markup {
    html! {
        section.events {
            h2 { "Events " span.count { (a.events.len()) } }
            @if a.events.is_empty() { p.hint { "No events found." } }
            ol {
                @for e in &a.events {
                    @let v = &view.events[e.id.as_str()];
                    li.event data-v=(e.id) tabindex="0" {
                        strong { (v.source) } " → " (or_dash(v.target.as_deref()))
                        div.codes {
                            span.code { (e.cameo) } " " (e.cameo_name)
                            @if let Some(p) = &e.plover { " · " span.plover { (p) } }
                            " · " span.modality { (e.modality) }
                        }
                    }
                }
            }
        }
    }
}

/// What the details panel shows, keyed by record id (serialised into the page).
#[derive(Serialize)]
struct RecordsView {
    entities: BTreeMap<String, EntityView>,
    attributions: BTreeMap<String, AttributionView>,
    events: BTreeMap<String, EventView>,
}

#[derive(Serialize)]
struct EntityView {
    name: String,
    kind: String,
    code: Option<String>,
    role: Option<String>,
    affiliation: Option<String>,
}

#[derive(Serialize)]
struct AttributionView {
    speaker: Option<String>,
    role: Option<String>,
    kind: String,
    via: Vec<String>,
    cites: Vec<String>,
    cue: String,
    content: String,
    colour: usize,
    disputes: Vec<String>,
}

#[derive(Serialize)]
struct EventView {
    source: String,
    target: Option<String>,
    cameo: String,
    cameo_name: String,
    plover: Option<String>,
    plover_mode: Option<String>,
    modality: String,
    date: Option<String>,
    place: Option<String>,
    goldstein: Option<f64>,
    according_to: Option<String>,
    evidence: String,
}

impl RecordsView {
    fn new(a: &Analysis, colours: &HashMap<String, usize>) -> Self {
        let entity = |id: &str| a.entity(id);
        let name = |id: &str| a.name_of(id).map(str::to_owned);
        let names = |ids: &[String]| ids.iter().filter_map(|id| name(id)).collect::<Vec<_>>();
        let texts = |spans: &[attest::TextSpan]| {
            spans
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" … ")
        };
        let attributions = a
            .attributions
            .iter()
            .map(|at| {
                let speaker = at.speaker.as_deref().and_then(entity);
                let disputes = a
                    .disputes
                    .iter()
                    .filter(|d| d.by == at.id)
                    .flat_map(|d| d.against.iter().cloned())
                    .collect();
                let view = AttributionView {
                    speaker: speaker.map(|e| e.name.clone()),
                    role: speaker.and_then(|e: &Entity| e.role.clone()),
                    kind: at.kind.as_str().to_owned(),
                    via: names(&at.via),
                    cites: names(&at.cites),
                    cue: texts(&at.cue),
                    content: texts(&at.content),
                    colour: colour(at, colours),
                    disputes,
                };
                (at.id.clone(), view)
            })
            .collect();
        let events = a
            .events
            .iter()
            .map(|e| {
                let according_to = e.attribution.as_deref().and_then(|id| {
                    let at = a.attributions.iter().find(|at| at.id == id)?;
                    at.speaker.as_deref().and_then(name)
                });
                let view = EventView {
                    source: name(&e.source).unwrap_or_else(|| e.source.clone()),
                    target: e.target.as_deref().and_then(name),
                    cameo: e.cameo.clone(),
                    cameo_name: e.cameo_name.clone(),
                    plover: e.plover.clone(),
                    plover_mode: e.plover_mode.clone(),
                    modality: e.modality.as_str().to_owned(),
                    date: e.date.clone(),
                    place: e.place.as_deref().and_then(name),
                    goldstein: e.goldstein,
                    according_to,
                    evidence: texts(&e.evidence),
                };
                (e.id.clone(), view)
            })
            .collect();
        let entities = a
            .entities
            .iter()
            .map(|e| {
                let view = EntityView {
                    name: e.name.clone(),
                    kind: e.kind.as_str().to_owned(),
                    code: e.code.clone(),
                    role: e.role.clone(),
                    affiliation: e.affiliation.clone(),
                };
                (e.id.clone(), view)
            })
            .collect();
        RecordsView {
            entities,
            attributions,
            events,
        }
    }
}
