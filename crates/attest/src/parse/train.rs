//! Training the parser: the averaged perceptron over the transitions of each
//! training sentence, with the dynamic oracle. After the first epoch the
//! parser mostly follows its own predictions, mistakes included, and learns
//! at each step the best transition from where it stands, as it will stand
//! on new text.

use std::collections::HashMap;

use super::features::features;
use super::system::{Gold, State, Transition, cost, costs};
use crate::learn::hash::BuildPassThrough;
use crate::learn::perceptron::Perceptron;
use crate::learn::sequence::{SplitMix, TrainConfig, seen_often};
use crate::learn::view::SentenceView;
use crate::learn::weights::Weights;

/// A training sentence: its view and its projective gold tree.
pub struct Example {
    /// The words with their tags.
    pub view: SentenceView,
    /// Each word's head (0 for the root), index 0 unused.
    pub heads: Vec<usize>,
    /// Each word's label (an index of the run's labels), index 0 unused.
    pub labels: Vec<u8>,
}

/// After this many epochs the parser follows its own predictions.
const EXPLORE_AFTER: u32 = 1;
/// How often it follows them then (out of 100).
const EXPLORE_PERCENT: u64 = 90;

/// Learn weights over `labels` labels from `examples`, calling `after_epoch`
/// with the epoch and the averaged weights after every pass.
pub fn train(
    examples: &[Example],
    labels: usize,
    config: TrainConfig,
    mut after_epoch: impl FnMut(u32, &Weights),
) -> Weights {
    let classes = 1 + 2 * labels;
    let mut perceptron = Perceptron::new(classes, frequent_features(examples, config.min_count));
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix(config.seed);
    let mut feats = Vec::new();
    let mut scores = vec![0f32; classes];
    let mut state = State::new(0);
    for epoch in 1..=config.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let example = &examples[s];
            let gold = Gold {
                heads: &example.heads,
                labels: &example.labels,
            };
            state.reset(example.view.len());
            while !state.is_final() {
                feats.clear();
                features(&example.view, &state, &mut feats);
                perceptron.tick();
                perceptron.scores(&feats, &mut scores);
                let predicted = super::best_allowed(&state, &scores, labels);
                let (best, best_cost) = best_zero_cost(&state, &gold, &scores, labels);
                let base = costs(&state, &gold);
                if cost(predicted, &base) > best_cost {
                    perceptron.update(&feats, best.class(labels), predicted.class(labels));
                }
                let explore = epoch > EXPLORE_AFTER && rng.next_u64() % 100 < EXPLORE_PERCENT;
                state.apply(if explore { predicted } else { best });
            }
        }
        after_epoch(epoch, &perceptron.averaged(config.prune));
    }
    perceptron.averaged(config.prune)
}

/// The best-scoring transition of least cost.
fn best_zero_cost(
    state: &State,
    gold: &Gold,
    scores: &[f32],
    labels: usize,
) -> (Transition, usize) {
    let base = costs(state, gold);
    let candidates = [
        Transition::Shift,
        Transition::Left(base.1[0].unwrap_or(0)),
        Transition::Right(base.1[1].unwrap_or(0)),
    ];
    // Where an arc is not gold any label costs the same: take the best scoring.
    let best_label = |first: usize| {
        (0..labels)
            .max_by(|&a, &b| scores[first + a].total_cmp(&scores[first + b]))
            .unwrap_or(0) as u8
    };
    let mut best: Option<(Transition, usize, f32)> = None;
    for t in candidates {
        let t = match t {
            Transition::Left(_) if base.1[0].is_none() => Transition::Left(best_label(1)),
            Transition::Right(_) if base.1[1].is_none() => {
                Transition::Right(best_label(1 + labels))
            }
            t => t,
        };
        if !state.can(t) {
            continue;
        }
        let (c, score) = (cost(t, &base), scores[t.class(labels)]);
        if best.is_none_or(|(_, bc, bs)| c < bc || (c == bc && score > bs)) {
            best = Some((t, c, score));
        }
    }
    best.map_or((Transition::Shift, 0), |(t, c, _)| (t, c))
}

/// The features seen at least `min_count` times on the oracle's paths.
fn frequent_features(examples: &[Example], min_count: u32) -> Vec<u64> {
    let mut counts: HashMap<u64, u32, BuildPassThrough> = HashMap::default();
    let mut feats = Vec::new();
    let mut state = State::new(0);
    for example in examples {
        let gold = Gold {
            heads: &example.heads,
            labels: &example.labels,
        };
        state.reset(example.view.len());
        while !state.is_final() {
            feats.clear();
            features(&example.view, &state, &mut feats);
            for f in &feats {
                *counts.entry(*f).or_default() += 1;
            }
            let (t, _) = best_zero_cost(&state, &gold, &[0.0; 256], 0);
            state.apply(t);
        }
    }
    seen_often(counts, min_count)
}
