//! What a store holds.

use serde::Serialize;

use crate::{SCHEMA_VERSION, Store, StoreError};

/// Counts over the whole store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Schema version of the database.
    pub schema: u32,
    /// Articles stored.
    pub articles: i64,
    /// Sentences in them.
    pub sentences: i64,
    /// Characters of text (bytes of UTF-8).
    pub text_bytes: i64,
    /// Earliest publication date.
    pub first_date: Option<String>,
    /// Latest publication date.
    pub last_date: Option<String>,
    /// Articles without a date.
    pub undated: i64,
    /// Outlets with most articles, most first.
    pub sources: Vec<(String, i64)>,
    /// Actors mentioned (shared across articles).
    pub actors: i64,
    /// Attributions stored.
    pub attributions: i64,
    /// Events stored.
    pub events: i64,
    /// Disputes stored.
    pub disputes: i64,
    /// Size of the database file(s) in bytes.
    pub database_bytes: i64,
}

impl Store {
    /// Counts over the whole store.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let (articles, sentences, text_bytes, first_date, last_date, undated) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(sentences), 0), coalesce(sum(length(CAST(text AS BLOB))), 0),
                    min(date), max(date), count(*) - count(date)
             FROM articles",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )?;
        let sources = self
            .conn
            .prepare_cached(
                "SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL
                 GROUP BY source ORDER BY n DESC, source LIMIT 10",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        let (actors, attributions, events, disputes) = self.conn.query_row(
            "SELECT (SELECT count(DISTINCT actor) FROM entities), (SELECT count(*) FROM attributions),
                    (SELECT count(*) FROM events), (SELECT count(*) FROM disputes)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let database_bytes = self.conn.query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get(0),
        )?;
        Ok(Stats {
            schema: self.schema_version().unwrap_or(SCHEMA_VERSION),
            articles,
            sentences,
            text_bytes,
            first_date,
            last_date,
            undated,
            sources,
            actors,
            attributions,
            events,
            disputes,
            database_bytes,
        })
    }
}
