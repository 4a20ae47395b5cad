//! Where rows go: CSV, JSON Lines or Parquet behind one interface.

use std::io::Write;

use anyhow::bail;
use attest::tables::{Row, Table};
use serde_json::Value;

use crate::cli::ExportFormat;

/// Rows in, a file format out.
pub(super) trait RowSink {
    /// Write one row (its keys are the table's columns, in order).
    fn write(&mut self, row: Row) -> anyhow::Result<()>;
    /// Write what is buffered and end the format (a Parquet footer).
    fn finish(self: Box<Self>) -> anyhow::Result<()>;
}

/// A sink for a text format; Parquet needs [`file`].
pub(super) fn text<'w, W: Write + 'w>(
    format: ExportFormat,
    table: Table,
    out: W,
) -> anyhow::Result<Box<dyn RowSink + 'w>> {
    Ok(match format {
        ExportFormat::Csv => Box::new(Csv::new(table, out)?),
        ExportFormat::Jsonl => Box::new(Jsonl(out)),
        ExportFormat::Parquet => {
            bail!("--format parquet writes a binary file: name it with --out FILE")
        }
    })
}

/// A sink for any format, writing to a file.
pub(super) fn file<'w, W: Write + Send + 'w>(
    format: ExportFormat,
    table: Table,
    out: W,
) -> anyhow::Result<Box<dyn RowSink + 'w>> {
    match format {
        #[cfg(feature = "parquet")]
        ExportFormat::Parquet => Ok(Box::new(super::parquet::Parquet::new(table, out)?)),
        _ => text(format, table, out),
    }
}

/// CSV with a header line; empty cells for nulls.
struct Csv<W: Write>(csv::Writer<W>);

impl<W: Write> Csv<W> {
    fn new(table: Table, out: W) -> anyhow::Result<Self> {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        // Written at once so that a store without rows still gets it.
        let header = table.columns().iter().map(|c| c.name);
        writer.write_record(header).map_err(csv_error)?;
        Ok(Csv(writer))
    }
}

impl<W: Write> RowSink for Csv<W> {
    fn write(&mut self, row: Row) -> anyhow::Result<()> {
        let cells = row.values().map(cell);
        self.0.write_record(cells).map_err(csv_error)
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.0.flush()?;
        Ok(())
    }
}

/// A cell as CSV text: strings as they are, numbers as JSON prints them,
/// null as nothing.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A CSV error with its I/O error kept findable (a closed pipe is no failure).
fn csv_error(error: csv::Error) -> anyhow::Error {
    if !error.is_io_error() {
        return error.into();
    }
    match error.into_kind() {
        csv::ErrorKind::Io(io) => io.into(),
        _ => anyhow::anyhow!("cannot write CSV"),
    }
}

/// JSON Lines: one object a row, keys in column order.
struct Jsonl<W: Write>(W);

impl<W: Write> RowSink for Jsonl<W> {
    fn write(&mut self, row: Row) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.0, &row)?;
        self.0.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.0.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn csv_cells_print_numbers_as_json_does_and_null_as_nothing() {
        let cells: Vec<String> = [
            Value::Null,
            "a, \"b\"".into(),
            2024.into(),
            2024.5753.into(),
            (-10.0).into(),
            f64::NAN.into(),
        ]
        .iter()
        .map(cell)
        .collect();
        assert_eq!(cells, ["", "a, \"b\"", "2024", "2024.5753", "-10.0", ""]);
    }

    #[test]
    fn csv_rows_follow_the_header() {
        let mut out = Vec::new();
        let mut sink = text(ExportFormat::Csv, Table::Articles, &mut out).unwrap();
        let mut row = Row::new();
        for column in Table::Articles.columns() {
            row.insert(column.name.into(), Value::Null);
        }
        row["Title"] = "Talks, again".into();
        row["Events"] = 3.into();
        sink.write(row).unwrap();
        sink.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "ArticleID,Date,Source,URL,DocumentID,Title,Characters,Sentences,Entities,Places,Attributions,Events,Disputes,Text"
        );
        assert_eq!(lines[1], ",,,,,\"Talks, again\",,,,,,3,,");
    }

    #[test]
    fn parquet_is_refused_on_standard_output() {
        let error = text(ExportFormat::Parquet, Table::Events, Vec::new())
            .err()
            .unwrap();
        assert!(error.to_string().contains("--out FILE"), "{error}");
    }
}
