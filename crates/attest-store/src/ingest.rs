//! Writing analyses: one transaction a batch, idempotent by document id.

use attest::{Analysis, Document};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use crate::{Store, StoreError};

/// Whether an article is already in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// No article has its id.
    New,
    /// The same article is stored.
    Same,
    /// A different article is stored under its id.
    Different,
}

/// What ingesting one analysis did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stored as a new article.
    Stored,
    /// The same article was already stored; nothing changed.
    AlreadyPresent,
    /// A different article had its id and was replaced (only when asked).
    Replaced,
    /// A different article has its id; nothing changed.
    Conflict,
}

impl Store {
    /// Whether `doc` is stored, so that callers can skip analysing it again.
    pub fn presence(&self, doc: &Document) -> Result<Presence, StoreError> {
        let stored: Option<String> = self
            .conn
            .prepare_cached("SELECT fingerprint FROM articles WHERE id = ?1")?
            .query_row([&doc.id], |row| row.get(0))
            .optional()?;
        Ok(match stored {
            None => Presence::New,
            Some(f) if f == doc.fingerprint() => Presence::Same,
            Some(_) => Presence::Different,
        })
    }

    /// Store a batch of analyses in one transaction: all of them or, if the
    /// process dies first, none. With `replace`, an article whose id is taken by
    /// a different article replaces it; otherwise it is reported as a conflict.
    ///
    /// The transaction takes the write lock before it reads, waiting for other
    /// writers (other processes, the server's writer) and retrying while they
    /// hold it; what it finds stored is read under the lock, so two writers of
    /// the same article store it once.
    pub fn ingest(
        &mut self,
        batch: &[Analysis],
        replace: bool,
    ) -> Result<Vec<Outcome>, StoreError> {
        let conn = &mut self.conn;
        crate::busy::retrying(&self.path, crate::busy::PATIENCE, || {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let outcomes = batch
                .iter()
                .map(|analysis| ingest_one(&tx, analysis, replace))
                .collect::<Result<Vec<_>, _>>()?;
            tx.commit()?;
            Ok(outcomes)
        })
        .map_err(|e| e.in_file(&self.path))
    }

    /// The stored analysis of one article.
    pub fn article(&self, id: &str) -> Result<Option<Analysis>, StoreError> {
        let Some((text, json)) = self.stored_article(id)? else {
            return Ok(None);
        };
        let mut analysis: Analysis = serde_json::from_str(&json)?;
        analysis.document.text = text;
        Ok(Some(analysis))
    }
}

impl Store {
    /// The contract JSON of one article as stored, its text put back, without
    /// parsing it: what an API serves as is.
    pub fn article_json(&self, id: &str) -> Result<Option<String>, StoreError> {
        let Some((text, json)) = self.stored_article(id)? else {
            return Ok(None);
        };
        // `analysis_without_text` wrote `"text":""` in the document, whose
        // fields before it (id, date, source, url, title) are strings, where
        // quotes are escaped: so the first such run of characters is it.
        match json.find(EMPTY_TEXT) {
            Some(at) => {
                let text = serde_json::to_string(&text)?;
                let mut whole = String::with_capacity(json.len() + text.len());
                whole.push_str(&json[..at + EMPTY_TEXT.len() - 2]);
                whole.push_str(&text);
                whole.push_str(&json[at + EMPTY_TEXT.len()..]);
                Ok(Some(whole))
            }
            None => Ok(self
                .article(id)?
                .map(|a| serde_json::to_string(&a))
                .transpose()?),
        }
    }
}

impl Store {
    /// An article's text and its analysis as stored (the analysis without
    /// the text, which the articles table keeps once).
    fn stored_article(&self, id: &str) -> Result<Option<(String, String)>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT text, analysis FROM articles WHERE id = ?1")?
            .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?)
    }
}

/// The document's text field as `analysis_without_text` leaves it.
const EMPTY_TEXT: &str = "\"text\":\"\"";

fn ingest_one(tx: &Transaction, analysis: &Analysis, replace: bool) -> Result<Outcome, StoreError> {
    let doc = &analysis.document;
    let fingerprint = doc.fingerprint();
    let stored: Option<String> = tx
        .prepare_cached("SELECT fingerprint FROM articles WHERE id = ?1")?
        .query_row([&doc.id], |row| row.get(0))
        .optional()?;
    let outcome = match stored {
        None => Outcome::Stored,
        Some(f) if f == fingerprint => return Ok(Outcome::AlreadyPresent),
        Some(_) if replace => Outcome::Replaced,
        Some(_) => return Ok(Outcome::Conflict),
    };
    if outcome == Outcome::Replaced {
        tx.prepare_cached("DELETE FROM articles WHERE id = ?1")?
            .execute([&doc.id])?;
    }
    tx.prepare_cached(
        "INSERT INTO articles (id, fingerprint, date, source, url, title, text, sentences, analysis)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        doc.id,
        fingerprint,
        doc.date.map(|d| d.to_string()),
        doc.source,
        doc.url,
        doc.title,
        doc.text,
        analysis.sentences.len() as i64,
        analysis_without_text(analysis)?,
    ])?;
    let article = tx.last_insert_rowid();
    crate::records::write(tx, article, analysis)?;
    crate::passages::write(tx, article, &doc.text)?;
    Ok(outcome)
}

/// The contract JSON with the document text left out: the text is stored once,
/// in its own column, where full-text search indexes it.
fn analysis_without_text(analysis: &Analysis) -> Result<String, StoreError> {
    let mut value = serde_json::to_value(analysis)?;
    if let Some(document) = value.get_mut("document") {
        document["text"] = serde_json::Value::String(String::new());
    }
    Ok(serde_json::to_string(&value)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use attest::Pipeline;

    fn analysis(id: &str, text: &str) -> Analysis {
        let mut doc = Document::from_text(text);
        doc.id = id.into();
        Pipeline::segmenter_only().analyse(doc)
    }

    #[test]
    fn the_same_article_is_stored_once() {
        let mut store = Store::open_in_memory().unwrap();
        let a = analysis("a", "It rained. Then it stopped.");
        assert_eq!(
            store.ingest(std::slice::from_ref(&a), false).unwrap(),
            vec![Outcome::Stored]
        );
        assert_eq!(
            store.ingest(std::slice::from_ref(&a), false).unwrap(),
            vec![Outcome::AlreadyPresent]
        );
        assert_eq!(store.presence(&a.document).unwrap(), Presence::Same);
        assert_eq!(store.stats().unwrap().articles, 1);
    }

    #[test]
    fn a_different_article_under_a_taken_id_is_a_conflict_unless_replacing() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .ingest(&[analysis("a", "First text.")], false)
            .unwrap();
        let other = analysis("a", "Second text.");
        assert_eq!(
            store.presence(&other.document).unwrap(),
            Presence::Different
        );
        assert_eq!(
            store.ingest(std::slice::from_ref(&other), false).unwrap(),
            vec![Outcome::Conflict]
        );
        assert_eq!(
            store.ingest(&[other], true).unwrap(),
            vec![Outcome::Replaced]
        );
        assert_eq!(
            store.article("a").unwrap().unwrap().document.text,
            "Second text."
        );
        assert_eq!(store.search("first", 10).unwrap().len(), 0);
        assert_eq!(store.search("second", 10).unwrap().len(), 1);
    }

    #[test]
    fn the_stored_json_reads_back_whole_without_parsing() {
        let mut store = Store::open_in_memory().unwrap();
        let mut a = analysis("a", "He said \"stop\".\nThen \"text\":\"\" left.");
        a.document.title = Some("A \"text\":\"\" title".into());
        store.ingest(std::slice::from_ref(&a), false).unwrap();
        let json = store.article_json("a").unwrap().unwrap();
        let back: Analysis = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
        assert_eq!(store.article_json("missing").unwrap(), None);
    }

    #[test]
    fn stored_analyses_read_back_whole() {
        let mut store = Store::open_in_memory().unwrap();
        let a = analysis("a", "It rained. Then it stopped.");
        store.ingest(std::slice::from_ref(&a), false).unwrap();
        assert_eq!(store.article("a").unwrap(), Some(a));
        assert_eq!(store.article("missing").unwrap(), None);
    }

    #[test]
    fn a_writer_waits_out_a_lock_held_past_the_busy_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let mut store = Store::open(&path).unwrap();
        store
            .conn
            .busy_timeout(std::time::Duration::from_millis(20))
            .unwrap();
        let other = rusqlite::Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        let holder = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(400));
            other.execute_batch("COMMIT").unwrap();
        });
        let outcomes = store.ingest(&[analysis("a", "It rained.")], false);
        holder.join().unwrap();
        assert_eq!(outcomes.unwrap(), vec![Outcome::Stored]);
    }
}
