//! JSON Lines (one article an object a line) and JSON files (one object, or an
//! array of them).
//!
//! An article object has a `text` and optionally `id`, `date`, `title`,
//! `source` and `url`; other fields are kept in `meta`. A contract object
//! (`{"schema": 1, "document": {...}}`, what `attest extract` prints) is read
//! as its `document`, so extracted output can be ingested again.

use std::io::BufRead;

use serde_json::{Map, Value};

use super::Problem;
use super::date::parse_date;
use crate::model::document::{Document, Meta};

/// Longest line read as one record; longer lines are reported and skipped.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Streams the records of a JSON Lines input, with their line numbers.
pub struct JsonLines<R> {
    reader: R,
    line: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonLines<R> {
    /// Records of `reader`, one a line; blank lines are skipped.
    pub fn new(reader: R) -> Self {
        JsonLines {
            reader,
            line: 0,
            buf: Vec::new(),
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    /// The line number and the document or what was wrong with the line.
    type Item = Record;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some((self.line, Err(Problem::Io(e.to_string())))),
            }
            // A byte-order mark opening the input is no content (decoding drops it).
            let content = match self.line {
                1 => self.buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&self.buf),
                _ => &self.buf,
            };
            if content.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if self.buf.len() > MAX_LINE_BYTES {
                return Some((self.line, Err(Problem::TooLarge(self.buf.len() as u64))));
            }
            return Some((self.line, parse_line(&self.buf)));
        }
    }
}

fn parse_line(bytes: &[u8]) -> Result<Document, Problem> {
    let text = super::decode_utf8(bytes)?;
    let value: Value = serde_json::from_str(text).map_err(|e| Problem::Json(e.to_string()))?;
    document_from_value(value)
}

/// A record's position in its input and what it held.
pub type Record = (usize, Result<Document, Problem>);

/// The documents of a whole `.json` file: one object or an array of objects.
/// Each item comes with its position in the array (0 for a single object).
pub fn read_json(text: &str) -> Result<Vec<Record>, Problem> {
    let value: Value = serde_json::from_str(text).map_err(|e| Problem::Json(e.to_string()))?;
    Ok(match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| (i, document_from_value(item)))
            .collect(),
        other => vec![(0, document_from_value(other))],
    })
}

/// An article object (or a contract object holding one) as a document.
pub fn document_from_value(value: Value) -> Result<Document, Problem> {
    let Value::Object(mut object) = value else {
        return Err(Problem::Record(
            "expected a JSON object with a \"text\" field".into(),
        ));
    };
    if let (Some(Value::Number(_)), Some(Value::Object(_))) =
        (object.get("schema"), object.get("document"))
    {
        if let Some(Value::Object(inner)) = object.remove("document") {
            object = inner;
        }
    }
    let text = match object.remove("text") {
        Some(Value::String(text)) => text,
        Some(_) => return Err(Problem::Record("\"text\" is not a string".into())),
        None => return Err(Problem::Record("no \"text\" field".into())),
    };
    if text.trim().is_empty() {
        return Err(Problem::Empty);
    }
    let mut doc = Document {
        id: String::new(),
        date: None,
        source: string_field(&mut object, "source")?,
        url: string_field(&mut object, "url")?,
        title: string_field(&mut object, "title")?,
        text,
        meta: Meta::new(),
    };
    if let Some(raw) = string_field(&mut object, "date")? {
        doc.date = parse_date(&raw);
        if doc.date.is_none() {
            // Inputs warns of it, naming the file and line.
            object.insert("date_raw".into(), Value::String(raw));
        }
    }
    let id = id_field(&mut object)?;
    doc.meta = take_meta(object);
    doc.id = id.unwrap_or_else(|| doc.content_id());
    Ok(doc)
}

fn string_field(object: &mut Map<String, Value>, key: &str) -> Result<Option<String>, Problem> {
    match object.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(Problem::Record(format!("\"{key}\" is not a string"))),
    }
}

fn id_field(object: &mut Map<String, Value>) -> Result<Option<String>, Problem> {
    match object.remove("id") {
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s)),
        None | Some(Value::Null) | Some(Value::String(_)) => Ok(None),
        Some(_) => Err(Problem::Record("\"id\" is not a string or number".into())),
    }
}

/// What remains of the object, minus a nested `meta` object merged in flat.
fn take_meta(mut object: Map<String, Value>) -> Meta {
    let nested = match object.remove("meta") {
        Some(Value::Object(nested)) => nested,
        Some(other) => Map::from_iter([("meta".to_owned(), other)]),
        None => Map::new(),
    };
    let mut meta = nested;
    meta.extend(object);
    meta
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn parse(json: &str) -> Result<Document, Problem> {
        parse_line(json.as_bytes())
    }

    #[test]
    fn known_fields_and_meta() {
        let doc = parse(
            r#"{"id": 7, "text": "It rained.", "date": "2023-04-25T10:00:00Z", "title": "Rain", "source": "Daily Planet", "url": "https://example.org/rain", "section": "weather"}"#,
        )
        .unwrap();
        assert_eq!(doc.id, "7");
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2023, 4, 25));
        assert_eq!(doc.title.as_deref(), Some("Rain"));
        assert_eq!(doc.source.as_deref(), Some("Daily Planet"));
        assert_eq!(doc.meta["section"], "weather");
    }

    #[test]
    fn missing_id_is_the_content_hash() {
        let a = parse(r#"{"text": "It rained.", "source": "A"}"#).unwrap();
        let b = parse(r#"{"text": "It rained.", "source": "A", "extra": 1}"#).unwrap();
        assert_eq!(a.id, b.id);
    }

    #[test]
    fn unrecognised_date_is_kept_in_meta() {
        let doc = parse(r#"{"text": "x y", "date": "sometime"}"#).unwrap();
        assert_eq!(doc.date, None);
        assert_eq!(doc.meta["date_raw"], "sometime");
    }

    #[test]
    fn contract_objects_read_as_their_document() {
        let doc = parse(r#"{"schema": 1, "document": {"id": "a", "text": "It rained.", "date": "2023-04-25", "meta": {"k": 1}}, "sentences": []}"#).unwrap();
        assert_eq!(doc.id, "a");
        assert_eq!(doc.meta["k"], 1);
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        assert!(matches!(parse("{not json"), Err(Problem::Json(_))));
        assert!(matches!(
            parse(r#"{"title": "x"}"#),
            Err(Problem::Record(_))
        ));
        assert!(matches!(parse(r#"{"text": 5}"#), Err(Problem::Record(_))));
        assert!(matches!(parse(r#"{"text": "  "}"#), Err(Problem::Empty)));
        assert!(matches!(parse("[1, 2]"), Err(Problem::Record(_))));
        assert!(matches!(
            parse_line(b"{\"text\": \"\xff\"}"),
            Err(Problem::InvalidUtf8(_))
        ));
    }

    #[test]
    fn lines_are_numbered_and_blank_lines_skipped() {
        let input = "{\"text\": \"a b\"}\n\n{oops\n{\"text\": \"c d\"}\n";
        let items: Vec<_> = JsonLines::new(input.as_bytes()).collect();
        let lines: Vec<usize> = items.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, vec![1, 3, 4]);
        assert!(items[1].1.is_err());
    }

    /// Found by the `json` fuzz target, minimised with the `jsonl` one: a
    /// byte-order mark alone, or on a blank first line, was a malformed record
    /// (the `.json` reader, which decodes the whole file first, skipped it).
    #[test]
    fn a_byte_order_mark_on_a_blank_first_line_is_no_record() {
        assert_eq!(JsonLines::new(&b"\xEF\xBB\xBF"[..]).count(), 0);
        let input = b"\xEF\xBB\xBF\t\n{\"text\": \"x y\"}\n";
        let lines: Vec<usize> = JsonLines::new(&input[..]).map(|(line, _)| line).collect();
        assert_eq!(lines, [2]);
    }

    #[test]
    fn json_arrays_hold_many_articles() {
        let docs = read_json(r#"[{"text": "a b"}, {"text": ""}]"#).unwrap();
        assert_eq!(docs.len(), 2);
        assert!(docs[0].1.is_ok());
        assert!(docs[1].1.is_err());
    }
}
