//! Reading articles in batches and analysing each batch on all cores.

use attest::read::{Inputs, ReadError};
use attest::{Analysis, Document, OutputOptions, Pipeline};
use rayon::prelude::*;

/// The next batch of up to `size` documents, with the read errors met on the way.
pub struct Batch {
    pub documents: Vec<Document>,
    pub errors: Vec<ReadError>,
}

/// Pull the next batch from `inputs`; `None` when they are exhausted.
pub fn next_batch(inputs: &mut Inputs, size: usize) -> Option<Batch> {
    let mut batch = Batch {
        documents: Vec::with_capacity(size),
        errors: Vec::new(),
    };
    for item in inputs.by_ref() {
        match item {
            Ok(doc) => batch.documents.push(doc),
            Err(e) => batch.errors.push(e),
        }
        if batch.documents.len() >= size {
            break;
        }
    }
    (!batch.documents.is_empty() || !batch.errors.is_empty()).then_some(batch)
}

/// Analyse documents in parallel, keeping their order.
pub fn analyse_all(
    pipeline: &Pipeline,
    documents: Vec<Document>,
    options: OutputOptions,
) -> Vec<Analysis> {
    documents
        .into_par_iter()
        .map(|doc| pipeline.analyse_with(doc, options))
        .collect()
}
