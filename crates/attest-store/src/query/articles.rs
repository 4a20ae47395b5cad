//! Listing articles by words, date, outlet and actor.

use rusqlite::{ErrorCode, params};
use serde::Serialize;

use super::text::check_full_text;
use super::{ArticleFilter, Page, Paged};
use crate::passages::passage_snippet;
use crate::{Store, StoreError};

/// One article in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// The opening, or with a text query the best-matching stretch with
    /// matches between « and ».
    pub snippet: String,
    /// Events found in it.
    pub events: i64,
    /// Attributions found in it.
    pub attributions: i64,
}

/// The filters of both article statements, parameters ?1 to ?4.
macro_rules! article_filters {
    () => {
        "(?1 IS NULL OR a.date >= ?1) AND (?2 IS NULL OR a.date <= ?2)
         AND (?3 IS NULL OR a.source = ?3 COLLATE NOCASE)
         AND (?4 IS NULL OR EXISTS (SELECT 1 FROM entities n WHERE n.article = a.rowid AND n.actor = ?4))"
    };
}

/// The counts and total every listing row carries after its own columns.
macro_rules! article_counts {
    () => {
        "(SELECT count(*) FROM events e WHERE e.article = a.rowid),
         (SELECT count(*) FROM attributions t WHERE t.article = a.rowid),
         (SELECT count(*) FROM hits)"
    };
}

const LATEST: &str = concat!(
    "WITH hits AS (SELECT a.rowid AS r FROM articles a WHERE ",
    article_filters!(),
    ")
     SELECT a.id, a.title, a.date, a.source, a.url, substr(a.text, 1, 280), ",
    article_counts!(),
    " FROM hits JOIN articles a ON a.rowid = hits.r
     ORDER BY a.date IS NULL, a.date DESC, a.rowid DESC LIMIT ?5 OFFSET ?6"
);

/// Articles matching the text query ?7, best first, with `$snippet` made for
/// the rows of the page only: ranking is cheap, snippets are not.
macro_rules! matching {
    ($($snippet:tt)+) => {
        concat!(
            "WITH hits AS (
                SELECT a.rowid AS r, bm25(articles_fts, 2.0, 1.0) AS score
                FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                WHERE articles_fts MATCH ?7 AND ",
            article_filters!(),
            "),
             page AS (SELECT r, score FROM hits ORDER BY score LIMIT ?5 OFFSET ?6)
             SELECT a.id, a.title, a.date, a.source, a.url, ",
            $($snippet)+,
            ", ",
            article_counts!(),
            " FROM page JOIN articles a ON a.rowid = page.r ORDER BY page.score"
        )
    };
}

/// [`matching!`] with the snippet from the article's first matching passage.
const MATCHING: &str = matching!(passage_snippet!("?7", "24"));

/// [`matching!`] for a store opened read-only at a schema without passages:
/// the snippet from the whole text (slow for very long articles).
const MATCHING_WHOLE_TEXT: &str = matching!(
    "(SELECT snippet(articles_fts, -1, '«', '»', '…', 24) FROM articles_fts
      WHERE articles_fts MATCH ?7 AND rowid = a.rowid)"
);

impl Store {
    /// Articles matching `filter`: newest first, or best first with a text query.
    pub fn articles(
        &self,
        filter: &ArticleFilter,
        page: Page,
    ) -> Result<Paged<ArticleSummary>, StoreError> {
        let q = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
        let sql = match q {
            None => LATEST,
            Some(q) => {
                check_full_text(q)?;
                if self.has_passages()? {
                    MATCHING
                } else {
                    MATCHING_WHOLE_TEXT
                }
            }
        };
        let invalid = |e: rusqlite::Error| match (e, q) {
            (rusqlite::Error::SqliteFailure(f, Some(message)), Some(query))
                if f.code == ErrorCode::Unknown =>
            {
                StoreError::InvalidQuery {
                    query: query.to_owned(),
                    message,
                }
            }
            (other, _) => StoreError::Sqlite(other),
        };
        let mut statement = self.conn.prepare_cached(sql)?;
        let base = params![
            filter.from,
            filter.to,
            filter.source,
            filter.actor,
            page.limit(),
            page.offset()
        ];
        let mut bound: Vec<&dyn rusqlite::ToSql> = base.to_vec();
        if let Some(q) = &q {
            bound.push(q);
        }
        let mut total = 0;
        let items = statement
            .query_map(bound.as_slice(), |row| {
                total = row.get(8)?;
                Ok(ArticleSummary {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    date: row.get(2)?,
                    source: row.get(3)?,
                    url: row.get(4)?,
                    snippet: row.get(5)?,
                    events: row.get(6)?,
                    attributions: row.get(7)?,
                })
            })
            .map_err(invalid)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(invalid)?;
        if items.is_empty() && page.offset() > 0 {
            total = self.articles(filter, Page::default())?.total;
        }
        Ok(page.paged(total, items))
    }
}
