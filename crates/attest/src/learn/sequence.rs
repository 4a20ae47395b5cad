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
/// Features are split in three: those that depend on nothing but one word's
/// form (its own, or its neighbour's), whose summed weights a
/// [`WordCache`] keeps per frequent word;
/// those fixed by the view alone, whose summed weights [`fixed_rows`] keeps
/// per token when one view is labelled over several ranges; and the rest.
pub trait Templates: Sync {
    /// Version of the templates; a model stores the version it was trained with.
    const VERSION: u32;

    /// Push the features that depend only on `token`'s word in `role`.
    fn word_features(&self, token: &TokenView, role: Role, out: &mut Vec<u64>);

    /// Push the features of token `i` that depend on the view alone, not
    /// on the labels chosen so far.
    fn fixed_features(&self, _view: &SentenceView, _i: usize, _out: &mut Vec<u64>) {}

    /// Push the other features of token `i`.
    fn context_features(&self, view: &SentenceView, i: usize, history: &[u16], out: &mut Vec<u64>);

    /// Push every feature of token `i`.
    fn features(&self, view: &SentenceView, i: usize, history: &[u16], out: &mut Vec<u64>) {
        let at = i as isize;
        self.word_features(view.at(at), Role::Center, out);
        self.word_features(view.at(at - 1), Role::Left, out);
        self.word_features(view.at(at + 1), Role::Right, out);
        self.fixed_features(view, i, out);
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
    row: Vec<i32>,
    /// [`decode_range`]'s labels: zero but for the range it labelled last.
    history: Vec<u16>,
    history_written: std::ops::Range<usize>,
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
    let mut row = std::mem::take(&mut scratch.row);
    row.resize(n, 0);
    for i in 0..view.len() {
        fixed_row(weights, cache, templates, view, i, scratch, &mut row);
        next_label(
            weights,
            labels,
            templates,
            view,
            i,
            &(0..view.len()),
            &row,
            scratch,
            out,
        );
    }
    scratch.row = row;
}

/// The summed weights of the word-level and fixed features of every token of
/// `view` (`n_classes` scores a token, in order), for [`decode_range`].
pub fn fixed_rows<T: Templates>(
    weights: &Weights,
    cache: Option<&WordCache>,
    templates: &T,
    view: &SentenceView,
    scratch: &mut Scratch,
    rows: &mut Vec<i32>,
) {
    let n = weights.n_classes();
    rows.clear();
    rows.resize(n * view.len(), 0);
    for (i, row) in rows.chunks_exact_mut(n).enumerate() {
        fixed_row(weights, cache, templates, view, i, scratch, row);
    }
}

/// Label the tokens of `range` of a view greedily, given the [`fixed_rows`]
/// of the whole view; tokens before the range count as labelled O. `out`
/// receives the labels of the range.
#[allow(clippy::too_many_arguments)] // the decoder's inputs, each needed
pub fn decode_range<T: Templates>(
    weights: &Weights,
    labels: &LabelSet,
    templates: &T,
    view: &SentenceView,
    range: std::ops::Range<usize>,
    rows: &[i32],
    scratch: &mut Scratch,
    out: &mut Vec<u16>,
) {
    let n = weights.n_classes();
    let mut history = std::mem::take(&mut scratch.history);
    // Zero only what the last call labelled: clearing the whole prefix would
    // cost the paragraph's length for every cue in it.
    let written = std::mem::take(&mut scratch.history_written);
    let end = written.end.min(history.len());
    history[written.start.min(end)..end].fill(0);
    history.resize(range.start, 0);
    for i in range.clone() {
        let row = &rows[i * n..(i + 1) * n];
        next_label(
            weights,
            labels,
            templates,
            view,
            i,
            &range,
            row,
            scratch,
            &mut history,
        );
    }
    out.clear();
    out.extend_from_slice(&history[range.start..]);
    scratch.history_written = range;
    scratch.history = history;
}

/// The word-level and fixed scores of token `i`.
fn fixed_row<T: Templates>(
    weights: &Weights,
    cache: Option<&WordCache>,
    templates: &T,
    view: &SentenceView,
    i: usize,
    scratch: &mut Scratch,
    row: &mut [i32],
) {
    scratch.features.clear();
    row.fill(0);
    let at = i as isize;
    for (role, token) in [
        (Role::Center, view.at(at)),
        (Role::Left, view.at(at - 1)),
        (Role::Right, view.at(at + 1)),
    ] {
        match cache.and_then(|c| c.row(token, role)) {
            Some(cached) => {
                for (s, r) in row.iter_mut().zip(cached) {
                    *s += r;
                }
            }
            None => templates.word_features(token, role, &mut scratch.features),
        }
    }
    templates.fixed_features(view, i, &mut scratch.features);
    weights.score(&scratch.features, row);
}

/// Choose token `i`'s label from its fixed scores and its context features
/// given `history` (the labels of the tokens before it), and push it; the
/// labelling covers `range` (no label before it constrains the choice, and
/// the label must be able to end it).
#[allow(clippy::too_many_arguments)] // the decoder's inputs, each needed
fn next_label<T: Templates>(
    weights: &Weights,
    labels: &LabelSet,
    templates: &T,
    view: &SentenceView,
    i: usize,
    range: &std::ops::Range<usize>,
    fixed: &[i32],
    scratch: &mut Scratch,
    history: &mut Vec<u16>,
) {
    scratch.features.clear();
    scratch.scores.clear();
    scratch.scores.extend_from_slice(fixed);
    templates.context_features(view, i, history, &mut scratch.features);
    weights.score(&scratch.features, &mut scratch.scores);
    let previous = (i > range.start).then(|| history.last().copied()).flatten();
    let last = i + 1 == range.end;
    let label = best(
        labels,
        previous,
        last,
        scratch.scores.iter().map(|&s| s as f32),
    );
    history.push(label);
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
    /// The correct labels of each (of its range).
    pub labels: &'a [Vec<u16>],
    /// The part of each view to label, when not all of it: tokens before
    /// the range count as labelled O.
    pub ranges: Option<&'a [std::ops::Range<usize>]>,
}

impl Examples<'_> {
    /// The part of view `s` that is labelled.
    fn range(&self, s: usize) -> std::ops::Range<usize> {
        self.ranges
            .and_then(|r| r.get(s).cloned())
            .unwrap_or(0..self.views[s].len())
    }
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
            let (view, truth, range) = (&train.views[s], &train.labels[s], train.range(s));
            history.clear();
            history.resize(range.start, 0);
            for (i, &gold) in range.clone().zip(truth) {
                features.clear();
                templates.features(view, i, &history, &mut features);
                perceptron.tick();
                perceptron.scores(&features, &mut scores);
                let previous = (i > range.start).then(|| history.last().copied()).flatten();
                let last = i + 1 == range.end;
                let guess = best(labels, previous, last, scores.iter().copied());
                let target = labels.oracle(previous, gold);
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
    let mut history = Vec::new();
    for (s, (view, truth)) in train.views.iter().zip(train.labels).enumerate() {
        let range = train.range(s);
        history.clear();
        history.resize(range.start, 0);
        history.extend_from_slice(truth);
        for i in range {
            features.clear();
            templates.features(view, i, &history[..i], &mut features);
            for f in &features {
                *counts.entry(*f).or_default() += 1;
            }
        }
    }
    seen_often(counts, min_count)
}

/// The features counted at least `min_count` times, sorted, so that the
/// perceptron's rows come in the same order on every run.
pub fn seen_often(
    counts: std::collections::HashMap<u64, u32, super::hash::BuildPassThrough>,
    min_count: u32,
) -> Vec<u64> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::hash::{feature, join};

    /// Toy templates: a token's label is its word's, flipped after a token
    /// whose pos is 1.
    struct Toy;

    impl Templates for Toy {
        const VERSION: u32 = 0;
        fn word_features(&self, token: &TokenView, role: Role, out: &mut Vec<u64>) {
            if role == Role::Center {
                out.push(feature(1, token.norm + 1));
            }
        }
        fn fixed_features(&self, view: &SentenceView, i: usize, out: &mut Vec<u64>) {
            out.push(feature(
                2,
                join(view.at(i as isize - 1).pos, view.at(i as isize).norm),
            ));
        }
        fn context_features(
            &self,
            _: &SentenceView,
            i: usize,
            history: &[u16],
            out: &mut Vec<u64>,
        ) {
            out.push(feature(3, previous(history, i, 1)));
        }
    }

    fn view(words: &[(u64, u64)]) -> SentenceView {
        let tokens = words
            .iter()
            .map(|&(norm, pos)| TokenView {
                norm,
                pos,
                ..TokenView::default()
            })
            .collect();
        SentenceView { tokens }
    }

    fn trained() -> (Weights, LabelSet, Vec<SentenceView>) {
        let views = vec![
            view(&[(0, 0), (1, 1), (0, 0), (1, 0)]),
            view(&[(1, 1), (1, 0), (0, 1), (0, 0)]),
        ];
        let gold = vec![vec![0, 1, 1, 1], vec![1, 0, 0, 1]];
        let labels = LabelSet::flat(vec!["a".into(), "b".into()]);
        let examples = Examples {
            views: &views,
            labels: &gold,
            ranges: None,
        };
        let config = TrainConfig {
            min_count: 1,
            prune: 0.0,
            ..TrainConfig::default()
        };
        (
            train(&Toy, &labels, &examples, config, |_, _| {}),
            labels,
            views,
        )
    }

    #[test]
    fn decoding_a_range_from_fixed_rows_matches_decoding_the_view() {
        let (weights, labels, views) = trained();
        let mut scratch = Scratch::default();
        let (mut whole, mut ranged, mut rows) = (Vec::new(), Vec::new(), Vec::new());
        for v in &views {
            decode(&weights, &labels, &Toy, v, &mut scratch, &mut whole);
            fixed_rows(&weights, None, &Toy, v, &mut scratch, &mut rows);
            decode_range(
                &weights,
                &labels,
                &Toy,
                v,
                0..v.len(),
                &rows,
                &mut scratch,
                &mut ranged,
            );
            assert_eq!(whole, ranged);
            decode_range(
                &weights,
                &labels,
                &Toy,
                v,
                2..v.len(),
                &rows,
                &mut scratch,
                &mut ranged,
            );
            assert_eq!(ranged.len(), v.len() - 2);
        }
        assert_eq!(whole, vec![1, 0, 0, 1], "the toy problem is learnt");
    }
}
