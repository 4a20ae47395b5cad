//! attest turns dated news articles into evidence-backed records: who said what,
//! who did what to whom, when and where, and according to whom.
//!
//! An article is read into a [`Document`], flows through the stages of a
//! [`Pipeline`] as an [`Annotated`] document that each stage adds layers to, and
//! leaves as an [`Analysis`]: the public records of the JSON contract, every one
//! pointing back to the characters that support it through a [`TextSpan`].
//!
//! ```
//! use attest::{Document, Pipeline};
//!
//! let pipeline = Pipeline::new().expect("the embedded models load");
//! let analysis = pipeline.analyse(Document::from_text("The minister resigned. Officials said so."));
//! assert_eq!(analysis.sentences.len(), 2);
//! assert_eq!(analysis.sentences[1].text, "Officials said so.");
//! ```

pub mod claims;
pub mod contract;
pub mod corpus;
pub mod data;
pub mod entities;

pub mod events;
pub mod learn;
pub mod lexicon;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod quotes;
pub mod read;
pub mod segment;
pub mod tables;
pub mod tag;
pub mod time;
pub mod train;

pub use contract::{Analysis, OutputOptions, SCHEMA_VERSION};
pub use model::{Annotated, CharIndex, Document, Meta, Sentence, Span, Stage, TextSpan, Token};
pub use pipeline::Pipeline;
