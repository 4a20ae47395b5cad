//! Plain-text articles, optionally opening with a date line.

use std::sync::LazyLock;

use regex::Regex;

use super::Problem;
use super::date::parse_date;
use crate::document::{Document, Meta};

/// A plain-text article. When its first token is `date` (or `Date:`) followed
/// by a date, the date becomes `document.date` and is cut from the text, so
/// the text starts at the first character after it: ` date 2023-04-25 A report
/// by ...` reads as the text `A report by ...` dated 2023-04-25. Any other text
/// is kept exactly as it is.
pub fn read_plain(text: &str, id: Option<String>) -> Result<Document, Problem> {
    let (date, body) = match split_date_line(text) {
        Some((date, body)) => (Some(date), body),
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
        meta: Meta::new(),
    };
    doc.id = id.unwrap_or_else(|| doc.content_id());
    Ok(doc)
}

/// A date line at the very start: `date 2023-04-25 ` then text on the same line,
/// or `Date: <any supported date>` alone on its line.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:date):?[ \t]+(?:(?P<iso>\d{4}-\d{2}-\d{2})[ \t\r\n]+|(?P<line>[^\r\n]+?)[ \t]*(?:\r?\n)\s*)")
        .expect("date line pattern is valid")
});

fn split_date_line(text: &str) -> Option<(chrono::NaiveDate, &str)> {
    let caps = DATE_LINE.captures(text)?;
    let raw = caps.name("iso").or_else(|| caps.name("line"))?.as_str();
    let date = parse_date(raw)?;
    let body_start = caps.get(0)?.end();
    let body = &text[body_start..];
    let body = &body[body.len() - body.trim_start().len()..];
    Some((date, body))
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
    fn empty_after_the_date_is_an_error() {
        assert!(matches!(
            read_plain(" date 2023-04-25  \n", None),
            Err(Problem::Empty)
        ));
        assert!(matches!(read_plain(" \n\t", None), Err(Problem::Empty)));
    }
}
