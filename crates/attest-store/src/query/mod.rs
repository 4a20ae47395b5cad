//! The typed query API over the stored records: filters with optional fields,
//! pages of results. Every statement is fixed text with parameters; a filter
//! left out binds NULL and the `(?n IS NULL OR ...)` test lets every row pass.
//!
//! Dates are ISO 8601 strings and compare as text: `from = "2021-08-01"` keeps
//! `2021-08-15` and drops `2021-07-30` (and the month-only `2021-08`, which
//! sorts before the first of its month).

mod actors;
mod aggregate;
mod articles;
mod records;
mod text;

use serde::{Deserialize, Serialize};

pub use actors::{ActorProfile, ActorSummary, CodeSpan, TimelinePoint};
pub use aggregate::{ActorLink, MAX_LINKS};
pub use articles::ArticleSummary;
pub use records::{AttributionRow, DisputeRow, EventRow, StoredJson};
pub use text::{MAX_QUERY_BYTES, MAX_QUERY_TERMS, check_full_text, check_length};

/// Results per page when a filter does not say.
pub const DEFAULT_PAGE: u32 = 50;
/// The most results one page holds, whatever a filter asks.
pub const MAX_PAGE: u32 = 200;

/// One page of results and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paged<T> {
    /// Rows matching the filter, over all pages.
    pub total: i64,
    /// The page size used (after capping).
    pub limit: u32,
    /// Rows skipped before this page.
    pub offset: u32,
    /// This page's rows.
    pub items: Vec<T>,
}

/// Where a page starts and how long it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub struct Page {
    /// Page size, at most [`MAX_PAGE`] (default [`DEFAULT_PAGE`]).
    pub limit: Option<u32>,
    /// Rows to skip.
    pub offset: Option<u32>,
}

impl Page {
    /// The page size used: the asked one capped to 1..=[`MAX_PAGE`].
    pub fn limit(self) -> u32 {
        self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
    }

    /// Rows to skip.
    pub fn offset(self) -> u32 {
        self.offset.unwrap_or(0)
    }

    fn paged<T>(self, total: i64, items: Vec<T>) -> Paged<T> {
        Paged {
            total,
            limit: self.limit(),
            offset: self.offset(),
            items,
        }
    }
}

/// Which articles to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ArticleFilter {
    /// Full-text query (FTS5 syntax); results then come best first with a snippet.
    pub q: Option<String>,
    /// Published on or after this date.
    pub from: Option<String>,
    /// Published on or before this date.
    pub to: Option<String>,
    /// Outlet (case-insensitive, exact).
    pub source: Option<String>,
    /// Articles mentioning this actor.
    pub actor: Option<i64>,
}

/// Which actors to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ActorFilter {
    /// Part of the canonical name, or a whole name or alias an article used
    /// for the actor (case-insensitive).
    pub q: Option<String>,
    /// Kind of actor ("person", "armed group", ...).
    pub kind: Option<String>,
}

/// Which attributions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct AttributionFilter {
    /// Speaker actor.
    pub speaker: Option<i64>,
    /// An actor in the `via` chain.
    pub via: Option<i64>,
    /// Words the content contains (case-insensitive substring).
    pub q: Option<String>,
    /// On or after this date.
    pub from: Option<String>,
    /// On or before this date.
    pub to: Option<String>,
    /// One article, by document id.
    pub article: Option<String>,
}

/// Which events to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct EventFilter {
    /// Actor as source or as target.
    pub actor: Option<i64>,
    /// Actor as source.
    pub source: Option<i64>,
    /// Actor as target.
    pub target: Option<i64>,
    /// CAMEO root, two digits ("19").
    pub root: Option<String>,
    /// PLOVER type ("ASSAULT"), case-insensitive.
    pub plover: Option<String>,
    /// asserted, intended, planned, hypothetical, negated or historical.
    pub modality: Option<String>,
    /// On or after this date.
    pub from: Option<String>,
    /// On or before this date.
    pub to: Option<String>,
    /// Place name (case-insensitive, exact).
    pub place: Option<String>,
    /// One article, by document id.
    pub article: Option<String>,
}

#[cfg(test)]
mod tests;
