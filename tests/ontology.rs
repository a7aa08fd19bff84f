//! The built-in ontology graph: every file parses into the store, and the CAMEO scheme and the
//! gazetteer keep their invariants.

use geokg::graph::{GraphStore, OpenOptions};

fn store() -> GraphStore {
    GraphStore::open(&OpenOptions::default()).expect("in-memory store with the ontology")
}

fn rows(store: &GraphStore, query: &str) -> Vec<Vec<String>> {
    // The ontology lives in its own named graph: make it the default graph of the query.
    let query = query.replacen(
        " WHERE ",
        " FROM <https://w3id.org/geokg/graph/ontology> WHERE ",
        1,
    );
    let full = format!(
        "PREFIX geokg: <https://w3id.org/geokg/ns#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> \
         PREFIX cameo: <https://w3id.org/geokg/cameo/> {query}"
    );
    store.select_rows(&full, 3).expect("query runs")
}

#[test]
fn cameo_codes_have_one_label_and_one_parent_except_roots() {
    let s = store();
    let codes = rows(
        &s,
        "SELECT ?c WHERE { ?c skos:inScheme cameo:scheme ; skos:notation ?n }",
    );
    assert!(
        (280..=330).contains(&codes.len()),
        "{} CAMEO codes",
        codes.len()
    );
    let bad_labels = rows(
        &s,
        "SELECT ?c (COUNT(?l) AS ?n) WHERE { ?c skos:inScheme cameo:scheme OPTIONAL { ?c skos:prefLabel ?l } } GROUP BY ?c HAVING (COUNT(?l) != 1)",
    );
    assert!(
        bad_labels.is_empty(),
        "codes without exactly one prefLabel: {bad_labels:?}"
    );
    let bad_parents = rows(
        &s,
        "SELECT ?c ?n WHERE { ?c skos:inScheme cameo:scheme ; skos:notation ?n OPTIONAL { ?c skos:broader ?b } } \
         GROUP BY ?c ?n HAVING ((STRLEN(?n) = 2 && COUNT(?b) != 0) || (STRLEN(?n) > 2 && COUNT(?b) != 1))",
    );
    assert!(
        bad_parents.is_empty(),
        "codes with a wrong number of parents: {bad_parents:?}"
    );
    let roots = rows(
        &s,
        "SELECT ?c WHERE { ?c skos:inScheme cameo:scheme ; skos:notation ?n FILTER(STRLEN(?n) = 2) }",
    );
    assert_eq!(roots.len(), 20);
    let no_goldstein = rows(
        &s,
        "SELECT ?c WHERE { ?c skos:inScheme cameo:scheme FILTER NOT EXISTS { ?c geokg:goldstein ?g } }",
    );
    assert!(
        no_goldstein.is_empty(),
        "codes without Goldstein: {no_goldstein:?}"
    );
}

#[test]
fn countries_have_iso_codes_and_a_name() {
    let s = store();
    let countries = rows(&s, "SELECT ?c WHERE { ?c a geokg:Country }");
    assert!(countries.len() >= 195, "{} countries", countries.len());
    let incomplete = rows(
        &s,
        "SELECT ?c WHERE { ?c a geokg:Country FILTER NOT EXISTS { ?c geokg:iso3 ?a ; geokg:iso2 ?b ; skos:prefLabel ?l } }",
    );
    assert!(
        incomplete.is_empty(),
        "countries missing ISO codes or a name: {incomplete:?}"
    );
    let russia = rows(
        &s,
        "SELECT ?d WHERE { ?c geokg:iso3 \"RUS\" ; geokg:demonym ?d }",
    );
    assert!(russia.iter().any(|r| r[0] == "Russian"), "{russia:?}");
}

#[test]
fn every_position_has_a_start_date_and_people_hold_offices() {
    let s = store();
    let undated = rows(
        &s,
        "SELECT ?p WHERE { ?p geokg:holds ?pos FILTER NOT EXISTS { ?pos geokg:start ?d } }",
    );
    assert!(
        undated.is_empty(),
        "positions without a start date: {undated:?}"
    );
    let people = rows(
        &s,
        "SELECT DISTINCT ?p WHERE { ?p a geokg:Person ; geokg:holds ?pos }",
    );
    assert!(people.len() >= 100, "{} people with offices", people.len());
    let inverted = rows(
        &s,
        "SELECT ?p WHERE { ?p geokg:holds ?pos . ?pos geokg:start ?s ; geokg:end ?e FILTER(?e < ?s) }",
    );
    assert!(
        inverted.is_empty(),
        "positions ending before they start: {inverted:?}"
    );
}

#[test]
fn organisations_carry_igo_codes() {
    let s = store();
    for code in ["IGO:NATO", "IGO:UN", "IGO:EU", "IGO:AU", "IGO:IAEA"] {
        let hits = rows(
            &s,
            &format!("SELECT ?o WHERE {{ ?o geokg:code \"{code}\" }}"),
        );
        assert!(!hits.is_empty(), "no entity coded {code}");
    }
}
