//! Properties that hold for any input: no panic, and every span in bounds, on
//! char boundaries, sorted, and slicing to its text.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use attest::read::{JsonLines, read_html, read_plain};
use attest::segment::Segmenter;
use std::sync::LazyLock;

use attest::{Document, OutputOptions, Pipeline};
use proptest::prelude::*;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::new().unwrap());

/// Pieces that stress the segmenter more than uniform random text does.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("U.S.".to_owned()),
        Just("Mr.".to_owned()),
        Just("\"".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("'".to_owned()),
        Just("’s".to_owned()),
        Just("n't".to_owned()),
        Just("...".to_owned()),
        Just("—".to_owned()),
        Just(". ".to_owned()),
        Just("? ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just(" ".to_owned()),
        Just("http://x.org/a.b".to_owned()),
        Just("1,000.5".to_owned()),
        Just("ISIS-K".to_owned()),
        Just("👨‍👩‍👧".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("\u{200B}".to_owned()),
        "[A-Za-z]{1,8}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

fn check_segmentation(text: &str) {
    let (tokens, sentences) = Segmenter::new().segment(text);
    let mut previous_end = 0;
    for token in &tokens {
        assert!(
            token.span.start >= previous_end,
            "tokens sorted and disjoint"
        );
        assert!(!token.span.is_empty());
        let slice = text
            .get(token.span.range())
            .expect("token on char boundaries");
        assert!(!slice.chars().any(attest::lexicon::tokens::is_separator));
        previous_end = token.span.end;
    }
    let mut next_token = 0;
    for sentence in &sentences {
        assert_eq!(
            sentence.tokens.start, next_token,
            "sentences cover tokens in order"
        );
        assert!(sentence.tokens.end > sentence.tokens.start);
        assert_eq!(
            sentence.span.start,
            tokens[sentence.tokens.start].span.start
        );
        assert_eq!(sentence.span.end, tokens[sentence.tokens.end - 1].span.end);
        next_token = sentence.tokens.end;
    }
    assert_eq!(next_token, tokens.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn segmentation_of_any_string_is_exact(text in any::<String>()) {
        check_segmentation(&text);
    }

    #[test]
    fn segmentation_of_tricky_text_is_exact(text in tricky_text()) {
        check_segmentation(&text);
    }

    #[test]
    fn contract_spans_slice_back(text in tricky_text()) {
        let analysis = PIPELINE.analyse_with(Document::from_text(text), OutputOptions { tokens: true });
        let json = serde_json::to_value(&analysis).unwrap();
        prop_assert!(attest_testkit::check_spans(&json).is_ok(), "{:?}", attest_testkit::check_spans(&json));
        attest_testkit::check_sorted(json["sentences"].as_array().unwrap()).unwrap();
    }

    #[test]
    fn readers_take_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = read_html(&bytes, None);
        let _ = JsonLines::new(bytes.as_slice()).count();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = read_plain(text, None);
        }
    }

    #[test]
    fn dated_plain_text_cuts_exactly_the_date_line(body in "[A-Za-z .\"\n]{1,80}") {
        let input = format!(" date 2023-04-25 {body}");
        match read_plain(&input, None) {
            Ok(doc) => {
                prop_assert!(input.ends_with(&doc.text));
                prop_assert_eq!(doc.date.map(|d| d.to_string()), Some("2023-04-25".to_owned()));
            }
            Err(_) => prop_assert!(body.trim().is_empty()),
        }
    }
}

/// Words of every kind the parser may meet: known, unseen, punctuation.
fn parse_word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("the".to_owned()),
        Just("said".to_owned()),
        Just("Taliban".to_owned()),
        Just(",".to_owned()),
        Just(".".to_owned()),
        Just("\"".to_owned()),
        Just("(".to_owned()),
        Just("and".to_owned()),
        Just("to".to_owned()),
        "[a-z]{1,10}",
        "[A-Z][a-z]{0,8}",
        "[0-9]{1,4}",
        "[!?;:-]{1,3}",
    ]
}

/// Every sentence the parser reads gets one tree: one root, heads inside
/// the sentence, no cycle.
fn assert_one_tree(heads: &[usize]) {
    let n = heads.len();
    assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1, "{heads:?}");
    for (i, &h) in heads.iter().enumerate() {
        assert!(h <= n && h != i + 1, "{heads:?}");
    }
    for start in 1..=n {
        let (mut at, mut steps) = (start, 0);
        while at != 0 {
            at = heads[at - 1];
            steps += 1;
            assert!(steps <= n, "a cycle through word {start}: {heads:?}");
        }
    }
}

static PARSER: LazyLock<attest::parse::Parser> =
    LazyLock::new(|| attest::parse::Parser::load(None).unwrap());

fn parse(words: &[String], tag: usize) -> Vec<usize> {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let tags = vec![tag; words.len()];
    let mut scratch = attest::parse::Scratch::default();
    PARSER.parse(&PARSER.view(&words, &tags), &mut scratch).0
}

proptest! {
    #[test]
    fn every_sentence_gets_one_tree(words in prop::collection::vec(parse_word(), 1..80), tag in 0usize..51) {
        assert_one_tree(&parse(&words, tag));
    }
}

#[test]
fn long_and_odd_sentences_get_one_tree() {
    let long: Vec<String> = (0..2000)
        .map(|i| ["the", "men", "said", ",", "Zorblax"][i % 5].to_owned())
        .collect();
    assert_one_tree(&parse(&long, 1));
    assert_one_tree(&parse(&[".".to_owned()], 7));
    assert_one_tree(&parse(&vec!["!".to_owned(); 40], 7));
}
