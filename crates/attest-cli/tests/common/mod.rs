//! What the command-line tests that run `attest` to completion share: the
//! command, untouched by the caller's environment, and the samples. (Tests
//! of long-running processes, `serve` and concurrent writers, start it with
//! `std::process::Command` of their own.)

// Each test file uses part of this module.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::PathBuf;

/// The `attest` binary under test, without the store, token or log level of
/// the environment it runs in.
pub fn attest() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attest"));
    cmd.env_remove("ATTEST_DB")
        .env_remove("ATTEST_TOKEN")
        .env_remove("RUST_LOG");
    cmd
}

/// The repository's sample articles.
pub fn samples() -> PathBuf {
    attest_testkit::repo_root().join("samples")
}
