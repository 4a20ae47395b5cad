//! The `segment` stage: tokens and sentences with exact spans.
//!
//! Tokens follow the Penn Treebank conventions (see [`tokens`](crate::lexicon::tokens)) except that
//! hyphenated words stay whole, as in CoNLL-2003; sentence boundaries follow the
//! rules in [`sentences`], including the convention for sentence ends inside
//! quotations.

pub mod sentences;

use crate::model::annotated::{Annotated, Sentence, Token};
use crate::model::span::Span;
use crate::model::{Layer, Stage};

use crate::lexicon::tokens::tokenize;
pub use sentences::{line_breaks, sentence_ranges};

/// Splits an article into sentences and tokens.
#[derive(Debug, Default, Clone, Copy)]
pub struct Segmenter;

impl Segmenter {
    /// The segmenter with its embedded word lists.
    pub fn new() -> Self {
        Segmenter
    }

    /// Tokens and sentences of `text`.
    pub fn segment(&self, text: &str) -> (Vec<Token>, Vec<Sentence>) {
        let spans = tokenize(text);
        let sentences = sentence_ranges(text, &spans)
            .into_iter()
            .map(|tokens| Sentence {
                span: Span::new(spans[tokens.start].start, spans[tokens.end - 1].end),
                tokens,
            })
            .collect();
        let tokens = spans.into_iter().map(Token::new).collect();
        (tokens, sentences)
    }
}

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn requires(&self) -> &'static [Layer] {
        &[]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }

    fn run(&self, doc: &mut Annotated) {
        let (tokens, sentences) = self.segment(doc.text());
        doc.tokens = tokens;
        doc.sentences = sentences;
    }
}
