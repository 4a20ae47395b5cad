//! Readers: articles from plain text (optionally dated), JSON Lines, JSON and
//! HTML, found in files, directories and standard input.
//!
//! A bad file or record is reported as a [`ReadError`] naming where it is and
//! what is wrong with it; reading goes on with the next one.

pub(crate) mod date;
mod html;
mod inputs;
mod jsonl;
mod plain;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub use date::parse_date;
pub use html::read_html;
pub use inputs::{Inputs, read_input};
pub use jsonl::{JsonLines, document_from_value, read_json};
pub use plain::read_plain;

/// Largest file read as one article (or one JSON document).
pub const MAX_ARTICLE_BYTES: u64 = 32 << 20;

/// How an input is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text, optionally opening with a date line.
    Text,
    /// One JSON object a line.
    Jsonl,
    /// One JSON object or an array of them.
    Json,
    /// An HTML page.
    Html,
}

impl InputFormat {
    /// All formats, by the names `--input-format` takes.
    pub const NAMES: [&'static str; 4] = ["text", "jsonl", "json", "html"];

    /// The format a file name's extension implies.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(InputFormat::Text),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "json" => Some(InputFormat::Json),
            "html" | "htm" | "xhtml" | "shtml" => Some(InputFormat::Html),
            _ => None,
        }
    }

    /// The format content looks like, from its first non-blank byte.
    pub fn sniff(bytes: &[u8]) -> Self {
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => InputFormat::Jsonl,
            Some(b'[') => InputFormat::Json,
            Some(b'<') => InputFormat::Html,
            _ => InputFormat::Text,
        }
    }
}

impl FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Ok(InputFormat::Text),
            "jsonl" | "ndjson" => Ok(InputFormat::Jsonl),
            "json" => Ok(InputFormat::Json),
            "html" | "htm" => Ok(InputFormat::Html),
            other => Err(format!(
                "unknown input format {other:?} (expected one of {})",
                Self::NAMES.join(", ")
            )),
        }
    }
}

/// Where an input or record is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// The line (JSON Lines) or array item (JSON) within it.
    pub position: Option<Position>,
}

/// A record's place within a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// 1-based line number.
    Line(usize),
    /// 0-based index in a JSON array.
    Item(usize),
}

impl Location {
    /// A whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: Some(path.into()),
            position: None,
        }
    }

    /// Standard input.
    pub fn stdin() -> Self {
        Location {
            path: None,
            position: None,
        }
    }

    /// The same input, at a position.
    pub fn at(&self, position: Position) -> Self {
        Location {
            path: self.path.clone(),
            position: Some(position),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}", path.display())?,
            None => write!(f, "<stdin>")?,
        }
        match self.position {
            Some(Position::Line(line)) => write!(f, ":{line}"),
            Some(Position::Item(item)) => write!(f, "[{item}]"),
            None => Ok(()),
        }
    }
}

/// What is wrong with an input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The path does not exist.
    #[error("no such file or directory")]
    NotFound,
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The bytes are not UTF-8.
    #[error("not valid UTF-8 (first bad byte at offset {0}); convert the file to UTF-8")]
    InvalidUtf8(usize),
    /// The file holds binary data.
    #[error("binary data, not an article")]
    Binary,
    /// There is no text to analyse.
    #[error("empty article: no text")]
    Empty,
    /// The input is larger than an article can be.
    #[error("too large for one article ({0} bytes; the limit is {MAX_ARTICLE_BYTES})")]
    TooLarge(u64),
    /// The JSON does not parse.
    #[error("malformed JSON: {0}")]
    Json(String),
    /// The JSON parses but is not an article record.
    #[error("not an article record: {0}")]
    Record(String),
    /// The page has no article text.
    #[error("HTML page without article text")]
    NoText,
    /// A directory holds no file of a supported format.
    #[error("no articles found: no .txt, .jsonl, .json or .html files ({0} other files ignored)")]
    NoArticles(usize),
}

/// A file or record that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {problem}")]
pub struct ReadError {
    /// Where it is.
    pub location: Location,
    /// What is wrong with it.
    pub problem: Problem,
}

/// `bytes` as text: no binary data, valid UTF-8, without a byte-order mark.
pub(crate) fn decode_utf8(bytes: &[u8]) -> Result<&str, Problem> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(Problem::Binary);
    }
    let (bom, text) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(text) => (3, text),
        None => (0, bytes),
    };
    // The offset is the file's, byte-order mark included, as an editor shows it.
    std::str::from_utf8(text).map_err(|e| Problem::InvalidUtf8(bom + e.valid_up_to()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions_and_content() {
        assert_eq!(
            InputFormat::from_path(Path::new("a/b.TXT")),
            Some(InputFormat::Text)
        );
        assert_eq!(
            InputFormat::from_path(Path::new("b.ndjson")),
            Some(InputFormat::Jsonl)
        );
        assert_eq!(
            InputFormat::from_path(Path::new("b.htm")),
            Some(InputFormat::Html)
        );
        assert_eq!(InputFormat::from_path(Path::new("b.ann")), None);
        assert_eq!(InputFormat::sniff(b"  {\"text\""), InputFormat::Jsonl);
        assert_eq!(InputFormat::sniff(b"\n<!doctype html>"), InputFormat::Html);
        assert_eq!(InputFormat::sniff(b"A report"), InputFormat::Text);
        assert!("xml".parse::<InputFormat>().is_err());
    }

    #[test]
    fn decoding_rejects_binary_and_bad_utf8() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFhi"), Ok("hi"));
        assert_eq!(decode_utf8(b"ab\0cd"), Err(Problem::Binary));
        assert_eq!(decode_utf8(b"ab\xffcd"), Err(Problem::InvalidUtf8(2)));
    }

    /// Found by the `text` fuzz target: the offset was counted after the mark.
    #[test]
    fn bad_utf8_offset_counts_the_byte_order_mark() {
        assert_eq!(
            decode_utf8(b"\xEF\xBB\xBF\xFF"),
            Err(Problem::InvalidUtf8(3))
        );
    }

    #[test]
    fn locations_name_file_and_line() {
        let loc = Location::file("news.jsonl").at(Position::Line(3));
        assert_eq!(loc.to_string(), "news.jsonl:3");
        assert_eq!(
            Location::stdin().at(Position::Item(2)).to_string(),
            "<stdin>[2]"
        );
    }
}
