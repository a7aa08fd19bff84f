//! The sentence grammar: gazetteer matches combined into actor noun phrases.
//!
//! Patterns, tried at each token from left to right:
//! pronoun · definite description ("the president", "the alliance", "the two men") ·
//! title + name ("Mr. Witkoff") · modifiers + role + name ("Ukrainian President Volodymyr
//! Zelensky", "Israel's defence minister", "Ukrainian and Russian representatives") ·
//! role + "of"/"in" + place ("protesters in Tbilisi") · names and metonyms, with appositions
//! ("John Smith, Kenya's foreign minister").

use super::index::{Match, Surface};
use super::party::Referent;
use super::people::{first_name_of_run, only_family};
use super::readers::{Modifier, RoleHit};
use super::tokens::{Token, tokenize_into};
use super::words::{FUNCTION, LOCATED_ELSEWHERE, PLACE_NOUN, TITLE, VERB};
use super::{ActorMention, DocumentActors, MentionKind};
use crate::lexicon::{EntityKind, Gender};

/// Whether the token after a role noun lets the noun end its phrase: punctuation, a function
/// word or a verb, not a noun it would modify ("the official death toll").
pub(super) fn ends_noun_phrase(next: Option<&Token<'_>>) -> bool {
    let Some(t) = next else { return true };
    if !t.word || t.cap {
        return true;
    }
    let w = t.norm.as_str();
    t.flags & (FUNCTION | VERB) != 0
        || w.ends_with("ed")
        || w.ends_with("ly")
        || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("ics"))
}

impl DocumentActors<'_> {
    /// The country of a government or country coordinated just before token `p`: "the
    /// Sudanese government and the rebels" are Sudanese rebels.
    fn coordinated_country(
        &self,
        toks: &[Token<'_>],
        out: &[ActorMention],
        p: usize,
    ) -> Option<usize> {
        let and = p.checked_sub(1)?;
        if !is(toks.get(and), &["and", "or"]) {
            return None;
        }
        let prev = out.last()?;
        if and == 0 || prev.end != toks[and - 1].end || prev.possessive {
            return None;
        }
        let government = match prev.kind {
            MentionKind::Country | MentionKind::Metonym => true,
            MentionKind::Role => prev.party.role.as_deref() == Some("GOV"),
            _ => false,
        };
        if !government {
            return None;
        }
        let code = prev.party.country.as_deref()?;
        self.finder.index.country(code)
    }
}

/// The end of a capitalised role with its portfolio: "Ministry of Foreign Affairs",
/// "Commissioner for Human Rights" (one or two capitalised words after "of"/"for" that name
/// nothing and run into no further name); `role.end` otherwise.
fn portfolio_end(toks: &[Token<'_>], ms: &[Option<Match>], role: &RoleHit) -> usize {
    if !role.cap || !is(toks.get(role.end), &["of", "for"]) {
        return role.end;
    }
    let from = role.end + 1;
    let run = (from..toks.len().min(from + 3))
        .take_while(|&i| toks[i].cap && toks[i].word && ms[i].is_none())
        .count();
    let then = toks.get(from + run);
    if run == 0 || run > 2 || then.is_some_and(|t| t.cap && t.word) {
        return role.end;
    }
    from + run
}

/// Whether `tok` is one of `words` (normalised).
pub(super) fn is(tok: Option<&Token<'_>>, words: &[&str]) -> bool {
    tok.is_some_and(|t| words.contains(&t.norm.as_str()))
}

impl DocumentActors<'_> {
    /// The mentions of the sentence at bytes `start..end`, without surface text and character
    /// offsets (filled in by the caller).
    pub(super) fn scan(&mut self, start: usize, end: usize) -> Vec<ActorMention> {
        let article = self.article;
        let mut toks = std::mem::take(&mut self.tokens);
        toks.clear();
        let index = &self.finder.index;
        tokenize_into(
            &article.text[start..end],
            start,
            &mut toks,
            Some(&|w: &str| index.word(w)),
        );
        let matches = self.find_matches(&toks);
        // Content words, and how many of them are capitalised.
        let (words, caps) = toks
            .iter()
            .filter(|t| t.word && t.flags & FUNCTION == 0)
            .fold((0usize, 0usize), |(n, c), t| {
                (n + 1, c + usize::from(t.cap))
            });
        self.titlecase = words >= 3 && caps * 10 >= words * 7;
        let mut out = Vec::new();
        let mut p = 0;
        while p < toks.len() {
            p = self.step(&toks, &matches, p, &mut out).max(p + 1);
        }
        self.settle_people(&mut out);
        self.tokens = toks;
        out
    }

    pub(super) fn find_matches(&self, toks: &[Token<'_>]) -> Vec<Option<Match>> {
        let mut matches = vec![None; toks.len()];
        let mut p = 0;
        while p < toks.len() {
            match self.finder.index.longest(toks, p) {
                Some(m) => {
                    let next = m.end;
                    matches[p] = Some(m);
                    p = next;
                }
                None => {
                    // "Saudi-led coalition", "Vietnamese-led forces": the leading country.
                    if let Some(head) = toks[p].norm.strip_suffix("-led") {
                        let g = &self.finder.gazetteer;
                        let surfaces: Vec<Surface> = self
                            .finder
                            .index
                            .word_surfaces(head)
                            .iter()
                            .copied()
                            .filter(|s| match *s {
                                Surface::Demonym(..) => true,
                                Surface::Name(e) | Surface::Acronym(e) => {
                                    g.entities[e].kind == EntityKind::Country
                                }
                                _ => false,
                            })
                            .collect();
                        if !surfaces.is_empty() {
                            matches[p] = Some(Match {
                                start: p,
                                end: p + 1,
                                surfaces,
                            });
                        }
                    }
                    p += 1;
                }
            }
        }
        matches
    }

    pub(super) fn step(
        &mut self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
        out: &mut Vec<ActorMention>,
    ) -> usize {
        let t = &toks[p];
        if ms[p].is_none()
            && let Some(next) = self.pronoun(toks, ms, p, out)
        {
            return next;
        }
        if ms[p].is_none() && matches!(t.norm.as_str(), "the" | "both") {
            return self.definite(toks, ms, p, out).unwrap_or(p + 1);
        }
        if t.cap && ms[p].is_none() && t.flags & TITLE != 0 {
            let q = if is(toks.get(p + 1), &["."]) {
                p + 2
            } else {
                p + 1
            };
            if let Some(name) = self.read_name(toks, ms, q, false) {
                let gender = match t.norm.as_str() {
                    "mr" | "king" | "prince" | "sir" | "lord" => Some(Gender::Male),
                    "mrs" | "ms" | "miss" | "queen" => Some(Gender::Female),
                    _ => None,
                };
                let owner = self
                    .read_reversed_apposition(toks, ms, p)
                    .and_then(|a| a.owner);
                let referent =
                    self.person_referent(name.referent.clone(), &name.label, owner, None, gender);
                let end = self.appositive_end(toks, ms, name.end, &referent);
                self.emit(toks, out, p..name.end, referent, MentionKind::Name, false);
                return end;
            }
        }
        if let Some(next) = self.modifier_phrase(toks, ms, p, out) {
            return next;
        }
        if let Some(next) = self.role_phrase(toks, ms, p, false, out) {
            return next;
        }
        if let Some(m) = &ms[p] {
            for s in &m.surfaces {
                match *s {
                    Surface::Metonym(..) if self.continues_name(toks, ms, m.end) => {
                        return self.cap_run_end(toks, ms, m.end);
                    }
                    // "the Pyongyang region", "Moscow time": a place, not a government.
                    Surface::Metonym(..)
                        if toks
                            .get(m.end)
                            .is_some_and(|t| !t.cap && t.flags & PLACE_NOUN != 0) =>
                    {
                        return m.end;
                    }
                    Surface::Metonym(c, seat) => {
                        let start = if seat && p > 0 && toks[p - 1].norm == "the" {
                            p - 1
                        } else {
                            p
                        };
                        let referent = Referent::Entity {
                            entity: c,
                            role: Some("GOV".to_string()),
                        };
                        self.emit(
                            toks,
                            out,
                            start..m.end,
                            referent,
                            MentionKind::Metonym,
                            false,
                        );
                        return m.end;
                    }
                    Surface::Name(e) | Surface::Acronym(e)
                        if self.finder.gazetteer.entities[e].kind == EntityKind::Person =>
                    {
                        let referent = Referent::Entity {
                            entity: e,
                            role: None,
                        };
                        let end = self.appositive_end(toks, ms, m.end, &referent);
                        self.emit(toks, out, p..m.end, referent, MentionKind::Name, false);
                        return end;
                    }
                    _ => {}
                }
            }
            if only_family(&ms[p]) && first_name_of_run(toks, ms, m.end) {
                return self.unknown_name(toks, ms, p, out);
            }
            if self.continues_name(toks, ms, m.end) {
                return self.cap_run_end(toks, ms, m.end);
            }
            return m.end;
        }
        if t.cap && t.word {
            return self.unknown_name(toks, ms, p, out);
        }
        p + 1
    }

    /// A capitalised name not in the gazetteer: a person met before, or a new person when an
    /// apposition gives a role; otherwise skipped whole.
    pub(super) fn unknown_name(
        &mut self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
        out: &mut Vec<ActorMention>,
    ) -> usize {
        let Some(name) = self.read_name(toks, ms, p, true) else {
            return p + 1;
        };
        if let Some(referent) = name.referent.clone() {
            let end = self.appositive_end(toks, ms, name.end, &referent);
            self.emit(
                toks,
                out,
                name.start..name.end,
                referent,
                MentionKind::Name,
                false,
            );
            return end;
        }
        let multiword = name.end - name.start >= 2;
        if multiword && let Some(app) = self.read_apposition(toks, ms, name.end) {
            let referent =
                self.person_referent(None, &name.label, app.owner, Some(&app.role), None);
            self.emit(
                toks,
                out,
                name.start..name.end,
                referent,
                MentionKind::Name,
                false,
            );
            return app.end;
        }
        if multiword && let Some(app) = self.read_reversed_apposition(toks, ms, name.start) {
            let next = toks.get(name.end);
            if next.is_none_or(|t| !t.cap || !t.word) {
                let referent =
                    self.person_referent(None, &name.label, app.owner, Some(&app.role), None);
                self.emit(
                    toks,
                    out,
                    name.start..name.end,
                    referent,
                    MentionKind::Name,
                    false,
                );
            }
        }
        name.end
    }

    /// A role phrase before a comma and the name at `name_start` ("the leader of the junta,
    /// Assimi Goita"; "the US commander in Iraq, General X"): "the"/"a" + optional country
    /// modifier + role noun + optional complement ("of/for"; "in/to/at" after a modifier),
    /// within eight tokens. The owner is the modifier, else an "of/for" place.
    fn read_reversed_apposition(
        &self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        name_start: usize,
    ) -> Option<super::people::Apposition> {
        let comma = name_start.checked_sub(1)?;
        if !is(toks.get(comma), &[","]) {
            return None;
        }
        for k in (comma.saturating_sub(8)..comma).rev() {
            if toks[k].norm == "," {
                return None;
            }
            if !matches!(toks[k].norm.as_str(), "the" | "a" | "an") {
                continue;
            }
            // "the Kenyan foreign minister", "the US commander in Iraq": the modifier owns it.
            let (modifier, at) = match self.read_modifier(toks, ms, k + 1) {
                Some(m) if m.owner.is_some() => (m.owner, m.end),
                _ => (None, k + 1),
            };
            let role = self.read_role(toks, ms, at, 2)?;
            if role.plural || role.end > comma {
                return None;
            }
            let complement = role.end == comma
                || is(toks.get(role.end), &["of", "for"])
                || (modifier.is_some() && is(toks.get(role.end), &["in", "to", "at"]));
            if !complement {
                return None;
            }
            let owner = if modifier.is_none() && role.end < comma {
                self.read_place(toks, ms, role.end + 1, false)
                    .and_then(|m| m.owner)
            } else {
                modifier
            };
            return Some(super::people::Apposition {
                end: name_start,
                owner,
                role,
            });
        }
        None
    }

    /// Modifiers (countries, demonyms, organisations, people), optionally coordinated, with
    /// an optional role noun and name after them.
    pub(super) fn modifier_phrase(
        &mut self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
        out: &mut Vec<ActorMention>,
    ) -> Option<usize> {
        let first = self.read_modifier(toks, ms, p)?;
        let mut mods = vec![first];
        let mut q = mods[0].end;
        while let Some(last) = mods.last() {
            let mut r = q;
            if is(toks.get(r), &[","]) {
                r += 1;
            }
            if is(toks.get(r), &["and", "or"]) {
                r += 1;
            }
            if r == q {
                break;
            }
            match self.read_modifier(toks, ms, r) {
                Some(m) if (m.kind == MentionKind::Name) == (last.kind == MentionKind::Name) => {
                    q = m.end;
                    mods.push(m);
                }
                _ => break,
            }
        }
        let before = self.history.len();
        let n = mods.len();
        let next = self.modifier_tail(toks, ms, mods, q, out);
        if n >= 2 {
            self.group_since(before);
        }
        Some(next)
    }

    /// The rest of a modifier phrase after its modifiers `mods` (ending at token `q`): role,
    /// name, or the modifiers alone. Returns the token after the phrase.
    pub(super) fn modifier_tail(
        &mut self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        mods: Vec<Modifier>,
        q: usize,
        out: &mut Vec<ActorMention>,
    ) -> usize {
        let last_mod = &mods[mods.len() - 1];
        let adjectives =
            if last_mod.end > last_mod.name_end || last_mod.kind == MentionKind::Demonym {
                2
            } else {
                1
            };
        let Some(mut role) = self.read_role(toks, ms, q, adjectives) else {
            let mut end = q;
            for m in mods {
                end = self.emit_modifier(toks, ms, &m, out).max(end);
            }
            return end;
        };
        role.end = portfolio_end(toks, ms, &role);
        let n = mods.len();
        let last = mods[n - 1].clone();
        let mut name_at = role.end;
        if is(toks.get(name_at), &[","]) {
            name_at += 1;
        }
        let name = if role.office.is_some() || role.cap {
            self.read_name(toks, ms, name_at, true).filter(|h| {
                h.referent.is_some()
                    || (name_at == role.end && role.office.is_some())
                    || h.end - h.start >= 2
            })
        } else {
            None
        };
        for m in &mods[..n - 1] {
            match (&name, m.owner) {
                // "Ukrainian and Russian representatives", "US and British forces"; not
                // "Russia and Russian media".
                (None, Some(owner))
                    if m.kind != MentionKind::Name
                        && ms[m.start]
                            .as_ref()
                            .and_then(|x| x.surfaces.first())
                            .is_some_and(|s| {
                                matches!(s, Surface::Demonym(..) | Surface::Acronym(_))
                            }) =>
                {
                    let referent = Referent::Agent {
                        owner,
                        role: role.code.clone(),
                    };
                    self.emit(
                        toks,
                        out,
                        m.start..m.name_end,
                        referent,
                        MentionKind::Role,
                        true,
                    );
                }
                _ => {
                    self.emit_modifier(toks, ms, m, out);
                }
            }
        }
        if let Some(name) = name {
            let referent = self.person_referent(
                name.referent.clone(),
                &name.label,
                last.owner,
                Some(&role),
                None,
            );
            let end = self.appositive_end(toks, ms, name.end, &referent);
            self.emit(
                toks,
                out,
                last.start..name.end,
                referent,
                MentionKind::Name,
                false,
            );
            return end;
        }
        let Some(owner) = last.owner else {
            return self.emit_modifier(toks, ms, &last, out).max(last.end);
        };
        let holder = (n == 1 && !role.plural && !role.qualified)
            .then(|| role.office.and_then(|o| self.holder(o, owner)))
            .flatten();
        let referent = match holder {
            Some(person) => Referent::Entity {
                entity: person,
                role: None,
            },
            None => self.role_of(owner, &role),
        };
        let kind = if holder.is_some() {
            MentionKind::Name
        } else {
            MentionKind::Role
        };
        self.emit_role(toks, out, last.start..role.end, referent, kind, &role);
        role.end
    }

    /// A role noun or office without a modifier before it: a title with a name ("President
    /// Trump"), a role of a place ("the president of France", "protesters in Tbilisi"), or a
    /// definite description resolved by coreference ("the president").
    pub(super) fn role_phrase(
        &mut self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        p: usize,
        definite: bool,
        out: &mut Vec<ActorMention>,
    ) -> Option<usize> {
        let mut role = self.read_role(toks, ms, p, if definite { 0 } else { 2 })?;
        role.end = portfolio_end(toks, ms, &role);
        let after = toks.get(role.end).map(|t| t.norm.as_str());
        // Located people take the place's country ("protesters in Tbilisi"); officials, troops
        // or refugees "in" a place are usually foreign to it.
        let located = after == Some("in") && !LOCATED_ELSEWHERE.contains(&role.code.as_str());
        if (matches!(after, Some("of" | "for" | "from")) || located)
            && let Some(m) = self.read_place(toks, ms, role.end + 1, after == Some("in"))
            && let Some(owner) = m.owner
        {
            if let Some(name) =
                self.read_name(toks, ms, m.name_end, role.office.is_some() || role.cap)
            {
                let referent = self.person_referent(
                    name.referent.clone(),
                    &name.label,
                    Some(owner),
                    Some(&role),
                    None,
                );
                let end = self.appositive_end(toks, ms, name.end, &referent);
                self.emit(
                    toks,
                    out,
                    role.start..name.end,
                    referent,
                    MentionKind::Name,
                    false,
                );
                return Some(end);
            }
            let holder = (!role.plural && !role.qualified)
                .then(|| role.office.and_then(|o| self.holder(o, owner)))
                .flatten();
            let referent = match holder {
                Some(person) => Referent::Entity {
                    entity: person,
                    role: None,
                },
                None => self.role_of(owner, &role),
            };
            let before = self.history.len();
            self.emit_role(
                toks,
                out,
                role.start..m.name_end,
                referent,
                MentionKind::Role,
                &role,
            );
            // "delegations of Russia and Ukraine": the same role for each coordinated place.
            let mut end = m.name_end;
            loop {
                let mut at = end;
                if is(toks.get(at), &[","]) {
                    at += 1;
                }
                if is(toks.get(at), &["and", "or"]) {
                    at += 1;
                }
                if at == end {
                    break;
                }
                let Some(next) = self.read_place(toks, ms, at, after == Some("in")) else {
                    break;
                };
                let Some(owner) = next.owner else { break };
                let referent = self.role_of(owner, &role);
                self.emit_role(
                    toks,
                    out,
                    next.start..next.name_end,
                    referent,
                    MentionKind::Role,
                    &role,
                );
                end = next.name_end;
            }
            if self.history.len() - before >= 2 {
                self.group_since(before);
            }
            return Some(end);
        }
        if role.cap || (role.office.is_some() && !definite) {
            // "Minister of Foreign Affairs Edgars Rinkevics": skip the portfolio.
            let mut name_at = role.end;
            if role.cap && is(toks.get(name_at), &["of", "for"]) {
                let run = (name_at + 1..toks.len())
                    .take_while(|&i| toks[i].cap && toks[i].word && ms[i].is_none())
                    .count();
                if run >= 3 {
                    name_at += 1 + run - 2;
                }
            }
            let name = self
                .read_name(toks, ms, name_at, role.cap)
                .filter(|h| h.referent.is_some() || role.office.is_some() || h.end - h.start >= 2);
            if let Some(name) = name {
                // "The US commander in Iraq, General David Petraeus": the role before the comma.
                let owner = self
                    .read_reversed_apposition(toks, ms, role.start)
                    .and_then(|a| a.owner);
                let referent = self.person_referent(
                    name.referent.clone(),
                    &name.label,
                    owner,
                    Some(&role),
                    None,
                );
                let end = self.appositive_end(toks, ms, name.end, &referent);
                self.emit(
                    toks,
                    out,
                    role.start..name.end,
                    referent,
                    MentionKind::Name,
                    false,
                );
                return Some(end);
            }
        }
        let named_next = toks.get(role.end).is_some_and(|t| t.cap && t.word);
        if definite
            && !role.plural
            && !named_next
            && after != Some("of")
            && ends_noun_phrase(toks.get(role.end))
        {
            let start = p.saturating_sub(1);
            if let Some(seen) = self.describe(&role) {
                self.emit_seen(
                    toks,
                    out,
                    start..role.end,
                    &seen,
                    MentionKind::Description,
                    false,
                );
            }
            return Some(role.end);
        }
        // Bare domestic groups ("protesters", "the rebels") belong to the country in focus.
        if role.plural
            && !role.cap
            && role.office.is_none()
            && !LOCATED_ELSEWHERE.contains(&role.code.as_str())
            && !matches!(role.code.as_str(), "HRI" | "PTY")
            && ends_noun_phrase(toks.get(role.end))
            && let Some(focus) = self
                .coordinated_country(toks, out, if definite { p - 1 } else { role.start })
                .or_else(|| self.sentence_country())
                .or_else(|| self.dominant_country())
        {
            let start = if definite { p - 1 } else { role.start };
            let referent = Referent::Agent {
                owner: focus,
                role: role.code.clone(),
            };
            self.emit_role(
                toks,
                out,
                start..role.end,
                referent,
                MentionKind::Description,
                &role,
            );
            return Some(role.end);
        }
        None
    }
}
