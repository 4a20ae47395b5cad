//! Trained taggers at run time: a model's weights and labels with the
//! templates it was trained with.

use super::clusters::Clusters;
use super::gazetteer::Gazetteer;
use super::labels_set::{LabelSet, LabelledSpan};
use super::model::{Model, ModelError, Weights};
use super::sequence::{Scratch, Templates, decode_cached};
use super::view::SentenceView;
use super::vocabulary::Vocabulary;
use super::word_cache::WordCache;
use crate::model::labels::{Iob, Pos, kind_index};

/// A model ready to label sentences.
pub struct SequenceTagger<T> {
    templates: T,
    weights: Weights,
    first_pass: Option<Weights>,
    labels: LabelSet,
    /// The clusters its views need.
    pub clusters: Option<Clusters>,
    /// The gazetteer its views need.
    pub gazetteer: Option<Gazetteer>,
    /// The training data's most frequent words.
    pub vocabulary: Vec<String>,
    /// What the model file says about itself.
    pub header: super::model::Header,
}

impl<T: Templates> SequenceTagger<T> {
    /// Load a model file for `task` trained with `templates`.
    pub fn load(bytes: &[u8], task: &str, templates: T) -> Result<Self, ModelError> {
        let model = Model::from_bytes(bytes, task, T::VERSION)?;
        Ok(SequenceTagger {
            templates,
            labels: LabelSet::from_names(model.header.labels.clone()),
            weights: model.weights,
            first_pass: model.first_pass,
            vocabulary: model.vocabulary,
            clusters: model.clusters,
            gazetteer: model.gazetteer,
            header: model.header,
        })
    }

    /// The model's labels.
    pub fn label_set(&self) -> &LabelSet {
        &self.labels
    }

    /// The final weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// The first-pass weights of a model trained in two passes.
    pub fn first_pass(&self) -> Option<&Weights> {
        self.first_pass.as_ref()
    }

    /// A cache of the summed word weights of `vocabulary`.
    pub fn cache(&self, vocabulary: &Vocabulary) -> WordCache {
        WordCache::build(&self.templates, &self.weights, vocabulary)
    }

    /// Label indexes for the sentence.
    pub fn labels(&self, view: &SentenceView, scratch: &mut Scratch, out: &mut Vec<u16>) {
        self.labels_cached(view, None, scratch, out);
    }

    /// Label indexes for the sentence, with the word weights of `cache`.
    pub fn labels_cached(
        &self,
        view: &SentenceView,
        cache: Option<&WordCache>,
        scratch: &mut Scratch,
        out: &mut Vec<u16>,
    ) {
        decode_cached(
            &self.weights,
            cache,
            &self.labels,
            &self.templates,
            view,
            scratch,
            out,
        );
    }

    /// The summed word-level and fixed scores of every token of `view`, for
    /// [`SequenceTagger::labels_in_range`].
    pub fn fixed_rows(
        &self,
        view: &SentenceView,
        cache: Option<&WordCache>,
        scratch: &mut Scratch,
        rows: &mut Vec<i32>,
    ) {
        super::sequence::fixed_rows(&self.weights, cache, &self.templates, view, scratch, rows);
    }

    /// Label indexes for `range` of the view, given its [`fixed_rows`](Self::fixed_rows).
    pub fn labels_in_range(
        &self,
        view: &SentenceView,
        range: std::ops::Range<usize>,
        rows: &[i32],
        scratch: &mut Scratch,
        out: &mut Vec<u16>,
    ) {
        super::sequence::decode_range(
            &self.weights,
            &self.labels,
            &self.templates,
            view,
            range,
            rows,
            scratch,
            out,
        );
    }

    /// The labelled spans of the sentence (for span models).
    pub fn spans(
        &self,
        view: &SentenceView,
        cache: Option<&WordCache>,
        scratch: &mut Scratch,
    ) -> Vec<LabelledSpan> {
        let mut labels = Vec::with_capacity(view.len());
        self.labels_cached(view, cache, scratch, &mut labels);
        self.labels.decode_spans(&labels)
    }
}

/// Part-of-speech tags of a sentence from a flat model.
pub fn pos_tags<T: Templates>(
    tagger: &SequenceTagger<T>,
    cache: Option<&WordCache>,
    tags: &[Pos],
    view: &SentenceView,
    scratch: &mut Scratch,
    out: &mut Vec<Pos>,
) {
    let mut labels = Vec::with_capacity(view.len());
    tagger.labels_cached(view, cache, scratch, &mut labels);
    out.clear();
    out.extend(
        labels
            .iter()
            .map(|&l| tags.get(l as usize).copied().unwrap_or(Pos::NONE)),
    );
}

/// The [`Pos`] of each label of a part-of-speech model.
pub fn pos_of_labels(labels: &LabelSet) -> Result<Vec<Pos>, ModelError> {
    labels
        .names()
        .iter()
        .map(|l| Pos::from_name(l).ok_or_else(|| ModelError::UnknownLabel(l.clone())))
        .collect()
}

/// Check that every span kind of a model is one of `kinds`.
pub fn check_kinds(labels: &LabelSet, kinds: &[&str]) -> Result<(), ModelError> {
    for name in labels.names().iter().skip(1) {
        let kind = name.get(2..).unwrap_or("");
        if kind_index(kinds, kind).is_none() {
            return Err(ModelError::UnknownLabel(name.clone()));
        }
    }
    Ok(())
}

/// IOB tags for `n` tokens from spans of `kinds`.
pub fn iob_tags(n: usize, spans: &[(usize, usize, u8)]) -> Vec<Iob> {
    let mut tags = vec![Iob::Outside; n];
    for &(start, end, kind) in spans {
        for (i, tag) in tags.iter_mut().enumerate().take(end).skip(start) {
            *tag = if i == start {
                Iob::Begin(kind)
            } else {
                Iob::Inside(kind)
            };
        }
    }
    tags
}
