//! The article as read: text and what is known about it before analysis.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Fields a reader found beyond the known ones (JSONL keys, HTML meta tags).
pub type Meta = serde_json::Map<String, serde_json::Value>;

/// One news article. Every span of every record indexes `text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier: the `id` given with the article, a plain file's name
    /// without extension, or else a hash of source, date and text.
    pub id: String,
    /// Publication date; relative times ("last year") resolve against it.
    pub date: Option<NaiveDate>,
    /// The outlet that published the article, when known.
    pub source: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The article text, exactly as analysed.
    pub text: String,
    /// Anything else the input said about the article.
    pub meta: Meta,
}

impl Document {
    /// A document with only a text, identified by its content.
    pub fn from_text(text: impl Into<String>) -> Self {
        let mut doc = Document {
            id: String::new(),
            date: None,
            source: None,
            url: None,
            title: None,
            text: text.into(),
            meta: Meta::new(),
        };
        doc.id = doc.content_id();
        doc
    }

    /// The identifier derived from source, date and text: the first 16 hex
    /// digits of their SHA-256. Two copies of one article get the same id.
    pub fn content_id(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.source.as_deref().unwrap_or("").as_bytes());
        hasher.update([0]);
        if let Some(date) = self.date {
            hasher.update(date.to_string().as_bytes());
        }
        hasher.update([0]);
        hasher.update(self.text.as_bytes());
        hex_prefix(&hasher.finalize(), 8)
    }

    /// A fingerprint of everything the analysis depends on, to tell a second
    /// copy of an article from a different article under the same id.
    pub fn fingerprint(&self) -> String {
        let mut hasher = Sha256::new();
        for field in [&self.source, &self.url, &self.title] {
            hasher.update(field.as_deref().unwrap_or("").as_bytes());
            hasher.update([0]);
        }
        hasher.update(self.date.map(|d| d.to_string()).unwrap_or_default());
        hasher.update([0]);
        hasher.update(self.text.as_bytes());
        hex_prefix(&hasher.finalize(), 16)
    }
}

fn hex_prefix(bytes: &[u8], len: usize) -> String {
    bytes.iter().take(len).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_id_depends_on_source_date_and_text() {
        let a = Document::from_text("The minister resigned.");
        let mut b = a.clone();
        assert_eq!(a.content_id(), b.content_id());
        b.source = Some("Daily Planet".into());
        assert_ne!(a.content_id(), b.content_id());
        let mut c = a.clone();
        c.date = NaiveDate::from_ymd_opt(2023, 4, 25);
        assert_ne!(a.content_id(), c.content_id());
        assert_eq!(a.id.len(), 16);
    }

    #[test]
    fn fingerprint_sees_the_title() {
        let a = Document::from_text("Text.");
        let mut b = a.clone();
        b.title = Some("Headline".into());
        assert_ne!(a.fingerprint(), b.fingerprint());
    }
}
