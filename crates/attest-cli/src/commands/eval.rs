//! `attest eval ...`: measured accuracy on annotated data.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use attest::corpus::conll::{read_conll2000, read_ner};
use attest::corpus::conllu::read_conllu;
use attest::model::labels::{CHUNK_KINDS, DEPRELS, ENTITY_KINDS};
use attest::segment::Segmenter;
use attest::tag::Tagger;
use attest_eval::{segment, tagging};

use crate::cli::{EvalFileArgs, EvalParseArgs, EvalPolnearArgs, EvalSeedArgs, EvalTaggerArgs};
use crate::report::write_score_table;

pub fn segment(args: &EvalFileArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let sentences = read_conllu(&text).with_context(|| format!("{}", args.file.display()))?;
    let report = segment::evaluate(&sentences, &Segmenter::new());
    writeln!(
        out,
        "segmentation of {} ({} documents)",
        args.file.display(),
        report.documents
    )?;
    write_score_table(
        out,
        &[("sentences", &report.sentences), ("tokens", &report.tokens)],
    )?;
    if report.unaligned_tokens > 0 {
        writeln!(
            out,
            "({} gold tokens not found in the text were left out)",
            report.unaligned_tokens
        )?;
    }
    if args.json {
        serde_json::to_writer(&mut *out, &report)?;
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn read(path: &std::path::Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

pub fn pos(args: &EvalTaggerArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let tagger = attest::tag::load_pos(args.models.pos_model.as_deref())?;
    let file = &args.eval.file;
    let sentences = read_conllu(&read(file)?).with_context(|| file.display().to_string())?;
    let pairs: Vec<(Vec<String>, Vec<String>)> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words().map(|w| w.form.as_str()).collect();
            let gold = s.words().map(|w| w.xpos.clone()).collect();
            let predicted = attest::tag::pos_tags(&tagger, &words)
                .iter()
                .map(|p| p.as_str().to_owned())
                .collect();
            (gold, predicted)
        })
        .collect();
    let words = sentences
        .iter()
        .map(|s| s.words().map(|w| w.form.as_str()).collect::<Vec<_>>());
    write_predictions(args, words, &pairs)?;
    let report = tagging::accuracy(pairs.iter().map(|(g, p)| (g.as_slice(), p.as_slice())));
    writeln!(
        out,
        "part of speech on {} ({} tokens)",
        file.display(),
        report.tokens
    )?;
    writeln!(out, "accuracy {:.4}", report.accuracy)?;
    writeln!(out, "most frequent errors (gold -> predicted):")?;
    for (gold, predicted, n) in report.confusions.iter().take(10) {
        writeln!(out, "  {gold:>6} -> {predicted:<6} {n}")?;
    }
    print_json(out, args.eval.json, &report)
}

pub fn chunk(args: &EvalTaggerArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let chunker = attest::tag::load_chunk(args.models.chunk_model.as_deref())?;
    let file = &args.eval.file;
    let sentences = read_conll2000(&read(file)?).with_context(|| file.display().to_string())?;
    let pairs: Vec<(Vec<String>, Vec<String>)> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let pos: Vec<&str> = s.pos.iter().map(String::as_str).collect();
            let spans = attest::tag::chunk_with_pos(&chunker, &words, &pos);
            (
                s.tags.clone(),
                iob_strings(words.len(), &spans, &CHUNK_KINDS),
            )
        })
        .collect();
    write_predictions(args, sentences.iter().map(|s| &s.words), &pairs)?;
    let report = tagging::span_scores(
        "chunk",
        pairs.iter().map(|(g, p)| (g.as_slice(), p.as_slice())),
    );
    write_span_report(out, "chunks", file, &report)?;
    print_json(out, args.eval.json, &report)
}

pub fn ner(args: &EvalTaggerArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let tagger = Tagger::load(&args.models.paths())?;
    let file = &args.eval.file;
    let sentences = read_ner(&read(file)?).with_context(|| file.display().to_string())?;
    let mut pairs: Vec<(Vec<String>, Vec<String>)> = Vec::with_capacity(sentences.len());
    for document in sentences.chunk_by(|a, b| a.doc == b.doc) {
        let words: Vec<Vec<&str>> = document
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        for (sentence, tagged) in document.iter().zip(tagger.tag_sentences(&words)) {
            let predicted = iob_strings(sentence.words.len(), &tagged.names, &ENTITY_KINDS)
                .into_iter()
                .map(|t| t.replace("NORP", "MISC"))
                .collect();
            pairs.push((sentence.tags.clone(), predicted));
        }
    }
    write_predictions(args, sentences.iter().map(|s| &s.words), &pairs)?;
    let report = tagging::span_scores(
        "ner",
        pairs.iter().map(|(g, p)| (g.as_slice(), p.as_slice())),
    );
    write_span_report(out, "entities (NORP scored as MISC)", file, &report)?;
    print_json(out, args.eval.json, &report)
}

/// Write `word gold predicted` lines, a blank line after each sentence, when
/// `--predictions` asks for them.
/// A treebank sentence as the parser scores it: words, gold heads and
/// relations, and the tags the parser reads.
struct ParsedSentence {
    words: Vec<String>,
    gold: Vec<(usize, &'static str)>,
    predicted: Vec<(usize, &'static str)>,
}

pub fn parse(args: &EvalParseArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let parser = attest::parse::Parser::load(args.tagger.models.parse_model.as_deref())?;
    let tagger = attest::tag::load_pos(args.tagger.models.pos_model.as_deref())?;
    let file = &args.tagger.eval.file;
    let sentences = read_conllu(&read(file)?).with_context(|| file.display().to_string())?;
    let mut scratch = attest::parse::Scratch::default();
    let mut parsed = Vec::with_capacity(sentences.len());
    for (s, tree) in sentences
        .iter()
        .zip(attest::train::parse::treebank(&sentences))
    {
        let words: Vec<&str> = tree.words.iter().map(String::as_str).collect();
        let tags: Vec<usize> = if args.gold_pos {
            s.words()
                .map(|w| attest::model::Pos::from_name(&w.xpos).map_or(0, |p| p.index()))
                .collect()
        } else {
            attest::tag::pos_tags(&tagger, &words)
                .iter()
                .map(|p| p.index())
                .collect()
        };
        let (heads, relations) = parser.parse(&parser.view(&words, &tags), &mut scratch);
        let name = |r: u8| DEPRELS[usize::from(r)];
        parsed.push(ParsedSentence {
            words: tree.words.clone(),
            gold: (1..tree.heads.len())
                .map(|i| (tree.heads[i], name(tree.relations[i])))
                .collect(),
            predicted: heads
                .into_iter()
                .zip(relations)
                .map(|(h, r)| (h, name(r)))
                .collect(),
        });
    }
    if let Some(path) = &args.tagger.predictions {
        write_parse_predictions(path, &parsed)?;
    }
    let report =
        attest_eval::parse::score(parsed.iter().flat_map(|p| {
            p.gold.iter().zip(&p.predicted).map(
                |(&(gold_head, gold_relation), &(head, relation))| attest_eval::parse::Attachment {
                    gold_head,
                    gold_relation,
                    head,
                    relation,
                },
            )
        }));
    let tags = if args.gold_pos { "gold" } else { "predicted" };
    writeln!(
        out,
        "dependencies on {} ({} words, {tags} parts of speech)",
        file.display(),
        report.words
    )?;
    writeln!(
        out,
        "UAS {:.4}  LAS {:.4}  label accuracy {:.4}",
        report.uas, report.las, report.label_accuracy
    )?;
    let mut relations: Vec<_> = report.relations.iter().collect();
    relations.sort_by_key(|(_, s)| std::cmp::Reverse(s.gold));
    writeln!(out, "relation        gold  precision  recall      F1")?;
    for (relation, s) in relations {
        writeln!(
            out,
            "{relation:<14}{:>6}  {:>9.4}  {:>6.4}  {:>6.4}",
            s.gold, s.precision, s.recall, s.f1
        )?;
    }
    print_json(out, args.tagger.eval.json, &report)
}

/// `word gold-head gold-relation head relation`, a blank line after each
/// sentence.
fn write_parse_predictions(
    path: &std::path::Path,
    parsed: &[ParsedSentence],
) -> anyhow::Result<()> {
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut file = std::io::BufWriter::new(file);
    for p in parsed {
        for ((word, gold), predicted) in p.words.iter().zip(&p.gold).zip(&p.predicted) {
            writeln!(
                file,
                "{word} {} {} {} {}",
                gold.0, gold.1, predicted.0, predicted.1
            )?;
        }
        writeln!(file)?;
    }
    file.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}

fn write_predictions<S: AsRef<[W]>, W: AsRef<str>>(
    args: &EvalTaggerArgs,
    words: impl Iterator<Item = S>,
    pairs: &[(Vec<String>, Vec<String>)],
) -> anyhow::Result<()> {
    let Some(path) = &args.predictions else {
        return Ok(());
    };
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut file = std::io::BufWriter::new(file);
    for (words, (gold, predicted)) in words.zip(pairs) {
        for ((word, gold), predicted) in words.as_ref().iter().zip(gold).zip(predicted) {
            writeln!(file, "{} {gold} {predicted}", word.as_ref())?;
        }
        writeln!(file)?;
    }
    file.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}

fn iob_strings(n: usize, spans: &[(usize, usize, u8)], kinds: &[&str]) -> Vec<String> {
    attest::learn::tagger::iob_tags(n, spans)
        .into_iter()
        .map(|t| t.to_string_with(kinds))
        .collect()
}

fn write_span_report(
    out: &mut impl Write,
    what: &str,
    file: &std::path::Path,
    report: &tagging::SpanReport,
) -> anyhow::Result<()> {
    writeln!(
        out,
        "{what} in {} ({} tokens, tag accuracy {:.4})",
        file.display(),
        report.tokens,
        report.accuracy
    )?;
    let overall = attest_eval::Score {
        precision: report.precision,
        recall: report.recall,
        f1: report.f1,
        tp: report.per_type.values().map(|s| s.tp).sum(),
        predicted: report.per_type.values().map(|s| s.predicted).sum(),
        gold: report.per_type.values().map(|s| s.gold).sum(),
    };
    let mut rows: Vec<(&str, &attest_eval::Score)> = vec![("overall", &overall)];
    rows.extend(report.per_type.iter().map(|(k, s)| (k.as_str(), s)));
    write_score_table(out, &rows)?;
    Ok(())
}

fn print_json(
    out: &mut impl Write,
    json: bool,
    report: &impl serde::Serialize,
) -> anyhow::Result<ExitCode> {
    if json {
        serde_json::to_writer(&mut *out, report)?;
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Attributions against a PolNeAR split directory.
pub fn polnear(args: &EvalPolnearArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let dir = &args.eval.file;
    let (mut articles, skipped) = attest::corpus::brat::read_split(dir)
        .with_context(|| format!("cannot read the split {}", dir.display()))?;
    let every = args.every.max(1);
    articles = articles.into_iter().step_by(every).collect();
    for s in &skipped {
        eprintln!("skipped {}: {}", s.path, s.reason);
    }
    let pipeline =
        attest::Pipeline::with_resources(&args.models.paths(), &args.dictionaries.files())?;
    let started = std::time::Instant::now();
    if let Some(dir) = &args.write_ann {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut write_error = None;
    let report = attest_eval::polnear::evaluate(&pipeline, &articles, |article, predicted| {
        if let Some(dir) = &args.write_ann {
            let path = dir.join(format!("{}.ann", article.name));
            let ann = attest::corpus::brat::write_attributions(&article.text, predicted);
            if let Err(e) = std::fs::write(&path, ann) {
                write_error.get_or_insert(anyhow::anyhow!("cannot write {}: {e}", path.display()));
            }
        }
    });
    if let Some(error) = write_error {
        return Err(error);
    }
    let seconds = started.elapsed().as_secs_f64();
    writeln!(
        out,
        "attributions in {} ({} articles, {} gold, {} predicted; {:.1} articles/s)",
        dir.display(),
        report.articles,
        report.gold,
        report.predicted,
        report.articles as f64 / seconds.max(1e-9)
    )?;
    write_score_table(
        out,
        &[
            ("source exact", &report.source_exact),
            ("cue exact", &report.cue_exact),
            ("content exact", &report.content_exact),
            ("source overlap", &report.source_overlap),
            ("cue overlap", &report.cue_overlap),
            ("content overlap", &report.content_overlap),
            ("attribution", &report.attribution),
        ],
    )?;
    if !skipped.is_empty() {
        writeln!(out, "({} articles skipped, see above)", skipped.len())?;
    }
    print_json(out, args.eval.json, &report)
}

/// The seed article (`article.txt` beside the annotation) against `gold.json`.
pub fn seed(args: &EvalSeedArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let gold_path = &args.eval.file;
    let gold: serde_json::Value = serde_json::from_str(&read(gold_path)?)
        .with_context(|| format!("{} is not JSON", gold_path.display()))?;
    let article = gold_path.with_file_name("article.txt");
    let doc = attest::read::Inputs::new(std::slice::from_ref(&article), None)
        .next()
        .ok_or_else(|| anyhow::anyhow!("no article at {}", article.display()))??;
    let pipeline =
        attest::Pipeline::with_resources(&args.models.paths(), &args.dictionaries.files())?;
    let analysis = pipeline.analyse(doc);
    let report = attest_eval::seed::score_entities(&analysis, &gold);
    writeln!(out, "seed article {}: actors and places", article.display())?;
    for item in report.actors.iter().chain(&report.places) {
        let code = match (&item.gold_code, &item.code) {
            (Some(g), c) if Some(g) == c.as_ref() => format!("code {g} right"),
            (Some(g), c) => format!("code {} (gold {g})", c.as_deref().unwrap_or("none")),
            (None, _) => String::new(),
        };
        writeln!(
            out,
            "  {:<40} {} of {} mentions linked {code}{}",
            item.name,
            item.linked.len(),
            item.linked.len() + item.missed.len(),
            if item.missed.is_empty() {
                String::new()
            } else {
                format!("; missed {:?}", item.missed)
            }
        )?;
    }
    writeln!(
        out,
        "mentions linked {:.4}; actor codes right {:.4}",
        report.mention_accuracy, report.code_accuracy
    )?;
    let attributions = attest_eval::seed::score_attributions(&analysis, &gold, &report.actors);
    writeln!(out, "attributions")?;
    for item in &attributions.items {
        writeln!(
            out,
            "  {} speaker {:<6} via {:<6} dispute {}",
            seed_item_head(&item.id, item.required, item.found.as_deref()),
            mark(item.found.as_ref().map(|_| item.speaker_right)),
            mark(item.via_right),
            mark(item.dispute_right),
        )?;
    }
    writeln!(
        out,
        "required attributions found with the right speaker {:.4}; via right {:.4}; disputes right {:.4}",
        attributions.required_right, attributions.via_right, attributions.disputes_right
    )?;
    for text in &attributions.false_quotes {
        writeln!(out, "reported as a quotation, which it is not: {text:?}")?;
    }
    let events = attest_eval::seed::score_events(&analysis, &gold, &report.actors);
    write_seed_events(out, &events)?;
    let all =
        serde_json::json!({"entities": report, "attributions": attributions, "events": events});
    print_json(out, args.eval.json, &all)
}

/// How a seed item's check went: nothing when it does not apply.
fn mark(right: Option<bool>) -> &'static str {
    match right {
        None => "",
        Some(true) => "right",
        Some(false) => "WRONG",
    }
}

/// A seed item's id, whether it is required, and what it was found as.
fn seed_item_head(id: &str, required: bool, found: Option<&str>) -> String {
    let need = if required { "required" } else { "optional" };
    let found = found.map_or("NOT FOUND".to_owned(), |f| format!("found {f}"));
    format!("{id:<4} {need:<9} {found:<12}")
}

fn write_seed_events(
    out: &mut impl Write,
    events: &attest_eval::seed::EventReport,
) -> anyhow::Result<()> {
    writeln!(out, "events")?;
    for item in &events.items {
        let found = item.found.is_some();
        writeln!(
            out,
            "  {} actors {:<6} root {:<6} plover {}",
            seed_item_head(&item.id, item.required, item.found.as_deref()),
            mark(found.then_some(item.actors_right)),
            mark(found.then_some(item.root_right)),
            mark(found.then_some(item.plover_right)),
        )?;
    }
    writeln!(
        out,
        "required events found with right actors, CAMEO root and PLOVER type {:.4}",
        events.required_right
    )?;
    for what in &events.must_not_violated {
        writeln!(
            out,
            "reported as having happened, which it must not be: {what}"
        )?;
    }
    Ok(())
}

/// Event coding against a PETRARCH validation file, with its dictionaries only.
pub fn petrarch(
    args: &crate::cli::EvalPetrarchArgs,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    use crate::cli::ShowRecords;
    use attest_eval::petrarch;

    let file = &args.eval.file;
    let validation = petrarch::read_validation(&read(file)?);
    for s in &validation.skipped {
        let id = s.id.as_ref().map(|id| format!(" {id}")).unwrap_or_default();
        eprintln!("skipped {}:{}{id}: {}", file.display(), s.line, s.reason);
    }
    if validation.records.is_empty() {
        anyhow::bail!("no records to evaluate in {}", file.display());
    }
    let pipeline = attest::Pipeline::with_resources(&args.models.paths(), &args.dictionaries())?;
    let started = std::time::Instant::now();
    let mut write_error = None;
    let report = petrarch::evaluate(&pipeline, &validation.records, |record, outcome| {
        let show = match args.show {
            None => false,
            Some(ShowRecords::Missed) => !outcome.missed.is_empty(),
            Some(ShowRecords::Extra) => !outcome.extra.is_empty(),
            Some(ShowRecords::All) => true,
        };
        if show && write_error.is_none() {
            write_error = write_petrarch_record(out, record, outcome).err();
        }
    });
    if let Some(error) = write_error {
        return Err(error.into());
    }
    let seconds = started.elapsed().as_secs_f64();
    let overall = report.overall();
    writeln!(
        out,
        "events in {} ({} records, {} expected, {} predicted; {:.1} records/s)",
        file.display(),
        report.records,
        report.expected,
        overall.predicted(),
        report.records as f64 / seconds.max(1e-9)
    )?;
    let mut rows = vec![("overall", overall)];
    rows.extend(report.per_category.iter().map(|(c, t)| {
        let name = if c.is_empty() { "(none)" } else { c.as_str() };
        (name, *t)
    }));
    crate::report::write_count_table(out, &rows)?;
    let excluded = validation.skipped.iter().filter(|s| s.excluded).count();
    if !validation.skipped.is_empty() {
        writeln!(
            out,
            "({} records skipped: {excluded} marked evaluate=\"false\", {} unreadable; see above)",
            validation.skipped.len(),
            validation.skipped.len() - excluded
        )?;
    }
    print_json(out, args.eval.json, &report)
}

/// One record for `--show`: its text, expected and predicted events.
fn write_petrarch_record(
    out: &mut impl Write,
    record: &attest_eval::petrarch::ValidationRecord,
    outcome: &attest_eval::petrarch::Outcome,
) -> std::io::Result<()> {
    let list = |triples: &[attest_eval::petrarch::Triple]| {
        if triples.is_empty() {
            "none".to_owned()
        } else {
            triples
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    let category = if record.category.is_empty() {
        "(none)"
    } else {
        record.category.as_str()
    };
    writeln!(
        out,
        "{} {category} line {}: found {}, missed {}, extra {}",
        record.id,
        record.line,
        outcome.found.len(),
        outcome.missed.len(),
        outcome.extra.len()
    )?;
    writeln!(out, "  text      {}", record.text)?;
    let error = record
        .error
        .as_ref()
        .map(|e| format!(" (expects the error {e})"))
        .unwrap_or_default();
    writeln!(out, "  expected  {}{error}", list(&record.expected))?;
    writeln!(out, "  predicted {}", list(&outcome.predicted))?;
    writeln!(out, "  missed    {}", list(&outcome.missed))?;
    writeln!(out, "  extra     {}", list(&outcome.extra))?;
    Ok(())
}
