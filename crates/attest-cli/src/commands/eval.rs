//! `attest eval ...`: measured accuracy on annotated data.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use attest::corpus::conllu::read_conllu;
use attest::eval::segment;
use attest::segment::Segmenter;

use crate::cli::EvalFileArgs;
use crate::report::write_score_table;

pub fn segment(args: &EvalFileArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let sentences = read_conllu(&text).with_context(|| format!("{}", args.file.display()))?;
    let report = segment::evaluate(&sentences, &Segmenter::new());
    writeln!(
        out,
        "segmentation of {} ({} documents)",
        args.file.display(),
        report.documents
    )?;
    write_score_table(
        out,
        &[("sentences", &report.sentences), ("tokens", &report.tokens)],
    )?;
    if report.unaligned_tokens > 0 {
        writeln!(
            out,
            "({} gold tokens not found in the text were left out)",
            report.unaligned_tokens
        )?;
    }
    if args.json {
        serde_json::to_writer(&mut *out, &report)?;
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}
