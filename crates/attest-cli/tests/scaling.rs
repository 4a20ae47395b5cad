//! Analysis time grows with the article, not faster: for every shape of
//! `attest bench --scaling`, a 2 MB article costs about what a 100 KB one
//! does per token, measured in the same run. (Each shape once took hours at
//! 2 MB: a quotation repeated 100,000 times, text without punctuation, news
//! prose with ever new names.)

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Time per token at 2 MB may be this many times that at 100 KB: generous,
/// as the machine may be busy with other tests; growth with the square of
/// the size would make it 20.
const MAX_RATIO: f64 = 3.0;

/// Longer than this for one shape is a failure whatever the ratio.
const TIME_LIMIT: Duration = Duration::from_secs(600);

const SHAPES: [&str; 6] = ["prose", "paragraph", "run-on", "said", "marks", "unclosed"];

/// The rows `attest bench --scaling --json` prints for one shape.
fn measure(shape: &str) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_attest"))
        .args(["bench", "--scaling", "--shapes", shape])
        .args(["--sizes", "0.1,2", "--json"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            child.kill().unwrap();
            panic!("{shape}: a 2 MB article took more than {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(status.success(), "{shape}: attest bench failed ({status})");
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    serde_json::from_str(out.lines().last().unwrap()).unwrap()
}

fn per_token(rows: &[Value], bytes: u64) -> f64 {
    let row = rows.iter().find(|r| r["bytes"] == bytes).unwrap();
    row["microseconds_per_token"].as_f64().unwrap()
}

#[test]
fn a_2_mb_article_costs_per_token_what_a_100_kb_one_does() {
    for shape in SHAPES {
        let rows = measure(shape);
        let (small, large) = (per_token(&rows, 100_000), per_token(&rows, 2_000_000));
        let ratio = large / small;
        eprintln!("{shape}: {small:.2} µs/token at 100 KB, {large:.2} at 2 MB ({ratio:.2}x)");
        assert!(
            ratio < MAX_RATIO,
            "{shape}: {large:.2} µs a token at 2 MB against {small:.2} at 100 KB ({ratio:.2}x)"
        );
    }
}
