//! An ingest killed with SIGKILL mid-way leaves a database that opens, passes
//! `PRAGMA integrity_check` (and the full-text index's own check) and holds
//! whole articles only; running the ingest again completes it.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use attest_store::Store;
use serde_json::Value;

const ARTICLES: usize = 6000;

/// A deterministic article for index `i`, a few paragraphs long.
fn article_text(i: usize) -> String {
    const WORDS: [&str; 12] = [
        "ministers",
        "talks",
        "ceasefire",
        "border",
        "officials",
        "convoy",
        "province",
        "report",
        "agreement",
        "statement",
        "forces",
        "capital",
    ];
    let mut text = String::new();
    for sentence in 0..12 {
        let (a, b, c) = (
            WORDS[(i + sentence) % 12],
            WORDS[(i * 7 + sentence) % 12],
            WORDS[(i * 3 + sentence * 5) % 12],
        );
        write!(
            text,
            "The {a} met the {b} on day {i} near the {c}, the agency said in item {sentence}. "
        )
        .unwrap();
        if sentence % 4 == 3 {
            text.push_str("\n\n");
        }
    }
    text
}

fn write_corpus(path: &Path) {
    let mut corpus = String::new();
    for i in 0..ARTICLES {
        let record = serde_json::json!({"id": format!("a{i}"), "date": "2024-01-02", "text": article_text(i)});
        corpus.push_str(&record.to_string());
        corpus.push('\n');
    }
    fs::write(path, corpus).unwrap();
}

fn stored_count(db: &Path) -> Option<i64> {
    Store::open_read_only(db)
        .ok()?
        .stats()
        .ok()
        .map(|s| s.articles)
}

fn check_whole_articles(db: &Path) -> usize {
    let store = Store::open(db).expect("the database opens");
    store.check_integrity().expect("integrity check passes");
    let stored = store.stats().unwrap().articles as usize;
    let mut whole = 0;
    for i in 0..ARTICLES {
        if let Some(analysis) = store.article(&format!("a{i}")).unwrap() {
            assert_eq!(
                analysis.document.text,
                article_text(i),
                "article a{i} is whole"
            );
            assert_eq!(
                analysis.sentences.len(),
                12,
                "article a{i} has its analysis"
            );
            whole += 1;
        }
    }
    assert_eq!(whole, stored, "no partial rows");
    stored
}

#[test]
fn sigkill_mid_ingest_leaves_a_sound_database_and_the_rerun_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let db = dir.path().join("killed.db");
    write_corpus(&corpus);

    let mut child = Command::new(env!("CARGO_BIN_EXE_attest"))
        .args(["ingest", "--batch-size", "40", "--db"])
        .arg(&db)
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while stored_count(&db).unwrap_or(0) == 0 {
        assert!(
            Instant::now() < deadline,
            "ingest stored nothing within two minutes"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest ended before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let stored_before = check_whole_articles(&db);
    assert!(
        stored_before > 0 && stored_before < ARTICLES,
        "killed mid-way: {stored_before} stored"
    );

    let output = Command::new(env!("CARGO_BIN_EXE_attest"))
        .args(["ingest", "--json", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(output.status.success());
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["already_present"], stored_before);
    assert_eq!(summary["stored"], ARTICLES - stored_before);
    assert_eq!(check_whole_articles(&db), ARTICLES);
}
