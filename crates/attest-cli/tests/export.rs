//! `attest export TABLE`: stored records as CSV, JSON Lines and Parquet rows.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::attest;

use std::fs;
use std::path::Path;

use attest::tables::{ColumnType, Table};
use predicates::prelude::*;
use serde_json::Value;

/// Written for this test: real actors the built-in dictionary knows.
const STRIKE: &str = "date 2024-03-05
Russian forces attacked Ukrainian positions near Kharkiv on Tuesday, the Ukrainian army said.

Officials in Kyiv said the shelling damaged two schools. Moscow did not comment.
";

const TALKS: &str = "date 2024-03-06
Turkish and Iraqi ministers met in Ankara on Wednesday to discuss water sharing.
";

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
    export_table(db, Table::Events, format)
}

fn export_table(db: &Path, table: Table, format: &str) -> (Vec<u8>, String) {
    let output = attest()
        .args(["export", table.name(), "--format", format, "--db"])
        .arg(db)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    (output.stdout, stderr)
}

/// The events table's column names: the CSV header and JSON keys.
fn event_columns() -> Vec<&'static str> {
    names(Table::Events)
}

fn names(table: Table) -> Vec<&'static str> {
    table.columns().iter().map(|c| c.name).collect()
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
    assert_eq!(header, event_columns());
    assert!(
        stderr.contains(&format!(
            "exported {} row(s) of events from 2 article(s) (",
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
        assert_eq!(keys, event_columns());
        let columns = event_columns();
        let cell = |name: &str| row[columns.iter().position(|c| *c == name).unwrap()].as_str();
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
    assert_eq!(header, event_columns());
    let (_, all) = csv_rows(&before);
    let strike_rows: Vec<_> = all
        .into_iter()
        .filter(|r| {
            r[event_columns()
                .iter()
                .position(|c| *c == "SOURCEURL")
                .unwrap()]
                == "strike"
        })
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
    assert_eq!(header, event_columns());
    assert!(rows.is_empty());
    assert!(stderr.contains("exported 0 row(s) of events from 0 article(s)"));
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

/// A store of the sample articles (every input format attest reads).
fn sample_store(dir: &Path) -> std::path::PathBuf {
    let samples = attest_testkit::repo_root().join("samples");
    let articles: Vec<(String, String)> = [
        "kabul-cooperation.txt",
        "harbour-strike.txt",
        "aid-convoy.html",
        "wire.jsonl",
    ]
    .iter()
    .map(|name| {
        let text = fs::read_to_string(samples.join(name)).unwrap();
        (name.to_string(), text)
    })
    .collect();
    let borrowed: Vec<(&str, &str)> = articles
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    ingest(dir, &borrowed)
}

/// The JSON Lines rows of a table.
fn jsonl_rows(db: &Path, table: Table) -> Vec<serde_json::Map<String, Value>> {
    let (stdout, _) = export_table(db, table, "jsonl");
    String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The characters `start..end` (char offsets) of `text`.
fn chars(text: &str, start: &Value, end: &Value) -> String {
    let (start, end) = (start.as_u64().unwrap(), end.as_u64().unwrap());
    assert!(start <= end, "{start}..{end}");
    let count = usize::try_from(end - start).unwrap();
    text.chars()
        .skip(usize::try_from(start).unwrap())
        .take(count)
        .collect()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_table_has_its_columns_in_csv_and_json_lines_with_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_store(dir.path());
    for table in Table::ALL {
        let (csv_out, stderr) = export_table(&db, table, "csv");
        let (header, rows) = csv_rows(&csv_out);
        assert_eq!(header, names(table), "{table}");
        assert!(
            stderr.contains(&format!(
                "exported {} row(s) of {table} from 5 article(s)",
                rows.len()
            )),
            "{stderr}"
        );
        let objects = jsonl_rows(&db, table);
        assert_eq!(
            objects.len(),
            rows.len(),
            "{table}: one row a record in both"
        );
        assert!(!rows.is_empty(), "{table}: the samples have some");
        for (row, object) in rows.iter().zip(&objects) {
            let keys: Vec<&str> = object.keys().map(String::as_str).collect();
            assert_eq!(keys, names(table), "{table}");
            for (column, cell) in table.columns().iter().zip(row) {
                let value = &object[column.name];
                let fits = match (column.kind, value) {
                    (_, Value::Null) => cell.is_empty(),
                    (ColumnType::Text, Value::String(text)) => text == cell,
                    (ColumnType::Integer, Value::Number(n)) => n.is_i64() && n.to_string() == *cell,
                    (ColumnType::Float, Value::Number(n)) => cell.parse::<f64>().ok() == n.as_f64(),
                    _ => false,
                };
                assert!(fits, "{table}.{}: csv {cell:?}, json {value}", column.name);
            }
        }
    }
}

#[test]
fn rows_of_every_table_join_and_their_offsets_slice_the_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_store(dir.path());
    let articles = jsonl_rows(&db, Table::Articles);
    assert_eq!(articles.len(), 5);
    let text_of = |row: &serde_json::Map<String, Value>| -> String {
        let article = articles
            .iter()
            .find(|a| a["ArticleID"] == row["ArticleID"])
            .unwrap_or_else(|| panic!("no article {}", row["ArticleID"]));
        article["Text"].as_str().unwrap().to_owned()
    };
    for article in &articles {
        let text = article["Text"].as_str().unwrap();
        assert_eq!(article["Characters"], text.chars().count());
    }

    let attributions = jsonl_rows(&db, Table::Attributions);
    assert!(attributions.len() >= 5, "the samples quote many sources");
    let mut multi_part = 0;
    for row in &attributions {
        let text = text_of(row);
        let id = row["AttributionID"].as_str().unwrap();
        assert!(id.starts_with(&format!("{}-a", row["ArticleID"].as_str().unwrap())));
        let content = row["Content"].as_str().unwrap();
        let slice = collapse(&chars(&text, &row["ContentStart"], &row["ContentEnd"]));
        let parts: Vec<&str> = content.split(" ... ").collect();
        if parts.len() > 1 {
            multi_part += 1;
        }
        assert!(
            slice.starts_with(parts[0]) && slice.ends_with(parts[parts.len() - 1]),
            "{id}: {slice:?} holds {content:?}"
        );
        if let Some(cue) = row["Cue"].as_str().filter(|c| !c.contains(" ... ")) {
            assert_eq!(
                collapse(&chars(&text, &row["CueStart"], &row["CueEnd"])),
                cue
            );
        }
    }
    eprintln!("{multi_part} attribution(s) with content in parts");

    let entities = jsonl_rows(&db, Table::Entities);
    let entity_ids: Vec<&Value> = entities.iter().map(|e| &e["EntityID"]).collect();
    for row in &entities {
        if let Some(first) = row["FirstMention"].as_str() {
            let slice = chars(&text_of(row), &row["FirstStart"], &row["FirstEnd"]);
            assert_eq!(collapse(&slice), first, "{}", row["EntityID"]);
        }
    }
    for row in &attributions {
        if !row["Speaker"].is_null() {
            assert!(entity_ids.contains(&&row["Speaker"]), "{}", row["Speaker"]);
        }
    }
    let spoken: u64 = entities
        .iter()
        .map(|e| e["Statements"].as_u64().unwrap())
        .sum();
    let with_speaker = attributions
        .iter()
        .filter(|a| !a["Speaker"].is_null())
        .count();
    assert_eq!(usize::try_from(spoken).unwrap(), with_speaker);

    for row in &jsonl_rows(&db, Table::Events) {
        let id = row["GlobalEventID"].as_str().unwrap();
        let (key, _) = id.rsplit_once('-').unwrap();
        let article = articles.iter().find(|a| a["ArticleID"] == key).unwrap();
        let text = article["Text"].as_str().unwrap();
        let first = row["Evidence"]
            .as_str()
            .unwrap()
            .split(" | ")
            .next()
            .unwrap();
        let slice = chars(text, &row["EvidenceStart"], &row["EvidenceEnd"]);
        assert_eq!(collapse(&slice), first, "{id}");
    }
    let counted: u64 = articles.iter().map(|a| a["Events"].as_u64().unwrap()).sum();
    assert_eq!(
        usize::try_from(counted).unwrap(),
        jsonl_rows(&db, Table::Events).len()
    );
}

#[test]
fn each_table_has_long_help_listing_its_columns() {
    for table in Table::ALL {
        let output = attest()
            .args(["export", table.name(), "--help"])
            .output()
            .unwrap();
        assert!(output.status.success());
        let help = String::from_utf8(output.stdout).unwrap();
        // Help wraps to the terminal: compare words, not lines.
        let help = collapse(&help);
        for column in table.columns() {
            let entry = format!("{} (", column.name);
            assert!(help.contains(&entry), "{table} --help: {entry}");
            assert!(
                help.contains(&collapse(column.doc)),
                "{table} --help: {}",
                column.doc
            );
        }
        assert!(help.contains(&format!("--out {table}.parquet")), "{help}");
    }
}

/// The README's table of a table's columns, as [`Table::columns`] gives them.
fn readme_table(table: Table) -> String {
    let mut lines = vec![
        format!("`{}`:", table.name()),
        String::new(),
        "| column | type | meaning |".to_owned(),
        "|---|---|---|".to_owned(),
    ];
    for column in table.columns() {
        let doc = column.doc.replace('|', "\\|");
        lines.push(format!(
            "| `{}` | {} | {doc} |",
            column.name,
            column.kind.name()
        ));
    }
    lines.join("\n")
}

#[test]
fn the_readme_documents_every_column_as_the_tables_declare_them() {
    let readme = fs::read_to_string(attest_testkit::repo_root().join("README.md")).unwrap();
    let missing: Vec<String> = Table::ALL
        .into_iter()
        .map(readme_table)
        .filter(|expected| !readme.contains(expected))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md is out of date; its tables of columns should read:\n\n{}\n",
        missing.join("\n\n")
    );
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_in_a_build_without_it_says_how_to_build_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingest(dir.path(), &[("talks.txt", TALKS)]);
    let out = dir.path().join("events.parquet");
    attest()
        .args(["export", "events", "--format", "parquet", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&out)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("built without Parquet support")
                .and(predicate::str::contains("--features parquet")),
        );
    assert!(!out.exists());
}

#[cfg(feature = "parquet")]
mod parquet_files {
    use super::*;
    use arrow_schema::DataType;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn every_table_reads_back_with_its_schema_and_rows() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_store(dir.path());
        for table in Table::ALL {
            let path = dir.path().join(format!("{table}.parquet"));
            attest()
                .args(["export", table.name(), "--format", "parquet", "--db"])
                .arg(&db)
                .arg("--out")
                .arg(&path)
                .assert()
                .success()
                .stdout(predicate::str::is_empty());
            let file = fs::File::open(&path).unwrap();
            let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
            let schema = reader.schema().clone();
            let fields: Vec<(&str, &DataType, bool)> = schema
                .fields()
                .iter()
                .map(|f| (f.name().as_str(), f.data_type(), f.is_nullable()))
                .collect();
            let expected: Vec<(&str, &DataType, bool)> = table
                .columns()
                .iter()
                .map(|c| {
                    let kind = match c.kind {
                        ColumnType::Text => &DataType::Utf8,
                        ColumnType::Integer => &DataType::Int64,
                        ColumnType::Float => &DataType::Float64,
                    };
                    (c.name, kind, true)
                })
                .collect();
            assert_eq!(fields, expected, "{table}");
            let rows: usize = reader
                .build()
                .unwrap()
                .map(|batch| batch.unwrap().num_rows())
                .sum();
            assert_eq!(rows, jsonl_rows(&db, table).len(), "{table}");
        }
    }

    #[test]
    fn parquet_needs_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = ingest(dir.path(), &[("talks.txt", TALKS)]);
        attest()
            .args(["export", "events", "--format", "parquet", "--db"])
            .arg(&db)
            .assert()
            .failure()
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("--out FILE"));
    }
}
