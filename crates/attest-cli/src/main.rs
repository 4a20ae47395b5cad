//! The `attest` binary: wires the core library and the store to the command
//! line, nothing more.

mod batches;
mod cli;
mod commands;
mod report;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, EvalCommand, TrainCommand};

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .without_time()
        .with_target(false)
        .with_ansi(io::stderr().is_terminal())
        .init();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Extract(args) => commands::extract::run(&args, &mut out),
        Command::Ingest(args) => commands::ingest::run(&args, &mut out),
        Command::Search(args) => commands::search::run(&args, &mut out),
        Command::Stats(args) => commands::stats::run(&args, &mut out),
        Command::Check(args) => commands::check::run(&args, &mut out),
        Command::Help(args) => commands::help::run(&args, &mut out),
        Command::Serve(args) => commands::serve::run(&args, &mut out),
        Command::Export(command) => {
            let (table, args) = command.into_parts();
            commands::export::run(table, &args, &mut out)
        }
        Command::Bench(args) => commands::bench::run(&args, &mut out),
        Command::Eval(EvalCommand::Segment(args)) => commands::eval::segment(&args, &mut out),
        Command::Eval(EvalCommand::Pos(args)) => commands::eval::pos(&args, &mut out),
        Command::Eval(EvalCommand::Parse(args)) => commands::eval::parse(&args, &mut out),
        Command::Eval(EvalCommand::Seed(args)) => commands::eval::seed(&args, &mut out),
        Command::Eval(EvalCommand::Chunk(args)) => commands::eval::chunk(&args, &mut out),
        Command::Eval(EvalCommand::Ner(args)) => commands::eval::ner(&args, &mut out),
        Command::Eval(EvalCommand::Polnear(args)) => commands::eval::polnear(&args, &mut out),
        Command::Eval(EvalCommand::Petrarch(args)) => commands::eval::petrarch(&args, &mut out),
        Command::Train(TrainCommand::Pos(args)) => commands::train::pos(&args),
        Command::Train(TrainCommand::Clusters(args)) => commands::train::clusters(&args),
        Command::Train(TrainCommand::Chunk(args)) => commands::train::chunk(&args),
        Command::Train(TrainCommand::Ner(args)) => commands::train::ner(&args),
        Command::Train(TrainCommand::Parse(args)) => commands::train::parse(&args),
        Command::Train(TrainCommand::Quotes(args)) => commands::train::quotes(&args),
    };
    let result = result.and_then(|status| {
        out.flush()?;
        Ok(status)
    });
    match result {
        Ok(status) => status,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("attest: error: {}", message(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, each said once: a cause whose message the ones
/// above it already quote (a context repeating its source's message) adds
/// nothing and is left out.
pub(crate) fn message(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// Output cut short by the reader (`attest extract dir | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::message;

    #[test]
    fn a_cause_quoted_above_is_said_once() {
        let source = std::io::Error::other("disk on fire");
        let error = anyhow::Error::new(source)
            .context("cannot write out.csv: disk on fire")
            .context("export failed");
        assert_eq!(
            message(&error),
            "export failed: cannot write out.csv: disk on fire"
        );
    }
}
