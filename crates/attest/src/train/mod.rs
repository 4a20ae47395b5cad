//! Training drivers that need the stages before the model they train: the
//! attribution model learns from articles segmented and tagged by the
//! pipeline, word clusters from text split into sentences. They sit above
//! the stages, beside the pipeline; the machinery they drive is in
//! [`crate::learn`].

pub mod parse;
pub mod quotes;

use crate::learn::train::{TrainError, read_corpus, read_text};
use crate::learn::view::normal_form;
use crate::segment::Segmenter;

/// Sentences of normalised words for clustering: articles read like any
/// input (`text`), and the word column of CoNLL-U and CoNLL files.
pub fn clustering_sentences(
    text: &[std::path::PathBuf],
    conllu: &[std::path::PathBuf],
    conll: &[std::path::PathBuf],
) -> Result<Vec<Vec<String>>, TrainError> {
    let mut sentences = Vec::new();
    let segmenter = Segmenter::new();
    for item in crate::read::Inputs::new(text, None) {
        let doc = item.map_err(|e| TrainError::Io {
            path: e.location.to_string(),
            message: e.problem.to_string(),
        })?;
        let (tokens, sents) = segmenter.segment(&doc.text);
        for s in sents {
            sentences.push(
                tokens[s.tokens]
                    .iter()
                    .map(|t| normal_form(t.span.slice(&doc.text)))
                    .collect(),
            );
        }
    }
    for path in conllu {
        for s in read_corpus(path, crate::corpus::conllu::read_conllu)? {
            sentences.push(s.words().map(|w| normal_form(&w.form)).collect());
        }
    }
    for path in conll {
        let text = read_text(path)?;
        let mut current = Vec::new();
        for line in text.lines() {
            match line.split_whitespace().next() {
                None | Some("-DOCSTART-") => {
                    if !current.is_empty() {
                        sentences.push(std::mem::take(&mut current));
                    }
                }
                Some(word) => current.push(normal_form(word)),
            }
        }
        if !current.is_empty() {
            sentences.push(current);
        }
    }
    Ok(sentences)
}
