//! The events stage, one short sentence a case: the 20 CAMEO roots, every
//! modality, passives, event nouns, coordination and prepositional targets.
//! Each case lists every event the text must yield and no other: an event
//! matches when its source's and target's names hold the expected names, its
//! CAMEO code is the expected code and its modality, where given, is the
//! expected one; an event no expectation matches fails the case. A case the
//! coder still gets wrong says so (`wrong "why"`) and fails once it is right,
//! so that the note is removed and the case guards the fix.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::sync::LazyLock;

use attest::contract::{Analysis, Event};
use attest::{Document, OutputOptions, Pipeline};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::new().unwrap());

fn analyse(text: &str) -> Analysis {
    let mut doc = Document::from_text(text);
    doc.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 5);
    PIPELINE.analyse_with(doc, OutputOptions::default())
}

/// What one event must look like.
struct Expect {
    source: &'static str,
    target: Option<&'static str>,
    code: &'static str,
    modality: Option<&'static str>,
}

fn ev(source: &'static str, target: &'static str, code: &'static str) -> Expect {
    Expect {
        source,
        target: Some(target),
        code,
        modality: None,
    }
}

fn alone(source: &'static str, code: &'static str) -> Expect {
    Expect {
        source,
        target: None,
        code,
        modality: None,
    }
}

impl Expect {
    fn modality(mut self, modality: &'static str) -> Self {
        self.modality = Some(modality);
        self
    }
}

fn name_of<'a>(analysis: &'a Analysis, id: &str) -> &'a str {
    analysis.name_of(id).unwrap_or("?")
}

fn describe(analysis: &Analysis) -> String {
    let lines: Vec<String> = analysis
        .events
        .iter()
        .map(|e| {
            format!(
                "{} -> {} {} ({}) {}",
                name_of(analysis, &e.source),
                e.target.as_deref().map_or("none", |t| name_of(analysis, t)),
                e.cameo,
                e.cameo_name,
                e.modality
            )
        })
        .collect();
    if lines.is_empty() {
        "no events".to_owned()
    } else {
        lines.join("\n  ")
    }
}

fn matches(analysis: &Analysis, e: &Event, x: &Expect) -> bool {
    let target_right = match (x.target, e.target.as_deref()) {
        (None, None) => true,
        (Some(want), Some(id)) => name_of(analysis, id).contains(want),
        _ => false,
    };
    name_of(analysis, &e.source).contains(x.source)
        && target_right
        && e.cameo == x.code
        && x.modality.is_none_or(|m| e.modality.as_str() == m)
}

/// Whether `text` yields exactly the `expected` events; what differs if not.
fn verdict(analysis: &Analysis, text: &str, expected: &[Expect]) -> Result<(), String> {
    for x in expected {
        if !analysis.events.iter().any(|e| matches(analysis, e, x)) {
            return Err(format!(
                "no event {} -> {:?} {} {:?} in {text:?}; found:\n  {}",
                x.source,
                x.target,
                x.code,
                x.modality,
                describe(analysis)
            ));
        }
    }
    match analysis
        .events
        .iter()
        .find(|e| !expected.iter().any(|x| matches(analysis, e, x)))
    {
        Some(extra) => Err(format!(
            "an event no expectation matches ({} -> {} {}) in {text:?}; found:\n  {}",
            name_of(analysis, &extra.source),
            extra
                .target
                .as_deref()
                .map_or("none", |t| name_of(analysis, t)),
            extra.cameo,
            describe(analysis)
        )),
        None => Ok(()),
    }
}

fn check(text: &str, expected: &[Expect]) {
    let analysis = analyse(text);
    if let Err(why) = verdict(&analysis, text, expected) {
        panic!("help: {why}");
    }
    check_evidence(&analysis);
}

/// A case the coder still gets wrong: it must stay wrong until fixed, and
/// then lose its note.
fn check_wrong(text: &str, expected: &[Expect], why: &str) {
    let analysis = analyse(text);
    assert!(
        verdict(&analysis, text, expected).is_err(),
        "help: {text:?} is now coded right ({why}): remove its `wrong` note"
    );
    check_evidence(&analysis);
}

fn check_evidence(analysis: &Analysis) {
    for e in &analysis.events {
        assert!(!e.evidence.is_empty(), "an event without evidence");
        for span in &e.evidence {
            assert_eq!(&analysis.document.text[span.start..span.end], span.text);
        }
    }
}

/// `name: "text" => [expectations];`, or `... => [expectations] wrong "why";`
/// for a case the coder does not get right yet.
macro_rules! events {
    ($($name:ident: $text:expr => [$($e:expr),* $(,)?] $(wrong $why:literal)?;)*) => {
        $(#[test]
        fn $name() {
            let expected = [$($e),*];
            $(return check_wrong($text, &expected, $why);)?
            #[allow(unreachable_code)]
            check($text, &expected);
        })*
    };
}

/// `name: "text";`: the text yields no event at all.
macro_rules! no_events {
    ($($name:ident: $text:expr;)*) => {
        $(#[test]
        fn $name() {
            let analysis = analyse($text);
            assert!(analysis.events.is_empty(), "help: events in {:?}:\n  {}", $text, describe(&analysis));
        })*
    };
}

// The 20 CAMEO roots.
events! {
    r01_acknowledge_responsibility: "The Islamic State claimed responsibility for the bombing in Kabul." =>
        [alone("Islamic State", "015")];
    r01_deny_responsibility: "Hamas denied responsibility for the rocket attack." =>
        [alone("Hamas", "016")];
    r01_condolences: "Japan expressed condolences to Turkey after the earthquake." =>
        [ev("Japan", "Turkey", "018")];
    r02_appeal: "The United Nations appealed to Israel to allow aid into Gaza." =>
        [ev("United Nations", "Israel", "023")]
        wrong "what the appeal asks for is coded as done by the appealer (UN -> Gaza 0863 and 070)";
    r02_urge: "France urged Iran to return to the negotiating table." =>
        [ev("France", "Iran", "026")]
        wrong "an appeal to return to negotiations takes the code of an appeal for release (0253), and what is urged is coded as done (Iran 046)";
    r03_pledge_aid: "Germany pledged to send aid to Ukraine." =>
        [ev("Germany", "Ukraine", "033").modality("intended")];
    r03_ready_to_cooperate: "The Taliban are ready to cooperate with the United States." =>
        [ev("Taliban", "United States", "031").modality("intended")];
    r04_meet: "Russia met Turkey in Ankara." =>
        [ev("Russia", "Turkey", "040")];
    r04_coordinated_met: "France and Germany met in Paris on Monday." =>
        [ev("France", "Germany", "040"), ev("Germany", "France", "040")];
    r04_coordinated_with_an_acronym_in_brackets: "Japan and the European Union (EU) met in Tokyo on Monday." =>
        [ev("Japan", "European Union", "040"), ev("European Union", "Japan", "040")];
    r04_visit: "The Indian prime minister visited Japan." =>
        [ev("India", "Japan", "042"), ev("Japan", "Indian prime minister", "043")];
    r04_negotiate: "Israel negotiated with Hamas over the hostages." =>
        [ev("Israel", "Hamas", "046")];
    r05_praise: "China praised Pakistan for its support." =>
        [ev("China", "Pakistan", "051")];
    r05_sign_agreement: "India and Pakistan signed a peace agreement." =>
        [ev("India", "Pakistan", "057"), ev("Pakistan", "India", "057")];
    r05_recognize: "Brazil recognized Palestine as a state." =>
        [ev("Brazil", "Palestin", "054")];
    r06_cooperate: "Egypt cooperated with Israel on border security." =>
        [ev("Egypt", "Israel", "062")];
    r07_provide_aid: "The European Union provided humanitarian aid to Syria." =>
        [ev("European Union", "Syria", "073")];
    r07_send_weapons: "The United States sent weapons to Ukraine." =>
        [ev("United States", "Ukraine", "072")];
    r08_release: "Iran released two French prisoners." =>
        [ev("Iran", "France", "0841")];
    r08_withdraw: "Russian troops withdrew from Kherson." =>
        [ev("Russia", "Kherson", "0874")];
    r08_ceasefire: "Israel agreed to a ceasefire with Hamas." =>
        [ev("Israel", "Hamas", "0871")];
    r09_investigate: "Brazil investigated Venezuela over the border incident." =>
        [ev("Brazil", "Venezuela", "090")];
    r10_demand: "Ukraine demanded that Russia withdraw its troops." =>
        [ev("Ukraine", "Russia", "1056")]
        wrong "what is demanded is coded as done (Russia 0874)";
    r11_criticize: "Turkey criticized Sweden over the protests." =>
        [ev("Turkey", "Sweden", "111")];
    r11_lawmakers_of_a_list_of_countries: "Lawmakers in Spain and Portugal condemned Iran." =>
        [ev("Lawmakers in Spain", "Iran", "111"), ev("Lawmakers in Portugal", "Iran", "111")];
    r11_agents_sharing_an_owner: "Afghan soldiers and police condemned the Taliban." =>
        [ev("Afghan soldiers", "Taliban", "111"), ev("Afghan police", "Taliban", "111")];
    r11_condemn: "The United Nations condemned Israel." =>
        [ev("United Nations", "Israel", "111")];
    r11_accuse: "China accused Japan of provoking tensions." =>
        [ev("China", "Japan", "112")];
    r12_reject: "Iran rejected the proposal from France." =>
        [ev("Iran", "France", "120")];
    r12_veto: "Russia vetoed the resolution on Syria." =>
        [ev("Russia", "Syria", "129")];
    r13_threaten: "North Korea threatened South Korea with nuclear strikes." =>
        [ev("North Korea", "South Korea", "1385")];
    r13_threaten_to_attack: "Iran threatened to attack Israel." =>
        [ev("Iran", "Israel", "138")];
    r13_warn: "Turkey warned Greece against militarizing the islands." =>
        [ev("Turkey", "Greece", "130")];
    r14_protest: "Thousands of Kenyans protested against the government in Nairobi." =>
        [alone("Kenya", "141")];
    r14_demonstrators: "Students demonstrated against Israel in Paris." =>
        [ev("Students", "Israel", "141")];
    r15_mobilize: "Russia mobilized troops along the border with Ukraine." =>
        [ev("Russia", "Ukraine", "154")];
    r16_expel_diplomats: "Poland expelled Russian diplomats." =>
        [ev("Poland", "Russia", "161")];
    r16_cut_ties: "Bolivia cut diplomatic ties with Israel." =>
        [ev("Bolivia", "Israel", "161")];
    r16_sanctions: "The European Union imposed sanctions on Russia." =>
        [ev("European Union", "Russia", "163")];
    r17_arrest: "Iranian police arrested protesters in Tehran." =>
        [ev("Iran", "protesters", "173")];
    r17_seize_ship: "Iran seized a British tanker." =>
        [ev("Iran", "United Kingdom", "1711")];
    r18_kidnap: "Boko Haram abducted Nigerian schoolgirls." =>
        [ev("Boko Haram", "Nigeria", "181")];
    r18_suicide_bombing: "Al-Shabaab carried out a suicide bombing against Somali soldiers." =>
        [ev("Shabaab", "Somali", "1831")];
    r18_assassinate: "Israel assassinated a Hezbollah commander." =>
        [ev("Israel", "Hezbollah", "186")];
    r19_attack: "Russia attacked Ukraine." =>
        [ev("Russia", "Ukraine", "190")];
    r11_verbal_attack_between_politicians: "Donald Trump attacked Joe Biden over the border." =>
        [ev("Donald Trump", "Joe Biden", "111")];
    r19_fight: "Nigerian soldiers fought Boko Haram in Maiduguri." =>
        [ev("Nigeria", "Boko Haram", "190")];
    r19_shell: "Israeli forces shelled Lebanon." =>
        [ev("Israel", "Lebanon", "194")];
    r19_clashed: "Armenia clashed with Azerbaijan on the border." =>
        [ev("Armenia", "Azerbaijan", "190")];
    r19_airstrike_noun: "Israel carried out airstrikes on Gaza." =>
        [ev("Israel", "Gaza", "195")];
    r19_occupy: "The Taliban took control of Kabul." =>
        [ev("Taliban", "Kabul", "192")];
    r20_massacre: "The Islamic State massacred Yazidi civilians." =>
        [ev("Islamic State", "Yazidi", "202")];
    r20_chemical_weapons: "Syria used chemical weapons against the Islamic State." =>
        [ev("Syria", "Islamic State", "2041")];
}

// Modality.
events! {
    modality_asserted: "Russia attacked Ukraine on Monday." =>
        [ev("Russia", "Ukraine", "190").modality("asserted")];
    modality_negated: "China did not attack Japan." =>
        [ev("China", "Japan", "190").modality("negated")];
    modality_never: "Egypt would never attack Turkey." =>
        [ev("Egypt", "Turkey", "190").modality("negated")];
    modality_refused: "Hungary refused to sanction Russia." =>
        [ev("Hungary", "Russia", "120")];
    modality_hypothetical: "Iran could attack Israel." =>
        [ev("Iran", "Israel", "190").modality("hypothetical")];
    modality_conditional: "If Russia attacks Poland, NATO will respond." =>
        [ev("Russia", "Poland", "190").modality("hypothetical")];
    modality_intended_vow: "Hezbollah vowed to attack Israel." =>
        [ev("Hezbollah", "Israel", "138").modality("intended")];
    modality_intended_willing: "Turkey is willing to mediate between Russia and Ukraine." =>
        [ev("Turkey", "Russia", "039").modality("intended"), ev("Turkey", "Ukraine", "039").modality("intended")]
        wrong "an intent to mediate takes the code of an intent to meet (036)";
    modality_planned_plan: "The Islamic State plans to attack Europe." =>
        [ev("Islamic State", "Europe", "138").modality("planned")];
    modality_planned_about_to: "Germany is about to send tanks to Ukraine." =>
        [ev("Germany", "Ukraine", "072").modality("planned")];
    modality_planned_future: "France will host Italy next week." =>
        [ev("France", "Italy", "043").modality("planned"), ev("Italy", "France", "042")];
    modality_historical: "The Taliban took control of Kabul in August 2021." =>
        [ev("Taliban", "Kabul", "192").modality("historical")];
    modality_governed_by_negation: "I would never want to say that Pakistan had attacked India." =>
        [ev("Pakistan", "India", "190").modality("negated")];
}

// Structures: passives, event nouns, coordination, relative clauses,
// prepositional targets, reported events.
events! {
    passive_by: "Ukraine was attacked by Russia." =>
        [ev("Russia", "Ukraine", "190")];
    passive_with_adverb: "Kyiv was heavily bombed by Russian forces." =>
        [ev("Russia", "Kyiv", "195")]
        wrong "bombing by armed forces takes the code of non-military bombing (183)";
    noun_attack_on: "Russia's attack on Ukraine continued." =>
        [ev("Russia", "Ukraine", "190")];
    noun_attack_by: "The attack on Israel by Hamas shocked the world." =>
        [ev("Hamas", "Israel", "190")];
    noun_attacks_across: "The Islamic State plans attacks across Europe." =>
        [ev("Islamic State", "Europe", "138").modality("planned")];
    noun_talks_with: "Iran held talks with Saudi Arabia in Beijing." =>
        [ev("Iran", "Saudi Arabia", "040")];
    noun_sanctions_on: "The United States announced new sanctions on Iran." =>
        [ev("United States", "Iran", "163")];
    noun_airstrikes_adjective: "Israeli airstrikes on Gaza killed dozens." =>
        [ev("Israel", "Gaza", "195")]
        wrong "the killing the airstrikes did is coded a second time, with no target (190)";
    coordinated_subjects_list: "France, Germany and Italy condemned Russia." =>
        [ev("France", "Russia", "111"), ev("Germany", "Russia", "111"), ev("Italy", "Russia", "111")];
    coordinated_objects: "China criticized Japan and South Korea." =>
        [ev("China", "Japan", "111"), ev("China", "South Korea", "111")];
    relative_clause_subject: "Hamas, which attacked Israel in October, released hostages." =>
        [ev("Hamas", "Israel", "190"), alone("Hamas", "0841")]
        wrong "the verb after a relative clause takes the clause object as its source (Israel 0841)";
    prepositional_cooperate_with: "Jordan cooperated with Egypt." =>
        [ev("Jordan", "Egypt", "060")];
    prepositional_fight_against: "Kurdish forces fought against the Islamic State." =>
        [ev("Kurd", "Islamic State", "190")];
    prepositional_withdraw_from: "The United States withdrew from Afghanistan." =>
        [ev("United States", "Afghanistan", "0874")];
    reported_event_keeps_actors: "The report mentioned that Russia attacked Ukraine." =>
        [ev("Russia", "Ukraine", "190")];
    subject_with_modifier_phrase: "The Taliban in Afghanistan fought the Islamic State." =>
        [ev("Taliban", "Islamic State", "190")];
    former_and_latter: "The Islamic State and the Taliban are rivals. The latter attacked the former." =>
        [ev("Taliban", "Islamic State", "190")];
    pronoun_subject: "Russia denied the claims. It attacked Ukraine again on Friday." =>
        [alone("Russia", "016"), ev("Russia", "Ukraine", "190")];
    acronym_actor_is_no_verb: "The Taliban have been battling IS since 2021." =>
        [ev("Taliban", "Islamic State", "190")];
    dispute_is_criticism: "The Washington Post reported that the Taliban had met US officials. A Taliban spokesman said the report did not reflect ground realities." =>
        [ev("Taliban", "US officials", "040"), ev("Taliban", "Washington Post", "111")];
}

no_events! {
    no_event_in_weather: "The storm hit the coast on Tuesday.";
    no_event_heart_attack: "The minister suffered a heart attack.";
    no_event_plain_speech: "The minister said the talks were useful.";
    no_event_without_actors: "Somebody attacked something.";
    no_event_sports: "The team met the deadline for the transfer.";
    no_event_labour_strike_far_from_its_place: "The minister warned that a long strike would hurt exporters across Europe.";
}

#[test]
fn an_event_reported_by_a_source_stands_under_its_attribution() {
    let analysis = analyse("The Washington Post reported that Russia attacked Ukraine.");
    let event = analysis
        .events
        .iter()
        .find(|e| e.cameo.starts_with("19"))
        .unwrap_or_else(|| panic!("no attack in {}", describe(&analysis)));
    let attribution = event.attribution.as_deref().unwrap();
    assert!(analysis.attributions.iter().any(|a| a.id == attribution));
}

#[test]
fn an_event_carries_its_date_place_and_codes() {
    let analysis =
        analyse("Russian forces attacked Ukrainian positions near Kharkiv on 2 March 2024.");
    let event = analysis
        .events
        .iter()
        .find(|e| e.cameo.starts_with("19"))
        .unwrap_or_else(|| panic!("no attack in {}", describe(&analysis)));
    assert_eq!(event.date.as_deref(), Some("2024-03-02"));
    assert_eq!(event.plover.as_deref(), Some("ASSAULT"));
    assert_eq!(event.quad_class, Some(4));
    assert!(event.goldstein.is_some_and(|g| g < 0.0));
    let place = event.place.as_deref().unwrap();
    assert_eq!(name_of(&analysis, place), "Kharkiv");
}

#[test]
fn a_place_in_another_clause_is_not_the_event_place() {
    let analysis =
        analyse("Rebels staged attacks across Syria after Russia withdrew troops from Ukraine.");
    let withdrawal = analysis
        .events
        .iter()
        .find(|e| e.cameo.starts_with("087"))
        .unwrap_or_else(|| panic!("no withdrawal in {}", describe(&analysis)));
    let place = withdrawal.place.as_deref().map(|p| name_of(&analysis, p));
    assert_ne!(place, Some("Syria"), "{}", describe(&analysis));
}

#[test]
fn evidence_ends_on_a_word_of_content() {
    let analysis = analyse("Russia attacked Ukraine on Monday.");
    let attack = analysis
        .events
        .iter()
        .find(|e| e.cameo.starts_with("19"))
        .unwrap_or_else(|| panic!("no attack in {}", describe(&analysis)));
    let evidence: Vec<&str> = attack.evidence.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(evidence, ["Russia attacked Ukraine"]);
}

#[test]
fn the_same_event_twice_is_one_event_with_two_pieces_of_evidence() {
    let analysis = analyse("Russia attacked Ukraine. Later, Russia attacked Ukraine again.");
    let attacks: Vec<&Event> = analysis
        .events
        .iter()
        .filter(|e| e.cameo.starts_with("19"))
        .collect();
    assert_eq!(attacks.len(), 1, "{}", describe(&analysis));
    assert_eq!(attacks[0].evidence.len(), 2);
}

#[test]
fn a_discard_phrase_takes_its_sentence_out_of_event_coding() {
    let dir = tempfile::tempdir().unwrap();
    let discards = dir.path().join("discards.txt");
    std::fs::write(&discards, "WORLD_CUP  # sports\n").unwrap();
    let files = attest::pipeline::DictionaryFiles {
        discards: vec![discards],
        ..Default::default()
    };
    let pipeline = Pipeline::with_resources(&Default::default(), &files).unwrap();
    let text = "France attacked Germany in the World Cup. Russia attacked Ukraine.";
    let sources = |analysis: &Analysis| -> Vec<String> {
        let mut names: Vec<String> = analysis
            .events
            .iter()
            .map(|e| name_of(analysis, &e.source).to_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(sources(&analyse(text)), ["France", "Russia"]);
    let analysis = pipeline.analyse_with(Document::from_text(text), OutputOptions::default());
    assert_eq!(sources(&analysis), ["Russia"], "{}", describe(&analysis));
}

#[test]
fn what_an_appeal_asks_for_is_not_an_event_of_its_own() {
    let analysis = analyse("France urged an attack on the rebels in Mali.");
    let codes: Vec<&str> = analysis.events.iter().map(|e| e.cameo.as_str()).collect();
    assert!(
        codes.iter().any(|c| c.starts_with("02")) && !codes.iter().any(|c| c.starts_with("19")),
        "{}",
        describe(&analysis)
    );
}
