//! Emitting mentions: building the party, recording the mention for coreference (history,
//! groups, focus counts, names) and the output record.

use std::ops::Range;

use super::coref::is_mission_abroad;
use super::index::Match;
use super::party::{Referent, make_party};
use super::phrases::is;
use super::readers::{Modifier, RoleHit};
use super::tokens::Token;
use super::words::PLACE_NOUN;
use super::{ActorMention, DocumentActors, MentionKind, Seen};
use crate::lexicon::EntityKind;

impl DocumentActors<'_> {
    /// Emits a modifier standing alone ("Russia", "Russian", "NATO", "Trump"). A demonym
    /// before a place noun names a place, not an actor ("on the Thai border").
    pub(super) fn emit_modifier(
        &mut self,
        toks: &[Token<'_>],
        ms: &[Option<Match>],
        m: &Modifier,
        out: &mut Vec<ActorMention>,
    ) -> usize {
        let Some(referent) = m.entity.clone() else {
            return m.end;
        };
        let place = toks
            .get(m.end)
            .is_some_and(|t| !t.cap && t.flags & PLACE_NOUN != 0);
        if m.kind == MentionKind::Demonym && place {
            return m.end;
        }
        // A person's apposition is read first, so the mention carries its office.
        let end = if m.kind == MentionKind::Name && m.end == m.name_end {
            self.appositive_end(toks, ms, m.name_end, &referent)
        } else {
            m.end
        };
        self.emit(toks, out, m.start..m.name_end, referent, m.kind, m.plural);
        end
    }

    /// Emits a role phrase, remembering its office or role noun for "the minister". A
    /// country's mission abroad ("Russian diplomats", "the Russian Embassy") says where the
    /// story is not: it does not count toward the focus country.
    pub(super) fn emit_role(
        &mut self,
        toks: &[Token<'_>],
        out: &mut Vec<ActorMention>,
        span: Range<usize>,
        referent: Referent,
        kind: MentionKind,
        role: &RoleHit,
    ) {
        self.emit(toks, out, span, referent, kind, role.plural);
        let weight = if self.sentence == 0 { 3 } else { 1 };
        let Some(seen) = self.history.last_mut() else {
            return;
        };
        seen.office = Some(role.noun.clone());
        if is_mission_abroad(&role.noun)
            && let Some(code) = seen.party.country.as_deref()
            && let Some(entry) = self.focus.get_mut(code)
        {
            entry.0 = entry.0.saturating_sub(weight);
        }
    }

    /// Emits a mention of tokens `s..e` and records it for coreference.
    pub(super) fn emit(
        &mut self,
        toks: &[Token<'_>],
        out: &mut Vec<ActorMention>,
        span: Range<usize>,
        referent: Referent,
        kind: MentionKind,
        plural: bool,
    ) {
        let g = &self.finder.gazetteer;
        let party = make_party(g, &self.people, &referent, self.date);
        let collective = matches!(referent, Referent::Agent { .. });
        let (person, gender, office) = match &referent {
            Referent::Entity { entity, .. } => {
                let ent = &g.entities[*entity];
                let office = ent
                    .positions
                    .iter()
                    .find(|p| p.covers(self.date))
                    .map(|p| p.office.clone());
                (ent.kind == EntityKind::Person, ent.gender, office)
            }
            Referent::NewPerson(i) => {
                let person = &self.people[*i];
                let office = person
                    .office
                    .map(|o| self.finder.index.offices[o].name.clone())
                    .or_else(|| person.noun.clone());
                (true, self.people[*i].gender, office)
            }
            Referent::Agent { .. } => (false, None, None),
        };
        let country = matches!(kind, MentionKind::Country | MentionKind::Metonym)
            && matches!(&referent, Referent::Entity { entity, .. } if g.entities[*entity].kind == EntityKind::Country);
        let possessive = is(toks.get(span.end), &["'s", "'"]);
        if person {
            self.register_names(&referent);
        }
        if let Some(code) = &party.country {
            // The key is copied only the first time a country is met.
            let entry = match self.focus.get_mut(code.as_str()) {
                Some(entry) => entry,
                None => self.focus.entry(code.clone()).or_insert((0, 0)),
            };
            // The title line says what the article is about: its mentions weigh more.
            entry.0 += if self.sentence == 0 { 3 } else { 1 };
            entry.1 = self.seq;
        }
        self.seq += 1;
        self.history.push(Seen {
            referent,
            party: party.clone(),
            person,
            country,
            plural,
            gender,
            office,
            sentence: self.sentence,
            tok: span.start,
            end: span.end,
            group: 0,
        });
        let start = toks[span.start].start;
        let end = toks[span.end - 1].end;
        let mut party = party;
        if let Some(surface) = self.surface_label(toks, &span, collective, plural, kind) {
            party.label = surface;
        }
        out.push(ActorMention {
            start,
            end,
            party,
            kind,
            plural,
            possessive,
            member: 0,
        });
    }

    /// The label of a collective actor named by a phrase: a role phrase of a minted agent
    /// ("Iranian officials", "Hungarian") or a plural demonym ("Palestinians"). Its own words say more than
    /// the minted "Iranian government"; a demonym used as an adjective ("Israeli strikes")
    /// keeps the country's label.
    /// `None` (keep the canonical label) for names and coreference.
    fn surface_label(
        &self,
        toks: &[Token<'_>],
        span: &Range<usize>,
        collective: bool,
        plural: bool,
        kind: MentionKind,
    ) -> Option<String> {
        let phrase = match kind {
            MentionKind::Demonym => collective || plural,
            MentionKind::Role => collective,
            _ => false,
        };
        if !phrase || span.is_empty() {
            return None;
        }
        // A span naming several members, or a possessive pronoun's phrase ("its military"):
        // the words alone mislead. A member's own words ("Britain" in "officials from
        // Germany, Britain and France") are kept.
        let joiner = |t: Option<&Token<'_>>| is(t, &[",", "and", "or", "&"]);
        let inner = &toks[span.start..span.end];
        if inner.iter().any(|t| joiner(Some(t)) || t.text == "(")
            || is(
                inner.first(),
                &["its", "their", "his", "her", "our", "my", "your"],
            )
        {
            return None;
        }
        let text = self
            .article
            .text
            .get(toks[span.start].start..toks[span.end - 1].end)?;
        let text = text
            .strip_prefix("the ")
            .or_else(|| text.strip_prefix("The "))
            .unwrap_or(text);
        (!text.is_empty()).then(|| text.to_string())
    }

    /// Emits a mention of tokens `s..e` that corefers with `seen`.
    pub(super) fn emit_seen(
        &mut self,
        toks: &[Token<'_>],
        out: &mut Vec<ActorMention>,
        span: Range<usize>,
        seen: &Seen,
        kind: MentionKind,
        possessive: bool,
    ) {
        let mut copy = seen.clone();
        copy.sentence = self.sentence;
        copy.tok = span.start;
        self.history.push(copy);
        self.seq += 1;
        out.push(ActorMention {
            start: toks[span.start].start,
            end: toks[span.end - 1].end,
            party: seen.party.clone(),
            kind,
            plural: seen.plural,
            possessive,
            member: 0,
        });
    }

    /// Puts the mentions recorded since history index `before` into a new group, so that a
    /// later "they" refers to all of them.
    pub(super) fn group_since(&mut self, before: usize) {
        self.groups += 1;
        for seen in &mut self.history[before..] {
            seen.group = self.groups;
        }
    }
}
