//! Readers for the annotated corpora attest trains on and measures itself
//! against: CoNLL-U treebanks, CoNLL chunks and entities, brat attributions.

pub mod brat;
pub mod conll;
pub mod conllu;

/// A line of a corpus file that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CorpusError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}
