//! Scoring against the seed annotation (`gold.json` beside the seed
//! article): actors and places, each listed with the surface forms that
//! mention it.
//!
//! Each listed mention is taken at its first whole-word occurrence in the
//! text. A gold actor's entity is the one that holds most of its mentions;
//! a mention counts as linked when a mention of that entity overlaps it. The
//! actor is "one entity with the right code" when that entity's code is the
//! code the annotation gives for the article date.

use serde::Serialize;
use serde_json::Value;

use attest::contract::{Analysis, Mention};

/// How one gold actor or place fared.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedItem {
    /// Gold name.
    pub name: String,
    /// The entity (or place) id that holds most of its mentions.
    pub entity: Option<String>,
    /// Gold code on the article date, for actors.
    pub gold_code: Option<String>,
    /// The entity's code.
    pub code: Option<String>,
    /// Listed mentions found at their first occurrence and linked to the entity.
    pub linked: Vec<String>,
    /// Listed mentions that were not.
    pub missed: Vec<String>,
}

impl LinkedItem {
    /// Whether the codes agree (places have none).
    pub fn code_right(&self) -> bool {
        self.gold_code.is_none() || self.gold_code == self.code
    }
}

/// The figures of `attest eval seed` for entities.
#[derive(Debug, Clone, Serialize)]
pub struct EntityReport {
    /// Actors.
    pub actors: Vec<LinkedItem>,
    /// Places.
    pub places: Vec<LinkedItem>,
    /// Listed mentions linked to the right entity, over all listed mentions.
    pub mention_accuracy: f64,
    /// Actors whose entity has the right code, over all actors.
    pub code_accuracy: f64,
}

/// The first whole-word occurrence of `needle` in `text` as a char range.
pub fn first_whole_word(text: &str, needle: &str) -> Option<(usize, usize)> {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(needle).find_map(|(start, _)| {
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let glued_before = is_word(before) && is_word(needle.chars().next());
        let glued_after = is_word(after) && is_word(needle.chars().next_back());
        let bounded = !glued_before && !glued_after;
        bounded.then(|| (text[..start].chars().count(), text[..end].chars().count()))
    })
}

fn overlaps(m: &Mention, (start, end): (usize, usize)) -> bool {
    m.span.char_start < end && start < m.span.char_end
}

/// Score the entities and places of `analysis` against the seed annotation.
pub fn score_entities(analysis: &Analysis, gold: &Value) -> EntityReport {
    let text = &analysis.document.text;
    let entity_mentions: Vec<(String, Option<String>, &[Mention])> = analysis
        .entities
        .iter()
        .map(|e| (e.id.clone(), e.code.clone(), e.mentions.as_slice()))
        .collect();
    let place_mentions: Vec<(String, Option<String>, &[Mention])> = analysis
        .places
        .iter()
        .map(|p| (p.id.clone(), None, p.mentions.as_slice()))
        .collect();
    let actors = items(gold, "actors", text, &entity_mentions);
    let places = items(gold, "places", text, &place_mentions);
    let (linked, total) = actors.iter().chain(&places).fold((0, 0), |(l, t), item| {
        (
            l + item.linked.len(),
            t + item.linked.len() + item.missed.len(),
        )
    });
    let right_codes = actors.iter().filter(|a| a.code_right()).count();
    EntityReport {
        mention_accuracy: linked as f64 / total.max(1) as f64,
        code_accuracy: right_codes as f64 / actors.len().max(1) as f64,
        actors,
        places,
    }
}

fn items(
    gold: &Value,
    key: &str,
    text: &str,
    candidates: &[(String, Option<String>, &[Mention])],
) -> Vec<LinkedItem> {
    let empty = Vec::new();
    gold[key]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|item| {
            let mentions: Vec<String> = item["mentions"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .filter_map(|m| m.as_str().map(str::to_owned))
                .collect();
            let occurrences: Vec<(String, Option<(usize, usize)>)> = mentions
                .iter()
                .map(|m| (m.clone(), first_whole_word(text, m)))
                .collect();
            let holds = |c: &(String, Option<String>, &[Mention])| {
                occurrences
                    .iter()
                    .filter(|(_, o)| o.is_some_and(|o| c.2.iter().any(|m| overlaps(m, o))))
                    .count()
            };
            let best = candidates
                .iter()
                .filter(|c| holds(c) > 0)
                .max_by_key(|c| holds(c));
            let (linked, missed): (Vec<_>, Vec<_>) = occurrences.into_iter().partition(|(_, o)| {
                best.is_some_and(|b| o.is_some_and(|o| b.2.iter().any(|m| overlaps(m, o))))
            });
            LinkedItem {
                name: item["name"].as_str().unwrap_or("").to_owned(),
                entity: best.map(|b| b.0.clone()),
                gold_code: item["code_on_date"].as_str().map(str::to_owned),
                code: best.and_then(|b| b.1.clone()),
                linked: linked.into_iter().map(|(m, _)| m).collect(),
                missed: missed.into_iter().map(|(m, _)| m).collect(),
            }
        })
        .collect()
}

/// How one gold attribution fared.
#[derive(Debug, Clone, Serialize)]
pub struct AttributionItem {
    /// Gold id ("A4").
    pub id: String,
    /// Whether the annotation requires it.
    pub required: bool,
    /// The predicted attribution whose content covers at least half of the
    /// gold content, the most of it.
    pub found: Option<String>,
    /// Whether its speaker is the gold speaker's entity.
    pub speaker_right: bool,
    /// Whether its chain holds the gold `via` (None: the gold has none).
    pub via_right: Option<bool>,
    /// Whether a dispute by it rejects an attribution matched to one the
    /// gold says it disputes (None: the gold lists none).
    pub dispute_right: Option<bool>,
}

/// The figures of `attest eval seed` for attributions.
#[derive(Debug, Clone, Serialize)]
pub struct AttributionReport {
    /// Every gold attribution.
    pub items: Vec<AttributionItem>,
    /// Required attributions found with the right speaker, over required ones.
    pub required_right: f64,
    /// Attributions with a gold `via` whose chain holds it, over those.
    pub via_right: f64,
    /// Gold disputes present, over gold attributions that dispute.
    pub disputes_right: f64,
    /// Texts the annotation says are not quotations that were reported as one.
    pub false_quotes: Vec<String>,
}

/// Score the attributions and disputes of `analysis` against the seed
/// annotation; `actors` maps gold actor names to entities.
pub fn score_attributions(
    analysis: &Analysis,
    gold: &Value,
    actors: &[LinkedItem],
) -> AttributionReport {
    let text = &analysis.document.text;
    let entity_of = |name: &str| {
        actors
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| a.entity.clone())
    };
    let empty = Vec::new();
    let gold_items = gold["attributions"].as_array().unwrap_or(&empty);
    let matched: Vec<Option<&attest::contract::Attribution>> = gold_items
        .iter()
        .map(|g| best_match(analysis, text, g["content"].as_str().unwrap_or("")))
        .collect();
    let items: Vec<AttributionItem> = gold_items
        .iter()
        .zip(&matched)
        .map(|(g, found)| {
            let speaker = g["speaker"].as_str().and_then(&entity_of);
            let via = g["via"].as_str().map(&entity_of);
            let disputed: Vec<String> = g["disputes"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .filter_map(|d| {
                    let k = gold_items.iter().position(|x| x["id"] == *d)?;
                    matched[k].map(|a| a.id.clone())
                })
                .collect();
            AttributionItem {
                id: g["id"].as_str().unwrap_or("").to_owned(),
                required: !g["optional"].as_bool().unwrap_or(false),
                found: found.map(|a| a.id.clone()),
                speaker_right: found.is_some_and(|a| speaker.is_some() && a.speaker == speaker),
                via_right: via
                    .map(|v| found.is_some_and(|a| v.is_some_and(|v| a.via.contains(&v)))),
                dispute_right: g.get("disputes").map(|_| {
                    found.is_some_and(|a| {
                        analysis
                            .disputes
                            .iter()
                            .any(|d| d.by == a.id && d.against.iter().any(|x| disputed.contains(x)))
                    })
                }),
            }
        })
        .collect();
    let share = |hits: usize, of: usize| hits as f64 / of.max(1) as f64;
    let required: Vec<&AttributionItem> = items.iter().filter(|i| i.required).collect();
    let vias: Vec<bool> = items.iter().filter_map(|i| i.via_right).collect();
    let disputes: Vec<bool> = items.iter().filter_map(|i| i.dispute_right).collect();
    AttributionReport {
        required_right: share(
            required
                .iter()
                .filter(|i| i.found.is_some() && i.speaker_right)
                .count(),
            required.len(),
        ),
        via_right: share(vias.iter().filter(|v| **v).count(), vias.len()),
        disputes_right: share(disputes.iter().filter(|v| **v).count(), disputes.len()),
        false_quotes: false_quotes(analysis, gold),
        items,
    }
}

/// How one gold event fared.
#[derive(Debug, Clone, Serialize)]
pub struct EventItem {
    /// Gold id ("E4").
    pub id: String,
    /// Whether the annotation requires it.
    pub required: bool,
    /// The predicted event over the gold evidence with the right actors,
    /// CAMEO root and PLOVER type (else the first one over the evidence).
    pub found: Option<String>,
    /// Whether its source and target are among the gold's.
    pub actors_right: bool,
    /// Whether its CAMEO root is the gold's.
    pub root_right: bool,
    /// Whether its PLOVER type is the gold's.
    pub plover_right: bool,
}

impl EventItem {
    /// Found with everything right.
    pub fn right(&self) -> bool {
        self.found.is_some() && self.actors_right && self.root_right && self.plover_right
    }
}

/// The figures of `attest eval seed` for events.
#[derive(Debug, Clone, Serialize)]
pub struct EventReport {
    /// Every gold event.
    pub items: Vec<EventItem>,
    /// Required events found with right actors, root and type, over required ones.
    pub required_right: f64,
    /// Events the annotation says must not be reported as having happened
    /// that were.
    pub must_not_violated: Vec<String>,
}

/// Score the events of `analysis` against the seed annotation; `actors`
/// maps gold actor names to entities.
pub fn score_events(analysis: &Analysis, gold: &Value, actors: &[LinkedItem]) -> EventReport {
    let empty = Vec::new();
    let items: Vec<EventItem> = gold["events"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|g| score_event(analysis, g, actors))
        .collect();
    let required: Vec<&EventItem> = items.iter().filter(|i| i.required).collect();
    let right = required.iter().filter(|i| i.right()).count();
    EventReport {
        required_right: right as f64 / required.len().max(1) as f64,
        must_not_violated: must_not_events(analysis, gold),
        items,
    }
}

fn score_event(analysis: &Analysis, g: &Value, actors: &[LinkedItem]) -> EventItem {
    let text = &analysis.document.text;
    let evidence = g["evidence"].as_str().unwrap_or("");
    let range = text.find(evidence).map(|start| {
        let start = text[..start].chars().count();
        (start, start + evidence.chars().count())
    });
    let over = |e: &&attest::contract::Event| {
        range.is_some_and(|(start, end)| {
            e.evidence
                .iter()
                .any(|s| s.char_start < end && start < s.char_end)
        })
    };
    let candidates: Vec<&attest::contract::Event> = analysis.events.iter().filter(over).collect();
    let names = |key: &str, any: &str| -> Vec<Option<String>> {
        match g[any].as_array() {
            Some(list) => list.iter().map(|v| v.as_str().map(str::to_owned)).collect(),
            None => vec![g[key].as_str().map(str::to_owned)],
        }
    };
    let (sources, targets) = (names("source", "source_any"), names("target", "target_any"));
    let is = |predicted: Option<&String>, gold: &Option<String>| match (predicted, gold) {
        (None, None) => true,
        (Some(p), Some(name)) => actor_matches(analysis, actors, p, name),
        _ => false,
    };
    let (source_ok, target_ok) = (
        |e: &attest::contract::Event| sources.iter().any(|g| is(Some(&e.source), g)),
        |e: &attest::contract::Event| targets.iter().any(|g| is(e.target.as_ref(), g)),
    );
    let cameo = g["cameo"].as_str().unwrap_or("");
    let plover = g["plover"].as_str();
    let judge = |e: &attest::contract::Event| {
        (
            source_ok(e) && target_ok(e),
            e.cameo.get(..2) == cameo.get(..2),
            e.plover.as_deref() == plover,
        )
    };
    let best = candidates
        .iter()
        .max_by_key(|e| {
            let (a, r, p) = judge(e);
            u8::from(a) * 4 + u8::from(r) * 2 + u8::from(p)
        })
        .copied();
    let (actors_right, root_right, plover_right) = best.map_or((false, false, false), judge);
    EventItem {
        id: g["id"].as_str().unwrap_or("").to_owned(),
        required: g["required"].as_bool().unwrap_or(false)
            && !g["optional"].as_bool().unwrap_or(false),
        found: best.map(|e| e.id.clone()),
        actors_right,
        root_right,
        plover_right,
    }
}

/// Whether a predicted entity or place id is the gold actor or place
/// `name`: the entity holding its mentions, the place of that name, or an
/// entity whose actor code falls under a gold country's code (CAMEO actor
/// codes nest: `USAGOV` acts for `USA`).
fn actor_matches(analysis: &Analysis, actors: &[LinkedItem], id: &str, name: &str) -> bool {
    let gold = actors.iter().find(|a| a.name == name);
    if gold.and_then(|a| a.entity.as_deref()) == Some(id) {
        return true;
    }
    if analysis.place(id).is_some_and(|p| p.name == name) {
        return true;
    }
    let country = gold
        .and_then(|a| a.gold_code.as_deref())
        .filter(|c| c.len() == 3);
    let code = analysis.entity(id).and_then(|e| e.code.as_deref());
    matches!((country, code), (Some(c), Some(code)) if code.starts_with(c))
}

/// Events the annotation's `must_not` list rules out ("an event ... coded
/// from 'WORDS'") that were reported as having happened.
fn must_not_events(analysis: &Analysis, gold: &Value) -> Vec<String> {
    let text = &analysis.document.text;
    let empty = Vec::new();
    let mut violated = Vec::new();
    for item in gold["must_not"].as_array().unwrap_or(&empty) {
        let what = item["what"].as_str().unwrap_or("");
        if !what.starts_with("an event") {
            continue;
        }
        let Some(words) = what.split('\'').nth(1) else {
            continue;
        };
        let Some(start) = text.find(words) else {
            continue;
        };
        let start = text[..start].chars().count();
        let end = start + words.chars().count();
        let happened = analysis.events.iter().any(|e| {
            matches!(e.modality.as_str(), "asserted" | "historical")
                && e.evidence
                    .iter()
                    .any(|s| s.char_start < end && start < s.char_end)
        });
        if happened {
            violated.push(what.to_owned());
        }
    }
    violated
}

/// The predicted attribution whose content shares the most characters with
/// the gold content, if it covers at least half of it.
fn best_match<'a>(
    analysis: &'a Analysis,
    text: &str,
    content: &str,
) -> Option<&'a attest::contract::Attribution> {
    let start = text.find(content)?;
    let (start, end) = (
        text[..start].chars().count(),
        text[..start].chars().count() + content.chars().count(),
    );
    let shared = |a: &attest::contract::Attribution| -> usize {
        a.content
            .iter()
            .map(|c| c.char_end.min(end).saturating_sub(c.char_start.max(start)))
            .sum()
    };
    analysis
        .attributions
        .iter()
        .filter(|a| shared(a) * 2 >= end - start)
        .max_by_key(|a| shared(a))
}

/// Gold `not_quotes` texts reported as a quotation: an attribution's
/// content or quoted fragment that is nothing but that text.
fn false_quotes(analysis: &Analysis, gold: &Value) -> Vec<String> {
    let trim = |s: &str| s.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let empty = Vec::new();
    gold["not_quotes"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter_map(|n| n["text"].as_str())
        .filter(|t| {
            analysis.attributions.iter().any(|a| {
                a.content
                    .iter()
                    .chain(&a.quoted)
                    .any(|s| trim(&s.text) == trim(t))
            })
        })
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert_eq!(first_whole_word("This IS it: IS", "IS"), Some((5, 7)));
        assert_eq!(first_whole_word("the [IS] has", "[IS]"), Some((4, 8)));
        assert_eq!(first_whole_word("US-led forces", "US"), Some((0, 2)));
        assert_eq!(first_whole_word("BUS", "US"), None);
    }
}
