//! Listing attributions, events and disputes across articles.

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;
use serde_json::value::RawValue;

use super::aggregate::filter_params;
use super::{AttributionFilter, EventFilter, Page, Paged};
use crate::{Store, StoreError};

/// A statement attributed to a source, with its article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributionRow {
    /// Document id of the article.
    pub article: String,
    /// Headline of the article.
    pub article_title: Option<String>,
    /// The attribution's id within its article ("a3").
    pub id: String,
    /// direct, mixed or indirect.
    pub kind: String,
    /// Speaker actor, when resolved.
    pub speaker: Option<i64>,
    /// Speaker's canonical name.
    pub speaker_name: Option<String>,
    /// Speaker's role as the article gives it.
    pub role: Option<String>,
    /// Names of the outlets or documents it came through, outermost first.
    pub via: Vec<String>,
    /// The speech cue.
    pub cue: String,
    /// What was said.
    pub content: String,
    /// Article date.
    pub date: Option<String>,
    /// Cue, source, content and quoted spans into the article text.
    pub spans: StoredJson,
}

/// An event, with its actors' names and codes and its article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    /// Document id of the article.
    pub article: String,
    /// Headline of the article.
    pub article_title: Option<String>,
    /// The event's id within its article ("v2").
    pub id: String,
    /// Source actor.
    pub source: i64,
    /// Source actor's name.
    pub source_name: String,
    /// Source actor's code on the article date.
    pub source_code: Option<String>,
    /// Target actor (none when the target is a place or absent).
    pub target: Option<i64>,
    /// Target actor's or place's name.
    pub target_name: Option<String>,
    /// Target actor's code.
    pub target_code: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// Name of the CAMEO code.
    pub cameo_name: String,
    /// CAMEO root (two digits).
    pub root: String,
    /// PLOVER type.
    pub plover: Option<String>,
    /// PLOVER mode.
    pub plover_mode: Option<String>,
    /// Goldstein score.
    pub goldstein: Option<f64>,
    /// CAMEO quad class.
    pub quad_class: Option<u8>,
    /// Modality.
    pub modality: String,
    /// When it happened (else the article date).
    pub date: Option<String>,
    /// Where it happened.
    pub place: Option<String>,
    /// The attribution it stands under, within its article.
    pub attribution: Option<String>,
    /// The words that report it.
    pub evidence: String,
    /// Evidence spans into the article text.
    pub spans: StoredJson,
}

/// JSON as the store holds it, served as is: a listing of events need not
/// parse and re-write every row's spans.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct StoredJson(Box<RawValue>);

impl StoredJson {
    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// The JSON parsed.
    pub fn parse(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(self.get())
    }
}

impl PartialEq for StoredJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

/// A denial and the statements it rejects, side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisputeRow {
    /// Document id of the article.
    pub article: String,
    /// The dispute's id within its article ("d1").
    pub id: String,
    /// The rejecting statement.
    pub by: AttributionRow,
    /// The statements it rejects.
    pub against: Vec<AttributionRow>,
    /// The words of the rejection.
    pub evidence: String,
}

/// The columns [`attribution_row`] reads, in order.
macro_rules! attribution_columns {
    () => {
        "a.id, a.title, t.rid, t.kind, t.speaker, t.speaker_name, t.role, t.via, t.cue, t.content, t.date, t.spans"
    };
}

const ONE_ATTRIBUTION: &str = concat!(
    "SELECT ",
    attribution_columns!(),
    " FROM attributions t JOIN articles a ON a.rowid = t.article WHERE t.article = ?1 AND t.rid = ?2"
);

const ATTRIBUTIONS: &str = concat!(
    "WITH hits AS (
        SELECT t.id AS r, t.date AS d, t.article AS art FROM attributions t
        WHERE (?1 IS NULL OR t.speaker = ?1)
          AND (?2 IS NULL OR EXISTS (SELECT 1 FROM attribution_via v WHERE v.attribution = t.id AND v.actor = ?2))
          AND (?3 IS NULL OR instr(lower(t.content), lower(?3)) > 0)
          AND (?4 IS NULL OR t.date >= ?4) AND (?5 IS NULL OR t.date <= ?5)
          AND (?6 IS NULL OR t.article = (SELECT rowid FROM articles WHERE id = ?6))),
     page AS (SELECT r FROM hits ORDER BY d IS NULL, d DESC, art, r LIMIT ?7 OFFSET ?8)
     SELECT ",
    attribution_columns!(),
    ", (SELECT count(*) FROM hits)
     FROM page JOIN attributions t ON t.id = page.r JOIN articles a ON a.rowid = t.article
     ORDER BY t.date IS NULL, t.date DESC, t.article, t.id"
);

/// The event filter over `events e`, parameters ?1 to ?10 in the order of
/// [`EventFilter`]'s fields.
macro_rules! event_filters {
    () => {
        "(?1 IS NULL OR e.source = ?1 OR e.target = ?1)
          AND (?2 IS NULL OR e.source = ?2) AND (?3 IS NULL OR e.target = ?3)
          AND (?4 IS NULL OR e.root = ?4) AND (?5 IS NULL OR e.plover = upper(?5))
          AND (?6 IS NULL OR e.modality = lower(?6))
          AND (?7 IS NULL OR e.date >= ?7) AND (?8 IS NULL OR e.date <= ?8)
          AND (?9 IS NULL OR e.place = ?9 COLLATE NOCASE)
          AND (?10 IS NULL OR e.article = (SELECT rowid FROM articles WHERE id = ?10))"
    };
}
pub(super) use event_filters;

/// The wide columns of the events in `page` (ids `r`), in listing order,
/// and the number of `hits`.
macro_rules! event_select {
    () => {
        " SELECT a.id, a.title, e.rid, e.source, e.source_name, e.source_code, e.target, e.target_name, e.target_code,
               e.cameo, e.cameo_name, e.root, e.plover, e.plover_mode, e.goldstein, e.quad_class, e.modality,
               e.date, e.place, e.attribution, e.evidence, e.spans, (SELECT count(*) FROM hits)
        FROM page JOIN events e ON e.id = page.r JOIN articles a ON a.rowid = e.article
        ORDER BY e.date IS NULL, e.date DESC, e.article, e.id"
    };
}

/// The page of `hits` (event id, date, article), then the wide columns of
/// only those rows: sorting narrow rows first keeps a large match cheap.
macro_rules! event_page {
    () => {
        concat!(
            ", page AS (SELECT r FROM hits ORDER BY d IS NULL, d DESC, art, r LIMIT ?11 OFFSET ?12)",
            event_select!()
        )
    };
}

const EVENTS: &str = concat!(
    "WITH hits AS (SELECT e.id AS r, e.date AS d, e.article AS art FROM events e WHERE ",
    event_filters!(),
    ")",
    event_page!()
);

/// [`EVENTS`] for one actor as source or target: the two indexes on source
/// and target find its events without reading the others.
const EVENTS_OF_ACTOR: &str = concat!(
    "WITH hits AS (
        SELECT e.id AS r, e.date AS d, e.article AS art FROM events e WHERE e.source = ?1 AND ",
    event_filters!(),
    " UNION SELECT e.id, e.date, e.article FROM events e WHERE e.target = ?1 AND ",
    event_filters!(),
    ")",
    event_page!()
);

/// [`EVENTS`] for one actor and no other filter (an actor's page, the
/// commonest question): `event_actors` holds its events in listing order, so
/// the page is the first rows of a key range, with no sort. Uses ?1, ?11, ?12.
const EVENTS_OF_ACTOR_ONLY: &str = concat!(
    "WITH hits AS (SELECT event AS r FROM event_actors WHERE actor = ?1),
     page AS (SELECT event AS r FROM event_actors WHERE actor = ?1
              ORDER BY undated, date DESC, article, event LIMIT ?11 OFFSET ?12)",
    event_select!()
);

/// The statement that answers `filter` fastest; all take the same parameters.
fn events_statement(filter: &EventFilter) -> &'static str {
    let only_actor = EventFilter {
        actor: filter.actor,
        ..EventFilter::default()
    };
    match filter.actor {
        Some(_) if *filter == only_actor => EVENTS_OF_ACTOR_ONLY,
        Some(_) => EVENTS_OF_ACTOR,
        None => EVENTS,
    }
}

impl Store {
    /// Attributions matching `filter`, newest first.
    pub fn attributions(
        &self,
        filter: &AttributionFilter,
        page: Page,
    ) -> Result<Paged<AttributionRow>, StoreError> {
        let q = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
        q.map(super::check_length).transpose()?;
        let mut total = 0;
        let items = self
            .conn
            .prepare_cached(ATTRIBUTIONS)?
            .query_map(
                params![
                    filter.speaker,
                    filter.via,
                    q,
                    filter.from,
                    filter.to,
                    filter.article,
                    page.limit(),
                    page.offset()
                ],
                |row| {
                    total = row.get(12)?;
                    attribution_row(row)
                },
            )?
            .collect::<Result<Vec<_>, _>>()?;
        let items = items.into_iter().collect::<Result<Vec<_>, _>>()?;
        if items.is_empty() && page.offset() > 0 {
            total = self.attributions(filter, Page::default())?.total;
        }
        Ok(page.paged(total, items))
    }

    /// Events matching `filter`, newest first.
    pub fn events(&self, filter: &EventFilter, page: Page) -> Result<Paged<EventRow>, StoreError> {
        let mut total = 0;
        let (limit, offset) = (page.limit(), page.offset());
        let mut bound = filter_params(filter);
        bound.extend([&limit as &dyn rusqlite::ToSql, &offset]);
        let items = self
            .conn
            .prepare_cached(events_statement(filter))?
            .query_map(bound.as_slice(), |row| {
                total = row.get(22)?;
                event_row(row)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let items = items.into_iter().collect::<Result<Vec<_>, _>>()?;
        if items.is_empty() && page.offset() > 0 {
            total = self.events(filter, Page::default())?.total;
        }
        Ok(page.paged(total, items))
    }

    /// Disputes, newest article first, each with the statements on both sides.
    pub fn disputes(&self, page: Page) -> Result<Paged<DisputeRow>, StoreError> {
        let total = self
            .conn
            .query_row("SELECT count(*) FROM disputes", [], |r| r.get(0))?;
        let rows = self
            .conn
            .prepare_cached(
                "SELECT d.article, a.id, d.rid, d.by_rid, d.against, d.evidence
                 FROM disputes d JOIN articles a ON a.rowid = d.article
                 ORDER BY a.date IS NULL, a.date DESC, d.article, d.id LIMIT ?1 OFFSET ?2",
            )?
            .query_map(params![page.limit(), page.offset()], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut items = Vec::with_capacity(rows.len());
        for (rowid, article, id, by, against, evidence) in rows {
            let Some(by) = self.attribution_in(rowid, &by)? else {
                continue;
            };
            let against_ids: Vec<String> = serde_json::from_str(&against)?;
            let mut against = Vec::with_capacity(against_ids.len());
            for rid in &against_ids {
                against.extend(self.attribution_in(rowid, rid)?);
            }
            items.push(DisputeRow {
                article,
                id,
                by,
                against,
                evidence,
            });
        }
        Ok(page.paged(total, items))
    }

    fn attribution_in(
        &self,
        article: i64,
        rid: &str,
    ) -> Result<Option<AttributionRow>, StoreError> {
        self.conn
            .prepare_cached(ONE_ATTRIBUTION)?
            .query_row(params![article, rid], attribution_row)
            .optional()?
            .transpose()
    }
}

/// An attribution row from [`attribution_columns`]; its JSON columns may fail
/// to parse, which is the outer error.
pub(super) fn attribution_row(row: &Row) -> rusqlite::Result<Result<AttributionRow, StoreError>> {
    let via: String = row.get(7)?;
    let spans: String = row.get(11)?;
    let parsed = serde_json::from_str(&via)
        .and_then(|via| Ok((via, StoredJson(RawValue::from_string(spans)?))));
    Ok(match parsed {
        Err(e) => Err(StoreError::Json(e)),
        Ok((via, spans)) => Ok(AttributionRow {
            article: row.get(0)?,
            article_title: row.get(1)?,
            id: row.get(2)?,
            kind: row.get(3)?,
            speaker: row.get(4)?,
            speaker_name: row.get(5)?,
            role: row.get(6)?,
            via,
            cue: row.get(8)?,
            content: row.get(9)?,
            date: row.get(10)?,
            spans,
        }),
    })
}

/// An event row from the columns of [`EVENTS`].
pub(super) fn event_row(row: &Row) -> rusqlite::Result<Result<EventRow, StoreError>> {
    let spans: String = row.get(21)?;
    let spans = match RawValue::from_string(spans) {
        Ok(spans) => StoredJson(spans),
        Err(e) => return Ok(Err(StoreError::Json(e))),
    };
    Ok(Ok(EventRow {
        article: row.get(0)?,
        article_title: row.get(1)?,
        id: row.get(2)?,
        source: row.get(3)?,
        source_name: row.get(4)?,
        source_code: row.get(5)?,
        target: row.get(6)?,
        target_name: row.get(7)?,
        target_code: row.get(8)?,
        cameo: row.get(9)?,
        cameo_name: row.get(10)?,
        root: row.get(11)?,
        plover: row.get(12)?,
        plover_mode: row.get(13)?,
        goldstein: row.get(14)?,
        quad_class: row.get(15)?,
        modality: row.get(16)?,
        date: row.get(17)?,
        place: row.get(18)?,
        attribution: row.get(19)?,
        evidence: row.get(20)?,
        spans,
    }))
}
