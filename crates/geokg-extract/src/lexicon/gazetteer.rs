//! The actor gazetteer: countries, organisations, armed groups, people with their offices, and
//! the CAMEO actor roles with their role nouns, read from Turtle (`ontology/actors.ttl`).

use rustc_hash::FxHashMap;

use crate::time::Date;

use super::turtle::{FOAF, GEOKG, Graph, SKOS, Value, local_name};

/// The namespace of countries (`country:RUS`).
pub const COUNTRY_NS: &str = "https://w3id.org/geokg/country/";
/// The namespace of roles (`role:GOV`).
pub const ROLE_NS: &str = "https://w3id.org/geokg/role/";

/// What kind of actor an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A state or territory.
    Country,
    /// An intergovernmental organisation or one of its organs.
    InternationalOrganization,
    /// A non-state armed group or named military formation.
    ArmedGroup,
    /// Any other organisation.
    Organization,
    /// A named person.
    Person,
    /// An unnamed collective (a country in a role).
    Collective,
}

impl EntityKind {
    /// The kind for a class IRI of the geokg vocabulary.
    fn from_class(iri: &str) -> Option<EntityKind> {
        let name = iri.strip_prefix(GEOKG)?;
        Some(match name {
            "Country" => EntityKind::Country,
            "InternationalOrganization" => EntityKind::InternationalOrganization,
            "ArmedGroup" => EntityKind::ArmedGroup,
            "Organization" => EntityKind::Organization,
            "Person" => EntityKind::Person,
            "CollectiveActor" => EntityKind::Collective,
            _ => return None,
        })
    }

    /// Ranking when a subject has several classes: the most specific wins.
    fn specificity(self) -> u8 {
        match self {
            EntityKind::Organization => 0,
            _ => 1,
        }
    }
}

/// A person's gender, for pronoun resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// "male".
    Male,
    /// "female".
    Female,
}

/// An office held by a person for a term.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// Lower-case office noun ("president", "foreign minister").
    pub office: String,
    /// IRI of the country or organisation the office belongs to.
    pub country: Option<String>,
    /// CAMEO role code of the holder ("GOV").
    pub role: Option<String>,
    /// Start of the term.
    pub start: Option<Date>,
    /// End of the term (`None` while it lasts).
    pub end: Option<Date>,
}

impl Position {
    /// Whether the term includes `date` (an unknown date matches current terms only).
    pub fn covers(&self, date: Option<Date>) -> bool {
        match date {
            Some(d) => self.start.is_none_or(|s| s <= d) && self.end.is_none_or(|e| d <= e),
            None => self.end.is_none(),
        }
    }
}

/// One gazetteer entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Full IRI.
    pub iri: String,
    /// What kind of actor it is.
    pub kind: EntityKind,
    /// Canonical label (`skos:prefLabel`).
    pub label: String,
    /// Other names (`skos:altLabel`).
    pub alt_labels: Vec<String>,
    /// Acronyms (`geokg:acronym`), matched case-sensitively.
    pub acronyms: Vec<String>,
    /// `geokg:code` (ISO alpha-3 or `IGO:XXX`); for countries falls back to `geokg:iso3`.
    pub code: Option<String>,
    /// IRI of the entity's country (`geokg:country`).
    pub country: Option<String>,
    /// CAMEO role the entity is coded with by default (`geokg:defaultRole`).
    pub default_role: Option<String>,
    /// Country demonyms, singular ("Russian") and plural ("Russians").
    pub demonyms: Vec<String>,
    /// Plural demonyms ("Russians").
    pub demonym_plurals: Vec<String>,
    /// Capitals and seats of power, used as metonyms ("Moscow", "the Kremlin").
    pub capitals: Vec<String>,
    /// Seats of power ("the Kremlin").
    pub seats: Vec<String>,
    /// Definite descriptions that corefer ("the alliance").
    pub descriptors: Vec<String>,
    /// A person's family names (spelling variants) and gender.
    pub family_names: Vec<String>,
    /// `foaf:gender`, for pronouns.
    pub gender: Option<Gender>,
    /// Offices held (people).
    pub positions: Vec<Position>,
}

impl Entity {
    /// The family names of a person, or the last word of a multi-word label.
    pub fn family_names_or_last_word(&self) -> Vec<String> {
        if !self.family_names.is_empty() {
            return self.family_names.clone();
        }
        let words: Vec<&str> = self.label.split_whitespace().collect();
        if words.len() >= 2 {
            vec![words[words.len() - 1].to_string()]
        } else {
            Vec::new()
        }
    }

    fn new(iri: &str, kind: EntityKind) -> Entity {
        Entity {
            iri: iri.to_string(),
            kind,
            label: String::new(),
            alt_labels: Vec::new(),
            acronyms: Vec::new(),
            code: None,
            country: None,
            default_role: None,
            demonyms: Vec::new(),
            demonym_plurals: Vec::new(),
            capitals: Vec::new(),
            seats: Vec::new(),
            descriptors: Vec::new(),
            family_names: Vec::new(),
            gender: None,
            positions: Vec::new(),
        }
    }
}

/// A CAMEO actor role (`role:MIL`) with the nouns that name it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRole {
    /// The code ("MIL").
    pub code: String,
    /// Its label ("Military").
    pub label: String,
    /// Nouns naming members of the role ("troops", "soldiers"), lower case.
    pub nouns: Vec<String>,
}

/// All entities and roles, indexed by IRI.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// The entities, in load order.
    pub entities: Vec<Entity>,
    /// The actor roles by code.
    pub roles: FxHashMap<String, ActorRole>,
    by_iri: FxHashMap<String, usize>,
}

impl Gazetteer {
    /// The entity with this IRI.
    pub fn get(&self, iri: &str) -> Option<&Entity> {
        self.by_iri.get(iri).map(|&i| &self.entities[i])
    }

    /// The index of the entity with this IRI.
    pub fn index_of(&self, iri: &str) -> Option<usize> {
        self.by_iri.get(iri).copied()
    }

    /// The code (`RUS`, `IGO:NATO`) of the entity or country IRI.
    pub fn code_of(&self, iri: &str) -> Option<String> {
        if let Some(e) = self.get(iri)
            && let Some(code) = &e.code
        {
            return Some(code.clone());
        }
        iri.strip_prefix(COUNTRY_NS).map(str::to_string)
    }

    /// The country code of an entity: its own code for countries and IGOs, else its country's.
    pub fn country_code(&self, entity: &Entity) -> Option<String> {
        match entity.kind {
            EntityKind::Country | EntityKind::InternationalOrganization => entity.code.clone(),
            _ => entity
                .country
                .as_deref()
                .and_then(|c| self.code_of(c))
                .or_else(|| entity.code.clone()),
        }
    }

    /// The country entity with this code.
    pub fn country_by_code(&self, code: &str) -> Option<&Entity> {
        self.get(&format!("{COUNTRY_NS}{code}")).or_else(|| {
            self.entities
                .iter()
                .find(|e| e.code.as_deref() == Some(code))
        })
    }

    /// Adds (or extends, for IRIs already known) the entities and roles described in `graph`.
    pub fn add_graph(&mut self, graph: &Graph) {
        for subject in &graph.subjects {
            if subject.starts_with("_:") {
                continue;
            }
            let kind = graph
                .types(subject)
                .filter_map(EntityKind::from_class)
                .max_by_key(|k| k.specificity());
            let is_role = graph
                .types(subject)
                .any(|t| t.strip_prefix(GEOKG) == Some("ActorRole"))
                || (subject.starts_with(ROLE_NS)
                    && !self.roles.is_empty()
                    && self.roles.contains_key(local_name(subject)));
            if is_role {
                self.add_role(graph, subject);
                continue;
            }
            let index = match (self.by_iri.get(subject.as_str()), kind) {
                (Some(&i), _) => i,
                (None, Some(kind)) => {
                    self.entities.push(Entity::new(subject, kind));
                    self.by_iri.insert(subject.clone(), self.entities.len() - 1);
                    self.entities.len() - 1
                }
                (None, None) => continue,
            };
            let entity = &mut self.entities[index];
            for (p, v) in graph.get(subject) {
                apply_property(entity, p, v, graph);
            }
            if entity.label.is_empty()
                && let Some(first) = entity.alt_labels.first()
            {
                entity.label = first.clone();
            }
        }
    }

    fn add_role(&mut self, graph: &Graph, subject: &str) {
        let code = local_name(subject).to_string();
        let role = self.roles.entry(code.clone()).or_insert_with(|| ActorRole {
            code,
            label: String::new(),
            nouns: Vec::new(),
        });
        for (p, v) in graph.get(subject) {
            match p.strip_prefix(GEOKG).or_else(|| p.strip_prefix(SKOS)) {
                Some("notation") => role.code = v.text().to_string(),
                Some("prefLabel") if v.is_english() => role.label = v.text().to_string(),
                Some("roleNoun") if v.is_english() => {
                    push_unique(&mut role.nouns, v.text().to_lowercase())
                }
                _ => {}
            }
        }
    }
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

fn apply_property(entity: &mut Entity, predicate: &str, value: &Value, graph: &Graph) {
    let text = value.text().to_string();
    if let Some(name) = predicate.strip_prefix(SKOS) {
        match name {
            "prefLabel" if value.is_english() => {
                if entity.label.is_empty() {
                    entity.label = text;
                } else if entity.label != text {
                    push_unique(&mut entity.alt_labels, text);
                }
            }
            "altLabel" | "hiddenLabel" if value.is_english() => {
                push_unique(&mut entity.alt_labels, text)
            }
            _ => {}
        }
    } else if let Some(name) = predicate.strip_prefix(GEOKG) {
        match name {
            "code" => entity.code = Some(text),
            "iso3" if entity.code.is_none() => entity.code = Some(text),
            "acronym" => push_unique(&mut entity.acronyms, text),
            "country" => entity.country = Some(text),
            "defaultRole" => entity.default_role = Some(local_name(&text).to_string()),
            "demonym" if value.is_english() => push_unique(&mut entity.demonyms, text),
            "demonymPlural" if value.is_english() => push_unique(&mut entity.demonym_plurals, text),
            "capital" if value.is_english() => push_unique(&mut entity.capitals, text),
            "seatOfPower" if value.is_english() => push_unique(&mut entity.seats, text),
            "descriptor" if value.is_english() => {
                push_unique(&mut entity.descriptors, text.to_lowercase())
            }
            "holds" => entity.positions.push(read_position(graph, &text)),
            _ => {}
        }
    } else if let Some(name) = predicate.strip_prefix(FOAF) {
        match name {
            "familyName" => push_unique(&mut entity.family_names, text),
            "gender" => {
                entity.gender = match text.to_lowercase().as_str() {
                    "male" | "m" => Some(Gender::Male),
                    "female" | "f" => Some(Gender::Female),
                    _ => None,
                }
            }
            _ => {}
        }
    }
}

fn read_position(graph: &Graph, node: &str) -> Position {
    let mut position = Position {
        office: String::new(),
        country: None,
        role: None,
        start: None,
        end: None,
    };
    for (p, v) in graph.get(node) {
        match p.strip_prefix(GEOKG) {
            Some("office") => position.office = v.text().to_lowercase(),
            Some("country") => position.country = Some(v.text().to_string()),
            Some("role") => position.role = Some(local_name(v.text()).to_string()),
            Some("start") => position.start = term_date(v.text(), false),
            Some("end") => position.end = term_date(v.text(), true),
            _ => {}
        }
    }
    position
}

/// A term date: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` taken as their first (start) or last (end) day.
fn term_date(text: &str, end: bool) -> Option<Date> {
    if let Ok(d) = text.parse::<Date>() {
        return Some(d);
    }
    let value: crate::time::DateValue = text.trim().parse().ok()?;
    Some(if end { value.end() } else { value.start() })
}
