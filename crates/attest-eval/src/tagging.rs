//! Tagging scores: token accuracy for parts of speech, and conlleval's
//! precision, recall and F1 over spans (chunks, entities), overall and per
//! type.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Score;
use attest::learn::labels_set::{LabelledSpan, iob_spans};

/// The figures `attest eval pos` prints.
#[derive(Debug, Clone, Serialize)]
pub struct AccuracyReport {
    /// Always "pos".
    pub task: &'static str,
    /// Tokens scored.
    pub tokens: usize,
    /// Fraction tagged correctly.
    pub accuracy: f64,
    /// Accuracy per gold tag.
    pub per_type: BTreeMap<String, f64>,
    /// The most frequent errors: (gold, predicted, count).
    #[serde(skip)]
    pub confusions: Vec<(String, String, usize)>,
}

/// Token accuracy of predicted tags against gold tags, sentence by sentence.
pub fn accuracy<'a>(pairs: impl Iterator<Item = (&'a [String], &'a [String])>) -> AccuracyReport {
    let mut per_tag: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut confusions: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (mut correct, mut total) = (0, 0);
    for (gold, predicted) in pairs {
        for (g, p) in gold.iter().zip(predicted) {
            let entry = per_tag.entry(g.clone()).or_default();
            entry.1 += 1;
            total += 1;
            if g == p {
                entry.0 += 1;
                correct += 1;
            } else {
                *confusions.entry((g.clone(), p.clone())).or_default() += 1;
            }
        }
    }
    let mut confusions: Vec<(String, String, usize)> = confusions
        .into_iter()
        .map(|((g, p), n)| (g, p, n))
        .collect();
    confusions.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    AccuracyReport {
        task: "pos",
        tokens: total,
        accuracy: correct as f64 / total.max(1) as f64,
        per_type: per_tag
            .into_iter()
            .map(|(t, (c, n))| (t, c as f64 / n.max(1) as f64))
            .collect(),
        confusions,
    }
}

/// The figures `attest eval chunk` and `attest eval ner` print.
#[derive(Debug, Clone, Serialize)]
pub struct SpanReport {
    /// "chunk" or "ner".
    pub task: &'static str,
    /// Tokens scored.
    pub tokens: usize,
    /// Precision over all types.
    pub precision: f64,
    /// Recall over all types.
    pub recall: f64,
    /// F1 over all types.
    pub f1: f64,
    /// Token accuracy of the IOB tags.
    pub accuracy: f64,
    /// Scores per span type.
    pub per_type: BTreeMap<String, Score>,
}

/// conlleval scoring of predicted IOB tags against gold IOB tags.
pub fn span_scores<'a>(
    task: &'static str,
    pairs: impl Iterator<Item = (&'a [String], &'a [String])>,
) -> SpanReport {
    let mut counts: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let (mut tokens, mut correct_tags) = (0, 0);
    for (gold, predicted) in pairs {
        tokens += gold.len();
        correct_tags += gold.iter().zip(predicted).filter(|(g, p)| g == p).count();
        let gold_spans = iob_spans(gold);
        let predicted_spans = iob_spans(predicted);
        for span in &predicted_spans {
            let c = counts.entry(span.kind.clone()).or_default();
            c[1] += 1;
            if gold_spans.contains(span) {
                c[0] += 1;
            }
        }
        for LabelledSpan { kind, .. } in &gold_spans {
            counts.entry(kind.clone()).or_default()[2] += 1;
        }
    }
    let total = counts.values().fold([0; 3], |acc, c| {
        [acc[0] + c[0], acc[1] + c[1], acc[2] + c[2]]
    });
    let overall = Score::new(total[0], total[1], total[2]);
    SpanReport {
        task,
        tokens,
        precision: overall.precision,
        recall: overall.recall,
        f1: overall.f1,
        accuracy: correct_tags as f64 / tokens.max(1) as f64,
        per_type: counts
            .into_iter()
            .map(|(k, c)| (k, Score::new(c[0], c[1], c[2])))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn conlleval_counts_exact_spans() {
        let gold = tags("B-PER I-PER O B-LOC O B-ORG");
        let predicted = tags("B-PER I-PER O B-LOC I-LOC B-ORG");
        let report = span_scores(
            "ner",
            std::iter::once((gold.as_slice(), predicted.as_slice())),
        );
        assert_eq!(report.per_type["PER"].tp, 1);
        assert_eq!(report.per_type["LOC"].tp, 0);
        assert!((report.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((report.recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((report.accuracy - 5.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn accuracy_and_confusions() {
        let gold = tags("NN VB NN");
        let predicted = tags("NN NN NN");
        let report = accuracy(std::iter::once((gold.as_slice(), predicted.as_slice())));
        assert!((report.accuracy - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(
            report.confusions,
            vec![("VB".to_owned(), "NN".to_owned(), 1)]
        );
        assert_eq!(report.per_type["VB"], 0.0);
    }
}
