//! Full-text search over titles and texts (SQLite FTS5, BM25 ranking).

use rusqlite::{ErrorCode, params};
use serde::Serialize;

use crate::passages::passage_snippet;
use crate::query::check_full_text;
use crate::{Store, StoreError};

/// The best `?2` articles for the text query `?1`, with `$snippet` made for
/// them only.
macro_rules! search {
    ($($snippet:tt)+) => {
        concat!(
            "WITH hits AS (
                SELECT rowid AS r, bm25(articles_fts, 2.0, 1.0) AS score FROM articles_fts
                WHERE articles_fts MATCH ?1 ORDER BY score LIMIT ?2)
             SELECT a.id, a.title, a.date, a.source, ",
            $($snippet)+,
            ", hits.score FROM hits JOIN articles a ON a.rowid = hits.r ORDER BY hits.score"
        )
    };
}

/// [`search!`] with the snippet from the article's first matching passage.
const SEARCH: &str = search!(passage_snippet!("?1", "16"));

/// [`search!`] for a store opened read-only at a schema without passages.
const SEARCH_WHOLE_TEXT: &str = search!(
    "(SELECT snippet(articles_fts, -1, '«', '»', '…', 16) FROM articles_fts
      WHERE articles_fts MATCH ?1 AND rowid = a.rowid)"
);

/// One article found by a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// The best-matching stretch of text, matches between « and ».
    pub snippet: String,
    /// Relevance (BM25; higher is better).
    pub score: f64,
}

impl Store {
    /// Articles matching `query` (FTS5 syntax: words, "phrases", AND, OR, NOT,
    /// prefix*, NEAR(...), title:word), best first. A query longer than
    /// [`MAX_QUERY_BYTES`](crate::query::MAX_QUERY_BYTES) or with more than
    /// [`MAX_QUERY_TERMS`](crate::query::MAX_QUERY_TERMS) terms is an
    /// [`StoreError::InvalidQuery`].
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let invalid = |e: rusqlite::Error| match e {
            rusqlite::Error::SqliteFailure(f, Some(message)) if f.code == ErrorCode::Unknown => {
                StoreError::InvalidQuery {
                    query: query.to_owned(),
                    message,
                }
            }
            other => StoreError::Sqlite(other),
        };
        check_full_text(query)?;
        let sql = if self.has_passages()? {
            SEARCH
        } else {
            SEARCH_WHOLE_TEXT
        };
        let mut statement = self.conn.prepare_cached(sql)?;
        let rows = statement
            .query_map(params![query, limit as i64], |row| {
                Ok(SearchHit {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    date: row.get(2)?,
                    source: row.get(3)?,
                    snippet: row.get(4)?,
                    score: -row.get::<_, f64>(5)?,
                })
            })
            .map_err(invalid)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attest::{Document, Pipeline};

    fn store_with(texts: &[(&str, &str)]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let pipeline = Pipeline::segmenter_only();
        let batch: Vec<_> = texts
            .iter()
            .map(|(id, text)| {
                let mut doc = Document::from_text(*text);
                doc.id = (*id).into();
                pipeline.analyse(doc)
            })
            .collect();
        store.ingest(&batch, false).unwrap();
        store
    }

    #[test]
    fn finds_ranks_and_highlights() {
        let store = store_with(&[
            ("a", "The Taliban took control of Kabul."),
            ("b", "Rain fell on Kabul. Kabul flooded."),
        ]);
        let hits = store.search("kabul", 10).unwrap();
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].id, "b");
        assert!(hits[0].score >= hits[1].score);
        assert!(hits[0].snippet.contains("«Kabul»"));
        assert_eq!(store.search("taliban AND kabul", 10).unwrap().len(), 1);
        assert_eq!(store.search("\"took control\"", 10).unwrap()[0].id, "a");
        assert_eq!(store.search("flood*", 10).unwrap()[0].id, "b");
    }

    #[test]
    fn porter_stemming_matches_word_forms() {
        let store = store_with(&[("a", "Militants were attacking the base.")]);
        assert_eq!(store.search("attacks", 10).unwrap().len(), 1);
    }

    #[test]
    fn syntax_errors_are_invalid_queries() {
        let store = store_with(&[("a", "Text.")]);
        for query in ["\"unbalanced", "AND", "nosuchcolumn:word", "(a"] {
            match store.search(query, 10) {
                Err(StoreError::InvalidQuery { .. }) => {}
                other => panic!("{query:?} gave {other:?}"),
            }
        }
    }
}
