//! The seed article (read from `../shared/fixtures/seed/`, never copied into the
//! repository): its date, its sentences and its tokens, checked against offsets
//! kept in `tests/golden/seed-segmentation.json`.
//!
//! After a deliberate change to segmentation, regenerate the golden file with
//! `UPDATE_GOLDEN=1 cargo test -p attest --test seed` and review its diff.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::path::PathBuf;

use attest::read::Inputs;
use attest::{OutputOptions, Pipeline};
use serde_json::{Value, json};

const GOLDEN: &str = "tests/golden/seed-segmentation.json";

fn seed_analysis() -> Option<Value> {
    let path = attest_testkit::shared("fixtures/seed/article.txt")?;
    let mut inputs = Inputs::new(&[path], None);
    let doc = inputs
        .next()
        .expect("one article")
        .expect("the seed article reads");
    assert!(inputs.next().is_none());
    let analysis = Pipeline::new()
        .unwrap()
        .analyse_with(doc, OutputOptions { tokens: true });
    Some(serde_json::to_value(analysis).expect("analysis serialises"))
}

fn offsets(spans: &Value) -> Value {
    spans
        .as_array()
        .expect("a list of spans")
        .iter()
        .map(|s| json!([s["start"], s["end"], s["char_start"], s["char_end"]]))
        .collect()
}

#[test]
fn seed_article_is_dated_and_cut() {
    let Some(analysis) = seed_analysis() else {
        return;
    };
    assert_eq!(analysis["document"]["date"], "2023-04-25");
    assert_eq!(analysis["document"]["id"], "article");
    let text = analysis["document"]["text"].as_str().unwrap();
    assert!(
        text.starts_with("A report by Washington Post"),
        "the date line is cut"
    );
}

#[test]
fn seed_sentences_and_tokens_match_the_golden_offsets() {
    let Some(analysis) = seed_analysis() else {
        return;
    };
    let text = analysis["document"]["text"].as_str().unwrap();
    let actual = json!({
        "text_bytes": text.len(),
        "text_chars": text.chars().count(),
        "sentences": offsets(&analysis["sentences"]),
        "tokens": offsets(&analysis["tokens"]),
    });
    let golden_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(GOLDEN);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden_path, serde_json::to_string(&actual).unwrap() + "\n").unwrap();
    }
    let golden: Value =
        serde_json::from_str(&std::fs::read_to_string(&golden_path).unwrap()).unwrap();
    assert_eq!(golden["text_bytes"], actual["text_bytes"]);
    assert_eq!(
        golden["sentences"], actual["sentences"],
        "help: sentence offsets changed"
    );
    assert_eq!(
        golden["tokens"], actual["tokens"],
        "help: token offsets changed"
    );
    assert_eq!(
        actual["sentences"].as_array().unwrap().len(),
        18,
        "17 sentences + 1 inside the quotation"
    );
}

#[test]
fn every_seed_span_slices_back() {
    let Some(analysis) = seed_analysis() else {
        return;
    };
    let checked = attest_testkit::check_spans(&analysis).unwrap();
    assert!(checked > 500, "only {checked} spans");
    attest_testkit::check_sorted(analysis["sentences"].as_array().unwrap()).unwrap();
    attest_testkit::check_sorted(analysis["tokens"].as_array().unwrap()).unwrap();
}
