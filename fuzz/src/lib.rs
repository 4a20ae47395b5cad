//! What every fuzz target checks of what the readers return: the invariants
//! users rely on, asserted so that a broken one is a crash the fuzzer saves.
//!
//! - A document has text that is not blank, a date in years 1 to 9999 (or
//!   none), and a `meta.date_raw` only when it has no date.
//! - The segmenter's spans over the text are sorted, disjoint, on character
//!   boundaries, and their character offsets count the characters before them.
//! - An offset a problem reports (the first byte that is not UTF-8) is that
//!   byte in the input as given.

use std::io::Cursor;

use attest::read::{InputFormat, Location, Problem, ReadError, read_input};
use attest::segment::Segmenter;
use attest::{CharIndex, Document};
use chrono::Datelike;

/// One record a reader gave, with where it said it was.
pub type Item = (Location, Result<Document, ReadError>);

/// The records of `data` read as one file named `name` in `format`, as
/// `attest` reads a file (the plain-text and HTML id being the file's stem).
pub fn read(data: &[u8], name: &str, format: InputFormat) -> Vec<Item> {
    let id = name.split('.').next().map(str::to_owned);
    read_input(Cursor::new(data.to_vec()), Location::file(name), format, id).collect()
}

/// The document invariants, and the segmentation of its text.
pub fn check_document(doc: &Document) {
    assert!(!doc.text.trim().is_empty(), "a document with blank text");
    if let Some(date) = doc.date {
        assert!(
            (1..=9999).contains(&date.year()),
            "a date out of years 1-9999: {date}"
        );
        assert!(
            !doc.meta.contains_key("date_raw"),
            "a date and a date_raw both"
        );
    }
    check_segmentation(&doc.text);
}

/// Tokens and sentences of `text`: sorted, disjoint, on char boundaries, not
/// empty, covering every token once; char offsets consistent with the bytes.
pub fn check_segmentation(text: &str) {
    let (tokens, sentences) = Segmenter::new().segment(text);
    let chars = CharIndex::new(text);
    let mut previous_end = 0;
    for token in &tokens {
        let span = token.span;
        assert!(span.start >= previous_end, "tokens sorted and disjoint");
        assert!(!span.is_empty(), "an empty token");
        let slice = text.get(span.range()).expect("a token on char boundaries");
        assert!(
            !slice.chars().any(attest::lexicon::tokens::is_separator),
            "a token holding a separator: {slice:?}"
        );
        let out = chars.text_span(span);
        assert_eq!(out.char_start, text[..span.start].chars().count());
        assert_eq!(out.char_end - out.char_start, slice.chars().count());
        previous_end = span.end;
    }
    let mut next_token = 0;
    for sentence in &sentences {
        assert_eq!(sentence.tokens.start, next_token, "sentences in order");
        assert!(
            sentence.tokens.end > sentence.tokens.start,
            "an empty sentence"
        );
        assert_eq!(
            sentence.span.start,
            tokens[sentence.tokens.start].span.start
        );
        assert_eq!(sentence.span.end, tokens[sentence.tokens.end - 1].span.end);
        next_token = sentence.tokens.end;
    }
    assert_eq!(next_token, tokens.len(), "sentences cover every token");
}

/// A problem's invariants for the bytes it was found in: a reported bad UTF-8
/// offset is the first byte of `bytes` that is not UTF-8, and binary data has
/// a NUL byte in its first 8 KiB.
pub fn check_problem(bytes: &[u8], problem: &Problem) {
    match problem {
        Problem::InvalidUtf8(offset) => {
            assert!(*offset < bytes.len(), "bad UTF-8 offset past the end");
            let error = std::str::from_utf8(bytes).expect_err("reported bad UTF-8 in valid UTF-8");
            assert_eq!(
                error.valid_up_to(),
                *offset,
                "the reported offset is not the first bad byte"
            );
        }
        Problem::Binary => assert!(bytes[..bytes.len().min(8192)].contains(&0)),
        Problem::Empty | Problem::Json(_) | Problem::Record(_) | Problem::NoText => {}
        other => panic!("a problem no bytes can cause here: {other:?}"),
    }
}

/// `bytes` without a UTF-8 byte-order mark.
pub fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The input's lines as a line reader cuts them (each with its `\n`).
pub fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|b| *b == b'\n').collect()
}

/// The 1-based numbers of the lines that are not blank (a byte-order mark
/// opening the input counting as blank): the lines a JSON Lines reader must
/// report, one record each.
pub fn record_lines(bytes: &[u8]) -> Vec<usize> {
    lines(without_bom(bytes))
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(i, _)| i + 1)
        .collect()
}

/// Check the records of a JSON Lines input: one for each line that is not
/// blank, in order, each naming its line; problems hold for their line.
pub fn check_json_lines(data: &[u8], name: &str, items: &[Item]) {
    let lines = lines(data);
    let mut numbers = Vec::new();
    for (location, result) in items {
        assert_eq!(location.path.as_deref(), Some(std::path::Path::new(name)));
        let Some(attest::read::Position::Line(line)) = location.position else {
            panic!("a JSON Lines record without its line: {location}");
        };
        numbers.push(line);
        match result {
            Ok(doc) => check_document(doc),
            Err(error) => {
                assert_eq!(
                    &error.location, location,
                    "an error elsewhere than its record"
                );
                assert!(
                    error.to_string().starts_with(&format!("{name}:{line}: ")),
                    "an error message without its line: {error}"
                );
                check_problem(lines[line - 1], &error.problem);
            }
        }
    }
    assert_eq!(numbers, record_lines(data), "records and lines out of step");
}
