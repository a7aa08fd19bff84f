//! People: names (gazetteer, met before in the document, or new), family names, appositions
//! and relative clauses that give a new person its country and role, office holders, and the
//! settling of officials' countries at the end of a sentence.

use super::index::{Match, Surface};
use super::party::{NewPerson, Referent, make_party};
use super::phrases::is;
use super::readers::RoleHit;
use super::tokens::Token;
use super::words::{self, LINK, SAYS, STOP_CAP};
use super::{ActorMention, DocumentActors, MentionKind};
use crate::lexicon::{EntityKind, Gender};

/// A person's name.
#[derive(Debug, Clone)]
pub(super) struct NameHit {
    pub start: usize,
    pub end: usize,
    /// Already known (gazetteer or met before in the document).
    pub referent: Option<Referent>,
    pub label: String,
}

/// A role apposition or relative clause after a name.
#[derive(Debug, Clone)]
pub(super) struct Apposition {
    pub end: usize,
    pub owner: Option<usize>,
    pub role: RoleHit,
}

/// Whether the token at `next` continues a personal name: capitalised, and unknown or a
/// family name ("Michel Suleiman", not "Trump Administration").
pub(super) fn first_name_of_run(toks: &[Token<'_>], ms: &[Option<Match>], next: usize) -> bool {
    toks.get(next)
        .is_some_and(|n| n.cap && n.word && n.flags & STOP_CAP == 0)
        && (ms[next].is_none() || only_family(&ms[next]))
}

/// Whether a match is only a family name (no country, role or full-name reading).
pub(super) fn only_family(m: &Option<Match>) -> bool {
    m.as_ref().is_some_and(|m| {
        m.end - m.start == 1
            && m.surfaces
                .iter()
                .all(|s| matches!(s, Surface::FamilyName(_)))
    })
}

/// The key of a name in the document's name table: its normalised words.
pub(super) fn name_key(name: &str) -> String {
    super::tokens::phrase_words(name).join(" ")
}

impl DocumentActors<'_> {
    /// Reads a person's name at `p`: a gazetteer person, a name met before, or (when
    /// `allow_new`) an unknown run of one to four capitalised words.
    pub(super) fn read_name(
        &self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
        allow_new: bool,
    ) -> Option<NameHit> {
        let t = toks.get(p)?;
        if !t.cap || !t.word {
            return None;
        }
        let g = &self.finder.gazetteer;
        if let Some(m) = &ms[p] {
            for s in &m.surfaces {
                match *s {
                    Surface::Name(e) | Surface::Acronym(e)
                        if g.entities[e].kind == EntityKind::Person =>
                    {
                        return Some(NameHit {
                            start: p,
                            end: m.end,
                            referent: Some(Referent::Entity {
                                entity: e,
                                role: None,
                            }),
                            label: g.entities[e].label.clone(),
                        });
                    }
                    // A family name followed by another capitalised word is a first name
                    // ("Michel Suleiman"): read the whole run below.
                    Surface::FamilyName(_) if first_name_of_run(toks, ms, m.end) => {}
                    Surface::FamilyName(_) => {
                        if let Some(r) = self.resolve_family(toks, m) {
                            return Some(NameHit {
                                start: p,
                                end: m.end,
                                referent: Some(r),
                                label: String::new(),
                            });
                        }
                    }
                    _ => {}
                }
            }
            // A country name or first name starting a person's name ("Israel Katz").
            let next = toks.get(m.end)?;
            if !(next.cap && next.word && (ms[m.end].is_none() || only_family(&ms[m.end]))) {
                return None;
            }
        }
        let mut end = p;
        while end < toks.len() && end - p < 4 {
            let u = &toks[end];
            let particle = end > p
                && !u.cap
                && super::index::is_function_word(&u.norm)
                && !matches!(u.norm.as_str(), "of" | "the" | "and" | "for" | "on" | "in")
                && toks.get(end + 1).is_some_and(|n| n.cap);
            let capword = u.cap
                && u.word
                && u.flags & STOP_CAP == 0
                && (end == p || ms[end].is_none() || only_family(&ms[end]));
            if !(capword || particle) {
                break;
            }
            end += 1;
            if end > p + 1 && only_family(&ms[end - 1]) {
                break;
            }
        }
        if end == p {
            return None;
        }
        // "Mahmud Abbas": a spelling variant of a known person's first name.
        if end - p >= 2
            && let Some(m) = &ms[end - 1]
            && only_family(&ms[end - 1])
            && let Some(r) = self.resolve_family(toks, m)
        {
            return Some(NameHit {
                start: p,
                end,
                referent: Some(r),
                label: String::new(),
            });
        }
        let label = toks[p..end]
            .iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
            .join(" ");
        let lower = toks[p..end]
            .iter()
            .map(|t| t.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let family = toks[end - 1].norm.as_str();
        if let Some(r) = self.names.get(&lower).or_else(|| self.names.get(family)) {
            return Some(NameHit {
                start: p,
                end,
                referent: Some(r.clone()),
                label,
            });
        }
        if !allow_new || (p == 0 && end - p == 1) {
            return None;
        }
        Some(NameHit {
            start: p,
            end,
            referent: None,
            label,
        })
    }

    /// A gazetteer person by family name: one met in the document, else one in office now.
    pub(super) fn resolve_family(&self, toks: &[Token<'_>], m: &Match) -> Option<Referent> {
        let family = toks[m.start..m.end]
            .iter()
            .map(|t| t.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(r) = self.names.get(&family) {
            return Some(r.clone());
        }
        // "May 31": a month, not Theresa May.
        if words::flags(&family) & STOP_CAP != 0
            && toks
                .get(m.end)
                .is_some_and(|t| t.norm.starts_with(|c: char| c.is_ascii_digit()))
        {
            return None;
        }
        let g = &self.finder.gazetteer;
        let people: Vec<usize> = m
            .surfaces
            .iter()
            .filter_map(|s| match *s {
                Surface::FamilyName(e) => Some(e),
                _ => None,
            })
            .collect();
        // One in office at the date, else the only one, else the one whose last term began last.
        let chosen = people
            .iter()
            .copied()
            .find(|&e| g.entities[e].positions.iter().any(|p| p.covers(self.date)))
            .or_else(|| {
                (people.len() == 1 && words::flags(&family) & STOP_CAP == 0).then(|| people[0])
            })
            .or_else(|| {
                let latest = people
                    .iter()
                    .copied()
                    .max_by_key(|&e| g.entities[e].positions.iter().filter_map(|p| p.start).max());
                latest.filter(|_| words::flags(&family) & STOP_CAP == 0)
            })?;
        Some(Referent::Entity {
            entity: chosen,
            role: None,
        })
    }

    /// The end of a role apposition after a name (", Kenya's foreign minister"), giving a new
    /// person its country and role; `name_end` when there is none.
    pub(super) fn appositive_end(
        &mut self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        name_end: usize,
        referent: &Referent,
    ) -> usize {
        let Some(app) = self.read_apposition(toks, ms, name_end) else {
            return name_end;
        };
        if let Referent::NewPerson(i) = referent {
            let person = &mut self.people[*i];
            if person.country.is_none() {
                person.country = app.owner;
                person.pending &= app.owner.is_none();
            }
            if person.role.is_none() {
                person.role = Some(app.role.code.clone());
                person.office = app.role.office;
                person.noun = Some(app.role.noun.clone());
            }
        }
        app.end
    }

    /// ", [who serves as] [the] [Kenya's|Kenyan] [adjectives] role [of Kenya]".
    pub(super) fn read_apposition(
        &self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
    ) -> Option<Apposition> {
        if !is(toks.get(p), &[","]) {
            return None;
        }
        let mut q = p + 1;
        while toks.get(q).is_some_and(|t| t.flags & LINK != 0) && q < p + 5 {
            q += 1;
        }
        if is(toks.get(q), &["the", "a", "an"]) {
            q += 1;
        }
        let mut owner = None;
        if let Some(m) = self.read_modifier(toks, ms, q) {
            owner = m.owner;
            q = m.end;
        }
        let role = self.read_role(toks, ms, q, 2)?;
        let mut end = role.end;
        if owner.is_none()
            && is(toks.get(end), &["of", "for"])
            && let Some(m) = self.read_place(toks, ms, end + 1, false)
        {
            owner = m.owner;
            end = m.name_end;
        }
        Some(Apposition { end, owner, role })
    }

    /// A country in a role (a collective agent), or an organisation with that role.
    pub(super) fn role_of(&self, owner: usize, role: &RoleHit) -> Referent {
        if self.finder.gazetteer.entities[owner].kind == EntityKind::Country {
            Referent::Agent {
                owner,
                role: role.code.clone(),
            }
        } else {
            Referent::Entity {
                entity: owner,
                role: Some(role.code.clone()),
            }
        }
    }

    /// The entity index of a person's country.
    pub(super) fn country_of_person(&self, e: usize) -> Option<usize> {
        let g = &self.finder.gazetteer;
        let code = super::party::person_country(g, &g.entities[e], self.date)?;
        self.finder.index.country(&code).or_else(|| {
            g.entities
                .iter()
                .position(|x| x.code.as_deref() == Some(code.as_str()))
        })
    }

    /// The current holder of `office` in the country (or organisation) `owner`.
    pub(super) fn holder(&self, office: usize, owner: usize) -> Option<usize> {
        let code = self
            .finder
            .gazetteer
            .country_code(&self.finder.gazetteer.entities[owner])?;
        self.finder
            .index
            .holders(office, &code, self.date)
            .first()
            .copied()
    }

    /// The referent of a person's name: known, or a new person registered with its context.
    pub(super) fn person_referent(
        &mut self,
        known: Option<Referent>,
        label: &str,
        owner: Option<usize>,
        role: Option<&RoleHit>,
        gender: Option<Gender>,
    ) -> Referent {
        if let Some(r) = known {
            if let Referent::NewPerson(i) = r {
                let p = &mut self.people[i];
                p.country = p.country.or(owner);
                p.pending &= p.country.is_none();
                if p.role.is_none() {
                    p.role = role.map(|r| r.code.clone());
                    p.office = role.and_then(|r| r.office);
                    p.noun = role.map(|r| r.noun.clone());
                }
                p.gender = p.gender.or(gender);
            }
            return r;
        }
        let family = name_key(label.split_whitespace().last().unwrap_or(label));
        let g = &self.finder.gazetteer;
        let group_role = owner.and_then(|o| {
            let e = &g.entities[o];
            (e.kind == EntityKind::ArmedGroup)
                .then(|| e.default_role.clone())
                .flatten()
        });
        let pending = owner.is_none() && role.is_some();
        self.people.push(NewPerson {
            label: label.to_string(),
            family,
            country: owner,
            role: group_role.or_else(|| role.map(|r| r.code.clone())),
            office: role.and_then(|r| r.office),
            noun: role.map(|r| r.noun.clone()),
            gender,
            pending,
        });
        Referent::NewPerson(self.people.len() - 1)
    }

    /// Gives officials met in this sentence without a country ("President X said") the
    /// owner whose name runs into the title, else the government speaking just before them,
    /// else the country of the first place the sentence names, else the focus
    /// country, else the country of the first group it names.
    pub(super) fn settle_people(&mut self, out: &mut [ActorMention]) {
        let pending: Vec<usize> = (0..self.people.len())
            .filter(|&i| self.people[i].pending)
            .collect();
        if pending.is_empty() {
            return;
        }
        let index = &self.finder.index;
        let first_country = |kinds: &[MentionKind]| {
            out.iter()
                .filter(|m| kinds.contains(&m.kind))
                .filter_map(|m| m.party.country.as_deref())
                .find_map(|c| index.country(c))
        };
        let place = first_country(&[
            MentionKind::Country,
            MentionKind::Metonym,
            MentionKind::Demonym,
        ]);
        let group = first_country(&[MentionKind::Role]);
        let country = place.or_else(|| self.focus_country()).or(group);
        for i in pending {
            let iri = make_party(
                &self.finder.gazetteer,
                &self.people,
                &Referent::NewPerson(i),
                self.date,
            )
            .iri;
            let own = self
                .name_prefix_owner(out, iri.as_deref())
                .or_else(|| self.preceding_owner(out, iri.as_deref()));
            self.people[i].pending = false;
            self.people[i].country = own.or(country);
            let party = make_party(
                &self.finder.gazetteer,
                &self.people,
                &Referent::NewPerson(i),
                self.date,
            );
            for m in out.iter_mut().filter(|m| m.party.iri == party.iri) {
                m.party.country.clone_from(&party.country);
            }
            let sentence = self.sentence;
            for seen in self
                .history
                .iter_mut()
                .rev()
                .take_while(|s| s.sentence == sentence)
            {
                if seen.referent == Referent::NewPerson(i) {
                    seen.party.country.clone_from(&party.country);
                }
            }
        }
    }

    /// The country or organisation whose name runs straight into the person's title, joined
    /// only by capitalised words or a parenthesised acronym: "African Union Commission (AUC)
    /// Chairperson Mahmoud Ali Youssouf" belongs to the African Union.
    fn name_prefix_owner(&self, out: &[ActorMention], iri: Option<&str>) -> Option<usize> {
        let text = &self.article.text;
        let at = out
            .iter()
            .position(|m| m.party.iri.as_deref() == iri && iri.is_some())?;
        let prev = out[..at].last()?;
        if !matches!(prev.kind, MentionKind::Organization | MentionKind::Country) {
            return None;
        }
        let between = text.get(prev.end..out[at].start)?;
        let joined = between.split_whitespace().all(|w| {
            w.starts_with('(') && w.ends_with(')')
                || w.chars().next().is_some_and(char::is_uppercase)
        });
        if !joined || between.split_whitespace().count() > 3 {
            return None;
        }
        self.entity_of_code(prev.party.country.as_deref()?)
    }

    /// The government speaking just before the person: "The Azerbaijani Foreign Ministry said
    /// Foreign Minister X" (the speaker's own official; not "X welcomed President Y's").
    fn preceding_owner(&self, out: &[ActorMention], iri: Option<&str>) -> Option<usize> {
        let at = out
            .iter()
            .position(|m| m.party.iri.as_deref() == iri && iri.is_some())?;
        let prev = out[..at].last()?;
        let government = match prev.kind {
            MentionKind::Country | MentionKind::Metonym => true,
            MentionKind::Role | MentionKind::Organization => {
                !prev.plural && prev.party.role.as_deref() == Some("GOV")
            }
            _ => false,
        };
        if !government || prev.possessive {
            return None;
        }
        let between = self.article.text.get(prev.end..out[at].start)?;
        let mut words = between.split_whitespace();
        let says = words.next().is_some_and(|w| SAYS.contains(&w));
        if !says || words.any(|w| w != "that") {
            return None;
        }
        self.entity_of_code(prev.party.country.as_deref()?)
    }

    /// The country, else the organisation, with code `code`.
    fn entity_of_code(&self, code: &str) -> Option<usize> {
        self.finder.index.country(code).or_else(|| {
            self.finder
                .gazetteer
                .entities
                .iter()
                .position(|x| x.code.as_deref() == Some(code))
        })
    }

    /// Remembers a person's full and family names for later bare mentions.
    pub(super) fn register_names(&mut self, referent: &Referent) {
        let g = &self.finder.gazetteer;
        let (full, families) = match referent {
            Referent::Entity { entity, .. } => {
                let e = &g.entities[*entity];
                (e.label.clone(), e.family_names_or_last_word())
            }
            Referent::NewPerson(i) => (
                self.people[*i].label.clone(),
                vec![self.people[*i].family.clone()],
            ),
            Referent::Agent { .. } => return,
        };
        self.names.insert(name_key(&full), referent.clone());
        for family in families {
            let key = name_key(&family);
            if !key.is_empty() {
                self.names.insert(key, referent.clone());
            }
        }
    }
}
