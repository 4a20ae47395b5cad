//! Words and names the stages share, below them all: the tokenizer and the
//! abbreviations it knows, the speech and sourcing cues, and the actor
//! dictionary with its dated codes. The word lists themselves are data
//! files under `data/lexicon/` and `data/actors/`, embedded in the binary.

pub mod abbreviations;
pub mod actors;
pub mod cues;
pub mod lists;
pub mod petrarch;
pub mod tokens;
