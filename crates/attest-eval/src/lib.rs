//! Scorers that measure attest against annotated corpora. Each returns a
//! serialisable report; the CLI prints it as a table or as JSON.

pub mod parse;
pub mod petrarch;
pub mod polnear;
pub mod seed;
pub mod segment;
pub mod tagging;

pub use attest::learn::score::Score;
