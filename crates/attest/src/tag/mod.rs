//! The `tag` stage: part of speech, chunks and named entities from averaged
//! perceptron models trained by the project (`attest train`), embedded in
//! the binary from `data/models/`.

pub mod chunk;

pub mod document;

pub mod gazetteer;

pub mod ner;
pub mod ner_train;

pub mod pos;

use std::path::Path;

use crate::learn::model::{ModelError, ModelPaths, model_bytes};
use crate::learn::sequence::Scratch;
use crate::learn::tagger::SequenceTagger;
use crate::learn::view::{SentenceView, ViewBuilder, pos_hash};
use crate::learn::vocabulary::Vocabulary;
use crate::learn::word_cache::WordCache;
use crate::model::annotated::{Annotated, TokenSpan};
use crate::model::labels::{self, CHUNK_KINDS, ENTITY_KINDS, Pos, kind_index};
use crate::model::{Layer, Stage};
use chunk::ChunkTemplates;
use gazetteer::NATIONALITY_OR_GROUP;
use ner::NerTemplates;
use pos::PosTemplates;

/// The three taggers, run in order on each sentence: parts of speech, then
/// chunks and entities, which read the parts of speech.
pub struct Tagger {
    pos: SequenceTagger<PosTemplates>,
    pos_tags: Vec<Pos>,
    chunk: SequenceTagger<ChunkTemplates>,
    ner: SequenceTagger<NerTemplates>,
    pos_hashes: Vec<u64>,
    vocabulary: Vocabulary,
    caches: Caches,
}

/// The summed word weights of each weight set, over the shared vocabulary.
struct Caches {
    pos: WordCache,
    chunk: WordCache,
    ner: WordCache,
    ner_first: Option<WordCache>,
}

/// Words in the shared vocabulary: the most frequent of each model's training
/// data, enough to cover most tokens of news text.
const VOCABULARY_SIZE: usize = 12_000;

/// The part-of-speech tagger alone (for training the entity model).
pub fn load_pos(path: Option<&Path>) -> Result<SequenceTagger<PosTemplates>, ModelError> {
    SequenceTagger::load(
        &model_bytes(path, crate::data::models::POS, "pos")?,
        "pos",
        PosTemplates,
    )
}

/// The chunker alone.
pub fn load_chunk(path: Option<&Path>) -> Result<SequenceTagger<ChunkTemplates>, ModelError> {
    let tagger = SequenceTagger::load(
        &model_bytes(path, crate::data::models::CHUNK, "chunk")?,
        "chunk",
        ChunkTemplates,
    )?;
    crate::learn::tagger::check_kinds(tagger.label_set(), &CHUNK_KINDS)?;
    Ok(tagger)
}

/// The entity recogniser alone.
pub fn load_ner(path: Option<&Path>) -> Result<SequenceTagger<NerTemplates>, ModelError> {
    let tagger = SequenceTagger::load(
        &model_bytes(path, crate::data::models::NER, "ner")?,
        "ner",
        NerTemplates,
    )?;
    crate::learn::tagger::check_kinds(tagger.label_set(), &ENTITY_KINDS)?;
    Ok(tagger)
}

impl Tagger {
    /// The taggers embedded in the binary.
    pub fn embedded() -> Result<Self, ModelError> {
        Self::load(&ModelPaths::default())
    }

    /// The taggers, each from its file or else embedded.
    pub fn load(paths: &ModelPaths) -> Result<Self, ModelError> {
        let pos = load_pos(paths.pos.as_deref())?;
        let pos_tags = crate::learn::tagger::pos_of_labels(pos.label_set())?;
        let chunk = load_chunk(paths.chunk.as_deref())?;
        let ner = load_ner(paths.ner.as_deref())?;
        let clusters = |t: Option<&crate::learn::clusters::Clusters>| {
            t.map(crate::learn::clusters::Clusters::entries)
        };
        let pos_clusters = clusters(pos.clusters.as_ref());
        if pos_clusters != clusters(chunk.clusters.as_ref())
            || pos_clusters != clusters(ner.clusters.as_ref())
        {
            return Err(ModelError::Incompatible(
                "the part-of-speech, chunk and entity models were trained with different word clusters".into(),
            ));
        }
        let words = crate::learn::vocabulary::interleave(&[
            &pos.vocabulary,
            &ner.vocabulary,
            &chunk.vocabulary,
        ]);
        let vocabulary = Vocabulary::new(words, VOCABULARY_SIZE, pos.clusters.as_ref());
        let caches = Caches {
            pos: pos.cache(&vocabulary),
            chunk: chunk.cache(&vocabulary),
            ner: ner.cache(&vocabulary),
            ner_first: ner.first_pass().map(|w| {
                crate::learn::word_cache::WordCache::build(&ner::NerFirstTemplates, w, &vocabulary)
            }),
        };
        Ok(Tagger {
            pos,
            pos_tags,
            chunk,
            ner,
            pos_hashes: labels::POS_TAGS.iter().map(|t| pos_hash(t)).collect(),
            vocabulary,
            caches,
        })
    }

    /// Tag the sentences of one document: parts of speech, chunk spans and
    /// entity spans of each.
    pub fn tag_sentences(&self, sentences: &[Vec<&str>]) -> Vec<TaggedWords> {
        let mut builder = ViewBuilder::with_vocabulary(&self.vocabulary);
        let mut scratch = Scratch::default();
        let mut views = Vec::with_capacity(sentences.len());
        let mut tagged = Vec::with_capacity(sentences.len());
        for words in sentences {
            let mut view = builder.build(
                words,
                self.pos.clusters.as_ref(),
                self.ner.gazetteer.as_ref(),
            );
            let mut pos = Vec::with_capacity(words.len());
            crate::learn::tagger::pos_tags(
                &self.pos,
                Some(&self.caches.pos),
                &self.pos_tags,
                &view,
                &mut scratch,
                &mut pos,
            );
            for (token, tag) in view.tokens.iter_mut().zip(&pos) {
                token.pos = self.pos_hashes[tag.index()];
            }
            let chunks = kinds(
                self.chunk
                    .spans(&view, Some(&self.caches.chunk), &mut scratch),
                &CHUNK_KINDS,
            );
            tagged.push(TaggedWords {
                pos,
                chunks,
                names: Vec::new(),
            });
            views.push(view);
        }
        let entity_labels = match self.ner.first_pass() {
            Some(first) => ner::TwoPass {
                first,
                first_cache: self.caches.ner_first.as_ref(),
                second: self.ner.weights(),
                second_cache: Some(&self.caches.ner),
                labels: self.ner.label_set(),
            }
            .label(&mut views, &mut scratch),
            None => views
                .iter()
                .map(|view| {
                    let mut labels = Vec::new();
                    self.ner
                        .labels_cached(view, Some(&self.caches.ner), &mut scratch, &mut labels);
                    labels
                })
                .collect(),
        };
        for ((sentence, view), labels) in tagged.iter_mut().zip(&views).zip(entity_labels) {
            sentence.names = entity_kinds(self.ner.label_set().decode_spans(&labels), view);
        }
        tagged
    }

    /// The chunks of a sentence whose parts of speech are given (tag names).
    pub fn chunk_with_pos(&self, words: &[&str], pos: &[&str]) -> Vec<(usize, usize, u8)> {
        chunk_with_pos(&self.chunk, words, pos)
    }

    /// The part-of-speech tags of a sentence.
    pub fn pos_tags(&self, words: &[&str]) -> Vec<Pos> {
        pos_tags(&self.pos, words)
    }

    /// What each model file says about itself.
    pub fn headers(&self) -> [&crate::learn::model::Header; 3] {
        [&self.pos.header, &self.chunk.header, &self.ner.header]
    }
}

/// The chunks of a sentence whose parts of speech are given (tag names), by
/// the chunker alone.
pub fn chunk_with_pos(
    chunker: &SequenceTagger<ChunkTemplates>,
    words: &[&str],
    pos: &[&str],
) -> Vec<(usize, usize, u8)> {
    let mut view = ViewBuilder::new().build(words, chunker.clusters.as_ref(), None);
    for (token, tag) in view.tokens.iter_mut().zip(pos) {
        token.pos = pos_hash(tag);
    }
    kinds(
        chunker.spans(&view, None, &mut Scratch::default()),
        &CHUNK_KINDS,
    )
}

/// The part-of-speech tags of a sentence, by the part-of-speech tagger alone.
pub fn pos_tags(tagger: &SequenceTagger<PosTemplates>, words: &[&str]) -> Vec<Pos> {
    let view = ViewBuilder::new().build(words, tagger.clusters.as_ref(), None);
    let tags = crate::learn::tagger::pos_of_labels(tagger.label_set()).unwrap_or_default();
    let mut pos = Vec::with_capacity(words.len());
    crate::learn::tagger::pos_tags(
        tagger,
        None,
        &tags,
        &view,
        &mut Scratch::default(),
        &mut pos,
    );
    pos
}

/// The tags of one sentence.
pub struct TaggedWords {
    /// One part of speech a word.
    pub pos: Vec<Pos>,
    /// Chunks: start, end (word indexes) and kind.
    pub chunks: Vec<(usize, usize, u8)>,
    /// Entities: start, end and kind.
    pub names: Vec<(usize, usize, u8)>,
}

fn kinds(
    spans: Vec<crate::learn::labels_set::LabelledSpan>,
    table: &[&str],
) -> Vec<(usize, usize, u8)> {
    spans
        .into_iter()
        .filter_map(|s| Some((s.start, s.end, kind_index(table, &s.kind)?)))
        .collect()
}

/// Entity spans with NORP for MISC spans that are nationality or group words.
/// A name never runs across a comma ("The Post, Nathan Sales"): the parts
/// on either side are names of their own.
fn split_at_commas(
    view: &SentenceView,
    comma: u64,
    start: usize,
    end: usize,
    kind: u8,
) -> Vec<(usize, usize, u8)> {
    let mut parts = Vec::new();
    let mut from = start;
    for i in start..end {
        if view.tokens[i].norm == comma {
            if from < i {
                parts.push((from, i, kind));
            }
            from = i + 1;
        }
    }
    if from < end {
        parts.push((from, end, kind));
    }
    parts
}

fn entity_kinds(
    spans: Vec<crate::learn::labels_set::LabelledSpan>,
    view: &SentenceView,
) -> Vec<(usize, usize, u8)> {
    let misc = kind_index(&ENTITY_KINDS, "MISC");
    let norp = kind_index(&ENTITY_KINDS, "NORP").unwrap_or(0);
    let comma = crate::learn::view::norm_hash(",");
    kinds(spans, &ENTITY_KINDS)
        .into_iter()
        .flat_map(|(start, end, kind)| split_at_commas(view, comma, start, end, kind))
        .map(|(start, end, kind)| {
            let word_of_group = end == start + 1
                && view.tokens[start].gazetteer & (1 << (2 * NATIONALITY_OR_GROUP)) != 0;
            let kind = if Some(kind) == misc && word_of_group {
                norp
            } else {
                kind
            };
            (start, end, kind)
        })
        .collect()
}

impl Stage for Tagger {
    fn name(&self) -> &'static str {
        "tag"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::PartsOfSpeech, Layer::Phrases, Layer::Names]
    }

    fn run(&self, doc: &mut Annotated) {
        let text = &doc.document.text;
        let sentences: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| {
                doc.tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| t.span.slice(text))
                    .collect()
            })
            .collect();
        let tagged = self.tag_sentences(&sentences);
        let ranges: Vec<std::ops::Range<usize>> =
            doc.sentences.iter().map(|s| s.tokens.clone()).collect();
        for (range, tagged) in ranges.into_iter().zip(tagged) {
            let n = range.len();
            let first = range.start;
            let chunk_tags = crate::learn::tagger::iob_tags(n, &tagged.chunks);
            let ner_tags = crate::learn::tagger::iob_tags(n, &tagged.names);
            for (i, token) in doc.tokens[range].iter_mut().enumerate() {
                token.pos = tagged.pos[i];
                token.chunk = chunk_tags[i];
                token.ner = ner_tags[i];
            }
            let span = |&(start, end, kind): &(usize, usize, u8)| TokenSpan {
                kind,
                tokens: first + start..first + end,
            };
            doc.phrases.extend(tagged.chunks.iter().map(span));
            doc.names.extend(tagged.names.iter().map(span));
        }
    }
}
