//! The articles of a list of paths: files, directories (recursively) and
//! standard input (`-`), read one file at a time.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;
use walkdir::WalkDir;

use super::{
    InputFormat, JsonLines, Location, MAX_ARTICLE_BYTES, Position, Problem, ReadError, decode_utf8,
    read_html, read_json, read_plain,
};
use crate::model::document::Document;

/// The records of one input, each with where it is.
type Records = Box<dyn Iterator<Item = (Location, Result<Document, Problem>)> + Send>;

enum Input {
    Stdin,
    File(PathBuf),
    Failed(ReadError),
}

/// Every article of the given paths, in order: directories are walked in name
/// order and only their files of a supported format are read (hidden files and
/// other extensions are counted in [`Inputs::ignored_files`]); a file named
/// explicitly is read whatever its extension, its format sniffed from its
/// content when the extension says nothing.
pub struct Inputs {
    pending: VecDeque<Input>,
    current: Option<Records>,
    format: Option<InputFormat>,
    ignored: usize,
}

impl Inputs {
    /// The articles of `paths` (`-` is standard input; no paths at all also
    /// means standard input), parsed as `format` or by file extension.
    pub fn new(paths: &[PathBuf], format: Option<InputFormat>) -> Self {
        let mut inputs = Inputs {
            pending: VecDeque::new(),
            current: None,
            format,
            ignored: 0,
        };
        if paths.is_empty() {
            inputs.pending.push_back(Input::Stdin);
        }
        for path in paths {
            inputs.add(path);
        }
        inputs
    }

    /// Files in the given directories skipped for their format or name.
    pub fn ignored_files(&self) -> usize {
        self.ignored
    }

    fn add(&mut self, path: &Path) {
        if path.as_os_str() == "-" {
            self.pending.push_back(Input::Stdin);
        } else if path.is_dir() {
            self.add_directory(path);
        } else if path.exists() {
            self.pending.push_back(Input::File(path.to_owned()));
        } else {
            self.fail(Location::file(path), Problem::NotFound);
        }
    }

    fn add_directory(&mut self, dir: &Path) {
        let mut found = 0;
        let mut ignored = 0;
        let walk = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    if self.format.is_some() || InputFormat::from_path(entry.path()).is_some() {
                        self.pending.push_back(Input::File(entry.into_path()));
                        found += 1;
                    } else {
                        ignored += 1;
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().unwrap_or(dir).to_owned();
                    self.fail(Location::file(path), Problem::Io(e.to_string()));
                }
            }
        }
        self.ignored += ignored;
        if found == 0 {
            self.fail(Location::file(dir), Problem::NoArticles(ignored));
        }
    }

    fn fail(&mut self, location: Location, problem: Problem) {
        self.pending
            .push_back(Input::Failed(ReadError { location, problem }));
    }

    fn open(&self, input: Input) -> Records {
        match input {
            Input::Failed(error) => Box::new(std::iter::once((error.location, Err(error.problem)))),
            Input::Stdin => {
                let mut reader = BufReader::new(std::io::stdin());
                let format = self
                    .format
                    .unwrap_or_else(|| InputFormat::sniff(reader.fill_buf().unwrap_or_default()));
                records(reader, Location::stdin(), format, None)
            }
            Input::File(path) => {
                let location = Location::file(&path);
                let file = match File::open(&path) {
                    Ok(file) => file,
                    Err(e) => return single(location, Err(Problem::Io(e.to_string()))),
                };
                let mut reader = BufReader::new(file);
                let format = self
                    .format
                    .or_else(|| InputFormat::from_path(&path))
                    .unwrap_or_else(|| InputFormat::sniff(reader.fill_buf().unwrap_or_default()));
                let id = path.file_stem().map(|s| s.to_string_lossy().into_owned());
                records(reader, location, format, id)
            }
        }
    }
}

impl Inputs {
    /// The next article or read error, with where it is (file, and line or
    /// item within it): what names an article in messages about it.
    pub fn next_located(&mut self) -> Option<(Location, Result<Document, ReadError>)> {
        loop {
            if let Some((location, result)) = self.current.as_mut().and_then(Iterator::next) {
                return Some(located(location, result));
            }
            let input = self.pending.pop_front()?;
            self.current = Some(self.open(input));
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_located().map(|(_, result)| result)
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// A record with its problem, if any, made a [`ReadError`] naming where it is.
fn located(
    location: Location,
    result: Result<Document, Problem>,
) -> (Location, Result<Document, ReadError>) {
    let result = result.map_err(|problem| ReadError {
        location: location.clone(),
        problem,
    });
    (location, result)
}

/// The articles of one input, read from `reader` (a file's bytes, standard
/// input, a buffer) as [`Inputs`] reads each file: in `format`, each with
/// where it is (`location`, and the line or array item within it), `id`
/// naming a plain-text or HTML article (a file's stem), and a warning logged
/// for a date a reader could not read.
pub fn read_input<R: BufRead + Send + 'static>(
    reader: R,
    location: Location,
    format: InputFormat,
    id: Option<String>,
) -> impl Iterator<Item = (Location, Result<Document, ReadError>)> + Send {
    records(reader, location, format, id).map(|(location, result)| located(location, result))
}

fn single(location: Location, result: Result<Document, Problem>) -> Records {
    Box::new(std::iter::once((location, result)))
}

/// The records of one input, with a warning for each article whose date the
/// reader could not read (and kept in `meta.date_raw`): the reader does not
/// know where the article is, this does.
fn records<R: BufRead + Send + 'static>(
    reader: R,
    location: Location,
    format: InputFormat,
    id: Option<String>,
) -> Records {
    Box::new(
        parsed(reader, location, format, id).inspect(move |(location, result)| {
            if let Ok(doc) = result {
                warn_unread_date(location, format, doc);
            }
        }),
    )
}

fn warn_unread_date(location: &Location, format: InputFormat, doc: &Document) {
    if let (None, Some(Value::String(raw))) = (doc.date, doc.meta.get("date_raw")) {
        let kept = match format {
            InputFormat::Text => "the line is kept in the text and the date in meta.date_raw",
            _ => "kept in meta.date_raw",
        };
        tracing::warn!("{location}: unrecognised date {raw:?}, {kept}");
    }
}

/// The records of one input. JSON Lines stream; the other formats are read
/// whole, up to [`MAX_ARTICLE_BYTES`].
fn parsed<R: BufRead + Send + 'static>(
    mut reader: R,
    location: Location,
    format: InputFormat,
    id: Option<String>,
) -> Records {
    if format == InputFormat::Jsonl {
        return json_lines(reader, location);
    }
    let bytes = match read_limited(&mut reader) {
        Ok(bytes) => bytes,
        Err(problem) => return single(location, Err(problem)),
    };
    match format {
        InputFormat::Html => single(location, read_html(&bytes, id)),
        InputFormat::Text => single(
            location,
            decode_utf8(&bytes).and_then(|text| read_plain(text, id)),
        ),
        InputFormat::Json | InputFormat::Jsonl => json_document(&bytes, location),
    }
}

fn json_lines<R: BufRead + Send + 'static>(reader: R, location: Location) -> Records {
    Box::new(
        JsonLines::new(reader)
            .map(move |(line, result)| (location.at(Position::Line(line)), result)),
    )
}

/// A `.json` file: one object or an array; a file of one object a line is
/// read as JSON Lines whatever its extension.
fn json_document(bytes: &[u8], location: Location) -> Records {
    let text = match decode_utf8(bytes) {
        Ok(text) => text,
        Err(problem) => return single(location, Err(problem)),
    };
    match read_json(text) {
        Ok(items) => Box::new(
            items
                .into_iter()
                .map(move |(item, result)| (location.at(Position::Item(item)), result)),
        ),
        Err(_) if looks_like_json_lines(text) => {
            json_lines(std::io::Cursor::new(text.as_bytes().to_vec()), location)
        }
        Err(problem) => single(location, Err(problem)),
    }
}

fn looks_like_json_lines(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next();
    first.is_some_and(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
}

fn read_limited(reader: &mut impl Read) -> Result<Vec<u8>, Problem> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::Io(e.to_string()))?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(Problem::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    /// What is logged while `f` runs, as the command line prints it.
    fn log_of(f: impl FnOnce()) -> String {
        #[derive(Clone, Default)]
        struct Sink(Arc<Mutex<Vec<u8>>>);
        impl Write for Sink {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let sink = Sink::default();
        let writer = sink.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, f);
        String::from_utf8(sink.0.lock().unwrap().clone()).unwrap()
    }

    fn read_all(paths: &[PathBuf]) -> (Vec<Document>, Vec<ReadError>) {
        let (mut docs, mut errors) = (Vec::new(), Vec::new());
        for item in Inputs::new(paths, None) {
            match item {
                Ok(doc) => docs.push(doc),
                Err(e) => errors.push(e),
            }
        }
        (docs, errors)
    }

    #[test]
    fn directories_mix_formats_and_report_bad_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_owned();
        fs::write(dir.join("a.txt"), " date 2023-04-25 It rained.").unwrap();
        fs::create_dir(dir.join("sub")).unwrap();
        fs::write(dir.join("sub/b.jsonl"), "{\"text\": \"x y\"}\n{bad\n").unwrap();
        fs::write(dir.join("c.txt"), b"bad \xff utf8").unwrap();
        fs::write(dir.join("d.ann"), "T1 Source 0 3").unwrap();
        fs::write(dir.join(".hidden.txt"), "secret").unwrap();
        let inputs = Inputs::new(std::slice::from_ref(&dir), None);
        let (docs, errors): (Vec<_>, Vec<_>) = inputs.partition(Result::is_ok);
        assert_eq!(docs.len(), 2);
        assert_eq!(errors.len(), 2);
        let messages: Vec<String> = errors
            .into_iter()
            .map(|e| e.unwrap_err().to_string())
            .collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("c.txt") && m.contains("UTF-8")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("b.jsonl:2") && m.contains("JSON")),
            "{messages:?}"
        );
    }

    #[test]
    fn missing_paths_and_empty_directories_are_reported() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_owned();
        fs::write(dir.join("notes.ann"), "x").unwrap();
        let (docs, errors) = read_all(&[dir.join("missing.txt"), dir.clone()]);
        assert!(docs.is_empty());
        assert_eq!(errors[0].problem, Problem::NotFound);
        assert_eq!(errors[1].problem, Problem::NoArticles(1));
    }

    #[test]
    fn plain_files_are_named_by_their_stem() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_owned();
        fs::write(dir.join("seed.txt"), "Text here.").unwrap();
        let (docs, _) = read_all(&[dir.join("seed.txt")]);
        assert_eq!(docs[0].id, "seed");
    }

    #[test]
    fn articles_come_with_their_file_and_line() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_owned();
        fs::write(
            dir.join("a.jsonl"),
            "{\"text\": \"x\"}\n\n{\"text\": \"y\"}\n",
        )
        .unwrap();
        fs::write(dir.join("b.json"), "[{\"text\": \"x\"}, {\"text\": \"z\"}]").unwrap();
        let mut inputs = Inputs::new(std::slice::from_ref(&dir), None);
        let mut seen = Vec::new();
        while let Some((location, result)) = inputs.next_located() {
            assert!(result.is_ok());
            seen.push(location.to_string());
        }
        let a = dir.join("a.jsonl").display().to_string();
        let b = dir.join("b.json").display().to_string();
        assert_eq!(
            seen,
            [
                format!("{a}:1"),
                format!("{a}:3"),
                format!("{b}[0]"),
                format!("{b}[1]")
            ]
        );
    }

    #[test]
    fn an_unreadable_date_line_is_warned_of_with_its_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_owned();
        fs::write(dir.join("a.txt"), "date 2023-13-45 A report.\n").unwrap();
        fs::write(dir.join("b.txt"), "Date: Foo 99, 2023\nA report.\n").unwrap();
        fs::write(dir.join("c.txt"), "date night was fun\n").unwrap();
        let log = log_of(|| {
            let (docs, errors) = read_all(std::slice::from_ref(&dir));
            assert_eq!((docs.len(), errors.len()), (3, 0));
            assert!(docs.iter().all(|doc| doc.date.is_none()));
        });
        for (file, raw) in [("a.txt", "2023-13-45"), ("b.txt", "Foo 99, 2023")] {
            let path = dir.join(file).display().to_string();
            let warning =
                format!("{path}: unrecognised date {raw:?}, the line is kept in the text");
            assert!(log.contains(&warning), "{log}");
        }
        assert_eq!(log.lines().count(), 2, "{log}");
    }

    #[test]
    fn year_zero_dates_are_null_and_warned_of() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_owned();
        fs::write(
            dir.join("a.jsonl"),
            "{\"text\": \"x y\", \"date\": \"0000-01-03\"}\n",
        )
        .unwrap();
        fs::write(
            dir.join("b.html"),
            "<meta property=\"article:published_time\" content=\"0000-01-03T10:00:00Z\"><p>Text.</p>",
        )
        .unwrap();
        fs::write(dir.join("c.txt"), "date 0000-01-03 A report.").unwrap();
        let log = log_of(|| {
            let (docs, errors) = read_all(std::slice::from_ref(&dir));
            assert_eq!((docs.len(), errors.len()), (3, 0));
            for doc in &docs {
                assert_eq!(doc.date, None, "{}", doc.id);
                assert!(
                    doc.meta["date_raw"]
                        .as_str()
                        .unwrap()
                        .starts_with("0000-01-03")
                );
            }
        });
        for file in ["a.jsonl:1", "b.html", "c.txt"] {
            let path = dir.join(file).display().to_string();
            assert!(
                log.contains(&format!("{path}: unrecognised date \"0000-01-03")),
                "{log}"
            );
        }
    }
}
