//! Attribution annotations in brat standoff, as PolNeAR distributes them:
//! text-bound `T` lines (`T3\tContent 120 211;215 230\t...`, offsets in
//! Unicode code points, discontinuous ranges joined by `;`) and `E` lines
//! tying an attribution's roles together (`E1\tAttribution:T4 Content:T3
//! Cue:T2 Source:T1`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::CorpusError;

/// A set of character ranges (code points, half-open).
pub type Ranges = Vec<(usize, usize)>;

/// One annotated attribution: its source, cue and content ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnnotatedAttribution {
    /// Who said it.
    pub source: Ranges,
    /// The words that signal it.
    pub cue: Ranges,
    /// What was said.
    pub content: Ranges,
}

/// The attributions (`E` lines) of an annotation file.
pub fn read_attributions(text: &str) -> Result<Vec<AnnotatedAttribution>, CorpusError> {
    let mut spans: HashMap<&str, Ranges> = HashMap::new();
    let mut events = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let error = |message: &str| CorpusError {
            line: index + 1,
            message: message.to_owned(),
        };
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let (_, offsets) = body
                .split_once(' ')
                .ok_or_else(|| error("a text-bound line without offsets"))?;
            spans.insert(
                id,
                parse_ranges(offsets).ok_or_else(|| error("bad offsets"))?,
            );
        } else if id.starts_with('E') {
            events.push((index + 1, body));
        }
    }
    events
        .into_iter()
        .map(|(line, body)| {
            let mut attribution = AnnotatedAttribution::default();
            for argument in body.split_whitespace() {
                let Some((role, target)) = argument.split_once(':') else {
                    continue;
                };
                let ranges = spans.get(target).cloned().ok_or_else(|| CorpusError {
                    line,
                    message: format!("unknown annotation {target}"),
                })?;
                match role.trim_end_matches(char::is_numeric) {
                    "Source" => attribution.source.extend(ranges),
                    "Cue" => attribution.cue.extend(ranges),
                    "Content" => attribution.content.extend(ranges),
                    _ => {}
                }
            }
            Ok(attribution)
        })
        .collect()
}

/// An article of an annotated split: its text and attributions.
#[derive(Debug, Clone)]
pub struct BratArticle {
    /// The text file's stem.
    pub name: String,
    /// The article text.
    pub text: String,
    /// Its annotated attributions.
    pub attributions: Vec<AnnotatedAttribution>,
}

/// Attributions in brat standoff (`T` lines for each role, an `E` line
/// tying them), as `read_attributions` reads them back.
pub fn write_attributions(text: &str, attributions: &[AnnotatedAttribution]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut next = 1;
    for (n, a) in attributions.iter().enumerate() {
        let mut arguments = Vec::new();
        for (role, ranges) in [
            ("Source", &a.source),
            ("Cue", &a.cue),
            ("Content", &a.content),
        ] {
            if ranges.is_empty() {
                continue;
            }
            let offsets: Vec<String> = ranges.iter().map(|(s, e)| format!("{s} {e}")).collect();
            let words: Vec<String> = ranges
                .iter()
                .map(|&(s, e)| {
                    chars[s.min(chars.len())..e.min(chars.len())]
                        .iter()
                        .collect::<String>()
                        .replace('\n', " ")
                })
                .collect();
            out.push_str(&format!(
                "T{next}\t{role} {}\t{}\n",
                offsets.join(";"),
                words.join(" ")
            ));
            arguments.push(format!("{role}:T{next}"));
            next += 1;
        }
        out.push_str(&format!(
            "E{}\tAttribution {}\n",
            n + 1,
            arguments.join(" ")
        ));
    }
    out
}

/// An article of a split that could not be read, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// The file.
    pub path: String,
    /// What is wrong with it.
    pub reason: String,
}

/// The articles of a PolNeAR split directory (`text/NAME.txt` with
/// `attributions/NAME_ANNOTATOR.ann`; where several annotators annotated an
/// article, the lexicographically first file is used). Articles that cannot
/// be read are returned as skipped; a missing directory is an error.
pub fn read_split(dir: &Path) -> std::io::Result<(Vec<BratArticle>, Vec<Skipped>)> {
    let mut texts: Vec<PathBuf> = std::fs::read_dir(dir.join("text"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    let mut annotations: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    annotations.sort();
    let (mut articles, mut skipped) = (Vec::new(), Vec::new());
    for text_path in texts {
        let name = text_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!("{name}_");
        let annotation = annotations.iter().find(|p| {
            p.file_stem()
                .is_some_and(|f| annotator_of(&f.to_string_lossy(), &prefix))
        });
        match read_article(&name, &text_path, annotation) {
            Ok(article) => articles.push(article),
            Err(reason) => skipped.push(Skipped {
                path: text_path.display().to_string(),
                reason,
            }),
        }
    }
    Ok((articles, skipped))
}

/// Whether an annotation stem is `PREFIX` + an annotator id (no further `_`).
fn annotator_of(stem: &str, prefix: &str) -> bool {
    stem.strip_prefix(prefix)
        .is_some_and(|rest| !rest.is_empty() && !rest.contains('_'))
}

fn read_article(
    name: &str,
    text_path: &Path,
    annotation: Option<&PathBuf>,
) -> Result<BratArticle, String> {
    let annotation = annotation.ok_or("no annotation file")?;
    let text = std::fs::read_to_string(text_path).map_err(|e| e.to_string())?;
    let ann = std::fs::read_to_string(annotation)
        .map_err(|e| format!("{}: {e}", annotation.display()))?;
    let attributions =
        read_attributions(&ann).map_err(|e| format!("{}: {e}", annotation.display()))?;
    Ok(BratArticle {
        name: name.to_owned(),
        text,
        attributions,
    })
}

fn parse_ranges(offsets: &str) -> Option<Ranges> {
    offsets
        .split(';')
        .map(|part| {
            let mut numbers = part.split_whitespace().map(str::parse::<usize>);
            match (numbers.next(), numbers.next()) {
                (Some(Ok(s)), Some(Ok(e))) if s <= e => Some((s, e)),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_discontinuous_ranges() {
        let ann = "T1\tSource 0 2\twe\nT2\tCue 3 9\tmocked\nT3\tContent 10 20;25 30\tx y\nT4\tAttribution 3 9\tmocked\n\
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let attributions = read_attributions(ann).unwrap();
        assert_eq!(attributions.len(), 1);
        assert_eq!(attributions[0].source, vec![(0, 2)]);
        assert_eq!(attributions[0].content, vec![(10, 20), (25, 30)]);
        assert!(read_attributions("T1\tSource x y\tz\n").is_err());
        assert!(read_attributions("E1\tSource:T9\n").is_err());
    }
}
