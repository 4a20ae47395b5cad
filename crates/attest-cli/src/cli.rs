//! Command-line arguments.

use std::path::PathBuf;

use attest::read::InputFormat;
use attest::tables::Table;
use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::commands::bench::Shape;

mod train;
pub use train::{ClusterArgs, QuoteTrainArgs, TaggedTrainArgs, TrainArgs, TrainCommand};

/// attest: evidence-backed records from dated news articles. Who said what,
/// who did what to whom, when and where, and according to whom.
#[derive(Debug, Parser)]
#[command(
    name = "attest",
    version,
    propagate_version = true,
    disable_help_subcommand = true
)]
#[command(
    after_help = "Examples:\n  attest extract samples/kabul-cooperation.txt --format text\n  attest ingest samples/ --db news.db\n  attest search 'Taliban AND Kabul' --db news.db"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse articles and print their records (JSON by default).
    #[command(
        after_help = "Examples:\n  attest extract article.txt --pretty\n  attest extract corpus/ > records.jsonl\n  cat page.html | attest extract - --input-format html --format text"
    )]
    Extract(ExtractArgs),
    /// Analyse articles and store them, skipping those already stored.
    #[command(
        after_help = "Examples:\n  attest ingest samples/ --db news.db\n  attest ingest feed.jsonl more/ --db news.db --json"
    )]
    Ingest(IngestArgs),
    /// Full-text search over stored articles (FTS5 query syntax).
    #[command(
        after_help = "Examples:\n  attest search Taliban\n  attest search '\"took control\" AND Kabul' --limit 5 --json\n  attest search 'title:report OR counterterror*'"
    )]
    Search(SearchArgs),
    /// Counts over a store, after a quick check that it is sound.
    #[command(after_help = "Example:\n  attest stats --db news.db --json")]
    Stats(StatsArgs),
    /// Check a store thoroughly (SQLite's integrity check and the full-text
    /// index's); says how to recover a damaged one.
    #[command(after_help = "Example:\n  attest check --db news.db")]
    Check(CheckArgs),
    /// Serve the HTTP API and the web UI over a store.
    #[command(
        after_help = "Examples:\n  attest serve --db news.db\n  attest serve --db news.db --addr 127.0.0.1:9000\n  ATTEST_TOKEN=secret attest serve --db news.db   # also accept POST /api/articles\n  attest serve --db news.db --request-timeout 30   # let requests run up to 30 s (default 10)"
    )]
    Serve(ServeArgs),
    /// Write the stored records out as tables for other tools (CSV, JSON Lines, Parquet).
    #[command(subcommand)]
    Export(ExportCommand),
    /// Measure attest against annotated data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Measure speed: the whole pipeline on real articles, one thread and all cores.
    #[command(
        after_help = "Examples:\n  attest bench ../shared/corpora/polnear/train/text\n  attest bench --scaling --sizes 1,5,30   # seconds per MB as one article grows, per shape"
    )]
    Bench(BenchArgs),
    /// Train a tagger (or word clusters) from annotated corpora.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Print the help of attest or of one of its commands.
    #[command(after_help = "Examples:\n  attest help\n  attest help export events")]
    Help(HelpArgs),
}

/// `attest help`.
#[derive(Debug, Args)]
pub struct HelpArgs {
    /// The command (and subcommand) to explain; none for attest itself.
    pub command: Vec<String>,
}

/// `attest bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print the figures as one JSON object, on the last line.
    #[arg(long)]
    pub json: bool,
    /// Instead of reading articles, generate one article of each shape that
    /// once made analysis cost grow faster than the text (prose, one long
    /// paragraph, no punctuation, a repeated quotation, quotation marks alone,
    /// unclosed quotations) at each of `--sizes`, and print the time per MB
    /// and per token against a typical 5 KB article of the same shape.
    #[arg(long, conflicts_with = "paths")]
    pub scaling: bool,
    /// Article sizes in MB for `--scaling`, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "1,5,30",
        requires = "scaling"
    )]
    pub sizes: Vec<f64>,
    /// The shapes `--scaling` measures, comma-separated (all by default).
    #[arg(long, value_enum, value_delimiter = ',', requires = "scaling")]
    pub shapes: Vec<Shape>,
    /// Measure one article (`SHAPE:BYTES`) and print its row as JSON: how
    /// `--scaling` measures each article in a process of its own, so that
    /// its peak memory is its own.
    #[arg(long, hide = true, requires = "scaling")]
    pub scaling_row: Option<String>,
    #[command(flatten)]
    pub models: ModelArgs,
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
}

/// Where articles come from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories (searched recursively); `-` or nothing reads standard input.
    pub paths: Vec<PathBuf>,
    /// Parse every input as this format instead of going by file extension:
    /// text, jsonl, json or html.
    #[arg(long, value_parser = parse_format)]
    pub input_format: Option<InputFormat>,
}

fn parse_format(s: &str) -> Result<InputFormat, String> {
    s.parse()
}

/// `attest extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: contract JSON (one object an article, a line each) or a readable report.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
    /// Indent the JSON (then several articles are no longer one a line).
    #[arg(long)]
    pub pretty: bool,
    /// Include every token with its tags.
    #[arg(long)]
    pub tokens: bool,
    #[command(flatten)]
    pub models: ModelArgs,
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
}

/// How `extract` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// The JSON contract.
    Json,
    /// A readable report.
    Text,
}

/// The store to use.
#[derive(Debug, Args)]
pub struct DbArgs {
    /// The database file.
    #[arg(long, env = "ATTEST_DB", default_value = "attest.db")]
    pub db: PathBuf,
}

/// `attest ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub db: DbArgs,
    /// Articles analysed and written per transaction.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch_size: u32,
    /// Replace a stored article when a different one comes with its id.
    #[arg(long)]
    pub replace: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub models: ModelArgs,
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
}

/// `attest search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", AND, OR, NOT, prefix*, NEAR(a b), title:word.
    pub query: String,
    #[command(flatten)]
    pub db: DbArgs,
    /// Most results to show (at least 1).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// Print `{"results": [...]}` instead of a list.
    #[arg(long)]
    pub json: bool,
}

/// `attest serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on (loopback by default: the API has no accounts).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Accept `POST /api/articles` from clients sending this bearer token.
    #[arg(long, env = "ATTEST_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Read-only store connections serving requests at once (default: twice
    /// the cores; SQLite reads are CPU work, and more only adds switching).
    #[arg(long)]
    pub readers: Option<usize>,
    /// Seconds a request may run before it is stopped and answered 504
    /// (its store query interrupted, nothing written).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = parse_timeout)]
    pub request_timeout: f64,
}

/// A request timeout: a positive number of seconds, at most a day.
fn parse_timeout(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds <= 86_400.0 => Ok(seconds),
        _ => Err(format!(
            "expected a number of seconds above 0 and at most 86400, not {value:?}"
        )),
    }
}

/// `attest stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `attest check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Print the findings as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `attest export ...`.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Every event of every stored article, one row an event: GDELT-compatible
    /// columns, then attest's own.
    #[command(
        long_about = export_help(Table::Events, EVENTS_HELP),
        after_help = export_examples(Table::Events)
    )]
    Events(ExportArgs),
    /// Every attribution of every stored article, one row an attribution: who
    /// said what, through whom.
    #[command(
        long_about = export_help(Table::Attributions, ATTRIBUTIONS_HELP),
        after_help = export_examples(Table::Attributions)
    )]
    Attributions(ExportArgs),
    /// Every entity (actor) of every stored article, one row an entity.
    #[command(
        long_about = export_help(Table::Entities, ENTITIES_HELP),
        after_help = export_examples(Table::Entities)
    )]
    Entities(ExportArgs),
    /// Every stored article, one row an article: metadata, text and record counts.
    #[command(
        long_about = export_help(Table::Articles, ARTICLES_HELP),
        after_help = export_examples(Table::Articles)
    )]
    Articles(ExportArgs),
}

impl ExportCommand {
    /// The table to export and how.
    pub fn into_parts(self) -> (Table, ExportArgs) {
        match self {
            ExportCommand::Events(args) => (Table::Events, args),
            ExportCommand::Attributions(args) => (Table::Attributions, args),
            ExportCommand::Entities(args) => (Table::Entities, args),
            ExportCommand::Articles(args) => (Table::Articles, args),
        }
    }
}

const EVENTS_HELP: &str = "Every event of every stored article, one row an event, articles in the \
order they were stored: GDELT 2.0 event columns, then attest's own (PLOVER type and mode, modality, \
evidence, attribution).\n\n\
Dates: Day is YYYYMMDD when the event's date has a day. GDELT documents Day only as a full \
date and has no form for a partial one, so a month-only date (2021-08) leaves Day empty with \
MonthYear 202108 and Year 2021, and a year-only date fills Year alone. FractionDate is \
YYYY + ((MONTH - 1) * 30 + DAY) / 365 to four places, an unknown month or day counting 0 (this \
keeps the codebook's stated range of 0 to 0.9999; its printed MONTH * 30 would pass 1 in \
December). An event without a date of its own takes the article's. \
DATEADDED is the article's date as YYYYMMDD.\n\n\
IsRootEvent is 1 when some evidence of the event lies in the article's lead paragraph, GDELT's \
proxy for importance: the text up to the first blank line (up to the first line break in a \
text without blank lines; the first sentence in a text without line breaks).\n\n\
Actors: codes, names and countries (CAMEO, ISO 3166-1 alpha-3) come from the entities; a place \
as target gives Actor2Name the place's name and Actor2Code and Actor2CountryCode its country. \
ActionGeo_CountryCode is ISO 3166-1 alpha-2 (GDELT uses FIPS 10-4, which differs for some \
countries). NumMentions counts the evidence spans; NumSources and NumArticles are 1. \
GlobalEventID is the article's store number and the event's id (\"12-v3\"); SOURCEURL is the \
article's URL, else its outlet, else its id.\n\n\
attest's columns: PloverType, PloverMode, Modality, Evidence (the evidence texts, whitespace \
collapsed, joined by \" | \"), EvidenceStart and EvidenceEnd (char offsets of the first \
evidence span), Attribution (\"speaker: cue\", the source's words when no speaker is known; \
empty when none) and AttributionVia (the outlets it came through, outermost first, joined by \
\" | \").";

const ATTRIBUTIONS_HELP: &str = "Every attribution of every stored article, one row an \
attribution, articles in the order they were stored: the speaker (an entity of the entities \
table when resolved), the words naming the source, the cue and the content, the outlets it came \
through, the attributions it disputes or is disputed by, and the char offsets of source, cue and \
content in the article text (the articles table's Text).";

const ENTITIES_HELP: &str = "Every entity (actor: person, organisation, group, outlet, \
country) of every stored article, one row an entity of an article, articles in the order they \
were stored: its name, kind, CAMEO code and country, its mentions, and how often it speaks and \
acts. An actor named in two articles has a row in each.";

const ARTICLES_HELP: &str = "Every stored article, one row an article, in the order they were \
stored: its date, outlet, URL, title, how many records of each kind were found in it, and its \
text, which the char offsets of the other tables index.";

/// A table's long help: what a row is, its columns, and what every format shares.
fn export_help(table: Table, intro: &str) -> String {
    let columns: Vec<String> = table
        .columns()
        .iter()
        .map(|c| format!("  {} ({})\n      {}", c.name, c.kind.name(), c.doc))
        .collect();
    format!(
        "{intro}\n\nColumns (every one may be empty):\n{}\n\n\
Ids of articles, attributions, entities and events are prefixed with the article's store number \
(\"12-a1\"), so that rows of every table join. CSV has a header line; JSON Lines rows have the \
same keys, numbers as numbers and empty cells as null; Parquet (with --out; in builds with the \
`parquet` feature) has the same columns typed as above. An article whose stored analysis cannot \
be read is reported on standard error and skipped; the summary there counts rows, articles and \
skips.",
        columns.join("\n")
    )
}

fn export_examples(table: Table) -> String {
    let name = table.name();
    format!(
        "Examples:\n  attest export {name} --db news.db --format csv --out {name}.csv\n  \
attest export {name} --db news.db --format jsonl | head\n  \
attest export {name} --db news.db --format parquet --out {name}.parquet"
    )
}

/// `attest export TABLE`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Output format: CSV with a header line, JSON Lines (one object a row), or Parquet (needs --out).
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output (replaced only once the export is complete).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// How `export` writes rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values with a header line.
    Csv,
    /// JSON Lines, one object a row.
    Jsonl,
    /// Apache Parquet, typed columns (to a file; builds with the `parquet` feature).
    Parquet,
}

/// `attest eval ...`.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Sentence and token boundaries against a Universal Dependencies treebank.
    #[command(
        after_help = "Example:\n  attest eval segment ../shared/corpora/ud/en_ewt/en_ewt-ud-dev.conllu"
    )]
    Segment(EvalFileArgs),
    /// Part-of-speech accuracy against a CoNLL-U file (XPOS column).
    #[command(
        after_help = "Example:\n  attest eval pos ../shared/corpora/ud/en_ewt/en_ewt-ud-dev.conllu --json"
    )]
    Pos(EvalTaggerArgs),
    /// Dependency parsing against a CoNLL-U treebank, on its own words: UAS,
    /// LAS, label accuracy and each relation's precision, recall and F1.
    #[command(
        after_help = "Example:\n  attest eval parse ../shared/corpora/ud/en_ewt/en_ewt-ud-dev.conllu\n  attest eval parse ../shared/corpora/ud/en_gum/en_gum-ud-dev.conllu --gold-pos --predictions errors.txt"
    )]
    Parse(EvalParseArgs),
    /// Chunk precision, recall and F1 against a CoNLL-2000 file (its POS column is used).
    #[command(after_help = "Example:\n  attest eval chunk ../shared/corpora/conll2000/dev-10.txt")]
    Chunk(EvalTaggerArgs),
    /// The seed article against its hand-made annotation (gold.json beside it).
    #[command(after_help = "Example:\n  attest eval seed ../shared/fixtures/seed/gold.json")]
    Seed(EvalSeedArgs),
    /// Entity precision, recall and F1 against a CoNLL-2003 or Universal NER file (NORP scored as MISC).
    #[command(after_help = "Example:\n  attest eval ner ../shared/corpora/conll2003/eng.testa")]
    Ner(EvalTaggerArgs),
    /// Attribution precision, recall and F1 against a PolNeAR split directory.
    #[command(after_help = "Example:\n  attest eval polnear ../shared/corpora/polnear/dev --json")]
    Polnear(EvalPolnearArgs),
    /// Event coding against a PETRARCH validation file, with its dictionaries only.
    #[command(
        after_help = "Example:\n  attest eval petrarch ../shared/corpora/petrarch/PETR.UnitTest.records.xml \\\n    --actors ../shared/corpora/petrarch/PETR.Validate.actors.txt \\\n    --agents ../shared/corpora/petrarch/PETR.Validate.agents.txt \\\n    --verbs ../shared/corpora/petrarch/PETR.Validate.verbs.txt \\\n    --discards ../shared/corpora/petrarch/PETR.Validate.discards.txt --show missed"
    )]
    Petrarch(EvalPetrarchArgs),
}

/// `attest eval petrarch`.
#[derive(Debug, Args)]
pub struct EvalPetrarchArgs {
    #[command(flatten)]
    pub eval: EvalFileArgs,
    /// PETRARCH actor dictionary (repeatable).
    #[arg(long, value_name = "FILE", required = true)]
    pub actors: Vec<PathBuf>,
    /// PETRARCH agent dictionary (repeatable).
    #[arg(long, value_name = "FILE", required = true)]
    pub agents: Vec<PathBuf>,
    /// PETRARCH verb dictionary (repeatable).
    #[arg(long, value_name = "FILE", required = true)]
    pub verbs: Vec<PathBuf>,
    /// PETRARCH discard list (repeatable).
    #[arg(long, value_name = "FILE")]
    pub discards: Vec<PathBuf>,
    /// Print each record's text with its expected and predicted events: the
    /// records with missed events, with extra events, or all of them.
    #[arg(long, value_enum)]
    pub show: Option<ShowRecords>,
    #[command(flatten)]
    pub models: ModelArgs,
}

impl EvalPetrarchArgs {
    /// The given dictionaries and none of the built-in ones.
    pub fn dictionaries(&self) -> attest::pipeline::DictionaryFiles {
        attest::pipeline::DictionaryFiles {
            actors: self.actors.clone(),
            agents: self.agents.clone(),
            discards: self.discards.clone(),
            no_builtin: true,
            verbs: self.verbs.clone(),
            no_builtin_verbs: true,
        }
    }
}

/// Which records `attest eval petrarch --show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowRecords {
    /// Records with an expected event not predicted.
    Missed,
    /// Records with a predicted event not expected.
    Extra,
    /// Every record.
    All,
}

/// `attest eval polnear`.
#[derive(Debug, Args)]
pub struct EvalPolnearArgs {
    #[command(flatten)]
    pub eval: EvalFileArgs,
    /// Score only every Nth article of the split (the articles `attest train
    /// quotes --hold-out N` leaves out of training).
    #[arg(long, default_value_t = 1)]
    pub every: usize,
    /// Write each article's predicted attributions to DIR/NAME.ann (brat standoff).
    #[arg(long, value_name = "DIR")]
    pub write_ann: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub models: ModelArgs,
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
}

/// Actor dictionaries besides (or instead of) the built-in one.
#[derive(Debug, Args, Clone, Default)]
pub struct DictionaryArgs {
    /// Actor dictionary to add (repeatable): the project's TOML format (a `.toml`
    /// file, as in `data/actors/`, with actors and agents) or PETRARCH/TABARI's.
    #[arg(long = "actors", value_name = "FILE")]
    pub actors: Vec<PathBuf>,
    /// PETRARCH/TABARI agent dictionary to add (repeatable).
    #[arg(long = "agents", value_name = "FILE")]
    pub agents: Vec<PathBuf>,
    /// PETRARCH/TABARI discard list to add (repeatable).
    #[arg(long = "discards", value_name = "FILE")]
    pub discards: Vec<PathBuf>,
    /// Use only the given dictionaries, not the built-in one.
    #[arg(long)]
    pub no_builtin_actors: bool,
    /// PETRARCH verb dictionary to add (repeatable).
    #[arg(long = "verbs", value_name = "FILE")]
    pub verbs: Vec<PathBuf>,
    /// Use only the given verb dictionaries, not the built-in one.
    #[arg(long)]
    pub no_builtin_verbs: bool,
}

impl DictionaryArgs {
    /// The dictionary files to load.
    pub fn files(&self) -> attest::pipeline::DictionaryFiles {
        attest::pipeline::DictionaryFiles {
            actors: self.actors.clone(),
            agents: self.agents.clone(),
            discards: self.discards.clone(),
            no_builtin: self.no_builtin_actors,
            verbs: self.verbs.clone(),
            no_builtin_verbs: self.no_builtin_verbs,
        }
    }
}

/// Model files that replace the embedded ones.
#[derive(Debug, Args, Clone, Default)]
pub struct ModelArgs {
    /// Part-of-speech model file.
    #[arg(long)]
    pub pos_model: Option<PathBuf>,
    /// Chunk model file.
    #[arg(long)]
    pub chunk_model: Option<PathBuf>,
    /// Entity model file.
    #[arg(long)]
    pub ner_model: Option<PathBuf>,
    /// Attribution model file.
    #[arg(long)]
    pub quotes_model: Option<PathBuf>,
    /// Dependency parser model file.
    #[arg(long)]
    pub parse_model: Option<PathBuf>,
}

impl ModelArgs {
    /// Where each model comes from.
    pub fn paths(&self) -> attest::learn::model::ModelPaths {
        attest::learn::model::ModelPaths {
            pos: self.pos_model.clone(),
            chunk: self.chunk_model.clone(),
            ner: self.ner_model.clone(),
            quotes: self.quotes_model.clone(),
            parse: self.parse_model.clone(),
        }
    }
}

/// `attest eval seed`.
#[derive(Debug, Args)]
pub struct EvalSeedArgs {
    #[command(flatten)]
    pub eval: EvalFileArgs,
    #[command(flatten)]
    pub models: ModelArgs,
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
}

/// An evaluation of the taggers over one corpus file.
#[derive(Debug, Args)]
pub struct EvalTaggerArgs {
    #[command(flatten)]
    pub eval: EvalFileArgs,
    #[command(flatten)]
    pub models: ModelArgs,
    /// Also write each token with its gold and predicted tag to this file
    /// (`word gold predicted`, a blank line after each sentence: the layout
    /// conlleval reads), for error analysis.
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
}

/// `attest eval parse`.
#[derive(Debug, Args)]
pub struct EvalParseArgs {
    #[command(flatten)]
    pub tagger: EvalTaggerArgs,
    /// Parse with the treebank's own parts of speech instead of the tagger's.
    #[arg(long)]
    pub gold_pos: bool,
}

/// An evaluation over one corpus file.
#[derive(Debug, Args)]
pub struct EvalFileArgs {
    /// The annotated file.
    pub file: PathBuf,
    /// Also print the figures as one JSON object, on the last line.
    #[arg(long)]
    pub json: bool,
}
