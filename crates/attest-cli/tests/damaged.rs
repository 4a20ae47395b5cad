//! A store with 4 KB overwritten in the middle: ingest refuses to write to it,
//! stats and check report the damage, each naming the file and how to recover.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::fs;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// SQLite's page size for attest stores.
const PAGE: u64 = 4096;

fn attest(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attest"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("ATTEST_DB")
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

fn sample(name: &str) -> String {
    let path = attest_testkit::repo_root().join("samples").join(name);
    path.to_str().unwrap().to_owned()
}

/// A store built from `samples/`, then one page in the middle of the file
/// overwritten with bytes that are no valid page.
fn damaged_store(dir: &Path) -> PathBuf {
    let db = dir.join("news.db");
    let samples = attest_testkit::repo_root().join("samples");
    let output = attest(&["ingest", samples.to_str().unwrap()], &db);
    assert!(output.status.success());
    let length = fs::metadata(&db).unwrap().len();
    let middle = length / 2 / PAGE * PAGE;
    let mut file = fs::OpenOptions::new().write(true).open(&db).unwrap();
    file.seek(SeekFrom::Start(middle)).unwrap();
    file.write_all(&[0xa5; PAGE as usize]).unwrap();
    db
}

/// The message names the file, says it is damaged and how to recover.
fn says_damaged(output: &Output, db: &Path) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    for words in [
        format!("{} is damaged", db.display()),
        "attest check".into(),
        "ingest the sources again into a new database".into(),
        ".recover".into(),
    ] {
        assert!(stderr.contains(&words), "{words:?} in {stderr}");
    }
}

#[test]
fn ingest_refuses_to_write_to_a_damaged_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = damaged_store(dir.path());
    let before = fs::read(&db).unwrap();
    fs::write(
        dir.path().join("new.jsonl"),
        "{\"id\": \"fresh\", \"text\": \"The ministers met again on Tuesday.\"}\n",
    )
    .unwrap();
    let output = attest(
        &["ingest", dir.path().join("new.jsonl").to_str().unwrap()],
        &db,
    );
    says_damaged(&output, &db);
    assert_eq!(fs::read(&db).unwrap(), before, "nothing written");
}

#[test]
fn stats_reports_a_damaged_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = damaged_store(dir.path());
    says_damaged(&attest(&["stats"], &db), &db);
}

#[test]
fn check_lists_the_damage_and_passes_a_sound_store() {
    let dir = tempfile::tempdir().unwrap();
    let sound = dir.path().join("sound.db");
    assert!(
        attest(&["ingest", &sample("kabul-cooperation.txt")], &sound)
            .status
            .success()
    );
    let output = attest(&["check"], &sound);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("ok"), "{stdout}");
    assert!(
        stdout.contains("full-text index matches the articles"),
        "{stdout}"
    );

    let db = damaged_store(dir.path());
    let output = attest(&["check", "--json"], &db);
    says_damaged(&output, &db);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert!(
        !report["problems"].as_array().unwrap().is_empty(),
        "{report}"
    );
}
