//! What the command-line tests share: the `attest` command, untouched by the
//! caller's environment, the samples, and a running `attest serve`.

// Each test file uses part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use assert_cmd::Command;

/// The `attest` binary under test, without the store, token or log level of
/// the environment it runs in.
pub fn attest() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attest"));
    cmd.env_remove("ATTEST_DB")
        .env_remove("ATTEST_TOKEN")
        .env_remove("RUST_LOG");
    cmd
}

/// The same as a process to start and leave running.
pub fn process() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_attest"));
    cmd.env_remove("ATTEST_DB")
        .env_remove("ATTEST_TOKEN")
        .env_remove("RUST_LOG");
    cmd
}

/// The repository's sample articles.
pub fn samples() -> PathBuf {
    attest_testkit::repo_root().join("samples")
}

/// A running server process, ended when dropped.
pub struct Served(pub Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `attest serve ARGS --db DB`, its standard error going to `stderr`: the
/// process and the first line it printed (where it listens).
pub fn serve(db: &Path, args: &[&str], stderr: Stdio) -> (Served, String) {
    let child = process()
        .arg("serve")
        .args(args)
        .arg("--db")
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("attest serve starts");
    let mut served = Served(child);
    let mut line = String::new();
    BufReader::new(served.0.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the first line");
    (served, line)
}

/// The `host:port` in the line `attest serve` prints first.
pub fn address(line: &str) -> String {
    line.split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned()
}

/// A command that succeeded (else its standard error is shown): its
/// standard output and the JSON report on its last line.
pub fn json_report(output: std::process::Output) -> (String, serde_json::Value) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let last = stdout.lines().last().expect("a last line");
    let report = serde_json::from_str(last).expect("a JSON report");
    (stdout, report)
}
