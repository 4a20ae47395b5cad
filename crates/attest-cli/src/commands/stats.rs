//! `attest stats`: what a store holds.

use std::io::Write;
use std::process::ExitCode;

use super::open_existing;
use crate::cli::StatsArgs;

pub fn run(args: &StatsArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let stats = open_existing(&args.db.db)?.stats()?;
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
