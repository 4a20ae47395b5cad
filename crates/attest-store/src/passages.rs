//! Each article's text cut into passages of bounded length, with a full-text
//! index of their own (`passages_fts`), so that the snippet of a search hit is
//! made from one passage. FTS5's `snippet()` reads and scores the whole text it
//! is given, and its cost grows faster than the text: over a 1 MB article every
//! matching search took seconds. Ranking stays on `articles_fts`; passages only
//! say where in a found article to look.
//!
//! A passage's rowid is its article's rowid times [`SLOTS`] plus its number,
//! so an article's passages are one rowid range, which FTS5 seeks directly.

use rusqlite::{Transaction, params};

use crate::{Store, StoreError};

/// The longest passage, in bytes.
pub const PASSAGE_BYTES: usize = 2000;

/// Passage numbers per article: rowids `article * SLOTS` to
/// `article * SLOTS + SLOTS - 1`. Passages are at least half of
/// [`PASSAGE_BYTES`] long (but the last), so this covers texts of 1 GB.
pub const SLOTS: i64 = 1 << 20;

/// SQL for the snippet of the article `a` (a table alias in the statement)
/// for the text query parameter `$query`: the first of its passages that
/// matches, with `$tokens` tokens around the matches between « and », or the
/// article's opening when no one passage matches (words only in the title, or
/// in different passages). Finding the passage seeks one rowid range.
macro_rules! passage_snippet {
    ($query:literal, $tokens:literal) => {
        concat!(
            "coalesce((SELECT snippet(passages_fts, 1, '«', '»', '…', ",
            $tokens,
            ") FROM passages_fts WHERE passages_fts MATCH ",
            $query,
            " AND rowid BETWEEN a.rowid * 1048576 AND a.rowid * 1048576 + 1048575
              ORDER BY rowid LIMIT 1), substr(a.text, 1, 280))"
        )
    };
}
pub(crate) use passage_snippet;

impl Store {
    /// Whether the store has passages (schema 3 on): a store opened read-only
    /// may be older.
    pub(crate) fn has_passages(&self) -> Result<bool, StoreError> {
        Ok(self.schema_version()? >= 3)
    }
}

/// Where to cut `text`: consecutive byte ranges of at most [`PASSAGE_BYTES`],
/// ending at a paragraph break, else a line break, else after a sentence's
/// full stop, else at white space, else at a character boundary, and never
/// before half the limit (so passages are few). Linear in the text.
pub fn cuts(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let limit = floor_boundary(text, start + PASSAGE_BYTES);
        if limit >= text.len() {
            ranges.push(start..text.len());
            break;
        }
        let least = floor_boundary(text, start + PASSAGE_BYTES / 2);
        let window = &text[least..limit];
        let end = window
            .rfind("\n\n")
            .map(|i| i + 2)
            .or_else(|| window.rfind('\n').map(|i| i + 1))
            .or_else(|| window.rfind(". ").map(|i| i + 2))
            .or_else(|| {
                let (i, c) = window.char_indices().rfind(|(_, c)| c.is_whitespace())?;
                Some(i + c.len_utf8())
            })
            .map_or(limit, |i| least + i);
        ranges.push(start..end);
        start = end;
    }
    ranges
}

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Index the passages of the article stored as `article` (its rowid).
pub(crate) fn write(tx: &Transaction, article: i64, text: &str) -> Result<(), StoreError> {
    let Some(first) = article.checked_mul(SLOTS) else {
        // Never reached by rowids SQLite hands out; the article's snippets
        // then show its opening.
        return Ok(());
    };
    let mut insert =
        tx.prepare_cached("INSERT INTO passages_fts (rowid, title, text) VALUES (?1, NULL, ?2)")?;
    for (number, range) in cuts(text).into_iter().enumerate().take(SLOTS as usize) {
        let passage = &text[range];
        if !passage.trim().is_empty() {
            insert.execute(params![first + number as i64, passage])?;
        }
    }
    Ok(())
}

/// Index the passages of every article already stored (migration 3).
pub(crate) fn backfill(tx: &Transaction) -> Result<(), StoreError> {
    let mut statement = tx.prepare("SELECT rowid, text FROM articles")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let (article, text): (i64, String) = (row.get(0)?, row.get(1)?);
        write(tx, article, &text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use attest::{Analysis, Document, Pipeline};

    use super::*;
    use crate::query::{ArticleFilter, Page};

    /// An analysis of `text` (the segmenter's only: enough for the store).
    fn analysis(id: &str, text: &str) -> Analysis {
        let mut doc = Document::from_text("Filler.");
        doc.id = id.into();
        let mut analysis = Pipeline::segmenter_only().analyse(doc);
        analysis.document.text = text.into();
        analysis
    }

    fn passages(store: &Store) -> i64 {
        store
            .conn
            .query_row("SELECT count(*) FROM passages_fts", [], |r| r.get(0))
            .unwrap()
    }

    /// An opening line, filler words to about `bytes`, then a sentence with
    /// the word "needle".
    fn haystack(bytes: usize) -> String {
        let mut text = "Storm report.\n\n".to_owned();
        text.push_str(&"Rain fell on the plains and the rivers rose. ".repeat(bytes / 45));
        text.push_str("Then the needle was found.");
        text
    }

    #[test]
    fn a_snippet_comes_from_the_passage_that_matches() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .ingest(&[analysis("long", &haystack(50_000))], false)
            .unwrap();
        assert!(passages(&store) >= 25);
        let hits = store.search("needle", 10).unwrap();
        assert!(hits[0].snippet.contains("«needle» was found"), "{hits:?}");
        let filter = ArticleFilter {
            q: Some("needle".into()),
            ..ArticleFilter::default()
        };
        let listed = store.articles(&filter, Page::default()).unwrap();
        assert!(listed.items[0].snippet.contains("«needle»"));
        // Words in different passages match the article but no one passage:
        // the snippet is then the article's opening.
        let apart = store.search("needle AND storm", 10).unwrap();
        assert!(apart[0].snippet.starts_with("Storm report."), "{apart:?}");
    }

    #[test]
    fn passages_go_with_their_article() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .ingest(
                &[analysis("a", &haystack(10_000)), analysis("b", "A needle.")],
                false,
            )
            .unwrap();
        let before = passages(&store);
        store
            .ingest(&[analysis("a", "Replaced text.")], true)
            .unwrap();
        assert_eq!(passages(&store), 2, "from {before}");
        assert!(store.search("rain", 10).unwrap().is_empty());
        assert_eq!(
            store.search("replaced", 10).unwrap()[0].snippet,
            "«Replaced» text."
        );
        store.check_integrity().unwrap();
    }

    #[test]
    fn a_store_stored_before_passages_has_snippets_read_only_and_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        crate::schema::migrate_to(&mut conn, 2).unwrap();
        conn.execute(
            "INSERT INTO articles (id, fingerprint, text, sentences, analysis)
             VALUES ('old', 'f', 'An old needle.', 1, '{}')",
            [],
        )
        .unwrap();
        drop(conn);
        let old = Store::open_read_only(&path).unwrap();
        assert!(!old.has_passages().unwrap());
        assert_eq!(
            old.search("needle", 10).unwrap()[0].snippet,
            "An old «needle»."
        );
        let upgraded = Store::open(&path).unwrap();
        assert!(upgraded.has_passages().unwrap());
        assert_eq!(passages(&upgraded), 1, "migration 3 fills the passages");
        assert_eq!(
            upgraded.search("needle", 10).unwrap()[0].snippet,
            "An old «needle»."
        );
    }

    /// The least time `search` takes over a few runs.
    fn fastest(store: &Store, query: &str) -> Duration {
        (0..5)
            .map(|_| {
                let started = Instant::now();
                assert_eq!(store.search(query, 10).unwrap().len(), 1);
                started.elapsed()
            })
            .min()
            .unwrap()
    }

    #[test]
    fn a_snippet_costs_the_same_in_a_long_article() {
        let store_of = |bytes: usize| {
            let mut store = Store::open_in_memory().unwrap();
            store
                .ingest(&[analysis("a", &haystack(bytes))], false)
                .unwrap();
            store
        };
        let (short, long) = (store_of(10_000), store_of(1_000_000));
        let (short_time, long_time) = (fastest(&short, "needle"), fastest(&long, "needle"));
        // Over the whole text, the snippet of the 1 MB article took 100 times
        // as long as that of the 10 kB one; from a passage, about as long.
        assert!(
            long_time < short_time * 10 + Duration::from_millis(2),
            "10 kB: {short_time:?}, 1 MB: {long_time:?}"
        );
    }

    fn check(text: &str) -> Vec<std::ops::Range<usize>> {
        let ranges = cuts(text);
        let mut at = 0;
        for r in &ranges {
            assert_eq!(r.start, at, "consecutive");
            assert!(r.end > r.start && r.end - r.start <= PASSAGE_BYTES);
            assert!(text.get(r.clone()).is_some(), "on character boundaries");
            at = r.end;
        }
        assert_eq!(at, text.len(), "the whole text");
        for r in ranges.iter().rev().skip(1) {
            assert!(r.end - r.start >= PASSAGE_BYTES / 2 - 3, "not too short");
        }
        ranges
    }

    #[test]
    fn passages_end_at_paragraphs_where_they_can() {
        let paragraph = format!("{}.\n\n", "word ".repeat(100));
        let text = paragraph.repeat(20);
        let ranges = check(&text);
        assert!(ranges.iter().all(|r| text[r.clone()].ends_with("\n\n")));
        assert!(ranges.len() < 20, "short paragraphs share a passage");
    }

    #[test]
    fn text_without_breaks_is_cut_at_spaces_or_anywhere() {
        let words = "unbroken ".repeat(1000);
        assert!(
            check(&words)
                .iter()
                .all(|r| words[r.clone()].ends_with(' ') || r.end == words.len())
        );
        check(&"é".repeat(5000));
        check(&"\u{3000}字".repeat(1000));
        check(&"x".repeat(4001));
        check("short");
        assert!(cuts("").is_empty());
    }
}
