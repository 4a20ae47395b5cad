//! Segmentation measured against a Universal Dependencies treebank.
//!
//! Each treebank document's text is rebuilt by joining its sentences' `# text`
//! lines with a space, and with a blank line where a paragraph starts
//! (`# newpar`). Sentence boundaries are scored by their end offsets; tokens
//! by their spans, the gold tokens being the treebank's syntactic words ("do"
//! and "n't") aligned to the text by their characters. A multiword token
//! whose words do not spell it out ("won't" written as "will" and "not")
//! counts as one gold token over its whole surface form.

use std::collections::HashSet;

use serde::Serialize;

use super::Score;
use attest::corpus::conllu::{ConlluSentence, SurfaceToken};
use attest::segment::Segmenter;

/// The figures `attest eval segment` prints.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentReport {
    /// Always `"segment"`.
    pub task: &'static str,
    /// Treebank documents scored.
    pub documents: usize,
    /// Sentence boundaries (end offsets).
    pub sentences: Score,
    /// Token spans.
    pub tokens: Score,
    /// Gold tokens whose characters could not be found in the text.
    pub unaligned_tokens: usize,
}

/// A treebank document rebuilt as text, with its gold boundaries.
#[derive(Debug, Default)]
struct GoldDocument {
    text: String,
    sentence_ends: HashSet<usize>,
    tokens: HashSet<(usize, usize)>,
    unaligned: usize,
}

/// Score `segmenter` on the documents of a treebank.
pub fn evaluate(sentences: &[ConlluSentence], segmenter: &Segmenter) -> SegmentReport {
    let documents = gold_documents(sentences);
    let (mut sentence_counts, mut token_counts) = ([0usize; 3], [0usize; 3]);
    let mut unaligned = 0;
    for doc in &documents {
        let (tokens, predicted_sentences) = segmenter.segment(&doc.text);
        let ends: HashSet<usize> = predicted_sentences.iter().map(|s| s.span.end).collect();
        let spans: HashSet<(usize, usize)> =
            tokens.iter().map(|t| (t.span.start, t.span.end)).collect();
        add_counts(&mut sentence_counts, &ends, &doc.sentence_ends);
        add_counts(&mut token_counts, &spans, &doc.tokens);
        unaligned += doc.unaligned;
    }
    let score = |[tp, predicted, gold]: [usize; 3]| Score::new(tp, predicted, gold);
    SegmentReport {
        task: "segment",
        documents: documents.len(),
        sentences: score(sentence_counts),
        tokens: score(token_counts),
        unaligned_tokens: unaligned,
    }
}

fn add_counts<T: Eq + std::hash::Hash>(
    counts: &mut [usize; 3],
    predicted: &HashSet<T>,
    gold: &HashSet<T>,
) {
    counts[0] += predicted.intersection(gold).count();
    counts[1] += predicted.len();
    counts[2] += gold.len();
}

fn gold_documents(sentences: &[ConlluSentence]) -> Vec<GoldDocument> {
    let mut documents: Vec<GoldDocument> = Vec::new();
    for sentence in sentences {
        let Some(text) = sentence.text.as_deref() else {
            continue;
        };
        if sentence.new_doc || documents.is_empty() {
            documents.push(GoldDocument::default());
        }
        let Some(doc) = documents.last_mut() else {
            continue;
        };
        if !doc.text.is_empty() {
            doc.text
                .push_str(if sentence.new_par { "\n\n" } else { " " });
        }
        let start = doc.text.len();
        doc.text.push_str(text.trim_end());
        doc.sentence_ends.insert(doc.text.len());
        align_tokens(doc, start, &sentence.tokens);
    }
    documents
}

/// Find each gold token's characters in the sentence text starting at `start`.
fn align_tokens(doc: &mut GoldDocument, start: usize, tokens: &[SurfaceToken]) {
    let mut cursor = start;
    for token in tokens {
        let rest = &doc.text[cursor..];
        let Some(offset) = rest.find(token.form.as_str()) else {
            doc.unaligned += 1;
            continue;
        };
        let token_start = cursor + offset;
        cursor = token_start + token.form.len();
        let spelled_out: String = token.words.iter().map(|w| w.form.as_str()).collect();
        if token.words.len() > 1 && spelled_out == token.form {
            let mut word_start = token_start;
            for word in &token.words {
                doc.tokens
                    .insert((word_start, word_start + word.form.len()));
                word_start += word.form.len();
            }
        } else {
            doc.tokens.insert((token_start, cursor));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attest::corpus::conllu::read_conllu;

    #[test]
    fn perfect_segmentation_scores_one() {
        let treebank = "# newdoc id = d\n# newpar id = p\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\t_\t_\t_\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t_\t_\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t_\t_\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t_\t_\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t_\t_\t_\t_\n\n\
# text = It rained.\n1\tIt\tit\tPRON\tPRP\t_\t_\t_\t_\t_\n2\trained\train\tVERB\tVBD\t_\t_\t_\t_\tSpaceAfter=No\n\
3\t.\t.\tPUNCT\t.\t_\t_\t_\t_\t_\n";
        let sentences = read_conllu(treebank).unwrap();
        let report = evaluate(&sentences, &Segmenter::new());
        assert_eq!(report.documents, 1);
        assert_eq!(report.sentences.f1, 1.0);
        assert_eq!(report.tokens.f1, 1.0);
        assert_eq!(report.tokens.gold, 8);
    }

    #[test]
    fn paragraphs_are_blank_lines_in_the_rebuilt_text() {
        let treebank = "# newdoc\n# text = Hello\n1\tHello\t_\t_\t_\t_\t_\t_\t_\t_\n\n\
# newpar\n# text = World\n1\tWorld\t_\t_\t_\t_\t_\t_\t_\t_\n";
        let docs = gold_documents(&read_conllu(treebank).unwrap());
        assert_eq!(docs[0].text, "Hello\n\nWorld");
        assert_eq!(docs[0].sentence_ends, HashSet::from([5, 12]));
    }
}
