//! Plain text as `attest` reads a `.txt` file: one document or one error
//! naming the file. Nothing is lost: the text is the input, or the input less
//! a date line that holds the document's date and nothing else.

use attest::read::{InputFormat, Location, Problem, parse_date};
use attest_fuzz::{check_document, check_problem, read, without_bom};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let items = read(data, "article.txt", InputFormat::Text);
        let [(location, result)] = items.as_slice() else {
            panic!("{} records from one text file", items.len());
        };
        assert_eq!(*location, Location::file("article.txt"));
        match result {
            Ok(doc) => {
                check_document(doc);
                check_text(without_bom(data), doc);
            }
            Err(error) => {
                assert_eq!(error.location, *location);
                check_problem(data, &error.problem);
                if error.problem == Problem::Empty {
                    check_empty(without_bom(data));
                }
            }
        }
    });
}

/// Empty: blank, or a date line and nothing after it.
fn check_empty(data: &[u8]) {
    let text = std::str::from_utf8(data)
        .expect("empty text is UTF-8")
        .trim_start();
    let dated = text
        .get(..4)
        .is_some_and(|k| k.eq_ignore_ascii_case("date"));
    let blank_after = text.lines().skip(1).all(|line| line.trim().is_empty());
    assert!(
        text.is_empty() || (dated && blank_after),
        "called empty: {text:?}"
    );
}

/// The document's text is the input, or the input less a date line.
fn check_text(data: &[u8], doc: &attest::Document) {
    let input = std::str::from_utf8(data).expect("a document from valid UTF-8");
    assert!(
        input.ends_with(&doc.text),
        "the text is not the input's end"
    );
    let cut = &input[..input.len() - doc.text.len()];
    match doc.date {
        None => assert!(cut.is_empty(), "text cut without a date: {cut:?}"),
        Some(date) => check_date_line(cut, date),
    }
    if let Some(raw) = doc.meta.get("date_raw") {
        let raw = raw.as_str().expect("date_raw is a string");
        let first_line = doc.text.trim_start().lines().next().unwrap_or("");
        assert!(
            first_line.contains(raw),
            "date_raw {raw:?} is not the date line"
        );
    }
}

/// `cut` is `date` or `Date:`, a date that reads as `date`, white space, and
/// no word that is not part of a date or a time of day.
fn check_date_line(cut: &str, date: chrono::NaiveDate) {
    let line = cut.trim_start();
    assert!(
        line.get(..4)
            .is_some_and(|k| k.eq_ignore_ascii_case("date")),
        "a cut that is no date line: {cut:?}"
    );
    let rest = line[4..].strip_prefix(':').unwrap_or(&line[4..]);
    assert!(
        rest.starts_with([' ', '\t']),
        "no space after the keyword: {cut:?}"
    );
    assert_eq!(parse_date(rest), Some(date), "the cut line's date: {cut:?}");
    for word in words(rest) {
        assert!(
            is_date_word(word),
            "the date line lost the word {word:?}: {cut:?}"
        );
    }
}

/// Runs of letters.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
}

/// Month and weekday names and their abbreviations, ordinal suffixes, a.m.
/// and p.m., `at`, ISO's `T` and `Z`, and time zone abbreviations.
fn is_date_word(word: &str) -> bool {
    const NAMES: [&str; 19] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = word.to_lowercase();
    let named = lower.len() >= 3
        && NAMES
            .iter()
            .any(|n| n.starts_with(&lower) || lower == "sept");
    let small = matches!(
        lower.as_str(),
        "st" | "nd" | "rd" | "th" | "am" | "pm" | "at"
    ) || word.chars().count() == 1;
    let zone = (2..=5).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase());
    named || small || zone
}
