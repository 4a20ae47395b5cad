//! The `parse` stage: a labelled dependency tree (Universal Dependencies
//! relations) for every sentence, from a greedy arc-hybrid transition parser
//! with an averaged perceptron over hashed features, trained by the project
//! (`attest train parse`) and embedded from `data/models/parse.bin`.
//!
//! The parser reads the words and the parts of speech of the `tag` stage.
//! Every sentence gets one tree whatever its words (see [`system`]).

pub mod features;
pub mod system;
pub mod train;

use std::path::Path;

use crate::learn::clusters::Clusters;
use crate::learn::model::{Model, ModelError, model_bytes};
use crate::learn::view::{SentenceView, ViewBuilder, pos_hash};
use crate::learn::vocabulary::Vocabulary;
use crate::learn::weights::Weights;
use crate::model::labels::{DEPRELS, POS_TAGS};
use crate::model::{Annotated, Dependency, Layer, Stage};
use system::{State, Transition};

/// Frequent words whose views are computed once, when the model loads.
const VOCABULARY_SIZE: usize = 12_000;

/// The dependency parser with its model.
pub struct Parser {
    weights: Weights,
    /// Index into [`DEPRELS`] of each of the model's labels.
    relations: Vec<u8>,
    clusters: Option<Clusters>,
    vocabulary: Vocabulary,
    pos_hashes: Vec<u64>,
    header: crate::learn::model::Header,
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
pub struct Scratch {
    features: Vec<u64>,
    scores: Vec<i32>,
    state: Option<State>,
}

impl Parser {
    /// The parser with the model of `path`, or the embedded one.
    pub fn load(path: Option<&Path>) -> Result<Self, ModelError> {
        let bytes = model_bytes(path, crate::data::models::PARSE, "parse")?;
        Self::from_model(Model::from_bytes(&bytes, "parse", features::VERSION)?)
    }

    /// The parser of a trained model.
    pub fn from_model(model: Model) -> Result<Self, ModelError> {
        let relations = model
            .header
            .labels
            .iter()
            .map(|l| {
                DEPRELS
                    .iter()
                    .position(|r| r == l)
                    .map(|i| i as u8)
                    .ok_or_else(|| ModelError::UnknownLabel(l.clone()))
            })
            .collect::<Result<Vec<u8>, ModelError>>()?;
        let expected = 1 + 2 * relations.len();
        if model.weights.n_classes() != expected {
            return Err(ModelError::Incompatible(format!(
                "the parse model has {} classes for {} labels",
                model.weights.n_classes(),
                relations.len()
            )));
        }
        let vocabulary = Vocabulary::new(
            model.vocabulary.iter().map(String::as_str),
            VOCABULARY_SIZE,
            model.clusters.as_ref(),
        );
        Ok(Parser {
            weights: model.weights,
            relations,
            clusters: model.clusters,
            vocabulary,
            pos_hashes: POS_TAGS.iter().map(|t| pos_hash(t)).collect(),
            header: model.header,
        })
    }

    /// What the model file says about itself.
    pub fn header(&self) -> &crate::learn::model::Header {
        &self.header
    }

    /// The view of a sentence the parser reads: its words and their tags
    /// (indexes of [`POS_TAGS`]).
    pub fn view(&self, words: &[&str], tags: &[usize]) -> SentenceView {
        let mut view = ViewBuilder::with_vocabulary(&self.vocabulary).build(
            words,
            self.clusters.as_ref(),
            None,
        );
        for (token, &tag) in view.tokens.iter_mut().zip(tags) {
            token.pos = self.pos_hashes.get(tag).copied().unwrap_or(0);
        }
        view
    }

    /// Parse one sentence: each word's head (0 for the root, else the head's
    /// number from 1) and relation (an index of [`DEPRELS`]).
    pub fn parse(&self, view: &SentenceView, scratch: &mut Scratch) -> (Vec<usize>, Vec<u8>) {
        let (heads, labels) = decode(&self.weights, self.relations.len(), view, scratch);
        let relations = labels
            .iter()
            .map(|&l| self.relations.get(usize::from(l)).copied().unwrap_or(0))
            .collect();
        (heads, relations)
    }
}

/// Parse one sentence with `weights` over `labels` labels: each word's head
/// (0 for the root) and label.
pub fn decode(
    weights: &Weights,
    labels: usize,
    view: &SentenceView,
    scratch: &mut Scratch,
) -> (Vec<usize>, Vec<u8>) {
    let state = scratch.state.get_or_insert_with(|| State::new(0));
    state.reset(view.len());
    scratch.scores.resize(weights.n_classes(), 0);
    while !state.is_final() {
        scratch.features.clear();
        features::features(view, state, &mut scratch.features);
        scratch.scores.fill(0);
        weights.score(&scratch.features, &mut scratch.scores);
        let t = best_allowed(state, &scratch.scores, labels);
        state.apply(t);
    }
    (state.heads[1..].to_vec(), state.labels[1..].to_vec())
}

/// The best-scoring transition `state` allows.
pub fn best_allowed<S: PartialOrd + Copy>(
    state: &State,
    scores: &[S],
    labels: usize,
) -> Transition {
    let [shift, left, right] = state.allowed();
    let mut best: Option<(usize, S)> = None;
    let mut consider = |class: usize| {
        if best.is_none_or(|(_, s)| scores[class] > s) {
            best = Some((class, scores[class]));
        }
    };
    if shift {
        consider(0);
    }
    if left {
        (1..=labels).for_each(&mut consider);
    }
    if right {
        (1 + labels..=2 * labels).for_each(&mut consider);
    }
    best.map_or(Transition::Shift, |(class, _)| {
        Transition::of_class(class, labels)
    })
}

impl Stage for Parser {
    fn name(&self) -> &'static str {
        "parse"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::PartsOfSpeech]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Dependencies]
    }

    fn run(&self, doc: &mut Annotated) {
        let mut scratch = Scratch::default();
        let mut dependencies = vec![
            Dependency {
                head: None,
                relation: 0,
            };
            doc.tokens.len()
        ];
        for sentence in &doc.sentences {
            let tokens = &doc.tokens[sentence.tokens.clone()];
            let words: Vec<&str> = tokens.iter().map(|t| doc.token_text(t)).collect();
            let tags: Vec<usize> = tokens.iter().map(|t| t.pos.index()).collect();
            let view = self.view(&words, &tags);
            let (heads, relations) = self.parse(&view, &mut scratch);
            let start = sentence.tokens.start;
            for (i, (head, relation)) in heads.into_iter().zip(relations).enumerate() {
                dependencies[start + i] = Dependency {
                    head: (head != 0).then(|| start + head - 1),
                    relation,
                };
            }
        }
        doc.dependencies = dependencies;
    }
}
