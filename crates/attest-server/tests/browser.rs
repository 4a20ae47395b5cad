//! End-to-end tests in headless Chromium driven through chromedriver
//! (WebDriver). Where Chromium is absent they skip with a notice, except under
//! `CI=true`, where they fail. Screenshots go to `target/browser-shots/`.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver and a browser session; the driver process ends on drop.
struct Browser {
    client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A browser, or `None` (after a notice) where Chromium is not installed.
async fn browser() -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "CI=true but {CHROMIUM} or {CHROMEDRIVER} is missing");
        eprintln!(
            "notice: skipping browser test, {CHROMIUM} or {CHROMEDRIVER} is absent (apt-get install chromium chromium-driver)"
        );
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let driver = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let profile = tempfile::tempdir().expect("profile dir");
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run",
                     "--window-size=1400,1000", format!("--user-data-dir={}", profile.path().display())]
        }
    });
    let capabilities = capabilities.as_object().cloned().expect("an object");
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            Ok(client) => break client,
            Err(e) if Instant::now() > deadline => panic!("no WebDriver session: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    };
    Some(Browser {
        client,
        driver,
        _profile: profile,
    })
}

/// Save what the browser shows as `target/browser-shots/NAME.png`.
async fn screenshot(client: &Client, name: &str) {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| attest_testkit::repo_root().join("target"))
        .join("browser-shots");
    std::fs::create_dir_all(&dir).expect("shots dir");
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write shot");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_seed_article_highlights_shaheens_quotation_through_dawn() {
    let server = common::server();
    if !server.has_seed {
        return;
    }
    let Some(browser) = browser().await else {
        return;
    };
    let c = &browser.client;
    c.goto(&format!("{}/articles/article", server.base))
        .await
        .expect("open the reader");
    let statements = c
        .find_all(Locator::Css(".statements li.statement"))
        .await
        .expect("statements");
    let mut shaheen = None;
    for item in statements {
        if item.text().await.expect("text").contains("Suhail Shaheen") {
            shaheen = item.attr("data-a").await.expect("attribute");
            break;
        }
    }
    let id = shaheen.expect("a statement by Suhail Shaheen is listed");
    let quote = c
        .find(Locator::Css(&format!(".hl.q[data-a~=\"{id}\"]")))
        .await
        .expect("his quotation is highlighted in the text");
    quote.click().await.expect("select the quotation");
    let details = c.find(Locator::Id("details")).await.expect("details panel");
    let text = details.text().await.expect("details text");
    assert!(text.contains("Suhail Shaheen"), "speaker shown: {text}");
    assert!(text.contains("DAWN"), "via shown: {text}");
    assert!(text.contains("Speaker") && text.contains("Via"), "{text}");
    screenshot(c, "reader-shaheen").await;
    let hostile = c
        .execute(
            "return document.querySelectorAll('#text script').length",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(hostile, json!(0));
    browser.client.clone().close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_taliban_actor_page_shows_its_events() {
    let server = common::server();
    let Some(browser) = browser().await else {
        return;
    };
    let c = &browser.client;
    c.goto(&format!("{}/actors?q=Taliban", server.base))
        .await
        .expect("open actors");
    c.find(Locator::LinkText("Taliban"))
        .await
        .expect("Taliban is listed")
        .click()
        .await
        .expect("open it");
    let heading = c
        .wait()
        .for_element(Locator::Css("header.profile h1"))
        .await
        .expect("profile");
    assert_eq!(heading.text().await.expect("text"), "Taliban");
    let rows = c
        .find_all(Locator::Css("#did table tbody tr"))
        .await
        .expect("events");
    assert!(!rows.is_empty(), "the Taliban's events are listed");
    let first = rows[0]
        .find(Locator::Css("td:nth-child(2)"))
        .await
        .expect("source cell");
    assert_eq!(first.text().await.expect("text"), "Taliban");
    let drawn = c
        .execute(
            "return !!(window.Chart && Chart.getChart(document.getElementById('timeline')))",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(drawn, json!(true), "the timeline chart is drawn");
    screenshot(c, "actor-taliban").await;
    browser.client.clone().close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_filter_by_plover_type() {
    let server = common::server();
    let Some(browser) = browser().await else {
        return;
    };
    let c = &browser.client;
    c.goto(&format!("{}/events", server.base))
        .await
        .expect("open events");
    let all = c
        .find_all(Locator::Css("table.events tbody tr"))
        .await
        .expect("rows")
        .len();
    let select = c
        .find(Locator::Css("select[name=plover]"))
        .await
        .expect("PLOVER filter");
    select
        .select_by_value("ASSAULT")
        .await
        .expect("choose ASSAULT");
    c.find(Locator::Css("#event-filters button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("filter");
    c.wait()
        .for_url(
            &format!("{}/events?plover=ASSAULT", server.base)
                .parse()
                .expect("url"),
        )
        .await
        .ok();
    let url = c.current_url().await.expect("url");
    assert!(url.as_str().contains("plover=ASSAULT"), "{url}");
    let cells = c
        .find_all(Locator::Css("table.events td.plover"))
        .await
        .expect("cells");
    assert!(
        !cells.is_empty() && cells.len() < all,
        "{} of {all} rows",
        cells.len()
    );
    for cell in cells {
        assert_eq!(cell.text().await.expect("text"), "ASSAULT");
    }
    let network = c
        .execute(
            "return document.querySelectorAll('#network canvas').length",
            vec![],
        )
        .await
        .expect("script");
    assert!(network.as_u64() > Some(0), "the network is drawn");
    // cytoscape.js inserts a <style> rule for its container, which the
    // Content-Security-Policy allows by its hash: applied, it makes the
    // container `position: relative` (app.css does not).
    let position = c
        .execute(
            "return getComputedStyle(document.getElementById('network')).position",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(position, json!("relative"), "cytoscape's rule is applied");
    screenshot(c, "events-assault").await;
    browser.client.clone().close().await.expect("close");
}

/// Post one article (blocking; the shared server takes the token).
fn post_article(article: &serde_json::Value) {
    let mut response = common::agent()
        .post(&format!("{}/api/articles", common::server().base))
        .header("content-type", "application/json")
        .header("authorization", &format!("Bearer {}", common::TOKEN))
        .send(article.to_string())
        .expect("request");
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().expect("body");
    assert!(status == 201 || status == 200, "{status} {body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_javascript_url_runs_nothing_when_clicked() {
    let server = common::server();
    let article = json!({"id": "javascript-url", "date": "2030-06-01",
        "title": "A hostile address", "url": "  JaVaScRiPt:void(document.title='xss')",
        "text": "The minister resigned on Friday."});
    tokio::task::spawn_blocking(move || post_article(&article))
        .await
        .expect("posted");
    let Some(browser) = browser().await else {
        return;
    };
    let c = &browser.client;
    let reader = format!("{}/articles/javascript-url", server.base);
    c.goto(&reader).await.expect("open the reader");
    // Whatever shows the address (a link before, text now) is clicked.
    let address = c
        .find(Locator::XPath(
            "//header[contains(@class, 'doc')]//p[contains(@class, 'meta')]\
             /*[contains(., 'original') or contains(., 'JaVaScRiPt')]",
        ))
        .await
        .expect("the address is shown");
    address.click().await.expect("click the address");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(c.get_alert_text().await.is_err(), "no dialog opened");
    let title = c.title().await.expect("title");
    assert_ne!(title, "xss", "the address's script ran");
    assert!(title.contains("A hostile address"), "{title}");
    assert_eq!(c.current_url().await.expect("url").as_str(), reader);
    screenshot(c, "reader-javascript-url").await;
    browser.client.clone().close().await.expect("close");
}
