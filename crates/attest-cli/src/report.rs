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

/// Rows of found, missed and extra counts (`attest eval petrarch`), with
/// found and extra as percentages of the expected count.
pub fn write_count_table(
    out: &mut impl Write,
    rows: &[(&str, attest::eval::petrarch::Tally)],
) -> io::Result<()> {
    let width = rows
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0)
        .max(12);
    writeln!(
        out,
        "{:<width$} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "", "records", "expected", "found", "missed", "extra", "found%", "extra%"
    )?;
    let percent =
        |share: Option<f64>| share.map_or("-".to_owned(), |s| format!("{:.1}", 100.0 * s));
    for (name, t) in rows {
        writeln!(
            out,
            "{name:<width$} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
            t.records,
            t.expected,
            t.found,
            t.missed,
            t.extra,
            percent(t.found_share()),
            percent(t.extra_share())
        )?;
    }
    Ok(())
}
