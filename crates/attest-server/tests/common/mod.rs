//! A real server on an ephemeral loopback port over a store built from
//! `samples/` and (when `../shared` is there) the seed article, shared by the
//! tests of one test binary.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use attest::Pipeline;
use attest::read::Inputs;
use attest_server::Config;
use serde_json::Value;

/// A running server.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Whether the seed article is stored.
    pub has_seed: bool,
    /// Keeps the database directory alive as long as the process.
    _dir: tempfile::TempDir,
}

/// The bearer token the shared server accepts.
pub const TOKEN: &str = "test-token-4f1c";

/// The server of this test binary, started on first use.
pub fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(start)
}

fn start() -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("test.db");
    let seed = attest_testkit::shared("fixtures/seed/article.txt");
    let mut paths = vec![attest_testkit::repo_root().join("samples")];
    paths.extend(seed.clone());
    build_store(&db, &paths);
    let config = Config {
        db,
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        token: Some(TOKEN.into()),
        readers: 4,
        request_timeout: attest_server::DEFAULT_REQUEST_TIMEOUT,
    };
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async move {
            let (listener, state) = attest_server::bind(&config).await.expect("bind");
            sender
                .send(listener.local_addr().expect("address"))
                .expect("send");
            attest_server::run(listener, state).await.expect("serve");
        });
    });
    let addr = receiver
        .recv_timeout(Duration::from_secs(120))
        .expect("the server starts");
    Server {
        base: format!("http://{addr}"),
        has_seed: seed.is_some(),
        _dir: dir,
    }
}

/// Analyse and store every article of `paths`.
pub fn build_store(db: &std::path::Path, paths: &[PathBuf]) {
    let pipeline = Pipeline::new().expect("models load");
    let analyses: Vec<_> = Inputs::new(paths, None)
        .filter_map(Result::ok)
        .map(|doc| pipeline.analyse(doc))
        .collect();
    assert!(analyses.len() >= 5, "the samples are read");
    let mut store = attest_store::Store::open(db).expect("store");
    store.ingest(&analyses, false).expect("ingest");
}

/// An HTTP client that reports every status rather than failing on errors.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// `GET path`: status and body.
pub fn get(path: &str) -> (u16, String) {
    let url = format!("{}{path}", server().base);
    let mut response = agent().get(&url).call().expect("request");
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().expect("body");
    (status, body)
}

/// `GET path` as JSON, which must succeed.
pub fn get_json(path: &str) -> Value {
    let (status, body) = get(path);
    assert_eq!(status, 200, "GET {path}: {body}");
    serde_json::from_str(&body).expect("JSON")
}
