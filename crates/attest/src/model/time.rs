//! The times layer: temporal expressions resolved against the article date.

use std::ops::Range;

use super::span::Span;

/// A temporal expression and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpression {
    /// Document token indexes it covers.
    pub tokens: Range<usize>,
    /// Its characters.
    pub span: Span,
    /// ISO 8601 value.
    pub value: String,
}
