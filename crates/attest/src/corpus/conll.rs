//! Column formats of the tagging corpora: CoNLL-2000 chunking (`word POS
//! chunk`), CoNLL-2003 named entities (`word POS chunk NER`, `-DOCSTART-`
//! lines between documents) and the Universal NER layout (`id word tag ...`,
//! `#` comment lines, `# newdoc` between documents).

use super::CorpusError;

/// One sentence of a tagging corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaggedSentence {
    /// The words.
    pub words: Vec<String>,
    /// Part-of-speech tags given with the words (empty when the format has none).
    pub pos: Vec<String>,
    /// The tags to learn or score: chunk or entity tags (IOB2).
    pub tags: Vec<String>,
    /// Index of the document the sentence belongs to.
    pub doc: usize,
}

/// Parse CoNLL-2000 chunking data: `word POS chunk` a line.
pub fn read_conll2000(text: &str) -> Result<Vec<TaggedSentence>, CorpusError> {
    read_columns(text, |fields, line| match fields {
        [word, pos, chunk] => Ok(Some((*word, Some(*pos), *chunk))),
        _ => Err(column_error(line, 3, fields.len())),
    })
}

/// Parse CoNLL-2003 named-entity data: `word POS chunk NER` a line.
pub fn read_conll2003(text: &str) -> Result<Vec<TaggedSentence>, CorpusError> {
    read_columns(text, |fields, line| match fields {
        [word, ..] if *word == "-DOCSTART-" => Ok(None),
        [word, pos, _chunk, ner] => Ok(Some((*word, Some(*pos), *ner))),
        _ => Err(column_error(line, 4, fields.len())),
    })
}

/// Parse Universal NER data: `id word tag ...`, tab-separated. Tags outside
/// PER/ORG/LOC (`OTH`, stray `B-O`) read as `O`.
pub fn read_uner(text: &str) -> Result<Vec<TaggedSentence>, CorpusError> {
    let mut sentences = read_columns(text, |fields, line| match fields {
        [_id, word, tag, ..] => Ok(Some((*word, None, *tag))),
        _ => Err(column_error(line, 3, fields.len())),
    })?;
    for tag in sentences.iter_mut().flat_map(|s| &mut s.tags) {
        if !matches!(tag.get(2..), Some("PER" | "ORG" | "LOC")) {
            *tag = "O".into();
        }
    }
    Ok(sentences)
}

/// Parse a named-entity file in either layout, told apart by its first line.
pub fn read_ner(text: &str) -> Result<Vec<TaggedSentence>, CorpusError> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let uner = first.starts_with('#')
        || first
            .split('\t')
            .next()
            .is_some_and(|id| id.parse::<usize>().is_ok());
    if uner {
        read_uner(text)
    } else {
        read_conll2003(text)
    }
}

fn column_error(line: usize, expected: usize, found: usize) -> CorpusError {
    CorpusError {
        line,
        message: format!("expected {expected} columns, found {found}"),
    }
}

type Row<'a> = Option<(&'a str, Option<&'a str>, &'a str)>;

/// Sentences separated by blank lines; a row is `None` for a document
/// boundary. `# newdoc` comments also start a document; other comments are
/// skipped.
fn read_columns<'a>(
    text: &'a str,
    row: impl Fn(&[&'a str], usize) -> Result<Row<'a>, CorpusError>,
) -> Result<Vec<TaggedSentence>, CorpusError> {
    let mut sentences = Vec::new();
    let mut current = TaggedSentence::default();
    let mut doc = 0;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            finish(&mut sentences, &mut current, doc);
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if comment.trim_start().starts_with("newdoc") && !sentences.is_empty() {
                finish(&mut sentences, &mut current, doc);
                doc += 1;
            }
            continue;
        }
        let fields: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        match row(&fields, index + 1)? {
            None => {
                finish(&mut sentences, &mut current, doc);
                if !sentences.is_empty() {
                    doc += 1;
                }
            }
            Some((word, pos, tag)) => {
                current.words.push(word.to_owned());
                current.pos.extend(pos.map(str::to_owned));
                current.tags.push(tag.to_owned());
            }
        }
    }
    finish(&mut sentences, &mut current, doc);
    Ok(sentences)
}

fn finish(sentences: &mut Vec<TaggedSentence>, current: &mut TaggedSentence, doc: usize) {
    if !current.words.is_empty() {
        current.doc = doc;
        sentences.push(std::mem::take(current));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll2003_documents_and_columns() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n\n-DOCSTART- -X- -X- O\n\nBonn NNP B-NP B-LOC\n";
        let sentences = read_ner(text).unwrap();
        assert_eq!(sentences.len(), 3);
        assert_eq!(sentences[0].words, ["EU", "rejects"]);
        assert_eq!(sentences[0].pos, ["NNP", "VBZ"]);
        assert_eq!(sentences[0].tags, ["B-ORG", "O"]);
        assert_eq!(
            (sentences[0].doc, sentences[1].doc, sentences[2].doc),
            (0, 0, 1)
        );
    }

    #[test]
    fn uner_layout_maps_other_tags_to_o() {
        let text = "# newdoc id = a\n# text = x\n1\tAl\tB-OTH\t-\t-\n2\tin\tB-O\t-\t-\n3\tQaim\tB-LOC\t-\t-\n\n# newdoc id = b\n1\tBob\tB-PER\t-\t-\n";
        let sentences = read_ner(text).unwrap();
        assert_eq!(sentences[0].tags, ["O", "O", "B-LOC"]);
        assert!(sentences[0].pos.is_empty());
        assert_eq!(sentences[1].doc, 1);
    }

    #[test]
    fn conll2000_rows() {
        let sentences = read_conll2000("Confidence NN B-NP\nin IN B-PP\n\nIt PRP B-NP\n").unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].tags, ["B-NP", "B-PP"]);
        assert!(read_conll2000("a b\n").is_err());
    }
}
