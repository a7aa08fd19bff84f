//! What a mention refers to, and the `Party` built from it.

use crate::Party;
use crate::lexicon::{Entity, EntityKind, Gazetteer, Gender};
use crate::time::Date;

/// Namespace of minted collective actors (`agent:IRN-GOV`).
pub const AGENT_NS: &str = "https://w3id.org/geokg/agent/";
/// Namespace of named actors (`actor:steve-witkoff`).
pub const ACTOR_NS: &str = "https://w3id.org/geokg/actor/";

/// A person first met in this document, not in the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPerson {
    /// The name as written ("John Smith").
    pub label: String,
    /// Lower-case family name (last word of the name).
    pub family: String,
    /// Entity index of the country (or organisation) from the context.
    pub country: Option<usize>,
    /// CAMEO role from the context.
    pub role: Option<String>,
    /// Office from the context (index into the finder's offices).
    pub office: Option<usize>,
    /// The role noun or office words from the context ("special envoy"), for "the envoy".
    pub noun: Option<String>,
    pub gender: Option<Gender>,
    /// An official whose country the text has not given yet: settled at the end of the
    /// sentence from the places it names, else the country in focus.
    pub pending: bool,
}

/// The thing a mention refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Referent {
    /// A gazetteer entity, with a role when the context gives one ("NATO forces").
    Entity { entity: usize, role: Option<String> },
    /// A country or organisation (entity index) in a role: "Iranian officials".
    Agent { owner: usize, role: String },
    /// A person first met in this document (index into the document's new people).
    NewPerson(usize),
}

/// The lower-case slug of a name, for minted IRIs.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The country code of a person: its own country, else the country of an office it holds.
pub fn person_country(g: &Gazetteer, e: &Entity, date: Option<Date>) -> Option<String> {
    if let Some(c) = g.country_code(e)
        && e.country.is_some()
    {
        return Some(c);
    }
    let position = e
        .positions
        .iter()
        .find(|p| p.covers(date))
        .or_else(|| e.positions.first());
    position
        .and_then(|p| p.country.as_deref())
        .and_then(|c| g.code_of(c))
        .or_else(|| e.code.clone())
}

/// The role of an entity at `date`: a current office's role, else its default role.
pub fn entity_role(e: &Entity, date: Option<Date>) -> Option<String> {
    e.positions
        .iter()
        .find(|p| p.covers(date))
        .and_then(|p| p.role.clone())
        .or_else(|| e.default_role.clone())
}

/// The party for an entity, role or new person (surface and offsets left empty).
pub fn make_party(
    g: &Gazetteer,
    people: &[NewPerson],
    referent: &Referent,
    date: Option<Date>,
) -> Party {
    match referent {
        Referent::Entity { entity, role } => {
            let e = &g.entities[*entity];
            let country = if e.kind == EntityKind::Person {
                person_country(g, e, date)
            } else {
                g.country_code(e)
            };
            Party {
                label: e.label.clone(),
                country,
                iri: Some(e.iri.clone()),
                role: role.clone().or_else(|| entity_role(e, date)),
                text: String::new(),
                start: 0,
                end: 0,
            }
        }
        Referent::Agent { owner, role } => {
            let e = &g.entities[*owner];
            let code = g
                .country_code(e)
                .unwrap_or_else(|| slug(&e.label).to_uppercase());
            let role_label = g
                .roles
                .get(role)
                .map(|r| r.label.to_lowercase())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| role.to_lowercase());
            let head = e.demonyms.first().unwrap_or(&e.label);
            Party {
                label: [head.as_str(), " ", &role_label].concat(),
                country: Some(code.clone()),
                iri: Some([AGENT_NS, &code, "-", role].concat()),
                role: Some(role.clone()),
                text: String::new(),
                start: 0,
                end: 0,
            }
        }
        Referent::NewPerson(i) => {
            let p = &people[*i];
            let country = p.country.and_then(|c| g.country_code(&g.entities[c]));
            Party {
                label: p.label.clone(),
                country,
                iri: Some([ACTOR_NS, &slug(&p.label)].concat()),
                role: p.role.clone(),
                text: String::new(),
                start: 0,
                end: 0,
            }
        }
    }
}
