//! The events table: one row an event, GDELT 2.0 event columns and meanings,
//! then attest's own.

use std::collections::HashMap;

use super::{Article, Column, Row, collapse, put};
use crate::contract::{Attribution, Event};
use crate::lexicon::actors::ActorDictionary;
use crate::model::EntityKind;
use crate::model::span::TextSpan;

/// The events table's columns.
pub(super) const COLUMNS: &[Column] = &[
    Column::text(
        "GlobalEventID",
        "The article's key and the event's id (\"12-v3\"); the key is all before the last \"-\".",
    ),
    Column::integer(
        "Day",
        "The event's date as YYYYMMDD, when known to the day (else the article's).",
    ),
    Column::integer(
        "MonthYear",
        "The event's date as YYYYMM, when known to the month.",
    ),
    Column::integer("Year", "The event's year."),
    Column::float(
        "FractionDate",
        "YYYY + ((MONTH - 1) * 30 + DAY) / 365 to four places; unknown parts count 0.",
    ),
    Column::text("Actor1Code", "CAMEO code of the acting entity."),
    Column::text("Actor1Name", "Name of the acting entity."),
    Column::text(
        "Actor1CountryCode",
        "Country of the acting entity (ISO 3166-1 alpha-3).",
    ),
    Column::text(
        "Actor2Code",
        "CAMEO code of the target entity; for a place target, its country (alpha-3).",
    ),
    Column::text("Actor2Name", "Name of the target entity or place."),
    Column::text(
        "Actor2CountryCode",
        "Country of the target entity or place (ISO 3166-1 alpha-3).",
    ),
    Column::integer(
        "IsRootEvent",
        "1 when some evidence lies in the article's lead paragraph, else 0.",
    ),
    Column::text("EventCode", "CAMEO event code."),
    Column::text("EventBaseCode", "The event code's first three digits."),
    Column::text("EventRootCode", "The event code's first two digits."),
    Column::integer(
        "QuadClass",
        "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
    ),
    Column::float(
        "GoldsteinScale",
        "Goldstein score of the event code (-10 to 10).",
    ),
    Column::integer("NumMentions", "Evidence spans reporting the event."),
    Column::integer("NumSources", "Always 1: one article is one source."),
    Column::integer("NumArticles", "Always 1."),
    Column::text("ActionGeo_FullName", "Name of the place where it happened."),
    Column::text(
        "ActionGeo_CountryCode",
        "Country of that place (ISO 3166-1 alpha-2, not GDELT's FIPS 10-4).",
    ),
    Column::float("ActionGeo_Lat", "Latitude of that place."),
    Column::float("ActionGeo_Long", "Longitude of that place."),
    Column::integer("DATEADDED", "The article's date as YYYYMMDD."),
    Column::text(
        "SOURCEURL",
        "The article's URL, else its outlet, else its document id.",
    ),
    Column::text("PloverType", "PLOVER event type."),
    Column::text("PloverMode", "PLOVER mode."),
    Column::text(
        "Modality",
        "asserted, intended, planned, hypothetical, negated or historical.",
    ),
    Column::text(
        "Evidence",
        "The evidence texts, whitespace collapsed, joined by \" | \".",
    ),
    Column::integer(
        "EvidenceStart",
        "Char offset where the first evidence span starts.",
    ),
    Column::integer(
        "EvidenceEnd",
        "Char offset where the first evidence span ends.",
    ),
    Column::text(
        "Attribution",
        "\"speaker: cue\" of the attribution it stands under (the source's words for an unknown speaker).",
    ),
    Column::text(
        "AttributionVia",
        "The outlets that attribution came through, outermost first, joined by \" | \".",
    ),
];

/// The rows of one article's events.
pub(super) fn rows(article: &Article<'_>, countries: &HashMap<&'static str, String>) -> Vec<Row> {
    let shared = Shared::new(article);
    article
        .analysis
        .events
        .iter()
        .map(|event| shared.row(event, countries))
        .collect()
}

/// What the event rows of one article share beyond the article.
struct Shared<'a> {
    article: &'a Article<'a>,
    /// Byte offset where the lead paragraph ends.
    lead_end: usize,
    article_date: Option<PartialDate>,
    source_url: String,
}

impl<'a> Shared<'a> {
    fn new(article: &'a Article<'a>) -> Self {
        let doc = &article.analysis.document;
        Shared {
            article,
            lead_end: lead_paragraph_end(&doc.text, &article.analysis.sentences),
            article_date: doc.date.and_then(|d| PartialDate::parse(&d.to_string())),
            source_url: [&doc.url, &doc.source]
                .into_iter()
                .flatten()
                .find(|s| !s.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| doc.id.clone()),
        }
    }

    fn row(&self, event: &Event, countries: &HashMap<&'static str, String>) -> Row {
        let article = self.article;
        let date = event
            .date
            .as_deref()
            .and_then(PartialDate::parse)
            .or(self.article_date);
        let actor1 = article.entities.get(event.source.as_str());
        let (actor2_code, actor2_name, actor2_country) = self.target(event, countries);
        let place = event.place.as_deref().and_then(|id| article.places.get(id));
        let first = event.evidence.first();
        let code = event.cameo.trim();
        let attribution = event
            .attribution
            .as_deref()
            .and_then(|id| article.attributions.get(id));
        let mut row = Row::new();
        put(&mut row, "GlobalEventID", article.id(&event.id));
        put(&mut row, "Day", date.and_then(PartialDate::day_number));
        put(
            &mut row,
            "MonthYear",
            date.and_then(PartialDate::month_number),
        );
        put(&mut row, "Year", date.map(|d| d.year));
        put(&mut row, "FractionDate", date.map(PartialDate::fraction));
        put(&mut row, "Actor1Code", actor1.and_then(|e| e.code.clone()));
        put(&mut row, "Actor1Name", actor1.map(|e| e.name.clone()));
        put(
            &mut row,
            "Actor1CountryCode",
            actor1.and_then(|e| e.country.clone()),
        );
        put(&mut row, "Actor2Code", actor2_code);
        put(&mut row, "Actor2Name", actor2_name);
        put(&mut row, "Actor2CountryCode", actor2_country);
        let in_lead = event.evidence.iter().any(|s| s.start < self.lead_end);
        put(&mut row, "IsRootEvent", u8::from(in_lead));
        put(&mut row, "EventCode", code);
        put(&mut row, "EventBaseCode", prefix(code, 3));
        put(&mut row, "EventRootCode", prefix(code, 2));
        put(&mut row, "QuadClass", event.quad_class);
        put(
            &mut row,
            "GoldsteinScale",
            event.goldstein.filter(|g| g.is_finite()),
        );
        put(&mut row, "NumMentions", event.evidence.len());
        put(&mut row, "NumSources", 1);
        put(&mut row, "NumArticles", 1);
        put(
            &mut row,
            "ActionGeo_FullName",
            place.map(|p| p.name.clone()),
        );
        put(
            &mut row,
            "ActionGeo_CountryCode",
            place.and_then(|p| p.country.clone()),
        );
        let finite = |x: Option<f64>| x.filter(|x| x.is_finite());
        put(&mut row, "ActionGeo_Lat", finite(place.and_then(|p| p.lat)));
        put(
            &mut row,
            "ActionGeo_Long",
            finite(place.and_then(|p| p.lon)),
        );
        put(
            &mut row,
            "DATEADDED",
            self.article_date.and_then(PartialDate::day_number),
        );
        put(&mut row, "SOURCEURL", self.source_url.as_str());
        put(&mut row, "PloverType", event.plover.clone());
        put(&mut row, "PloverMode", event.plover_mode.clone());
        put(&mut row, "Modality", event.modality.as_str());
        put(&mut row, "Evidence", evidence(&event.evidence));
        put(&mut row, "EvidenceStart", first.map(|s| s.char_start));
        put(&mut row, "EvidenceEnd", first.map(|s| s.char_end));
        put(
            &mut row,
            "Attribution",
            attribution
                .map(|a| self.attribution(a))
                .filter(|s| !s.is_empty()),
        );
        put(
            &mut row,
            "AttributionVia",
            attribution.and_then(|a| article.entity_names(&a.via)),
        );
        row
    }

    /// Code, name and country of the event's target: an entity's own, or a
    /// place's name with its country (alpha-3) as code and country.
    fn target(
        &self,
        event: &Event,
        countries: &HashMap<&'static str, String>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let Some(id) = event.target.as_deref() else {
            return (None, None, None);
        };
        match (self.article.entities.get(id), self.article.places.get(id)) {
            (Some(entity), _) => (
                entity.code.clone(),
                Some(entity.name.clone()),
                entity.country.clone(),
            ),
            (None, Some(place)) => {
                let country = place
                    .country
                    .as_deref()
                    .and_then(|c| countries.get(c.trim()))
                    .cloned();
                (country.clone(), Some(place.name.clone()), country)
            }
            (None, None) => (None, None, None),
        }
    }

    /// "speaker: cue", the source's own words standing in for an unresolved speaker.
    fn attribution(&self, attribution: &Attribution) -> String {
        let speaker = attribution
            .speaker
            .as_deref()
            .and_then(|id| self.article.entity_name(id))
            .map(str::to_owned)
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

/// The evidence texts joined by " | " (an empty string without evidence).
fn evidence(spans: &[TextSpan]) -> String {
    spans
        .iter()
        .map(|s| collapse(&s.text))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The first `n` characters of a code: CAMEO's hierarchy (a base code is
/// three digits, a root code two). A shorter code is its own base and root.
fn prefix(code: &str, n: usize) -> String {
    code.chars().take(n).collect()
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
                .map_or(0, |gap| crate::segment::line_breaks(gap).min(2))
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
/// matched by country name between the gazetteer and the actor dictionary.
pub(super) fn country_codes() -> HashMap<&'static str, String> {
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
    crate::data::places()
        .iter()
        .filter(|p| p.kind == "country" && !p.country.is_empty())
        .filter_map(|p| Some((p.country, by_name.get(p.name)?.to_string())))
        .collect()
}

#[cfg(test)]
mod tests;
