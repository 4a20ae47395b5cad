//! Command-line arguments.

use std::path::PathBuf;

use attest::read::InputFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// attest: evidence-backed records from dated news articles. Who said what,
/// who did what to whom, when and where, and according to whom.
#[derive(Debug, Parser)]
#[command(name = "attest", version, propagate_version = true)]
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
    /// Counts over a store.
    #[command(after_help = "Example:\n  attest stats --db news.db --json")]
    Stats(StatsArgs),
    /// Measure attest against annotated data.
    #[command(subcommand)]
    Eval(EvalCommand),
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
    /// Include every token.
    #[arg(long)]
    pub tokens: bool,
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
}

/// `attest search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", AND, OR, NOT, prefix*, NEAR(a b), title:word.
    pub query: String,
    #[command(flatten)]
    pub db: DbArgs,
    /// Most results to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print `{"results": [...]}` instead of a list.
    #[arg(long)]
    pub json: bool,
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

/// `attest eval ...`.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Sentence and token boundaries against a Universal Dependencies treebank.
    #[command(
        after_help = "Example:\n  attest eval segment ../shared/corpora/ud/en_ewt/en_ewt-ud-dev.conllu"
    )]
    Segment(EvalFileArgs),
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
