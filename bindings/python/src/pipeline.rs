//! The pipeline, loaded once, run without the GIL.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use attest::learn::model::ModelPaths;
use attest::pipeline::DictionaryFiles;
use attest::read::document_from_value;
use attest::{Document, OutputOptions, Pipeline};
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::errors::Error;

/// The models and dictionaries, loaded once and shared by every call and
/// thread.
#[pyclass(module = "attest._native", name = "Pipeline", frozen)]
pub struct NativePipeline {
    pipeline: Pipeline,
    pools: Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>,
}

/// A document's analysis as contract JSON, or why there is none.
type Outcome = Result<String, String>;

#[pymethods]
impl NativePipeline {
    /// Load the shipped models with the built-in dictionaries and the given
    /// PETRARCH-format actor, agent, verb and discard files.
    #[new]
    #[pyo3(signature = (actors=Vec::new(), agents=Vec::new(), verbs=Vec::new(), discards=Vec::new(), builtin_actors=true, builtin_verbs=true))]
    fn new(
        py: Python<'_>,
        actors: Vec<PathBuf>,
        agents: Vec<PathBuf>,
        verbs: Vec<PathBuf>,
        discards: Vec<PathBuf>,
        builtin_actors: bool,
        builtin_verbs: bool,
    ) -> PyResult<Self> {
        let files = DictionaryFiles {
            actors,
            agents,
            discards,
            no_builtin: !builtin_actors,
            verbs,
            no_builtin_verbs: !builtin_verbs,
        };
        let pipeline = py
            .detach(|| Pipeline::with_resources(&ModelPaths::default(), &files))
            .map_err(Error::from)?;
        Ok(NativePipeline {
            pipeline,
            pools: Mutex::new(HashMap::new()),
        })
    }

    /// Analyse one document given as a JSON object (contract `document`
    /// fields); return the analysis as contract JSON.
    #[pyo3(signature = (document, tokens=false))]
    fn extract_json(&self, py: Python<'_>, document: &str, tokens: bool) -> PyResult<String> {
        let outcome = py.detach(|| self.analyse(document, tokens));
        Ok(outcome.map_err(Error::Input)?)
    }

    /// Analyse documents in parallel (on `threads` threads, or all cores),
    /// in input order: for each, `(analysis JSON, None)` or `(None, problem)`.
    #[pyo3(signature = (documents, threads=None, tokens=false))]
    fn extract_batch(
        &self,
        py: Python<'_>,
        documents: Vec<String>,
        threads: Option<usize>,
        tokens: bool,
    ) -> PyResult<Vec<(Option<String>, Option<String>)>> {
        let pool = threads.map(|n| self.pool(n)).transpose()?;
        // Longest first, so that no long article is left to run alone at the
        // end of a batch while the other threads idle; results go back in
        // input order.
        let mut order: Vec<usize> = (0..documents.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(documents[i].len()));
        let run = || -> Vec<Outcome> {
            let mut done: Vec<(usize, Outcome)> = order
                .par_iter()
                .map(|&i| (i, self.analyse(&documents[i], tokens)))
                .collect();
            done.sort_by_key(|(i, _)| *i);
            done.into_iter().map(|(_, outcome)| outcome).collect()
        };
        let outcomes = py.detach(|| match &pool {
            Some(pool) => pool.install(run),
            None => run(),
        });
        Ok(outcomes
            .into_iter()
            .map(|outcome| match outcome {
                Ok(json) => (Some(json), None),
                Err(problem) => (None, Some(problem)),
            })
            .collect())
    }

    /// Names of the pipeline's stages, in order.
    fn stages(&self) -> Vec<&'static str> {
        self.pipeline.stage_names()
    }
}

impl NativePipeline {
    fn analyse(&self, document: &str, tokens: bool) -> Outcome {
        let doc = parse_document(document)?;
        let analysis = self.pipeline.analyse_with(doc, OutputOptions { tokens });
        serde_json::to_string(&analysis).map_err(|e| e.to_string())
    }

    /// Run the pipeline on one document.
    pub fn analyse_document(&self, doc: Document, options: OutputOptions) -> attest::Analysis {
        self.pipeline.analyse_with(doc, options)
    }

    /// A pool of `threads` threads, made once per size.
    pub fn pool(&self, threads: usize) -> Result<Arc<rayon::ThreadPool>, Error> {
        if threads == 0 {
            return Err(Error::Input("threads must be at least 1".into()));
        }
        let mut pools = self
            .pools
            .lock()
            .map_err(|_| Error::Resource("a thread pool lock was poisoned".into()))?;
        if let Some(pool) = pools.get(&threads) {
            return Ok(Arc::clone(pool));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| Error::Resource(format!("cannot start {threads} threads: {e}")))?;
        let pool = Arc::new(pool);
        pools.insert(threads, Arc::clone(&pool));
        Ok(pool)
    }
}

/// A document from its JSON object, read as `attest extract` reads a JSON
/// Lines record.
pub fn parse_document(json: &str) -> Result<Document, String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("malformed JSON: {e}"))?;
    document_from_value(value).map_err(|problem| problem.to_string())
}
