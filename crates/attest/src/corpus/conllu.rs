//! CoNLL-U, the format of the Universal Dependencies treebanks.

use super::CorpusError;

/// One sentence of a treebank with the comments attest uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConlluSentence {
    /// `# sent_id`.
    pub id: Option<String>,
    /// `# text`: the sentence as written.
    pub text: Option<String>,
    /// Starts a new document (`# newdoc`).
    pub new_doc: bool,
    /// Starts a new paragraph (`# newpar`).
    pub new_par: bool,
    /// The surface tokens, each with its syntactic words.
    pub tokens: Vec<SurfaceToken>,
}

/// A token as written; a multiword token ("don't") holds several words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SurfaceToken {
    /// The characters as written.
    pub form: String,
    /// The syntactic words (one for an ordinary token).
    pub words: Vec<Word>,
}

/// A syntactic word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    /// Word form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Language-specific part of speech (Penn Treebank tags for English).
    pub xpos: String,
    /// Miscellaneous annotations (`SpaceAfter=No`, ...).
    pub misc: String,
    /// The word's head: its number in the sentence (from 1), 0 for the root,
    /// `None` where the file gives none (`_`).
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head (`nsubj`, `obl:tmod`).
    pub deprel: String,
}

impl ConlluSentence {
    /// The syntactic words in order.
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.tokens.iter().flat_map(|t| &t.words)
    }
}

/// Parse a whole CoNLL-U file. Empty nodes (`8.1`) are skipped.
pub fn read_conllu(text: &str) -> Result<Vec<ConlluSentence>, CorpusError> {
    let mut sentences = Vec::new();
    let mut current = ConlluSentence::default();
    let mut multiword_end = 0usize;
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.tokens.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            multiword_end = 0;
        } else if let Some(comment) = line.strip_prefix('#') {
            read_comment(comment.trim(), &mut current);
        } else {
            read_token_line(line, line_no, &mut current, &mut multiword_end)?;
        }
    }
    if !current.tokens.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

fn read_comment(comment: &str, sentence: &mut ConlluSentence) {
    let (key, value) = match comment.split_once('=') {
        Some((k, v)) => (k.trim(), Some(v.trim())),
        None => (comment, None),
    };
    match key {
        "newdoc" | "newdoc id" => sentence.new_doc = true,
        "newpar" | "newpar id" => sentence.new_par = true,
        "sent_id" => sentence.id = value.map(str::to_owned),
        "text" => sentence.text = value.map(str::to_owned),
        _ => {}
    }
}

fn read_token_line(
    line: &str,
    line_no: usize,
    sentence: &mut ConlluSentence,
    multiword_end: &mut usize,
) -> Result<(), CorpusError> {
    let error = |message: String| CorpusError {
        line: line_no,
        message,
    };
    let fields: Vec<&str> = line.split('\t').collect();
    if fields.len() != 10 {
        return Err(error(format!(
            "expected 10 tab-separated fields, found {}",
            fields.len()
        )));
    }
    let id = fields[0];
    if id.contains('.') {
        return Ok(());
    }
    if let Some((_, last)) = id.split_once('-') {
        *multiword_end = last
            .parse()
            .map_err(|_| error(format!("bad token range {id:?}")))?;
        sentence.tokens.push(SurfaceToken {
            form: fields[1].to_owned(),
            words: Vec::new(),
        });
        return Ok(());
    }
    let number: usize = id
        .parse()
        .map_err(|_| error(format!("bad word id {id:?}")))?;
    let word = Word {
        form: fields[1].to_owned(),
        lemma: fields[2].to_owned(),
        upos: fields[3].to_owned(),
        xpos: fields[4].to_owned(),
        misc: fields[9].to_owned(),
        head: fields[6].parse().ok(),
        deprel: fields[7].to_owned(),
    };
    match sentence.tokens.last_mut() {
        Some(token) if number <= *multiword_end => token.words.push(word),
        _ => sentence.tokens.push(SurfaceToken {
            form: word.form.clone(),
            words: vec![word],
        }),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# newpar id = p1\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
4.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t_\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n\
# sent_id = s2\n# text = Yes.\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n";

    #[test]
    fn reads_comments_tokens_and_multiword_tokens() {
        let sentences = read_conllu(SAMPLE).unwrap();
        assert_eq!(sentences.len(), 2);
        let first = &sentences[0];
        assert!(first.new_doc && first.new_par);
        assert_eq!(first.text.as_deref(), Some("I don't know."));
        let forms: Vec<&str> = first.tokens.iter().map(|t| t.form.as_str()).collect();
        assert_eq!(forms, vec!["I", "don't", "know", "."]);
        let words: Vec<&str> = first.words().map(|w| w.form.as_str()).collect();
        assert_eq!(words, vec!["I", "do", "n't", "know", "."]);
        assert_eq!(first.tokens[1].words[1].xpos, "RB");
        assert!(!sentences[1].new_doc);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let err = read_conllu("# text = x\n1\tx\n").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
