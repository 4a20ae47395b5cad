//! PETRARCH/TABARI dictionaries: actor files (phrases, `+synonym` lines and
//! `[CODE date-range]` restrictions), agent files (`PHRASE [~CODE]` with
//! `!SET!` substitutions and `{PLURAL}` forms) and discard files.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::actors::{
    Actor, ActorDictionary, Agent, DatedCode, DictionaryError, Discard, DiscardScope,
};
use crate::model::EntityKind;

/// Add the actors of a PETRARCH actor file; returns how many were added.
pub fn add_actors(
    dictionary: &mut ActorDictionary,
    file: &str,
    text: &str,
) -> Result<usize, DictionaryError> {
    let mut added = 0;
    let mut block: Option<Block> = None;
    for (number, raw) in text.lines().enumerate() {
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let skip = |message: &str| tracing::warn!("{file}:{}: {message}; line skipped", number + 1);
        let trimmed = line.trim();
        let parsed = match split_codes(trimmed.trim_start_matches('+')) {
            Ok(parsed) => parsed,
            Err(message) => {
                skip(&message);
                continue;
            }
        };
        if trimmed.starts_with('+') || trimmed.starts_with('[') {
            let Some(current) = block.as_mut() else {
                skip("a synonym or code before any actor");
                continue;
            };
            let (phrase, codes) = parsed;
            if trimmed.starts_with('+') {
                current.phrases.push(phrase);
            }
            current.codes.extend(codes);
        } else {
            if let Some(done) = block.take() {
                added += done.store(dictionary);
            }
            let (phrase, codes) = parsed;
            block = Some(Block {
                phrases: vec![phrase],
                codes,
            });
        }
    }
    if let Some(done) = block {
        added += done.store(dictionary);
    }
    Ok(added)
}

/// One actor entry: its phrases and codes.
struct Block {
    phrases: Vec<String>,
    codes: Vec<DatedCode>,
}

impl Block {
    fn store(self, dictionary: &mut ActorDictionary) -> usize {
        let Some(first) = self.phrases.first().filter(|p| !p.is_empty()) else {
            return 0;
        };
        if self.codes.is_empty() {
            return 0;
        }
        let name = title_case(first);
        let kind = kind_of(&self.codes[0].code);
        let country = self.codes[0].code.get(..3).map(str::to_owned);
        let id = dictionary.add_actor(Actor {
            name,
            kind,
            country,
            aliases: Vec::new(),
            acronyms: Vec::new(),
            contextual: Vec::new(),
            demonyms: Vec::new(),
            capital: None,
            codes: self.codes,
            role: None,
            gender: None,
            parent: None,
        });
        for phrase in self.phrases {
            dictionary.petrarch.push((phrase, id));
        }
        1
    }
}

/// The entity kind a code's sector implies.
fn kind_of(code: &str) -> EntityKind {
    let sector = code.get(3..6).unwrap_or("");
    if code.starts_with("IGO") {
        return EntityKind::InternationalOrganisation;
    }
    if code.starts_with("IMG") || matches!(sector, "REB" | "INS") {
        return EntityKind::ArmedGroup;
    }
    match sector {
        "" => EntityKind::Country,
        "GOV" | "LEG" | "JUD" | "COP" | "SPY" => EntityKind::GovernmentBody,
        "MIL" => EntityKind::Military,
        "MED" => EntityKind::NewsOutlet,
        "PTY" | "OPP" => EntityKind::PoliticalParty,
        _ => EntityKind::Organisation,
    }
}

/// Add the agents of a PETRARCH agent file; returns how many phrases were added.
pub fn add_agents(
    dictionary: &mut ActorDictionary,
    file: &str,
    text: &str,
) -> Result<usize, DictionaryError> {
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut added = 0;
    for (number, raw) in text.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if let Some((name, members)) = line
            .split_once('=')
            .filter(|(n, _)| n.trim().starts_with('!'))
        {
            let members = members
                .split(',')
                .map(|m| m.trim().to_owned())
                .filter(|m| !m.is_empty())
                .collect();
            sets.insert(name.trim().to_owned(), members);
            continue;
        }
        let (phrase, codes) = match split_codes(line) {
            Ok(parsed) => parsed,
            Err(message) => {
                tracing::warn!("{file}:{}: {message}; line skipped", number + 1);
                continue;
            }
        };
        let Some(code) = codes
            .first()
            .map(|c| c.code.trim_start_matches('~').to_owned())
        else {
            continue;
        };
        let (phrase, plural) = match phrase.split_once('{') {
            Some((p, rest)) => (
                p.trim().to_owned(),
                Some(rest.trim_end_matches('}').trim().replace('_', " ")),
            ),
            None => (phrase, None),
        };
        let mut phrases = expand_sets(&phrase, &sets);
        match plural {
            Some(p) if !p.is_empty() => phrases.push(p),
            Some(_) => {}
            None => {
                let plurals: Vec<String> = phrases.iter().map(|p| format!("{p}S")).collect();
                phrases.extend(plurals);
            }
        }
        added += phrases.len();
        let index = dictionary.agents.len();
        dictionary.agents.push(Agent {
            kind: kind_of(&format!("XXX{code}")),
            code,
            person: false,
            phrases: Vec::new(),
            roles: Vec::new(),
        });
        for phrase in phrases {
            dictionary.petrarch_agents.push((phrase, index));
        }
    }
    Ok(added)
}

/// Expand `!SET!` references into one phrase per member.
fn expand_sets(phrase: &str, sets: &HashMap<String, Vec<String>>) -> Vec<String> {
    let mut out = vec![phrase.to_owned()];
    for (name, members) in sets {
        if !phrase.contains(name.as_str()) {
            continue;
        }
        out = out
            .iter()
            .flat_map(|p| members.iter().map(move |m| p.replace(name.as_str(), m)))
            .collect();
    }
    out
}

/// Add the phrases of a PETRARCH discard file.
pub fn add_discards(dictionary: &mut ActorDictionary, text: &str) -> usize {
    let before = dictionary.discards.len();
    for raw in text.lines() {
        let line = strip_comment(raw).trim();
        let (scope, phrase) = match line.strip_prefix('+') {
            Some(rest) => (DiscardScope::Article, rest),
            None => (DiscardScope::Sentence, line),
        };
        let phrase = phrase.replace('_', " ").trim().to_owned();
        if !phrase.is_empty() {
            dictionary.discards.push(Discard { phrase, scope });
        }
    }
    dictionary.discards.len() - before
}

fn strip_comment(line: &str) -> &str {
    line.split('#').next().unwrap_or("")
}

/// `NAME_OF_ACTOR_ [CODE 010101-051231] [CODE2]` -> ("NAME OF ACTOR", codes). A
/// phrase keeps a trailing space when it ended in `_` (a whole word).
fn split_codes(text: &str) -> Result<(String, Vec<DatedCode>), String> {
    let (phrase, rest) = match text.find('[') {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let mut codes = Vec::new();
    for bracket in rest.split('[').skip(1) {
        let inside = bracket.split(']').next().unwrap_or("").trim();
        if inside.is_empty() {
            continue;
        }
        let mut parts = inside.split_whitespace();
        let code = parts.next().unwrap_or("").to_owned();
        // The range may be spaced out: `< 950601`, `19950601 - 19990815`.
        let range: String = parts.collect();
        let (from, until) = match range.as_str() {
            "" => (None, None),
            range => date_range(range).ok_or_else(|| format!("bad date range {range:?}"))?,
        };
        codes.push(DatedCode { code, from, until });
    }
    let phrase = phrase.trim();
    let whole_word = phrase.ends_with('_');
    let mut words = phrase.replace('_', " ").trim().to_owned();
    if whole_word {
        words.push(' ');
    }
    Ok((words, codes))
}

/// `>010120`, `<050228`, `010120-050228`, with 6- or 8-digit dates.
fn date_range(range: &str) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
    if let Some(from) = range.strip_prefix('>') {
        return Some((Some(date(from)?), None));
    }
    if let Some(until) = range.strip_prefix('<') {
        return Some((None, Some(date(until)?)));
    }
    let (from, until) = range.split_once('-')?;
    Some((Some(date(from)?), Some(date(until)?)))
}

fn date(text: &str) -> Option<NaiveDate> {
    let digits = text.trim();
    let (year, rest) = match digits.len() {
        8 => (digits[..4].parse().ok()?, &digits[4..]),
        6 => {
            let yy: i32 = digits[..2].parse().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &digits[2..])
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, rest[..2].parse().ok()?, rest[2..].parse().ok()?)
}

fn title_case(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) if !matches!(lower.as_str(), "of" | "the" | "and" | "for") => {
                    first.to_uppercase().chain(chars).collect()
                }
                _ => lower,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "\
# a comment
AFGHANISTAN_  [AFG]
+AFGHAN_
+AFGANISTAN_

UNITED_STATES_CONGRESS_
+US_CONGRESS_
\t[USAGOVLEG]

ANN_VENEMAN_\t[USAGOV 010120-050120] [IGOUNOKID >050501]# two careers
THE_ISLAMIC_STATE
\t[IMGMUSISI >20130408]
";

    #[test]
    fn spaced_date_ranges() {
        let (_, codes) =
            split_codes("[HOB < 950601] [HOBGOV 19950601 - 19990815] [HOBREB > 990816]").unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(codes[0].until, day(1995, 6, 1));
        assert_eq!(
            (codes[1].from, codes[1].until),
            (day(1995, 6, 1), day(1999, 8, 15))
        );
        assert_eq!(codes[2].from, day(1999, 8, 16));
    }

    #[test]
    fn actors_synonyms_and_dated_codes() {
        let mut d = ActorDictionary::new();
        assert_eq!(add_actors(&mut d, "test.actors", ACTORS).unwrap(), 4);
        let afghanistan = &d.actors[0];
        assert_eq!(afghanistan.name, "Afghanistan");
        assert_eq!(afghanistan.kind, EntityKind::Country);
        let phrases: Vec<&str> = d.petrarch.iter().map(|(p, _)| p.as_str()).collect();
        assert!(phrases.contains(&"AFGHAN ") && phrases.contains(&"US CONGRESS "));
        assert!(
            phrases.contains(&"THE ISLAMIC STATE"),
            "no trailing underscore: a stem"
        );
        let veneman = &d.actors[2];
        let day = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(veneman.code_on(day(2003, 1, 1)), Some("USAGOV"));
        assert_eq!(veneman.code_on(day(2006, 1, 1)), Some("IGOUNOKID"));
        assert_eq!(d.actors[3].code_on(day(2012, 1, 1)), None);
        assert_eq!(d.actors[3].kind, EntityKind::ArmedGroup);
    }

    #[test]
    fn the_first_dated_code_that_holds_beats_the_default() {
        let mut d = ActorDictionary::new();
        let text = "SAM_GAMGEE [HOB]\n\t[ORCHOB 20100109-20100112]\n\t[HOBMIL 20080120-20121109]\n\
                    ZIMBABWE\n\t[RHO <790606]\n\t[ZBW]\n";
        add_actors(&mut d, "test.actors", text).unwrap();
        let day = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let sam = &d.actors[0];
        assert_eq!(
            sam.code_on(day(2010, 1, 10)),
            Some("ORCHOB"),
            "listed first"
        );
        assert_eq!(sam.code_on(day(2011, 1, 1)), Some("HOBMIL"));
        assert_eq!(sam.code_on(day(2001, 1, 1)), Some("HOB"), "the default");
        assert_eq!(d.actors[1].code_on(day(1978, 12, 23)), Some("RHO"));
        assert_eq!(d.actors[1].code_on(day(1990, 1, 1)), Some("ZBW"));
    }

    #[test]
    fn agents_with_sets_and_plurals() {
        let mut d = ActorDictionary::new();
        let text = "!PERSON! = MAN, MEN\nPOLICE {} [~COP]\nPOLICE!PERSON! [~COP]\nSOLDIER [~MIL]\n";
        add_agents(&mut d, "test.agents", text).unwrap();
        let phrases: Vec<&str> = d.petrarch_agents.iter().map(|(p, _)| p.as_str()).collect();
        assert!(phrases.contains(&"POLICE") && !phrases.contains(&"POLICES"));
        assert!(phrases.contains(&"POLICEMAN") && phrases.contains(&"POLICEMEN"));
        assert!(phrases.contains(&"SOLDIERS"));
        assert_eq!(d.agents[2].code, "MIL");
    }

    #[test]
    fn discards_and_bad_ranges() {
        let mut d = ActorDictionary::new();
        assert_eq!(
            add_discards(&mut d, "# c\nBANK_OF_AMERICA\n+MONTHS_LATER\n"),
            2
        );
        let phrases: Vec<(&str, DiscardScope)> = d
            .discards
            .iter()
            .map(|d| (d.phrase.as_str(), d.scope))
            .collect();
        assert_eq!(
            phrases,
            [
                ("BANK OF AMERICA", DiscardScope::Sentence),
                ("MONTHS LATER", DiscardScope::Article)
            ]
        );
        assert_eq!(
            add_actors(&mut d, "bad", "X_ [ABC 99x]\nY_ [DEF]\n").unwrap(),
            1,
            "the bad line is skipped"
        );
    }
}
