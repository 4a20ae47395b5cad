//! The rows of `attest export`'s tables, for `Analysis.table()` and Spark.

use std::sync::LazyLock;

use attest::Analysis;
use attest::tables::{Table, Tabulator};
use pyo3::prelude::*;

use crate::errors::Error;

/// Built once per process: it holds the country code table.
static TABULATOR: LazyLock<Tabulator> = LazyLock::new(Tabulator::new);

fn table(name: &str) -> Result<Table, Error> {
    name.parse::<Table>().map_err(Error::Input)
}

/// The rows of one table of an analysis (contract JSON), as a JSON array of
/// objects with the table's columns in order.
#[pyfunction]
pub fn table_rows(py: Python<'_>, analysis: &str, table_name: &str, key: &str) -> PyResult<String> {
    let table = table(table_name)?;
    let rows = py.detach(|| -> Result<String, Error> {
        let analysis: Analysis = serde_json::from_str(analysis)
            .map_err(|e| Error::Input(format!("not an analysis in the contract: {e}")))?;
        let rows = TABULATOR.rows(table, key, &analysis);
        serde_json::to_string(&rows).map_err(|e| Error::Input(e.to_string()))
    })?;
    Ok(rows)
}

/// `(name, type, description)` of each column of a table; the type is
/// `text`, `integer` or `float`.
#[pyfunction]
pub fn table_columns(
    table_name: &str,
) -> PyResult<Vec<(&'static str, &'static str, &'static str)>> {
    let table = table(table_name)?;
    Ok(table
        .columns()
        .iter()
        .map(|c| (c.name, c.kind.name(), c.doc))
        .collect())
}
