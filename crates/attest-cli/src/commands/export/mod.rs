//! `attest export events`: every stored event as a row of GDELT-compatible
//! columns and attest's own, in CSV or JSON Lines.
//!
//! The store is read one article at a time; rows are written as they are made.

use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use attest::contract::{Attribution, Entity, Event, Place};
use attest::entities::{ActorDictionary, EntityKind};
use attest::{Analysis, TextSpan};
use attest_store::StoredArticle;
use serde::Serialize;

use super::open_existing;
use crate::cli::{ExportEventsArgs, ExportFormat};

/// The columns, in order: the CSV header and the JSON Lines keys.
pub const COLUMNS: [&str; 34] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "DATEADDED",
    "SOURCEURL",
    "PloverType",
    "PloverMode",
    "Modality",
    "Evidence",
    "EvidenceStart",
    "EvidenceEnd",
    "Attribution",
    "AttributionVia",
];

/// One exported event. Field order and names are [`COLUMNS`].
#[derive(Debug, Serialize)]
struct Row {
    #[serde(rename = "GlobalEventID")]
    global_event_id: String,
    #[serde(rename = "Day")]
    day: Option<u32>,
    #[serde(rename = "MonthYear")]
    month_year: Option<u32>,
    #[serde(rename = "Year")]
    year: Option<u32>,
    #[serde(rename = "FractionDate")]
    fraction_date: Option<f64>,
    #[serde(rename = "Actor1Code")]
    actor1_code: Option<String>,
    #[serde(rename = "Actor1Name")]
    actor1_name: Option<String>,
    #[serde(rename = "Actor1CountryCode")]
    actor1_country_code: Option<String>,
    #[serde(rename = "Actor2Code")]
    actor2_code: Option<String>,
    #[serde(rename = "Actor2Name")]
    actor2_name: Option<String>,
    #[serde(rename = "Actor2CountryCode")]
    actor2_country_code: Option<String>,
    #[serde(rename = "IsRootEvent")]
    is_root_event: u8,
    #[serde(rename = "EventCode")]
    event_code: String,
    #[serde(rename = "EventBaseCode")]
    event_base_code: String,
    #[serde(rename = "EventRootCode")]
    event_root_code: String,
    #[serde(rename = "QuadClass")]
    quad_class: Option<u8>,
    #[serde(rename = "GoldsteinScale")]
    goldstein_scale: Option<f64>,
    #[serde(rename = "NumMentions")]
    num_mentions: usize,
    #[serde(rename = "NumSources")]
    num_sources: u32,
    #[serde(rename = "NumArticles")]
    num_articles: u32,
    #[serde(rename = "ActionGeo_FullName")]
    action_geo_full_name: Option<String>,
    #[serde(rename = "ActionGeo_CountryCode")]
    action_geo_country_code: Option<String>,
    #[serde(rename = "ActionGeo_Lat")]
    action_geo_lat: Option<f64>,
    #[serde(rename = "ActionGeo_Long")]
    action_geo_long: Option<f64>,
    #[serde(rename = "DATEADDED")]
    date_added: Option<u32>,
    #[serde(rename = "SOURCEURL")]
    source_url: String,
    #[serde(rename = "PloverType")]
    plover_type: Option<String>,
    #[serde(rename = "PloverMode")]
    plover_mode: Option<String>,
    #[serde(rename = "Modality")]
    modality: String,
    #[serde(rename = "Evidence")]
    evidence: String,
    #[serde(rename = "EvidenceStart")]
    evidence_start: Option<usize>,
    #[serde(rename = "EvidenceEnd")]
    evidence_end: Option<usize>,
    #[serde(rename = "Attribution")]
    attribution: Option<String>,
    #[serde(rename = "AttributionVia")]
    attribution_via: Option<String>,
}

/// What an export did, told on standard error at the end.
#[derive(Debug, Default)]
struct Summary {
    articles: usize,
    articles_with_events: usize,
    events: usize,
    skipped: Vec<(String, String)>,
}

pub fn events(args: &ExportEventsArgs, stdout: &mut impl Write) -> anyhow::Result<ExitCode> {
    let db = &args.db.db;
    let store = open_existing(db)?;
    let summary = match &args.out {
        None => write_events(&store, args.format, stdout)?,
        Some(path) => {
            refuse_the_database(path, db)?;
            write_file(path, |file| write_events(&store, args.format, file))?
        }
    };
    eprintln!(
        "attest: exported {} event(s) from {} article(s) ({} with events); skipped {} article(s) whose analysis could not be read",
        summary.events,
        summary.articles,
        summary.articles_with_events,
        summary.skipped.len()
    );
    Ok(
        if summary.articles > 0 && summary.skipped.len() == summary.articles {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// Writing over the database with rows would destroy it.
fn refuse_the_database(out: &Path, db: &Path) -> anyhow::Result<()> {
    let same = match (fs::canonicalize(out), fs::canonicalize(db)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        bail!(
            "--out {} is the database itself; name another file",
            out.display()
        );
    }
    Ok(())
}

/// Write through a file beside `path` and move it into place once complete,
/// so that `path` never holds half an export.
fn write_file<T>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<fs::File>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    let partial: PathBuf = path.with_file_name(name);
    let file = fs::File::create(&partial)
        .with_context(|| format!("cannot create {}", partial.display()))?;
    let mut file = BufWriter::new(file);
    let result = write(&mut file).and_then(|value| {
        file.flush()?;
        drop(file);
        fs::rename(&partial, path)
            .with_context(|| format!("cannot move {} to {}", partial.display(), path.display()))?;
        Ok(value)
    });
    if result.is_err() {
        // Best effort: the error being returned is the one that matters.
        let _ = fs::remove_file(&partial);
    }
    result
}

/// Rows to CSV (with its header) or JSON Lines.
enum Sink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
}

impl<W: Write> Sink<W> {
    fn new(format: ExportFormat, out: W) -> anyhow::Result<Self> {
        Ok(match format {
            ExportFormat::Csv => {
                let mut writer = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(out);
                // Written by hand so that a store without events still gets it.
                writer.write_record(COLUMNS).map_err(csv_error)?;
                Sink::Csv(Box::new(writer))
            }
            ExportFormat::Jsonl => Sink::Jsonl(out),
        })
    }

    fn write(&mut self, row: &Row) -> anyhow::Result<()> {
        match self {
            Sink::Csv(writer) => writer.serialize(row).map_err(csv_error),
            Sink::Jsonl(out) => {
                serde_json::to_writer(&mut *out, row)?;
                out.write_all(b"\n")?;
                Ok(())
            }
        }
    }

    fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Csv(mut writer) => writer.flush()?,
            Sink::Jsonl(mut out) => out.flush()?,
        }
        Ok(())
    }
}

/// A CSV error with its I/O error kept findable (a closed pipe is no failure).
fn csv_error(error: csv::Error) -> anyhow::Error {
    if !error.is_io_error() {
        return error.into();
    }
    match error.into_kind() {
        csv::ErrorKind::Io(io) => io.into(),
        _ => anyhow::anyhow!("cannot write CSV"),
    }
}

fn write_events(
    store: &attest_store::Store,
    format: ExportFormat,
    out: &mut impl Write,
) -> anyhow::Result<Summary> {
    let mut sink = Sink::new(format, out)?;
    let mut summary = Summary::default();
    let mut countries = Countries::default();
    store.each_article(|article: StoredArticle| -> anyhow::Result<()> {
        summary.articles += 1;
        let analysis = match article.analysis {
            Ok(analysis) => analysis,
            Err(error) => {
                eprintln!(
                    "attest: skipped article {} (store number {}): {error}",
                    article.id, article.rowid
                );
                summary.skipped.push((article.id, error.to_string()));
                return Ok(());
            }
        };
        if !analysis.events.is_empty() {
            summary.articles_with_events += 1;
        }
        for row in rows(article.rowid, &analysis, &mut countries) {
            sink.write(&row)?;
            summary.events += 1;
        }
        Ok(())
    })?;
    sink.finish()?;
    Ok(summary)
}

/// The rows of one article's events.
fn rows<'a>(
    rowid: i64,
    analysis: &'a Analysis,
    countries: &'a mut Countries,
) -> impl Iterator<Item = Row> + 'a {
    let article = Article::new(rowid, analysis);
    analysis
        .events
        .iter()
        .map(move |event| article.row(event, countries))
}

/// What the rows of one article share.
struct Article<'a> {
    rowid: i64,
    entities: HashMap<&'a str, &'a Entity>,
    places: HashMap<&'a str, &'a Place>,
    attributions: HashMap<&'a str, &'a Attribution>,
    /// Byte offset where the lead paragraph ends.
    lead_end: usize,
    article_date: Option<PartialDate>,
    source_url: String,
}

impl<'a> Article<'a> {
    fn new(rowid: i64, analysis: &'a Analysis) -> Self {
        let doc = &analysis.document;
        Article {
            rowid,
            entities: analysis
                .entities
                .iter()
                .map(|e| (e.id.as_str(), e))
                .collect(),
            places: analysis.places.iter().map(|p| (p.id.as_str(), p)).collect(),
            attributions: analysis
                .attributions
                .iter()
                .map(|a| (a.id.as_str(), a))
                .collect(),
            lead_end: lead_paragraph_end(&doc.text, &analysis.sentences),
            article_date: doc.date.and_then(|d| PartialDate::parse(&d.to_string())),
            source_url: [&doc.url, &doc.source]
                .into_iter()
                .flatten()
                .find(|s| !s.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| doc.id.clone()),
        }
    }

    fn row(&self, event: &Event, countries: &mut Countries) -> Row {
        let date = event
            .date
            .as_deref()
            .and_then(PartialDate::parse)
            .or(self.article_date);
        let actor1 = self.entities.get(event.source.as_str());
        let (actor2_code, actor2_name, actor2_country) = match event.target.as_deref() {
            None => (None, None, None),
            Some(id) => match (self.entities.get(id), self.places.get(id)) {
                (Some(entity), _) => (
                    entity.code.clone(),
                    Some(entity.name.clone()),
                    entity.country.clone(),
                ),
                (None, Some(place)) => {
                    let country = place.country.as_deref().and_then(|c| countries.alpha3(c));
                    (country.clone(), Some(place.name.clone()), country)
                }
                (None, None) => (None, None, None),
            },
        };
        let place = event.place.as_deref().and_then(|id| self.places.get(id));
        let first = event.evidence.first();
        let code = event.cameo.trim();
        Row {
            global_event_id: format!("{}-{}", self.rowid, event.id),
            day: date.and_then(PartialDate::day_number),
            month_year: date.and_then(PartialDate::month_number),
            year: date.map(|d| d.year),
            fraction_date: date.map(PartialDate::fraction),
            actor1_code: actor1.and_then(|e| e.code.clone()),
            actor1_name: actor1.map(|e| e.name.clone()),
            actor1_country_code: actor1.and_then(|e| e.country.clone()),
            actor2_code,
            actor2_name,
            actor2_country_code: actor2_country,
            is_root_event: u8::from(event.evidence.iter().any(|s| s.start < self.lead_end)),
            event_code: code.to_owned(),
            event_base_code: prefix(code, 3),
            event_root_code: prefix(code, 2),
            quad_class: event.quad_class,
            goldstein_scale: event.goldstein.filter(|g| g.is_finite()),
            num_mentions: event.evidence.len(),
            num_sources: 1,
            num_articles: 1,
            action_geo_full_name: place.map(|p| p.name.clone()),
            action_geo_country_code: place.and_then(|p| p.country.clone()),
            action_geo_lat: place.and_then(|p| p.lat).filter(|x| x.is_finite()),
            action_geo_long: place.and_then(|p| p.lon).filter(|x| x.is_finite()),
            date_added: self.article_date.and_then(PartialDate::day_number),
            source_url: self.source_url.clone(),
            plover_type: event.plover.clone(),
            plover_mode: event.plover_mode.clone(),
            modality: event.modality.clone(),
            evidence: event
                .evidence
                .iter()
                .map(|s| collapse(&s.text))
                .collect::<Vec<_>>()
                .join(" | "),
            evidence_start: first.map(|s| s.char_start),
            evidence_end: first.map(|s| s.char_end),
            attribution: event
                .attribution
                .as_deref()
                .and_then(|id| self.attributions.get(id))
                .map(|a| self.attribution(a))
                .filter(|s| !s.is_empty()),
            attribution_via: event
                .attribution
                .as_deref()
                .and_then(|id| self.attributions.get(id))
                .map(|a| {
                    a.via
                        .iter()
                        .filter_map(|id| self.entities.get(id.as_str()))
                        .map(|e| e.name.as_str())
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .filter(|s| !s.is_empty()),
        }
    }

    /// "speaker: cue", the source's own words standing in for an unresolved speaker.
    fn attribution(&self, attribution: &Attribution) -> String {
        let speaker = attribution
            .speaker
            .as_deref()
            .and_then(|id| self.entities.get(id))
            .map(|e| e.name.clone())
            .or_else(|| attribution.source.first().map(|s| collapse(&s.text)))
            .filter(|s| !s.is_empty());
        let cue = attribution
            .cue
            .iter()
            .map(|s| collapse(&s.text))
            .collect::<Vec<_>>()
            .join(" ... ");
        match (speaker, cue.is_empty()) {
            (Some(speaker), false) => format!("{speaker}: {cue}"),
            (Some(speaker), true) => speaker,
            (None, _) => cue,
        }
    }
}

/// The first `n` characters of a code: CAMEO's hierarchy (a base code is
/// three digits, a root code two). A shorter code is its own base and root.
fn prefix(code: &str, n: usize) -> String {
    code.chars().take(n).collect()
}

/// Runs of whitespace as one space: a cell on one line.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the article's lead paragraph ends (a byte offset): after the
/// sentence followed by the first paragraph break. A paragraph break is a
/// blank line; a text without blank lines breaks paragraphs at line breaks,
/// and a text without line breaks has its first sentence as its lead.
fn lead_paragraph_end(text: &str, sentences: &[TextSpan]) -> usize {
    let Some(first) = sentences.first() else {
        return 0;
    };
    let gaps: Vec<usize> = sentences
        .windows(2)
        .map(|pair| {
            text.get(pair[0].end..pair[1].start)
                .map_or(0, |gap| attest::segment::line_breaks(gap).min(2))
        })
        .collect();
    let strongest = gaps.iter().copied().max().unwrap_or(0);
    if strongest == 0 {
        return first.end;
    }
    gaps.iter()
        .position(|&breaks| breaks == strongest)
        .and_then(|i| sentences.get(i))
        .map_or(first.end, |s| s.end)
}

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PartialDate {
    year: u32,
    month: Option<u32>,
    day: Option<u32>,
}

impl PartialDate {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally followed by a time
    /// (`T...`); anything else (a duration, a week) is no date.
    fn parse(value: &str) -> Option<PartialDate> {
        let value = value.trim();
        let date = value.split_once('T').map_or(value, |(date, _)| date);
        let mut parts = date.split('-');
        let number = |part: Option<&str>, digits: usize| -> Option<Option<u32>> {
            match part {
                None => Some(None),
                Some(p) if p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().ok().map(Some)
                }
                Some(_) => None,
            }
        };
        let year = number(parts.next(), 4)??;
        let month = number(parts.next(), 2)?;
        let day = number(parts.next(), 2)?;
        if parts.next().is_some() || (month.is_none() && day.is_some()) {
            return None;
        }
        if month.is_some_and(|m| !(1..=12).contains(&m)) {
            return None;
        }
        if let (Some(m), Some(d)) = (month, day) {
            if !(1..=days_in_month(year, m)).contains(&d) {
                return None;
            }
        }
        Some(PartialDate { year, month, day })
    }

    /// YYYYMMDD, when the day is known.
    fn day_number(self) -> Option<u32> {
        Some(self.year * 10_000 + self.month? * 100 + self.day?)
    }

    /// YYYYMM, when the month is known.
    fn month_number(self) -> Option<u32> {
        Some(self.year * 100 + self.month?)
    }

    /// GDELT's FractionDate: YYYY + ((MONTH - 1) * 30 + DAY) / 365, to four
    /// places; an unknown month or day counts 0.
    fn fraction(self) -> f64 {
        let days = self.month.map_or(0, |m| (m - 1) * 30) + self.day.unwrap_or(0);
        let fraction = (f64::from(days) / 365.0 * 10_000.0).round();
        // An integer count of ten-thousandths over 10,000 is the nearest f64
        // to the four-place decimal, so it prints as exactly four places.
        (f64::from(self.year) * 10_000.0 + fraction) / 10_000.0
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// ISO 3166-1 alpha-2 country codes (the places') to alpha-3 (the actors'),
/// matched by country name; built on first use.
#[derive(Default)]
struct Countries {
    map: Option<HashMap<&'static str, String>>,
}

impl Countries {
    fn alpha3(&mut self, alpha2: &str) -> Option<String> {
        self.map
            .get_or_insert_with(country_codes)
            .get(alpha2.trim())
            .cloned()
    }
}

fn country_codes() -> HashMap<&'static str, String> {
    let Ok(dictionary) = ActorDictionary::builtin() else {
        return HashMap::new();
    };
    let mut by_name: HashMap<&str, &str> = HashMap::new();
    for actor in &dictionary.actors {
        if actor.kind != EntityKind::Country {
            continue;
        }
        let Some(code) = actor.country.as_deref() else {
            continue;
        };
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            by_name.entry(name.as_str()).or_insert(code);
        }
    }
    attest::data::places()
        .iter()
        .filter(|p| p.kind == "country" && !p.country.is_empty())
        .filter_map(|p| Some((p.country, by_name.get(p.name)?.to_string())))
        .collect()
}
