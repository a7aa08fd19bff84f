//! Tests of the Turtle loaders: the built-in gazetteer and codebook, and user gazetteers.

use super::*;

#[test]
fn builtin_lexicon_loads_codes_roles_and_entities() {
    let lex = Lexicon::builtin().expect("built-in ontology parses");
    assert!(lex.cameo.len() > 200);
    assert_eq!(lex.cameo_label("042"), Some("Make a visit"));
    assert!(lex.goldstein("042").is_some_and(|g| g > 0.0));
    assert_eq!(lex.quad_class("042"), Some(QuadClass::VerbalCooperation));
    assert_eq!(lex.quad_class("190").map(QuadClass::number), Some(4));
    // A four-digit code unknown to the codebook falls back to its parent.
    assert_eq!(lex.cameo_label("0429"), lex.cameo_label("042"));
    assert!(
        lex.gazetteer
            .roles
            .get("MIL")
            .is_some_and(|r| r.nouns.iter().any(|n| n == "troops"))
    );
    let rus = lex.gazetteer.country_by_code("RUS").expect("Russia");
    assert_eq!(rus.kind, EntityKind::Country);
    assert!(rus.demonyms.iter().any(|d| d == "Russian"));
}

const SMALL: &str = r#"
@prefix geokg: <https://w3id.org/geokg/ns#> .
@prefix country: <https://w3id.org/geokg/country/> .
@prefix actor: <https://w3id.org/geokg/actor/> .
@prefix role: <https://w3id.org/geokg/role/> .
@prefix cameo: <https://w3id.org/geokg/cameo/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

country:KEN a geokg:Country ; skos:prefLabel "Kenya"@en, "Kenia"@de ; geokg:iso3 "KEN" ; geokg:demonym "Kenyan"@en .
actor:jane-doe a geokg:Person ; skos:prefLabel "Jane Doe"@en ; foaf:familyName "Doe" ; foaf:gender "female" ;
    geokg:holds [ geokg:office "Foreign Minister" ; geokg:country country:KEN ; geokg:role role:GOV ;
                  geokg:start "2020"^^xsd:gYear ; geokg:end "2023-12"^^xsd:gYearMonth ] .
role:GOV a geokg:ActorRole ; skos:notation "GOV" ; skos:prefLabel "Government"@en ; geokg:roleNoun "officials"@en .
cameo:190 a skos:Concept ; skos:notation "190" ; skos:prefLabel "Use conventional military force"@en ;
    geokg:goldstein -10.0 ; geokg:quadClass geokg:MaterialConflict .
"#;

#[test]
fn turtle_gazetteer_is_read_into_entities() {
    let mut lex = Lexicon::default();
    lex.add_turtle("small.ttl", SMALL).expect("parses");
    let g = &lex.gazetteer;
    let ken = g.get("https://w3id.org/geokg/country/KEN").expect("Kenya");
    assert_eq!(ken.label, "Kenya");
    assert_eq!(ken.code.as_deref(), Some("KEN"));
    let jane = g
        .get("https://w3id.org/geokg/actor/jane-doe")
        .expect("Jane");
    assert_eq!(jane.gender, Some(Gender::Female));
    assert_eq!(jane.family_names, vec!["Doe"]);
    let term = &jane.positions[0];
    assert_eq!(term.office, "foreign minister");
    assert_eq!(term.role.as_deref(), Some("GOV"));
    assert!(term.covers("2022-06-01".parse().ok()));
    assert!(term.covers("2023-12-31".parse().ok()));
    assert!(!term.covers("2019-12-31".parse().ok()));
    assert!(!term.covers("2025-06-01".parse().ok()));
    assert_eq!(g.country_code(jane), None);
    assert_eq!(lex.goldstein("190"), Some(-10.0));
    assert_eq!(lex.quad_class("190"), Some(QuadClass::MaterialConflict));
}

#[test]
fn later_turtle_extends_known_entities() {
    let mut lex = Lexicon::default();
    lex.add_turtle("small.ttl", SMALL).expect("parses");
    lex.add_turtle(
        "extra.ttl",
        "<https://w3id.org/geokg/country/KEN> <http://www.w3.org/2004/02/skos/core#altLabel> \"Republic of Kenya\"@en .",
    )
    .expect("parses");
    let ken = lex
        .gazetteer
        .get("https://w3id.org/geokg/country/KEN")
        .expect("Kenya");
    assert_eq!(ken.alt_labels, vec!["Republic of Kenya"]);
    assert_eq!(lex.gazetteer.entities.len(), 2);
}
