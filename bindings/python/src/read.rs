//! Reading articles from files as the command line does.

use std::path::PathBuf;

use attest::read::{InputFormat, Inputs};
use pyo3::prelude::*;

use crate::errors::Error;

/// One record of the inputs: the document's id (or, for a record that could
/// not be read, its file and line), and the document as contract JSON or
/// the problem that kept it from being read.
type Record = (String, Option<String>, Option<String>);

/// The articles of `paths` (files or directories), read as `attest extract`
/// reads them: `(location, document JSON or None, problem or None)` each.
#[pyfunction]
#[pyo3(signature = (paths, input_format=None))]
pub fn read_documents(paths: Vec<PathBuf>, input_format: Option<&str>) -> PyResult<Vec<Record>> {
    let format = input_format
        .map(|name| name.parse::<InputFormat>().map_err(Error::Input))
        .transpose()?;
    let mut records = Vec::new();
    for item in Inputs::new(&paths, format) {
        records.push(match item {
            Ok(doc) => {
                let json = serde_json::to_string(&doc)
                    .map_err(|e| Error::Input(format!("{}: {e}", doc.id)))?;
                (doc.id, Some(json), None)
            }
            Err(error) => (
                error.location.to_string(),
                None,
                Some(error.problem.to_string()),
            ),
        });
    }
    Ok(records)
}
