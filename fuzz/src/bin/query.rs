//! A text query as users send one: `attest search` (`Store::search`), the
//! server's article search (`Store::articles` with `q`) and its actor and
//! attribution filters, over a small store of analysed articles. SQLite never
//! panics or hangs on it (the fuzzer's time limit catches a hang), and the
//! store answers with results or a clear `InvalidQuery`, never another error,
//! and stays usable after it.

use attest::{Document, Pipeline};
use attest_store::query::{
    ActorFilter, ArticleFilter, AttributionFilter, MAX_QUERY_BYTES, Page, check_full_text,
};
use attest_store::{Store, StoreError};

/// Articles written for the target: quotations, actors, places, accents, and
/// one long enough to be cut into several passages.
const ARTICLES: [(&str, &str); 4] = [
    (
        "talks",
        "Negotiators met in Geneva on Tuesday. \"We are hopeful,\" the envoy told reporters.\n\nThe Taliban said they took control of Kabul, officials said.",
    ),
    (
        "harbour",
        "Dock workers in Rotterdam went on strike on Monday, the union said. Police arrested two protesters near the harbour.",
    ),
    (
        "accents",
        "Le président Macron a rencontré M. Erdoğan à Ankara. “Nous sommes d’accord,” a-t-il déclaré. Kabul’s mayor didn't comment.",
    ),
    ("long", ""),
];

fn store() -> Store {
    let pipeline = Pipeline::new().expect("the embedded models load");
    let long = "The minister said the floods destroyed crops. ".repeat(200);
    let batch: Vec<_> = ARTICLES
        .iter()
        .map(|(id, text)| {
            let mut doc = Document::from_text(if text.is_empty() { long.as_str() } else { text });
            doc.id = (*id).to_owned();
            doc.date = chrono::NaiveDate::from_ymd_opt(2023, 4, 25);
            pipeline.analyse(doc)
        })
        .collect();
    let mut store = Store::open_in_memory().expect("an in-memory store");
    store
        .ingest(&batch, false)
        .expect("the articles are stored");
    store
}

/// Results, or an `InvalidQuery` with a message; nothing else.
fn answered<T>(what: &str, query: &str, result: Result<T, StoreError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(StoreError::InvalidQuery { message, .. }) => {
            assert!(!message.trim().is_empty(), "{what}: an empty message");
            None
        }
        Err(other) => panic!("{what} of {query:?}: {other}"),
    }
}

fn main() {
    // A panic aborts the process (the fuzzer's crash): nothing uses the store after one.
    let store = std::panic::AssertUnwindSafe(store());
    let baseline = store.search("kabul", 10).expect("a plain search").len();
    afl::fuzz!(|data: &[u8]| {
        let Ok(query) = std::str::from_utf8(data) else {
            return;
        };
        let checked = check_full_text(query);
        let hits = answered("search", query, store.search(query, 10));
        if checked.is_err() {
            assert!(hits.is_none(), "search ran a query over the limits");
        }
        if let Some(hits) = hits {
            assert!(hits.len() <= 10);
            assert!(
                hits.windows(2).all(|w| w[0].score >= w[1].score),
                "best first"
            );
        }
        let articles = ArticleFilter {
            q: Some(query.to_owned()),
            ..ArticleFilter::default()
        };
        if let Some(page) = answered(
            "articles",
            query,
            store.articles(&articles, Page::default()),
        ) {
            assert!(page.items.len() as i64 <= page.total);
        }
        let actors = ActorFilter {
            q: Some(query.to_owned()),
            ..ActorFilter::default()
        };
        let found = answered("actors", query, store.actors(&actors, Page::default()));
        assert_eq!(found.is_none(), query.trim().len() > MAX_QUERY_BYTES);
        let attributions = AttributionFilter {
            q: Some(query.to_owned()),
            ..AttributionFilter::default()
        };
        let found = answered(
            "attributions",
            query,
            store.attributions(&attributions, Page::default()),
        );
        assert_eq!(found.is_none(), query.trim().len() > MAX_QUERY_BYTES);
        let after = store.search("kabul", 10).map(|hits| hits.len()).ok();
        assert_eq!(after, Some(baseline), "the store answers as before");
    });
}
