//! The entities table: one row an actor of an article, with its first
//! mention and the parts it plays in the article's records.

use super::{ARTICLE_ID, Article, Column, DATE, Row, SOURCE, URL, collapse, put};
use crate::contract::Entity;

/// The entities table's columns.
pub(super) const COLUMNS: &[Column] = &[
    ARTICLE_ID,
    Column::text(
        "EntityID",
        "The article's key and the entity's id (\"12-e3\").",
    ),
    DATE,
    SOURCE,
    URL,
    Column::text("Name", "Canonical name."),
    Column::text(
        "Kind",
        "person, organisation, armed group, government body, news outlet, country, ...",
    ),
    Column::text("Code", "CAMEO actor code valid on the article's date."),
    Column::text("Country", "The actor's country (ISO 3166-1 alpha-3)."),
    Column::text("Role", "The role the text gives (\"spokeswoman\")."),
    Column::text(
        "Affiliation",
        "The affiliation the text gives (\"National Security Council\").",
    ),
    Column::integer("Mentions", "Mentions of the entity in the text."),
    Column::text(
        "FirstMention",
        "The words of its first mention, whitespace collapsed.",
    ),
    Column::integer("FirstStart", "Char offset where the first mention starts."),
    Column::integer("FirstEnd", "Char offset where the first mention ends."),
    Column::integer("Statements", "Attributions with this entity as speaker."),
    Column::integer("EventsAsActor1", "Events this entity does."),
    Column::integer("EventsAsActor2", "Events done to this entity."),
];

/// The rows of one article's entities.
pub(super) fn rows(article: &Article<'_>) -> Vec<Row> {
    article
        .analysis
        .entities
        .iter()
        .map(|entity| row(article, entity))
        .collect()
}

fn row(article: &Article<'_>, entity: &Entity) -> Row {
    let analysis = article.analysis;
    let id = entity.id.as_str();
    let first = entity
        .mentions
        .iter()
        .map(|m| &m.span)
        .min_by_key(|span| span.start);
    let mut row = article.row_head(Some(("EntityID", id)));
    put(&mut row, "Name", entity.name.as_str());
    put(&mut row, "Kind", entity.kind.as_str());
    put(&mut row, "Code", entity.code.as_deref());
    put(&mut row, "Country", entity.country.as_deref());
    put(&mut row, "Role", entity.role.as_deref());
    put(&mut row, "Affiliation", entity.affiliation.as_deref());
    put(&mut row, "Mentions", entity.mentions.len());
    put(&mut row, "FirstMention", first.map(|s| collapse(&s.text)));
    put(&mut row, "FirstStart", first.map(|s| s.char_start));
    put(&mut row, "FirstEnd", first.map(|s| s.char_end));
    let statements = analysis
        .attributions
        .iter()
        .filter(|a| a.speaker.as_deref() == Some(id))
        .count();
    put(&mut row, "Statements", statements);
    let acts = analysis.events.iter().filter(|e| e.source == id).count();
    put(&mut row, "EventsAsActor1", acts);
    let undergoes = analysis
        .events
        .iter()
        .filter(|e| e.target.as_deref() == Some(id))
        .count();
    put(&mut row, "EventsAsActor2", undergoes);
    row
}
