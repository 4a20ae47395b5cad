//! The working form of an article inside the pipeline: the document plus the
//! layers the stages have added so far.

use std::ops::Range;

use crate::document::Document;
use crate::span::Span;

/// A document and its layers. Stages only add layers; none rewrites the text.
#[derive(Debug, Clone)]
pub struct Annotated {
    /// The article as read.
    pub document: Document,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order, across all sentences.
    pub tokens: Vec<Token>,
}

impl Annotated {
    /// A document before any stage has run.
    pub fn new(document: Document) -> Self {
        Annotated {
            document,
            sentences: Vec::new(),
            tokens: Vec::new(),
        }
    }

    /// The article text every span indexes.
    pub fn text(&self) -> &str {
        &self.document.text
    }

    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.clone()]
    }

    /// The characters a token covers.
    pub fn token_text(&self, token: &Token) -> &str {
        token.span.slice(&self.document.text)
    }
}

/// One sentence: its extent and the tokens inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// From the first character of its first token to the last of its last.
    pub span: Span,
    /// Indexes into [`Annotated::tokens`].
    pub tokens: Range<usize>,
}

/// One token, Penn Treebank style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The characters of the token.
    pub span: Span,
}
