//! `attest serve` as a user runs it: it says where it listens and answers there.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// The server process, ended when dropped.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn attest() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attest"));
    cmd.env_remove("ATTEST_DB")
        .env_remove("ATTEST_TOKEN")
        .env_remove("RUST_LOG");
    cmd
}

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
    let child = attest()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut served = Served(child);
    let mut line = String::new();
    BufReader::new(served.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("read-only"), "{line}");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
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
