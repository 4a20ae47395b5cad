//! Reading articles in batches and analysing each batch on all cores.

use std::io::IsTerminal;

use anyhow::bail;
use attest::read::{Inputs, Location, ReadError};
use attest::{Analysis, Document, OutputOptions, Pipeline};
use rayon::prelude::*;

/// The articles of the command line's paths. Reading standard input is refused
/// when it is a terminal: the user forgot the paths rather than meant to type
/// an article.
pub fn open_inputs(args: &crate::cli::InputArgs) -> anyhow::Result<Inputs> {
    let reads_stdin = args.paths.is_empty() || args.paths.iter().any(|p| p.as_os_str() == "-");
    if reads_stdin && std::io::stdin().is_terminal() {
        bail!("no input: give files or directories, or pipe articles into standard input (`-`)");
    }
    Ok(Inputs::new(&args.paths, args.input_format))
}

/// The next batch of up to `size` documents, with the read errors met on the way.
pub struct Batch {
    pub documents: Vec<Document>,
    /// Where each document was read (file, and line or item), in step with `documents`.
    pub locations: Vec<Location>,
    pub errors: Vec<ReadError>,
}

/// Pull the next batch from `inputs`; `None` when they are exhausted.
pub fn next_batch(inputs: &mut Inputs, size: usize) -> Option<Batch> {
    let mut batch = Batch {
        documents: Vec::with_capacity(size),
        locations: Vec::with_capacity(size),
        errors: Vec::new(),
    };
    while let Some((location, item)) = inputs.next_located() {
        match item {
            Ok(doc) => {
                batch.documents.push(doc);
                batch.locations.push(location);
            }
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
