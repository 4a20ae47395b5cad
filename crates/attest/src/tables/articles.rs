//! The articles table: one row an article, its metadata, its text (which
//! every char offset of the other tables indexes) and how many records of
//! each kind it holds.

use super::{ARTICLE_ID, Article, Column, DATE, Row, SOURCE, URL, put};

/// The articles table's columns.
pub(super) const COLUMNS: &[Column] = &[
    ARTICLE_ID,
    DATE,
    SOURCE,
    URL,
    Column::text(
        "DocumentID",
        "The document id given with the article (or its file name, or a content hash).",
    ),
    Column::text("Title", "The headline."),
    Column::integer("Characters", "Length of the text in characters."),
    Column::integer("Sentences", "Sentences in the text."),
    Column::integer("Entities", "Entities (actors) found."),
    Column::integer("Places", "Places found."),
    Column::integer("Attributions", "Attributions found."),
    Column::integer("Events", "Events found."),
    Column::integer(
        "Disputes",
        "Denials and contradictions between sources found.",
    ),
    Column::text(
        "Text",
        "The article text as analysed; the char offsets of every table index it.",
    ),
];

/// The row of one article.
pub(super) fn row(article: &Article<'_>) -> Row {
    let analysis = article.analysis;
    let doc = &analysis.document;
    let mut row = article.row_head(None);
    put(&mut row, "DocumentID", doc.id.as_str());
    put(&mut row, "Title", doc.title.as_deref());
    put(&mut row, "Characters", doc.text.chars().count());
    put(&mut row, "Sentences", analysis.sentences.len());
    put(&mut row, "Entities", analysis.entities.len());
    put(&mut row, "Places", analysis.places.len());
    put(&mut row, "Attributions", analysis.attributions.len());
    put(&mut row, "Events", analysis.events.len());
    put(&mut row, "Disputes", analysis.disputes.len());
    put(&mut row, "Text", doc.text.as_str());
    row
}
