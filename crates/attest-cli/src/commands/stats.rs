//! `attest stats`: what a store holds.

use std::io::Write;
use std::process::ExitCode;

use super::{in_store, open_existing};
use crate::cli::StatsArgs;

/// The counts, after `PRAGMA quick_check`: a damaged store is reported as
/// such (and the command fails), not counted as if it were sound.
pub fn run(args: &StatsArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let db = &args.db.db;
    let store = open_existing(db)?;
    store.quick_check()?;
    let stats = store.stats().map_err(|e| in_store(e, db))?;
    if args.json {
        serde_json::to_writer(&mut *out, &stats)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "database   {} (schema {}, {} bytes)",
        args.db.db.display(),
        stats.schema,
        stats.database_bytes
    )?;
    writeln!(
        out,
        "integrity  ok (PRAGMA quick_check; `attest check` checks more)"
    )?;
    writeln!(out, "articles   {}", stats.articles)?;
    writeln!(out, "sentences  {}", stats.sentences)?;
    writeln!(out, "text       {} bytes", stats.text_bytes)?;
    let range = match (&stats.first_date, &stats.last_date) {
        (Some(first), Some(last)) => format!("{first} to {last}"),
        _ => "none".into(),
    };
    writeln!(out, "dates      {range} ({} undated)", stats.undated)?;
    writeln!(
        out,
        "records    {} actors, {} attributions, {} events, {} disputes",
        stats.actors, stats.attributions, stats.events, stats.disputes
    )?;
    for (source, count) in &stats.sources {
        writeln!(out, "source     {source}: {count}")?;
    }
    Ok(ExitCode::SUCCESS)
}
