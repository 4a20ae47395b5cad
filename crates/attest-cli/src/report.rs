//! Readable renderings: the text report of `extract` and score tables.

use std::io::{self, Write};

use attest::Analysis;
use attest_eval::Score;

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
    write_entities(out, analysis)?;
    write_attributions(out, analysis)?;
    write_events(out, analysis)?;
    write_disputes(out, analysis)
}

/// Whitespace runs as single spaces, for one-line renderings.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The spans' texts, joined.
fn texts(spans: &[attest::TextSpan]) -> String {
    spans
        .iter()
        .map(|s| one_line(&s.text))
        .collect::<Vec<_>>()
        .join(" ... ")
}

/// The name of the entity or place with this id.
fn name_of<'a>(analysis: &'a Analysis, id: &'a str) -> &'a str {
    analysis.name_of(id).unwrap_or(id)
}

fn write_entities(out: &mut impl Write, analysis: &Analysis) -> io::Result<()> {
    writeln!(out, "{} entit(ies)", analysis.entities.len())?;
    for e in &analysis.entities {
        let code = e.code.as_deref().unwrap_or("-");
        let role = e
            .role
            .as_deref()
            .map(|r| format!(", {r}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<5} {} ({}{role}) {code}, {} mention(s)",
            e.id,
            e.name,
            e.kind,
            e.mentions.len()
        )?;
    }
    Ok(())
}

fn write_attributions(out: &mut impl Write, analysis: &Analysis) -> io::Result<()> {
    writeln!(out, "{} attribution(s)", analysis.attributions.len())?;
    for a in &analysis.attributions {
        let speaker = match a.speaker.as_deref() {
            Some(id) => name_of(analysis, id).to_owned(),
            None => texts(&a.source),
        };
        let via: Vec<&str> = a.via.iter().map(|v| name_of(analysis, v)).collect();
        let via = if via.is_empty() {
            String::new()
        } else {
            format!(" via {}", via.join(" < "))
        };
        writeln!(
            out,
            "  {:<5} {speaker} [{}] ({}{via}): {}",
            a.id,
            texts(&a.cue),
            a.kind,
            texts(&a.content)
        )?;
    }
    Ok(())
}

fn write_events(out: &mut impl Write, analysis: &Analysis) -> io::Result<()> {
    writeln!(out, "{} event(s)", analysis.events.len())?;
    for e in &analysis.events {
        let target = e.target.as_deref().map_or("-", |t| name_of(analysis, t));
        let place = e
            .place
            .as_deref()
            .map(|p| format!(" in {}", name_of(analysis, p)))
            .unwrap_or_default();
        let by = e
            .attribution
            .as_deref()
            .map(|a| format!(" (according to {a})"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<5} {} -> {target}: {} {} [{}, {}]{place}, {}{by}: {}",
            e.id,
            name_of(analysis, &e.source),
            e.cameo,
            e.cameo_name,
            e.plover.as_deref().unwrap_or("-"),
            e.modality,
            e.date.as_deref().unwrap_or("undated"),
            texts(&e.evidence)
        )?;
    }
    Ok(())
}

fn write_disputes(out: &mut impl Write, analysis: &Analysis) -> io::Result<()> {
    writeln!(out, "{} dispute(s)", analysis.disputes.len())?;
    for d in &analysis.disputes {
        writeln!(
            out,
            "  {:<5} {} rejects {}: {}",
            d.id,
            d.by,
            d.against.join(", "),
            texts(&d.evidence)
        )?;
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
    rows: &[(&str, attest_eval::petrarch::Tally)],
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
