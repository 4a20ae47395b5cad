//! Readable renderings: the text report of `extract` and score tables.

use std::io::{self, Write};

use attest::Analysis;
use attest::eval::Score;

/// An analysis as a readable report.
pub fn write_analysis(out: &mut impl Write, analysis: &Analysis) -> io::Result<()> {
    let doc = &analysis.document;
    let date = doc
        .date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into());
    writeln!(
        out,
        "== {} [{date}]",
        doc.title.as_deref().unwrap_or(&doc.id)
    )?;
    for (label, value) in [
        ("id", Some(&doc.id)),
        ("source", doc.source.as_ref()),
        ("url", doc.url.as_ref()),
    ] {
        if let Some(value) = value {
            writeln!(out, "{label:>8}: {value}")?;
        }
    }
    writeln!(out, "{} sentence(s)", analysis.sentences.len())?;
    for (i, sentence) in analysis.sentences.iter().enumerate() {
        let text = sentence
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(out, "{:>4}. {text}", i + 1)?;
    }
    Ok(())
}

/// Precision, recall and F1 rows under one header.
pub fn write_score_table(out: &mut impl Write, rows: &[(&str, &Score)]) -> io::Result<()> {
    let width = rows
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0)
        .max(12);
    writeln!(
        out,
        "{:<width$} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "", "precision", "recall", "f1", "tp", "predicted", "gold"
    )?;
    for (name, s) in rows {
        writeln!(
            out,
            "{name:<width$} {:>9.4} {:>9.4} {:>9.4} {:>9} {:>9} {:>9}",
            s.precision, s.recall, s.f1, s.tp, s.predicted, s.gold
        )?;
    }
    Ok(())
}
