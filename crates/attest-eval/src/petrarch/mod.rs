//! Event coding against a PETRARCH validation file (`attest eval petrarch FILE`).
//!
//! A validation file holds `<Sentence>` records, each with a date, an id, a
//! category, its `<Text>` and the events it should yield as `<EventCoding>`
//! elements (source actor code, target actor code, CAMEO event code). Some
//! of these files are not well-formed XML (comments hold `--` and markup), so
//! [`read_validation`] is a tolerant reader made for them, not an XML parser:
//! it drops comments, then reads each record on its own, reporting a record it
//! cannot read with its line and going on with the next.
//!
//! Scoring runs the whole pipeline on each record's text (with the record's
//! date) and turns each predicted event into a triple: the source entity's
//! code, the target entity's code (`---` when there is no target, the target
//! is a place or has no code) and the CAMEO code. An event neither of whose
//! actors has a code names no actor the dictionaries know; PETRARCH codes no
//! such event, so it is not scored. Expected and predicted
//! triples of a record are matched as multisets: each expected triple is
//! found when an unused equal prediction is left, else missed; predictions
//! left over are extra.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use attest::contract::Analysis;
use attest::model::document::Document;
use attest::pipeline::Pipeline;

/// The code PETRARCH writes for a missing actor.
pub const NO_ACTOR: &str = "---";

/// One coded event: source code, target code, event code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Triple {
    /// Source actor code (`---` when unknown).
    pub source: String,
    /// Target actor code (`---` when none).
    pub target: String,
    /// CAMEO event code.
    pub event: String,
}

impl Triple {
    /// A triple of the three codes.
    pub fn new(
        source: impl Into<String>,
        target: impl Into<String>,
        event: impl Into<String>,
    ) -> Self {
        Triple {
            source: source.into(),
            target: target.into(),
            event: event.into(),
        }
    }
}

impl fmt::Display for Triple {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.source, self.target, self.event)
    }
}

/// One `<Sentence>` record to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationRecord {
    /// The record's `id`.
    pub id: String,
    /// The record's `date`.
    pub date: NaiveDate,
    /// The record's `category` (empty when it has none).
    pub category: String,
    /// Line of the `<Sentence` tag in the file (from 1).
    pub line: usize,
    /// The text, trimmed, whitespace collapsed to single spaces.
    pub text: String,
    /// The events it should yield, in file order.
    pub expected: Vec<Triple>,
    /// The error it should raise (`error="..."`), if any: then no event is expected.
    pub error: Option<String>,
}

/// A record left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedRecord {
    /// Line in the file (from 1).
    pub line: usize,
    /// The record's id, when it could be read.
    pub id: Option<String>,
    /// Why it was left out.
    pub reason: String,
    /// True for a record the file itself excludes (`evaluate="false"`),
    /// false for one that could not be read.
    pub excluded: bool,
}

/// What a validation file holds.
#[derive(Debug, Clone, Default)]
pub struct ValidationFile {
    /// The records to evaluate, in file order.
    pub records: Vec<ValidationRecord>,
    /// Records excluded by the file or that could not be read, in file order.
    pub skipped: Vec<SkippedRecord>,
}

/// Read a PETRARCH validation file. Never fails: what cannot be read is
/// listed in [`ValidationFile::skipped`].
pub fn read_validation(text: &str) -> ValidationFile {
    let mut file = ValidationFile::default();
    let (text, unclosed_comment) = strip_comments(text);
    if let Some(line) = unclosed_comment {
        file.skipped.push(SkippedRecord {
            line,
            id: None,
            reason: "a comment opened here is never closed; the rest of the file is ignored".into(),
            excluded: false,
        });
    }
    let starts = sentence_starts(&text);
    for (i, &start) in starts.iter().enumerate() {
        let line = line_of(&text, start);
        let next = starts.get(i + 1).copied().unwrap_or(text.len());
        match read_record(&text[start..next], line) {
            Ok(Some(record)) => file.records.push(record),
            Ok(None) => file.skipped.push(SkippedRecord {
                line,
                id: attribute_of_tag(&text[start..next], "id"),
                reason: "evaluate=\"false\"".into(),
                excluded: true,
            }),
            Err(reason) => file.skipped.push(SkippedRecord {
                line,
                id: attribute_of_tag(&text[start..next], "id"),
                reason,
                excluded: false,
            }),
        }
    }
    file
}

/// The text with every `<!-- ... -->` comment replaced by the line breaks it
/// held (so line numbers stay right), and the line of a comment never
/// closed. A `<!--` inside a comment opens a nested one, as the authors of
/// these files meant (`... add a comment in <!-- ... --> explaining why`),
/// though XML has no nesting.
fn strip_comments(text: &str) -> (String, Option<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut open_lines: Vec<usize> = Vec::new();
    let mut line = 1;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("<!--") {
            open_lines.push(line);
            rest = &rest[4..];
            continue;
        }
        if !open_lines.is_empty() && rest.starts_with("-->") {
            open_lines.pop();
            rest = &rest[3..];
            continue;
        }
        if c == '\n' {
            line += 1;
        }
        if open_lines.is_empty() || c == '\n' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    (out, open_lines.first().copied())
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// Byte offsets of every `<NAME` start tag (not `<NAMEs` or other longer names).
fn tag_starts(text: &str, name: &str) -> Vec<usize> {
    let open = format!("<{name}");
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(&open) {
        let at = from + i;
        let after = text[at + open.len()..].chars().next();
        if after.is_none_or(|c| c.is_whitespace() || c == '>' || c == '/') {
            starts.push(at);
        }
        from = at + open.len();
    }
    starts
}

fn sentence_starts(text: &str) -> Vec<usize> {
    tag_starts(text, "Sentence")
}

/// The attributes of the start tag at the beginning of `text` (which starts
/// with `<NAME`) and the offset just past its `>`.
fn read_tag(text: &str, name: &str) -> Result<(Vec<(String, String)>, usize), String> {
    let bytes = text.as_bytes();
    let mut i = 1 + name.len();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            None => return Err(format!("<{name}> tag is never closed")),
            Some(b'>') => return Ok((attributes, i + 1)),
            Some(b'/') if bytes.get(i + 1) == Some(&b'>') => return Ok((attributes, i + 2)),
            Some(b'<') => return Err(format!("<{name}> tag is never closed")),
            Some(_) => {}
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || b"_-:.".contains(&bytes[i])) {
            i += 1;
        }
        if i == start {
            return Err(format!(
                "unexpected {:?} in the <{name}> tag",
                text[i..].chars().next().unwrap_or(' ')
            ));
        }
        let key = text[start..i].to_owned();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            return Err(format!("attribute {key} of the <{name}> tag has no value"));
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                let end = text[i + 1..].find(quote as char).ok_or_else(|| {
                    format!("the value of {key} in the <{name}> tag is never closed")
                })?;
                let value = &text[i + 1..i + 1 + end];
                i += end + 2;
                value
            }
            _ => {
                let start = i;
                let ends_value = |i: usize| {
                    bytes[i].is_ascii_whitespace()
                        || b"<>\"'".contains(&bytes[i])
                        || (bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'>'))
                };
                while i < bytes.len() && !ends_value(i) {
                    i += 1;
                }
                if i == start {
                    return Err(format!("attribute {key} of the <{name}> tag has no value"));
                }
                &text[start..i]
            }
        };
        attributes.push((key, decode_entities(value)));
    }
}

fn attribute<'a>(attributes: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
}

/// An attribute of the `<Sentence` tag at the start of `text`, when readable.
fn attribute_of_tag(text: &str, key: &str) -> Option<String> {
    let (attributes, _) = read_tag(text, "Sentence").ok()?;
    attribute(&attributes, key).map(str::to_owned)
}

/// One record: `text` runs from its `<Sentence` to the next one (or the end).
/// `Ok(None)` for a record with `evaluate="false"`.
fn read_record(text: &str, line: usize) -> Result<Option<ValidationRecord>, String> {
    let (attributes, body_start) = read_tag(text, "Sentence")?;
    let id = attribute(&attributes, "id")
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .ok_or("no id")?
        .to_owned();
    let end = text
        .find("</Sentence>")
        .ok_or("no </Sentence> before the next record")?;
    let body = text.get(body_start..end).ok_or("empty <Sentence/> tag")?;
    if attribute(&attributes, "evaluate").is_some_and(|v| v.trim().eq_ignore_ascii_case("false")) {
        return Ok(None);
    }
    let date = attribute(&attributes, "date").ok_or("no date")?;
    let date = NaiveDate::parse_from_str(date.trim(), "%Y%m%d")
        .ok()
        .filter(|_| date.trim().len() == 8)
        .ok_or_else(|| format!("date {date:?} is not YYYYMMDD"))?;
    let category = attribute(&attributes, "category")
        .unwrap_or("")
        .trim()
        .to_owned();
    let mut expected = Vec::new();
    let mut error = None;
    for start in tag_starts(body, "EventCoding") {
        let (coding, _) = read_tag(&body[start..], "EventCoding")
            .map_err(|e| format!("line {}: {e}", line + line_of(body, start) - 1))?;
        if let Some(message) = attribute(&coding, "error") {
            error = Some(message.trim().to_owned());
            continue;
        }
        if attribute(&coding, "noevents").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
            continue;
        }
        let code = |key: &str| {
            attribute(&coding, key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| {
                    format!(
                        "line {}: <EventCoding> without {key}",
                        line + line_of(body, start) - 1
                    )
                })
        };
        expected.push(Triple {
            source: code("sourcecode")?,
            target: code("targetcode")?,
            event: code("eventcode")?,
        });
    }
    let texts = tag_starts(body, "Text");
    let [text_start] = texts[..] else {
        return Err(if texts.is_empty() {
            "no <Text>".into()
        } else {
            format!("{} <Text> elements", texts.len())
        });
    };
    let (_, content_start) = read_tag(&body[text_start..], "Text")?;
    let content = &body[text_start + content_start..];
    let content_end = content.find("</Text>").ok_or("<Text> is never closed")?;
    let words: Vec<&str> = content[..content_end].split_whitespace().collect();
    if words.is_empty() {
        return Err("empty <Text>".into());
    }
    Ok(Some(ValidationRecord {
        id,
        date,
        category,
        line,
        text: decode_entities(&words.join(" ")),
        expected,
        error,
    }))
}

/// Replace the five XML entities and numeric character references; anything
/// else that starts with `&` is kept as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let c = match &rest[1..semi] {
                "quot" => Some('"'),
                "apos" => Some('\''),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                name => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The predicted events of an analysis as triples, in the analysis' order,
/// with actor codes as the dictionary gives them (a code may join several
/// actors: `FRO/BIL/SAM`; see [`match_triples`]). Events with no actor code
/// on either side are left out.
pub fn predicted(analysis: &Analysis) -> Vec<Triple> {
    let code_of = |id: &str| -> String {
        analysis
            .entity(id)
            .and_then(|e| e.code.as_deref())
            .filter(|c| !c.is_empty())
            .unwrap_or(NO_ACTOR)
            .to_owned()
    };
    analysis
        .events
        .iter()
        .map(|event| Triple {
            source: code_of(&event.source),
            target: event
                .target
                .as_deref()
                .map_or_else(|| NO_ACTOR.to_owned(), code_of),
            event: event.cameo.clone(),
        })
        .filter(|triple| triple.source != NO_ACTOR || triple.target != NO_ACTOR)
        .collect()
}

/// A triple whose codes join several actors (`FRO/BIL/SAM`) as one triple
/// for each of them.
fn split(triple: &Triple) -> Vec<Triple> {
    let mut parts = Vec::new();
    for source in triple.source.split('/') {
        for target in triple.target.split('/') {
            parts.push(Triple {
                source: source.to_owned(),
                target: target.to_owned(),
                event: triple.event.clone(),
            });
        }
    }
    parts
}

/// Counts over a set of records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Records scored.
    pub records: usize,
    /// Expected events.
    pub expected: usize,
    /// Expected events predicted.
    pub found: usize,
    /// Expected events not predicted.
    pub missed: usize,
    /// Predicted events matching no expected one.
    pub extra: usize,
}

impl Tally {
    fn add(&mut self, outcome: &Outcome) {
        self.records += 1;
        self.expected += outcome.found.len() + outcome.missed.len();
        self.found += outcome.found.len();
        self.missed += outcome.missed.len();
        self.extra += outcome.extra.len();
    }

    /// Predicted events: found and extra.
    pub fn predicted(&self) -> usize {
        self.found + self.extra
    }

    /// found / expected, or `None` when nothing was expected.
    pub fn found_share(&self) -> Option<f64> {
        (self.expected > 0).then(|| self.found as f64 / self.expected as f64)
    }

    /// extra / expected, or `None` when nothing was expected.
    pub fn extra_share(&self) -> Option<f64> {
        (self.expected > 0).then(|| self.extra as f64 / self.expected as f64)
    }
}

/// The figures `attest eval petrarch` prints.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PetrarchReport {
    /// Records scored.
    pub records: usize,
    /// Expected events.
    pub expected: usize,
    /// Expected events predicted.
    pub found: usize,
    /// Expected events not predicted.
    pub missed: usize,
    /// Predicted events matching no expected one.
    pub extra: usize,
    /// The same counts for each record category.
    pub per_category: BTreeMap<String, Tally>,
}

impl PetrarchReport {
    /// The overall counts.
    pub fn overall(&self) -> Tally {
        Tally {
            records: self.records,
            expected: self.expected,
            found: self.found,
            missed: self.missed,
            extra: self.extra,
        }
    }

    fn add(&mut self, record: &ValidationRecord, outcome: &Outcome) {
        let mut overall = self.overall();
        overall.add(outcome);
        self.records = overall.records;
        self.expected = overall.expected;
        self.found = overall.found;
        self.missed = overall.missed;
        self.extra = overall.extra;
        self.per_category
            .entry(record.category.clone())
            .or_default()
            .add(outcome);
    }
}

/// One record's events, matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Every predicted triple, in the analysis' order.
    pub predicted: Vec<Triple>,
    /// Expected triples predicted.
    pub found: Vec<Triple>,
    /// Expected triples not predicted.
    pub missed: Vec<Triple>,
    /// Predicted triples left over once the expected ones are matched.
    pub extra: Vec<Triple>,
}

/// Match expected against predicted triples as multisets. A predicted
/// code that joins several actors (`FRO/BIL/SAM`) matches an expected triple
/// written the same way, else stands for each of its actors (the two
/// validation files write such groups the two ways).
pub fn match_triples(expected: &[Triple], predicted: &[Triple]) -> Outcome {
    let predicted: Vec<Triple> = predicted
        .iter()
        .flat_map(|p| match expected.contains(p) {
            true => vec![p.clone()],
            false => split(p),
        })
        .collect();
    let mut used = vec![false; predicted.len()];
    let mut outcome = Outcome {
        predicted: predicted.clone(),
        ..Outcome::default()
    };
    for triple in expected {
        let hit = predicted
            .iter()
            .enumerate()
            .position(|(i, p)| !used[i] && p == triple);
        match hit {
            Some(i) => {
                used[i] = true;
                outcome.found.push(triple.clone());
            }
            None => outcome.missed.push(triple.clone()),
        }
    }
    outcome.extra = predicted
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(p, _)| p.clone())
        .collect();
    outcome
}

/// Score `pipeline` on the records, handing each record's outcome to `each`.
pub fn evaluate(
    pipeline: &Pipeline,
    records: &[ValidationRecord],
    mut each: impl FnMut(&ValidationRecord, &Outcome),
) -> PetrarchReport {
    let mut report = PetrarchReport::default();
    for record in records {
        let mut document = Document::from_text(record.text.clone());
        document.date = Some(record.date);
        document.id = record.id.clone();
        let analysis = pipeline.analyse(document);
        let outcome = match_triples(&record.expected, &predicted(&analysis));
        report.add(record, &outcome);
        each(record, &outcome);
    }
    report
}

#[cfg(test)]
mod tests;
