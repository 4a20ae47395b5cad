//! The quotes and claims stages, one short text a case: quotation marks of
//! every kind, cues in every order, direct, mixed and indirect speech,
//! speakers by name, pronoun, nominal and apposition, sourcing chains, and
//! disputes. Each case lists the attributions the text must yield; an
//! attribution matches when its content holds the expected words, and every
//! other expectation (source, speaker, cue, kind, quoted fragments, chain)
//! given for it holds too.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use std::sync::LazyLock;

use attest::contract::{Analysis, Attribution};
use attest::{Document, OutputOptions, Pipeline};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::new().unwrap());

fn analyse(text: &str, source: Option<&str>) -> Analysis {
    let mut doc = Document::from_text(text);
    doc.date = chrono::NaiveDate::from_ymd_opt(2023, 4, 25);
    doc.source = source.map(str::to_owned);
    PIPELINE.analyse_with(doc, OutputOptions::default())
}

/// What one attribution must look like.
#[derive(Default)]
struct Expect {
    content: &'static str,
    source: Option<&'static str>,
    speaker: Option<Option<&'static str>>,
    cue: Option<&'static str>,
    kind: Option<&'static str>,
    quoted: Option<Vec<&'static str>>,
    via: Option<Vec<&'static str>>,
}

fn says(content: &'static str) -> Expect {
    Expect {
        content,
        ..Expect::default()
    }
}

impl Expect {
    fn source(mut self, source: &'static str) -> Self {
        self.source = Some(source);
        self
    }
    fn speaker(mut self, name: &'static str) -> Self {
        self.speaker = Some(Some(name));
        self
    }
    fn no_speaker(mut self) -> Self {
        self.speaker = Some(None);
        self
    }
    fn cue(mut self, cue: &'static str) -> Self {
        self.cue = Some(cue);
        self
    }
    fn kind(mut self, kind: &'static str) -> Self {
        self.kind = Some(kind);
        self
    }
    fn quoted(mut self, fragments: &[&'static str]) -> Self {
        self.quoted = Some(fragments.to_vec());
        self
    }
    fn via(mut self, names: &[&'static str]) -> Self {
        self.via = Some(names.to_vec());
        self
    }
}

fn joined(spans: &[attest::TextSpan]) -> String {
    spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn name_of<'a>(analysis: &'a Analysis, id: &str) -> &'a str {
    analysis.name_of(id).unwrap_or("?")
}

fn describe(analysis: &Analysis) -> String {
    analysis
        .attributions
        .iter()
        .map(|a| {
            format!(
                "{} {} cue {:?} source {:?} speaker {:?} via {:?} content {:?} quoted {:?}",
                a.id,
                a.kind,
                joined(&a.cue),
                joined(&a.source),
                a.speaker.as_deref().map(|s| name_of(analysis, s)),
                a.via
                    .iter()
                    .map(|v| name_of(analysis, v))
                    .collect::<Vec<_>>(),
                joined(&a.content),
                a.quoted.iter().map(|q| q.text.as_str()).collect::<Vec<_>>()
            )
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

fn trimmed(text: &str) -> &str {
    text.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The problems of `a` against `e`, none when it matches.
fn mismatches(analysis: &Analysis, a: &Attribution, e: &Expect) -> Vec<String> {
    let mut wrong = Vec::new();
    if let Some(source) = e.source
        && trimmed(&joined(&a.source)) != source
    {
        wrong.push(format!("source {:?}", joined(&a.source)));
    }
    if let Some(speaker) = e.speaker {
        let got = a.speaker.as_deref().map(|s| name_of(analysis, s));
        if got != speaker {
            wrong.push(format!("speaker {got:?}"));
        }
    }
    if let Some(cue) = e.cue
        && !joined(&a.cue).contains(cue)
    {
        wrong.push(format!("cue {:?}", joined(&a.cue)));
    }
    if let Some(kind) = e.kind
        && a.kind.as_str() != kind
    {
        wrong.push(format!("kind {}", a.kind));
    }
    if let Some(quoted) = &e.quoted {
        let got: Vec<&str> = a.quoted.iter().map(|q| trimmed(&q.text)).collect();
        if got != *quoted {
            wrong.push(format!("quoted {got:?}"));
        }
    }
    if let Some(via) = &e.via {
        let got: Vec<&str> = a.via.iter().map(|v| name_of(analysis, v)).collect();
        if got != *via {
            wrong.push(format!("via {got:?}"));
        }
    }
    wrong
}

fn check(text: &str, source: Option<&str>, expected: &[Expect]) {
    let analysis = analyse(text, source);
    for e in expected {
        let candidates: Vec<&Attribution> = analysis
            .attributions
            .iter()
            .filter(|a| joined(&a.content).contains(e.content))
            .collect();
        let problems: Vec<Vec<String>> = candidates
            .iter()
            .map(|a| mismatches(&analysis, a, e))
            .collect();
        assert!(
            problems.iter().any(Vec::is_empty),
            "help: no attribution of {:?} in {text:?}{}; found:\n  {}",
            e.content,
            if problems.is_empty() {
                String::new()
            } else {
                format!(" ({problems:?})")
            },
            describe(&analysis)
        );
    }
}

/// `name: "text" => [expectations];` (optionally `from "outlet"` after the text).
macro_rules! quotes {
    ($($name:ident: $text:expr $(, from $source:expr)? => [$($e:expr),* $(,)?];)*) => {
        $(#[test]
        fn $name() {
            #[allow(unused_mut, unused_assignments)]
            let mut source = None;
            $(source = Some($source);)?
            check($text, source, &[$($e),*]);
        })*
    };
}

/// `name: "text" => "words";`: no attribution's content or quoted fragment is just these words.
macro_rules! not_quoted {
    ($($name:ident: $text:expr => $words:expr;)*) => {
        $(#[test]
        fn $name() {
            let analysis = analyse($text, None);
            let reported = analysis.attributions.iter().any(|a| {
                a.content.iter().chain(&a.quoted).any(|s| trimmed(&s.text) == $words)
            });
            assert!(!reported, "help: {:?} reported as speech in {:?}:\n  {}", $words, $text, describe(&analysis));
        })*
    };
}

// Quotation marks.
quotes! {
    straight_double_quotes: "\"We will rebuild the bridge,\" the mayor said." =>
        [says("We will rebuild the bridge").source("the mayor").kind("direct")];
    curly_double_quotes: "“We will rebuild the bridge,” the mayor said." =>
        [says("We will rebuild the bridge").kind("direct")];
    single_curly_quotes: "‘We will rebuild the bridge,’ the mayor said." =>
        [says("We will rebuild the bridge").kind("direct")];
    guillemets: "« We will rebuild the bridge », the mayor said." =>
        [says("We will rebuild the bridge").kind("direct")];
    doubled_apostrophes: "''We will rebuild the bridge,'' the mayor said." =>
        [says("We will rebuild the bridge").kind("direct")];
    nested_quotes: "\"They kept shouting 'no surrender' at us,\" the officer said." =>
        [says("They kept shouting").kind("direct").quoted(&["They kept shouting 'no surrender' at us"])];
    apostrophes_inside_quotes: "\"The Joneses' farm was flooded in the '90s too,\" the farmer said." =>
        [says("farm was flooded").source("the farmer").kind("direct")];
    quote_over_two_paragraphs: "\"We did not expect the river to rise so fast.\n\n\"By noon the water had reached the school,\" the headteacher said." =>
        [says("reached the school").source("the headteacher")];
    unbalanced_marks: "The minister said the plan was \"finished and will not return.\n\nThe opposition welcomed the news." =>
        [says("the plan was").source("The minister")];
    odd_number_of_marks: "\"We will not resign,\" the chairman said, adding that \"the board backs us." =>
        [says("We will not resign").source("the chairman")];
}

// Cue verbs and phrases.
quotes! {
    cue_said: "The governor said the roads would reopen on Monday." =>
        [says("the roads would reopen on Monday").source("The governor").cue("said").kind("indirect")];
    cue_told: "The coach told reporters that the team was ready." =>
        [says("the team was ready").source("The coach").cue("told")];
    cue_added: "\"Prices will fall next year,\" the economist added." =>
        [says("Prices will fall next year").cue("added")];
    cue_noted: "The report noted that exports had fallen for a third month." =>
        [says("exports had fallen").cue("noted")];
    cue_warned: "The agency warned that the storm could strengthen overnight." =>
        [says("the storm could strengthen overnight").cue("warned")];
    cue_claimed: "The rebels claimed that they had captured the airport." =>
        [says("they had captured the airport").source("The rebels").cue("claimed")];
    cue_denied: "The ministry denied that troops had crossed the border." =>
        [says("troops had crossed the border").cue("denied")];
    cue_insisted: "The company insisted that its products were safe." =>
        [says("its products were safe").cue("insisted")];
    cue_wrote: "The senator wrote that the bill would hurt farmers." =>
        [says("the bill would hurt farmers").cue("wrote")];
    cue_tweeted: "The president tweeted that the talks had gone well." =>
        [says("the talks had gone well").cue("tweeted")];
    cue_revealed: "A study revealed that most commuters drive alone." =>
        [says("most commuters drive alone").cue("revealed")];
    cue_suggested: "The survey suggested that voters were undecided." =>
        [says("voters were undecided").cue("suggested")];
    cue_mentioned: "The minister mentioned that the budget would be delayed." =>
        [says("the budget would be delayed").cue("mentioned")];
    cue_urged: "The union urged members to reject the offer." =>
        [says("to reject the offer").source("The union").cue("urged")];
    cue_announced: "The club announced that the stadium would close for repairs." =>
        [says("the stadium would close for repairs").cue("announced")];
    cue_explained: "The engineer explained that the cables had corroded." =>
        [says("the cables had corroded").source("The engineer").cue("explained")];
    cue_according_to: "According to the police, the fire started in the kitchen." =>
        [says("the fire started in the kitchen").source("the police").cue("According to")];
    cue_according_to_after: "The fire started in the kitchen, according to the police." =>
        [says("The fire started in the kitchen").source("the police").cue("according to")];
    cue_in_a_statement: "The ministry said in a statement that the talks would resume." =>
        [says("the talks would resume").cue("said")];
    cue_spokesman_of: "The army's spokesman said that two soldiers were wounded." =>
        [says("two soldiers were wounded").cue("said")];
    cue_says_present: "The mayor says the budget is balanced." =>
        [says("the budget is balanced").source("The mayor").cue("says")];
    cue_has_said: "The chancellor has said that taxes will not rise." =>
        [says("taxes will not rise").cue("said")];
    cue_believes: "The minister believes that the economy will recover." =>
        [says("the economy will recover").source("The minister").cue("believes")];
    cue_unusual_sighed: "\"I have waited three years for this,\" the widow sighed." =>
        [says("I have waited three years for this").source("the widow").kind("direct")];
    cue_unusual_grumbled: "\"Nobody asked us about the new road,\" a shopkeeper grumbled." =>
        [says("Nobody asked us about the new road").source("a shopkeeper").kind("direct")];
    cue_colon_introduction: "The statement was short: \"We regret the delay and apologise to our passengers.\"" =>
        [says("We regret the delay").kind("direct")];
    cue_name_colon: "The minister said: \"We will not raise taxes this year.\"" =>
        [says("We will not raise taxes this year").source("The minister").kind("direct")];
    colon_then_paragraph: "The minister said:\n\n\"We will not raise taxes this year.\"" =>
        [says("We will not raise taxes this year").source("The minister")];
}

// Orders: cue and speaker before or after the content, content split around the cue.
quotes! {
    cue_before_content: "The minister said, \"The border will stay open.\"" =>
        [says("The border will stay open").source("The minister").kind("direct")];
    speaker_after_cue: "\"The border will stay open,\" said the minister." =>
        [says("The border will stay open").source("the minister").kind("direct")];
    speaker_before_cue_after_content: "\"The border will stay open,\" the minister said." =>
        [says("The border will stay open").source("the minister")];
    content_split_around_cue: "\"The border will stay open,\" the minister said, \"and trade will continue.\"" =>
        [says("The border will stay open").source("the minister"), says("trade will continue").source("the minister")];
    content_split_seed_order: "\"The model will reduce delays,\" the document further mentioned." =>
        [says("The model will reduce delays").source("the document").cue("further mentioned")];
    quote_after_narrative_sentence: "The mayor walked to the podium. \"Our city will recover,\" she said." =>
        [says("Our city will recover").source("she").kind("direct")];
    reporting_clause_after_indirect_content: "France restored ties with Germany, the minister said on Thursday." =>
        [says("France restored ties with Germany").source("the minister").kind("indirect")];
    reporting_clause_after_a_clause_of_force: "Russia attacked Ukraine on Monday, the Ukrainian army said." =>
        [says("Russia attacked Ukraine on Monday").source("the Ukrainian army").cue("said")];
    reporting_clause_with_a_pronoun: "Prices rose sharply in March, he said." =>
        [says("Prices rose sharply in March").source("he").cue("said")];
    speaker_after_paragraph_break: "The flood reached the town at dawn.\n\n\"We lost everything,\" he added." =>
        [says("We lost everything").source("he").cue("added")];
    two_speakers_one_paragraph: "The mayor said the bridge was safe. The engineer said it needed repairs." =>
        [says("the bridge was safe").source("The mayor"), says("it needed repairs").source("The engineer")];
    two_quotes_two_speakers: "\"Yes,\" she said. \"No,\" he replied." =>
        [says("Yes").source("she"), says("No").source("he")];
    dash_attribution: "\"The rules protect consumers.\" -Commissioner Geoffrey Starks" =>
        [says("The rules protect consumers").speaker("Geoffrey Starks").kind("direct")];
    em_dash_attribution: "\"We will appeal the ruling.\" — Maria Lopez, the club's lawyer" =>
        [says("We will appeal the ruling").speaker("Maria Lopez")];
}

// Kinds of speech.
quotes! {
    kind_direct: "\"We have enough food for a week,\" the aid worker said." =>
        [says("We have enough food for a week").kind("direct").quoted(&["We have enough food for a week"])];
    kind_mixed: "The aid worker said the camp had \"enough food for a week\" but no medicine." =>
        [says("enough food for a week").kind("mixed").quoted(&["enough food for a week"])];
    kind_indirect: "The aid worker said that the camp had enough food for a week." =>
        [says("the camp had enough food for a week").kind("indirect").quoted(&[])];
    indirect_ends_with_the_clause: "The aid worker said that the camp had enough food, before leaving for the airport." =>
        [says("the camp had enough food").kind("indirect")];
    according_to_clause: "According to the United Nations, more than 2,000 people fled the fighting." =>
        [says("more than 2,000 people fled the fighting").speaker("United Nations").kind("indirect")];
    mixed_with_two_fragments: "The general said the attack was \"a failure\" and the army would \"regroup quickly\"." =>
        [says("a failure").kind("mixed").quoted(&["a failure", "regroup quickly"])];
}

// Speakers.
quotes! {
    speaker_by_name: "Angela Merkel said that Germany would send more aid." =>
        [says("Germany would send more aid").speaker("Angela Merkel")];
    speaker_by_surname_later: "Karen Whitfield spoke in Washington. Whitfield said the threat had grown." =>
        [says("the threat had grown").speaker("Karen Whitfield")];
    speaker_by_pronoun: "Suhail Shaheen spoke to reporters in Doha. He said the group had no foreign fighters." =>
        [says("the group had no foreign fighters").source("He").speaker("Suhail Shaheen")];
    speaker_pronoun_she: "Adrienne Watson met the families. She said the inquiry would be public." =>
        [says("the inquiry would be public").speaker("Adrienne Watson")];
    speaker_nominal_official: "A senior defence official spoke on condition of anonymity. The official said the strikes would continue." =>
        [says("the strikes would continue").source("The official")];
    speaker_anonymous_with_affiliation: "A senior defence official said that the strikes would continue." =>
        [says("the strikes would continue").source("A senior defence official")];
    speaker_apposition_relative_clause: "Adrienne Watson, who is a spokeswoman for the National Security Council, said that the talks were useful." =>
        [says("the talks were useful").speaker("Adrienne Watson")];
    speaker_apposition_short: "Hugh Hill, a doctor, said the clinic had run out of insulin." =>
        [says("the clinic had run out of insulin").speaker("Hugh Hill")];
    speaker_title_before_name: "President Joe Biden said the United States would stand by its allies." =>
        [says("the United States would stand by its allies").speaker("Joe Biden")];
    speaker_organisation: "The World Health Organization said the outbreak was under control." =>
        [says("the outbreak was under control").speaker("World Health Organization")];
    speaker_country: "Russia said it would retaliate against the sanctions." =>
        [says("it would retaliate against the sanctions").speaker("Russia")];
    speaker_unresolved_stays_null: "Someone said the shop would close." =>
        [says("the shop would close").no_speaker()];
    speaker_document: "The leaked documents revealed that the agency had ignored the warnings." =>
        [says("the agency had ignored the warnings").source("The leaked documents")];
    speaker_after_quote_named: "\"We are not leaving,\" said Maria Lopez, a teacher." =>
        [says("We are not leaving").speaker("Maria Lopez")];
    speaker_relative_clause_without_closing_comma: "Nathan Sales, who is the State Department's coordinator for counterterrorism said that the threat had grown." =>
        [says("the threat had grown").speaker("Nathan Sales")];
    speaker_shared_by_coordinated_cues: "The mayor said the bridge was safe and also urged drivers to slow down." =>
        [says("the bridge was safe").source("The mayor"), says("drivers to slow down").source("The mayor")];
    speaker_after_quote_with_relative_clause: "\"The plan will cut delays,\" the report, which was published on Monday, further noted." =>
        [says("The plan will cut delays").source("the report")];
}

// Sourcing chains.
quotes! {
    via_quoted_as_saying: "The Washington Post quoted a senior defence official as saying that the strikes would continue." =>
        [says("the strikes would continue").source("a senior defence official").via(&["The Washington Post"])];
    via_quoted_as_saying_named: "DAWN quoted Suhail Shaheen as saying that the group had been suppressed." =>
        [says("the group had been suppressed").speaker("Suhail Shaheen").via(&["DAWN"])];
    via_as_quoted_by: "As quoted by The Washington Post, Nathan Sales said that the threat had grown." =>
        [says("the threat had grown").speaker("Nathan Sales").via(&["The Washington Post"])];
    via_as_quoted_follows_last_chain: "Reuters quoted a police officer as saying that the road was closed.\n\nAs quoted, the officer said that the driver had fled." =>
        [says("the driver had fled").via(&["Reuters"])];
    via_told_outlet: "The minister told Reuters that the talks would resume next week." =>
        [says("the talks would resume next week").source("The minister").via(&["Reuters"])];
    via_continues_for_same_speaker: "DAWN quoted Suhail Shaheen as saying that the group was ready to talk. He further added that the talks should start soon." =>
        [says("the talks should start soon").speaker("Suhail Shaheen").via(&["DAWN"])];
    via_document_source_is_outermost: "The minister said the talks would resume next week.", from "Reuters" =>
        [says("the talks would resume next week").via(&["Reuters"])];
    via_document_source_then_quoted: "The Washington Post quoted an official as saying that the base would close.", from "Reuters" =>
        [says("the base would close").via(&["Reuters", "The Washington Post"])];
}

not_quoted! {
    attack_inside_a_reported_clause_is_not_a_quote: "Russia attacked Ukraine on Monday, the Ukrainian army said." => "Ukraine";
    scare_quotes_after_determiner: "Quoting officials, the report mentioned that the \"Afghan government\" has been battling IS." => "Afghan government";
    scare_quotes_single_term: "The so-called \"peace plan\" was rejected by both sides." => "peace plan";
    scare_quotes_possessive: "The group's \"shadow cabinet\" met in secret." => "shadow cabinet";
}

#[test]
fn narrative_without_speech_has_no_attributions() {
    let analysis = analyse(
        "The bridge was built in 1932. It crosses the river north of the town.",
        None,
    );
    assert!(
        analysis.attributions.is_empty(),
        "help: {}",
        describe(&analysis)
    );
}

#[test]
fn apostrophes_are_not_quotation_marks() {
    let analysis = analyse(
        "The farmers' union met in the '90s and the Joneses' barn burned.",
        None,
    );
    assert!(analysis.attributions.iter().all(|a| a.quoted.is_empty()));
}

/// The disputes of an analysis as (rejecting content, rejected contents).
fn disputes(analysis: &Analysis) -> Vec<(String, Vec<String>)> {
    let content = |id: &str| {
        analysis
            .attributions
            .iter()
            .find(|a| a.id == id)
            .map(|a| joined(&a.content))
            .unwrap_or_default()
    };
    analysis
        .disputes
        .iter()
        .map(|d| {
            (
                content(&d.by),
                d.against.iter().map(|a| content(a)).collect(),
            )
        })
        .collect()
}

/// `name: "text" => ("words of the rejection", ["words of a rejected statement", ...]);`
macro_rules! disputed {
    ($($name:ident: $text:expr => ($by:expr, [$($against:expr),* $(,)?]);)*) => {
        $(#[test]
        fn $name() {
            let analysis = analyse($text, None);
            let found = disputes(&analysis);
            let ok = found.iter().any(|(by, against)| {
                by.contains($by) && [$($against),*].iter().all(|x: &&str| against.iter().any(|a| a.contains(x)))
            });
            assert!(ok, "help: disputes {found:?} in {:?}:\n  {}", $text, describe(&analysis));
        })*
    };
}

disputed! {
    dispute_does_not_reflect: "The Washington Post reported that the militants had regrouped in the north.\n\nA Taliban spokesman said the report by The Washington Post did not reflect ground realities." =>
        ("did not reflect ground realities", ["the militants had regrouped"]);
    dispute_by_denial: "Reuters reported that the minister had resigned.\n\nThe ministry denied that the minister had resigned." =>
        ("the minister had resigned", ["the minister had resigned"]);
    dispute_dismissed_as_baseless: "The Guardian reported that the company had paid no tax.\n\nThe company said the Guardian's claims were baseless." =>
        ("baseless", ["had paid no tax"]);
}

#[test]
fn a_report_that_nobody_rejects_has_no_dispute() {
    let analysis = analyse(
        "Reuters reported that the port had reopened. The harbour master said ships were already docking.",
        None,
    );
    assert!(
        analysis.disputes.is_empty(),
        "help: {:?}",
        disputes(&analysis)
    );
}

#[test]
fn every_attribution_span_slices_the_text() {
    let analysis = analyse(
        "\"We won,\" she said. According to the police, the fire started at noon.\n\nThe Post quoted an official as saying that \"the base will close.\"",
        None,
    );
    assert!(!analysis.attributions.is_empty());
    let json = serde_json::to_value(&analysis).unwrap();
    let checked = attest_testkit::check_spans(&json).unwrap();
    assert!(checked > 0);
}
