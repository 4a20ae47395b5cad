//! Requests under a deadline, and a server told to stop, against a store whose
//! event network takes seconds to count (many events between distinct pairs
//! of actors): a store statement still running at the deadline or at the stop
//! is interrupted and its connection serves the next request.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{OnceLock, mpsc};
use std::time::Duration;

use attest_server::Config;
use serde_json::Value;

/// Events in the slow store, each between its own pair of actors.
const EVENTS: i64 = 200_000;

/// The slow store, made on first use and shared by the tests (which only
/// read it).
fn slow_store() -> PathBuf {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    STORE.get_or_init(make_slow_store).1.clone()
}

/// A store of [`EVENTS`] events, made with SQL rather than analysis.
fn make_slow_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("slow.db");
    drop(attest_store::Store::open(&db).expect("a new store"));
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(&format!(
        "BEGIN;
         INSERT INTO articles (id, fingerprint, text, sentences, analysis)
             VALUES ('a', 'f', 'Text.', 1, '{{}}');
         WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < {EVENTS})
         INSERT INTO actors (id, key, name, kind) SELECT v, 'k' || v, 'Actor ' || v, 'person' FROM n;
         WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < {EVENTS})
         INSERT INTO events (article, rid, source, source_name, target, target_name, cameo,
                             cameo_name, root, modality, evidence, spans)
             SELECT 1, 'v' || v, v, 'Actor', (v * 7919) % {EVENTS} + 1, 'Actor', '010',
                    'Make statement', '01', 'asserted', 'said', '[]' FROM n;
         COMMIT;"
    ))
    .expect("events");
    (dir, db)
}

fn config(db: PathBuf, request_timeout: Duration) -> Config {
    Config {
        db,
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        token: None,
        readers: 1,
        request_timeout,
    }
}

/// `GET path`: status and body.
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into();
    let mut response = agent
        .get(&format!("http://{addr}{path}"))
        .call()
        .expect("a response");
    let body = response.body_mut().read_to_string().expect("body");
    (response.status().as_u16(), body)
}

fn code(body: &str) -> String {
    let value: Value = serde_json::from_str(body).expect("JSON");
    value["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Run a server on `config` in its own thread until `stop` receives; its
/// address, and a receiver told when it has stopped.
fn start(config: Config, stop: mpsc::Receiver<()>) -> (SocketAddr, mpsc::Receiver<()>) {
    let (addr_tx, addr_rx) = mpsc::channel();
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async move {
            let (listener, state) = attest_server::bind(&config).await.expect("bind");
            addr_tx
                .send(listener.local_addr().expect("address"))
                .expect("send");
            let stop = async move {
                let _ = tokio::task::spawn_blocking(move || stop.recv()).await;
            };
            attest_server::run_until(listener, state, stop)
                .await
                .expect("serve");
        });
        runtime.shutdown_timeout(Duration::from_secs(1));
        let _ = done_tx.send(());
    });
    let addr = addr_rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the server starts");
    (addr, done_rx)
}

#[test]
fn a_request_past_its_deadline_is_stopped_and_its_connection_serves_the_next() {
    let (_stop, stop) = mpsc::channel();
    let (addr, _) = start(config(slow_store(), Duration::from_millis(300)), stop);
    let (status, body) = get(addr, "/api/events/network");
    assert_eq!(
        (status, code(&body).as_str()),
        (504, "deadline_exceeded"),
        "{body}"
    );
    let (status, page) = get(addr, "/events");
    assert_eq!(status, 504);
    assert!(
        page.contains("took longer than the server allows"),
        "an error page"
    );
    // One connection: had the statements not been interrupted, it would still
    // be busy and this request would wait past its own deadline.
    let (status, body) = get(addr, "/api/stats");
    assert_eq!(status, 200, "{body}");
    let stats: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(stats["events"], EVENTS);
}

#[test]
fn a_stopped_server_interrupts_running_requests_and_ends() {
    let (stop_tx, stop) = mpsc::channel();
    let (addr, done) = start(config(slow_store(), Duration::from_secs(600)), stop);
    let client = std::thread::spawn(move || get(addr, "/api/events/network"));
    // Long enough for the request to be running, far shorter than it runs.
    std::thread::sleep(Duration::from_millis(800));
    stop_tx.send(()).expect("stop");
    let (status, body) = client.join().expect("the client");
    assert_eq!(
        (status, code(&body).as_str()),
        (503, "shutting_down"),
        "{body}"
    );
    done.recv_timeout(Duration::from_secs(60))
        .expect("the server ends");
}
