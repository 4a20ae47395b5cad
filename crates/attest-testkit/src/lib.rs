//! Helpers for attest's tests.
//!
//! Tests that need the shared corpora and fixtures (`../shared` beside the
//! repository, or `$ATTEST_SHARED`) call [`shared`]: when the folder is absent
//! the test is skipped with a printed notice, except under `CI=true`, where a
//! missing folder fails the test.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The path of `relative` inside the shared folder, or `None` (after printing
/// a notice) when the shared folder is absent and this is not CI.
///
/// # Panics
/// Under `CI=true` when the shared folder or the path is missing.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let root = std::env::var_os("ATTEST_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"));
    let path = root.join(relative);
    if path.exists() {
        return Some(path);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(!ci, "CI=true but {} is missing", path.display());
    eprintln!(
        "notice: skipping, {} is absent (set ATTEST_SHARED to the shared folder)",
        path.display()
    );
    None
}

/// Check every span object (`{"start", "end", "char_start", "char_end",
/// "text"}`) in a contract JSON value against `document.text`: in bounds, on
/// char boundaries, char offsets matching byte offsets, and slicing to its
/// `text`. Returns the number of spans checked.
///
/// # Errors
/// The first span that fails, described.
pub fn check_spans(analysis: &Value) -> Result<usize, String> {
    let text = analysis["document"]["text"]
        .as_str()
        .ok_or("no document.text")?;
    let mut checked = 0;
    let mut pending = vec![analysis];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(object) if object.contains_key("char_start") => {
                check_span(text, value)?;
                checked += 1;
            }
            Value::Object(object) => pending.extend(object.values()),
            Value::Array(items) => pending.extend(items),
            _ => {}
        }
    }
    Ok(checked)
}

fn check_span(text: &str, span: &Value) -> Result<(), String> {
    let number = |key: &str| {
        span[key]
            .as_u64()
            .map(|n| n as usize)
            .ok_or_else(|| format!("span without {key}: {span}"))
    };
    let (start, end) = (number("start")?, number("end")?);
    let (char_start, char_end) = (number("char_start")?, number("char_end")?);
    let slice = text
        .get(start..end)
        .ok_or_else(|| format!("span {start}..{end} is out of bounds or not on char boundaries"))?;
    if Some(slice) != span["text"].as_str() {
        return Err(format!(
            "span {start}..{end} slices to {slice:?}, claims {}",
            span["text"]
        ));
    }
    let chars_before = text[..start].chars().count();
    if chars_before != char_start || chars_before + slice.chars().count() != char_end {
        return Err(format!(
            "span {start}..{end} has wrong char offsets {char_start}..{char_end}"
        ));
    }
    Ok(())
}

/// Check that the spans of a list (sentences, tokens) are sorted and do not
/// overlap.
///
/// # Errors
/// The first pair out of order.
pub fn check_sorted(spans: &[Value]) -> Result<(), String> {
    for pair in spans.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a["end"].as_u64() > b["start"].as_u64() {
            return Err(format!("spans out of order or overlapping: {a} then {b}"));
        }
    }
    Ok(())
}
