//! `attest serve`: the HTTP API and web UI over a store, until Ctrl-C.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use attest_server::Config;

use crate::cli::ServeArgs;

/// Bind, say where, serve. A missing database is an error unless writes are
/// enabled (then articles posted to it fill a new one).
pub fn run(args: &ServeArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    if args.token.is_none() {
        super::open_existing(&args.db.db)?;
    }
    let config = Config {
        db: args.db.db.clone(),
        addr: args.addr,
        token: args.token.clone().filter(|t| !t.is_empty()),
        readers: args.readers.unwrap_or_else(|| {
            2 * std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
        }),
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (listener, state) = attest_server::bind(&config).await?;
        let addr = listener
            .local_addr()
            .context("cannot read the bound address")?;
        writeln!(
            out,
            "attest serving {} on http://{addr}/ ({}; Ctrl-C stops)",
            config.db.display(),
            if config.token.is_some() {
                "POST /api/articles enabled"
            } else {
                "read-only"
            }
        )?;
        out.flush()?;
        attest_server::run(listener, state).await?;
        Ok(ExitCode::SUCCESS)
    })
}
