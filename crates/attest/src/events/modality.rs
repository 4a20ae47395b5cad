//! Whether an event happened, is meant, planned, supposed or denied, and
//! when.
//!
//! The words that lean on the verb decide: a negation ("did not attack",
//! "never") makes it negated; a modal of possibility ("would", "could",
//! "might") or a condition ("if") hypothetical; a word of commitment
//! ("ready to", "vowed to", "pledged to") intended; a plan ("plans to",
//! "efforts to", "is about to", "will") planned. The clause that governs a
//! reported clause passes its negation or condition on ("I would never want
//! to say that we had mortgaged ..."). An asserted event dated before the
//! article is historical.
//!
//! CAMEO codes an expressed intention or plan as its own event (root 03,
//! "express intent to cooperate militarily", or 13, "threaten with military
//! force"): an intended or planned event whose intention the text states
//! takes that code.

use std::sync::LazyLock;

use chrono::NaiveDate;

use super::clause::{Frame, Verb};
use super::codes::CodeTable;
use crate::lexicon::lists;
use crate::model::Modality;
use crate::model::Pos;
use crate::model::annotated::Annotated;
use crate::model::span_index::SpanIndex;

/// From `data/lexicon/function-words.txt` [negations].
static NEGATIONS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::function_words().words("negations"));
/// From `data/lexicon/modality.txt` [possibility].
static POSSIBILITY: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::modality().words("possibility"));
/// From `data/lexicon/modality.txt` [conditions].
static CONDITIONS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::modality().words("conditions"));
/// Words of commitment: the actor says it will.
/// From `data/lexicon/modality.txt` [commitment].
static COMMITMENT: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::modality().words("commitment"));
/// Words of threat: the threatened act is intended, and CAMEO codes the
/// threat by what is threatened.
/// From `data/lexicon/modality.txt` [threats].
static THREATS: LazyLock<Vec<&'static str>> = LazyLock::new(|| lists::modality().words("threats"));
/// Words of refusal or failure: the act did not happen.
/// From `data/lexicon/modality.txt` [refusals].
static REFUSALS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::modality().words("refusals"));

/// Whether a word is a catenative verb whose infinitive complement the
/// coder codes with the modality this word gives ("vowed to attack",
/// "threatened to strike"): the word is then no event of its own.
pub fn is_catenative(word: &str) -> bool {
    COMMITMENT.contains(&word) || THREATS.contains(&word) || PLANS.contains(&word)
}

/// Words of a plan.
/// From `data/lexicon/modality.txt` [plans].
static PLANS: LazyLock<Vec<&'static str>> = LazyLock::new(|| lists::modality().words("plans"));
/// Words of a schedule: the act is planned, but no intention is stated.
/// From `data/lexicon/modality.txt` [schedule].
static SCHEDULE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::modality().words("schedule"));
/// Future auxiliaries.
/// From `data/lexicon/modality.txt` [future].
static FUTURE: LazyLock<Vec<&'static str>> = LazyLock::new(|| lists::modality().words("future"));

/// The modality of a coded word, and whether an intention or plan is
/// stated in words of commitment or planning (which CAMEO codes apart).
pub fn of(frame: &Frame, verb: &Verb) -> (Modality, bool) {
    let at = frame.local(&verb.tokens).start;
    let window = leaning_words(frame, at);
    let has = |words: &[&str]| window.iter().any(|&i| frame.is(i, words));
    if has(&NEGATIONS) || has(&REFUSALS) {
        return (Modality::Negated, false);
    }
    if has(&POSSIBILITY) || has(&CONDITIONS) || conditioned(frame, at) {
        return (Modality::Hypothetical, false);
    }
    if let Some(governing) = governing(frame, at) {
        return (governing, false);
    }
    let stated_plan = has(&PLANS);
    if has(&COMMITMENT) || has(&THREATS) {
        return (Modality::Intended, true);
    }
    if stated_plan {
        return (Modality::Planned, true);
    }
    if has(&SCHEDULE) || has(&FUTURE) {
        return (Modality::Planned, false);
    }
    (Modality::Asserted, false)
}

/// Sentence positions of the words before position `at` that lean on it:
/// auxiliaries, modals, adverbs, "to" and the catenative words before it
/// ("are ready to", "has vowed to", "efforts by IS to"), up to the subject.
fn leaning_words(frame: &Frame, at: usize) -> Vec<usize> {
    let mut words = Vec::new();
    let mut j = at;
    let mut budget = 8;
    while j > 0 && budget > 0 {
        j = frame.past_adjunct(j);
        let Some(i) = j.checked_sub(1) else {
            break;
        };
        let tag = frame.tag(i);
        let leans = matches!(tag, Pos::MD | Pos::TO | Pos::RB | Pos::RBR | Pos::RBS)
            || tag.is_verb()
            || frame.is(i, &COMMITMENT)
            || frame.is(i, &THREATS)
            || frame.is(i, &REFUSALS)
            || frame.is(i, &PLANS)
            || frame.is(i, &SCHEDULE)
            || frame.is(i, &NEGATIONS)
            || frame.is(i, &["by"]);
        let agent_phrase = tag.is_noun() && i > 0 && frame.is(i - 1, &["by"]);
        if !leans && !agent_phrase {
            break;
        }
        words.push(i);
        j -= 1;
        budget -= 1;
    }
    words
}

/// Whether the clause of position `at` opens with a condition ("If Russia
/// attacks Poland").
fn conditioned(frame: &Frame, at: usize) -> bool {
    (0..at)
        .rev()
        .take(10)
        .take_while(|&i| !frame.is(i, &[",", ";", ":"]))
        .any(|i| frame.is(i, &["if", "unless", "whether"]))
}

/// The negation or condition of the clause that governs the one holding
/// position `at`, when that clause is a "that"-clause: "would never want to
/// say that we had mortgaged".
fn governing(frame: &Frame, at: usize) -> Option<Modality> {
    let that = (0..at).rev().take(12).find(|&i| frame.is(i, &["that"]))?;
    let before = (that.saturating_sub(8)..that).collect::<Vec<_>>();
    let has = |words: &[&str]| before.iter().any(|&i| frame.is(i, words));
    if has(&NEGATIONS) {
        Some(Modality::Negated)
    } else if has(&POSSIBILITY) {
        Some(Modality::Hypothetical)
    } else {
        None
    }
}

/// An asserted event dated before the article's date is historical.
///
/// News reports what happened in the last days as current: only an event
/// that ended more than [`RECENT_DAYS`] before the article (a month or year
/// counts up to its last day) is historical.
pub fn with_date(modality: Modality, date: Option<&str>, article: Option<NaiveDate>) -> Modality {
    let (Some(date), Some(article)) = (date, article) else {
        return modality;
    };
    let long_ago = last_day(date).is_some_and(|d| (article - d).num_days() > RECENT_DAYS);
    if modality == Modality::Asserted && long_ago {
        Modality::Historical
    } else {
        modality
    }
}

/// Days before the article within which an event is current news.
pub const RECENT_DAYS: i64 = 31;

/// The last day of a calendar date, month or year.
fn last_day(value: &str) -> Option<NaiveDate> {
    let parts: Vec<u32> = value
        .split('-')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let year = i32::try_from(*parts.first()?).ok()?;
    match parts[1..] {
        [] => NaiveDate::from_ymd_opt(year, 12, 31),
        [month] => NaiveDate::from_ymd_opt(year, month, 1)?
            .checked_add_months(chrono::Months::new(1))?
            .pred_opt(),
        [month, day] => NaiveDate::from_ymd_opt(year, month, day),
        _ => None,
    }
}

/// The date the sentence gives its events: its first temporal expression
/// that names a calendar date (not a duration).
pub fn date_of(doc: &Annotated, times: &SpanIndex<usize>, frame: &Frame) -> Option<String> {
    let mut inside: Vec<usize> = times
        .within(frame.tokens.clone())
        .map(|(_, k)| *k)
        .collect();
    inside.sort_unstable();
    inside
        .into_iter()
        .map(|k| doc.times[k].value.as_str())
        .find(|v| is_calendar_date(v))
        .map(str::to_owned)
}

fn is_calendar_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

/// The CAMEO code of a stated intention or plan to do what `code` codes:
/// cooperation becomes an intention to cooperate (root 03), force a threat
/// of force (root 13). Codes with no such counterpart stay as they are.
pub fn intended_code(code: &str) -> Option<&'static str> {
    const INTENTIONS: [(&str, &str); 21] = [
        ("061", "0311"),
        ("062", "0312"),
        ("063", "0313"),
        ("064", "0314"),
        ("06", "031"),
        ("071", "0331"),
        ("072", "0332"),
        ("073", "0333"),
        ("074", "0334"),
        ("07", "033"),
        ("0871", "0356"),
        ("087", "0356"),
        ("08", "035"),
        ("04", "036"),
        ("05", "032"),
        ("14", "133"),
        ("16", "1313"),
        ("17", "137"),
        ("18", "138"),
        ("19", "138"),
        ("20", "1385"),
    ];
    let (_, intended) = INTENTIONS.iter().find(|(from, _)| code.starts_with(from))?;
    CodeTable::embedded().get(intended).map(|c| c.code.as_str())
}
