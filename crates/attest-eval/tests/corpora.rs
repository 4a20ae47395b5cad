//! Segmentation on the shared corpora: the figures `attest eval segment`
//! reports must not fall below the project's targets, and real articles must
//! segment with exact spans.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use attest::corpus::conllu::read_conllu;
use attest::read::Inputs;
use attest::segment::Segmenter;
use attest::{OutputOptions, Pipeline};
use attest_eval::segment;

#[test]
fn ewt_dev_segmentation_meets_its_targets() {
    let Some(path) = attest_testkit::shared("corpora/ud/en_ewt/en_ewt-ud-dev.conllu") else {
        return;
    };
    let sentences = read_conllu(&std::fs::read_to_string(path).unwrap()).unwrap();
    let report = segment::evaluate(&sentences, &Segmenter::new());
    assert!(
        report.sentences.f1 >= 0.85,
        "sentence F1 {:.4}",
        report.sentences.f1
    );
    assert!(report.tokens.f1 >= 0.95, "token F1 {:.4}", report.tokens.f1);
}

#[test]
fn polnear_dev_articles_segment_with_exact_spans() {
    let Some(dir) = attest_testkit::shared("corpora/polnear/dev/text") else {
        return;
    };
    let pipeline = Pipeline::new().unwrap();
    let mut articles = 0;
    for doc in Inputs::new(&[dir], None) {
        let analysis = pipeline.analyse_with(doc.unwrap(), OutputOptions { tokens: true });
        let json = serde_json::to_value(&analysis).unwrap();
        attest_testkit::check_spans(&json).unwrap();
        attest_testkit::check_sorted(json["tokens"].as_array().unwrap()).unwrap();
        articles += 1;
    }
    assert_eq!(articles, 84);
}
