//! The `attest` command as users run it: output contracts, bad input, the
//! store round trip and help texts.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::{attest, samples};

use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// One file of each kind of bad input, named after what is wrong with it,
/// with the words its error message must contain.
fn write_bad_inputs(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let empty_dir = dir.join("no-articles");
    fs::create_dir_all(&empty_dir).unwrap();
    fs::write(empty_dir.join("notes.ann"), "T1\tSource 0 4\tThey").unwrap();
    let files: Vec<(&str, &[u8], &str)> = vec![
        ("invalid-utf8.txt", b"The minister said \xff\xfe so.", "not valid UTF-8"),
        ("binary.txt", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", "binary data"),
        ("empty.txt", b" \n\n\t ", "empty article"),
        ("malformed.jsonl", b"{\"text\": \"A good line.\"}\n{\"text\": \"broken\n", "malformed JSON"),
        ("no-text.html", b"<html><head><title>Menu</title></head><body><nav><a href=/>Home</a></nav></body></html>", "HTML page without article text"),
    ];
    let mut bad: Vec<(PathBuf, &str)> = files
        .into_iter()
        .map(|(name, bytes, message)| {
            let path = dir.join(name);
            fs::write(&path, bytes).unwrap();
            (path, message)
        })
        .collect();
    bad.push((dir.join("missing.txt"), "no such file"));
    bad.push((empty_dir, "no articles found"));
    bad
}

#[test]
fn extract_of_one_file_prints_one_contract_object() {
    let output = attest()
        .args(["extract"])
        .arg(samples().join("kabul-cooperation.txt"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let objects = json_lines(&output.stdout);
    assert_eq!(objects.len(), 1);
    let analysis = &objects[0];
    assert_eq!(analysis["schema"], 1);
    assert_eq!(analysis["document"]["id"], "kabul-cooperation");
    assert_eq!(analysis["document"]["date"], "2024-03-12");
    for field in [
        "entities",
        "places",
        "times",
        "attributions",
        "events",
        "disputes",
    ] {
        assert!(analysis[field].is_array(), "{field} present");
    }
    assert_eq!(analysis["sentences"].as_array().unwrap().len(), 9);
    attest_testkit::check_spans(analysis).unwrap();
}

#[test]
fn extract_of_a_directory_prints_json_lines_in_order() {
    let output = attest().arg("extract").arg(samples()).output().unwrap();
    assert!(output.status.success());
    let ids: Vec<String> = json_lines(&output.stdout)
        .iter()
        .map(|a| {
            attest_testkit::check_spans(a).unwrap();
            a["document"]["id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        ids,
        [
            "aid-convoy",
            "harbour-strike",
            "kabul-cooperation",
            "wire-0117",
            "wire-0118"
        ]
    );
}

#[test]
fn the_text_report_lists_who_said_and_did_what() {
    attest()
        .args(["extract", "-", "--format", "text"])
        .write_stdin(" date 2024-03-05 Russia attacked Ukraine on Monday, the Ukrainian army said.")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("1 event(s)")
                .and(predicate::str::contains("Russia -> Ukraine: 190"))
                .and(predicate::str::contains("1 attribution(s)"))
                .and(predicate::str::contains(
                    "Ukrainian army [said] (indirect): Russia attacked Ukraine on Monday",
                ))
                .and(predicate::str::contains("entit(ies)")),
        );
}

#[test]
fn extract_reads_standard_input_and_forced_formats() {
    attest()
        .args(["extract", "-", "--format", "text"])
        .write_stdin(" date 2023-04-25 It rained. \"We left,\" she said.")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("[2023-04-25]").and(predicate::str::contains("2 sentence(s)")),
        );
    let output = attest()
        .args(["extract", "--input-format", "jsonl"])
        .write_stdin(
            "{\"id\": \"x\", \"text\": \"One. Two.\"}\n{\"id\": \"y\", \"text\": \"Three.\"}\n",
        )
        .output()
        .unwrap();
    assert_eq!(json_lines(&output.stdout).len(), 2);
    attest()
        .args(["extract", "--input-format", "xml", "-"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown input format"));
}

#[test]
fn extract_tokens_and_pretty_output() {
    let output = attest()
        .args(["extract", "--tokens", "--pretty", "-"])
        .write_stdin("Don't go.")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("\n  \"schema\": 1"), "indented");
    let analysis: Value = serde_json::from_str(&text).unwrap();
    let tokens: Vec<&str> = analysis["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert_eq!(tokens, ["Do", "n't", "go", "."]);
}

#[test]
fn each_bad_input_is_named_with_its_reason_and_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    for (path, message) in write_bad_inputs(dir.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let assert = attest().arg("extract").arg(&path).assert();
        if name == "malformed.jsonl" {
            assert.success().stderr(
                predicate::str::contains("malformed.jsonl:2")
                    .and(predicate::str::contains(message)),
            );
        } else {
            assert.failure().stderr(
                predicate::str::contains(name.as_str()).and(predicate::str::contains(message)),
            );
        }
    }
}

#[test]
fn ingest_stores_good_articles_once_and_reports_each_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let bad = write_bad_inputs(&corpus);
    for name in ["kabul-cooperation.txt", "wire.jsonl", "aid-convoy.html"] {
        fs::copy(samples().join(name), corpus.join(name)).unwrap();
    }
    let db = dir.path().join("news.db");
    let run = || {
        let output = attest()
            .arg("ingest")
            .arg(&corpus)
            .arg(corpus.join("missing.txt"))
            .arg(corpus.join("no-articles"))
            .arg("--json")
            .arg("--db")
            .arg(&db)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
        (summary, String::from_utf8(output.stderr).unwrap())
    };
    let (first, stderr) = run();
    // 1 text + 2 JSON lines + 1 HTML + the good line of malformed.jsonl
    assert_eq!(first["stored"], 5, "{first}");
    assert_eq!(first["skipped"], 7, "{first}");
    for (path, message) in &bad {
        let name = path.file_name().unwrap().to_string_lossy();
        let reported = first["skipped_inputs"].as_array().unwrap().iter().any(|s| {
            s["location"].as_str().unwrap().contains(name.as_ref())
                && s["reason"].as_str().unwrap().contains(message)
        });
        assert!(reported, "{name} reported with {message:?}: {first}");
        assert!(
            stderr.contains(name.as_ref()),
            "{name} reported as it happens"
        );
    }
    let (second, _) = run();
    assert_eq!(second["stored"], 0);
    assert_eq!(second["already_present"], 5);
    let stats = attest()
        .args(["stats", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["articles"], 5);
}

#[test]
fn ingest_of_nothing_but_bad_input_fails() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"\xff\xff").unwrap();
    attest()
        .arg("ingest")
        .arg(&bad)
        .arg("--db")
        .arg(dir.path().join("x.db"))
        .assert()
        .failure()
        .stdout(predicate::str::contains("skipped 1"));
}

#[test]
fn search_finds_ranks_and_rejects_bad_queries() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    attest()
        .arg("ingest")
        .arg(samples())
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    let output = attest()
        .args([
            "search",
            "detained OR quotas",
            "--json",
            "--limit",
            "5",
            "--db",
        ])
        .arg(&db)
        .output()
        .unwrap();
    let results: Value = serde_json::from_slice(&output.stdout).unwrap();
    let results = results["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for hit in results {
        for key in ["id", "title", "date", "source", "snippet", "score"] {
            assert!(hit.get(key).is_some(), "{key} in {hit}");
        }
    }
    attest()
        .args(["search", "Kabul", "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("kabul-cooperation").and(predicate::str::contains("«Kabul»")),
        );
    attest()
        .args(["search", "\"unclosed phrase", "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("invalid search query"));
    attest()
        .env("ATTEST_DB", dir.path().join("absent.db"))
        .args(["search", "Kabul"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no database at"));
}

#[test]
fn ingest_of_nothing_readable_creates_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    attest()
        .args(["ingest", "/nonexistent", "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("/nonexistent: no such file"));
    assert!(!db.exists(), "no empty database left behind");
}

#[test]
fn a_skipped_duplicate_id_is_named_by_file_and_line_and_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let (first, second) = (
        dir.path().join("first.jsonl"),
        dir.path().join("second.jsonl"),
    );
    fs::write(&first, "{\"id\": \"x1\", \"text\": \"The talks began.\"}\n").unwrap();
    fs::write(
        &second,
        "{\"id\": \"y\", \"text\": \"Rain fell.\"}\n{\"id\": \"x1\", \"text\": \"Other talks.\"}\n",
    )
    .unwrap();
    attest()
        .arg("ingest")
        .arg(&first)
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    let output = attest()
        .args(["ingest", "--json", "--db"])
        .arg(&db)
        .arg(&second)
        .output()
        .unwrap();
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    let skip = &summary["skipped_inputs"][0];
    let location = format!("{}:2", second.display());
    assert_eq!(skip["location"], location.as_str(), "{summary}");
    assert_eq!(skip["id"], "x1");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&location) && stderr.contains("\"x1\""),
        "{stderr}"
    );
}

#[test]
fn an_ingest_that_fails_after_storing_prints_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let corpus = dir.path().join("corpus.jsonl");
    let lines: String = (0..30)
        .map(|i| {
            let id = if i == 25 {
                "poison".to_owned()
            } else {
                format!("a{i}")
            };
            format!("{{\"id\": \"{id}\", \"text\": \"Officials met on day {i}.\"}}\n")
        })
        .collect();
    fs::write(&corpus, lines).unwrap();
    attest()
        .arg("ingest")
        .arg(samples().join("kabul-cooperation.txt"))
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    // Any store error will do: this one refuses the batch holding "poison".
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER poison BEFORE INSERT ON articles WHEN new.id = 'poison'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
        )
        .unwrap();
    let output = attest()
        .args(["ingest", "--json", "--batch-size", "10", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["stored"], 20, "{summary}");
    assert!(
        summary["error"]
            .as_str()
            .unwrap()
            .contains("refused by the test")
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("refused by the test"));
}

#[test]
fn a_sqlite_message_is_printed_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hollow.db");
    // At the current schema version, but without its tables.
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", attest_store::SCHEMA_VERSION)
        .unwrap();
    let output = attest().args(["stats", "--db"]).arg(&db).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert_eq!(stderr.matches("no such table").count(), 1, "{stderr}");
}

#[test]
fn search_refuses_a_limit_of_zero() {
    attest()
        .args(["search", "Kabul", "--limit", "0", "--db", "unused.db"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--limit"));
}

#[test]
fn help_explains_itself_and_other_commands() {
    attest()
        .args(["help", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage: attest help"));
    attest()
        .args(["help", "export", "events"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage: attest export events"));
    attest().args(["help", "nosuch"]).assert().code(2);
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in [
        vec!["--help"],
        vec!["extract", "--help"],
        vec!["ingest", "--help"],
        vec!["search", "--help"],
        vec!["stats", "--help"],
        vec!["check", "--help"],
        vec!["help", "--help"],
        vec!["eval", "segment", "--help"],
        vec!["eval", "pos", "--help"],
        vec!["eval", "chunk", "--help"],
        vec!["eval", "ner", "--help"],
        vec!["train", "pos", "--help"],
        vec!["train", "chunk", "--help"],
        vec!["train", "ner", "--help"],
        vec!["train", "clusters", "--help"],
        vec!["bench", "--help"],
        vec!["eval", "pos", "--help"],
        vec!["eval", "chunk", "--help"],
        vec!["eval", "ner", "--help"],
        vec!["train", "pos", "--help"],
        vec!["train", "chunk", "--help"],
        vec!["train", "ner", "--help"],
        vec!["train", "clusters", "--help"],
        vec!["bench", "--help"],
        vec!["eval", "petrarch", "--help"],
    ] {
        attest()
            .args(&command)
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
}

#[test]
fn search_refuses_queries_over_the_limits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    attest()
        .arg("ingest")
        .arg(samples())
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    let terms: Vec<String> = (0..2400).map(|i| format!("w{i}")).collect();
    attest()
        .arg("search")
        .arg(terms.join(" OR "))
        .arg("--db")
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("at most 1000 are accepted"));
    attest()
        .arg("search")
        .arg(terms[..65].join(" OR "))
        .arg("--db")
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("65 terms; at most 64"));
    attest()
        .arg("search")
        .arg("kabul ".repeat(200))
        .arg("--db")
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("1200 bytes long; at most 1000"));
    attest()
        .arg("search")
        .arg(terms[..64].join(" OR "))
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
}
