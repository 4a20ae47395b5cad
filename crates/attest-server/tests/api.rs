//! The JSON API against a real server on a loopback port.

mod common;

use common::{TOKEN, agent, get, get_json, server};
use serde_json::{Value, json};

fn error_code(status_and_body: (u16, String)) -> (u16, String) {
    let (status, body) = status_and_body;
    let value: Value = serde_json::from_str(&body).expect("errors are JSON");
    let code = value["error"]["code"]
        .as_str()
        .expect("an error code")
        .to_owned();
    assert!(
        value["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    (status, code)
}

fn post(body: &str, token: Option<&str>) -> (u16, String) {
    let url = format!("{}/api/articles", server().base);
    let mut request = agent()
        .post(&url)
        .header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", &format!("Bearer {token}"));
    }
    let mut response = request.send(body).expect("request");
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().expect("body"))
}

fn actor_id(name: &str) -> i64 {
    let found = get_json(&format!("/api/actors?q={}", name.replace(' ', "%20")));
    found["items"]
        .as_array()
        .and_then(|items| items.iter().find(|a| a["name"] == name))
        .and_then(|a| a["id"].as_i64())
        .unwrap_or_else(|| panic!("no actor {name}: {found}"))
}

#[test]
fn stats_count_what_was_stored() {
    let stats = get_json("/api/stats");
    assert_eq!(stats["schema"], attest_store::SCHEMA_VERSION);
    assert!(stats["articles"].as_i64() >= Some(5));
    assert!(stats["events"].as_i64() > Some(0));
    assert!(stats["attributions"].as_i64() > Some(0));
}

#[test]
fn articles_list_filter_and_page() {
    // Articles other tests post are dated 2030; leave them out.
    let all = get_json("/api/articles?to=2029-12-31");
    let total = all["total"].as_i64().expect("total");
    assert!(total >= 5);
    let dates: Vec<&str> = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|a| a["date"].as_str())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    let page = get_json("/api/articles?to=2029-12-31&limit=2&offset=1");
    assert_eq!(
        (
            page["total"].as_i64(),
            page["items"].as_array().map(Vec::len)
        ),
        (Some(total), Some(2))
    );
    assert_eq!(page["items"][0]["id"], all["items"][1]["id"]);
    assert_eq!(
        get_json("/api/articles?limit=100000")["limit"],
        200,
        "page size is capped"
    );
    let found = get_json("/api/articles?q=Torkham");
    assert!(found["total"].as_i64() >= Some(1));
    assert!(
        found["items"][0]["snippet"]
            .as_str()
            .is_some_and(|s| s.contains("«Torkham»"))
    );
    let none = get_json("/api/articles?from=2031-01-01");
    assert_eq!(none["total"], 0);
    let source = all["items"]
        .as_array()
        .and_then(|items| items.iter().find_map(|a| a["source"].as_str()))
        .expect("an outlet");
    let by_source = get_json(&format!(
        "/api/articles?source={}",
        source.replace(' ', "%20")
    ));
    assert!(
        by_source["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|a| a["source"] == source)
    );
}

#[test]
fn an_article_is_its_full_contract_json() {
    let list = get_json("/api/articles?limit=1");
    let id = list["items"][0]["id"].as_str().expect("id");
    let analysis = get_json(&format!("/api/articles/{id}"));
    assert_eq!(analysis["schema"], 1);
    assert!(
        !analysis["document"]["text"]
            .as_str()
            .unwrap_or("")
            .is_empty()
    );
    let spans = attest_testkit::check_spans(&analysis).expect("spans slice the text");
    assert!(spans > 0);
}

#[test]
fn unknown_ids_and_routes_are_json_404s() {
    assert_eq!(
        error_code(get("/api/articles/no-such-article")),
        (404, "not_found".into())
    );
    assert_eq!(
        error_code(get("/api/actors/999999")),
        (404, "not_found".into())
    );
    assert_eq!(
        error_code(get("/api/actors/not-a-number")),
        (404, "not_found".into())
    );
    assert_eq!(
        error_code(get("/api/nothing/here")),
        (404, "no_such_route".into())
    );
}

#[test]
fn malformed_parameters_are_json_400s() {
    for path in [
        "/api/events?from=last%20week",
        "/api/events?actor=Taliban",
        "/api/events?root=1",
        "/api/events?modality=rumoured",
        "/api/articles?limit=many",
        "/api/attributions?speaker=x",
    ] {
        assert_eq!(error_code(get(path)), (400, "bad_request".into()), "{path}");
    }
    assert_eq!(
        error_code(get("/api/articles?q=%22unbalanced")),
        (400, "invalid_query".into())
    );
}

#[test]
fn actors_are_found_by_name_and_have_a_profile() {
    let id = actor_id("Taliban");
    let profile = get_json(&format!("/api/actors/{id}"));
    assert_eq!(profile["actor"]["name"], "Taliban");
    let did = profile["did"].as_array().expect("did");
    assert!(!did.is_empty());
    assert!(did.iter().all(|e| e["source"] == id));
    assert!(profile["codes"].as_array().is_some_and(|c| !c.is_empty()));
    assert!(
        profile["timeline"]
            .as_array()
            .is_some_and(|t| !t.is_empty())
    );
}

#[test]
fn events_filter_by_actor_and_type() {
    let id = actor_id("Taliban");
    let by_actor = get_json(&format!("/api/events?actor={id}"));
    let items = by_actor["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(items.iter().all(|e| e["source"] == id || e["target"] == id));
    let assaults = get_json("/api/events?plover=assault");
    let items = assaults["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(items.iter().all(|e| e["plover"] == "ASSAULT"));
    let root = get_json("/api/events?root=19");
    assert!(
        root["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|e| e["root"] == "19")
    );
    let timeline = get_json("/api/events/timeline?plover=ASSAULT");
    let counted: i64 = timeline["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["count"].as_i64())
        .sum();
    assert!(counted >= 1 && counted <= assaults["total"].as_i64().unwrap_or(0));
    let network = get_json(&format!("/api/events/network?actor={id}"));
    assert!(
        network["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|l| l["source"] == id || l["target"] == id)
    );
}

#[test]
fn the_seed_articles_statements_come_with_speaker_and_via() {
    if !server().has_seed {
        return;
    }
    let shaheen = actor_id("Suhail Shaheen");
    let said = get_json(&format!("/api/attributions?speaker={shaheen}"));
    let items = said["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|a| a["speaker_name"] == "Suhail Shaheen" && a["via"] == json!(["DAWN"]))
    );
    let dawn = actor_id("DAWN");
    let via = get_json(&format!("/api/attributions?via={dawn}"));
    assert!(via["total"].as_i64() >= said["total"].as_i64());
    let disputes = get_json("/api/disputes");
    let by_shaheen = disputes["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|d| d["by"]["speaker_name"] == "Suhail Shaheen")
        .expect("Shaheen's denial");
    assert!(
        by_shaheen["against"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
}

#[test]
fn posting_articles_needs_the_token_and_stores_them() {
    let article = json!({"id": "posted-1", "date": "2030-05-01", "source": "Test Wire",
        "title": "Ministers met in Geneva", "text": "The foreign ministers of Norway and Kenya met in Geneva on Tuesday. \"We agreed to keep talking,\" the Norwegian minister said."});
    let body = article.to_string();
    assert_eq!(error_code(post(&body, None)), (401, "unauthorized".into()));
    assert_eq!(
        error_code(post(&body, Some("wrong-token"))),
        (401, "unauthorized".into())
    );
    let (status, reply) = post(&body, Some(TOKEN));
    assert_eq!(status, 201, "{reply}");
    let reply: Value = serde_json::from_str(&reply).expect("JSON");
    assert_eq!(
        reply["items"][0],
        json!({"id": "posted-1", "outcome": "stored"})
    );
    let stored = get_json("/api/articles/posted-1");
    assert_eq!(stored["document"]["title"], "Ministers met in Geneva");
    let (status, again) = post(&body, Some(TOKEN));
    assert_eq!(status, 200);
    assert!(again.contains("already_present"));
    assert_eq!(
        error_code(post("{\"title\": \"no text\"}", Some(TOKEN))),
        (400, "bad_request".into())
    );
    assert_eq!(
        error_code(post("not json", Some(TOKEN))),
        (400, "bad_request".into())
    );
    assert_eq!(
        error_code(post("[]", Some(TOKEN))),
        (400, "bad_request".into())
    );
    // One byte over the limit: the server reads it all before refusing, so
    // the client is never cut off mid-send.
    let over = format!("\"{}\"", "x".repeat(attest_server::BODY_LIMIT - 1));
    assert_eq!(
        error_code(post(&over, Some(TOKEN))),
        (413, "too_large".into())
    );
}

#[test]
fn article_text_is_escaped_in_pages() {
    let article = json!({"id": "hostile", "date": "2030-05-02", "text": "Officials said <script>alert('x')</script> and <b>bold</b> claims were false."});
    let (status, reply) = post(&article.to_string(), Some(TOKEN));
    assert!(status == 201 || status == 200, "{reply}");
    let (status, page) = get("/articles/hostile");
    assert_eq!(status, 200);
    assert!(
        page.contains("&lt;script&gt;alert("),
        "the text shows as text"
    );
    assert!(
        !page.contains("<script>alert"),
        "no script from the article runs"
    );
    assert!(!page.contains("<b>bold"));
}

#[test]
fn the_openapi_document_matches_the_routes() {
    let doc = get_json("/api/openapi.json");
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 10);
    let taliban = actor_id("Taliban").to_string();
    for (path, methods) in paths {
        let concrete = path
            .trim_start_matches("/api")
            .replace("/articles/{id}", "/articles/posted-or-missing")
            .replace("/actors/{id}", &format!("/actors/{taliban}"));
        for method in methods.as_object().expect("methods").keys() {
            let url = format!("{}/api{concrete}", server().base);
            let mut response = match method.as_str() {
                "get" => agent().get(&url).call(),
                "post" => agent().post(&url).send("{}"),
                other => panic!("undocumented method {other}"),
            }
            .expect("request");
            let body = response.body_mut().read_to_string().expect("body");
            let code = serde_json::from_str::<Value>(&body)
                .ok()
                .map(|v| v["error"]["code"].clone());
            assert_ne!(
                code,
                Some(json!("no_such_route")),
                "{method} {path} is documented but not routed"
            );
        }
    }
}

#[test]
fn a_server_without_a_token_refuses_writes() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("empty.db");
    let config = attest_server::Config {
        db,
        addr: "127.0.0.1:0".parse().expect("address"),
        token: None,
        readers: 1,
        request_timeout: attest_server::DEFAULT_REQUEST_TIMEOUT,
    };
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let addr = runtime.block_on(async {
        let (listener, state) = attest_server::bind(&config).await.expect("bind");
        let addr = listener.local_addr().expect("address");
        tokio::spawn(attest_server::run(listener, state));
        addr
    });
    let mut response = agent()
        .post(&format!("http://{addr}/api/articles"))
        .header("authorization", "Bearer anything")
        .send("{\"text\": \"Something happened.\"}")
        .expect("request");
    assert_eq!(response.status().as_u16(), 403);
    let body = response.body_mut().read_to_string().expect("body");
    assert!(body.contains("\"read_only\""));
    let stats = agent()
        .get(&format!("http://{addr}/api/stats"))
        .call()
        .expect("request")
        .body_mut()
        .read_to_string()
        .expect("body");
    assert!(stats.contains("\"articles\":0"));
}

/// `method path` with an empty body: status, `Allow` header and body.
fn send(method: &str, path: &str) -> (u16, Option<String>, String) {
    let request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", server().base))
        .body(())
        .expect("a request");
    let mut response = agent().run(request).expect("response");
    let allow = response
        .headers()
        .get("allow")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.body_mut().read_to_string().expect("body");
    (response.status().as_u16(), allow, body)
}

#[test]
fn unsupported_methods_are_json_405s_that_say_what_is_allowed() {
    for (method, path, allowed) in [
        ("PUT", "/api/articles", ["GET", "POST"].as_slice()),
        ("DELETE", "/api/articles/posted-1", &["GET"]),
        ("PATCH", "/api/stats", &["GET"]),
        ("DELETE", "/articles", &["GET"]),
        ("PUT", "/static/app.css", &["GET"]),
    ] {
        let (status, allow, body) = send(method, path);
        assert_eq!(
            error_code((status, body)),
            (405, "method_not_allowed".into()),
            "{method} {path}"
        );
        let allow = allow.unwrap_or_else(|| panic!("{method} {path}: no Allow header"));
        let allow: Vec<&str> = allow.split(',').map(str::trim).collect();
        assert!(
            allowed.iter().all(|m| allow.contains(m)),
            "{method} {path}: Allow {allow:?}"
        );
    }
}

#[test]
fn the_bearer_scheme_is_taken_in_any_case() {
    let article = json!({"id": "lowercase-bearer", "date": "2030-05-03",
        "text": "The council met on Monday."});
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let mut response = agent()
            .post(&format!("{}/api/articles", server().base))
            .header("content-type", "application/json")
            .header("authorization", &format!("{scheme} {TOKEN}"))
            .send(article.to_string())
            .expect("request");
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().expect("body");
        assert!(status == 201 || status == 200, "{scheme}: {status} {body}");
    }
}

#[test]
fn a_limit_of_zero_is_a_bad_request() {
    for path in ["/api/articles?limit=0", "/api/events?limit=0&offset=3"] {
        let (status, body) = get(path);
        assert!(body.contains("between 1 and 200"), "{body}");
        assert_eq!(error_code((status, body)), (400, "bad_request".into()));
    }
    assert_eq!(get("/articles?limit=0").0, 400, "the pages too");
    assert_eq!(
        get_json("/api/articles?limit=1")["items"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

/// `n` words joined by `OR`, percent-encoded.
fn or_query(n: usize) -> String {
    (0..n)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join("%20OR%20")
}

#[test]
fn oversized_text_queries_are_invalid_queries() {
    let long = "x".repeat(attest_store::query::MAX_QUERY_BYTES + 1);
    for path in [
        format!("/api/articles?q={}", or_query(2400)),
        format!("/api/articles?q={}", or_query(65)),
        format!("/api/articles?q={long}"),
        format!("/api/actors?q={long}"),
        format!("/api/attributions?q={long}"),
    ] {
        let (status, body) = get(&path);
        assert!(body.contains("at most"), "{body}");
        assert_eq!(error_code((status, body)), (400, "invalid_query".into()));
    }
    assert_eq!(
        get_json(&format!("/api/articles?q={}", or_query(64)))["total"],
        0
    );
    for path in [
        format!("/search?q={}", or_query(2400)),
        format!("/articles?q={long}"),
    ] {
        let (status, page) = get(&path);
        assert_eq!(status, 400, "{path}");
        assert!(page.contains("at most"), "the page says why");
    }
}

/// The `href` values of a page.
fn links(page: &str) -> Vec<&str> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn only_web_addresses_become_links() {
    let hostile = "  JaVaScRiPt:alert(document.domain)";
    for (id, url) in [
        ("url-script", hostile),
        ("url-tab", "java\tscript:alert(1)"),
        ("url-web", "https://example.org/news/1"),
    ] {
        let article = json!({"id": id, "date": "2030-05-04", "url": url,
            "text": "The minister resigned on Friday."});
        let (status, reply) = post(&article.to_string(), Some(TOKEN));
        assert!(status == 201 || status == 200, "{reply}");
    }
    for id in ["url-script", "url-tab"] {
        let (status, page) = get(&format!("/articles/{id}"));
        assert_eq!(status, 200);
        for href in links(&page) {
            assert!(
                href.starts_with('/') || href.starts_with("http"),
                "{id}: a link to {href:?}"
            );
        }
        assert!(page.contains("class=\"address\""), "{id}: shown as text");
    }
    let (_, page) = get("/articles/url-script");
    assert!(page.contains("JaVaScRiPt:alert(document.domain)"));
    let (_, page) = get("/articles/url-web");
    assert!(links(&page).contains(&"https://example.org/news/1"));
}

#[test]
fn every_response_carries_the_security_headers() {
    for (method, path) in [
        ("GET", "/"),
        ("GET", "/articles"),
        ("GET", "/api/stats"),
        ("GET", "/static/app.js"),
        ("GET", "/no/such/page"),
        ("GET", "/api/no/such/route"),
        ("PUT", "/api/stats"),
    ] {
        let request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", server().base))
            .body(())
            .expect("a request");
        let response = agent().run(request).expect("response");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let policy = header("content-security-policy");
        assert_eq!(policy, attest_server::CONTENT_SECURITY_POLICY, "{path}");
        for part in [
            "script-src 'self'",
            "frame-ancestors 'none'",
            "default-src 'none'",
        ] {
            assert!(policy.contains(part), "{path}: {policy}");
        }
        assert!(!policy.contains("unsafe"), "{policy}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
    }
}
