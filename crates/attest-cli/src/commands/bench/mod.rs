//! `attest bench`: the speed of the pipeline as it stands, on real articles,
//! on one thread and on all cores, measured in the same run.

mod scaling;
mod shapes;

pub use shapes::Shape;

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use attest::{Document, Pipeline};
use rayon::prelude::*;
use serde::Serialize;

use crate::batches::{next_batch, open_inputs};
use crate::cli::BenchArgs;

#[derive(Serialize)]
struct Report {
    articles: usize,
    tokens: usize,
    model_load_ms: Vec<(String, f64)>,
    one_thread: Throughput,
    all_cores: Throughput,
    threads: usize,
    speedup: f64,
    stages: Vec<StageTime>,
}

#[derive(Serialize)]
struct Throughput {
    seconds: f64,
    articles_per_second: f64,
    tokens_per_second: f64,
}

#[derive(Serialize)]
struct StageTime {
    stage: String,
    seconds: f64,
    share: f64,
    tokens_per_second: f64,
}

fn throughput(elapsed: Duration, articles: usize, tokens: usize) -> Throughput {
    let seconds = elapsed.as_secs_f64();
    Throughput {
        seconds,
        articles_per_second: articles as f64 / seconds,
        tokens_per_second: tokens as f64 / seconds,
    }
}

fn load_times(args: &BenchArgs) -> anyhow::Result<Vec<(String, f64)>> {
    let paths = args.models.paths();
    let time = |f: &dyn Fn() -> anyhow::Result<()>| -> anyhow::Result<f64> {
        let start = Instant::now();
        f()?;
        Ok(start.elapsed().as_secs_f64() * 1000.0)
    };
    Ok(vec![
        (
            "pos".into(),
            time(&|| Ok(attest::tag::load_pos(paths.pos.as_deref()).map(drop)?))?,
        ),
        (
            "chunk".into(),
            time(&|| Ok(attest::tag::load_chunk(paths.chunk.as_deref()).map(drop)?))?,
        ),
        (
            "ner".into(),
            time(&|| Ok(attest::tag::load_ner(paths.ner.as_deref()).map(drop)?))?,
        ),
        (
            "parse".into(),
            time(&|| Ok(attest::parse::Parser::load(paths.parse.as_deref()).map(drop)?))?,
        ),
    ])
}

pub fn run(args: &BenchArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    if args.scaling {
        let pipeline = Pipeline::with_resources(&args.models.paths(), &args.dictionaries.files())?;
        if let Some(row) = &args.scaling_row {
            scaling::one(&pipeline, row, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        let rows = scaling::run(&pipeline, &args.shapes, &args.sizes, out)?;
        if args.json {
            serde_json::to_writer(&mut *out, &rows)?;
            writeln!(out)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut model_load_ms = load_times(args)?;
    let started = Instant::now();
    let pipeline = Pipeline::with_resources(&args.models.paths(), &args.dictionaries.files())?;
    model_load_ms.push((
        "pipeline (all models and word caches)".into(),
        started.elapsed().as_secs_f64() * 1000.0,
    ));
    let mut inputs = open_inputs(&args.input)?;
    let mut documents: Vec<Document> = Vec::new();
    while let Some(batch) = next_batch(&mut inputs, 1024) {
        documents.extend(batch.documents);
    }
    if documents.is_empty() {
        anyhow::bail!("no articles to measure");
    }
    let names = pipeline.stage_names();
    let mut stage_totals = vec![Duration::ZERO; names.len()];
    let mut tokens = 0;
    let started = Instant::now();
    for doc in documents.iter().cloned() {
        let (annotated, times) = pipeline.run_timed(doc);
        tokens += annotated.tokens.len();
        for (total, t) in stage_totals.iter_mut().zip(times) {
            *total += t;
        }
    }
    let one = started.elapsed();
    let started = Instant::now();
    let parallel_tokens: usize = documents
        .par_iter()
        .cloned()
        .map(|d| pipeline.run(d).tokens.len())
        .sum();
    let all = started.elapsed();
    debug_assert_eq!(parallel_tokens, tokens);
    let sum: f64 = stage_totals.iter().map(Duration::as_secs_f64).sum();
    let report = Report {
        articles: documents.len(),
        tokens,
        model_load_ms,
        one_thread: throughput(one, documents.len(), tokens),
        all_cores: throughput(all, documents.len(), tokens),
        threads: rayon::current_num_threads(),
        speedup: one.as_secs_f64() / all.as_secs_f64(),
        stages: names
            .iter()
            .zip(&stage_totals)
            .map(|(name, t)| StageTime {
                stage: (*name).to_owned(),
                seconds: t.as_secs_f64(),
                share: t.as_secs_f64() / sum,
                tokens_per_second: tokens as f64 / t.as_secs_f64(),
            })
            .collect(),
    };
    write_report(out, &report)?;
    if args.json {
        serde_json::to_writer(&mut *out, &report)?;
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_report(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    writeln!(out, "{} articles, {} tokens", r.articles, r.tokens)?;
    for (model, ms) in &r.model_load_ms {
        writeln!(out, "load {model:<6} {ms:>8.1} ms")?;
    }
    writeln!(
        out,
        "{:<22} {:>10} {:>12} {:>14}",
        "", "seconds", "articles/s", "tokens/s"
    )?;
    for (label, t) in [
        ("one thread", &r.one_thread),
        (&format!("all cores ({})", r.threads)[..], &r.all_cores),
    ] {
        writeln!(
            out,
            "{label:<22} {:>10.3} {:>12.1} {:>14.0}",
            t.seconds, t.articles_per_second, t.tokens_per_second
        )?;
    }
    writeln!(out, "speed-up on all cores: {:.2}x", r.speedup)?;
    writeln!(out, "per stage, one thread:")?;
    for s in &r.stages {
        writeln!(
            out,
            "  {:<10} {:>8.3} s {:>6.1}% {:>14.0} tokens/s",
            s.stage,
            s.seconds,
            s.share * 100.0,
            s.tokens_per_second
        )?;
    }
    Ok(())
}
