//! `attest ingest`: analyse articles and store them, idempotently.

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use attest::{Document, OutputOptions, Pipeline};
use attest_store::{Outcome, Presence, Store};
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
}

#[derive(Debug, Serialize)]
struct Skip {
    location: String,
    reason: String,
}

impl Summary {
    fn skip(&mut self, location: impl ToString, reason: impl ToString, progress: &ProgressBar) {
        let skip = Skip {
            location: location.to_string(),
            reason: reason.to_string(),
        };
        progress.suspend(|| eprintln!("attest: skipped {}: {}", skip.location, skip.reason));
        self.skipped += 1;
        self.skipped_inputs.push(skip);
    }

    fn count(&mut self, outcome: Outcome, doc: &Document, progress: &ProgressBar) {
        match outcome {
            Outcome::Stored => self.stored += 1,
            Outcome::Replaced => self.replaced += 1,
            Outcome::AlreadyPresent => self.already_present += 1,
            Outcome::Conflict => self.skip(&doc.id, CONFLICT, progress),
        }
    }

    fn did_something(&self) -> bool {
        self.stored + self.replaced + self.already_present > 0
    }
}

const CONFLICT: &str = "a different article is stored under this id (use --replace to replace it)";

pub fn run(args: &IngestArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let db = &args.db.db;
    let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let pipeline = Pipeline::with_resources(&args.models.paths(), &args.dictionaries.files())?;
    let mut inputs = open_inputs(&args.input)?;
    let progress = progress_bar();
    let mut summary = Summary::default();
    while let Some(batch) = next_batch(&mut inputs, args.batch_size as usize) {
        for error in batch.errors {
            summary.skip(error.location, error.problem, &progress);
        }
        summary.read += batch.documents.len();
        let fresh = select_fresh(
            &store,
            batch.documents,
            args.replace,
            &mut summary,
            &progress,
        )?;
        let analyses = analyse_all(&pipeline, fresh, OutputOptions::default());
        let outcomes = store.ingest(&analyses, args.replace)?;
        for (outcome, analysis) in outcomes.into_iter().zip(&analyses) {
            summary.count(outcome, &analysis.document, &progress);
        }
        progress.set_position(summary.read as u64);
        progress.set_message(format!(
            "stored {}, already present {}, skipped {}",
            summary.stored + summary.replaced,
            summary.already_present,
            summary.skipped
        ));
    }
    progress.finish_and_clear();
    summary.ignored_files = inputs.ignored_files();
    summary.seconds = started.elapsed().as_secs_f64();
    write_summary(out, &summary, args.json)?;
    Ok(if summary.did_something() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The documents that need analysing: new ones, and (with `replace`) those
/// whose id holds a different article. Copies already stored are counted and
/// not analysed again, which makes re-running an interrupted ingest cheap.
fn select_fresh(
    store: &Store,
    documents: Vec<Document>,
    replace: bool,
    summary: &mut Summary,
    progress: &ProgressBar,
) -> anyhow::Result<Vec<Document>> {
    let mut fresh = Vec::with_capacity(documents.len());
    for doc in documents {
        match store.presence(&doc)? {
            Presence::Same => summary.already_present += 1,
            Presence::Different if !replace => summary.skip(&doc.id, CONFLICT, progress),
            Presence::New | Presence::Different => fresh.push(doc),
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
