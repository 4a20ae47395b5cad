//! Greedy left-to-right sequence labelling: decoding with a trained model,
//! and the training loop that learns one.

use super::labels_set::LabelSet;
use super::model::Weights;
use super::perceptron::Perceptron;
use super::view::{SentenceView, TokenView};
use super::word_cache::WordCache;

/// Which token a word-level feature describes, relative to the token being
/// labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The token itself.
    Center,
    /// The token before it.
    Left,
    /// The token after it.
    Right,
}

/// The feature templates of a task: the features of token `i` given the
/// labels already chosen for the tokens before it.
///
/// Features are split in two: those that depend on nothing but one word's
/// form (its own, or its neighbour's), whose summed weights a
/// [`WordCache`](super::word_cache::WordCache) keeps per frequent word, and
/// the rest.
pub trait Templates: Sync {
    /// Version of the templates; a model stores the version it was trained with.
    const VERSION: u32;

    /// Push the features that depend only on `token`'s word in `role`.
    fn word_features(&self, token: &TokenView, role: Role, out: &mut Vec<u64>);

    /// Push the other features of token `i`.
    fn context_features(&self, view: &SentenceView, i: usize, history: &[u16], out: &mut Vec<u64>);

    /// Push every feature of token `i`.
    fn features(&self, view: &SentenceView, i: usize, history: &[u16], out: &mut Vec<u64>) {
        let at = i as isize;
        self.word_features(view.at(at), Role::Center, out);
        self.word_features(view.at(at - 1), Role::Left, out);
        self.word_features(view.at(at + 1), Role::Right, out);
        self.context_features(view, i, history, out);
    }
}

/// The label of `history` `back` positions before `i`, or a start marker.
#[inline]
pub fn previous(history: &[u16], i: usize, back: usize) -> u64 {
    match i.checked_sub(back) {
        Some(j) => u64::from(history[j]) + 1,
        None => 0,
    }
}

/// Push `feature(template, value)` unless the value is absent (0).
#[inline]
pub fn push(out: &mut Vec<u64>, template: u64, value: u64) {
    if value != 0 {
        out.push(super::hash::feature(template, value));
    }
}

/// Push one feature a set bit of `bits & mask` (bit `b` as value `b + 1`).
#[inline]
pub fn push_bits(out: &mut Vec<u64>, template: u64, bits: u32, mask: u32) {
    let mut set = bits & mask;
    while set != 0 {
        let bit = set.trailing_zeros();
        out.push(super::hash::feature(template, u64::from(bit) + 1));
        set &= set - 1;
    }
}

/// Buffers reused from token to token.
#[derive(Default)]
pub struct Scratch {
    features: Vec<u64>,
    scores: Vec<i32>,
}

/// Label a sentence greedily, best allowed label first.
pub fn decode<T: Templates>(
    weights: &Weights,
    labels: &LabelSet,
    templates: &T,
    view: &SentenceView,
    scratch: &mut Scratch,
    out: &mut Vec<u16>,
) {
    decode_cached(weights, None, labels, templates, view, scratch, out);
}

/// Label a sentence greedily, taking the word-level weights of cached words
/// from `cache`.
pub fn decode_cached<T: Templates>(
    weights: &Weights,
    cache: Option<&WordCache>,
    labels: &LabelSet,
    templates: &T,
    view: &SentenceView,
    scratch: &mut Scratch,
    out: &mut Vec<u16>,
) {
    out.clear();
    let n = weights.n_classes();
    scratch.scores.resize(n, 0);
    for i in 0..view.len() {
        scratch.features.clear();
        scratch.scores.fill(0);
        let at = i as isize;
        for (role, token) in [
            (Role::Center, view.at(at)),
            (Role::Left, view.at(at - 1)),
            (Role::Right, view.at(at + 1)),
        ] {
            match cache.and_then(|c| c.row(token, role)) {
                Some(row) => {
                    for (s, r) in scratch.scores.iter_mut().zip(row) {
                        *s += r;
                    }
                }
                None => templates.word_features(token, role, &mut scratch.features),
            }
        }
        templates.context_features(view, i, out, &mut scratch.features);
        weights.score(&scratch.features, &mut scratch.scores);
        let last = i + 1 == view.len();
        let label = best(
            labels,
            out.last().copied(),
            last,
            scratch.scores.iter().map(|&s| s as f32),
        );
        out.push(label);
    }
}

/// The highest-scoring label that may follow `prev` (and end the sentence
/// when `last`); the first label if none may.
fn best(
    labels: &LabelSet,
    prev: Option<u16>,
    last: bool,
    scores: impl Iterator<Item = f32>,
) -> u16 {
    let mut best = (0u16, f32::NEG_INFINITY);
    for (label, score) in scores.enumerate() {
        let label = label as u16;
        if score > best.1 && labels.allowed(prev, label) && (!last || labels.may_end(label)) {
            best = (label, score);
        }
    }
    best.0
}

/// Settings of a training run.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: u32,
    /// Seed of the shuffling: the same seed and data give the same model.
    pub seed: u64,
    /// Features seen fewer times than this in the training data are dropped.
    pub min_count: u32,
    /// Averaged weights smaller than this are dropped from the model.
    pub prune: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 10,
            seed: 1,
            min_count: 2,
            prune: 0.01,
        }
    }
}

/// Sentences with their correct labels.
pub struct Examples<'a> {
    /// The sentences.
    pub views: &'a [SentenceView],
    /// The correct labels of each.
    pub labels: &'a [Vec<u16>],
}

/// Learn weights for `templates` from `train`, calling `after_epoch` with the
/// epoch number and the averaged weights after every pass (to report dev
/// figures).
pub fn train<T: Templates>(
    templates: &T,
    labels: &LabelSet,
    train: &Examples,
    config: TrainConfig,
    mut after_epoch: impl FnMut(u32, &Weights),
) -> Weights {
    let mut perceptron = Perceptron::new(
        labels.len(),
        frequent_features(templates, train, config.min_count),
    );
    let mut order: Vec<usize> = (0..train.views.len()).collect();
    let mut rng = SplitMix(config.seed);
    let mut features = Vec::new();
    let mut scores = vec![0f32; labels.len()];
    let mut history = Vec::new();
    for epoch in 1..=config.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (view, truth) = (&train.views[s], &train.labels[s]);
            history.clear();
            for (i, &gold) in truth.iter().enumerate().take(view.len()) {
                features.clear();
                templates.features(view, i, &history, &mut features);
                perceptron.tick();
                perceptron.scores(&features, &mut scores);
                let last = i + 1 == view.len();
                let guess = best(
                    labels,
                    history.last().copied(),
                    last,
                    scores.iter().copied(),
                );
                let target = labels.oracle(history.last().copied(), gold);
                perceptron.update(&features, usize::from(target), usize::from(guess));
                history.push(guess);
            }
        }
        after_epoch(epoch, &perceptron.averaged(config.prune));
    }
    perceptron.averaged(config.prune)
}

/// The features seen at least `min_count` times, with the correct labels as
/// history, in a deterministic order.
fn frequent_features<T: Templates>(templates: &T, train: &Examples, min_count: u32) -> Vec<u64> {
    let mut counts: std::collections::HashMap<u64, u32, super::hash::BuildPassThrough> =
        std::collections::HashMap::default();
    let mut features = Vec::new();
    for (view, truth) in train.views.iter().zip(train.labels) {
        for i in 0..view.len() {
            features.clear();
            templates.features(view, i, &truth[..i], &mut features);
            for f in &features {
                *counts.entry(*f).or_default() += 1;
            }
        }
    }
    let mut kept: Vec<u64> = counts
        .into_iter()
        .filter(|&(_, c)| c >= min_count)
        .map(|(f, _)| f)
        .collect();
    kept.sort_unstable();
    kept
}

/// A small deterministic generator for shuffling (SplitMix64).
pub struct SplitMix(pub u64);

impl SplitMix {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        super::hash::fmix(self.0)
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}
