//! Stores that cannot be written here: the commands that only read (stats,
//! search, export, check, serve without a token) read them; the ones that
//! write say the store is read-only, naming it.
//!
//! Tests run as root in CI, and permissions do not stop root, so a store is
//! made unwritable for real in one of two ways: the commands run as `nobody`
//! (through `setpriv`) over a read-only file in a read-only directory, or they
//! run in a private mount namespace where the store's directory is a
//! read-only bind mount (`unshare -m`), which stops root too. When neither is
//! possible here, the test says so and does nothing.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The file's bytes, to compare before and after (stores here are small).
fn digest(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap()
}

fn attest_bin() -> &'static str {
    env!("CARGO_BIN_EXE_attest")
}

/// A store built from `samples/` in `dir`, closed cleanly (no `-wal` left).
fn sample_store(dir: &Path) -> PathBuf {
    let db = dir.join("news.db");
    let output = Command::new(attest_bin())
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(attest_testkit::repo_root().join("samples"))
        .env_remove("ATTEST_DB")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(!sibling(&db, "-wal").exists());
    db
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// How to run attest so that it cannot write `dir`: as `nobody` when this is
/// root (the directory and the store made read-only), else as this user.
/// `None` (with a notice) when root cannot become `nobody` here.
fn unprivileged(dir: &Path, db: &Path) -> Option<Vec<String>> {
    fs::set_permissions(db, fs::Permissions::from_mode(0o444)).unwrap();
    fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
    if !is_root() {
        return Some(vec![attest_bin().to_owned()]);
    }
    let prefix: Vec<String> = [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        attest_bin(),
    ]
    .map(String::from)
    .into();
    let works = Command::new(&prefix[0])
        .args(&prefix[1..])
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !works {
        eprintln!("notice: skipping, setpriv cannot run attest as nobody here");
        return None;
    }
    Some(prefix)
}

/// `attest ARGS --db DB` run through `prefix`.
fn run(prefix: &[String], args: &[&str], db: &Path) -> Output {
    Command::new(&prefix[0])
        .args(&prefix[1..])
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("ATTEST_DB")
        .env_remove("ATTEST_TOKEN")
        .output()
        .unwrap()
}

/// Every reading command succeeds, ingest fails saying the store is
/// read-only, and the store is as it was.
fn check_reads_and_refused_write(prefix: &[String], db: &Path) {
    let before = digest(db);
    for args in [
        &["stats"][..],
        &["search", "Kabul"],
        &["export", "articles", "--format", "jsonl"],
        &["check"],
    ] {
        let output = run(prefix, args, db);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!output.stdout.is_empty(), "{args:?} printed nothing");
    }
    assert!(serves_stats(prefix, db), "serve answers /api/stats");
    let sample = attest_testkit::repo_root().join("samples/kabul-cooperation.txt");
    let sample = sample.to_str().unwrap();
    let output = run(prefix, &["ingest", "--replace", sample], db);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(&format!("{} is read-only", db.display())),
        "{stderr}"
    );
    assert_eq!(digest(db), before, "the store is unchanged");
}

/// Whether `attest serve` (without a token) starts on the store and answers
/// `GET /api/stats` with its five articles.
fn serves_stats(prefix: &[String], db: &Path) -> bool {
    let mut child = Command::new(&prefix[0])
        .args(&prefix[1..])
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .env_remove("ATTEST_DB")
        .env_remove("ATTEST_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let _ = BufReader::new(child.stdout.take().unwrap()).read_line(&mut line);
    let answered = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|addr| {
            let mut stream = TcpStream::connect(addr).unwrap();
            write!(
                stream,
                "GET /api/stats HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).unwrap();
            response.starts_with("HTTP/1.1 200") && response.contains("\"articles\":5")
        });
    let _ = child.kill();
    let _ = child.wait();
    answered
}

#[test]
fn reading_commands_read_a_store_in_a_read_only_directory() {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = dir.path().join("store");
    fs::create_dir(&store_dir).unwrap();
    let db = sample_store(&store_dir);
    let Some(prefix) = unprivileged(&store_dir, &db) else {
        return;
    };
    check_reads_and_refused_write(&prefix, &db);
    assert!(!sibling(&db, "-shm").exists(), "nothing created beside it");
    fs::set_permissions(&store_dir, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn reading_commands_read_a_store_on_a_read_only_mount() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_store(dir.path());
    // Inside a private mount namespace, the directory is bound over itself
    // read-only, then attest runs there.
    let script = r#"dir=$1; shift; mount --bind "$dir" "$dir" && mount -o remount,bind,ro "$dir" && exec "$@""#;
    let prefix: Vec<String> = ["unshare", "-m", "sh", "-c", script, "sh"]
        .map(String::from)
        .into_iter()
        .chain([dir.path().display().to_string(), attest_bin().to_owned()])
        .collect();
    let works = Command::new(&prefix[0])
        .args(&prefix[1..])
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !works {
        eprintln!("notice: skipping, no private read-only mount can be made here (unshare -m)");
        return;
    }
    check_reads_and_refused_write(&prefix, &db);
    assert!(!sibling(&db, "-shm").exists(), "nothing created beside it");
}

#[test]
fn an_unmerged_log_that_cannot_be_read_here_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_store(dir.path());
    // A copy taken while a writer had changes in the log: the file, its
    // -wal, and no -shm.
    let copy_dir = dir.path().join("copy");
    fs::create_dir(&copy_dir).unwrap();
    let copy = copy_dir.join("news.db");
    {
        let writer = rusqlite::Connection::open(&db).unwrap();
        writer
            .execute_batch(
                "PRAGMA wal_autocheckpoint = 0; UPDATE articles SET title = 'changed' WHERE rowid = 1;",
            )
            .unwrap();
        fs::copy(&db, &copy).unwrap();
        fs::copy(sibling(&db, "-wal"), sibling(&copy, "-wal")).unwrap();
    }
    let Some(prefix) = unprivileged(&copy_dir, &copy) else {
        return;
    };
    let output = run(&prefix, &["stats"], &copy);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    let wal = sibling(&copy, "-wal");
    assert!(
        stderr.contains(&format!("{} holds changes", wal.display())),
        "{stderr}"
    );
    fs::set_permissions(&copy_dir, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn reading_commands_never_upgrade_an_older_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_store(dir.path());
    // What an older attest left: schema version 1, before the record tables
    // and the passages.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "DROP TABLE event_actors; DROP TABLE events; DROP TABLE disputes;
             DROP TABLE attribution_via; DROP TABLE attributions; DROP TABLE mentions;
             DROP TABLE entities; DROP TABLE actors; DROP TRIGGER articles_passages_delete;
             DROP TABLE passages_fts; PRAGMA user_version = 1;",
        )
        .unwrap();
    let before = digest(&db);
    let attest = [attest_bin().to_owned()];
    for args in [&["stats"][..], &["search", "Kabul"], &["check"]] {
        let output = run(&attest, args, &db);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?}");
        assert!(
            stderr.contains("schema version 1") && stderr.contains("attest ingest"),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(digest(&db), before, "not migrated");
    // Ingesting into it, as the message says, upgrades it.
    let sample = attest_testkit::repo_root().join("samples/kabul-cooperation.txt");
    let output = run(&attest, &["ingest", sample.to_str().unwrap()], &db);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = run(&attest, &["stats", "--json"], &db);
    assert!(output.status.success());
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        stats["attributions"].as_u64().unwrap() > 0,
        "records backfilled"
    );
}
