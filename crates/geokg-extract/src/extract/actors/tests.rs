//! Unit tests of actor recognition and coreference, on a small Turtle gazetteer.

use super::*;
use crate::Lexicon;

const FIXTURE: &str = r#"
@prefix geokg: <https://w3id.org/geokg/ns#> .
@prefix country: <https://w3id.org/geokg/country/> .
@prefix actor: <https://w3id.org/geokg/actor/> .
@prefix role: <https://w3id.org/geokg/role/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

country:RUS a geokg:Country ; skos:prefLabel "Russia"@en ; skos:altLabel "Russian Federation"@en ;
    geokg:iso3 "RUS" ; geokg:code "RUS" ; geokg:demonym "Russian"@en ; geokg:demonymPlural "Russians"@en ;
    geokg:capital "Moscow"@en ; geokg:seatOfPower "the Kremlin"@en .
country:UKR a geokg:Country ; skos:prefLabel "Ukraine"@en ; geokg:code "UKR" ; geokg:demonym "Ukrainian"@en ;
    geokg:capital "Kyiv"@en, "Kiev"@en .
country:USA a geokg:Country ; skos:prefLabel "United States"@en ; skos:altLabel "US"@en, "U.S."@en, "America"@en ;
    geokg:code "USA" ; geokg:demonym "American"@en ; geokg:capital "Washington"@en ; geokg:seatOfPower "the White House"@en .
country:ISR a geokg:Country ; skos:prefLabel "Israel"@en ; geokg:code "ISR" ; geokg:demonym "Israeli"@en .
country:LBN a geokg:Country ; skos:prefLabel "Lebanon"@en ; geokg:code "LBN" .
country:KEN a geokg:Country ; skos:prefLabel "Kenya"@en ; geokg:code "KEN" ; geokg:demonym "Kenyan"@en ;
    geokg:capital "Nairobi"@en .
country:IRN a geokg:Country ; skos:prefLabel "Iran"@en ; geokg:code "IRN" ; geokg:demonym "Iranian"@en ;
    geokg:capital "Tehran"@en .
country:CHN a geokg:Country ; skos:prefLabel "China"@en ; geokg:code "CHN" ; geokg:demonym "Chinese"@en ;
    geokg:capital "Beijing"@en .
country:GEO a geokg:Country ; skos:prefLabel "Georgia"@en ; geokg:code "GEO" ; geokg:demonym "Georgian"@en ;
    geokg:capital "Tbilisi"@en .
country:GBR a geokg:Country ; skos:prefLabel "United Kingdom"@en ; skos:altLabel "England"@en, "Britain"@en ;
    geokg:code "GBR" ; geokg:demonym "British"@en .
country:PSE a geokg:Country ; skos:prefLabel "Palestine"@en ; geokg:code "PSE" .
country:DEU a geokg:Country ; skos:prefLabel "Germany"@en ; geokg:code "DEU" ; geokg:demonym "German"@en .
country:FRA a geokg:Country ; skos:prefLabel "France"@en ; geokg:code "FRA" ; geokg:demonym "French"@en .
country:AUT a geokg:Country ; skos:prefLabel "Austria"@en ; geokg:code "AUT" ; geokg:capital "Vienna"@en .
country:PRK a geokg:Country ; skos:prefLabel "North Korea"@en ; geokg:code "PRK" .
country:KOR a geokg:Country ; skos:prefLabel "South Korea"@en ; geokg:code "KOR" .

actor:nato a geokg:InternationalOrganization ; skos:prefLabel "NATO"@en ;
    skos:altLabel "North Atlantic Treaty Organization"@en ; geokg:acronym "NATO" ; geokg:code "IGO:NATO" ;
    geokg:descriptor "the alliance"@en .
actor:un a geokg:InternationalOrganization ; skos:prefLabel "United Nations"@en ; geokg:acronym "UN" ;
    geokg:code "IGO:UN" .
actor:unsc a geokg:InternationalOrganization ; skos:prefLabel "United Nations Security Council"@en ;
    skos:altLabel "Security Council"@en ; geokg:acronym "UNSC" ; geokg:code "IGO:UN" .
actor:boe a geokg:Organization ; skos:prefLabel "Bank of England"@en ; geokg:country country:GBR ; geokg:code "GBR" ;
    geokg:defaultRole role:BUS .
actor:hamas a geokg:ArmedGroup ; skos:prefLabel "Hamas"@en ; geokg:country country:PSE ; geokg:code "PSE" ;
    geokg:defaultRole role:REB ; geokg:descriptor "the militant group"@en .

actor:vladimir-putin a geokg:Person ; skos:prefLabel "Vladimir Putin"@en ; foaf:familyName "Putin", "Poutine" ;
    foaf:gender "male" ;
    geokg:holds [ a geokg:Position ; geokg:office "president" ; geokg:country country:RUS ; geokg:role role:GOV ;
                  geokg:start "2012-05-07"^^xsd:date ] .
actor:volodymyr-zelensky a geokg:Person ; skos:prefLabel "Volodymyr Zelensky"@en ; skos:altLabel "Volodymyr Zelenskyy"@en ;
    foaf:familyName "Zelensky" ; foaf:gender "male" ;
    geokg:holds [ geokg:office "president" ; geokg:country country:UKR ; geokg:role role:GOV ;
                  geokg:start "2019-05-20"^^xsd:date ] .
actor:donald-trump a geokg:Person ; skos:prefLabel "Donald Trump"@en ; foaf:familyName "Trump" ; foaf:gender "male" ;
    geokg:holds [ geokg:office "president" ; geokg:country country:USA ; geokg:role role:GOV ;
                  geokg:start "2017-01-20"^^xsd:date ; geokg:end "2021-01-20"^^xsd:date ],
                [ geokg:office "president" ; geokg:country country:USA ; geokg:role role:GOV ;
                  geokg:start "2025-01-20"^^xsd:date ] .
actor:joe-biden a geokg:Person ; skos:prefLabel "Joe Biden"@en ; foaf:familyName "Biden" ; foaf:gender "male" ;
    geokg:holds [ geokg:office "president" ; geokg:country country:USA ; geokg:role role:GOV ;
                  geokg:start "2021-01-20"^^xsd:date ; geokg:end "2025-01-20"^^xsd:date ] .
actor:theresa-may a geokg:Person ; skos:prefLabel "Theresa May"@en ; foaf:familyName "May" ; foaf:gender "female" ;
    geokg:holds [ geokg:office "prime minister" ; geokg:country country:GBR ; geokg:role role:GOV ;
                  geokg:start "2016-07-13"^^xsd:date ; geokg:end "2019-07-24"^^xsd:date ] .
actor:annalena-baerbock a geokg:Person ; skos:prefLabel "Annalena Baerbock"@en ; foaf:gender "female" .
actor:israel-katz a geokg:Person ; skos:prefLabel "Israel Katz"@en ; foaf:familyName "Katz" ; foaf:gender "male" ;
    geokg:holds [ geokg:office "defence minister" ; geokg:country country:ISR ; geokg:role role:GOV ;
                  geokg:start "2024-11-07"^^xsd:date ] .
actor:sergei-lavrov a geokg:Person ; skos:prefLabel "Sergei Lavrov"@en ; foaf:familyName "Lavrov" ; foaf:gender "male" ;
    geokg:holds [ geokg:office "foreign minister" ; geokg:country country:RUS ; geokg:role role:GOV ;
                  geokg:start "2004-03-09"^^xsd:date ] .

role:GOV a geokg:ActorRole ; skos:notation "GOV" ; skos:prefLabel "Government"@en ;
    geokg:roleNoun "government"@en, "officials"@en, "official"@en, "representative"@en, "envoy"@en,
        "spokesman"@en, "minister"@en, "president"@en, "administration"@en, "ministry"@en, "embassy"@en .
role:MIL a geokg:ActorRole ; skos:notation "MIL" ; skos:prefLabel "Military"@en ;
    geokg:roleNoun "troops"@en, "soldiers"@en, "army"@en, "military"@en, "forces"@en .
role:MED a geokg:ActorRole ; skos:notation "MED" ; skos:prefLabel "Media"@en ; geokg:roleNoun "media"@en .
role:OPP a geokg:ActorRole ; skos:notation "OPP" ; skos:prefLabel "Opposition"@en ;
    geokg:roleNoun "protester"@en, "opposition"@en .
"#;

fn lexicon() -> Lexicon {
    let mut lexicon = Lexicon::default();
    lexicon
        .add_turtle("fixture.ttl", FIXTURE)
        .expect("fixture parses");
    lexicon
}

fn article(text: &str, date: &str) -> Article {
    Article {
        id: "t".into(),
        text: text.into(),
        published: date.parse().ok(),
        ..Article::default()
    }
}

/// (surface, label, country, role) of every mention, one sentence per line of `text`.
fn mentions_with(
    lexicon: &Lexicon,
    text: &str,
    date: &str,
) -> Vec<(String, String, String, String)> {
    let finder = ActorFinder::new(lexicon);
    let art = article(text, date);
    let mut doc = finder.start_document(&art);
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        for m in doc.sentence_mentions(start, start + line.len()) {
            assert_eq!(&text[m.start..m.end], m.party.text);
            out.push((
                m.party.text.clone(),
                m.party.label.clone(),
                m.party.country.clone().unwrap_or_default(),
                m.party.role.clone().unwrap_or_default(),
            ));
        }
        start += line.len();
    }
    out
}

fn mentions(text: &str) -> Vec<(String, String, String, String)> {
    mentions_with(&lexicon(), text, "2025-08-06")
}

fn surfaces(text: &str) -> Vec<String> {
    mentions(text).into_iter().map(|m| m.0).collect()
}

fn labels(text: &str) -> Vec<String> {
    mentions(text).into_iter().map(|m| m.1).collect()
}

fn m(surface: &str, label: &str, country: &str, role: &str) -> (String, String, String, String) {
    (surface.into(), label.into(), country.into(), role.into())
}

#[test]
fn titled_and_bare_names() {
    assert_eq!(
        mentions("Ukrainian President Volodymyr Zelensky met Putin."),
        vec![
            m(
                "Ukrainian President Volodymyr Zelensky",
                "Volodymyr Zelensky",
                "UKR",
                "GOV"
            ),
            m("Putin", "Vladimir Putin", "RUS", "GOV"),
        ]
    );
    assert_eq!(labels("Zelensky spoke."), vec!["Volodymyr Zelensky"]);
}

#[test]
fn possessive_gives_the_owner_only() {
    let finder_lex = lexicon();
    let finder = ActorFinder::new(&finder_lex);
    let text = "Trump's ultimatum angered Moscow.";
    let art = article(text, "2025-08-06");
    let mut doc = finder.start_document(&art);
    let ms = doc.sentence_mentions(0, text.len());
    assert_eq!(ms[0].party.text, "Trump");
    assert!(ms[0].possessive);
    assert_eq!(ms[1].party.label, "Russia");
    assert_eq!(ms[1].kind, MentionKind::Metonym);
}

#[test]
fn countries_demonyms_and_metonyms() {
    assert_eq!(
        mentions("Russia and Russian media blamed Kyiv, the Kremlin and the White House."),
        vec![
            m("Russia", "Russia", "RUS", ""),
            m("Russian media", "Russian media", "RUS", "MED"),
            m("Kyiv", "Ukraine", "UKR", "GOV"),
            m("the Kremlin", "Russia", "RUS", "GOV"),
            m("the White House", "United States", "USA", "GOV"),
        ]
    );
    let ms = mentions("Russian media reported it.");
    let finder_lex = lexicon();
    let finder = ActorFinder::new(&finder_lex);
    let art = article("Russian media reported it.", "2025-08-06");
    let mut doc = finder.start_document(&art);
    let m0 = &doc.sentence_mentions(0, 13)[0];
    assert_eq!(
        m0.party.iri.as_deref(),
        Some("https://w3id.org/geokg/agent/RUS-MED")
    );
    assert_eq!(ms.len(), 1);
}

#[test]
fn coordinated_demonyms_give_two_mentions() {
    assert_eq!(
        mentions("Ukrainian and Russian representatives met in Istanbul."),
        vec![
            m("Ukrainian", "Ukrainian", "UKR", "GOV"),
            m(
                "Russian representatives",
                "Russian representatives",
                "RUS",
                "GOV"
            ),
        ]
    );
}

#[test]
fn compound_countries_are_split() {
    assert_eq!(
        surfaces("Ukraine and Russia agreed."),
        vec!["Ukraine", "Russia"]
    );
    assert_eq!(
        surfaces("The US and its allies warned Iran."),
        vec!["US", "its", "Iran"]
    );
}

#[test]
fn roles_with_countries() {
    assert_eq!(
        mentions(
            "Israel's defence minister and Iranian officials spoke as Chinese troops watched."
        ),
        vec![
            m("Israel's defence minister", "Israel Katz", "ISR", "GOV"),
            m("Iranian officials", "Iranian officials", "IRN", "GOV"),
            m("Chinese troops", "Chinese troops", "CHN", "MIL"),
        ]
    );
    assert_eq!(
        mentions("Protesters in Tbilisi marched."),
        vec![m(
            "Protesters in Tbilisi",
            "Protesters in Tbilisi",
            "GEO",
            "OPP"
        )]
    );
}

#[test]
fn office_holder_depends_on_the_date() {
    let lex = lexicon();
    let now = mentions_with(&lex, "The US president called.", "2025-08-06");
    assert_eq!(now[0].1, "Donald Trump");
    let then = mentions_with(&lex, "The US president called.", "2023-03-01");
    assert_eq!(then[0].1, "Joe Biden");
}

#[test]
fn bare_president_is_the_focus_country_holder() {
    let ms = mentions(
        "Russia warned Ukraine and Russia massed troops.\nThe president said talks would fail.",
    );
    assert_eq!(ms.last().map(|m| m.1.as_str()), Some("Vladimir Putin"));
}

#[test]
fn organisations_acronyms_and_descriptors() {
    assert_eq!(
        labels(
            "NATO and the United Nations met the Security Council.\nThe alliance said it would act."
        ),
        vec![
            "NATO",
            "United Nations",
            "United Nations Security Council",
            "NATO",
            "NATO"
        ]
    );
    assert_eq!(labels("Hamas fighters fired rockets."), vec!["Hamas"]);
}

#[test]
fn unknown_people_with_roles() {
    assert_eq!(
        mentions(
            "John Smith, Kenya's foreign minister, met Putin.\nSmith said the talks went well."
        ),
        vec![
            m("John Smith", "John Smith", "KEN", "GOV"),
            m("Putin", "Vladimir Putin", "RUS", "GOV"),
            m("Smith", "John Smith", "KEN", "GOV"),
        ]
    );
    let ms = mentions("Kenyan Foreign Minister Jane Wanjiru arrived.");
    assert_eq!(
        ms,
        vec![m(
            "Kenyan Foreign Minister Jane Wanjiru",
            "Jane Wanjiru",
            "KEN",
            "GOV"
        )]
    );
    let finder_lex = lexicon();
    let finder = ActorFinder::new(&finder_lex);
    let art = article(
        "Kenyan Foreign Minister Jane Wanjiru arrived.",
        "2025-08-06",
    );
    let mut doc = finder.start_document(&art);
    let iri = doc.sentence_mentions(0, art.text.len())[0]
        .party
        .iri
        .clone();
    assert_eq!(
        iri.as_deref(),
        Some("https://w3id.org/geokg/actor/jane-wanjiru")
    );
}

#[test]
fn relative_clause_gives_country_and_role() {
    assert_eq!(
        mentions(
            "Steve Witkoff, who serves as Donald Trump's special envoy, met Putin.\nMr. Witkoff left."
        ),
        vec![
            m("Steve Witkoff", "Steve Witkoff", "USA", "GOV"),
            m("Putin", "Vladimir Putin", "RUS", "GOV"),
            m("Mr. Witkoff", "Steve Witkoff", "USA", "GOV"),
        ]
    );
}

#[test]
fn unknown_names_without_context_are_not_actors() {
    assert!(mentions("Yesterday Peter Miller visited a bakery in March.").is_empty());
    assert!(mentions("On Monday, Reuters reported rain.").is_empty());
}

#[test]
fn pronouns_follow_gender_number_and_recency() {
    let ms = mentions(
        "Putin met Annalena Baerbock.\nShe said he was wrong.\nIranian officials said they disagreed.",
    );
    let got: Vec<(&str, &str)> = ms.iter().map(|m| (m.0.as_str(), m.1.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("Putin", "Vladimir Putin"),
            ("Annalena Baerbock", "Annalena Baerbock"),
            ("She", "Annalena Baerbock"),
            ("he", "Vladimir Putin"),
            ("Iranian officials", "Iranian officials"),
            ("they", "Iranian government"),
        ]
    );
}

#[test]
fn title_line_is_context_and_descriptions_corefer() {
    let ms = mentions(
        "Putin hosts Zelensky\nThe two men met on Friday. The country hosted the envoy.\nThe minister spoke.",
    );
    let got: Vec<(&str, &str)> = ms.iter().map(|m| (m.0.as_str(), m.1.as_str())).collect();
    assert_eq!(
        got[..4],
        [
            ("Putin", "Vladimir Putin"),
            ("Zelensky", "Volodymyr Zelensky"),
            ("The two men", "Vladimir Putin"),
            ("The two men", "Volodymyr Zelensky")
        ]
    );
    let ms = mentions(
        "Russian Foreign Minister Sergei Lavrov arrived in Kenya.\nThe minister said Russia wanted peace.",
    );
    assert_eq!(ms[2].0, "The minister");
    assert_eq!(ms[2].1, "Sergei Lavrov");
}

#[test]
fn its_with_a_role_is_the_country_in_that_role() {
    let ms = mentions("Russia said its military would respond.");
    assert_eq!(ms[1], m("its military", "Russian military", "RUS", "MIL"));
}

#[test]
fn country_inside_an_organisation_name() {
    assert_eq!(
        labels("The Bank of England raised rates."),
        vec!["Bank of England"]
    );
    assert_eq!(
        labels("The Central Bank of Kenya raised rates."),
        vec!["Kenya"]
    );
}

#[test]
fn offsets_are_characters_in_party_and_bytes_in_mention() {
    let lex = lexicon();
    let finder = ActorFinder::new(&lex);
    let text = "«Ça va» — Russia spoke.";
    let art = article(text, "2025-08-06");
    let mut doc = finder.start_document(&art);
    let ms = doc.sentence_mentions(0, text.len());
    assert_eq!(ms.len(), 1);
    assert_eq!(&text[ms[0].start..ms[0].end], "Russia");
    let chars: Vec<char> = text.chars().collect();
    let s: String = chars[ms[0].party.start..ms[0].party.end].iter().collect();
    assert_eq!(s, "Russia");
}

#[test]
fn user_gazetteer_adds_a_country_alias() {
    let mut lex = lexicon();
    assert!(mentions_with(&lex, "Ruritania protested.", "2025-08-06").is_empty());
    lex.add_turtle(
        "extra.ttl",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\
         <https://w3id.org/geokg/country/KEN> skos:altLabel \"Ruritania\"@en .",
    )
    .expect("parses");
    assert_eq!(
        mentions_with(&lex, "Ruritania protested.", "2025-08-06"),
        vec![m("Ruritania", "Kenya", "KEN", "")]
    );
}

#[test]
fn parse_errors_name_the_source_and_line() {
    let mut lex = Lexicon::default();
    let err = lex
        .add_turtle("bad.ttl", "@prefix x: <http://x/> .\n\nx:a x:b .\n")
        .expect_err("must fail");
    let msg = err.to_string();
    assert!(msg.starts_with("bad.ttl: line 3"), "{msg}");
}

#[test]
fn they_refers_to_every_member_of_a_coordination() {
    let ms = mentions("Russia and Ukraine met in Istanbul.\nThey agreed to swap prisoners.");
    let they: Vec<&str> = ms
        .iter()
        .filter(|m| m.0 == "They")
        .map(|m| m.1.as_str())
        .collect();
    assert_eq!(they, vec!["Russia", "Ukraine"]);
}

#[test]
fn roles_of_coordinated_places() {
    assert_eq!(
        mentions("Officials from Germany, Britain, and France warned Iran."),
        vec![
            m(
                "Officials from Germany",
                "Officials from Germany",
                "DEU",
                "GOV"
            ),
            m("Britain", "Britain", "GBR", "GOV"),
            m("France", "France", "FRA", "GOV"),
            m("Iran", "Iran", "IRN", ""),
        ]
    );
}

#[test]
fn troops_in_a_place_keep_their_own_country() {
    assert_eq!(
        mentions("Russian troops in Kyiv retreated."),
        vec![
            m("Russian troops", "Russian troops", "RUS", "MIL"),
            m("Kyiv", "Ukraine", "UKR", "GOV"),
        ]
    );
}

#[test]
fn months_are_not_family_names() {
    assert_eq!(labels("On May 31, Russia protested."), vec!["Russia"]);
    assert_eq!(
        labels("Theresa May met Putin."),
        vec!["Theresa May", "Vladimir Putin"]
    );
}

#[test]
fn role_nouns_used_as_modifiers_are_not_actors() {
    assert!(mentions("Russia attacked.\nThe official death toll rose.").len() == 1);
    assert_eq!(labels("Army Radio quoted Putin."), vec!["Vladimir Putin"]);
}

#[test]
fn name_particles_stay_in_the_name() {
    assert_eq!(
        labels("Kenyan President Luiz da Costa arrived."),
        vec!["Luiz da Costa"]
    );
}

#[test]
fn places_inside_other_names_are_not_actors() {
    assert!(mentions("They cited the Vienna Convention.").is_empty());
    assert_eq!(
        labels("Russia Warns Kenya Over Troops"),
        vec!["Russia", "Kenya"]
    );
}

#[test]
fn led_compounds_name_the_leading_country() {
    assert_eq!(
        mentions("Russian-led forces entered."),
        vec![m("Russian-led forces", "Russian-led forces", "RUS", "MIL")]
    );
}

#[test]
fn hyphenated_particles_count_as_capitalised() {
    let lex = lexicon();
    let mut lex2 = lex.clone();
    lex2.add_turtle(
        "g.ttl",
        "@prefix geokg: <https://w3id.org/geokg/ns#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\
         <https://w3id.org/geokg/actor/al-qaeda> a geokg:ArmedGroup ; skos:prefLabel \"al-Qaeda\"@en ; geokg:code \"IMG\" .",
    )
    .expect("parses");
    let got = mentions_with(&lex2, "Washington warned al-Qaeda leaders.", "2025-08-06");
    assert_eq!(got[1].1, "al-Qaeda");
}

#[test]
fn pronouns_prefer_the_subject_of_their_clause() {
    let he = |text: &str| -> String {
        mentions(text)
            .into_iter()
            .find(|m| m.0 == "he")
            .map(|m| m.1)
            .unwrap_or_default()
    };
    assert_eq!(
        he("Zelensky said he is open to a meeting with Putin."),
        "Volodymyr Zelensky"
    );
    assert_eq!(
        he("Zelensky met Putin, who said he was ready."),
        "Vladimir Putin"
    );
    let its = mentions("Russia accused Kenya, which denied its involvement.");
    assert_eq!(its.last().map(|m| m.1.as_str()), Some("Kenya"));
}

#[test]
fn bare_roles_do_not_swallow_verbs() {
    let ms = mentions("Kenya pledged to expel exiled officials of Iran.");
    assert_eq!(ms[1].0, "officials of Iran");
}

#[test]
fn countries_and_demonyms_coordinate() {
    assert_eq!(
        labels("US and British forces landed."),
        vec!["US", "British forces"]
    );
}

#[test]
fn countries_inside_longer_names() {
    assert!(
        mentions("He toured Latin America and met South American leaders.")
            .iter()
            .all(|m| m.2 != "USA")
    );
    assert_eq!(
        labels("Israel shelled South Lebanon."),
        vec!["Israel", "Lebanon"]
    );
}

#[test]
fn bare_domestic_groups_take_the_country_in_context() {
    let ms = mentions("Putin threatened to jail protesters.");
    assert_eq!(ms[1], m("protesters", "Russian opposition", "RUS", "OPP"));
    let ms = mentions("Kenya votes\nKenya held a vote.\nProtesters marched on Sunday.");
    assert_eq!(ms.last().map(|m| m.2.as_str()), Some("KEN"));
}

#[test]
fn descriptions_find_people_by_their_role_noun() {
    let ms = mentions(
        "Steve Witkoff, who serves as Donald Trump's special envoy, met Putin.\nThe envoy left Moscow.",
    );
    assert_eq!(ms[2].0, "The envoy");
    assert_eq!(ms[2].1, "Steve Witkoff");
    let ms = mentions("Sergei Lavrov, Russia's foreign minister, met Kenya.");
    assert_eq!(labels_of(&ms), vec!["Sergei Lavrov", "Kenya"]);
}

fn labels_of(ms: &[(String, String, String, String)]) -> Vec<&str> {
    ms.iter().map(|m| m.1.as_str()).collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Any text, split anywhere on character boundaries, gives in-bounds mentions and no panic.
    #[test]
    fn never_panics_on_arbitrary_text(
        text in "[A-Za-z .,'’\u{e9}\u{201c}-]{0,80}( (Russia|Putin|the|he|its|Mr\\.|President|and|,|officials|Kenyan) [A-Za-z.,]{0,12}){0,8}",
        cut in 0usize..100,
    ) {
        let lex = lexicon();
        let finder = ActorFinder::new(&lex);
        let art = article(&text, "2025-08-06");
        let mut doc = finder.start_document(&art);
        let mut mid = cut.min(text.len());
        while !text.is_char_boundary(mid) {
            mid -= 1;
        }
        for (s, e) in [(0, mid), (mid, text.len())] {
            for m in doc.sentence_mentions(s, e) {
                proptest::prop_assert!(s <= m.start && m.start < m.end && m.end <= e);
                proptest::prop_assert!(m.party.start < m.party.end);
            }
        }
    }
}

#[test]
fn collective_phrases_keep_their_own_words_as_label() {
    assert_eq!(
        mentions("Senior Iranian officials met Russians."),
        vec![
            m("Iranian officials", "Iranian officials", "IRN", "GOV"),
            m("Russians", "Russians", "RUS", ""),
        ]
    );
    // Possessive pronouns and demonyms used as adjectives keep the canonical label.
    assert_eq!(
        labels("Russia said its military was ready.\nIsraeli strikes continued."),
        vec!["Russia", "Russian military", "Israel"]
    );
}

#[test]
fn the_north_is_the_northern_country_met_before() {
    assert_eq!(
        labels("North Korea fired a missile.\nLater the North warned South Korea."),
        vec!["North Korea", "North Korea", "South Korea"]
    );
    // Not a part of a longer name.
    assert_eq!(
        labels("North Korea fired a missile.\nThe North Atlantic was calm."),
        vec!["North Korea"]
    );
}

#[test]
fn a_role_before_a_name_gives_the_new_person_its_role() {
    let ms = mentions(
        "The talks were led by the foreign minister of Kenya, John Smith, in Nairobi.\nSmith said they failed.",
    );
    assert!(ms.contains(&m("John Smith", "John Smith", "KEN", "GOV")));
    assert!(ms.contains(&m("Smith", "John Smith", "KEN", "GOV")));
    // No role before the comma: not an actor.
    assert!(mentions("After the long meeting, John Smith left.").is_empty());
}

#[test]
fn an_organisation_running_into_a_title_owns_the_official() {
    let ms = mentions(
        "NATO Parliamentary Assembly (PA) Envoy Jane Wanjiru criticised Russia.\nWanjiru left.",
    );
    assert!(ms.contains(&m("Envoy Jane Wanjiru", "Jane Wanjiru", "IGO:NATO", "GOV")));
    assert!(ms.contains(&m("Wanjiru", "Jane Wanjiru", "IGO:NATO", "GOV")));
    // A verb in between: the organisation is not the owner.
    let ms = mentions("NATO said Envoy Jane Wanjiru criticised Russia.");
    assert!(ms.contains(&m("Envoy Jane Wanjiru", "Jane Wanjiru", "RUS", "GOV")));
}

#[test]
fn places_after_adjectives_own_the_role() {
    assert_eq!(
        mentions("Trump met protesters from military-ruled Georgia."),
        vec![
            m("Trump", "Donald Trump", "USA", "GOV"),
            m(
                "protesters from military-ruled Georgia",
                "protesters from military-ruled Georgia",
                "GEO",
                "OPP"
            ),
        ]
    );
    // Not across a function word: "of" is no adjective.
    assert_eq!(
        surfaces("Officials from the south of Georgia met."),
        vec!["Georgia"]
    );
}

#[test]
fn role_with_country_before_comma_owns_the_name() {
    let ms = mentions("The Kenyan envoy in Israel, General John Smith, met Putin.");
    let smith = ms.iter().find(|m| m.0.ends_with("John Smith"));
    assert_eq!(smith.map(|m| m.2.as_str()), Some("KEN"), "{ms:?}");
    let ms = mentions("The Iranian envoy to Israel, Minister John Smith, met Putin.");
    let smith = ms.iter().find(|m| m.0.ends_with("John Smith"));
    assert_eq!(smith.map(|m| m.2.as_str()), Some("IRN"), "{ms:?}");
}

#[test]
fn officials_take_the_government_named_before_them() {
    let ms = mentions("The Russian government said Minister John Smith would visit Kenya.");
    let smith = ms.iter().find(|m| m.0.ends_with("John Smith"));
    assert_eq!(smith.map(|m| m.2.as_str()), Some("RUS"), "{ms:?}");
    // With nothing before the official, the place named after still counts.
    let ms = mentions("Minister John Smith said talks in Kenya went well.");
    let smith = ms.iter().find(|m| m.0.ends_with("John Smith"));
    assert_eq!(smith.map(|m| m.2.as_str()), Some("KEN"), "{ms:?}");
}

#[test]
fn officials_welcomed_by_a_government_are_not_its_own() {
    let ms = mentions("The Russian government welcomed Minister John Smith's visit to Kenya.");
    let smith = ms.iter().find(|m| m.0.ends_with("John Smith"));
    assert_eq!(smith.map(|m| m.2.as_str()), Some("KEN"), "{ms:?}");
}

#[test]
fn ministry_with_portfolio_is_one_mention() {
    assert_eq!(
        surfaces("Russia's Ministry of Foreign Affairs said it would respond."),
        vec!["Russia's Ministry of Foreign Affairs", "it"]
    );
    // A name after the portfolio is still read as the holder.
    let ms = mentions("Minister of Foreign Affairs John Smith spoke.");
    assert_eq!(ms.len(), 1, "{ms:?}");
    assert!(ms[0].0.ends_with("John Smith"), "{ms:?}");
}

#[test]
fn the_ministry_is_not_a_foreign_embassy() {
    let ms = mentions(
        "Kenya expels Russian diplomats\nThe Russian Embassy was closed in Kenya.\nThe Ministry of Foreign Affairs said the embassy spied.",
    );
    let ministry = ms.iter().find(|m| m.0 == "The Ministry of Foreign Affairs");
    assert_eq!(ministry.map(|m| m.2.as_str()), Some("KEN"), "{ms:?}");
}

#[test]
fn the_two_presidents_are_presidents() {
    let ms = mentions(
        "Ukraine and Russia held talks.\nLavrov met Trump.\nUkraine proposed talks between the two presidents.",
    );
    let mut presidents: Vec<&str> = ms
        .iter()
        .filter(|m| m.0 == "the two presidents")
        .map(|m| m.1.as_str())
        .collect();
    presidents.sort_unstable();
    assert_eq!(
        presidents,
        vec!["Vladimir Putin", "Volodymyr Zelensky"],
        "{ms:?}"
    );
    // Two presidents met before: those two.
    let ms = mentions("Trump met Putin.\nLavrov said the two presidents agreed.");
    let presidents: Vec<&str> = ms
        .iter()
        .filter(|m| m.0 == "the two presidents")
        .map(|m| m.1.as_str())
        .collect();
    assert_eq!(presidents, vec!["Donald Trump", "Vladimir Putin"], "{ms:?}");
}

#[test]
fn groups_coordinated_with_a_government_share_its_country() {
    let ms = mentions("Trump said the Iranian government and the protesters must talk.");
    let group = ms.iter().find(|m| m.0 == "the protesters");
    assert_eq!(group.map(|m| m.2.as_str()), Some("IRN"), "{ms:?}");
    // Not after a military or a possessive: the sentence's subject still decides.
    let ms = mentions("Trump said Iranian troops and the protesters clashed.");
    let group = ms.iter().find(|m| m.0 == "the protesters");
    assert_eq!(group.map(|m| m.2.as_str()), Some("USA"), "{ms:?}");
}

#[test]
fn builtin_gazetteer_knows_common_misspellings_not_demonyms() {
    let lexicon = Lexicon::builtin().expect("built-in lexicon");
    let ms = mentions_with(
        &lexicon,
        "Ethopia rejected an offer from Afganistan and Albanian officials.",
        "2025-08-06",
    );
    let countries: Vec<&str> = ms.iter().map(|m| m.2.as_str()).collect();
    assert_eq!(countries, vec!["ETH", "AFG", "ALB"], "{ms:?}");
    // The demonym keeps its own reading (a collective agent with a role).
    assert_eq!(ms[2].3, "GOV", "{ms:?}");
}

#[test]
fn builtin_undersecretary_with_portfolio_is_an_official() {
    let lexicon = Lexicon::builtin().expect("built-in lexicon");
    let ms = mentions_with(
        &lexicon,
        "Kenya expels Russian diplomats\nKenya said they must leave Kenya.\nUndersecretary for Political Affairs John Kamau handed the Russian ambassador a note.\nThe Commissioner for Human Rights said the move was right.",
        "2025-08-06",
    );
    let kamau = ms.iter().find(|m| m.0.ends_with("John Kamau"));
    assert_eq!(kamau.map(|m| m.2.as_str()), Some("KEN"), "{ms:?}");
    assert!(
        ms.iter()
            .any(|m| m.0 == "The Commissioner for Human Rights"),
        "{ms:?}"
    );
}

#[test]
fn missions_abroad_do_not_make_the_focus_country() {
    let ms = mentions(
        "Kenya expels a Russian envoy\nThe Russian embassy and the Russian envoy were told to leave Kenya.\nMinister John Kamau said the envoy had spied.",
    );
    let kamau = ms.iter().find(|m| m.0.ends_with("John Kamau"));
    assert_eq!(kamau.map(|m| m.2.as_str()), Some("KEN"), "{ms:?}");
}

#[test]
fn demonyms_before_place_nouns_are_places() {
    assert_eq!(
        surfaces("Russian troops shelled the Ukrainian border and Ukrainian villages."),
        vec!["Russian troops", "Ukrainian"]
    );
}

#[test]
fn participle_clause_pronouns_refer_to_the_subject() {
    let ms = mentions("Russia protested to Ukraine, accusing its army of shelling.");
    let its = ms.iter().find(|m| m.0.starts_with("its"));
    assert_eq!(its.map(|m| m.2.as_str()), Some("RUS"), "{ms:?}");
    // Not after a preposition in "-ing".
    let ms = mentions("Russia condemned the siege of Kyiv, Ukraine, following its capture.");
    let its = ms.iter().find(|m| m.0 == "its");
    assert_eq!(its.map(|m| m.2.as_str()), Some("UKR"), "{ms:?}");
    // Other commas still point at the phrase just before.
    let ms = mentions("Israel thanked NATO, criticised for its silence.");
    let its = ms.iter().find(|m| m.0 == "its");
    assert_eq!(its.map(|m| m.1.as_str()), Some("NATO"), "{ms:?}");
    // A mention inside the participle clause does not take the pronoun from the subject.
    let ms = mentions("Iran suspended talks, citing Britain's silence on attacks on its ports.");
    let its = ms.iter().find(|m| m.0 == "its");
    assert_eq!(its.map(|m| m.2.as_str()), Some("IRN"), "{ms:?}");
}

#[test]
fn relative_pronoun_after_a_non_actor_leaves_the_subject() {
    let ms =
        mentions("Iran complained over two Israeli air raids in which it said ten people died.");
    let it = ms.iter().find(|m| m.0 == "it");
    assert_eq!(it.map(|m| m.2.as_str()), Some("IRN"), "{ms:?}");
    let ms = mentions("Russia thanked Iranian officials, who said they would help.");
    let they = ms.iter().find(|m| m.0 == "they");
    assert_eq!(they.map(|m| m.2.as_str()), Some("IRN"), "{ms:?}");
}

#[test]
fn the_country_of_a_person_named_since() {
    let ms = mentions(
        "Washington sanctioned Ukrainian President Volodymyr Zelensky over the country's vote.",
    );
    let c = ms.iter().find(|m| m.0 == "the country");
    assert_eq!(c.map(|m| m.1.as_str()), Some("Ukraine"), "{ms:?}");
    // Not the subject acting on it.
    let ms = mentions("Israel was hit.\nTrump ordered sanctions against the country.");
    let c = ms.iter().find(|m| m.0 == "the country");
    assert_eq!(c.map(|m| m.1.as_str()), Some("Israel"), "{ms:?}");
}
