//! The working form of an article inside the pipeline: the document plus the
//! layers the stages have added so far.

use std::ops::Range;

use super::entity::Mention;
use super::ids::EntityId;
use super::span_index::SpanIndex;
use crate::model::document::Document;
use crate::model::labels::{Iob, Pos};
use crate::model::span::Span;

/// A document and its layers. Stages only add layers; none rewrites the text.
#[derive(Debug, Clone)]
pub struct Annotated {
    /// The article as read.
    pub document: Document,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order, across all sentences.
    pub tokens: Vec<Token>,
    /// Phrase chunks, in text order.
    pub phrases: Vec<TokenSpan>,
    /// Named-entity mentions found by the tagger, in text order.
    pub names: Vec<TokenSpan>,
    /// Each token's syntactic head and relation, one a token once the
    /// parser has run.
    pub dependencies: Vec<Dependency>,
    /// Actors, each with every mention of it.
    pub entities: Vec<super::Entity>,
    /// Places, each with every mention of it.
    pub places: Vec<super::PlaceEntity>,
    /// Temporal expressions.
    pub times: Vec<super::TimeExpression>,
    /// Statements attributed to sources, in text order of their cues.
    pub attributions: Vec<super::Attribution>,
    /// Attributions that reject others.
    pub disputes: Vec<super::Dispute>,
    /// Coded events, in text order.
    pub events: Vec<super::Event>,
    /// Sentences (indexes) that event coding leaves out: a discard phrase of
    /// the actor dictionary is in them, or in the article.
    pub discarded_sentences: Vec<usize>,
}

impl Annotated {
    /// A document before any stage has run.
    pub fn new(document: Document) -> Self {
        Annotated {
            document,
            sentences: Vec::new(),
            tokens: Vec::new(),
            phrases: Vec::new(),
            names: Vec::new(),
            dependencies: Vec::new(),
            entities: Vec::new(),
            places: Vec::new(),
            times: Vec::new(),
            attributions: Vec::new(),
            disputes: Vec::new(),
            events: Vec::new(),
            discarded_sentences: Vec::new(),
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

    /// The entity mentions `keep` accepts, indexed by their tokens, in the
    /// order of the entities layer where they start together.
    pub fn mention_index(&self, keep: impl Fn(&Mention) -> bool) -> SpanIndex<MentionRef> {
        let keep = &keep;
        SpanIndex::new(
            self.entities
                .iter()
                .enumerate()
                .flat_map(move |(entity, e)| {
                    e.mentions
                        .iter()
                        .enumerate()
                        .filter(move |(_, m)| keep(m))
                        .map(move |(mention, m)| {
                            let entity = EntityId(entity);
                            (m.tokens.clone(), MentionRef { entity, mention })
                        })
                }),
        )
    }

    /// The characters a token covers.
    pub fn token_text(&self, token: &Token) -> &str {
        token.span.slice(&self.document.text)
    }
}

/// One mention of the entities layer: its entity, and its place among that
/// entity's mentions. Ordered as the entities layer lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MentionRef {
    /// The entity.
    pub entity: EntityId,
    /// Index of the mention among the entity's.
    pub mention: usize,
}

/// A token's place in its sentence's dependency tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency {
    /// The head: a document token of the same sentence, `None` for the
    /// sentence's root.
    pub head: Option<usize>,
    /// The relation to the head: an index of
    /// [`DEPRELS`](crate::model::labels::DEPRELS).
    pub relation: u8,
}

/// One sentence: its extent and the tokens inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// From the first character of its first token to the last of its last.
    pub span: Span,
    /// Indexes into [`Annotated::tokens`].
    pub tokens: Range<usize>,
}

/// One token, Penn Treebank style, with its tags once the tagger has run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The characters of the token.
    pub span: Span,
    /// Part of speech.
    pub pos: Pos,
    /// Place in a phrase chunk (kinds of [`CHUNK_KINDS`](crate::model::labels::CHUNK_KINDS)).
    pub chunk: Iob,
    /// Place in a named entity (kinds of [`ENTITY_KINDS`](crate::model::labels::ENTITY_KINDS)).
    pub ner: Iob,
}

impl Token {
    /// An untagged token.
    pub fn new(span: Span) -> Self {
        Token {
            span,
            pos: Pos::NONE,
            chunk: Iob::Outside,
            ner: Iob::Outside,
        }
    }
}

/// A typed run of tokens: a chunk or a named entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSpan {
    /// Index of the kind in its table ([`CHUNK_KINDS`](crate::model::labels::CHUNK_KINDS)
    /// or [`ENTITY_KINDS`](crate::model::labels::ENTITY_KINDS)).
    pub kind: u8,
    /// Indexes into [`Annotated::tokens`].
    pub tokens: Range<usize>,
}
