//! HTML pages: the article's title, publication date and main text, without
//! navigation, scripts or boilerplate.
//!
//! The main text is taken from the page's article container (`article`,
//! `main`, `[itemprop=articleBody]`, `[role=main]`; the one with the most
//! paragraph text), or the body. Inside it, scripts, navigation, forms, asides,
//! headers and footers, and elements whose class or id name boilerplate
//! ("share", "related", "newsletter", "ad", ...) are left out; the remaining
//! blocks (paragraphs, headings, list items, quotes) become paragraphs of the
//! text separated by blank lines, minus blocks that are mostly links.

use std::borrow::Cow;
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use super::Problem;
use super::date::parse_date;
use crate::model::document::{Document, Meta};

/// An HTML page as a document; `id` defaults to the content hash.
pub fn read_html(bytes: &[u8], id: Option<String>) -> Result<Document, Problem> {
    let source = decode_html(bytes)?;
    let page = Html::parse_document(&source);
    let text = main_text(&page);
    if text.trim().is_empty() {
        return Err(Problem::NoText);
    }
    let ld = linked_data(&page);
    let mut meta = Meta::new();
    let raw_date = published_date(&page, &ld);
    let date = raw_date.as_deref().and_then(parse_date);
    if let (None, Some(raw)) = (date, raw_date) {
        meta.insert("date_raw".into(), Value::String(raw));
    }
    for (key, names) in [
        ("author", &["author", "article:author", "byl"][..]),
        ("description", &["description", "og:description"][..]),
        ("keywords", &["keywords", "news_keywords"][..]),
    ] {
        if let Some(value) = meta_content(&page, names) {
            meta.insert(key.into(), Value::String(value));
        }
    }
    let mut doc = Document {
        id: String::new(),
        date,
        source: meta_content(&page, &["og:site_name", "application-name"])
            .or_else(|| ld_string(&ld, &["publisher", "name"])),
        url: canonical_url(&page),
        title: title(&page),
        text,
        meta,
    };
    doc.id = id.unwrap_or_else(|| doc.content_id());
    Ok(doc)
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("built-in selectors are valid")
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector("link[rel=canonical]"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static LD_JSON: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static CONTAINERS: LazyLock<Selector> =
    LazyLock::new(|| selector("article, main, [itemprop=articleBody], [role=main]"));
static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));
static PARAGRAPHS: LazyLock<Selector> = LazyLock::new(|| selector("p"));

/// The page text: UTF-8 as is, else the charset the page declares, else
/// windows-1252 (what browsers assume for undeclared legacy pages).
fn decode_html(bytes: &[u8]) -> Result<Cow<'_, str>, Problem> {
    match super::decode_utf8(bytes) {
        Ok(text) => return Ok(Cow::Borrowed(text)),
        Err(Problem::InvalidUtf8(_)) => {}
        Err(other) => return Err(other),
    }
    let head = &bytes[..bytes.len().min(4096)];
    let encoding = CHARSET
        .captures(head)
        .and_then(|c| c.get(1))
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::WINDOWS_1252);
    Ok(Cow::Owned(encoding.decode(bytes).0.into_owned()))
}

static CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?([a-z0-9_:.-]+)"#)
        .expect("charset pattern is valid")
});

/// The `content` of the first `<meta>` whose name, property or itemprop is
/// one of `names` (in the order of `names`).
fn meta_content(page: &Html, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        page.select(&META).find_map(|m| {
            let el = m.value();
            let key = el
                .attr("property")
                .or(el.attr("name"))
                .or(el.attr("itemprop"))?;
            key.eq_ignore_ascii_case(name)
                .then(|| el.attr("content").map(collapse_whitespace))
                .flatten()
                .filter(|c| !c.is_empty())
        })
    })
}

fn title(page: &Html) -> Option<String> {
    meta_content(page, &["og:title", "twitter:title"])
        .or_else(|| first_text(page, &H1))
        .or_else(|| first_text(page, &TITLE))
}

fn first_text(page: &Html, selector: &Selector) -> Option<String> {
    page.select(selector)
        .map(|el| collapse_whitespace(&el.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

fn canonical_url(page: &Html) -> Option<String> {
    page.select(&CANONICAL)
        .find_map(|l| l.value().attr("href").map(str::to_owned))
        .or_else(|| meta_content(page, &["og:url"]))
}

/// The raw publication date: meta tags, then linked data, then `<time>`.
fn published_date(page: &Html, ld: &[Value]) -> Option<String> {
    const NAMES: &[&str] = &[
        "article:published_time",
        "og:article:published_time",
        "datePublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publication_date",
        "sailthru.date",
        "parsely-pub-date",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "date",
        "og:published_time",
    ];
    meta_content(page, NAMES)
        .or_else(|| ld_string(ld, &["datePublished"]))
        .or_else(|| {
            page.select(&TIME)
                .find_map(|t| t.value().attr("datetime").map(str::to_owned))
        })
}

/// The JSON-LD objects of the page (blocks that fail to parse are ignored).
fn linked_data(page: &Html) -> Vec<Value> {
    page.select(&LD_JSON)
        .filter_map(|s| serde_json::from_str(&s.text().collect::<String>()).ok())
        .collect()
}

/// The first string found at `path` in any linked-data object, searching
/// arrays and `@graph` lists.
fn ld_string(ld: &[Value], path: &[&str]) -> Option<String> {
    fn find(value: &Value, path: &[&str], depth: usize) -> Option<String> {
        if depth > 8 {
            return None;
        }
        match value {
            Value::Array(items) => items.iter().find_map(|v| find(v, path, depth + 1)),
            Value::Object(object) => {
                let direct = path.iter().try_fold(value, |v, key| v.get(key));
                if let Some(Value::String(s)) = direct {
                    return Some(s.clone());
                }
                object.get("@graph").and_then(|g| find(g, path, depth + 1))
            }
            _ => None,
        }
    }
    ld.iter().find_map(|v| find(v, path, 0))
}

/// The main text as paragraphs separated by blank lines.
fn main_text(page: &Html) -> String {
    let Some(root) = main_container(page) else {
        return String::new();
    };
    let blocks = collect_blocks(root);
    blocks
        .into_iter()
        .filter(Block::is_content)
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn main_container(page: &Html) -> Option<ElementRef<'_>> {
    let paragraph_chars = |el: &ElementRef| -> usize {
        el.select(&PARAGRAPHS)
            .map(|p| p.text().map(str::len).sum::<usize>())
            .sum()
    };
    page.select(&CONTAINERS)
        .map(|el| (paragraph_chars(&el), el))
        .filter(|(chars, _)| *chars > 0)
        .max_by_key(|(chars, _)| *chars)
        .map(|(_, el)| el)
        .or_else(|| page.select(&BODY).next())
        .or_else(|| Some(page.root_element()))
}

#[derive(Default)]
struct Block {
    text: String,
    link_chars: usize,
}

impl Block {
    fn push(&mut self, text: &str, in_link: bool) {
        let space_before = text.starts_with(char::is_whitespace);
        for (i, word) in text.split_whitespace().enumerate() {
            if (i > 0 || space_before) && !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            self.text.push_str(word);
            if in_link {
                self.link_chars += word.len();
            }
        }
        if text.ends_with(char::is_whitespace) && !self.text.is_empty() && !self.text.ends_with(' ')
        {
            self.text.push(' ');
        }
    }

    /// Not navigation (mostly links) and not a stock phrase of page furniture.
    fn is_content(&self) -> bool {
        const FURNITURE: &[&str] = &[
            "advertisement",
            "skip advertisement",
            "story continues below advertisement",
            "share",
            "share this article",
            "read more",
            "continue reading",
            "skip to content",
        ];
        let mostly_links = self.link_chars * 2 > self.text.len() && self.text.len() < 400;
        !self.text.is_empty()
            && !mostly_links
            && !FURNITURE.contains(&self.text.to_lowercase().trim_end_matches(['.', ':']))
    }
}

/// Walk the container without recursion (pages can nest deeply), collecting
/// the text of each block.
fn collect_blocks(root: ElementRef<'_>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = Block::default();
    let mut skipping = 0usize;
    let mut links = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) if skipping > 0 || is_left_out(el) => skipping += 1,
                Node::Element(el) => {
                    if is_block(el.name()) {
                        flush(&mut current, &mut blocks);
                    }
                    links += usize::from(el.name() == "a");
                }
                Node::Text(text) if skipping == 0 => current.push(text, links > 0),
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                if skipping > 0 {
                    skipping -= 1;
                } else if is_block(el.name()) {
                    flush(&mut current, &mut blocks);
                } else if el.name() == "a" {
                    links = links.saturating_sub(1);
                }
            }
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn flush(current: &mut Block, blocks: &mut Vec<Block>) {
    let mut block = std::mem::take(current);
    let trimmed = block.text.trim();
    if !trimmed.is_empty() {
        block.text = trimmed.to_owned();
        blocks.push(block);
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "blockquote"
            | "body"
            | "br"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "li"
            | "main"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Elements whose whole subtree is not article text.
fn is_left_out(el: &scraper::node::Element) -> bool {
    const NAMES: &[&str] = &[
        "script", "style", "noscript", "template", "nav", "aside", "footer", "header", "form",
        "button", "select", "iframe", "svg", "canvas", "object", "embed", "figure", "h1", "menu",
        "dialog", "head", "title",
    ];
    const BOILERPLATE: &[&str] = &[
        "ad",
        "ads",
        "advert",
        "advertisement",
        "banner",
        "breadcrumb",
        "breadcrumbs",
        "byline",
        "comment",
        "comments",
        "cookie",
        "cookies",
        "footer",
        "menu",
        "modal",
        "nav",
        "navbar",
        "newsletter",
        "outbrain",
        "popup",
        "promo",
        "recommended",
        "related",
        "share",
        "sharing",
        "sidebar",
        "signup",
        "social",
        "sponsored",
        "subscribe",
        "subscription",
        "taboola",
    ];
    if NAMES.contains(&el.name())
        || el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
    {
        return true;
    }
    let labels = el.attr("class").into_iter().chain(el.attr("id"));
    labels
        .flat_map(|label| label.split(|c: char| !c.is_ascii_alphanumeric()))
        .any(|word| BOILERPLATE.contains(&word.to_ascii_lowercase().as_str()))
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const PAGE: &str = r#"<!doctype html>
<html lang="en"><head>
<title>Talks resume | The Daily Planet</title>
<meta property="og:title" content="Talks resume in Geneva">
<meta property="og:site_name" content="The Daily Planet">
<meta property="article:published_time" content="2023-04-25T10:00:00Z">
<meta name="author" content="A. Reporter">
<link rel="canonical" href="https://planet.example/talks">
<script>var tracking = "not text";</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<div class="share-tools">Share this article</div>
<article>
  <h1>Talks resume in Geneva</h1>
  <p class="byline">By A. Reporter</p>
  <p>Negotiators met in Geneva on Tuesday, officials said.</p>
  <div class="ad-slot">Advertisement</div>
  <p>"We are hopeful," the envoy <em>told</em> reporters.</p>
  <ul class="related-links"><li><a href="/x">Other story</a></li></ul>
</article>
<footer>Copyright</footer>
</body></html>"#;

    #[test]
    fn title_date_source_and_main_text() {
        let doc = read_html(PAGE.as_bytes(), Some("talks".into())).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2023, 4, 25));
        assert_eq!(doc.source.as_deref(), Some("The Daily Planet"));
        assert_eq!(doc.url.as_deref(), Some("https://planet.example/talks"));
        assert_eq!(doc.meta["author"], "A. Reporter");
        assert_eq!(
            doc.text,
            "Negotiators met in Geneva on Tuesday, officials said.\n\n\"We are hopeful,\" the envoy told reporters."
        );
    }

    #[test]
    fn time_element_and_linked_data_dates() {
        let ld = r#"<html><head><script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2022-01-02", "publisher": {"name": "Wire"}}]}</script></head><body><p>Text here.</p></body></html>"#;
        let doc = read_html(ld.as_bytes(), None).unwrap();
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2022, 1, 2));
        assert_eq!(doc.source.as_deref(), Some("Wire"));
        let time =
            r#"<body><time datetime="2021-08-15T08:00:00+04:30">Sunday</time><p>Text.</p></body>"#;
        let doc = read_html(time.as_bytes(), None).unwrap();
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2021, 8, 15));
    }

    #[test]
    fn page_without_text_is_an_error() {
        let page = "<html><head><title>Empty</title><script>x()</script></head><body><nav><a>Home</a></nav></body></html>";
        assert!(matches!(
            read_html(page.as_bytes(), None),
            Err(Problem::NoText)
        ));
    }

    #[test]
    fn declared_legacy_charset_is_decoded() {
        let mut page = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf".to_vec();
        page.extend([0xE9]);
        page.extend(b" talks.</p></body></html>");
        let doc = read_html(&page, None).unwrap();
        assert_eq!(doc.text, "Café talks.");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = format!(
            "{}<p>Deep text.</p>{}",
            "<div>".repeat(5_000),
            "</div>".repeat(5_000)
        );
        let doc = read_html(page.as_bytes(), None).unwrap();
        assert_eq!(doc.text, "Deep text.");
    }
}
