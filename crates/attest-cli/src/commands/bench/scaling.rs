//! `attest bench --scaling`: how analysis time and memory grow with the size
//! of one article, for each of the [`Shape`]s. Each shape is measured first
//! on articles of a typical size (5 KB, repeated for half a second), then
//! once at each size asked for; the table gives seconds per MB and the time
//! per token as a multiple of the typical article's, so linear growth reads
//! as a column of ones whatever the machine.

use std::io::Write;
use std::time::{Duration, Instant};

use attest::{Document, Pipeline};
use serde::Serialize;

use super::shapes::Shape;

/// The size of a typical news article, in bytes.
const TYPICAL_BYTES: usize = 5_000;

/// How long the typical article is analysed over and over for its time.
const TYPICAL_TIME: Duration = Duration::from_millis(500);

/// One measured article.
#[derive(Debug, Serialize)]
pub struct Row {
    shape: &'static str,
    bytes: usize,
    tokens: usize,
    seconds: f64,
    seconds_per_mb: f64,
    microseconds_per_token: f64,
    /// Time per token as a multiple of the typical article's.
    times_typical: f64,
    /// Peak resident memory while analysing it, when the system tells.
    peak_mb: Option<f64>,
    /// Seconds in each stage.
    stages: Vec<(&'static str, f64)>,
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
            let row = measure(pipeline, shape, (mb * 1_000_000.0) as usize, per_token);
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

fn measure(pipeline: &Pipeline, shape: Shape, bytes: usize, typical_per_token: f64) -> Row {
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
    row.times_typical = row.microseconds_per_token / typical_per_token;
    row
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
        .map(|(name, t)| (name, t.as_secs_f64()))
        .collect();
    Row {
        shape: shape.name(),
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
