//! Whether a store is sound: SQLite's own checks, and what they cost.
//!
//! `PRAGMA quick_check` reads every page once and checks each B-tree's
//! structure (no index-against-table comparison), so it costs in proportion to
//! the file's size; `PRAGMA integrity_check` also checks that every index
//! matches its table and, in this SQLite, every FTS5 index its content.

use std::path::Path;

use rusqlite::{Connection, ErrorCode, MAIN_DB, OpenFlags};

use crate::{Store, StoreError};

/// What [`Store::check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// Every problem found; none when the store is sound.
    pub problems: Vec<String>,
    /// Whether the full-text index was checked against the articles (not on
    /// a store read-only here).
    pub full_text_checked: bool,
}

/// The most problems a check lists.
const MAX_PROBLEMS: u32 = 100;

impl Store {
    /// `PRAGMA quick_check`: `Ok(())`, or [`StoreError::Damaged`] naming the
    /// file and the first problems found. Read-only: it works on any store.
    pub fn quick_check(&self) -> Result<(), StoreError> {
        let problems = self.pragma_problems("quick_check")?;
        if problems.is_empty() {
            return Ok(());
        }
        Err(StoreError::Damaged {
            path: self.path.clone(),
            detail: summary(&problems),
        })
    }

    /// `PRAGMA integrity_check` and the full-text index checked against the
    /// articles: the problems found, up to a hundred of each, none when the
    /// store is sound. It writes nothing; the full-text check needs a
    /// connection that could write (SQLite runs it as an `INSERT` that changes
    /// nothing), so on a store read-only here it is skipped and said so.
    pub fn check(&self) -> Result<Check, StoreError> {
        let mut problems = match self.pragma_problems("integrity_check") {
            Ok(problems) => problems,
            // The full check stops at the first page it cannot read; the
            // quick one lists what it finds around such pages.
            Err(StoreError::Damaged { detail, .. }) => {
                let mut problems = self
                    .pragma_problems("quick_check")
                    .unwrap_or_else(|e| vec![e.to_string()]);
                problems.push(format!("the full integrity check stopped: {detail}"));
                problems
            }
            Err(e) => return Err(e),
        };
        let full_text = if self.conn.is_readonly(MAIN_DB)? {
            match Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_WRITE) {
                Ok(conn) if !conn.is_readonly(MAIN_DB)? => full_text_problem(&conn, &self.path)?,
                _ => None,
            }
        } else {
            full_text_problem(&self.conn, &self.path)?
        };
        let full_text_checked = full_text.is_some();
        problems.extend(full_text.flatten());
        Ok(Check {
            problems,
            full_text_checked,
        })
    }

    /// SQLite's own consistency check and the full-text index's: `Ok(())` or
    /// the problems found.
    pub fn check_integrity(&self) -> Result<(), StoreError> {
        let check = self.check()?;
        if !check.problems.is_empty() {
            return Err(StoreError::Corrupt(check.problems.join("; ")));
        }
        Ok(())
    }

    /// The rows of a checking pragma other than its lone `ok`.
    fn pragma_problems(&self, pragma: &str) -> Result<Vec<String>, StoreError> {
        let run = || -> Result<Vec<String>, rusqlite::Error> {
            let mut statement = self
                .conn
                .prepare(&format!("PRAGMA {pragma}({MAX_PROBLEMS})"))?;
            let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
            let rows = rows.collect::<Result<Vec<_>, _>>()?;
            // A report is rows of lines, with `*** in database main ***`
            // headers; one problem a line, without them.
            Ok(rows
                .iter()
                .flat_map(|row| row.lines())
                .map(str::trim)
                .filter(|line| !line.is_empty() && *line != "ok" && !line.starts_with("***"))
                .map(str::to_owned)
                .collect())
        };
        run().map_err(|e| StoreError::from(e).in_file(&self.path))
    }
}

/// FTS5's `integrity-check` of the articles' index with `rank = 1`, which
/// also compares it with the articles it indexes, then of the passages'
/// index (which holds its own text) where the store has one: `Some(None)`
/// when sound, `Some(problem)` when not, `None` when it could not run (a
/// read-only connection).
fn full_text_problem(conn: &Connection, path: &Path) -> Result<Option<Option<String>>, StoreError> {
    let has_passages: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'passages_fts'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| StoreError::from(e).in_file(path))?;
    let checks = [
        (
            "full-text index",
            "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
        ),
        (
            "passages' full-text index",
            "INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')",
        ),
    ];
    for (name, check) in checks.iter().take(if has_passages { 2 } else { 1 }) {
        match conn.execute(check, []) {
            Ok(_) => {}
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseCorrupt) => {
                return Ok(Some(Some(format!("{name}: {e}"))));
            }
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::ReadOnly) => return Ok(None),
            Err(e) => return Err(StoreError::from(e).in_file(path)),
        }
    }
    Ok(Some(None))
}

/// The first few problems of a check, for a one-line message.
fn summary(problems: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = problems
        .iter()
        .take(SHOWN)
        .map(|p| p.trim())
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > SHOWN {
        text.push_str(&format!("; and {} more", problems.len() - SHOWN));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use attest::{Document, Pipeline};

    fn store_with_one_article(path: &std::path::Path) -> Store {
        let mut store = Store::open(path).unwrap();
        let mut doc = Document::from_text("The ministers met at the border. Talks went on.");
        doc.id = "a".into();
        store
            .ingest(&[Pipeline::segmenter_only().analyse(doc)], false)
            .unwrap();
        store
    }

    #[test]
    fn a_full_text_index_out_of_step_with_its_articles_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let store = store_with_one_article(&path);
        store.check_integrity().unwrap();
        store
            .conn
            .execute_batch(
                "DROP TRIGGER articles_fts_update;
                 UPDATE articles SET text = 'Something else entirely.' WHERE id = 'a';",
            )
            .unwrap();
        drop(store);
        let store = Store::open_read_only(&path).unwrap();
        let check = store.check().unwrap();
        assert!(check.full_text_checked);
        assert!(
            check
                .problems
                .iter()
                .any(|p| p.starts_with("full-text index")),
            "{check:?}"
        );
    }

    #[test]
    fn a_damaged_passage_index_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let store = store_with_one_article(&path);
        store.check_integrity().unwrap();
        // The index's term lists go; its documents stay.
        store
            .conn
            .execute_batch("DELETE FROM passages_fts_data WHERE id > 10")
            .unwrap();
        let check = store.check().unwrap();
        assert!(
            check
                .problems
                .iter()
                .any(|p| p.starts_with("passages' full-text index")),
            "{check:?}"
        );
    }
}
