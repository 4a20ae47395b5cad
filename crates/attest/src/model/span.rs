//! Spans: the contract between stages and the evidence behind every record.
//!
//! Internally a [`Span`] is a pair of byte offsets into the article text, so
//! `&text[span.range()]` is always the original characters. On output a span
//! becomes a [`TextSpan`], which adds the offsets in Unicode scalar values (what
//! Python's `str` indexes) and the slice itself.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// The byte range, for slicing the text.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no characters.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The characters of `text` this span covers.
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Maps byte offsets of one text to char (Unicode scalar value) offsets.
///
/// Built once per document so that converting every span of an analysis costs
/// a binary search instead of a rescan of the text.
pub struct CharIndex<'t> {
    text: &'t str,
    /// Byte offsets of the chars that are not one byte long, in order, with the
    /// number of chars before each. ASCII-only texts need no entries at all.
    wide: Vec<(usize, usize)>,
}

impl<'t> CharIndex<'t> {
    /// Index `text`.
    pub fn new(text: &'t str) -> Self {
        let wide = text
            .char_indices()
            .enumerate()
            .filter(|(_, (_, c))| c.len_utf8() > 1)
            .map(|(chars_before, (byte, _))| (byte, chars_before))
            .collect();
        CharIndex { text, wide }
    }

    /// The char offset of byte offset `byte`, which must be a char boundary.
    pub fn char_offset(&self, byte: usize) -> usize {
        // Every wide char before `byte` adds (its width - 1) bytes that are not chars.
        let wide_before = self.wide.partition_point(|&(b, _)| b < byte);
        match wide_before.checked_sub(1).map(|i| self.wide[i]) {
            None => byte,
            Some((b, chars_before)) => {
                let width = self.text[b..].chars().next().map_or(1, char::len_utf8);
                chars_before + 1 + (byte - b - width)
            }
        }
    }

    /// The output form of `span`.
    pub fn text_span(&self, span: Span) -> TextSpan {
        TextSpan {
            start: span.start,
            end: span.end,
            char_start: self.char_offset(span.start),
            char_end: self.char_offset(span.end),
            text: span.slice(self.text).to_owned(),
        }
    }
}

/// A span as the JSON contract writes it: byte and char offsets and the slice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// Byte offset of the first byte in `document.text` (UTF-8).
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Offset of the first char, counted in Unicode scalar values.
    pub char_start: usize,
    /// Offset one past the last char, counted in Unicode scalar values.
    pub char_end: usize,
    /// The characters the span covers.
    pub text: String,
}

impl TextSpan {
    /// The byte span this output span was made from.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_scalar_values() {
        let text = "a—b “c” é";
        let index = CharIndex::new(text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_offset(byte), chars, "byte {byte}");
        }
        assert_eq!(index.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn text_span_slices_and_counts() {
        let text = "“IS” — ISIS-K";
        let index = CharIndex::new(text);
        let start = text.find("ISIS").unwrap();
        let span = index.text_span(Span::new(start, text.len()));
        assert_eq!(span.text, "ISIS-K");
        assert_eq!(span.char_start, 7);
        assert_eq!(span.char_end, 13);
    }

    #[test]
    fn ascii_text_needs_no_table() {
        let index = CharIndex::new("plain ascii");
        assert!(index.wide.is_empty());
        assert_eq!(index.char_offset(5), 5);
    }
}
