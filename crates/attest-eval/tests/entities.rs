//! The entities stage, one short sentence a case: names, aliases, acronyms
//! defined in the text, agents composing codes, unnamed sources, short names,
//! definite descriptions, "the former" and "the latter", pronouns, roles and
//! affiliations, codes that change with the date, and places.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::sync::LazyLock;

use attest::contract::Analysis;
use attest::{Document, OutputOptions, Pipeline};
use attest_eval::seed::first_whole_word;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::new().unwrap());

fn analyse(text: &str, date: &str) -> Analysis {
    let mut doc = Document::from_text(text);
    doc.date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    PIPELINE.analyse_with(doc, OutputOptions::default())
}

/// The entity whose mention overlaps most of the first whole-word occurrence of `mention`.
fn entity_of<'a>(analysis: &'a Analysis, mention: &str) -> Option<&'a attest::contract::Entity> {
    let (start, end) = first_whole_word(&analysis.document.text, mention)?;
    // Most characters shared, then fewest characters beyond the occurrence.
    let fit = |e: &attest::contract::Entity| {
        e.mentions
            .iter()
            .map(|m| {
                let shared = m
                    .span
                    .char_end
                    .min(end)
                    .saturating_sub(m.span.char_start.max(start));
                (
                    shared,
                    std::cmp::Reverse(m.span.char_end - m.span.char_start - shared),
                )
            })
            .max()
            .unwrap_or((0, std::cmp::Reverse(0)))
    };
    analysis
        .entities
        .iter()
        .filter(|e| fit(e).0 > 0)
        .max_by_key(|e| fit(e))
}

fn describe(analysis: &Analysis) -> String {
    analysis
        .entities
        .iter()
        .map(|e| {
            let mentions: Vec<&str> = e.mentions.iter().map(|m| m.span.text.as_str()).collect();
            format!(
                "{} [{}] {:?} {:?}",
                e.name,
                e.code.as_deref().unwrap_or("-"),
                e.kind,
                mentions
            )
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

/// `name: "text" => [("mention", "entity name"), ...]`: each mention links to the named entity.
macro_rules! links {
    ($($name:ident: $text:expr => [$(($mention:expr, $entity:expr)),* $(,)?];)*) => {
        $(#[test]
        fn $name() {
            let analysis = analyse($text, "2023-04-25");
            $(
                let found = entity_of(&analysis, $mention).map(|e| e.name.as_str());
                assert_eq!(found, Some($entity), "help: {:?} in {:?}; entities:\n  {}", $mention, $text, describe(&analysis));
            )*
        })*
    };
}

/// `name: "text", "date" => [("mention", "CODE"), ...]`: each mention's entity has the code.
macro_rules! codes {
    ($($name:ident: $text:expr, $date:expr => [$(($mention:expr, $code:expr)),* $(,)?];)*) => {
        $(#[test]
        fn $name() {
            let analysis = analyse($text, $date);
            $(
                let found = entity_of(&analysis, $mention).and_then(|e| e.code.as_deref());
                assert_eq!(found, Some($code), "help: {:?} in {:?}; entities:\n  {}", $mention, $text, describe(&analysis));
            )*
        })*
    };
}

/// `name: "text" => ("person", role, affiliation)`.
macro_rules! roles {
    ($($name:ident: $text:expr => ($person:expr, $role:expr, $affiliation:expr);)*) => {
        $(#[test]
        fn $name() {
            let analysis = analyse($text, "2023-04-25");
            let person = entity_of(&analysis, $person).unwrap_or_else(|| panic!("no entity for {:?}:\n  {}", $person, describe(&analysis)));
            assert_eq!(person.role.as_deref(), $role, "help: role in {:?}", $text);
            assert_eq!(person.affiliation.as_deref(), $affiliation, "help: affiliation in {:?}", $text);
        })*
    };
}

/// `name: "text" => [("mention", "place name", "country code")]`.
macro_rules! places {
    ($($name:ident: $text:expr => [$(($mention:expr, $place:expr, $country:expr)),* $(,)?];)*) => {
        $(#[test]
        fn $name() {
            let analysis = analyse($text, "2023-04-25");
            $(
                let (start, end) = first_whole_word(&analysis.document.text, $mention).unwrap();
                let place = analysis.places.iter().find(|p| p.mentions.iter().any(|m| m.span.char_start < end && start < m.span.char_end));
                let found = place.map(|p| (p.name.as_str(), p.country.as_deref().unwrap_or("")));
                assert_eq!(found, Some(($place, $country)), "help: {:?} in {:?}", $mention, $text);
            )*
        })*
    };
}

links! {
    dictionary_name: "The Taliban took control of Kabul in August 2021." => [("Taliban", "Taliban")];
    dictionary_alias: "Daesh claimed the bombing." => [("Daesh", "Islamic State")];
    dictionary_acronym: "ISIS claimed the bombing and ISIS-K claimed another." => [("ISIS", "Islamic State")];
    demonym_is_the_country: "American officials and British diplomats met." => [("American", "United States")];
    hyphenated_prefix: "US-led forces withdrew after 20 years of war." => [("US", "United States")];
    acronym_defined_in_text: "The Highland Farmers Alliance (HFA) said it would strike. The HFA later denied losses." => [("HFA", "Highland Farmers Alliance")];
    short_person_name: "Adrienne Watson spoke on Monday. Later, Watson added details." => [("Watson", "Adrienne Watson")];
    surname_after_another_first_name: "Hunter Biden testified on Monday. President Biden defended his son. Jill Biden did not comment." => [("Hunter Biden", "Hunter Biden"), ("President Biden", "Joe Biden"), ("Jill Biden", "Jill Biden")];
    short_outlet_name: "The Washington Post reported the leak. The Post said more was coming." => [("The Post", "The Washington Post")];
    pronoun_he_by_gender: "Maria Lindqvist met John Carter in Geneva. He said the talks went well." => [("He", "John Carter")];
    pronoun_she: "Anna Bakker urged calm on Thursday. She warned of long delays." => [("She", "Anna Bakker")];
    pronoun_it_subject: "The Taliban took control of Kabul in 2021. It still seeks recognition." => [("It", "Taliban")];
    pronoun_his_same_sentence: "Nathan Sales said his office was ready." => [("his", "Nathan Sales")];
    pronoun_her_same_sentence: "Adrienne Watson said her team was ready." => [("her", "Adrienne Watson")];
    pronoun_its: "The United Nations said its envoy would return." => [("its", "United Nations")];
    pronoun_they_group: "Hamas said they would release two hostages." => [("they", "Hamas")];
    pleonastic_it_is_nobody: "Hamas said it is likely the talks will fail." => [("Hamas", "Hamas")];
    former_and_latter: "Hamas and Hezbollah exchanged threats, and the former accused the latter of betrayal." => [("the former", "Hamas"), ("the latter", "Hezbollah")];
    nominal_official: "A senior defence official said the strike worked. The official spoke on condition of anonymity." => [("The official", "A senior defence official")];
    nominal_spokeswoman: "Adrienne Watson, a spokeswoman for the National Security Council, spoke. The spokeswoman declined to elaborate." => [("The spokeswoman", "Adrienne Watson")];
    nominal_group: "Boko Haram attacked a village in Borno. The group has killed thousands." => [("The group", "Boko Haram")];
    nominal_report_is_the_outlet: "A report by Reuters said the deal collapsed. The report cited three sources." => [("The report", "Reuters")];
    nominal_newspaper: "The Guardian published the files on Monday. The newspaper said it had checked them." => [("The newspaper", "The Guardian")];
    nominal_documents: "Classified Pentagon documents describe the plan. The documents were leaked in March." => [("The documents", "Classified Pentagon documents")];
    anonymous_source_inherits_affiliation: "US defence officials briefed reporters. A senior defence official said more strikes were planned." => [("A senior defence official", "A senior defence official")];
    nominal_media_outlet: "Al Jazeera aired the interview on Sunday. The media outlet said it stood by the report." => [("The media outlet", "Al Jazeera")];
    nominal_militants: "Al-Shabaab fighters attacked a base in Somalia. The militants withdrew before dawn." => [("The militants", "al-Shabaab")];
    pronoun_their_group: "Hezbollah said their fighters were ready." => [("their", "Hezbollah")];
    pronoun_he_after_apposition: "A spokesperson for the Taliban's Political Office, Suhail Shaheen, denied the report. He called it baseless." => [("He", "Suhail Shaheen")];
    pronoun_she_skips_a_man: "John Carter met Anna Bakker in Oslo. She said the talks had failed." => [("She", "Anna Bakker")];
    acronym_reused_after_definition: "The Islamic State (IS) claimed the attack. Later, IS fighters fled the town." => [("IS fighters", "Islamic State")];
    country_word_alias: "The Afghan Taliban rejected the claim." => [("Afghan Taliban", "Taliban")];
    organisation_agents_are_the_organisation: "Taliban officials denied the claim." => [("Taliban officials", "Taliban")];
}

codes! {
    composed_military: "US defence officials said the strike was precise.", "2023-04-25" => [("US defence officials", "USAMIL")];
    composed_police: "Afghan police arrested three men.", "2019-05-01" => [("Afghan police", "AFGCOP")];
    government_of_country: "The government of Pakistan denied the report.", "2023-04-25" => [("government", "PAKGOV")];
    composed_russian_forces: "Russian forces shelled the city overnight.", "2023-04-25" => [("Russian forces", "RUSMIL")];
    composed_israeli_soldiers: "Israeli soldiers raided the camp.", "2023-04-25" => [("Israeli soldiers", "ISRMIL")];
    composed_iranian_officials: "Iranian officials rejected the charge.", "2023-04-25" => [("Iranian officials", "IRNGOV")];
    taliban_before_the_takeover: "The Taliban attacked a checkpoint.", "2020-06-01" => [("Taliban", "AFGREB")];
    taliban_after_the_takeover: "The Taliban attacked a checkpoint.", "2021-08-16" => [("Taliban", "AFGGOV")];
    afghan_government_after_the_takeover_is_the_taliban: "The Afghan government rejected the report.", "2023-04-25" => [("Afghan government", "AFGGOV")];
    afghan_government_before_the_takeover: "The Afghan government rejected the report.", "2019-04-25" => [("Afghan government", "AFGGOV")];
    anonymous_source_code: "US defence officials briefed reporters. A senior defence official said more strikes were planned.", "2023-04-25" => [("A senior defence official", "USAMIL")];
    person_code_from_affiliation: "Adrienne Watson, who is a spokeswoman for the National Security Council, said the US would act.", "2023-04-25" => [("Adrienne Watson", "USAGOV")];
    minister_of_a_country: "Norwegian minister Ingrid Dahl told a news conference.", "2023-09-14" => [("Ingrid Dahl", "NORGOV")];
    outlet_code: "Reuters reported the clash.", "2023-04-25" => [("Reuters", "GBRMED")];
    state_department: "The State Department condemned the attack.", "2023-04-25" => [("State Department", "USAGOV")];
    kremlin: "The Kremlin rejected the accusation.", "2023-04-25" => [("Kremlin", "RUSGOV")];
    pentagon: "The Pentagon declined to comment.", "2023-04-25" => [("Pentagon", "USAMIL")];
}

roles! {
    relative_clause_role_for: "Adrienne Watson, who is a spokeswoman for the National Security Council, said the US would act." => ("Adrienne Watson", Some("spokeswoman"), Some("National Security Council"));
    relative_clause_possessive: "Nathan Sales, who is the State Department's coordinator for counterterrorism said IS was weak." => ("Nathan Sales", Some("coordinator for counterterrorism"), Some("State Department"));
    apposition_before_name: "DAWN quoted a spokesperson for the Taliban's Political Office, Suhail Shaheen, as saying so." => ("Suhail Shaheen", Some("spokesperson"), Some("Taliban's Political Office"));
    title_before_name: "President Biden withdrew personnel from the nation." => ("Biden", Some("President"), None);
    capitalised_title: "Economy Minister Anna Bakker urged both sides to return." => ("Anna Bakker", Some("Economy Minister"), None);
    organisation_before_title: "UNICEF negotiator Pieter de Vries accused the operators." => ("Pieter de Vries", Some("negotiator"), Some("UNICEF"));
    apposition_after_name: "Hugh Hill, a doctor, said the clinic was full." => ("Hugh Hill", Some("doctor"), None);
    definite_apposition: "We had a frank exchange, the envoy, Maria Lindqvist, told reporters." => ("Maria Lindqvist", Some("envoy"), None);
    possessive_apposition: "The Taliban's deputy spokesman, Abdul Rahim Noori, said the government was open." => ("Abdul Rahim Noori", Some("deputy spokesman"), Some("Taliban"));
    country_title: "Norwegian minister Ingrid Dahl told a news conference." => ("Ingrid Dahl", Some("minister"), Some("Norwegian"));
    opposition_leader: "Police detained opposition leader Samuel Okoro on Thursday." => ("Samuel Okoro", Some("opposition leader"), None);
    abbreviated_rank: "Gen. Mark Milley said the withdrawal was a failure." => ("Mark Milley", Some("Gen."), None);
}

places! {
    city_by_population: "Fighting spread to Kandahar on Sunday." => [("Kandahar", "Kandahār", "AF")];
    city_in_a_mentioned_country: "Talks in France moved to Paris." => [("Paris", "Paris", "FR")];
    continents: "attacks across Europe and Asia" => [("Europe", "Europe", ""), ("Asia", "Asia", "")];
    country_by_name_and_demonym: "Afghanistan and its Afghan neighbours" => [("Afghanistan", "Afghanistan", "AF"), ("Afghan", "Afghanistan", "AF")];
    the_nation: "Officials left Afghanistan after the war. Biden withdrew personnel from the nation." => [("the nation", "Afghanistan", "AF")];
}
