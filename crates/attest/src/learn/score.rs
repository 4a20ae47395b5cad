//! Precision, recall and F1: how training runs report their dev figures and
//! the scorers report theirs.

use serde::{Deserialize, Serialize};

/// Precision, recall and F1 with the counts they come from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// tp / predicted (1 when nothing was predicted).
    pub precision: f64,
    /// tp / gold (1 when there was nothing to find).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Items both predicted and in the gold standard.
    pub tp: usize,
    /// Items predicted.
    pub predicted: usize,
    /// Items in the gold standard.
    pub gold: usize,
}

impl Score {
    /// The score of `tp` correct items out of `predicted` and `gold`.
    pub fn new(tp: usize, predicted: usize, gold: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, predicted);
        let recall = ratio(tp, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Score {
            precision,
            recall,
            f1,
            tp,
            predicted,
            gold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_arithmetic() {
        let s = Score::new(8, 10, 16);
        assert!((s.precision - 0.8).abs() < 1e-12);
        assert!((s.recall - 0.5).abs() < 1e-12);
        assert!((s.f1 - 0.8 * 0.5 * 2.0 / 1.3).abs() < 1e-12);
        assert_eq!(Score::new(0, 0, 0).f1, 1.0);
        assert_eq!(Score::new(0, 3, 4).f1, 0.0);
    }
}
