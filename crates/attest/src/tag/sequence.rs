//! Greedy left-to-right sequence labelling: decoding with a trained model,
//! and the training loop that learns one.

use super::labels_set::LabelSet;
use super::model::Weights;
use super::perceptron::Perceptron;
use super::view::SentenceView;

/// The feature templates of a task: the features of token `i` given the
/// labels already chosen for the tokens before it.
pub trait Templates: Sync {
    /// Version of the templates; a model stores the version it was trained with.
    const VERSION: u32;

    /// Push the feature hashes of token `i` onto `out`.
    fn features(&self, view: &SentenceView, i: usize, history: &[u16], out: &mut Vec<u64>);
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
    out.clear();
    let n = weights.n_classes();
    scratch.scores.resize(n, 0);
    for i in 0..view.len() {
        scratch.features.clear();
        templates.features(view, i, out, &mut scratch.features);
        scratch.scores.fill(0);
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
            for i in 0..view.len() {
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
                perceptron.update(&features, truth[i] as usize, guess as usize);
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
