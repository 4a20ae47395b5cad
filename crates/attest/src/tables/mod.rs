//! Flat tables of analyses, for tools that read rows: CSV, JSON Lines,
//! Parquet, pandas, Spark.
//!
//! One [`Table`] a kind of record: events (GDELT-compatible columns, then
//! attest's own), attributions, entities and articles. Every row of the last
//! three carries the article's id, date, outlet and URL, so that a row read on
//! its own still says where it came from. A [`Tabulator`] turns one analysed
//! article into the rows of a table; every row has exactly the table's
//! [`Table::columns`], in order, each cell a string, a number or null as the
//! column's [`ColumnType`] says.
//!
//! Ids in rows are prefixed with the article's key (`"12-e3"`, `"12-v1"`), so
//! that rows of many articles join without clashes.

mod articles;
mod attributions;
mod entities;
mod events;

use std::collections::HashMap;
use std::str::FromStr;

use serde_json::{Map, Value};

use crate::Analysis;
use crate::contract::{Attribution, Entity, Place};
use crate::model::span::TextSpan;

/// One exported row: column name to cell, in column order.
pub type Row = Map<String, Value>;

/// A kind of record exported as a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row an event: GDELT 2.0 event columns, then attest's own.
    Events,
    /// One row an attribution: who said what, through whom.
    Attributions,
    /// One row an entity (actor) of an article.
    Entities,
    /// One row an article: its metadata, text and record counts.
    Articles,
}

impl Table {
    /// Every table, in the order the documentation lists them.
    pub const ALL: [Table; 4] = [
        Table::Events,
        Table::Attributions,
        Table::Entities,
        Table::Articles,
    ];

    /// The table's name, as the command line and file names spell it.
    pub fn name(self) -> &'static str {
        match self {
            Table::Events => "events",
            Table::Attributions => "attributions",
            Table::Entities => "entities",
            Table::Articles => "articles",
        }
    }

    /// The table's columns, in row order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Events => events::COLUMNS,
            Table::Attributions => attributions::COLUMNS,
            Table::Entities => entities::COLUMNS,
            Table::Articles => articles::COLUMNS,
        }
    }
}

impl FromStr for Table {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Table::ALL
            .into_iter()
            .find(|table| table.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
                format!("no table {name:?}; the tables are {}", names.join(", "))
            })
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a column's cells hold. Every column is nullable: a cell that does
/// not apply or is not known is null (empty in CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// A string.
    Text,
    /// A whole number (64-bit signed is wide enough for every one).
    Integer,
    /// A floating-point number.
    Float,
}

impl ColumnType {
    /// Its name in help texts and schemas: "text", "integer" or "float".
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Integer => "integer",
            ColumnType::Float => "float",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The column's name: the CSV header and the JSON key.
    pub name: &'static str,
    /// What its cells hold.
    pub kind: ColumnType,
    /// What it means, in one line.
    pub doc: &'static str,
}

impl Column {
    const fn text(name: &'static str, doc: &'static str) -> Self {
        Column {
            name,
            kind: ColumnType::Text,
            doc,
        }
    }

    const fn integer(name: &'static str, doc: &'static str) -> Self {
        Column {
            name,
            kind: ColumnType::Integer,
            doc,
        }
    }

    const fn float(name: &'static str, doc: &'static str) -> Self {
        Column {
            name,
            kind: ColumnType::Float,
            doc,
        }
    }
}

/// Makes the rows of analysed articles. Built once: it holds the country
/// code table that events need.
#[derive(Debug, Clone)]
pub struct Tabulator {
    /// ISO 3166-1 alpha-2 country codes (the places') to alpha-3 (the actors').
    countries: HashMap<&'static str, String>,
}

impl Default for Tabulator {
    fn default() -> Self {
        Tabulator::new()
    }
}

impl Tabulator {
    /// A tabulator with the built-in country codes.
    pub fn new() -> Self {
        Tabulator {
            countries: events::country_codes(),
        }
    }

    /// The rows of one analysed article. `key` names the article in row ids
    /// (the store's article number for a store export, the document id
    /// elsewhere). Each row's keys are exactly `table.columns()`, in order.
    pub fn rows(&self, table: Table, key: &str, analysis: &Analysis) -> Vec<Row> {
        let article = Article::new(key, analysis);
        match table {
            Table::Events => events::rows(&article, &self.countries),
            Table::Attributions => attributions::rows(&article),
            Table::Entities => entities::rows(&article),
            Table::Articles => vec![articles::row(&article)],
        }
    }
}

/// One analysed article and its records by id: what the rows of every table
/// look up.
struct Article<'a> {
    key: &'a str,
    analysis: &'a Analysis,
    entities: HashMap<&'a str, &'a Entity>,
    places: HashMap<&'a str, &'a Place>,
    attributions: HashMap<&'a str, &'a Attribution>,
}

impl<'a> Article<'a> {
    fn new(key: &'a str, analysis: &'a Analysis) -> Self {
        Article {
            key,
            analysis,
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
        }
    }

    /// A record id made unique across articles: `"{key}-{id}"`.
    fn id(&self, id: &str) -> String {
        format!("{}-{id}", self.key)
    }

    /// A row that starts with the cells every row of the attribution, entity
    /// and article tables shares: ArticleID, then `id_column`, Date, Source,
    /// URL (the article table passes no id column of its own).
    fn row_head(&self, id_column: Option<(&str, &str)>) -> Row {
        let doc = &self.analysis.document;
        let mut row = Row::new();
        put(&mut row, "ArticleID", self.key);
        if let Some((column, id)) = id_column {
            put(&mut row, column, self.id(id));
        }
        put(&mut row, "Date", doc.date.map(|d| d.to_string()));
        put(&mut row, "Source", doc.source.as_deref());
        put(&mut row, "URL", doc.url.as_deref());
        row
    }

    /// The name of the entity with this id, if there is one.
    fn entity_name(&self, id: &str) -> Option<&'a str> {
        self.entities.get(id).map(|e| e.name.as_str())
    }

    /// Names of the entities with these ids (unknown ids left out), joined by
    /// `" | "`; null when none.
    fn entity_names(&self, ids: &[String]) -> Option<String> {
        let names: Vec<&str> = ids.iter().filter_map(|id| self.entity_name(id)).collect();
        Some(names.join(" | ")).filter(|s| !s.is_empty())
    }
}

/// The shared head columns of the attribution, entity and article tables,
/// after ArticleID and the table's own id.
const DATE: Column = Column::text("Date", "The article's date (YYYY-MM-DD).");
const SOURCE: Column = Column::text("Source", "The outlet that published the article.");
const URL: Column = Column::text("URL", "Where the article was published.");
const ARTICLE_ID: Column = Column::text(
    "ArticleID",
    "The article's key: its store number in a store export, else its document id.",
);

/// Add a cell; a non-finite float becomes null (JSON has no NaN).
fn put(row: &mut Row, column: &str, value: impl Into<Value>) {
    row.insert(column.to_owned(), value.into());
}

/// Runs of whitespace as one space: a cell on one line.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The texts of spans, whitespace collapsed, joined by `separator`; null when
/// there are none.
fn texts(spans: &[TextSpan], separator: &str) -> Option<String> {
    let joined = spans
        .iter()
        .map(|s| collapse(&s.text))
        .collect::<Vec<_>>()
        .join(separator);
    Some(joined).filter(|s| !s.is_empty())
}

/// Char offsets from the start of the first span to the end of the last: the
/// stretch of text that holds them all.
fn char_range(spans: &[TextSpan]) -> (Option<usize>, Option<usize>) {
    (
        spans.iter().map(|s| s.char_start).min(),
        spans.iter().map(|s| s.char_end).max(),
    )
}

#[cfg(test)]
mod tests;
