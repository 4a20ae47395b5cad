//! `attest export TABLE`: every stored record of one kind as a row of
//! [`attest::tables`], in CSV, JSON Lines or Parquet.
//!
//! The store is read one article at a time; rows are written as they are
//! made (Parquet buffers one batch).

#[cfg(feature = "parquet")]
mod parquet;
mod sink;

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use attest::tables::{Table, Tabulator};
use attest_store::StoredArticle;

use super::open_existing;
use crate::cli::{ExportArgs, ExportFormat};
use sink::RowSink;

/// What an export did, told on standard error at the end.
#[derive(Debug, Default)]
struct Summary {
    articles: usize,
    articles_with_rows: usize,
    rows: usize,
    skipped: usize,
}

/// Export `table` as `args` ask.
pub fn run(table: Table, args: &ExportArgs, stdout: &mut impl Write) -> anyhow::Result<ExitCode> {
    check_format(args)?;
    let db = &args.db.db;
    let store = open_existing(db)?;
    let tabulator = Tabulator::new();
    let summary = match &args.out {
        None => {
            let sink = sink::text(args.format, table, stdout)?;
            export(&store, table, &tabulator, sink)?
        }
        Some(path) => {
            refuse_the_database(path, db)?;
            write_file(path, |file| {
                export(
                    &store,
                    table,
                    &tabulator,
                    sink::file(args.format, table, file)?,
                )
            })?
        }
    };
    report(table, &summary);
    Ok(
        if summary.articles > 0 && summary.skipped == summary.articles {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// Parquet is binary and written whole: it goes to a named file, and only in
/// a build that has it.
fn check_format(args: &ExportArgs) -> anyhow::Result<()> {
    if args.format != ExportFormat::Parquet {
        return Ok(());
    }
    if !cfg!(feature = "parquet") {
        bail!(
            "this attest was built without Parquet support; build it with \
             `cargo build --release --features parquet` (or `cargo install --path crates/attest-cli --features parquet`), \
             or export --format csv or jsonl"
        );
    }
    if args.out.is_none() {
        bail!("--format parquet writes a binary file: name it with --out FILE");
    }
    Ok(())
}

fn report(table: Table, summary: &Summary) {
    let with_rows = match table {
        // Every readable article is a row: saying so again tells nothing.
        Table::Articles => String::new(),
        _ => format!(" ({} with {table})", summary.articles_with_rows),
    };
    eprintln!(
        "attest: exported {} row(s) of {table} from {} article(s){with_rows}; skipped {} article(s) whose analysis could not be read",
        summary.rows, summary.articles, summary.skipped
    );
}

/// Writing over the database with rows would destroy it.
fn refuse_the_database(out: &Path, db: &Path) -> anyhow::Result<()> {
    let same = match (fs::canonicalize(out), fs::canonicalize(db)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        bail!(
            "--out {} is the database itself; name another file",
            out.display()
        );
    }
    Ok(())
}

/// Write through a file beside `path` and move it into place once complete,
/// so that `path` never holds half an export.
fn write_file<T>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<fs::File>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    let partial: PathBuf = path.with_file_name(name);
    let file = fs::File::create(&partial)
        .with_context(|| format!("cannot create {}", partial.display()))?;
    let mut file = BufWriter::new(file);
    let result = write(&mut file).and_then(|value| {
        file.flush()?;
        drop(file);
        fs::rename(&partial, path)
            .with_context(|| format!("cannot move {} to {}", partial.display(), path.display()))?;
        Ok(value)
    });
    if result.is_err() {
        // Best effort: the error being returned is the one that matters.
        let _ = fs::remove_file(&partial);
    }
    result
}

/// Every stored article's rows of `table` into `sink`, skipping (and
/// reporting) articles whose analysis cannot be read.
fn export(
    store: &attest_store::Store,
    table: Table,
    tabulator: &Tabulator,
    mut sink: Box<dyn RowSink + '_>,
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    let walked = store.each_article(|article: StoredArticle| -> anyhow::Result<()> {
        summary.articles += 1;
        let analysis = match article.analysis {
            Ok(analysis) => analysis,
            Err(error) => {
                eprintln!(
                    "attest: skipped article {} (store number {}): {error}",
                    article.id, article.rowid
                );
                summary.skipped += 1;
                return Ok(());
            }
        };
        let rows = tabulator.rows(table, &article.rowid.to_string(), &analysis);
        if !rows.is_empty() {
            summary.articles_with_rows += 1;
        }
        for row in rows {
            sink.write(row)?;
            summary.rows += 1;
        }
        Ok(())
    });
    // A store error met reading names the file (a damaged page, say).
    walked.map_err(|e| match e.downcast::<attest_store::StoreError>() {
        Ok(e) => super::in_store(e, store.path()),
        Err(other) => other,
    })?;
    sink.finish()?;
    Ok(summary)
}
