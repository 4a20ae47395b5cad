//! Reading every stored article back, one at a time, in store order.

use attest::Analysis;

use crate::{Store, StoreError};

/// One stored article as read back by [`Store::each_article`].
#[derive(Debug)]
pub struct StoredArticle {
    /// The store's own number for the article (SQLite rowid): stable while the
    /// article stays stored; an article replaced with `--replace` gets a new one.
    pub rowid: i64,
    /// The document id.
    pub id: String,
    /// The analysis with its document text, or why it could not be read.
    pub analysis: Result<Analysis, StoreError>,
}

impl Store {
    /// Call `f` with every stored article in the order of their store numbers,
    /// reading one row at a time, so that the whole store is never in memory.
    /// An analysis that does not parse is handed to `f` as an error, and the
    /// walk goes on; `f` stops the walk by returning an error.
    pub fn each_article<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(StoredArticle) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut statement = self
            .conn
            .prepare("SELECT rowid, id, text, analysis FROM articles ORDER BY rowid")
            .map_err(StoreError::from)?;
        let mut rows = statement.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let rowid: i64 = row.get(0).map_err(StoreError::from)?;
            let id: String = row.get(1).map_err(StoreError::from)?;
            let analysis = read_analysis(row);
            f(StoredArticle {
                rowid,
                id,
                analysis,
            })?;
        }
        Ok(())
    }
}

/// The analysis of a row, its text put back (it is stored once, in its own
/// column). A column of the wrong type is an error for this row only.
fn read_analysis(row: &rusqlite::Row) -> Result<Analysis, StoreError> {
    let text: String = row.get(2)?;
    let json: String = row.get(3)?;
    let mut analysis: Analysis = serde_json::from_str(&json)?;
    analysis.document.text = text;
    Ok(analysis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use attest::{Document, Pipeline};

    fn store_with(ids: &[&str]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let pipeline = Pipeline::segmenter_only();
        let batch: Vec<_> = ids
            .iter()
            .map(|id| {
                let mut doc = Document::from_text(format!("Article {id}. It ends here."));
                doc.id = (*id).into();
                pipeline.analyse(doc)
            })
            .collect();
        store.ingest(&batch, false).unwrap();
        store
    }

    fn walk(store: &Store) -> Vec<(i64, String, Result<String, String>)> {
        let mut seen = Vec::new();
        store
            .each_article(|article| -> Result<(), StoreError> {
                let analysis = article
                    .analysis
                    .map(|a| a.document.text)
                    .map_err(|e| e.to_string());
                seen.push((article.rowid, article.id, analysis));
                Ok(())
            })
            .unwrap();
        seen
    }

    #[test]
    fn articles_come_back_whole_in_store_order() {
        let store = store_with(&["b", "a", "c"]);
        let seen = walk(&store);
        let ids: Vec<_> = seen.iter().map(|(_, id, _)| id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "c"]);
        assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(seen[1].2, Ok("Article a. It ends here.".to_owned()));
    }

    #[test]
    fn an_unreadable_analysis_is_an_error_for_its_row_only() {
        let store = store_with(&["a", "b", "c"]);
        store
            .conn
            .execute(
                "UPDATE articles SET analysis = '{\"schema\": 1, \"document\"' WHERE id = 'b'",
                [],
            )
            .unwrap();
        store
            .conn
            .execute("UPDATE articles SET text = x'00ff' WHERE id = 'c'", [])
            .unwrap();
        let seen = walk(&store);
        assert_eq!(seen.len(), 3);
        assert!(seen[0].2.is_ok());
        assert!(seen[1].2.as_ref().is_err_and(|e| e.contains("parse")));
        assert!(seen[2].2.is_err());
    }

    #[test]
    fn the_callback_stops_the_walk() {
        let store = store_with(&["a", "b"]);
        let mut calls = 0;
        let result = store.each_article(|_| {
            calls += 1;
            Err(StoreError::Corrupt("stop".into()))
        });
        assert!(result.is_err());
        assert_eq!(calls, 1);
    }
}
