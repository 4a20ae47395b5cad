//! The shipped taggers on the shared corpora: floors under the figures
//! `attest eval` reports (a drop below one is a regression), agreement of the
//! fast cached labelling with the plain one, and deterministic training.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use attest::corpus::conll::{read_conll2000, read_ner};
use attest::corpus::conllu::read_conllu;
use attest::learn::sequence::TrainConfig;
use attest::learn::tagger::iob_tags;
use attest::model::labels::{CHUNK_KINDS, ENTITY_KINDS};
use attest::tag::Tagger;
use attest_eval::tagging;

fn iob(n: usize, spans: &[(usize, usize, u8)], kinds: &[&str]) -> Vec<String> {
    iob_tags(n, spans)
        .into_iter()
        .map(|t| t.to_string_with(kinds))
        .collect()
}

#[test]
fn part_of_speech_accuracy_on_ewt_dev() {
    let Some(path) = attest_testkit::shared("corpora/ud/en_ewt/en_ewt-ud-dev.conllu") else {
        return;
    };
    let tagger = Tagger::embedded().unwrap();
    let sentences = read_conllu(&std::fs::read_to_string(path).unwrap()).unwrap();
    let pairs: Vec<(Vec<String>, Vec<String>)> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words().map(|w| w.form.as_str()).collect();
            let predicted = tagger
                .pos_tags(&words)
                .iter()
                .map(|p| p.as_str().to_owned())
                .collect();
            (s.words().map(|w| w.xpos.clone()).collect(), predicted)
        })
        .collect();
    let report = tagging::accuracy(pairs.iter().map(|(g, p)| (g.as_slice(), p.as_slice())));
    assert!(report.accuracy >= 0.94, "accuracy {:.4}", report.accuracy);
}

#[test]
fn chunk_f1_on_conll2000_dev() {
    let Some(path) = attest_testkit::shared("corpora/conll2000/dev-10.txt") else {
        return;
    };
    let tagger = Tagger::embedded().unwrap();
    let sentences = read_conll2000(&std::fs::read_to_string(path).unwrap()).unwrap();
    let pairs: Vec<(Vec<String>, Vec<String>)> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let pos: Vec<&str> = s.pos.iter().map(String::as_str).collect();
            let spans = tagger.chunk_with_pos(&words, &pos);
            (s.tags.clone(), iob(words.len(), &spans, &CHUNK_KINDS))
        })
        .collect();
    let report = tagging::span_scores(
        "chunk",
        pairs.iter().map(|(g, p)| (g.as_slice(), p.as_slice())),
    );
    assert!(report.f1 >= 0.92, "chunk F1 {:.4}", report.f1);
}

#[test]
fn entity_f1_on_conll2003_testa() {
    let Some(path) = attest_testkit::shared("corpora/conll2003/eng.testa") else {
        return;
    };
    let tagger = Tagger::embedded().unwrap();
    let sentences = read_ner(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut pairs = Vec::new();
    for document in sentences.chunk_by(|a, b| a.doc == b.doc) {
        let words: Vec<Vec<&str>> = document
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        for (sentence, tagged) in document.iter().zip(tagger.tag_sentences(&words)) {
            let predicted: Vec<String> = iob(sentence.words.len(), &tagged.names, &ENTITY_KINDS)
                .into_iter()
                .map(|t| t.replace("NORP", "MISC"))
                .collect();
            pairs.push((sentence.tags.clone(), predicted));
        }
    }
    let report = tagging::span_scores(
        "ner",
        pairs.iter().map(|(g, p)| (g.as_slice(), p.as_slice())),
    );
    assert!(report.f1 >= 0.885, "entity F1 {:.4}", report.f1);
}

#[test]
fn cached_tagging_agrees_with_plain_tagging() {
    let Some(path) = attest_testkit::shared("corpora/ud/en_gum/en_gum-ud-dev.conllu") else {
        return;
    };
    let tagger = Tagger::embedded().unwrap();
    let sentences = read_conllu(&std::fs::read_to_string(path).unwrap()).unwrap();
    for sentence in sentences.iter().take(400) {
        let words: Vec<&str> = sentence.words().map(|w| w.form.as_str()).collect();
        let cached = tagger
            .tag_sentences(std::slice::from_ref(&words))
            .remove(0)
            .pos;
        assert_eq!(cached, tagger.pos_tags(&words), "{words:?}");
    }
}

#[test]
fn training_is_deterministic_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("tiny.txt");
    let mut text = String::new();
    for (i, (w, p, c)) in [
        ("The", "DT", "B-NP"),
        ("talks", "NNS", "I-NP"),
        ("resumed", "VBD", "B-VP"),
        ("in", "IN", "B-PP"),
        ("Geneva", "NNP", "B-NP"),
        (".", ".", "O"),
    ]
    .iter()
    .cycle()
    .take(600)
    .enumerate()
    {
        text.push_str(&format!("{w} {p} {c}\n"));
        if i % 6 == 5 {
            text.push('\n');
        }
    }
    std::fs::write(&corpus, text).unwrap();
    let sources = attest::learn::train::Sources {
        train: vec![corpus.clone()],
        dev: Some(corpus),
        clusters: None,
    };
    let config = TrainConfig {
        epochs: 3,
        ..TrainConfig::default()
    };
    let train = || {
        attest::tag::chunk::train_chunk(&sources, config, |_| {})
            .unwrap()
            .to_bytes()
            .unwrap()
    };
    let (a, b) = (train(), train());
    assert_eq!(a, b, "same data and seed, same model");
    let other =
        attest::tag::chunk::train_chunk(&sources, TrainConfig { seed: 7, ..config }, |_| {})
            .unwrap();
    assert_eq!(other.header.seed, 7);
}
