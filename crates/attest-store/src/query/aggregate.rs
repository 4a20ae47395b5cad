//! Events counted rather than listed: by month and type for a timeline, and
//! by pair of actors for a network.

use rusqlite::params;
use serde::Serialize;

use super::records::event_filters;
use super::{EventFilter, TimelinePoint};
use crate::{Store, StoreError};

/// How often one actor acted on another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorLink {
    /// Source actor.
    pub source: i64,
    /// Source actor's name.
    pub source_name: String,
    /// Target actor.
    pub target: i64,
    /// Target actor's name.
    pub target_name: String,
    /// Events from source to target.
    pub events: i64,
    /// The most frequent PLOVER type (or CAMEO name) between them.
    pub kind: String,
}

/// The most links [`Store::event_links`] returns.
pub const MAX_LINKS: u32 = 150;

const TIMELINE: &str = concat!(
    "SELECT substr(e.date, 1, 7) AS month, coalesce(e.plover, e.cameo_name) AS kind, count(*)
     FROM events e
     WHERE e.date IS NOT NULL AND ",
    event_filters!(),
    " GROUP BY month, kind ORDER BY month, kind"
);

const LINKS: &str = concat!(
    "WITH pairs AS (
        SELECT e.source AS s, e.target AS t, coalesce(e.plover, e.cameo_name) AS kind, count(*) AS n
        FROM events e
        WHERE e.target IS NOT NULL AND e.target <> e.source AND ",
    event_filters!(),
    " GROUP BY s, t, kind)
     SELECT s, (SELECT name FROM actors WHERE id = s), t, (SELECT name FROM actors WHERE id = t),
            sum(n), (SELECT p.kind FROM pairs p WHERE p.s = pairs.s AND p.t = pairs.t ORDER BY p.n DESC, p.kind LIMIT 1)
     FROM pairs GROUP BY s, t ORDER BY sum(n) DESC, s, t LIMIT ?11"
);

impl Store {
    /// Events matching `filter` by month and type (PLOVER, else CAMEO name).
    pub fn event_timeline(&self, filter: &EventFilter) -> Result<Vec<TimelinePoint>, StoreError> {
        let mut statement = self.conn.prepare_cached(TIMELINE)?;
        let rows = statement.query_map(filter_params(filter).as_slice(), |r| {
            Ok(TimelinePoint {
                month: r.get(0)?,
                kind: r.get(1)?,
                count: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The pairs of actors most often linked by events matching `filter`, at
    /// most [`MAX_LINKS`].
    pub fn event_links(&self, filter: &EventFilter) -> Result<Vec<ActorLink>, StoreError> {
        let mut bound = filter_params(filter);
        bound.push(&MAX_LINKS);
        let mut statement = self.conn.prepare_cached(LINKS)?;
        let rows = statement.query_map(bound.as_slice(), |r| {
            Ok(ActorLink {
                source: r.get(0)?,
                source_name: r.get(1)?,
                target: r.get(2)?,
                target_name: r.get(3)?,
                events: r.get(4)?,
                kind: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// The ten parameters of `event_filters!`, in order.
pub(super) fn filter_params(filter: &EventFilter) -> Vec<&dyn rusqlite::ToSql> {
    params![
        filter.actor,
        filter.source,
        filter.target,
        filter.root,
        filter.plover,
        filter.modality,
        filter.from,
        filter.to,
        filter.place,
        filter.article
    ]
    .to_vec()
}
