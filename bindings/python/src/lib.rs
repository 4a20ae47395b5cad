//! `attest._native`: the Rust side of the Python package.
//!
//! A thin layer: documents cross as contract JSON, analyses come back as
//! contract JSON (exactly what `attest extract` prints), and the Python side
//! (`python/attest/__init__.py`) gives them attribute access. Extraction
//! runs without the GIL, in parallel on a rayon pool.

mod errors;
mod pipeline;
mod read;
mod store;
mod tables;

use pyo3::prelude::*;

/// The module the package's Python code wraps.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", attest::SCHEMA_VERSION)?;
    errors::register(m)?;
    m.add_class::<pipeline::NativePipeline>()?;
    m.add_class::<store::NativeStore>()?;
    m.add_function(wrap_pyfunction!(read::read_documents, m)?)?;
    m.add_function(wrap_pyfunction!(tables::table_rows, m)?)?;
    m.add_function(wrap_pyfunction!(tables::table_columns, m)?)?;
    Ok(())
}
