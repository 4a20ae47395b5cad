//! `attest export events`: stored events as CSV and JSON Lines rows.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const COLUMNS: [&str; 34] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "DATEADDED",
    "SOURCEURL",
    "PloverType",
    "PloverMode",
    "Modality",
    "Evidence",
    "EvidenceStart",
    "EvidenceEnd",
    "Attribution",
    "AttributionVia",
];

/// Written for this test: real actors the built-in dictionary knows.
const STRIKE: &str = "date 2024-03-05
Russian forces attacked Ukrainian positions near Kharkiv on Tuesday, the Ukrainian army said.

Officials in Kyiv said the shelling damaged two schools. Moscow did not comment.
";

const TALKS: &str = "date 2024-03-06
Turkish and Iraqi ministers met in Ankara on Wednesday to discuss water sharing.
";

fn attest() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attest"));
    cmd.env_remove("ATTEST_DB").env_remove("RUST_LOG");
    cmd
}

/// A store holding the given articles (file name, text).
fn ingest(dir: &Path, articles: &[(&str, &str)]) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    for (name, text) in articles {
        fs::write(corpus.join(name), text).unwrap();
    }
    let db = dir.join("news.db");
    attest()
        .arg("ingest")
        .arg(&corpus)
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    db
}

fn export(db: &Path, format: &str) -> (Vec<u8>, String) {
    let output = attest()
        .args(["export", "events", "--format", format, "--db"])
        .arg(db)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    (output.stdout, stderr)
}

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_and_json_lines_carry_the_same_rows_under_the_gdelt_columns() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingest(dir.path(), &[("strike.txt", STRIKE), ("talks.txt", TALKS)]);

    let (csv_out, stderr) = export(&db, "csv");
    let (header, rows) = csv_rows(&csv_out);
    assert_eq!(header, COLUMNS);
    assert!(
        stderr.contains(&format!(
            "exported {} event(s) from 2 article(s)",
            rows.len()
        )),
        "{stderr}"
    );

    let (jsonl_out, _) = export(&db, "jsonl");
    let text = String::from_utf8(jsonl_out).unwrap();
    let objects: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(
        objects.len(),
        rows.len(),
        "one row an event in both formats"
    );
    if rows.is_empty() {
        assert!(text.is_empty(), "no events, no lines: {text:?}");
    }

    for (row, object) in rows.iter().zip(&objects) {
        let keys: Vec<&str> = object
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, COLUMNS);
        let cell = |name: &str| row[COLUMNS.iter().position(|c| *c == name).unwrap()].as_str();
        // The same event in the same place in both.
        assert_eq!(object["GlobalEventID"], cell("GlobalEventID"));
        let (store_number, event) = cell("GlobalEventID").split_once('-').unwrap();
        assert!(store_number.parse::<u64>().is_ok() && event.starts_with('v'));
        let code = cell("EventCode");
        assert!(code.starts_with(cell("EventBaseCode")));
        assert!(cell("EventBaseCode").starts_with(cell("EventRootCode")));
        assert!(["0", "1"].contains(&cell("IsRootEvent")));
        assert_eq!((cell("NumSources"), cell("NumArticles")), ("1", "1"));
        assert!(["strike", "talks"].contains(&cell("SOURCEURL")));
        assert!(["20240305", "20240306"].contains(&cell("DATEADDED")));
        assert_eq!(object["NumSources"], 1);
        assert_eq!(
            object["NumMentions"].as_u64().unwrap().to_string(),
            cell("NumMentions")
        );
        assert!(object["EventCode"].is_string(), "codes stay strings");
        if let Some(day) = object["Day"].as_u64() {
            assert_eq!(day.to_string(), cell("Day"));
            assert_eq!(object["MonthYear"].as_u64().unwrap(), day / 100);
        }
    }
}

#[test]
fn out_writes_the_same_rows_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingest(dir.path(), &[("strike.txt", STRIKE)]);
    let (stdout, _) = export(&db, "jsonl");
    let file = dir.path().join("events.jsonl");
    attest()
        .args(["export", "events", "--format", "jsonl", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    assert_eq!(fs::read(&file).unwrap(), stdout);
    assert!(!dir.path().join("events.jsonl.part").exists());
    // The database is never the output.
    attest()
        .args(["export", "events", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("is the database itself"));
    attest().args(["stats", "--db"]).arg(&db).assert().success();
}

#[test]
fn an_article_whose_analysis_cannot_be_read_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingest(dir.path(), &[("strike.txt", STRIKE), ("talks.txt", TALKS)]);
    let (before, _) = export(&db, "csv");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE articles SET analysis = '{\"schema\": 1, \"events\": [' WHERE id = 'talks'",
        [],
    )
    .unwrap();
    drop(conn);
    let (after, stderr) = export(&db, "csv");
    assert!(stderr.contains("skipped article talks"), "{stderr}");
    assert!(stderr.contains("skipped 1 article(s)"), "{stderr}");
    let (header, rows) = csv_rows(&after);
    assert_eq!(header, COLUMNS);
    let (_, all) = csv_rows(&before);
    let strike_rows: Vec<_> = all
        .into_iter()
        .filter(|r| r[COLUMNS.iter().position(|c| *c == "SOURCEURL").unwrap()] == "strike")
        .collect();
    assert_eq!(rows, strike_rows, "the readable article is exported whole");

    // Nothing readable at all is a failure.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE articles SET analysis = 'not json'", [])
        .unwrap();
    drop(conn);
    attest()
        .args(["export", "events", "--format", "jsonl", "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("skipped article strike"));
}

#[test]
fn an_empty_store_gives_the_header_alone_and_a_missing_one_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    attest_store::Store::open(&db).unwrap();
    let (stdout, stderr) = export(&db, "csv");
    let (header, rows) = csv_rows(&stdout);
    assert_eq!(header, COLUMNS);
    assert!(rows.is_empty());
    assert!(stderr.contains("exported 0 event(s) from 0 article(s)"));
    attest()
        .args(["export", "events", "--db"])
        .arg(dir.path().join("missing.db"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("no database at"));
    attest()
        .args(["export", "events", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Example").and(predicate::str::contains("IsRootEvent")));
}
