//! `attest ingest`: analyse articles and store them, idempotently.

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use attest::read::{Inputs, Location, ReadError};
use attest::{Document, OutputOptions, Pipeline};
use attest_store::{Outcome, Presence, Store, StoreError};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::batches::{analyse_all, next_batch, open_inputs};
use crate::cli::IngestArgs;

/// What an ingest did, printed at the end.
#[derive(Debug, Default, Serialize)]
struct Summary {
    read: usize,
    stored: usize,
    replaced: usize,
    already_present: usize,
    skipped: usize,
    skipped_inputs: Vec<Skip>,
    ignored_files: usize,
    seconds: f64,
    /// Why the run stopped early, when it did (what it stored stays stored).
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct Skip {
    location: String,
    /// The article's id, when the article itself was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    reason: String,
}

impl Summary {
    fn skip(&mut self, skip: Skip, progress: &ProgressBar) {
        progress.suspend(|| eprintln!("attest: skipped {}: {}", skip.location, skip.reason));
        self.skipped += 1;
        self.skipped_inputs.push(skip);
    }

    fn skip_input(&mut self, error: ReadError, progress: &ProgressBar) {
        let skip = Skip {
            location: error.location.to_string(),
            id: None,
            reason: error.problem.to_string(),
        };
        self.skip(skip, progress);
    }

    /// A document whose id holds a different stored article, named by where
    /// it was read and by the id.
    fn conflict(&mut self, doc: &Document, location: &Location, progress: &ProgressBar) {
        let skip = Skip {
            location: location.to_string(),
            id: Some(doc.id.clone()),
            reason: format!(
                "a different article is already stored under its id {:?} (use --replace to replace it)",
                doc.id
            ),
        };
        self.skip(skip, progress);
    }

    fn count(&mut self, outcome: Outcome, doc: &Document, at: &Location, progress: &ProgressBar) {
        match outcome {
            Outcome::Stored => self.stored += 1,
            Outcome::Replaced => self.replaced += 1,
            Outcome::AlreadyPresent => self.already_present += 1,
            Outcome::Conflict => self.conflict(doc, at, progress),
        }
    }

    fn did_something(&self) -> bool {
        self.stored + self.replaced + self.already_present > 0
    }

    fn changed_the_store(&self) -> bool {
        self.stored + self.replaced > 0
    }
}

/// One ingest run: its inputs, its summary, and the store, opened (and
/// created) only when the first article has been read, so that a run with
/// nothing to store leaves no empty database behind.
struct Run<'a> {
    args: &'a IngestArgs,
    pipeline: Pipeline,
    store: Option<Store>,
    summary: Summary,
    progress: ProgressBar,
}

pub fn run(args: &IngestArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let pipeline = Pipeline::with_resources(&args.models.paths(), &args.dictionaries.files())?;
    let mut inputs = open_inputs(&args.input)?;
    let mut run = Run {
        args,
        pipeline,
        store: None,
        summary: Summary::default(),
        progress: progress_bar(),
    };
    let result = run.ingest_all(&mut inputs);
    run.progress.finish_and_clear();
    let mut summary = run.summary;
    summary.ignored_files = inputs.ignored_files();
    summary.seconds = started.elapsed().as_secs_f64();
    match result {
        Ok(()) => {
            write_summary(out, &summary, args.json)?;
            Ok(if summary.did_something() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        // A run that stored articles says so, even when it then failed: what
        // it stored stays stored, and running it again completes it.
        Err(error) if summary.changed_the_store() => {
            summary.error = Some(crate::message(&error));
            write_summary(out, &summary, args.json)?;
            Err(error)
        }
        Err(error) => Err(error),
    }
}

impl Run<'_> {
    fn ingest_all(&mut self, inputs: &mut Inputs) -> anyhow::Result<()> {
        while let Some(batch) = next_batch(inputs, self.args.batch_size as usize) {
            for error in batch.errors {
                self.summary.skip_input(error, &self.progress);
            }
            self.summary.read += batch.documents.len();
            if !batch.documents.is_empty() {
                self.ingest_batch(batch.documents, batch.locations)?;
            }
            let summary = &self.summary;
            self.progress.set_position(summary.read as u64);
            self.progress.set_message(format!(
                "stored {}, already present {}, skipped {}",
                summary.stored + summary.replaced,
                summary.already_present,
                summary.skipped
            ));
        }
        Ok(())
    }

    fn ingest_batch(
        &mut self,
        documents: Vec<Document>,
        locations: Vec<Location>,
    ) -> anyhow::Result<()> {
        let db = &self.args.db.db;
        let store = match &mut self.store {
            Some(store) => store,
            slot @ None => slot.insert(Store::open(db).map_err(|e| super::opening(e, db))?),
        };
        let (fresh, at) = select_fresh(
            store,
            documents,
            locations,
            self.args.replace,
            &mut self.summary,
            &self.progress,
        )
        .map_err(|e| super::in_store(e, db))?;
        let analyses = analyse_all(&self.pipeline, fresh, OutputOptions::default());
        let outcomes = store
            .ingest(&analyses, self.args.replace)
            .map_err(|e| super::in_store(e, db))?;
        for ((outcome, analysis), location) in outcomes.into_iter().zip(&analyses).zip(&at) {
            self.summary
                .count(outcome, &analysis.document, location, &self.progress);
        }
        Ok(())
    }
}

/// The documents that need analysing, with where each was read: new ones,
/// and (with `replace`) those whose id holds a different article. Copies
/// already stored are counted and not analysed again, which makes re-running
/// an interrupted ingest cheap.
fn select_fresh(
    store: &Store,
    documents: Vec<Document>,
    locations: Vec<Location>,
    replace: bool,
    summary: &mut Summary,
    progress: &ProgressBar,
) -> Result<(Vec<Document>, Vec<Location>), StoreError> {
    let mut fresh = (Vec::with_capacity(documents.len()), Vec::new());
    for (doc, location) in documents.into_iter().zip(locations) {
        match store.presence(&doc)? {
            Presence::Same => summary.already_present += 1,
            Presence::Different if !replace => summary.conflict(&doc, &location, progress),
            Presence::New | Presence::Different => {
                fresh.0.push(doc);
                fresh.1.push(location);
            }
        }
    }
    Ok(fresh)
}

fn progress_bar() -> ProgressBar {
    let progress = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    progress.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles read ({per_sec}) {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    progress.enable_steady_tick(Duration::from_millis(200));
    progress
}

fn write_summary(out: &mut impl Write, summary: &Summary, json: bool) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, summary)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "read {} article(s) in {:.1} s",
        summary.read, summary.seconds
    )?;
    writeln!(
        out,
        "stored {}, replaced {}, already present {}, skipped {}",
        summary.stored, summary.replaced, summary.already_present, summary.skipped
    )?;
    const SHOWN: usize = 20;
    for skip in summary.skipped_inputs.iter().take(SHOWN) {
        writeln!(out, "  skipped {}: {}", skip.location, skip.reason)?;
    }
    if summary.skipped > SHOWN {
        writeln!(
            out,
            "  ... and {} more (all were reported above)",
            summary.skipped - SHOWN
        )?;
    }
    if summary.ignored_files > 0 {
        writeln!(
            out,
            "ignored {} file(s) in the given directories that are not articles (not .txt, .jsonl, .json or .html)",
            summary.ignored_files
        )?;
    }
    Ok(())
}
