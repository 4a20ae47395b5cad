//! The exception hierarchy, and the one place Rust errors become Python
//! exceptions.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    _native,
    AttestError,
    PyException,
    "Base class of every error attest raises."
);
create_exception!(
    _native,
    InputError,
    AttestError,
    "An article or record that cannot be analysed (no text, malformed JSON, unreadable file)."
);
create_exception!(
    _native,
    ResourceError,
    AttestError,
    "A model or dictionary that cannot be loaded."
);
create_exception!(
    _native,
    StoreError,
    AttestError,
    "The store cannot be opened, read or written."
);

/// Add the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("AttestError", py.get_type::<AttestError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("ResourceError", py.get_type::<ResourceError>())?;
    m.add("StoreError", py.get_type::<StoreError>())?;
    Ok(())
}

/// What went wrong, by kind; converted to the matching exception.
#[derive(Debug)]
pub enum Error {
    /// Bad input.
    Input(String),
    /// Models or dictionaries.
    Resource(String),
    /// The store.
    Store(String),
}

impl From<Error> for PyErr {
    fn from(error: Error) -> PyErr {
        match error {
            Error::Input(message) => InputError::new_err(message),
            Error::Resource(message) => ResourceError::new_err(message),
            Error::Store(message) => StoreError::new_err(message),
        }
    }
}

impl From<attest::pipeline::PipelineError> for Error {
    fn from(error: attest::pipeline::PipelineError) -> Self {
        Error::Resource(error.to_string())
    }
}

impl From<attest_store::StoreError> for Error {
    fn from(error: attest_store::StoreError) -> Self {
        Error::Store(error.to_string())
    }
}
