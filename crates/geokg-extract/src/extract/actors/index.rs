//! Matchers built once from the gazetteer: a trie over normalised words mapping every name,
//! acronym, demonym, capital, seat of power, descriptor, role noun and office to what it names,
//! and the office-holder table used to resolve "the US president" by date.

use rustc_hash::FxHashMap;

use crate::lexicon::{EntityKind, Gazetteer};
use crate::time::Date;

use super::tokens::{Root, Token, WordInfo, phrase_words};

/// A term in an office: (person entity, start, end).
type Term = (usize, Option<Date>, Option<Date>);

/// What a matched phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// A name or alternative label of an entity.
    Name(usize),
    /// An acronym of an entity (matched in upper case only).
    Acronym(usize),
    /// A person's family name.
    FamilyName(usize),
    /// A demonym of a country; `true` for the plural ("Russians").
    Demonym(usize, bool),
    /// A capital (`false`) or seat of power (`true`) of a country.
    Metonym(usize, bool),
    /// A definite description of an entity ("the alliance"), without its article.
    Descriptor(usize),
    /// A role noun (`roles[i]`); `true` when plural.
    Role(usize, bool),
    /// An office noun (`offices[i]`); `true` when plural.
    Office(usize, bool),
}

impl Surface {
    /// Whether every word of the phrase must be capitalised in the text.
    fn needs_caps(self) -> bool {
        matches!(
            self,
            Surface::Name(_) | Surface::FamilyName(_) | Surface::Demonym(..) | Surface::Metonym(..)
        )
    }

    /// Preference among surfaces of the same span (higher wins).
    fn rank(self) -> u8 {
        match self {
            Surface::Name(_) => 7,
            Surface::Acronym(_) => 6,
            Surface::Metonym(..) => 5,
            Surface::Demonym(..) => 4,
            Surface::FamilyName(_) => 3,
            Surface::Office(..) => 2,
            Surface::Role(..) => 1,
            Surface::Descriptor(_) => 0,
        }
    }
}

/// A role noun's CAMEO code.
#[derive(Debug, Clone)]
pub struct RoleNoun {
    pub code: String,
}

/// An office ("president", "foreign minister") and the role of its holders.
#[derive(Debug, Clone)]
pub struct Office {
    /// Normalised name.
    pub name: String,
    /// CAMEO role of its holders.
    pub role: String,
}

#[derive(Debug, Clone, Default)]
struct Node {
    children: FxHashMap<String, usize>,
    surfaces: Vec<Surface>,
}

/// A phrase found in a sentence: tokens `start..end` and its readings, best first.
#[derive(Debug, Clone)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub surfaces: Vec<Surface>,
}

/// All matchers of one gazetteer.
#[derive(Debug, Clone)]
pub struct Index {
    nodes: Vec<Node>,
    /// Role nouns by index (`Surface::Role`).
    pub roles: Vec<RoleNoun>,
    /// Offices by index (`Surface::Office`).
    pub offices: Vec<Office>,
    /// Holders of each (office, country code): (entity, start, end).
    holders: FxHashMap<(usize, String), Vec<Term>>,
    /// Entity indices by their `geokg:code` for countries.
    country_by_code: FxHashMap<String, usize>,
    /// Every word that starts a phrase or has closed-class flags.
    words: FxHashMap<String, WordInfo>,
}

/// Normalises an office or role noun: lower case, hyphens as spaces, "defense" → "defence".
pub fn normalise_office(office: &str) -> String {
    phrase_words(office)
        .into_iter()
        .filter(|w| w != "-")
        .map(|w| {
            if w == "defense" {
                "defence".to_string()
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The plural of a noun (and `None` when the noun looks plural already).
fn plural_of(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        return format!("{stem}ies");
    }
    if let Some(stem) = noun.strip_suffix("man") {
        return format!("{stem}men");
    }
    if noun.ends_with(['s', 'x']) || noun.ends_with("ch") || noun.ends_with("sh") {
        return format!("{noun}es");
    }
    format!("{noun}s")
}

impl Index {
    /// Builds the matchers for `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Index {
        let mut index = Index {
            nodes: vec![Node::default()],
            roles: Vec::new(),
            offices: Vec::new(),
            holders: FxHashMap::default(),
            country_by_code: FxHashMap::default(),
            words: FxHashMap::default(),
        };
        let mut family: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, e) in gazetteer.entities.iter().enumerate() {
            if e.kind == EntityKind::Country
                && let Some(code) = &e.code
            {
                index.country_by_code.insert(code.clone(), i);
            }
            for name in std::iter::once(&e.label).chain(&e.alt_labels) {
                if is_acronym(name) {
                    index.insert(name, Surface::Acronym(i));
                } else {
                    index.insert(name, Surface::Name(i));
                }
            }
            for a in &e.acronyms {
                index.insert(a, Surface::Acronym(i));
            }
            for d in &e.demonyms {
                index.insert(d, Surface::Demonym(i, false));
            }
            for d in &e.demonym_plurals {
                index.insert(d, Surface::Demonym(i, true));
            }
            for m in &e.capitals {
                index.insert(m, Surface::Metonym(i, false));
            }
            for m in &e.seats {
                index.insert(m, Surface::Metonym(i, true));
            }
            for d in &e.descriptors {
                index.insert(d, Surface::Descriptor(i));
            }
            if e.kind == EntityKind::Person {
                for f in e.family_names_or_last_word() {
                    family.entry(f).or_default().push(i);
                }
            }
        }
        for (name, people) in family {
            for p in people {
                index.insert(&name, Surface::FamilyName(p));
            }
        }
        let mut role_codes: Vec<&String> = gazetteer.roles.keys().collect();
        role_codes.sort();
        for code in role_codes {
            let role = &gazetteer.roles[code];
            for noun in &role.nouns {
                let noun = normalise_office(noun);
                let r = index.roles.len();
                index.roles.push(RoleNoun {
                    code: role.code.clone(),
                });
                let plural_form = noun.ends_with('s') && !noun.ends_with("ss");
                index.insert(&noun, Surface::Role(r, plural_form));
                if !plural_form
                    && !matches!(noun.as_str(), "police" | "media" | "military" | "army")
                {
                    index.insert(&plural_of(&noun), Surface::Role(r, true));
                }
            }
        }
        let mut office_ids: FxHashMap<String, usize> = FxHashMap::default();
        for (i, e) in gazetteer.entities.iter().enumerate() {
            for p in &e.positions {
                if p.office.is_empty() {
                    continue;
                }
                let name = normalise_office(&p.office);
                let id = *office_ids.entry(name.clone()).or_insert_with(|| {
                    index.offices.push(Office {
                        name: name.clone(),
                        role: p.role.clone().unwrap_or_else(|| "GOV".to_string()),
                    });
                    index.offices.len() - 1
                });
                if let Some(code) = p.country.as_deref().and_then(|c| gazetteer.code_of(c)) {
                    index
                        .holders
                        .entry((id, code))
                        .or_default()
                        .push((i, p.start, p.end));
                }
            }
        }
        let offices: Vec<(usize, String)> = index
            .offices
            .iter()
            .enumerate()
            .map(|(i, o)| (i, o.name.clone()))
            .collect();
        for (id, name) in offices {
            index.insert(&name, Surface::Office(id, false));
            index.insert(&plural_of(&name), Surface::Office(id, true));
        }
        for (w, &node) in &index.nodes[0].children {
            index.words.entry(w.clone()).or_default().root = Some(node);
        }
        for (w, flags) in super::words::flagged_words() {
            index.words.entry(w.to_string()).or_default().flags |= flags;
        }
        index
    }

    /// The flags and trie root of a normalised word, in one lookup.
    pub fn word(&self, norm: &str) -> WordInfo {
        self.words.get(norm).copied().unwrap_or_default()
    }

    fn insert(&mut self, phrase: &str, surface: Surface) {
        let words = phrase_words(&strip_article(phrase));
        if words.is_empty() {
            return;
        }
        let mut node = 0;
        for w in words {
            node = match self.nodes[node].children.get(&w) {
                Some(&n) => n,
                None => {
                    self.nodes.push(Node::default());
                    let n = self.nodes.len() - 1;
                    self.nodes[node].children.insert(w, n);
                    n
                }
            };
        }
        let surfaces = &mut self.nodes[node].surfaces;
        if !surfaces.contains(&surface) {
            surfaces.push(surface);
            surfaces.sort_by_key(|s| std::cmp::Reverse(s.rank()));
        }
    }

    /// The longest phrase starting at token `at` whose case fits, with its readings.
    pub fn longest(&self, tokens: &[Token<'_>], at: usize) -> Option<Match> {
        let mut node = 0;
        let mut ends: Vec<(usize, usize)> = Vec::new();
        for (k, tok) in tokens[at..].iter().enumerate() {
            // The first word's node was looked up with its flags when it was tokenised.
            let step = match (k, tok.root) {
                (0, Root::Absent) => None,
                (0, Root::Node(n)) => Some(n),
                _ => self.nodes[node].children.get(tok.norm.as_str()).copied(),
            };
            let Some(next) = step else {
                break;
            };
            node = next;
            if !self.nodes[node].surfaces.is_empty() {
                ends.push((node, at + k + 1));
            }
        }
        ends.into_iter().rev().find_map(|(node, end)| {
            let span = &tokens[at..end];
            let surfaces: Vec<Surface> = self.nodes[node]
                .surfaces
                .iter()
                .copied()
                .filter(|s| case_fits(*s, span))
                .collect();
            (!surfaces.is_empty()).then_some(Match {
                start: at,
                end,
                surfaces,
            })
        })
    }

    /// The readings of a single normalised word (no case check).
    pub fn word_surfaces(&self, word: &str) -> &[Surface] {
        self.nodes[0]
            .children
            .get(word)
            .map(|&n| self.nodes[n].surfaces.as_slice())
            .unwrap_or(&[])
    }

    /// The people holding `office` for the country `code` on `date`, best first.
    pub fn holders(&self, office: usize, code: &str, date: Option<Date>) -> Vec<usize> {
        let Some(list) = self.holders.get(&(office, code.to_string())) else {
            return Vec::new();
        };
        let mut current: Vec<(usize, Option<Date>)> = list
            .iter()
            .filter(|(_, s, e)| match date {
                Some(d) => s.is_none_or(|s| s <= d) && e.is_none_or(|e| d <= e),
                None => e.is_none(),
            })
            .map(|&(p, s, _)| (p, s))
            .collect();
        current.sort_by_key(|&(_, s)| std::cmp::Reverse(s));
        current.into_iter().map(|(p, _)| p).collect()
    }

    /// The country entity with this code.
    pub fn country(&self, code: &str) -> Option<usize> {
        self.country_by_code.get(code).copied()
    }
}

/// Whether a name is an acronym: short, no lower-case letter ("NATO", "U.S.", "UN").
fn is_acronym(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters) && !name.contains(' ') && !name.chars().any(char::is_lowercase)
}

/// `phrase` without a leading "the ".
fn strip_article(phrase: &str) -> String {
    let p = phrase.trim();
    match p.get(..4) {
        Some(head) if head.eq_ignore_ascii_case("the ") => p[4..].trim().to_string(),
        _ => p.to_string(),
    }
}

/// Function words that may stay lower case inside a capitalised name.
pub fn is_function_word(norm: &str) -> bool {
    matches!(
        norm,
        "of" | "the"
            | "and"
            | "for"
            | "on"
            | "in"
            | "de"
            | "al"
            | "el"
            | "la"
            | "le"
            | "du"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "di"
            | "der"
            | "den"
            | "von"
            | "van"
            | "bin"
            | "ibn"
            | "bint"
            | "ben"
            | "abu"
            | "y"
            | "&"
            | "-"
            | "'s"
            | "'"
    )
}

fn case_fits(surface: Surface, span: &[Token<'_>]) -> bool {
    match surface {
        Surface::Acronym(_) => span.iter().all(|t| t.upper || !t.word),
        s if s.needs_caps() => {
            span.iter()
                .all(|t| t.cap || !t.word || is_function_word(&t.norm))
                && span.first().is_some_and(|t| t.cap)
        }
        _ => true,
    }
}
