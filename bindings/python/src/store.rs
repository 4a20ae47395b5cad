//! The store, as the CLI keeps it: ingest analysed articles, search them,
//! list records with the query API the server uses.

use std::path::PathBuf;
use std::sync::Mutex;

use attest::{Document, OutputOptions};
use attest_store::{
    ActorFilter, ArticleFilter, AttributionFilter, EventFilter, Outcome, Page, Presence, Store,
};
use pyo3::prelude::*;
use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::errors::Error;
use crate::pipeline::{NativePipeline, parse_document};

/// One store file, opened once; calls take turns on its connection.
#[pyclass(module = "attest._native", name = "Store", frozen)]
pub struct NativeStore {
    store: Mutex<Store>,
}

/// What an ingest did, for the Python side's summary.
#[derive(Serialize, Default)]
struct IngestSummary {
    stored: usize,
    already_present: usize,
    replaced: usize,
    conflicts: Vec<String>,
    skipped: Vec<(usize, String)>,
}

#[pymethods]
impl NativeStore {
    /// Open (creating if needed) the store at `path`.
    #[new]
    fn new(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let store = py.detach(|| Store::open(&path)).map_err(Error::from)?;
        Ok(NativeStore {
            store: Mutex::new(store),
        })
    }

    /// Analyse and store documents (JSON objects) in one transaction; an
    /// article already stored is not analysed again. Returns a JSON summary.
    #[pyo3(signature = (pipeline, documents, replace=false, threads=None))]
    fn ingest(
        &self,
        py: Python<'_>,
        pipeline: &NativePipeline,
        documents: Vec<String>,
        replace: bool,
        threads: Option<usize>,
    ) -> PyResult<String> {
        let pool = threads.map(|n| pipeline.pool(n)).transpose()?;
        let summary = py.detach(|| -> Result<IngestSummary, Error> {
            let mut summary = IngestSummary::default();
            let mut fresh: Vec<Document> = Vec::new();
            {
                let store = self.lock()?;
                for (i, json) in documents.iter().enumerate() {
                    match parse_document(json) {
                        Err(problem) => summary.skipped.push((i, problem)),
                        Ok(doc) => match store.presence(&doc)? {
                            Presence::Same => summary.already_present += 1,
                            Presence::Different if !replace => summary.conflicts.push(doc.id),
                            Presence::New | Presence::Different => fresh.push(doc),
                        },
                    }
                }
            }
            let analyse = || -> Vec<attest::Analysis> {
                fresh
                    .into_par_iter()
                    .map(|doc| pipeline.analyse_document(doc, OutputOptions::default()))
                    .collect()
            };
            let analyses = match &pool {
                Some(pool) => pool.install(analyse),
                None => analyse(),
            };
            for outcome in self.lock()?.ingest(&analyses, replace)? {
                match outcome {
                    Outcome::Stored => summary.stored += 1,
                    Outcome::AlreadyPresent => summary.already_present += 1,
                    Outcome::Replaced => summary.replaced += 1,
                    Outcome::Conflict => {}
                }
            }
            Ok(summary)
        })?;
        Ok(to_json(&summary)?)
    }

    /// Full-text search (FTS5 syntax), best first, as JSON.
    fn search(&self, py: Python<'_>, query: &str, limit: usize) -> PyResult<String> {
        let hits = py.detach(|| self.lock()?.search(query, limit).map_err(Error::from))?;
        Ok(to_json(&hits)?)
    }

    /// One page of a record listing (`articles`, `actors`, `attributions`,
    /// `events`, `disputes`) under a filter given as a JSON object, as JSON.
    fn query(
        &self,
        py: Python<'_>,
        kind: &str,
        filter: &str,
        limit: u32,
        offset: u32,
    ) -> PyResult<String> {
        let page = Page {
            limit: Some(limit),
            offset: Some(offset),
        };
        let json = py.detach(|| -> Result<String, Error> {
            let store = self.lock()?;
            match kind {
                "articles" => to_json(&store.articles(&filter_of::<ArticleFilter>(filter)?, page)?),
                "actors" => to_json(&store.actors(&filter_of::<ActorFilter>(filter)?, page)?),
                "attributions" => {
                    to_json(&store.attributions(&filter_of::<AttributionFilter>(filter)?, page)?)
                }
                "events" => to_json(&store.events(&filter_of::<EventFilter>(filter)?, page)?),
                "disputes" => to_json(&store.disputes(page)?),
                other => Err(Error::Input(format!("no listing of {other:?}"))),
            }
        })?;
        Ok(json)
    }

    /// An actor's profile (identity, codes over time, what it said and did),
    /// as JSON, or None.
    fn actor(&self, py: Python<'_>, id: i64) -> PyResult<Option<String>> {
        let profile = py.detach(|| self.lock()?.actor(id).map_err(Error::from))?;
        Ok(profile.map(|p| to_json(&p)).transpose()?)
    }

    /// A stored article's analysis (contract JSON), or None.
    fn article(&self, py: Python<'_>, id: &str) -> PyResult<Option<String>> {
        Ok(py.detach(|| self.lock()?.article_json(id).map_err(Error::from))?)
    }

    /// Counts of what the store holds, as JSON.
    fn stats(&self, py: Python<'_>) -> PyResult<String> {
        let stats = py.detach(|| self.lock()?.stats().map_err(Error::from))?;
        Ok(to_json(&stats)?)
    }
}

impl NativeStore {
    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Store>, Error> {
        self.store
            .lock()
            .map_err(|_| Error::Store("the store's lock was poisoned by a failed call".into()))
    }
}

fn filter_of<F: DeserializeOwned>(json: &str) -> Result<F, Error> {
    serde_json::from_str(json).map_err(|e| Error::Input(format!("bad filter: {e}")))
}

fn to_json<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::Store(format!("cannot write JSON: {e}")))
}
