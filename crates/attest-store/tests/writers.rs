//! Several writers, each with its own connection (as separate `attest ingest`
//! runs and the server's writer have), into one database at once.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Barrier};

use attest::{Analysis, Document, Pipeline};
use attest_store::{Outcome, Store};

const WRITERS: usize = 4;
const PER_WRITER: usize = 200;
const BATCH: usize = 2;

/// Writer `w` writes articles `w * PER_WRITER / 2 ..` (each half shared with
/// the next writer), so that some articles come from two writers at once.
fn ids_of(writer: usize) -> Vec<usize> {
    let first = writer * PER_WRITER / 2;
    (first..first + PER_WRITER).collect()
}

fn analyses(ids: &[usize]) -> Vec<Analysis> {
    let pipeline = Pipeline::segmenter_only();
    ids.iter()
        .map(|i| {
            let mut doc = Document::from_text(format!(
                "Officials met on day {i}. The talks went on near the border."
            ));
            doc.id = format!("a{i}");
            pipeline.analyse(doc)
        })
        .collect()
}

/// Open the store and write `batch`es as fast as it can; the outcomes.
fn write_all(path: &Path, articles: &[Analysis], start: &Barrier) -> Vec<Outcome> {
    start.wait();
    let mut store = Store::open(path).unwrap_or_else(|e| panic!("open: {e}"));
    let mut outcomes = Vec::new();
    for batch in articles.chunks(BATCH) {
        outcomes.extend(
            store
                .ingest(batch, false)
                .unwrap_or_else(|e| panic!("ingest: {e}")),
        );
    }
    outcomes
}

#[test]
fn concurrent_writers_all_succeed_and_store_every_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = Arc::new(dir.path().join("shared.db"));
    let start = Arc::new(Barrier::new(WRITERS));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let articles = analyses(&ids_of(w));
            let (path, start) = (Arc::clone(&path), Arc::clone(&start));
            std::thread::spawn(move || write_all(&path, &articles, &start))
        })
        .collect();
    let outcomes: Vec<Outcome> = writers
        .into_iter()
        .flat_map(|w| w.join().expect("no writer fails"))
        .collect();

    let unique: BTreeSet<usize> = (0..WRITERS).flat_map(ids_of).collect();
    let stored = outcomes.iter().filter(|o| **o == Outcome::Stored).count();
    let present = outcomes
        .iter()
        .filter(|o| **o == Outcome::AlreadyPresent)
        .count();
    assert_eq!(stored, unique.len(), "each article stored by one writer");
    assert_eq!(stored + present, WRITERS * PER_WRITER);
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.stats().unwrap().articles as usize, unique.len());
    store.check_integrity().unwrap();
}
