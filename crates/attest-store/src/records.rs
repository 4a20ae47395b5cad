//! The records of an analysis as rows: actors, entity mentions, attributions,
//! events and disputes, written in the transaction that stores the article.

use std::collections::HashMap;

use attest::contract::{Entity, Event};
use attest::model::EntityKind;
use attest::{Analysis, TextSpan};
use rusqlite::{Transaction, params};
use serde_json::json;

use crate::StoreError;

/// Rows for the analysis of the article stored as `article` (its rowid).
pub(crate) fn write(tx: &Transaction, article: i64, analysis: &Analysis) -> Result<(), StoreError> {
    let date = analysis.document.date.map(|d| d.to_string());
    let actors = write_entities(tx, article, analysis, date.as_deref())?;
    let entities: HashMap<&str, &Entity> = analysis
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    for a in &analysis.attributions {
        let speaker = a.speaker.as_deref().and_then(|s| entities.get(s));
        let via_names: Vec<&str> = a
            .via
            .iter()
            .filter_map(|v| entities.get(v.as_str()).map(|e| e.name.as_str()))
            .collect();
        let spans =
            json!({"cue": a.cue, "source": a.source, "content": a.content, "quoted": a.quoted});
        tx.prepare_cached(
            "INSERT INTO attributions (article, rid, kind, speaker, speaker_name, role, via, cue, content, date, spans)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            article,
            a.id,
            a.kind.as_str(),
            a.speaker.as_deref().and_then(|s| actors.get(s)),
            speaker.map(|e| e.name.as_str()),
            speaker.and_then(|e| e.role.as_deref()),
            serde_json::to_string(&via_names)?,
            joined(&a.cue),
            joined(&a.content),
            date,
            spans.to_string(),
        ])?;
        let id = tx.last_insert_rowid();
        for (position, actor) in a
            .via
            .iter()
            .filter_map(|v| actors.get(v.as_str()))
            .enumerate()
        {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO attribution_via (attribution, position, actor) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, position as i64, actor])?;
        }
    }
    for event in &analysis.events {
        write_event(
            tx,
            article,
            analysis,
            event,
            &entities,
            &actors,
            date.as_deref(),
        )?;
    }
    for d in &analysis.disputes {
        tx.prepare_cached(
            "INSERT INTO disputes (article, rid, by_rid, against, evidence) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            article,
            d.id,
            d.by,
            serde_json::to_string(&d.against)?,
            joined(&d.evidence)
        ])?;
    }
    Ok(())
}

/// Every entity as an actor (created on first sight) and a row per entity and
/// mention; returns the actor id of each entity id.
fn write_entities<'a>(
    tx: &Transaction,
    article: i64,
    analysis: &'a Analysis,
    date: Option<&str>,
) -> Result<HashMap<&'a str, i64>, StoreError> {
    let mut actors = HashMap::new();
    for entity in &analysis.entities {
        let actor: i64 = tx
            .prepare_cached(
                "INSERT INTO actors (key, name, kind) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id",
            )?
            .query_row(
                params![
                    actor_key(entity, &analysis.document.id),
                    entity.name,
                    entity.kind.as_str()
                ],
                |row| row.get(0),
            )?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO entities (article, rid, actor, name, kind, code, role, affiliation, country, date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            article,
            entity.id,
            actor,
            entity.name,
            entity.kind.as_str(),
            entity.code,
            entity.role,
            entity.affiliation,
            entity.country,
            date
        ])?;
        for m in &entity.mentions {
            tx.prepare_cached(
                "INSERT INTO mentions (article, actor, start, end, text, resolved_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                article,
                actor,
                m.span.start as i64,
                m.span.end as i64,
                m.span.text,
                m.resolved_by.as_str()
            ])?;
        }
        actors.insert(entity.id.as_str(), actor);
    }
    Ok(actors)
}

fn write_event(
    tx: &Transaction,
    article: i64,
    analysis: &Analysis,
    event: &Event,
    entities: &HashMap<&str, &Entity>,
    actors: &HashMap<&str, i64>,
    article_date: Option<&str>,
) -> Result<(), StoreError> {
    let Some(source) = entities.get(event.source.as_str()) else {
        return Ok(());
    };
    let place_name = |id: &str| {
        analysis
            .places
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.as_str())
    };
    let target = event.target.as_deref();
    let target_entity = target.and_then(|t| entities.get(t));
    let target_name = target_entity
        .map(|e| e.name.as_str())
        .or_else(|| target.and_then(place_name));
    tx.prepare_cached(
        "INSERT INTO events (article, rid, source, source_name, source_code, target, target_name, target_code,
                             cameo, cameo_name, root, plover, plover_mode, goldstein, quad_class, modality,
                             date, place, attribution, evidence, spans)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?
    .execute(params![
        article,
        event.id,
        actors.get(event.source.as_str()),
        source.name,
        source.code,
        target.and_then(|t| actors.get(t)),
        target_name,
        target_entity.and_then(|e| e.code.as_deref()),
        event.cameo,
        event.cameo_name,
        cameo_root(&event.cameo),
        event.plover,
        event.plover_mode,
        event.goldstein,
        event.quad_class,
        event.modality.as_str(),
        event.date.as_deref().or(article_date),
        event.place.as_deref().and_then(place_name),
        event.attribution,
        joined(&event.evidence),
        serde_json::to_string(&event.evidence)?,
    ])?;
    let id = tx.last_insert_rowid();
    let date = event.date.as_deref().or(article_date);
    let source_actor = actors.get(event.source.as_str());
    let target_actor = target
        .and_then(|t| actors.get(t))
        .filter(|t| Some(*t) != source_actor);
    for actor in source_actor.into_iter().chain(target_actor) {
        tx.prepare_cached(
            "INSERT INTO event_actors (actor, undated, date, article, event) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        // Key columns of a WITHOUT ROWID table cannot be NULL: an undated
        // event is `undated = 1` with an empty date.
        .execute(params![actor, date.is_none(), date.unwrap_or(""), article, id])?;
    }
    Ok(())
}

/// The key an actor is shared under across articles: its canonical name, case
/// folded. Anonymous sources ("a senior official") are not one person across
/// articles, so theirs is kept to the article.
fn actor_key(entity: &Entity, document: &str) -> String {
    let name = entity.name.to_lowercase();
    if entity.kind == EntityKind::AnonymousPerson {
        format!("{name}\u{1f}{document}")
    } else {
        name
    }
}

/// The CAMEO root of a code: its first two digits ("190" -> "19", "0312" -> "03").
pub(crate) fn cameo_root(code: &str) -> String {
    code.chars().take(2).collect()
}

/// The texts of spans, joined as one readable string.
fn joined(spans: &[TextSpan]) -> String {
    let texts: Vec<&str> = spans.iter().map(|s| s.text.as_str()).collect();
    texts.join(" … ")
}

/// Fill the record tables from every stored analysis (migration 2).
pub(crate) fn backfill(tx: &Transaction) -> Result<(), StoreError> {
    let mut rows = Vec::new();
    {
        let mut statement =
            tx.prepare("SELECT rowid, text, analysis FROM articles ORDER BY rowid")?;
        let mut cursor = statement.query([])?;
        while let Some(row) = cursor.next()? {
            rows.push((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ));
        }
    }
    for (rowid, text, json) in rows {
        let mut analysis: Analysis = serde_json::from_str(&json)?;
        analysis.document.text = text;
        write(tx, rowid, &analysis)?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use attest::Document;
    use attest::contract::{Attribution, Mention};
    use attest::model::{Modality, QuoteKind, ResolvedBy};

    fn span(text: &str, needle: &str) -> TextSpan {
        let start = text.find(needle).unwrap();
        TextSpan {
            start,
            end: start + needle.len(),
            char_start: text[..start].chars().count(),
            char_end: text[..start].chars().count() + needle.chars().count(),
            text: needle.into(),
        }
    }

    fn entity(text: &str, id: &str, name: &str, kind: EntityKind, code: &str) -> Entity {
        Entity {
            id: id.into(),
            name: name.into(),
            kind,
            code: Some(code.into()),
            role: None,
            affiliation: None,
            country: None,
            mentions: vec![Mention {
                span: span(text, name),
                resolved_by: ResolvedBy::Name,
            }],
        }
    }

    /// A small hand-built analysis: two actors, an attribution through an
    /// outlet, and an event under it.
    pub(crate) fn sample_analysis() -> Analysis {
        let text = "Reuters quoted Taliban as saying they attacked Kabul.";
        let mut doc = Document::from_text(text);
        doc.id = "sample".into();
        doc.date = "2021-08-15".parse().ok();
        let mut analysis = attest::Pipeline::segmenter_only().analyse(doc);
        analysis.entities = vec![
            entity(text, "e1", "Reuters", EntityKind::NewsOutlet, "MED"),
            entity(text, "e2", "Taliban", EntityKind::ArmedGroup, "AFGREB"),
        ];
        analysis.attributions = vec![Attribution {
            id: "a1".into(),
            kind: QuoteKind::Indirect,
            cue: vec![span(text, "saying")],
            source: vec![span(text, "Taliban")],
            speaker: Some("e2".into()),
            content: vec![span(text, "they attacked Kabul")],
            quoted: vec![],
            via: vec!["e1".into()],
            cites: vec![],
        }];
        analysis.events = vec![Event {
            id: "v1".into(),
            source: "e2".into(),
            target: None,
            cameo: "190".into(),
            cameo_name: "Use conventional military force".into(),
            plover: Some("ASSAULT".into()),
            plover_mode: None,
            goldstein: Some(-10.0),
            quad_class: Some(4),
            modality: Modality::Asserted,
            date: None,
            place: None,
            evidence: vec![span(text, "attacked")],
            attribution: Some("a1".into()),
        }];
        analysis
    }

    #[test]
    fn cameo_roots_are_the_first_two_digits() {
        assert_eq!(cameo_root("0312"), "03");
        assert_eq!(cameo_root("190"), "19");
        assert_eq!(cameo_root("1"), "1");
    }

    #[test]
    fn anonymous_sources_stay_in_their_article() {
        let text = "An official said so.";
        let a = entity(
            text,
            "e1",
            "An official",
            EntityKind::AnonymousPerson,
            "USAGOV",
        );
        assert_ne!(actor_key(&a, "x"), actor_key(&a, "y"));
        let b = entity(text, "e1", "An official", EntityKind::Person, "USAGOV");
        assert_eq!(actor_key(&b, "x"), actor_key(&b, "y"));
    }
}
