//! `attest bench --scaling`: how analysis time and memory grow with the size
//! of one article, for each of the [`Shape`]s. Each shape is measured first
//! on articles of a typical size (5 KB, repeated for half a second), then
//! once at each size asked for; the table gives seconds per MB and the time
//! per token as a multiple of the typical article's, so linear growth reads
//! as a column of ones whatever the machine.
//!
//! Each sized article is analysed in a process of its own (this command
//! again, with `--scaling-row`): memory the allocator kept from a larger
//! article would otherwise count as the next one's peak.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use attest::{Document, Pipeline};
use clap::ValueEnum;
use serde::{Deserialize, Serialize};

use super::shapes::Shape;

/// The size of a typical news article, in bytes.
const TYPICAL_BYTES: usize = 5_000;

/// How long the typical article is analysed over and over for its time.
const TYPICAL_TIME: Duration = Duration::from_millis(500);

/// One measured article.
#[derive(Debug, Serialize, Deserialize)]
pub struct Row {
    shape: String,
    bytes: usize,
    tokens: usize,
    seconds: f64,
    seconds_per_mb: f64,
    microseconds_per_token: f64,
    /// Time per token as a multiple of the typical article's (the parent
    /// process works it out).
    #[serde(skip_deserializing)]
    times_typical: f64,
    /// Peak resident memory of the process that analysed it (models
    /// included), when the system tells.
    peak_mb: Option<f64>,
    /// Seconds in each stage.
    stages: Vec<(String, f64)>,
}

/// Measure every shape at every size (in MB), writing the table as it goes.
pub fn run(
    pipeline: &Pipeline,
    shapes: &[Shape],
    sizes_mb: &[f64],
    out: &mut impl Write,
) -> anyhow::Result<Vec<Row>> {
    let shapes = if shapes.is_empty() {
        &Shape::ALL[..]
    } else {
        shapes
    };
    writeln!(
        out,
        "{:<18} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9} {:>8}  slowest stage",
        "shape", "MB", "tokens", "seconds", "s/MB", "µs/token", "x typical", "peak MB"
    )?;
    let mut rows = Vec::new();
    for &shape in shapes {
        let typical = typical(pipeline, shape);
        write_row(out, &typical)?;
        let per_token = typical.microseconds_per_token;
        rows.push(typical);
        for &mb in sizes_mb {
            let mut row = measure_apart(shape, (mb * 1_000_000.0) as usize)?;
            row.times_typical = row.microseconds_per_token / per_token;
            write_row(out, &row)?;
            rows.push(row);
        }
    }
    Ok(rows)
}

/// The shape at the typical size, analysed over and over for
/// [`TYPICAL_TIME`]: its time is that of one analysis.
fn typical(pipeline: &Pipeline, shape: Shape) -> Row {
    let doc = document(shape, TYPICAL_BYTES);
    let (mut runs, mut tokens, mut elapsed) = (0u32, 0, Duration::ZERO);
    let mut stages = vec![Duration::ZERO; pipeline.stage_names().len()];
    while elapsed < TYPICAL_TIME {
        let started = Instant::now();
        let (annotated, times) = pipeline.run_timed(doc.clone());
        elapsed += started.elapsed();
        tokens = annotated.tokens.len();
        for (total, t) in stages.iter_mut().zip(times) {
            *total += t;
        }
        runs += 1;
    }
    let stages = stages.into_iter().map(|t| t / runs).collect();
    let mut row = row(
        pipeline,
        shape,
        TYPICAL_BYTES,
        tokens,
        elapsed / runs,
        stages,
    );
    row.times_typical = 1.0;
    row
}

/// Measure one article of `shape` and `bytes` in a process of its own: this
/// command, as it was called, asked for that one row.
fn measure_apart(shape: Shape, bytes: usize) -> anyhow::Result<Row> {
    let spec = format!("{}:{bytes}", value_name(shape));
    let exe = std::env::current_exe().context("cannot find the attest executable")?;
    let output = Command::new(exe)
        .args(std::env::args_os().skip(1))
        .args(["--scaling-row", &spec])
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("cannot start the measurement of {spec}"))?;
    if !output.status.success() {
        anyhow::bail!("the measurement of {spec} failed ({})", output.status);
    }
    let last = String::from_utf8_lossy(&output.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    serde_json::from_str(&last)
        .with_context(|| format!("the measurement of {spec} printed no row: {last:?}"))
}

/// `--scaling-row SHAPE:BYTES`: analyse that one article and print its row
/// as JSON (times typical unknown here).
pub fn one(pipeline: &Pipeline, spec: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let (shape, bytes) = spec
        .split_once(':')
        .and_then(|(shape, bytes)| Some((Shape::from_str(shape, false).ok()?, bytes.parse().ok()?)))
        .with_context(|| format!("--scaling-row takes SHAPE:BYTES, not {spec:?}"))?;
    let row = measure(pipeline, shape, bytes);
    serde_json::to_writer(&mut *out, &row)?;
    writeln!(out)?;
    Ok(())
}

fn measure(pipeline: &Pipeline, shape: Shape, bytes: usize) -> Row {
    let doc = document(shape, bytes);
    reset_peak_memory();
    let started = Instant::now();
    let (annotated, stages) = pipeline.run_timed(doc);
    let elapsed = started.elapsed();
    let mut row = row(
        pipeline,
        shape,
        bytes,
        annotated.tokens.len(),
        elapsed,
        stages,
    );
    row.peak_mb = peak_memory_mb();
    row
}

/// The shape's name on the command line.
fn value_name(shape: Shape) -> String {
    shape
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_owned())
}

fn row(
    pipeline: &Pipeline,
    shape: Shape,
    bytes: usize,
    tokens: usize,
    elapsed: Duration,
    stages: Vec<Duration>,
) -> Row {
    let seconds = elapsed.as_secs_f64();
    let stages = pipeline
        .stage_names()
        .into_iter()
        .zip(stages)
        .map(|(name, t)| (name.to_owned(), t.as_secs_f64()))
        .collect();
    Row {
        shape: shape.name().to_owned(),
        bytes,
        tokens,
        seconds,
        seconds_per_mb: seconds / (bytes as f64 / 1e6),
        microseconds_per_token: seconds * 1e6 / tokens.max(1) as f64,
        times_typical: f64::NAN,
        peak_mb: None,
        stages,
    }
}

fn document(shape: Shape, bytes: usize) -> Document {
    let mut doc = Document::from_text(shape.article(bytes));
    doc.id = format!("scaling-{bytes}");
    doc
}

fn write_row(out: &mut impl Write, row: &Row) -> std::io::Result<()> {
    let peak = row.peak_mb.map_or("-".to_owned(), |mb| format!("{mb:.0}"));
    let slowest =
        row.stages
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(String::new(), |(name, t)| {
                format!(
                    "{name} {:.0}%",
                    100.0 * t / row.seconds.max(f64::MIN_POSITIVE)
                )
            });
    writeln!(
        out,
        "{:<18} {:>9.3} {:>10} {:>9.3} {:>9.3} {:>9.3} {:>9.2} {:>8}  {slowest}",
        row.shape,
        row.bytes as f64 / 1e6,
        row.tokens,
        row.seconds,
        row.seconds_per_mb,
        row.microseconds_per_token,
        row.times_typical,
        peak
    )?;
    out.flush()
}

/// Start a new peak of resident memory (Linux: `/proc/self/clear_refs`).
fn reset_peak_memory() {
    // Best effort: where it cannot be reset, the peak is the process's.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident memory since the last reset, in MB (Linux: `VmHWM`).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
