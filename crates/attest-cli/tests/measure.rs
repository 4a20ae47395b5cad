//! The measuring commands as users run them: `attest eval`, `attest train`
//! and `attest bench` on the shared corpora and the samples.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::{attest, samples};

use predicates::prelude::*;
use serde_json::Value;
use std::fs;

#[test]
fn eval_segment_prints_a_table_and_json() {
    let Some(ewt) = attest_testkit::shared("corpora/ud/en_ewt/en_ewt-ud-dev.conllu") else {
        return;
    };
    let output = attest()
        .args(["eval", "segment", "--json"])
        .arg(ewt)
        .output()
        .unwrap();
    let (stdout, report) = common::json_report(output);
    assert!(stdout.contains("sentences") && stdout.contains("precision"));
    assert_eq!(report["task"], "segment");
    assert_eq!(report["documents"], 318);
    for key in ["precision", "recall", "f1", "tp", "predicted", "gold"] {
        assert!(report["sentences"].get(key).is_some());
    }
}

#[test]
fn tokens_carry_part_of_speech_chunk_and_entity_tags() {
    let output = attest()
        .args(["extract", "--tokens", "-"])
        .write_stdin("Maria Lindqvist met officials in Kabul on Monday.")
        .output()
        .unwrap();
    let analysis: Value = serde_json::from_slice(&output.stdout).unwrap();
    let tokens = analysis["tokens"].as_array().unwrap();
    let tag = |i: usize, key: &str| tokens[i][key].as_str().unwrap().to_owned();
    assert_eq!(
        (tag(0, "pos"), tag(0, "ner")),
        ("NNP".into(), "B-PER".into())
    );
    assert_eq!(tag(1, "ner"), "I-PER");
    assert_eq!(tag(2, "pos"), "VBD");
    assert_eq!(tag(5, "ner"), "B-LOC");
    assert_eq!(tag(3, "chunk"), "B-NP");
    assert_eq!(tag(4, "chunk"), "B-PP");
}

#[test]
fn a_model_trained_by_the_command_is_evaluated_by_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("chunks.txt");
    let mut text = String::new();
    for _ in 0..60 {
        text.push_str(
            "The DT B-NP\ntalks NNS I-NP\nresumed VBD B-VP\nin IN B-PP\nGeneva NNP B-NP\n. . O\n\n",
        );
    }
    fs::write(&corpus, text).unwrap();
    let model = dir.path().join("chunk.bin");
    attest()
        .args(["train", "chunk", "--epochs", "2", "--train"])
        .arg(&corpus)
        .arg("--dev")
        .arg(&corpus)
        .arg("--out")
        .arg(&model)
        .assert()
        .success()
        .stderr(predicate::str::contains("epoch 2/2").and(predicate::str::contains("dev span F1")));
    let predictions = dir.path().join("predictions.txt");
    let output = attest()
        .args(["eval", "chunk", "--json", "--chunk-model"])
        .arg(&model)
        .arg("--predictions")
        .arg(&predictions)
        .arg(&corpus)
        .output()
        .unwrap();
    let (_, report) = common::json_report(output);
    assert_eq!(report["task"], "chunk");
    assert_eq!(report["f1"], 1.0);
    for key in ["tokens", "precision", "recall", "per_type"] {
        assert!(report.get(key).is_some(), "{key}");
    }
    let written = fs::read_to_string(&predictions).unwrap();
    assert!(
        written.starts_with("The B-NP B-NP\ntalks I-NP I-NP\n"),
        "{written}"
    );
    assert_eq!(
        written.matches("\n\n").count(),
        60,
        "a blank line after each sentence"
    );
    attest()
        .args(["eval", "pos", "--pos-model"])
        .arg(&model)
        .arg(&corpus)
        .assert()
        .failure()
        .stderr(predicate::str::contains("model is for chunk"));
}

#[test]
fn bench_reports_speed_per_stage() {
    let output = attest()
        .args(["bench", "--json"])
        .arg(samples())
        .output()
        .unwrap();
    let (stdout, report) = common::json_report(output);
    assert!(stdout.contains("tokens/s") && stdout.contains("per stage"));
    assert_eq!(report["articles"], 5);
    let stages: Vec<&str> = report["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "segment", "tag", "parse", "entities", "time", "quotes", "claims", "events"
        ]
    );
}
