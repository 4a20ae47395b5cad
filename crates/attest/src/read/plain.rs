//! Plain-text articles, optionally opening with a date line.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::Problem;
use super::date::date_prefix;
use crate::model::document::{Document, Meta};

/// A plain-text article. When its first token is `date` (or `Date:`) followed
/// by a date, the date becomes `document.date` and is cut from the text, so
/// the text starts at the first character after it: ` date 2023-04-25 A report
/// by ...` reads as the text `A report by ...` dated 2023-04-25. Any other text
/// is kept exactly as it is. A first line that looks like a date line (`Date:`,
/// or `date` and a number) but holds no date that [`parse_date`](crate::read::parse_date) reads stays in
/// the text, and what it held is kept in `meta.date_raw`, as the other readers
/// keep a date they cannot read ([`Inputs`](super::Inputs) warns of it).
pub fn read_plain(text: &str, id: Option<String>) -> Result<Document, Problem> {
    let mut meta = Meta::new();
    let (date, body) = match date_line(text) {
        Some(DateLine::Read(date, body)) => (Some(date), body),
        Some(DateLine::Unread(raw)) => {
            meta.insert("date_raw".into(), Value::String(raw.to_owned()));
            (None, text)
        }
        None => (None, text),
    };
    if body.trim().is_empty() {
        return Err(Problem::Empty);
    }
    let mut doc = Document {
        id: String::new(),
        date,
        source: None,
        url: None,
        title: None,
        text: body.to_owned(),
        meta,
    };
    doc.id = id.unwrap_or_else(|| doc.content_id());
    Ok(doc)
}

/// The start of a date line: `date` or `Date:` first, then blanks on its line.
static DATE_KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:date)(?P<colon>:)?[ \t]+").expect("date keyword pattern is valid")
});

/// What the first line of a text says about its date.
enum DateLine<'a> {
    /// The date, and the text after it.
    Read(chrono::NaiveDate, &'a str),
    /// A date line whose date does not parse: what it held.
    Unread(&'a str),
}

/// The date line: the keyword, a date (with its time of day) and either the
/// end of the line, or more text on it, where the text then starts.
fn date_line(text: &str) -> Option<DateLine<'_>> {
    let caps = DATE_KEYWORD.captures(text)?;
    let after = &text[caps.get(0)?.end()..];
    let line = after.split(['\r', '\n']).next().unwrap_or_default();
    let Some((date, len)) = date_prefix(line) else {
        // `date night was fun` is text; `Date: Foo 99` and `date 2023-13-45 ...` were meant as dates.
        let raw = match caps.name("colon") {
            Some(_) => line.trim_end(),
            None if line.starts_with(|c: char| c.is_ascii_digit()) => {
                line.split_whitespace().next().unwrap_or_default()
            }
            None => return None,
        };
        return (!raw.is_empty()).then_some(DateLine::Unread(raw));
    };
    Some(DateLine::Read(date, after[len..].trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn date_token_is_cut_from_the_text() {
        let doc = read_plain(" date 2023-04-25 A report said so.\n", Some("a".into())).unwrap();
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2023, 4, 25));
        assert_eq!(doc.text, "A report said so.\n");
        assert_eq!(doc.id, "a");
    }

    #[test]
    fn date_header_line_in_other_forms() {
        let doc = read_plain("Date: April 25, 2023\n\nThe text.", None).unwrap();
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2023, 4, 25));
        assert_eq!(doc.text, "The text.");
    }

    #[test]
    fn text_without_date_line_is_kept_whole() {
        let text = "Dated reports said so.\n";
        let doc = read_plain(text, None).unwrap();
        assert_eq!(doc.date, None);
        assert_eq!(doc.text, text);
        assert_eq!(doc.id.len(), 16);
    }

    #[test]
    fn a_word_date_is_not_a_date_line() {
        let doc = read_plain("date night was fun\nreally", None).unwrap();
        assert_eq!(doc.date, None);
        assert!(doc.text.starts_with("date night"));
    }

    #[test]
    fn an_unreadable_date_line_stays_in_the_text_and_in_meta() {
        for (text, raw) in [
            ("date 2023-13-45 A report.", "2023-13-45"),
            ("Date: Foo 99, 2023\nA report.", "Foo 99, 2023"),
            ("date 0000-01-03 A report.", "0000-01-03"),
        ] {
            let doc = read_plain(text, None).unwrap();
            assert_eq!(doc.date, None, "{text:?}");
            assert_eq!(doc.text, text);
            assert_eq!(doc.meta["date_raw"], raw, "{text:?}");
        }
        let doc = read_plain("date night was fun\nreally", None).unwrap();
        assert!(doc.meta.is_empty(), "a word is not a date line");
    }

    /// Found by the `text` fuzz target (minimised): the whole line was cut
    /// as a date line, a word before the date or after the year with it.
    #[test]
    fn a_date_line_cuts_the_date_and_nothing_else() {
        let doc = read_plain("Date ue 5 Apr 0003\n0", None).unwrap();
        assert_eq!(
            (doc.date, doc.text.as_str()),
            (None, "Date ue 5 Apr 0003\n0")
        );
        let doc = read_plain("Date 5 Apr 0003:af\n0", None).unwrap();
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(3, 4, 5));
        assert_eq!(doc.text, ":af\n0");
        let doc = read_plain("Date: Que, 25 Apr 3023\nText.", None).unwrap();
        assert_eq!(
            (doc.date, doc.meta["date_raw"].as_str()),
            (None, Some("Que, 25 Apr 3023"))
        );
        let doc = read_plain("date 20230425 A report.", None).unwrap();
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2023, 4, 25));
        assert_eq!(doc.text, "A report.");
    }

    #[test]
    fn date_lines_with_times_of_day_are_cut_whole() {
        for line in [
            "Date: April 25, 2023 10:30 AM EDT",
            "Date: Tuesday, 25 April 2023 - 10:30 (CEST)",
            "date 2023-04-25T10:00:00Z",
            "Date: Tue, 25 Apr 2023 10:00:00 +0000",
            "Date: 2023/04/25 at 9.15 GMT+1",
        ] {
            let doc = read_plain(&format!("{line}\n\nThe text."), None).unwrap();
            assert_eq!(doc.date, NaiveDate::from_ymd_opt(2023, 4, 25), "{line}");
            assert_eq!(doc.text, "The text.", "{line}");
        }
    }

    #[test]
    fn empty_after_the_date_is_an_error() {
        assert!(matches!(
            read_plain(" date 2023-04-25  \n", None),
            Err(Problem::Empty)
        ));
        assert!(matches!(read_plain(" \n\t", None), Err(Problem::Empty)));
    }
}
