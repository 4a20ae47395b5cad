//! Finding mentions and linking names: dictionary phrases, tagged names,
//! short names and acronyms the article defines.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use chrono::NaiveDate;

use super::EntityLinker;
use super::matcher::{Form, Found, Target};
use super::mention_index::MentionIndex;
use super::name_index::NameIndex;
use crate::lexicon::actors::DiscardScope;
use crate::model::EntityKind;
use crate::model::Pos;
use crate::model::annotated::{Annotated, Sentence, Token, TokenSpan};
use crate::model::labels::{CHUNK_KINDS, ENTITY_KINDS, kind_index};
use crate::model::span::Span;
use crate::model::{ActorId, Entity, EntityId, Gender, Mention, PlaceEntity, ResolvedBy};

/// The working state of linking one article.
pub struct Linker<'a> {
    /// The stage's dictionary, matcher and gazetteers.
    pub stage: &'a EntityLinker,
    /// The article text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// Noun-phrase chunks.
    pub noun_phrases: Vec<Range<usize>>,
    /// Names the tagger found, with their kinds.
    pub names: &'a [TokenSpan],
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// The outlet the document names as its source.
    pub source: Option<&'a str>,
    /// Entities so far.
    pub entities: Vec<Entity>,
    /// Places so far.
    pub places: Vec<PlaceEntity>,
    /// Agent phrases found: tokens and agent index.
    pub agents: Vec<(Range<usize>, usize)>,
    /// Index of each token's sentence.
    pub sentence_of: Vec<usize>,
    /// Sentences with a discard phrase, and the widest scope found.
    pub discards: Vec<(usize, DiscardScope)>,
    /// The entities' mentions, by position.
    pub index: MentionIndex,
    names_index: NameIndex,
    by_actor: HashMap<ActorId, usize>,
}

/// A noun phrase ends before a finite verb the chunker took into it ("The
/// official spoke" when "official" was tagged an adjective).
fn before_finite_verb(tokens: &[Token], phrase: Range<usize>) -> Range<usize> {
    let end = (phrase.start + 1..phrase.end)
        .find(|&i| matches!(tokens[i].pos, Pos::VBD | Pos::VBZ | Pos::VBP | Pos::MD))
        .unwrap_or(phrase.end);
    phrase.start..end
}

impl<'a> Linker<'a> {
    /// Start linking `doc`.
    pub fn new(stage: &'a EntityLinker, doc: &'a Annotated) -> Self {
        let np = kind_index(&CHUNK_KINDS, "NP");
        let mut sentence_of = vec![0; doc.tokens.len()];
        for (s, sentence) in doc.sentences.iter().enumerate() {
            for slot in &mut sentence_of[sentence.tokens.clone()] {
                *slot = s;
            }
        }
        let noun_phrases: Vec<Range<usize>> = doc
            .phrases
            .iter()
            .filter(|p| Some(p.kind) == np)
            .map(|p| before_finite_verb(&doc.tokens, p.tokens.clone()))
            .collect();
        debug_assert!(
            noun_phrases.windows(2).all(|w| w[0].end <= w[1].start),
            "chunks are in text order and apart"
        );
        Linker {
            stage,
            text: &doc.document.text,
            tokens: &doc.tokens,
            sentences: &doc.sentences,
            noun_phrases,
            names: &doc.names,
            date: doc.document.date,
            source: doc
                .document
                .source
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
            entities: Vec::new(),
            places: Vec::new(),
            agents: Vec::new(),
            sentence_of,
            discards: Vec::new(),
            index: MentionIndex::new(doc.tokens.len()),
            names_index: NameIndex::default(),
            by_actor: HashMap::new(),
        }
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.span.slice(self.text))
    }

    /// The text of a token range, as written.
    pub fn words(&self, tokens: &Range<usize>) -> &'a str {
        let span = self.span_of(tokens);
        span.slice(self.text)
    }

    /// The characters a token range covers.
    pub fn span_of(&self, tokens: &Range<usize>) -> Span {
        match (
            self.tokens.get(tokens.start),
            tokens.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(first), Some(last)) if tokens.end > tokens.start => first.span.cover(last.span),
            _ => Span::default(),
        }
    }

    /// The entity a mention covering exactly `tokens` belongs to, if any
    /// (the first of several).
    pub fn entity_at(&self, tokens: &Range<usize>) -> Option<usize> {
        self.index
            .starting_at(tokens.start)
            .find(|f| f.tokens.end == tokens.end)
            .map(|f| f.entity)
    }

    /// The entity with a mention ending at token `end` (exclusive), if any.
    pub fn entity_ending_at(&self, end: usize) -> Option<(usize, Range<usize>)> {
        self.index
            .ending_at(end)
            .find(|f| f.tokens.start < end)
            .map(|f| (f.entity, f.tokens))
    }

    /// Entities with a mention inside `tokens`, in text order.
    pub fn entities_within(&self, tokens: &Range<usize>) -> Vec<(usize, Range<usize>)> {
        self.index
            .within(tokens)
            .map(|f| (f.entity, f.tokens))
            .collect()
    }

    /// Whether any mention covers token `i`.
    pub fn claimed(&self, i: usize) -> bool {
        self.index.claimed(i)
    }

    /// Add a mention of entity `entity` over `tokens`.
    pub fn mention(&mut self, entity: usize, tokens: Range<usize>, resolved_by: ResolvedBy) {
        let span = self.span_of(&tokens);
        self.mention_span(entity, tokens, span, resolved_by);
    }

    /// Add a mention with an explicit span (part of a token).
    pub fn mention_span(
        &mut self,
        entity: usize,
        tokens: Range<usize>,
        span: Span,
        resolved_by: ResolvedBy,
    ) {
        let mention = Mention {
            tokens,
            span,
            resolved_by,
        };
        if self.index.insert(entity, &mention) {
            self.entities[entity].mentions.push(mention);
        }
    }

    /// Take every mention from entity `from`, to give them to another.
    fn take_mentions(&mut self, from: usize) -> Vec<Mention> {
        let mentions = std::mem::take(&mut self.entities[from].mentions);
        self.index.remove_entity(from, &mentions);
        mentions
    }

    /// The entity of a dictionary actor, created on first mention.
    pub fn entity_for_actor(&mut self, actor: ActorId) -> usize {
        if let Some(&e) = self.by_actor.get(&actor) {
            return e;
        }
        let a = &self.stage.dictionary.actors[actor];
        let mut entity = Entity::new(a.name.clone(), a.kind);
        entity.actor = Some(actor);
        entity.code = a.code_on(self.date).map(str::to_owned);
        entity.country = a.country.clone().filter(|c| !c.is_empty());
        entity.role = a.role.clone();
        entity.gender = a.gender;
        entity.plural = a.kind == EntityKind::ArmedGroup;
        let e = self.new_entity(entity);
        self.by_actor.insert(actor, e);
        e
    }

    /// A new entity; returns its index.
    pub fn new_entity(&mut self, entity: Entity) -> usize {
        let e = self.entities.len();
        let aliases = entity
            .actor
            .iter()
            .flat_map(|&a| self.stage.dictionary.actors[a].aliases.iter())
            .map(String::as_str);
        self.names_index.add(e, &entity.name, aliases);
        self.entities.push(entity);
        e
    }

    /// The best actor among a phrase's targets: one with a code on the
    /// article date, else the first.
    fn choose_actor(&self, targets: &[Target]) -> Option<(ActorId, Form)> {
        let actors: Vec<(ActorId, Form)> = targets
            .iter()
            .filter_map(|t| match t {
                Target::Actor(a, f) => Some((*a, *f)),
                _ => None,
            })
            .collect();
        actors
            .iter()
            .find(|(a, _)| {
                self.stage.dictionary.actors[*a]
                    .code_on(self.date)
                    .is_some()
            })
            .or(actors.first())
            .copied()
    }

    /// Dictionary phrases, tagged names and defined acronyms.
    pub fn find_mentions(&mut self) {
        let mut contextual = Vec::new();
        for s in 0..self.sentences.len() {
            let range = self.sentences[s].tokens.clone();
            let words: Vec<&str> = range.clone().map(|i| self.word(i)).collect();
            let Found {
                actors,
                agents,
                discard,
            } = self.stage.matcher.find(&words);
            if let Some(scope) = discard {
                self.discards.push((s, scope));
            }
            for found in actors {
                let tokens = range.start + found.tokens.start..range.start + found.tokens.end;
                let Some((actor, form)) = self.choose_actor(&found.targets) else {
                    continue;
                };
                if form == Form::Contextual {
                    contextual.push((tokens, found.targets));
                    continue;
                }
                if self.surname_of_someone_else(&tokens, actor) {
                    continue;
                }
                let e = self.entity_for_actor(actor);
                self.mention(e, tokens, resolved_by(form));
            }
            for found in agents {
                if let Some(Target::Agent(agent)) = found.targets.first() {
                    self.agents.push((
                        range.start + found.tokens.start..range.start + found.tokens.end,
                        *agent,
                    ));
                }
            }
        }
        self.hyphenated_prefixes();
        self.contextual_names(contextual);
        self.branches_into_groups();
        self.tagged_names();
        self.defined_acronyms();
        self.document_source();
    }

    /// A person's surname alone after another first name: "Hunter Biden" and
    /// "Jill Biden" are not Joe Biden (the tagged name becomes its own entity).
    fn surname_of_someone_else(&self, tokens: &Range<usize>, actor: ActorId) -> bool {
        let person = &self.stage.dictionary.actors[actor];
        if person.kind != EntityKind::Person || tokens.len() != 1 {
            return false;
        }
        let sentence_start = self
            .sentence_of
            .get(tokens.start)
            .map_or(0, |&s| self.sentences[s].tokens.start);
        if tokens.start == sentence_start {
            return false;
        }
        let before = self.word(tokens.start - 1);
        let own_words = std::iter::once(&person.name)
            .chain(&person.aliases)
            .flat_map(|name| name.split_whitespace());
        before.chars().next().is_some_and(char::is_uppercase)
            && self.stage.genders.gender(before).is_some()
            && !own_words.into_iter().any(|w| w == before)
    }

    /// The outlet the document comes from (its `source` field) is an entity
    /// even when the text never names it: the dictionary actor the name is,
    /// an entity the text names so, or a new news outlet.
    fn document_source(&mut self) {
        let Some(source) = self.source else {
            return;
        };
        let words: Vec<&str> = source.split_whitespace().collect();
        let whole = self
            .stage
            .matcher
            .find(&words)
            .actors
            .iter()
            .find(|m| m.tokens == (0..words.len()))
            .and_then(|m| self.choose_actor(&m.targets));
        let e = match whole {
            Some((actor, _)) => self.entity_for_actor(actor),
            None => match self
                .entities
                .iter()
                .position(|e| e.name.eq_ignore_ascii_case(source))
            {
                Some(e) => e,
                None => self.new_entity(Entity::new(source, EntityKind::NewsOutlet)),
            },
        };
        self.entities[e].document_source = true;
    }

    /// "ISIS-K" in an article about the Islamic State: a branch of an armed
    /// group the article also names is reported as that group.
    fn branches_into_groups(&mut self) {
        for e in 0..self.entities.len() {
            let Some(actor) = self.entities[e].actor else {
                continue;
            };
            let branch = &self.stage.dictionary.actors[actor];
            let Some(parent) = branch
                .parent
                .as_deref()
                .and_then(|p| self.stage.dictionary.by_name(p))
            else {
                continue;
            };
            let groups = branch.kind == EntityKind::ArmedGroup
                && self.stage.dictionary.actors[parent].kind == EntityKind::ArmedGroup;
            if let (true, Some(&into)) = (groups, self.by_actor.get(&parent)) {
                for m in self.take_mentions(e) {
                    self.mention_span(into, m.tokens, m.span, ResolvedBy::Alias);
                }
            }
        }
    }

    /// Names shared by several countries' bodies, given to the body of a
    /// country the article mentions.
    fn contextual_names(&mut self, found: Vec<(Range<usize>, Vec<Target>)>) {
        let mentioned: Vec<String> = self
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Country)
            .filter_map(|e| e.country.clone())
            .collect();
        for (tokens, targets) in found {
            let actor = targets.iter().find_map(|t| match t {
                Target::Actor(a, Form::Contextual)
                    if self.stage.dictionary.actors[*a]
                        .country
                        .as_ref()
                        .is_some_and(|c| mentioned.contains(c)) =>
                {
                    Some(*a)
                }
                _ => None,
            });
            if let Some(actor) = actor {
                let e = self.entity_for_actor(actor);
                self.mention(e, tokens, ResolvedBy::Alias);
            }
        }
    }

    /// "US-led", "Taliban-run": the part before the hyphen names an actor.
    fn hyphenated_prefixes(&mut self) {
        for i in 0..self.tokens.len() {
            let word = self.word(i);
            let Some((prefix, _)) = word.split_once('-') else {
                continue;
            };
            if prefix.is_empty() || self.claimed(i) {
                continue;
            }
            let Some(targets) = self.stage.matcher.lookup(prefix) else {
                continue;
            };
            if let Some((actor, form)) = self.choose_actor(&targets) {
                let e = self.entity_for_actor(actor);
                let start = self.tokens[i].span.start;
                self.mention_span(
                    e,
                    i..i + 1,
                    Span::new(start, start + prefix.len()),
                    resolved_by(form),
                );
            }
        }
    }

    /// Names the tagger found that no dictionary phrase covers: linked to an
    /// earlier entity they name in part, or new entities.
    fn tagged_names(&mut self) {
        let kinds = |k: &str| kind_index(&ENTITY_KINDS, k);
        let (per, org, misc, norp) = (kinds("PER"), kinds("ORG"), kinds("MISC"), kinds("NORP"));
        for name in self.names {
            let tokens = self.without_determiner(name.tokens.clone());
            if tokens.is_empty() || tokens.clone().any(|i| self.claimed(i)) {
                continue;
            }
            let kind = match Some(name.kind) {
                k if k == per => EntityKind::Person,
                k if k == org => EntityKind::Organisation,
                k if k == misc => EntityKind::Other,
                k if k == norp => EntityKind::Group,
                _ => continue,
            };
            let text = self.words(&tokens).to_owned();
            let kind = if kind == EntityKind::Organisation && self.looks_like_person(&text) {
                EntityKind::Person
            } else {
                kind
            };
            match self.earlier_entity_named(&text, kind) {
                Some((e, by)) => self.mention(e, tokens, by),
                None => {
                    let mut entity = Entity::new(text.clone(), kind);
                    if kind == EntityKind::Person {
                        entity.gender = self
                            .stage
                            .genders
                            .gender(text.split_whitespace().next().unwrap_or(""));
                    }
                    entity.plural = kind == EntityKind::Group;
                    let e = self.new_entity(entity);
                    self.mention(e, tokens, ResolvedBy::Name);
                }
            }
        }
    }

    /// A two-word name of a known first name and a surname that the tagger
    /// took for an organisation ("Nathan Sales" after a comma).
    fn looks_like_person(&self, text: &str) -> bool {
        let words: Vec<&str> = text.split_whitespace().collect();
        matches!(words.as_slice(), [first, last]
            if self.stage.genders.gender(first).is_some()
                && last.chars().next().is_some_and(char::is_uppercase)
                && last.chars().skip(1).all(char::is_lowercase))
    }

    /// A leading "the" is not part of a name.
    fn without_determiner(&self, tokens: Range<usize>) -> Range<usize> {
        if tokens.len() > 1 && self.word(tokens.start).eq_ignore_ascii_case("the") {
            tokens.start + 1..tokens.end
        } else {
            tokens
        }
    }

    /// An earlier entity `text` names: the same name, a person's surname, or
    /// the last words of an organisation's name ("Post" for "The Washington
    /// Post").
    fn earlier_entity_named(&self, text: &str, kind: EntityKind) -> Option<(usize, ResolvedBy)> {
        let words = text.split_whitespace().count();
        // The index finds the entities named so or by these last words; the
        // first of them that the kinds allow is the one.
        self.names_index.candidates(text).into_iter().find_map(|e| {
            let entity = &self.entities[e];
            if entity.name.eq_ignore_ascii_case(text) {
                return Some((e, ResolvedBy::Name));
            }
            match (kind, entity.kind) {
                (EntityKind::Person, EntityKind::Person) if words == 1 => {
                    Some((e, ResolvedBy::Name))
                }
                (EntityKind::Organisation, k)
                    if k != EntityKind::Person && k != EntityKind::Country =>
                {
                    Some((e, ResolvedBy::Alias))
                }
                _ => None,
            }
        })
    }

    /// "Islamic State (IS)": the acronym names the entity wherever it appears.
    fn defined_acronyms(&mut self) {
        let mut defined: Vec<(&'a str, usize)> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for e in 0..self.entities.len() {
            for m in &self.entities[e].mentions {
                let end = m.tokens.end;
                let acronym = self.word(end + 1);
                let is_definition = self.word(end) == "("
                    && self.word(end + 2) == ")"
                    && looks_like_acronym(acronym);
                if is_definition && seen.insert(acronym) {
                    defined.push((acronym, e));
                }
            }
        }
        if defined.is_empty() {
            return;
        }
        // Where each acronym is written, found in one pass over the words.
        let mut positions: HashMap<&str, Vec<usize>> =
            defined.iter().map(|&(a, _)| (a, Vec::new())).collect();
        for i in 0..self.tokens.len() {
            if let Some(found) = positions.get_mut(self.word(i)) {
                found.push(i);
            }
        }
        for (acronym, e) in defined {
            for &i in &positions[acronym] {
                match self.entity_at(&(i..i + 1)) {
                    None if !self.claimed(i) => self.mention(e, i..i + 1, ResolvedBy::Acronym),
                    Some(other) if other != e && self.entities[other].name == acronym => {
                        self.merge(other, e)
                    }
                    _ => {}
                }
            }
        }
    }

    /// Move every mention of entity `from` to entity `into`, as acronyms.
    fn merge(&mut self, from: usize, into: usize) {
        for m in self.take_mentions(from) {
            self.mention_span(into, m.tokens, m.span, ResolvedBy::Acronym);
        }
    }

    /// The gender of a first name, where the lists know it.
    pub fn gender_of(&self, first_name: &str) -> Option<Gender> {
        self.stage.genders.gender(first_name)
    }

    /// The sentences event coding leaves out: those with a discard phrase,
    /// or all of them when one of the phrases discards the whole article.
    pub fn discarded_sentences(&self) -> Vec<usize> {
        if self
            .discards
            .iter()
            .any(|(_, scope)| *scope == DiscardScope::Article)
        {
            return (0..self.sentences.len()).collect();
        }
        self.discards.iter().map(|(s, _)| *s).collect()
    }

    /// Finish: places resolved, codes filled in from affiliations, entities
    /// and mentions in text order.
    pub fn finish(mut self) -> (Vec<Entity>, Vec<PlaceEntity>) {
        super::places::resolve(&mut self);
        for e in 0..self.entities.len() {
            if self.entities[e].code.is_none() {
                let affiliation = self.entities[e].affiliation_entity;
                self.entities[e].code = affiliation.and_then(|a| self.entities[a].code.clone());
            }
            self.entities[e]
                .mentions
                .sort_by_key(|m| (m.span.start, m.span.end));
        }
        // Entities the text never mentions go, except the document's own
        // source; the rest are put in text order, and affiliations follow.
        let mut order: Vec<usize> = (0..self.entities.len())
            .filter(|&e| !self.entities[e].mentions.is_empty() || self.entities[e].document_source)
            .collect();
        order.sort_by_key(|&e| self.entities[e].first_token());
        let mut new_index = vec![None; self.entities.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = Some(new);
        }
        let mut sorted: Vec<Entity> = order.iter().map(|&e| self.entities[e].clone()).collect();
        for entity in &mut sorted {
            entity.affiliation_entity = entity
                .affiliation_entity
                .and_then(|a| new_index[a.index()])
                .map(EntityId);
        }
        let mut places = self.places;
        for place in &mut places {
            place.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        }
        places.sort_by_key(|p| p.mentions.first().map_or(usize::MAX, |m| m.span.start));
        (sorted, places)
    }
}

fn resolved_by(form: Form) -> ResolvedBy {
    match form {
        Form::Name => ResolvedBy::Name,
        Form::Alias | Form::Demonym | Form::Contextual => ResolvedBy::Alias,
        Form::Acronym => ResolvedBy::Acronym,
    }
}

/// Capitals, digits and hyphens, two to eight characters: "IS", "ISIS-K", "G7".
fn looks_like_acronym(word: &str) -> bool {
    (2..=8).contains(&word.len())
        && word.chars().any(|c| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '&')
}
