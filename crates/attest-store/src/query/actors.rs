//! Actors across articles: search by name or alias, and one actor's profile.

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::{
    ActorFilter, AttributionFilter, AttributionRow, EventFilter, EventRow, MAX_PAGE, Page, Paged,
};
use crate::{Store, StoreError};

/// An actor in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorSummary {
    /// The store's id of the actor.
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// Kind of actor.
    pub kind: String,
    /// Its code on the latest article date that gives one.
    pub code: Option<String>,
    /// Articles mentioning it.
    pub articles: i64,
    /// Events it is source or target of.
    pub events: i64,
    /// Statements it made.
    pub attributions: i64,
}

/// A code an actor carried, and over which article dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeSpan {
    /// The actor code ("AFGGOV").
    pub code: String,
    /// First article date with it.
    pub first: Option<String>,
    /// Last article date with it.
    pub last: Option<String>,
    /// Articles giving it.
    pub articles: i64,
}

/// Events of one type in one month, for a timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelinePoint {
    /// Year and month ("2021-08"), or the year alone when only it is known.
    pub month: String,
    /// PLOVER type, or the CAMEO name when the code has none.
    pub kind: String,
    /// Events.
    pub count: i64,
}

/// Who an actor is, how it was coded over time, what it said, did and had done to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorProfile {
    /// Name, kind, counts.
    pub actor: ActorSummary,
    /// Names and aliases the articles used for it.
    pub aliases: Vec<String>,
    /// Roles the articles gave it.
    pub roles: Vec<String>,
    /// Codes by first date.
    pub codes: Vec<CodeSpan>,
    /// Its events (as source or target) by month and type.
    pub timeline: Vec<TimelinePoint>,
    /// Its statements, newest first (at most [`MAX_PAGE`]).
    pub said: Vec<AttributionRow>,
    /// Events it is the source of, newest first (at most [`MAX_PAGE`]).
    pub did: Vec<EventRow>,
    /// Events it is the target of, newest first (at most [`MAX_PAGE`]).
    pub done_to: Vec<EventRow>,
}

/// The summary columns of one actor `ac`, then the total of `hits`.
macro_rules! actor_columns {
    () => {
        "ac.id, ac.name, ac.kind,
         (SELECT n.code FROM entities n WHERE n.actor = ac.id AND n.code IS NOT NULL
          ORDER BY n.date IS NULL, n.date DESC LIMIT 1),
         (SELECT count(DISTINCT n.article) FROM entities n WHERE n.actor = ac.id),
         (SELECT count(*) FROM events e WHERE e.source = ac.id OR e.target = ac.id),
         (SELECT count(*) FROM attributions t WHERE t.speaker = ac.id)"
    };
}

const ACTORS: &str = concat!(
    "WITH hits AS (
        SELECT ac.id AS r FROM actors ac
        WHERE EXISTS (SELECT 1 FROM entities n WHERE n.actor = ac.id)
          AND (?1 IS NULL OR instr(lower(ac.name), lower(?1)) > 0
               OR EXISTS (SELECT 1 FROM mentions m WHERE m.actor = ac.id
                          AND m.resolved_by IN ('name', 'alias', 'acronym') AND m.text = ?1 COLLATE NOCASE))
          AND (?2 IS NULL OR ac.kind = ?2 COLLATE NOCASE))
     SELECT ",
    actor_columns!(),
    ", (SELECT count(*) FROM hits) FROM hits JOIN actors ac ON ac.id = hits.r
     ORDER BY 5 DESC, ac.name LIMIT ?3 OFFSET ?4"
);

const ONE_ACTOR: &str = concat!(
    "SELECT ",
    actor_columns!(),
    " FROM actors ac WHERE ac.id = ?1 AND EXISTS (SELECT 1 FROM entities n WHERE n.actor = ac.id)"
);

impl Store {
    /// Actors matching `filter`, most mentioned first.
    pub fn actors(
        &self,
        filter: &ActorFilter,
        page: Page,
    ) -> Result<Paged<ActorSummary>, StoreError> {
        let q = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
        q.map(super::check_length).transpose()?;
        let mut total = 0;
        let items = self
            .conn
            .prepare_cached(ACTORS)?
            .query_map(
                params![q, filter.kind, page.limit(), page.offset()],
                |row| {
                    total = row.get(7)?;
                    actor_summary(row)
                },
            )?
            .collect::<Result<Vec<_>, _>>()?;
        if items.is_empty() && page.offset() > 0 {
            total = self.actors(filter, Page::default())?.total;
        }
        Ok(page.paged(total, items))
    }

    /// One actor's profile, or `None` for an id no stored article mentions.
    pub fn actor(&self, id: i64) -> Result<Option<ActorProfile>, StoreError> {
        let Some(actor) = self
            .conn
            .prepare_cached(ONE_ACTOR)?
            .query_row([id], actor_summary)
            .optional()?
        else {
            return Ok(None);
        };
        let all = Page {
            limit: Some(MAX_PAGE),
            offset: None,
        };
        let did = EventFilter {
            source: Some(id),
            ..EventFilter::default()
        };
        let done_to = EventFilter {
            target: Some(id),
            ..EventFilter::default()
        };
        let said = AttributionFilter {
            speaker: Some(id),
            ..AttributionFilter::default()
        };
        Ok(Some(ActorProfile {
            aliases: self.strings(
                "SELECT DISTINCT text FROM mentions WHERE actor = ?1
                 AND resolved_by IN ('name', 'alias', 'acronym') ORDER BY text COLLATE NOCASE",
                id,
            )?,
            roles: self.strings(
                "SELECT DISTINCT role FROM entities WHERE actor = ?1 AND role IS NOT NULL ORDER BY role",
                id,
            )?,
            codes: self.codes(id)?,
            timeline: self.timeline(id)?,
            said: self.attributions(&said, all)?.items,
            did: self.events(&did, all)?.items,
            done_to: self.events(&done_to, all)?.items,
            actor,
        }))
    }

    fn strings(&self, sql: &'static str, id: i64) -> Result<Vec<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<Vec<_>, _>>()?)
    }

    fn codes(&self, id: i64) -> Result<Vec<CodeSpan>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT code, min(date), max(date), count(DISTINCT article) FROM entities
                 WHERE actor = ?1 AND code IS NOT NULL GROUP BY code ORDER BY min(date), code",
            )?
            .query_map([id], |r| {
                Ok(CodeSpan {
                    code: r.get(0)?,
                    first: r.get(1)?,
                    last: r.get(2)?,
                    articles: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?)
    }

    fn timeline(&self, id: i64) -> Result<Vec<TimelinePoint>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT substr(date, 1, 7) AS month, coalesce(plover, cameo_name) AS kind, count(*)
                 FROM events WHERE (source = ?1 OR target = ?1) AND date IS NOT NULL
                 GROUP BY month, kind ORDER BY month, kind",
            )?
            .query_map([id], |r| {
                Ok(TimelinePoint {
                    month: r.get(0)?,
                    kind: r.get(1)?,
                    count: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?)
    }
}

fn actor_summary(row: &Row) -> rusqlite::Result<ActorSummary> {
    Ok(ActorSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: row.get(2)?,
        code: row.get(3)?,
        articles: row.get(4)?,
        events: row.get(5)?,
        attributions: row.get(6)?,
    })
}
