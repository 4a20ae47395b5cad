//! Dependency parsing against a treebank, on its own words: unlabelled and
//! labelled attachment (UAS, LAS), label accuracy, and precision, recall and
//! F1 per relation (a predicted relation is right when its head and label
//! both are). Punctuation counts like any other word.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Score;

/// One word: its gold and predicted head (0 for the root) and relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment<'a> {
    /// Gold head.
    pub gold_head: usize,
    /// Gold relation.
    pub gold_relation: &'a str,
    /// Predicted head.
    pub head: usize,
    /// Predicted relation.
    pub relation: &'a str,
}

/// The figures of a parse evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParseReport {
    /// Words scored.
    pub words: usize,
    /// Words whose head is right.
    pub uas: f64,
    /// Words whose head and relation are right.
    pub las: f64,
    /// Words whose relation is right, whatever the head.
    pub label_accuracy: f64,
    /// Each relation's score, by name.
    pub relations: BTreeMap<String, Score>,
}

/// Score the attachments of every word.
pub fn score<'a>(words: impl IntoIterator<Item = Attachment<'a>>) -> ParseReport {
    let (mut total, mut heads, mut both, mut labels) = (0usize, 0usize, 0usize, 0usize);
    // relation -> (right, predicted, gold)
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for w in words {
        total += 1;
        let head_right = w.head == w.gold_head;
        let label_right = w.relation == w.gold_relation;
        heads += usize::from(head_right);
        labels += usize::from(label_right);
        both += usize::from(head_right && label_right);
        counts.entry(w.relation).or_default().1 += 1;
        counts.entry(w.gold_relation).or_default().2 += 1;
        if head_right && label_right {
            counts.entry(w.relation).or_default().0 += 1;
        }
    }
    let ratio = |a: usize| {
        if total == 0 {
            1.0
        } else {
            a as f64 / total as f64
        }
    };
    ParseReport {
        words: total,
        uas: ratio(heads),
        las: ratio(both),
        label_accuracy: ratio(labels),
        relations: counts
            .into_iter()
            .map(|(r, (right, predicted, gold))| (r.to_owned(), Score::new(right, predicted, gold)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_scores_count_heads_and_labels() {
        let words = [
            ("nsubj", 2, "nsubj", 2),
            ("root", 0, "root", 0),
            ("obj", 2, "obl", 2),
            ("punct", 2, "punct", 3),
        ]
        .map(|(gold_relation, gold_head, relation, head)| Attachment {
            gold_head,
            gold_relation,
            head,
            relation,
        });
        let report = score(words);
        assert_eq!(report.words, 4);
        assert!((report.uas - 0.75).abs() < 1e-9);
        assert!((report.las - 0.5).abs() < 1e-9);
        assert!((report.label_accuracy - 0.75).abs() < 1e-9);
        assert_eq!(report.relations["obj"].recall, 0.0);
        assert_eq!(report.relations["obl"].precision, 0.0);
        assert_eq!(report.relations["nsubj"].f1, 1.0);
    }
}
