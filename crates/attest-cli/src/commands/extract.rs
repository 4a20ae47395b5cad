//! `attest extract`: analyse articles and print their records.

use std::io::Write;
use std::process::ExitCode;

use attest::{OutputOptions, Pipeline};

use crate::batches::{analyse_all, next_batch, open_inputs};
use crate::cli::{ExtractArgs, OutputFormat};
use crate::report;

const BATCH: usize = 64;

pub fn run(args: &ExtractArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::with_resources(&args.models.paths(), &args.dictionaries.files())?;
    let options = OutputOptions {
        tokens: args.tokens,
    };
    let mut inputs = open_inputs(&args.input)?;
    let (mut extracted, mut skipped) = (0usize, 0usize);
    while let Some(batch) = next_batch(&mut inputs, BATCH) {
        for error in &batch.errors {
            eprintln!("attest: skipped {error}");
        }
        skipped += batch.errors.len();
        for analysis in analyse_all(&pipeline, batch.documents, options) {
            match args.format {
                OutputFormat::Json if args.pretty => {
                    serde_json::to_writer_pretty(&mut *out, &analysis)?
                }
                OutputFormat::Json => serde_json::to_writer(&mut *out, &analysis)?,
                OutputFormat::Text => report::write_analysis(out, &analysis)?,
            }
            writeln!(out)?;
            extracted += 1;
        }
    }
    if skipped > 0 {
        eprintln!("attest: extracted {extracted} article(s), skipped {skipped}");
    }
    Ok(if extracted == 0 {
        if skipped == 0 {
            eprintln!("attest: no articles in the input");
        }
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
