//! The averaged perceptron: training-time weights with lazy averaging.
//!
//! Every (feature, class) cell keeps its current weight, the running total of
//! its past values and when it last changed, so an update costs only the cells
//! it touches while the final weights are the average over every instance
//! seen (which generalises far better than the last weights).

use std::collections::HashMap;

use super::hash::BuildPassThrough;
use super::model::Weights;

/// Weights being learnt.
pub struct Perceptron {
    n_classes: usize,
    rows: HashMap<u64, u32, BuildPassThrough>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    instances: u32,
}

impl Perceptron {
    /// A perceptron over `features` (the only ones it will learn weights for).
    pub fn new(n_classes: usize, features: impl IntoIterator<Item = u64>) -> Self {
        let rows: HashMap<u64, u32, BuildPassThrough> = features
            .into_iter()
            .enumerate()
            .map(|(i, f)| (f, i as u32))
            .collect();
        let cells = rows.len() * n_classes;
        Perceptron {
            n_classes,
            rows,
            weights: vec![0.0; cells],
            totals: vec![0.0; cells],
            stamps: vec![0; cells],
            instances: 0,
        }
    }

    /// Number of features with a row.
    pub fn features(&self) -> usize {
        self.rows.len()
    }

    /// The current scores of the classes for `features`.
    pub fn scores(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in features {
            if let Some(&row) = self.rows.get(f) {
                let start = row as usize * self.n_classes;
                let weights = &self.weights[start..start + self.n_classes];
                for (s, w) in scores.iter_mut().zip(weights) {
                    *s += w;
                }
            }
        }
    }

    /// Count one instance; call once per token, before any update for it.
    pub fn tick(&mut self) {
        self.instances += 1;
    }

    /// Move weight from the wrongly guessed class to the right one.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for f in features {
            if let Some(&row) = self.rows.get(f) {
                let start = row as usize * self.n_classes;
                self.nudge(start + truth, 1.0);
                self.nudge(start + guess, -1.0);
            }
        }
    }

    fn nudge(&mut self, cell: usize, delta: f32) {
        let elapsed = self.instances - self.stamps[cell];
        self.totals[cell] += f64::from(elapsed) * f64::from(self.weights[cell]);
        self.stamps[cell] = self.instances;
        self.weights[cell] += delta;
    }

    /// The averaged weights, dropping those whose magnitude is below
    /// `threshold` (they change no decision worth keeping).
    pub fn averaged(&self, threshold: f32) -> Weights {
        let now = f64::from(self.instances.max(1));
        let rows = self
            .rows
            .iter()
            .map(|(&feature, &row)| {
                let start = row as usize * self.n_classes;
                let entries = (0..self.n_classes)
                    .filter_map(|class| {
                        let cell = start + class;
                        let elapsed = f64::from(self.instances - self.stamps[cell]);
                        let total = self.totals[cell] + elapsed * f64::from(self.weights[cell]);
                        let average = (total / now) as f32;
                        (average.abs() >= threshold).then_some((class as u16, average))
                    })
                    .collect();
                (feature, entries)
            })
            .collect();
        Weights::from_rows(self.n_classes, rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem() {
        let mut p = Perceptron::new(2, [1, 2, 3]);
        let data = [(vec![1u64, 3], 0usize), (vec![2, 3], 1)];
        let mut scores = [0f32; 2];
        for _ in 0..5 {
            for (features, truth) in &data {
                p.tick();
                p.scores(features, &mut scores);
                let guess = if scores[1] > scores[0] { 1 } else { 0 };
                p.update(features, *truth, guess);
            }
        }
        let weights = p.averaged(0.0);
        for (features, truth) in &data {
            let mut s = [0i32; 2];
            weights.score(features, &mut s);
            let guess = if s[1] > s[0] { 1 } else { 0 };
            assert_eq!(guess, *truth);
        }
    }

    #[test]
    fn unknown_features_are_ignored() {
        let mut p = Perceptron::new(2, [1]);
        p.tick();
        p.update(&[99], 0, 1);
        let mut scores = [0f32; 2];
        p.scores(&[99, 1], &mut scores);
        assert_eq!(scores, [0.0, 0.0]);
    }
}
