//! Parquet output: rows become Arrow record batches (through arrow-json's
//! serde decoder, typed by the table's columns) written with Snappy.

use std::io::Write;
use std::sync::Arc;

use arrow_json::reader::{Decoder, ReaderBuilder};
use arrow_schema::{DataType, Field, Schema};
use attest::tables::{ColumnType, Row, Table};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::sink::RowSink;

/// Rows a record batch holds: enough for Parquet's column chunks to compress
/// well, few enough that a batch of article texts stays small in memory.
const BATCH_ROWS: usize = 4096;

/// The Arrow schema of a table: its columns in order, all nullable.
fn schema(table: Table) -> Schema {
    let fields: Vec<Field> = table
        .columns()
        .iter()
        .map(|column| {
            let kind = match column.kind {
                ColumnType::Text => DataType::Utf8,
                ColumnType::Integer => DataType::Int64,
                ColumnType::Float => DataType::Float64,
            };
            Field::new(column.name, kind, true)
        })
        .collect();
    Schema::new(fields)
}

/// A Parquet file being written, one batch of rows at a time.
pub(super) struct Parquet<W: Write + Send> {
    writer: ArrowWriter<W>,
    decoder: Decoder,
    pending: Vec<Row>,
}

impl<W: Write + Send> Parquet<W> {
    pub(super) fn new(table: Table, out: W) -> anyhow::Result<Self> {
        let schema = Arc::new(schema(table));
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = ArrowWriter::try_new(out, Arc::clone(&schema), Some(properties))?;
        // Strict: a key outside the schema is a bug to hear about, not to drop.
        let decoder = ReaderBuilder::new(schema)
            .with_batch_size(BATCH_ROWS)
            .with_strict_mode(true)
            .build_decoder()?;
        Ok(Parquet {
            writer,
            decoder,
            pending: Vec::with_capacity(BATCH_ROWS),
        })
    }

    fn write_batch(&mut self) -> anyhow::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        self.decoder.serialize(&self.pending)?;
        self.pending.clear();
        if let Some(batch) = self.decoder.flush()? {
            self.writer.write(&batch)?;
        }
        Ok(())
    }
}

impl<W: Write + Send> RowSink for Parquet<W> {
    fn write(&mut self, row: Row) -> anyhow::Result<()> {
        self.pending.push(row);
        if self.pending.len() >= BATCH_ROWS {
            self.write_batch()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.write_batch()?;
        self.writer.close()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use arrow_array::{Array, Int64Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use serde_json::Value;

    use super::*;

    /// An articles row with only its key, its length and a title.
    fn row(i: usize) -> Row {
        let mut row = Row::new();
        for column in Table::Articles.columns() {
            row.insert(column.name.into(), Value::Null);
        }
        row["ArticleID"] = i.to_string().into();
        row["Characters"] = i.into();
        if i % 2 == 0 {
            row["Title"] = format!("Title {i}").into();
        }
        row
    }

    #[test]
    fn rows_across_batches_read_back_in_order_with_their_nulls() {
        let file = tempfile::tempfile().unwrap();
        let count = BATCH_ROWS * 2 + 3;
        let mut sink: Box<dyn RowSink> =
            Box::new(Parquet::new(Table::Articles, file.try_clone().unwrap()).unwrap());
        for i in 0..count {
            sink.write(row(i)).unwrap();
        }
        sink.finish().unwrap();

        let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        assert_eq!(reader.schema().as_ref(), &schema(Table::Articles));
        let mut seen = 0;
        for batch in reader.build().unwrap() {
            let batch = batch.unwrap();
            let keys = batch.column(0).as_any().downcast_ref::<StringArray>();
            let lengths = batch.column(6).as_any().downcast_ref::<Int64Array>();
            let titles = batch.column(5).as_any().downcast_ref::<StringArray>();
            let (keys, lengths, titles) = (keys.unwrap(), lengths.unwrap(), titles.unwrap());
            for j in 0..batch.num_rows() {
                let i = seen + j;
                assert_eq!(keys.value(j), i.to_string());
                assert_eq!(lengths.value(j), i64::try_from(i).unwrap());
                assert_eq!(titles.is_null(j), i % 2 == 1, "row {i}");
            }
            seen += batch.num_rows();
        }
        assert_eq!(seen, count);
    }

    #[test]
    fn a_cell_of_the_wrong_kind_is_an_error_not_a_wrong_file() {
        let mut sink = Parquet::new(Table::Articles, Vec::new()).unwrap();
        let mut bad = row(1);
        bad["Characters"] = "many".into();
        sink.write(bad).unwrap();
        assert!(Box::new(sink).finish().is_err());
    }
}
