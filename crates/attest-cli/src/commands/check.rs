//! `attest check`: SQLite's full integrity check and the full-text index's,
//! reported; a damaged store fails with how to recover it.

use std::io::Write;
use std::process::ExitCode;

use attest_store::StoreError;
use serde::Serialize;

use super::open_existing;
use crate::cli::CheckArgs;

#[derive(Serialize)]
struct Report<'a> {
    database: String,
    ok: bool,
    problems: &'a [String],
    full_text_checked: bool,
}

pub fn run(args: &CheckArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let db = &args.db.db;
    let check = open_existing(db)?.check()?;
    let report = Report {
        database: db.display().to_string(),
        ok: check.problems.is_empty(),
        problems: &check.problems,
        full_text_checked: check.full_text_checked,
    };
    if args.json {
        serde_json::to_writer(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        write_report(out, &report)?;
    }
    if report.ok {
        return Ok(ExitCode::SUCCESS);
    }
    out.flush()?;
    Err(StoreError::Damaged {
        path: db.clone(),
        detail: format!("{} problem(s) found", check.problems.len()),
    }
    .into())
}

fn write_report(out: &mut impl Write, report: &Report) -> anyhow::Result<()> {
    if report.ok {
        writeln!(out, "{}: ok (PRAGMA integrity_check)", report.database)?;
    } else {
        writeln!(out, "{}: damaged; the checks found:", report.database)?;
        for problem in report.problems {
            writeln!(out, "  {problem}")?;
        }
    }
    if !report.full_text_checked {
        writeln!(
            out,
            "the full-text index was not checked against the articles: that check needs a store that can be written here"
        )?;
    } else if report.ok {
        writeln!(out, "the full-text index matches the articles")?;
    }
    Ok(())
}
