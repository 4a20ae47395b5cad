//! `attest search`: full-text search over stored articles.

use std::io::Write;
use std::process::ExitCode;

use attest_store::SearchHit;
use serde::Serialize;

use super::{in_store, open_existing};
use crate::cli::SearchArgs;

#[derive(Serialize)]
struct Results<'a> {
    results: &'a [SearchHit],
}

pub fn run(args: &SearchArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.db.db)?;
    let hits = store
        .search(&args.query, args.limit as usize)
        .map_err(|e| in_store(e, &args.db.db))?;
    if args.json {
        serde_json::to_writer(&mut *out, &Results { results: &hits })?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if hits.is_empty() {
        writeln!(out, "no articles match {:?}", args.query)?;
    }
    for (rank, hit) in hits.iter().enumerate() {
        let date = hit.date.as_deref().unwrap_or("undated");
        let title = hit.title.as_deref().unwrap_or(&hit.id);
        let source = hit
            .source
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        writeln!(out, "{}. [{date}] {title}{source}  id={}", rank + 1, hit.id)?;
        writeln!(
            out,
            "   {}",
            hit.snippet.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
