//! Writers into one database at once: two `attest ingest` runs, and an ingest
//! while `attest serve --token` stores posted articles. Each waits for the
//! other; none fails, and every article is stored once.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use attest_store::Store;
use serde_json::{Value, json};

mod common;
use common::{Served, address, process as attest};

/// A short article for index `i`, different for every `i`.
fn article(i: usize) -> Value {
    const WORDS: [&str; 6] = ["ministers", "talks", "border", "convoy", "report", "forces"];
    let text = format!(
        "The {} met the {} on day {i}, the agency said. Officials said the {} would return.",
        WORDS[i % 6],
        WORDS[(i / 6) % 6],
        WORDS[(i * 5) % 6]
    );
    json!({"id": format!("a{i}"), "date": "2024-01-02", "text": text})
}

fn write_corpus(path: &Path, ids: std::ops::Range<usize>) {
    let lines: String = ids.map(|i| format!("{}\n", article(i))).collect();
    std::fs::write(path, lines).unwrap();
}

fn ingest(db: &Path, corpus: &Path, batch_size: u32) -> Child {
    attest()
        .args([
            "ingest",
            "--json",
            "--batch-size",
            &batch_size.to_string(),
            "--db",
        ])
        .arg(db)
        .arg(corpus)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The run succeeded; its JSON summary.
fn summary_of(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn two_ingests_into_one_database_at_once_both_complete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    let (first, second) = (
        dir.path().join("first.jsonl"),
        dir.path().join("second.jsonl"),
    );
    // 100 articles in both corpora, so that both runs race to store them.
    write_corpus(&first, 0..300);
    write_corpus(&second, 200..500);
    let (a, b) = (ingest(&db, &first, 8), ingest(&db, &second, 8));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let (a, b) = (summary_of(&a), summary_of(&b));
    let stored = a["stored"].as_u64().unwrap() + b["stored"].as_u64().unwrap();
    let present = a["already_present"].as_u64().unwrap() + b["already_present"].as_u64().unwrap();
    assert_eq!(stored, 500, "every article stored once: {a} {b}");
    assert_eq!(present, 100, "{a} {b}");
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.stats().unwrap().articles, 500);
    store.check_integrity().unwrap();
}

/// `attest serve --token T` on an ephemeral port: the process and its address.
fn serve_with_token(db: &Path) -> (Served, String) {
    let args = ["--token", "T", "--addr", "127.0.0.1:0"];
    let (served, line) = common::serve(db, &args, Stdio::null());
    (served, address(&line))
}

/// POST one article; the status line.
fn post(addr: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "POST /api/articles HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer T\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response.lines().next().unwrap_or_default().to_owned()
}

const INGESTED: usize = 1000;

/// Articles stored so far (none while the store is being created).
fn stored(db: &Path) -> i64 {
    Store::open_read_only(db)
        .and_then(|store| store.stats())
        .map_or(0, |stats| stats.articles)
}

#[test]
fn ingest_while_the_server_stores_posted_articles_neither_fails() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("served.db");
    let corpus = dir.path().join("corpus.jsonl");
    write_corpus(&corpus, 0..INGESTED);
    let (_served, addr) = serve_with_token(&db);
    // Batches as large as a default run's keep the write lock a while.
    let mut run = ingest(&db, &corpus, 64);
    let deadline = Instant::now() + Duration::from_secs(120);
    while stored(&db) == 0 {
        assert!(Instant::now() < deadline, "the ingest stored nothing");
        std::thread::sleep(Duration::from_millis(5));
    }
    // Four clients post, one article at a time, for as long as the ingest runs.
    let done = Arc::new(AtomicBool::new(false));
    let next = Arc::new(AtomicUsize::new(INGESTED));
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let (addr, done, next) = (addr.clone(), Arc::clone(&done), Arc::clone(&next));
            std::thread::spawn(move || {
                let mut statuses = Vec::new();
                while !done.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    statuses.push(post(&addr, &article(i).to_string()));
                }
                statuses
            })
        })
        .collect();
    let status = run.wait().unwrap();
    done.store(true, Ordering::Relaxed);
    let statuses: Vec<String> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    let mut output = String::new();
    run.stdout
        .take()
        .unwrap()
        .read_to_string(&mut output)
        .unwrap();
    let mut errors = String::new();
    run.stderr
        .take()
        .unwrap()
        .read_to_string(&mut errors)
        .unwrap();
    assert!(status.success(), "ingest failed: {errors}");
    let summary: Value = serde_json::from_str(&output).unwrap();
    let failed: Vec<_> = statuses.iter().filter(|s| !s.contains("201")).collect();
    assert!(
        failed.is_empty(),
        "{} of {} posts failed: {failed:?}",
        failed.len(),
        statuses.len()
    );
    assert_eq!(summary["stored"], INGESTED);
    assert_eq!(stored(&db) as usize, INGESTED + statuses.len());
}
