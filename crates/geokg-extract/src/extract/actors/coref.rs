//! Coreference: pronouns and definite descriptions resolved to the most recent compatible
//! mention (by gender, number, role and recency), and the country most in focus.

use std::ops::Range;

use super::index::{Match, Surface};
use super::party::Referent;
use super::readers::RoleHit;
use super::tokens::Token;
use super::words::{COUNTRY_NOUNS, IT_VERB, MISSION_NOUNS, PEOPLE_NOUNS, PREPOSITION_PARTICIPLES};
use super::{ActorMention, DocumentActors, MentionKind, Seen};
use crate::lexicon::{EntityKind, Gender};

/// How many recent mentions definite descriptions and groups look back over (bounds the
/// work per mention in long documents).
const HISTORY_WINDOW: usize = 400;
/// How many sentences back a pronoun may look.
const PRONOUN_WINDOW: usize = 2;

impl DocumentActors<'_> {
    /// Resolves a pronoun at `p`; returns the token after the mention, `None` when `p` is not a
    /// resolvable pronoun.
    pub(super) fn pronoun(
        &mut self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
        out: &mut Vec<ActorMention>,
    ) -> Option<usize> {
        let word = toks[p].norm.as_str();
        let (filter, possessive): (fn(&Seen) -> bool, bool) = match word {
            "he" | "him" => (
                |s| s.person && !s.plural && s.gender != Some(Gender::Female),
                false,
            ),
            "his" => (
                |s| s.person && !s.plural && s.gender != Some(Gender::Female),
                true,
            ),
            "she" => (
                |s| s.person && !s.plural && s.gender != Some(Gender::Male),
                false,
            ),
            "her" | "hers" => (
                |s| s.person && !s.plural && s.gender != Some(Gender::Male),
                false,
            ),
            "they" | "them" => (|s| s.plural || s.group != 0, false),
            "their" => (|s| s.plural || s.group != 0, true),
            "its" => (|s| !s.person && !s.plural, true),
            "it" if it_is_referential(toks, p) => (|s| !s.person && !s.plural, false),
            _ => return None,
        };
        let possessive =
            possessive || (word == "her" && toks.get(p + 1).is_some_and(|t| t.word && !t.cap));
        let found = self.antecedent(toks, p, filter).cloned();
        let seen = found?;
        // "they" after "Russia and Ukraine" or "the two men": every member of the group.
        if seen.group != 0 && matches!(word, "they" | "them" | "their") {
            let mut members: Vec<Seen> = Vec::new();
            let recent = self
                .history
                .iter()
                .rev()
                .take(HISTORY_WINDOW)
                .filter(|s| s.group == seen.group);
            let mut group: Vec<&Seen> = recent.collect();
            group.reverse();
            for s in group {
                if !members.iter().any(|m| m.party.iri == s.party.iri) {
                    members.push(s.clone());
                }
            }
            if members.len() >= 2 {
                self.emit_members(
                    toks,
                    out,
                    p..p + 1,
                    &members,
                    MentionKind::Pronoun,
                    possessive,
                );
                return Some(p + 1);
            }
        }
        // "its military", "their troops": the antecedent's country in that role.
        if possessive
            && !seen.person
            && let Referent::Entity { entity, .. } | Referent::Agent { owner: entity, .. } =
                seen.referent
            && self.finder.gazetteer.entities[entity].kind == EntityKind::Country
            && let Some(role) = self.read_role(toks, ms, p + 1, 1)
        {
            let referent = Referent::Agent {
                owner: entity,
                role: role.code.clone(),
            };
            self.emit(
                toks,
                out,
                p..role.end,
                referent,
                MentionKind::Role,
                role.plural,
            );
            return Some(role.end);
        }
        self.emit_seen(toks, out, p..p + 1, &seen, MentionKind::Pronoun, possessive);
        Some(p + 1)
    }

    /// The antecedent of a pronoun at `p`: in its own sentence, the first compatible mention
    /// after the last clause boundary; after a comma and a present participle with none, the
    /// sentence's first ("Serbia protested to Albania, charging its neighbour"); after "who",
    /// "which" or another comma right after a mention, that mention ("officials, who warned
    /// they", "ASEAN, criticised for its"); otherwise the sentence's first ("Lebanon complained
    /// over Israeli raids in which it said"); with none in the sentence, the latest compatible
    /// mention of the two previous sentences.
    fn antecedent(&self, toks: &[Token<'_>], p: usize, filter: fn(&Seen) -> bool) -> Option<&Seen> {
        let mut here: Vec<&Seen> = self
            .history
            .iter()
            .rev()
            .take_while(|s| s.sentence == self.sentence)
            .filter(|s| s.tok < p && filter(s))
            .collect();
        here.reverse();
        if !here.is_empty() {
            let boundary = (0..p).rev().find(|&i| {
                matches!(
                    toks[i].norm.as_str(),
                    "," | ";"
                        | ":"
                        | "that"
                        | "as"
                        | "but"
                        | "while"
                        | "because"
                        | "when"
                        | "who"
                        | "which"
                        | "if"
                )
            });
            if let Some(b) = boundary {
                // A comma before a present participle opens a clause of the main subject:
                // "Serbia protested to Albania, charging its neighbour with …", "Iran suspended
                // its cooperation with the IAEA, citing the watchdog's silence on attacks on its
                // facilities".
                let participle = toks[b].norm == ","
                    && toks.get(b + 1).is_some_and(|t| {
                        t.word
                            && !t.cap
                            && t.norm.ends_with("ing")
                            && !PREPOSITION_PARTICIPLES.contains(&t.norm.as_str())
                    });
                if participle && let Some(main) = here.first().filter(|s| s.tok < b) {
                    return Some(main);
                }
                if let Some(first) = here.iter().find(|s| s.tok > b) {
                    return Some(first);
                }
                if participle {
                    return here.first().copied();
                }
                // After "who"/"which" or a comma right after a phrase ("ASEAN, criticised for its
                // inaction") the pronoun's subject is that phrase; not after "raids in which".
                let relative = matches!(toks[b].norm.as_str(), "who" | "which" | ",");
                let before = here.iter().rev().find(|s| s.tok < b).copied();
                let adjacent = before.is_some_and(|s| {
                    toks.get(s.end.min(b)..b)
                        .is_some_and(|between| between.iter().all(|t| !t.word))
                });
                if relative && adjacent {
                    return before;
                }
            }
            // All members of a group start at the same token: take the group's first.
            return here.first().copied();
        }
        let oldest = self.sentence.saturating_sub(PRONOUN_WINDOW);
        self.history
            .iter()
            .rev()
            .take_while(|s| s.sentence >= oldest)
            .find(|s| filter(s))
    }

    /// "the North", "the South" standing alone: the country named "North …"/"South …" met
    /// latest in the article ("North Korea … the North fired"). Not before another capitalised
    /// word ("the North Atlantic").
    fn compass_country(
        &mut self,
        toks: &[Token<'_>],
        p: usize,
        out: &mut Vec<ActorMention>,
    ) -> Option<usize> {
        let next = toks.get(p + 1)?;
        if !next.cap || !matches!(next.norm.as_str(), "north" | "south") {
            return None;
        }
        if toks.get(p + 2).is_some_and(|t| t.cap && t.word) {
            return None;
        }
        let prefix = format!("{} ", next.text);
        let seen = self
            .history
            .iter()
            .rev()
            .take(HISTORY_WINDOW)
            .find(|s| s.country && s.party.label.starts_with(&prefix))
            .cloned()?;
        self.emit_seen(toks, out, p..p + 2, &seen, MentionKind::Description, false);
        Some(p + 2)
    }

    /// A definite phrase at `p` ("the"/"both"): "the two men", "the country", "the alliance",
    /// "the president". Returns the token after it, or `None` to scan on normally.
    pub(super) fn definite(
        &mut self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
        out: &mut Vec<ActorMention>,
    ) -> Option<usize> {
        let next = toks.get(p + 1)?;
        let counted =
            matches!(next.norm.as_str(), "two" | "three" | "both") || toks[p].norm == "both";
        if counted {
            let n = if next.norm == "three" { 3 } else { 2 };
            let q = if toks[p].norm == "both" && next.norm != "of" {
                p + 1
            } else {
                p + 2
            };
            let noun = toks.get(q)?.norm.as_str();
            let people = PEOPLE_NOUNS.contains(&noun);
            if !people && !COUNTRY_NOUNS.contains(&noun) {
                return None;
            }
            let group = match office_of_plural(noun) {
                Some(office) => self.office_group(n, office),
                None => self.group(n, people),
            };
            if group.len() < n {
                return Some(q + 1);
            }
            self.emit_members(toks, out, p..q + 1, &group, MentionKind::Description, false);
            return Some(q + 1);
        }
        if toks[p].norm != "the" {
            return None;
        }
        if matches!(
            next.norm.as_str(),
            "leaders" | "men" | "women" | "presidents"
        ) {
            let group = match office_of_plural(&next.norm) {
                Some(office) => self.office_group(3, office),
                None => self.group(3, true),
            };
            let recent: Vec<Seen> = group
                .into_iter()
                .filter(|s| s.sentence + 2 >= self.sentence)
                .collect();
            if recent.len() >= 2 {
                self.emit_members(
                    toks,
                    out,
                    p..p + 2,
                    &recent,
                    MentionKind::Description,
                    false,
                );
                return Some(p + 2);
            }
        }
        if matches!(next.norm.as_str(), "country" | "nation") {
            if let Some(seen) = self.the_country(p) {
                self.emit_seen(toks, out, p..p + 2, &seen, MentionKind::Description, false);
            }
            return Some(p + 2);
        }
        if let Some(end) = self.compass_country(toks, p, out) {
            return Some(end);
        }
        if let Some(m) = &ms[p + 1] {
            let owners: Vec<usize> = m
                .surfaces
                .iter()
                .filter_map(|s| match *s {
                    Surface::Descriptor(e) => Some(e),
                    _ => None,
                })
                .collect();
            if !owners.is_empty() {
                let end = m.end;
                // The owner itself, or (for an organisation) one of its people: "NATO chief
                // Mark Rutte ... the alliance".
                let g = &self.finder.gazetteer;
                let codes: Vec<&str> = owners
                    .iter()
                    .filter(|&&o| g.entities[o].kind != EntityKind::Country)
                    .filter_map(|&o| g.entities[o].code.as_deref())
                    .filter(|c| c.starts_with("IGO"))
                    .collect();
                let found = self
                    .history
                    .iter()
                    .rev()
                    .take(HISTORY_WINDOW)
                    .find_map(|s| match &s.referent {
                        Referent::Entity { entity, .. } if owners.contains(entity) => {
                            Some((s, None))
                        }
                        _ if s
                            .party
                            .country
                            .as_deref()
                            .is_some_and(|c| codes.contains(&c)) =>
                        {
                            let code = s.party.country.as_deref();
                            Some((
                                s,
                                owners
                                    .iter()
                                    .copied()
                                    .find(|&o| g.entities[o].code.as_deref() == code),
                            ))
                        }
                        _ => None,
                    });
                let seen = match found {
                    Some((s, None)) => Some(s.clone()),
                    Some((_, Some(owner))) => {
                        let referent = Referent::Entity {
                            entity: owner,
                            role: None,
                        };
                        Some(self.entity_at(referent, false, p))
                    }
                    None => None,
                };
                let generic = m
                    .surfaces
                    .iter()
                    .any(|s| matches!(s, Surface::Role(..) | Surface::Office(..)));
                match seen {
                    Some(seen) => {
                        self.emit_seen(toks, out, p..end, &seen, MentionKind::Description, false);
                        return Some(end);
                    }
                    None if owners.len() == 1 && !generic => {
                        let referent = Referent::Entity {
                            entity: owners[0],
                            role: None,
                        };
                        self.emit(toks, out, p..end, referent, MentionKind::Description, false);
                        return Some(end);
                    }
                    None if !generic => return Some(end),
                    None => {}
                }
            }
        }
        if self.read_modifier(toks, ms, p + 1).is_some() {
            return None;
        }
        self.role_phrase(toks, ms, p + 1, true, out)
    }

    /// A resolved entity (a country itself when `country`) standing at token `p` of the
    /// current sentence, as a pronoun or description that refers to it.
    fn entity_at(&self, referent: Referent, country: bool, p: usize) -> Seen {
        let party =
            super::party::make_party(&self.finder.gazetteer, &self.people, &referent, self.date);
        Seen {
            referent,
            party,
            person: false,
            country,
            plural: false,
            gender: None,
            office: None,
            sentence: self.sentence,
            tok: p,
            end: p,
            group: 0,
        }
    }

    /// The referent of "the country" at token `p`: the latest country named, or the country of
    /// a person met since ("… Venezuela's President Maduro … the country's constitution"),
    /// except the subject of the current sentence ("He ordered sanctions against the country").
    fn the_country(&self, p: usize) -> Option<Seen> {
        let subject = self
            .history
            .iter()
            .rev()
            .take_while(|s| s.sentence == self.sentence)
            .filter(|s| s.tok < p)
            .last()
            .map(|s| s.tok);
        let found = self.history.iter().rev().take(HISTORY_WINDOW).find(|s| {
            let is_subject = s.sentence == self.sentence && Some(s.tok) == subject;
            s.country
                || (s.person
                    && !is_subject
                    && s.party.country.as_deref().is_some_and(|c| !c.contains(':')))
        })?;
        if found.country {
            return Some(found.clone());
        }
        let entity = self.finder.index.country(found.party.country.as_deref()?)?;
        let referent = Referent::Entity { entity, role: None };
        Some(self.entity_at(referent, true, p))
    }

    /// The referent of "the president", "the minister", "the military": the latest mention
    /// with that office or role, else the office holder or role of the country in focus.
    pub(super) fn describe(&mut self, role: &RoleHit) -> Option<Seen> {
        let noun = role.noun.as_str();
        let head = noun.rsplit(' ').next().unwrap_or(noun);
        // The same office or noun first, then (for role nouns) an agent with the same role.
        let found = self
            .history
            .iter()
            .rev()
            .take(HISTORY_WINDOW)
            .find(|s| {
                s.office
                    .as_deref()
                    .is_some_and(|o| o == noun || o.rsplit(' ').next() == Some(head))
            })
            .or_else(|| {
                self.history.iter().rev().take(HISTORY_WINDOW).find(|s| {
                    role.office.is_none()
                        && !s.person
                        && matches!(s.referent, Referent::Agent { .. })
                        && s.party.role.as_deref() == Some(role.code.as_str())
                        && !s.office.as_deref().is_some_and(is_mission_abroad)
                })
            });
        if let Some(seen) = found {
            return Some(seen.clone());
        }
        let focus = self.focus_country()?;
        let g = &self.finder.gazetteer;
        let code = g.country_code(&g.entities[focus])?;
        let referent = match role.office {
            Some(o) => {
                let person = self
                    .finder
                    .index
                    .holders(o, &code, self.date)
                    .first()
                    .copied()?;
                Referent::Entity {
                    entity: person,
                    role: None,
                }
            }
            None => Referent::Agent {
                owner: focus,
                role: role.code.clone(),
            },
        };
        let person = matches!(&referent, Referent::Entity { .. });
        let party = super::party::make_party(g, &self.people, &referent, self.date);
        Some(Seen {
            referent,
            party,
            person,
            country: false,
            plural: false,
            gender: None,
            office: Some(noun.to_string()),
            sentence: self.sentence,
            tok: 0,
            end: 0,
            group: 0,
        })
    }

    /// Emits one mention per member of a group over the same span (`member` 0, 1, …), and
    /// records them as a new group.
    fn emit_members(
        &mut self,
        toks: &[Token<'_>],
        out: &mut Vec<ActorMention>,
        span: Range<usize>,
        members: &[Seen],
        kind: MentionKind,
        possessive: bool,
    ) {
        let before = self.history.len();
        for (k, seen) in members.iter().enumerate() {
            self.emit_seen(toks, out, span.clone(), seen, kind, possessive);
            if let Some(m) = out.last_mut() {
                m.member = u8::try_from(k).unwrap_or(u8::MAX);
                m.plural = true;
            }
        }
        self.group_since(before);
    }

    /// The `n` most recent distinct people (or countries).
    fn group(&self, n: usize, people: bool) -> Vec<Seen> {
        let mut group: Vec<Seen> = Vec::new();
        for s in self.history.iter().rev().take(HISTORY_WINDOW) {
            let fits = if people {
                s.person && !s.plural
            } else {
                s.country
            };
            if fits && !group.iter().any(|g| g.party.iri == s.party.iri) {
                group.push(s.clone());
                if group.len() == n {
                    break;
                }
            }
        }
        group.reverse();
        group
    }

    /// The `n` most recent distinct people holding `office` ("the two presidents"); failing
    /// that, the holders of the office in the `n` countries named last ("Ukraine proposed
    /// talks between the two presidents" after Russia).
    fn office_group(&self, n: usize, office: &str) -> Vec<Seen> {
        let holds = |s: &Seen| {
            s.office
                .as_deref()
                .is_some_and(|o| o.rsplit(' ').next() == Some(office))
        };
        let mut group: Vec<Seen> = Vec::new();
        for s in self.history.iter().rev().take(HISTORY_WINDOW) {
            if s.person
                && !s.plural
                && holds(s)
                && !group.iter().any(|g| g.party.iri == s.party.iri)
            {
                group.push(s.clone());
                if group.len() == n {
                    break;
                }
            }
        }
        if group.len() >= 2 {
            group.reverse();
            return group;
        }
        let index = &self.finder.index;
        let Some(o) = index.offices.iter().position(|x| x.name == office) else {
            return Vec::new();
        };
        let g = &self.finder.gazetteer;
        let mut holders = Vec::new();
        for country in self.group(n, false) {
            let code = country.party.country.as_deref().unwrap_or_default();
            let Some(&person) = index.holders(o, code, self.date).first() else {
                return Vec::new();
            };
            let referent = Referent::Entity {
                entity: person,
                role: None,
            };
            let party = super::party::make_party(g, &self.people, &referent, self.date);
            holders.push(Seen {
                referent,
                party,
                person: true,
                country: false,
                plural: false,
                gender: g.entities[person].gender,
                office: Some(office.to_string()),
                sentence: self.sentence,
                tok: country.tok,
                end: country.end,
                group: 0,
            });
        }
        holders
    }

    /// The country of the first mention of the current sentence that has one (the subject's
    /// country: "Maduro threatened to jail opposition legislators").
    pub(super) fn sentence_country(&self) -> Option<usize> {
        let code = self
            .history
            .iter()
            .rev()
            .take_while(|s| s.sentence == self.sentence)
            .filter_map(|s| s.party.country.as_deref())
            .filter(|c| !c.starts_with("IGO"))
            .last()?;
        self.finder.index.country(code)
    }

    /// The focus country when it clearly dominates the mentions so far (twice the next one).
    pub(super) fn dominant_country(&self) -> Option<usize> {
        let mut counts: Vec<u32> = self
            .focus
            .iter()
            .filter(|(c, _)| !c.starts_with("IGO"))
            .map(|(_, v)| v.0)
            .collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        match counts.as_slice() {
            [_] => self.focus_country(),
            [first, second, ..] if *first >= 2 * *second => self.focus_country(),
            _ => None,
        }
    }

    /// The country mentioned most often so far (title mentions count three times; ties: the
    /// most recent).
    pub(super) fn focus_country(&self) -> Option<usize> {
        let (code, _) = self
            .focus
            .iter()
            .filter(|(c, _)| !c.starts_with("IGO"))
            .max_by_key(|(_, v)| **v)?;
        let g = &self.finder.gazetteer;
        self.finder
            .index
            .country(code)
            .filter(|&c| g.entities[c].kind == EntityKind::Country)
    }
}

/// The office a plural noun of a group names ("presidents" → "president"); `None` for
/// nouns that name no single office ("men", "leaders", "ministers").
fn office_of_plural(noun: &str) -> Option<&'static str> {
    match noun {
        "presidents" => Some("president"),
        _ => None,
    }
}

/// Whether a role noun names a country's mission abroad ("Russian Embassy", "diplomats"):
/// not what "the government" or "the ministry" of the story means.
pub(super) fn is_mission_abroad(noun: &str) -> bool {
    let head = noun.rsplit(' ').next().unwrap_or(noun);
    MISSION_NOUNS.contains(&head)
}

/// Whether "it" at `p` refers to an actor: before a speech verb ("it said"), or before a modal
/// in reported speech ("X said it would"); not in "it is", "it also came".
fn it_is_referential(toks: &[Token<'_>], p: usize) -> bool {
    let Some(next) = toks.get(p + 1) else {
        return false;
    };
    if next.flags & IT_VERB != 0 {
        return true;
    }
    let modal = matches!(
        next.norm.as_str(),
        "would" | "will" | "could" | "has" | "had" | "was" | "is"
    );
    let reported = p > 0 && (toks[p - 1].flags & IT_VERB != 0 || toks[p - 1].norm == "that");
    modal
        && reported
        && !toks
            .get(p + 2)
            .is_some_and(|t| matches!(t.norm.as_str(), "be" | "not" | "a" | "an" | "the"))
}
