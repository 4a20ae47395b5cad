//! `attest serve` as a user runs it: it says where it listens and answers there.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{Served, address, process as attest};

/// A plain HTTP/1.1 GET: status line and body.
fn get(addr: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("the server accepts");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("the request is sent");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("a response");
    let (head, body) = response.split_once("\r\n\r\n").expect("head and body");
    let status = head.lines().next().unwrap_or_default().to_owned();
    (status, body.to_owned())
}

#[test]
fn serve_prints_its_address_and_answers_the_api_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let samples = attest_testkit::repo_root().join("samples");
    let ingest = attest()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&samples)
        .output()
        .unwrap();
    assert!(ingest.status.success());
    let (_served, line) = common::serve(&db, &["--addr", "127.0.0.1:0"], Stdio::null());
    assert!(line.contains("read-only"), "{line}");
    let addr = address(&line);
    let (status, body) = get(&addr, "/api/stats");
    assert!(status.contains("200"), "{status}");
    let stats: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(stats["articles"], 5);
    let (status, page) = get(&addr, "/");
    assert!(
        status.contains("200") && page.contains("Overview"),
        "{status}"
    );
    let (status, _) = get(&addr, "/articles/no-such-article");
    assert!(status.contains("404"), "{status}");
}

#[test]
fn serving_a_missing_database_read_only_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = attest()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("none.db"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no database"));
    assert!(!dir.path().join("none.db").exists());
}

/// A store of the samples in `dir`.
fn samples_store(dir: &Path) -> PathBuf {
    let db = dir.join("news.db");
    let ingest = attest()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(attest_testkit::repo_root().join("samples"))
        .output()
        .expect("attest ingest runs");
    assert!(ingest.status.success());
    db
}

/// `attest serve ARGS --db DB` on any loopback port, its standard error
/// kept: the process and the address it printed.
fn serve(db: &Path, args: &[&str]) -> (Served, String) {
    let (served, line) = common::serve(db, args, Stdio::piped());
    (served, address(&line))
}

/// Send `signal` (`INT`, `TERM`) to the process.
fn signal(child: &Child, signal: &str) {
    let sent = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .expect("kill runs");
    assert!(sent.success());
}

/// The exit status, once the process has ended, or `None` after `limit`.
fn exit_within(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Some(status) = child.try_wait().expect("the process's state") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// A client that asks for the largest asset 200 times over one connection
/// and reads nothing: the server's writes block, so a request stays open.
fn stalled_client(addr: &str) -> TcpStream {
    let mut stream = TcpStream::connect(addr).expect("the server accepts");
    let request = format!("GET /static/vendor/cytoscape.min.js HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    stream
        .write_all(request.repeat(200).as_bytes())
        .expect("the requests are sent");
    stream
}

#[cfg(unix)]
#[test]
fn a_signal_stops_the_server_within_seconds_whatever_its_clients_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = samples_store(dir.path());
    for name in ["INT", "TERM"] {
        let (mut served, addr) = serve(&db, &["--addr", "127.0.0.1:0"]);
        let _stalled = stalled_client(&addr);
        std::thread::sleep(Duration::from_millis(500));
        let (status, _) = get(&addr, "/api/stats");
        assert!(status.contains("200"), "{status}");
        signal(&served.0, name);
        // The grace for open requests is 3 s; without it the server waited
        // for this client for ever.
        let exit = exit_within(&mut served.0, Duration::from_secs(30))
            .unwrap_or_else(|| panic!("SIG{name}: still running after 30 s"));
        assert!(exit.success(), "SIG{name}: {exit:?}");
    }
}

#[test]
fn serving_to_other_machines_is_warned_of() {
    let dir = tempfile::tempdir().unwrap();
    let db = samples_store(dir.path());
    for (args, warned) in [
        (vec!["--addr", "127.0.0.1:0"], false),
        (vec!["--addr", "0.0.0.0:0"], true),
    ] {
        let (mut served, _) = serve(&db, &args);
        served.0.kill().unwrap();
        let mut stderr = String::new();
        served
            .0
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert_eq!(
            stderr.contains("other machines can reach"),
            warned,
            "{args:?}: {stderr}"
        );
        if warned {
            assert!(stderr.contains("read-only"), "{stderr}");
        }
    }
}

#[test]
fn a_request_timeout_must_be_a_positive_number_of_seconds() {
    for value in ["0", "-1", "soon", "100000"] {
        let output = attest()
            .args(["serve", "--addr", "127.0.0.1:0"])
            .arg(format!("--request-timeout={value}"))
            .output()
            .unwrap();
        assert!(!output.status.success(), "{value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("expected a number of seconds"),
            "{value}: {stderr}"
        );
    }
}
