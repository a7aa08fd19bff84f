//! Readers of the pieces of actor phrases: modifiers (countries, demonyms, organisations,
//! people), role nouns and offices after adjectives, places after "of"/"in", and the guards
//! against places inside longer names ("Vienna Convention", "Latin America").

use super::index::{Match, Surface};
use super::party::Referent;
use super::people::first_name_of_run;
use super::phrases::is;
use super::tokens::Token;
use super::words::{FUNCTION, NON_HEAD, QUALIFIER, STOP_CAP, VERB};
use super::{DocumentActors, MentionKind};
use crate::lexicon::EntityKind;

/// A country, organisation, demonym or person modifying a role noun.
#[derive(Debug, Clone)]
pub(super) struct Modifier {
    pub start: usize,
    /// Token after the modifier (after a possessive `'s`).
    pub end: usize,
    /// Token after the name itself (before `'s`).
    pub name_end: usize,
    /// The entity named.
    pub entity: Option<Referent>,
    /// Entity index of the country or organisation a role would belong to.
    pub owner: Option<usize>,
    pub kind: MentionKind,
    pub plural: bool,
}

/// A role noun or office, possibly after adjectives.
#[derive(Debug, Clone)]
pub(super) struct RoleHit {
    pub end: usize,
    /// CAMEO role code.
    pub code: String,
    pub office: Option<usize>,
    /// The role or office words, normalised ("foreign minister").
    pub noun: String,
    pub plural: bool,
    /// Whether the noun is capitalised (a title: "President").
    pub cap: bool,
    /// Whether a qualifier ("former", "deputy") precedes it.
    pub qualified: bool,
    /// Where a phrase made of the role alone starts: after lower-case adjectives, which may
    /// be verbs ("expel exiled leaders"), at the first word otherwise ("Defence Minister").
    pub start: usize,
}

impl DocumentActors<'_> {
    /// Reads a modifier at `p`: a country, organisation or person name, or a demonym.
    pub(super) fn read_modifier(
        &self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
    ) -> Option<Modifier> {
        let m = ms.get(p)?.as_ref()?;
        let g = &self.finder.gazetteer;
        // "South Lebanon" is still Lebanon; "South America", "Latin American" are not.
        let directional = p > 0
            && matches!(
                toks[p - 1].norm.as_str(),
                "north"
                    | "south"
                    | "east"
                    | "west"
                    | "northern"
                    | "southern"
                    | "eastern"
                    | "western"
            );
        let own_name = |e: usize| {
            let text = toks[m.start..m.end]
                .iter()
                .map(|t| t.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            super::tokens::phrase_words(&g.entities[e].label).join(" ") == text
        };
        if self.inside_name(toks, ms, p)
            && m.surfaces.first().is_some_and(|s| match *s {
                Surface::Demonym(..) => true,
                Surface::Name(e) => {
                    g.entities[e].kind == EntityKind::Country && !(directional && own_name(e))
                }
                _ => false,
            })
        {
            return None;
        }
        if self.continues_name(toks, ms, m.end)
            && m.surfaces.first().is_some_and(
                |s| matches!(*s, Surface::Name(e) if g.entities[e].kind == EntityKind::Country),
            )
        {
            return None;
        }
        let (entity, owner, kind, plural) = m.surfaces.iter().find_map(|s| match *s {
            Surface::Name(e) | Surface::Acronym(e) => {
                let kind = match g.entities[e].kind {
                    EntityKind::Country => MentionKind::Country,
                    EntityKind::Person => MentionKind::Name,
                    _ => MentionKind::Organization,
                };
                let owner = if kind == MentionKind::Name {
                    self.country_of_person(e)
                } else {
                    Some(e)
                };
                Some((
                    Referent::Entity {
                        entity: e,
                        role: None,
                    },
                    owner,
                    kind,
                    false,
                ))
            }
            Surface::Demonym(c, plural) => Some((
                Referent::Entity {
                    entity: c,
                    role: None,
                },
                Some(c),
                MentionKind::Demonym,
                plural,
            )),
            Surface::FamilyName(_) if first_name_of_run(toks, ms, m.end) => None,
            Surface::FamilyName(_) => {
                let r = self.resolve_family(toks, m)?;
                let owner = match &r {
                    Referent::Entity { entity, .. } => self.country_of_person(*entity),
                    Referent::NewPerson(i) => self.people[*i].country,
                    Referent::Agent { owner, .. } => Some(*owner),
                };
                Some((r, owner, MentionKind::Name, false))
            }
            _ => None,
        })?;
        let possessive = is(toks.get(m.end), &["'s", "'"]);
        Some(Modifier {
            start: p,
            end: m.end + usize::from(possessive),
            name_end: m.end,
            entity: Some(entity),
            owner,
            kind,
            plural,
        })
    }

    /// Whether token `p` continues a capitalised name that is not in the gazetteer ("Vienna
    /// Convention", "Kenya Airways"); never in title-case lines.
    pub(super) fn continues_name(
        &self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
    ) -> bool {
        !self.titlecase
            && toks
                .get(p)
                .is_some_and(|t| t.cap && t.word && t.flags & STOP_CAP == 0)
            && ms[p].is_none()
            && self.read_role(toks, ms, p, 0).is_none()
    }

    /// Whether token `p` follows an unknown capitalised word inside a sentence ("Latin
    /// America", "South American"): part of a longer name. Never in title-case lines.
    pub(super) fn inside_name(&self, toks: &[Token<'_>], ms: &[Option<Match>], p: usize) -> bool {
        if self.titlecase || p < 2 {
            return false;
        }
        let prev = &toks[p - 1];
        let covered =
            (p.saturating_sub(6)..p).any(|k| ms[k].as_ref().is_some_and(|m| m.end > p - 1));
        prev.cap
            && prev.word
            && prev.flags & STOP_CAP == 0
            && !covered
            && !toks[p - 2].norm.ends_with(['.', '!', '?', '"', '\''])
            && self.read_role(toks, ms, p - 1, 0).is_none()
    }

    /// The end of the run of capitalised words from `p`.
    pub(super) fn cap_run_end(&self, toks: &[Token<'_>], ms: &[Option<Match>], p: usize) -> usize {
        let run = (p..toks.len())
            .take_while(|&i| toks[i].cap && toks[i].word && ms[i].is_none())
            .count();
        p + run.max(1)
    }

    /// A place after "of"/"in": a country or organisation, or (after "in") a capital.
    pub(super) fn read_place(
        &self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
        capitals: bool,
    ) -> Option<Modifier> {
        let q = if is(toks.get(p), &["the"]) { p + 1 } else { p };
        let q = skip_place_adjectives(toks, q);
        if capitals
            && let Some(m) = ms.get(q)?.as_ref()
            && let Some(Surface::Metonym(c, _)) = m.surfaces.first()
        {
            return Some(Modifier {
                start: q,
                end: m.end,
                name_end: m.end,
                entity: Some(Referent::Entity {
                    entity: *c,
                    role: None,
                }),
                owner: Some(*c),
                kind: MentionKind::Metonym,
                plural: false,
            });
        }
        self.read_modifier(toks, ms, q)
            .filter(|m| matches!(m.kind, MentionKind::Country | MentionKind::Organization))
    }

    /// Reads a role noun or office at `p`, after at most `adjectives` lower-case adjectives (and
    /// up to three words in all, capitalised ones included: "Defence Minister"). A following
    /// role noun joins it ("rebel leaders"); a following non-actor head word rejects it ("the
    /// press conference").
    pub(super) fn read_role(
        &self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
        adjectives: usize,
    ) -> Option<RoleHit> {
        // A role needs a role or office match within three tokens: without one, no word needs
        // reading.
        if !ms.iter().skip(p).take(3).any(Option::is_some) {
            return None;
        }
        let mut qualified = false;
        let mut lower = 0;
        for q in p..p + 3 {
            let t = toks.get(q)?;
            if let Some(m) = &ms[q] {
                let (code, mut office, mut plural) = self.role_reading(m)?;
                let mut end = m.end;
                if let Some(next) = ms.get(end).and_then(Option::as_ref)
                    && toks[end].cap == toks[q].cap
                    && let Some((_, office2, plural2)) = self.role_reading(next)
                {
                    office = office2.or(office);
                    plural = plural2;
                    end = next.end;
                }
                if toks
                    .get(end)
                    .is_some_and(|t| !t.cap && t.flags & NON_HEAD != 0)
                {
                    return None;
                }
                let noun = toks[q..end]
                    .iter()
                    .map(|t| t.norm.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                return Some(RoleHit {
                    end,
                    code,
                    office,
                    noun,
                    plural,
                    cap: toks[q].cap,
                    qualified,
                    start: if lower > 0 { q } else { p },
                });
            }
            let qualifier = t.flags & QUALIFIER != 0;
            // Cheap flag tests first; the character test last.
            let adjective = t.word
                && t.flags & (FUNCTION | STOP_CAP | VERB) == 0
                && !t.norm.ends_with("ly")
                && (t.cap
                    || !t.norm.ends_with('s')
                    || t.norm.ends_with("ous")
                    || t.norm.ends_with("ss"))
                && (t.cap
                    || qualifier
                    || (lower < adjectives
                        && (adjectives >= 2
                            || !t.norm.ends_with("ed") && !t.norm.ends_with("ing"))))
                && t.norm.chars().all(|c| c.is_alphabetic() || c == '-');
            if !adjective {
                return None;
            }
            lower += usize::from(!t.cap && !qualifier);
            qualified |= qualifier;
        }
        None
    }

    /// The role or office reading of a match: (role code, office, plural).
    pub(super) fn role_reading(&self, m: &Match) -> Option<(String, Option<usize>, bool)> {
        m.surfaces.iter().find_map(|s| match *s {
            Surface::Role(r, plural) => {
                Some((self.finder.index.roles[r].code.clone(), None, plural))
            }
            Surface::Office(o, plural) => {
                Some((self.finder.index.offices[o].role.clone(), Some(o), plural))
            }
            _ => None,
        })
    }
}

/// The token after up to two lower-case adjectives before a place name ("from military-ruled
/// Myanmar", "in neighbouring Iraq"); `p` itself when the words after them are no name.
fn skip_place_adjectives(toks: &[Token<'_>], p: usize) -> usize {
    let adjective = |t: &Token<'_>| {
        t.word
            && !t.cap
            && t.flags & FUNCTION == 0
            && t.norm.chars().all(|c| c.is_alphabetic() || c == '-')
    };
    let run = toks
        .get(p..)
        .unwrap_or_default()
        .iter()
        .take(3)
        .take_while(|t| adjective(t))
        .count();
    if run == 0 || run > 2 || !toks.get(p + run).is_some_and(|t| t.cap && t.word) {
        return p;
    }
    p + run
}
