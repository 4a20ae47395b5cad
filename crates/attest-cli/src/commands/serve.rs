//! `attest serve`: the HTTP API and web UI over a store, until SIGINT
//! (Ctrl-C) or SIGTERM.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use attest_server::Config;

use crate::cli::ServeArgs;

/// How long blocking work still running when the server has stopped (the
/// analysis of a posted article) may hold the process.
const BLOCKING_WORK_GRACE: Duration = Duration::from_secs(1);

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
        request_timeout: Duration::from_secs_f64(args.request_timeout),
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let served = runtime.block_on(async {
        let (listener, state) = attest_server::bind(&config).await?;
        let addr = listener
            .local_addr()
            .context("cannot read the bound address")?;
        if let Some(warning) = exposure_warning(addr, config.token.is_some()) {
            eprintln!("attest: warning: {warning}");
        }
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
        anyhow::Ok(ExitCode::SUCCESS)
    });
    // Dropping the runtime would wait for every blocking task to end.
    runtime.shutdown_timeout(BLOCKING_WORK_GRACE);
    served
}

/// What to say when the server listens where other machines can reach it.
fn exposure_warning(addr: SocketAddr, token: bool) -> Option<String> {
    if addr.ip().is_loopback() {
        return None;
    }
    let access = if token {
        "POST /api/articles is guarded by the token (sent in clear text over plain HTTP); reading needs no token"
    } else {
        "it is read-only (no --token), but anyone who can connect reads the whole store"
    };
    Some(format!(
        "listening on {addr}, which other machines can reach: the API has no accounts; {access}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_addresses_other_machines_reach_are_warned_of() {
        let at = |s: &str| s.parse::<SocketAddr>().unwrap();
        assert_eq!(exposure_warning(at("127.0.0.1:8080"), false), None);
        assert_eq!(exposure_warning(at("[::1]:8080"), true), None);
        let open = exposure_warning(at("0.0.0.0:8080"), false).unwrap();
        assert!(open.contains("other machines") && open.contains("read-only"));
        let guarded = exposure_warning(at("[::]:8080"), true).unwrap();
        assert!(guarded.contains("guarded by the token"));
        assert!(exposure_warning(at("192.168.1.20:80"), false).is_some());
    }
}
