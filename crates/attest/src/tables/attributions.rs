//! The attributions table: one row an attribution, who said what, through
//! whom, with the char offsets of its source, cue and content.

use super::{ARTICLE_ID, Article, Column, DATE, Row, SOURCE, URL, char_range, put, texts};
use crate::contract::Attribution;

/// The attributions table's columns.
pub(super) const COLUMNS: &[Column] = &[
    ARTICLE_ID,
    Column::text(
        "AttributionID",
        "The article's key and the attribution's id (\"12-a3\").",
    ),
    DATE,
    SOURCE,
    URL,
    Column::text(
        "Kind",
        "direct (quoted), indirect (reported) or mixed (partly quoted).",
    ),
    Column::text(
        "Speaker",
        "EntityID of the speaker, when resolved to an entity.",
    ),
    Column::text("SpeakerName", "The speaker entity's name."),
    Column::text("SpeakerCode", "The speaker entity's CAMEO code."),
    Column::text(
        "SpeakerCountry",
        "The speaker entity's country (ISO 3166-1 alpha-3).",
    ),
    Column::text(
        "SpeakerRole",
        "The role the text gives the speaker (\"spokeswoman\").",
    ),
    Column::text(
        "SourceText",
        "The words naming the source, whitespace collapsed; parts joined by \" ... \".",
    ),
    Column::text(
        "Cue",
        "The speech cue (\"said\", \"according to\"); parts joined by \" ... \".",
    ),
    Column::text(
        "Content",
        "What was said, whitespace collapsed; parts joined by \" ... \".",
    ),
    Column::text(
        "Quoted",
        "The quoted fragments inside the content, joined by \" | \".",
    ),
    Column::text(
        "Via",
        "Outlets or documents it came through, outermost first, joined by \" | \".",
    ),
    Column::text(
        "Cites",
        "Sources the speaker itself names, joined by \" | \".",
    ),
    Column::text(
        "Rejects",
        "AttributionIDs this one denies or contradicts, joined by \" | \".",
    ),
    Column::text(
        "RejectedBy",
        "AttributionIDs that deny or contradict this one, joined by \" | \".",
    ),
    Column::integer("Events", "Events reported under this attribution."),
    Column::integer("SourceStart", "Char offset where the source words start."),
    Column::integer("SourceEnd", "Char offset where the source words end."),
    Column::integer("CueStart", "Char offset where the cue starts."),
    Column::integer("CueEnd", "Char offset where the cue ends."),
    Column::integer(
        "ContentStart",
        "Char offset where the content starts (its first part).",
    ),
    Column::integer(
        "ContentEnd",
        "Char offset where the content ends (its last part).",
    ),
];

/// The rows of one article's attributions.
pub(super) fn rows(article: &Article<'_>) -> Vec<Row> {
    article
        .analysis
        .attributions
        .iter()
        .map(|attribution| row(article, attribution))
        .collect()
}

fn row(article: &Article<'_>, attribution: &Attribution) -> Row {
    let speaker = attribution
        .speaker
        .as_deref()
        .and_then(|id| article.entities.get(id));
    let mut row = article.row_head(Some(("AttributionID", &attribution.id)));
    put(&mut row, "Kind", attribution.kind.as_str());
    put(&mut row, "Speaker", speaker.map(|e| article.id(&e.id)));
    put(&mut row, "SpeakerName", speaker.map(|e| e.name.as_str()));
    put(
        &mut row,
        "SpeakerCode",
        speaker.and_then(|e| e.code.as_deref()),
    );
    put(
        &mut row,
        "SpeakerCountry",
        speaker.and_then(|e| e.country.as_deref()),
    );
    put(
        &mut row,
        "SpeakerRole",
        speaker.and_then(|e| e.role.as_deref()),
    );
    put(&mut row, "SourceText", texts(&attribution.source, " ... "));
    put(&mut row, "Cue", texts(&attribution.cue, " ... "));
    put(&mut row, "Content", texts(&attribution.content, " ... "));
    put(&mut row, "Quoted", texts(&attribution.quoted, " | "));
    put(&mut row, "Via", article.entity_names(&attribution.via));
    put(&mut row, "Cites", article.entity_names(&attribution.cites));
    put(&mut row, "Rejects", rejects(article, &attribution.id));
    put(
        &mut row,
        "RejectedBy",
        rejected_by(article, &attribution.id),
    );
    let events = article
        .analysis
        .events
        .iter()
        .filter(|e| e.attribution.as_deref() == Some(attribution.id.as_str()))
        .count();
    put(&mut row, "Events", events);
    for (name, spans) in [
        ("Source", &attribution.source),
        ("Cue", &attribution.cue),
        ("Content", &attribution.content),
    ] {
        let (start, end) = char_range(spans);
        put(&mut row, &format!("{name}Start"), start);
        put(&mut row, &format!("{name}End"), end);
    }
    row
}

/// Ids of the attributions that the disputes raised by `id` reject.
fn rejects(article: &Article<'_>, id: &str) -> Option<String> {
    let ids: Vec<String> = article
        .analysis
        .disputes
        .iter()
        .filter(|d| d.by == id)
        .flat_map(|d| &d.against)
        .map(|other| article.id(other))
        .collect();
    joined(ids)
}

/// Ids of the attributions whose disputes reject `id`.
fn rejected_by(article: &Article<'_>, id: &str) -> Option<String> {
    let ids: Vec<String> = article
        .analysis
        .disputes
        .iter()
        .filter(|d| d.against.iter().any(|a| a == id))
        .map(|d| article.id(&d.by))
        .collect();
    joined(ids)
}

/// Distinct ids in first-seen order, joined by " | "; null when none.
fn joined(mut ids: Vec<String>) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    Some(ids.join(" | ")).filter(|s| !s.is_empty())
}
