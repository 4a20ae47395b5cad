//! The web UI: server-rendered pages (maud escapes every interpolated string)
//! with a little script for the reader's details panel and the charts.

mod lists;
mod profile;
mod reader;

use std::sync::Arc;

use axum::Router;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Serialize;

use crate::{ApiError, AppState};

/// The pages' routes.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(lists::home))
        .route("/articles", get(lists::articles))
        .route("/articles/{id}", get(reader::page))
        .route("/actors", get(lists::actors))
        .route("/actors/{id}", get(profile::page))
        .route("/events", get(lists::events))
        .route("/disputes", get(lists::disputes))
        .route("/search", get(lists::search))
}

/// The page for a path no route has.
pub async fn not_found(uri: Uri) -> Response {
    error_page(&ApiError::NotFound(format!(
        "There is no page at {}.",
        uri.path()
    )))
}

/// Which section of the navigation a page belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Home,
    Articles,
    Actors,
    Events,
    Disputes,
}

/// The frame of every page: header with navigation and search, then `body`.
fn layout(title: &str, section: Section, query: &str, body: Markup) -> Markup {
    let nav = [
        (Section::Articles, "/articles", "Articles"),
        (Section::Actors, "/actors", "Actors"),
        (Section::Events, "/events", "Events"),
        (Section::Disputes, "/disputes", "Disputes"),
    ];
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · attest" }
                link rel="stylesheet" href="/static/app.css";
            }
            body {
                header.top {
                    a.brand href="/" class=@if section == Section::Home { "current" } { "attest" }
                    nav {
                        @for (s, href, label) in nav {
                            a href=(href) class=@if s == section { "current" } { (label) }
                        }
                    }
                    form.search action="/search" method="get" role="search" {
                        input type="search" name="q" value=(query) placeholder="Search articles, actors, statements" aria-label="Search";
                    }
                }
                main { (body) }
                script src="/static/app.js" {}
            }
        }
    }
}

/// An error as a page, with the API error's status.
pub(crate) fn error_page(error: &ApiError) -> Response {
    let (status, _) = error.status_and_code();
    let heading = if status == StatusCode::NOT_FOUND {
        "Not found"
    } else if status.is_client_error() {
        "That request did not work"
    } else {
        "Something went wrong"
    };
    let body = html! {
        section.empty {
            h1 { (heading) }
            p { (error.to_string()) }
            p { a href="/" { "Back to the overview" } }
        }
    };
    (status, layout(heading, Section::Home, "", body)).into_response()
}

/// A page or its error page.
fn respond(page: Result<Markup, ApiError>) -> Response {
    match page {
        Ok(markup) => markup.into_response(),
        Err(e) => error_page(&e),
    }
}

/// `value` as JSON safe to put inside a `<script>` element: `<` is written as
/// its escape, so no `</script>` can close the element early.
fn script_json<T: Serialize>(value: &T) -> Result<PreEscaped<String>, ApiError> {
    let json = serde_json::to_string(value).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(PreEscaped(json.replace('<', "\\u003c")))
}

/// The longest non-web address shown, in characters.
const SHOWN_ADDRESS_CHARS: usize = 200;

/// A link labelled `label` to `url` when it is a web address (`http` or
/// `https`); any other address (`javascript:`, `data:`, ...) could run script
/// when followed, so it is shown as text instead, shortened.
fn web_link(url: &str, label: &str) -> Markup {
    match web_address(url) {
        Some(href) => html! { a href=(href) rel="noopener noreferrer" { (label) } },
        None => {
            let mut shown: String = url.chars().take(SHOWN_ADDRESS_CHARS).collect();
            if shown.len() < url.len() {
                shown.push('…');
            }
            html! { span.address title="Not a web address, so not a link" { (shown) } }
        }
    }
}

/// `url` as a browser reads it (leading and trailing control characters and
/// spaces dropped, tabs and line breaks removed anywhere) when its scheme is
/// `http` or `https`, in any case; else `None`.
fn web_address(url: &str) -> Option<String> {
    let read: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = read.split_once(':')?;
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")).then_some(read)
}

/// An optional value, or a dash.
fn or_dash(value: Option<&str>) -> &str {
    value.filter(|v| !v.is_empty()).unwrap_or("—")
}

/// A link to a list with the same parameters but another offset.
fn pager(base: &str, params: &[(&str, String)], total: i64, limit: u32, offset: u32) -> Markup {
    let link = |offset: u32| {
        let mut pairs: Vec<String> = params
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        pairs.push(format!("offset={offset}"));
        format!("{base}?{}", pairs.join("&"))
    };
    let shown_to = (i64::from(offset) + i64::from(limit)).min(total);
    html! {
        nav.pager {
            span { @if total == 0 { "Nothing found" } @else { (offset + 1) "–" (shown_to) " of " (total) } }
            @if offset > 0 {
                a href=(link(offset.saturating_sub(limit))) { "← Previous" }
            }
            @if shown_to < total {
                a href=(link(offset + limit)) { "Next →" }
            }
        }
    }
}

/// Percent-encoding for a query-string value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A snippet whose matches are marked « and » as escaped HTML with `<mark>`.
fn snippet(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split(['«', '»']).enumerate() {
            @if i % 2 == 1 { mark { (part) } } @else { (part) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_scripts_cannot_close_the_element() {
        let json = script_json(&"</script><script>alert(1)</script>").unwrap();
        assert!(!json.0.contains('<'));
        let back: String = serde_json::from_str(&json.0).unwrap();
        assert_eq!(back, "</script><script>alert(1)</script>");
    }

    #[test]
    fn snippets_mark_matches_and_escape_the_rest() {
        let markup = snippet("a «<b>» c").into_string();
        assert_eq!(markup, "a <mark>&lt;b&gt;</mark> c");
    }

    #[test]
    fn only_web_addresses_become_links() {
        for url in [
            "https://example.org/a?b=c",
            "HTTP://example.org",
            " \u{1}https://example.org ",
        ] {
            assert!(web_address(url).is_some(), "{url:?}");
        }
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  \u{0}\u{1f}javascript:alert(1)",
            "java\tscript:alert(1)",
            "jav\na\rscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//example.org",
            "example.org/page",
            "ht tp://example.org",
            "",
        ] {
            assert_eq!(web_address(url), None, "{url:?}");
            let markup = web_link(url, "original").into_string();
            assert!(!markup.contains("href"), "{markup}");
        }
        assert_eq!(
            web_address("htt\tps://example.org/\n").as_deref(),
            Some("https://example.org/")
        );
        let shown = web_link(&format!("javascript:{}", "x".repeat(500)), "original");
        assert!(shown.into_string().contains("x…</span>"));
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode("Taliban & co/2"), "Taliban%20%26%20co%2F2");
    }
}
