//! From candidates to [`Event`]s: one event per actor/target mention pair, with labels,
//! dates, confidence and character-offset evidence; repeated events of a document are merged.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use crate::article::CharCursor;
use crate::nlp::GroupTense;
use crate::time::{self, Tense};
use crate::{Action, Article, Event, Evidence, Lexicon, Party};

use super::actors::{ActorMention, MentionKind};
use super::candidate::{Candidate, PatternKind, two_sided};
use super::sentence::Sentence;

/// Collects a document's events.
pub struct DocumentEvents<'a> {
    article: &'a Article,
    lexicon: &'a Lexicon,
    events: Vec<Event>,
    seen: FxHashSet<(String, String, String)>,
    /// Character offsets of the evidence sentences, counted incrementally.
    cursor: CharCursor,
    /// The day the story's news happened (from the lead), for undated past events.
    story: Option<time::Date>,
}

fn tense(t: GroupTense) -> Tense {
    match t {
        GroupTense::Past => Tense::Past,
        GroupTense::PresentPerfect => Tense::PresentPerfect,
        GroupTense::Present => Tense::Present,
        GroupTense::PastPerfect => Tense::PastPerfect,
        GroupTense::Future => Tense::Future,
    }
}

/// A key naming one participant across mentions: entity IRI, else country and role, else label.
fn party_key(p: &Party) -> Cow<'_, str> {
    match (&p.iri, &p.country) {
        (Some(iri), _) => Cow::Borrowed(iri),
        (None, Some(c)) => Cow::Owned(format!("{c}/{}", p.role.as_deref().unwrap_or(""))),
        (None, None) => Cow::Owned(p.label.to_lowercase()),
    }
}

/// Whether two mentions (with their [`party_key`]s) are the same participant or side: same
/// entity, or same country unless both carry different roles (government and rebels of one
/// country are two sides).
fn same_side(a: &Party, a_key: &str, b: &Party, b_key: &str) -> bool {
    let distinct_roles = matches!((&a.role, &b.role), (Some(x), Some(y)) if x != y);
    a_key == b_key
        || (!a.label.is_empty() && a.label == b.label)
        || (a.country.is_some() && a.country == b.country && !distinct_roles)
}

/// Confidence lost for mentions resolved by coreference.
fn mention_penalty(m: &ActorMention) -> f32 {
    match m.kind {
        MentionKind::Pronoun | MentionKind::Description => 0.15,
        MentionKind::Demonym => 0.05,
        _ => 0.0,
    }
}

impl<'a> DocumentEvents<'a> {
    /// An empty collection for `article`.
    pub fn new(article: &'a Article, lexicon: &'a Lexicon) -> DocumentEvents<'a> {
        // `body_start` counts characters; the body is the text after the title line.
        let body = article
            .text
            .char_indices()
            .nth(article.body_start)
            .map_or("", |(b, _)| &article.text[b..]);
        DocumentEvents {
            article,
            lexicon,
            events: Vec::new(),
            seen: FxHashSet::default(),
            cursor: CharCursor::new(&article.text),
            story: time::story_date(body, article.published),
        }
    }

    fn char_offset(&mut self, byte: usize) -> usize {
        self.cursor.offset(&self.article.text, byte)
    }

    /// Adds the candidates of one sentence spanning bytes `start..end` of the article text.
    pub fn add(&mut self, s: &Sentence, start: usize, end: usize, candidates: Vec<Candidate>) {
        if candidates.is_empty() {
            return;
        }
        let text = &self.article.text;
        let sentence_text = &text[start..end];
        let evidence = Evidence {
            sentence: sentence_text.to_string(),
            start: self.char_offset(start),
            end: self.char_offset(end),
        };
        // Participant keys of every slot's mentions, computed once for the sentence.
        let slot_keys: Vec<Vec<Cow<'_, str>>> = s
            .slots
            .iter()
            .map(|slot| slot.mentions.iter().map(|m| party_key(&m.party)).collect())
            .collect();
        let keyed = |slots: &[usize]| -> Vec<(&ActorMention, &str)> {
            slots
                .iter()
                .flat_map(|&k| s.slots[k].mentions.iter().zip(&slot_keys[k]))
                .map(|(m, key)| (m, key.as_ref()))
                .collect()
        };
        // Pairs of the sentence's verb events: a noun naming the same pair's act ("wounded two
        // soldiers in a bomb attack") is the same event.
        // Only noun events consult them: without one, the set stays empty.
        let any_nominal = candidates.iter().any(|c| c.kind == PatternKind::Nominal);
        let verbal_pairs: FxHashSet<(&str, &str)> = candidates
            .iter()
            .filter(|c| any_nominal && c.kind != PatternKind::Nominal && !c.mutual)
            .flat_map(|c| {
                let targets = keyed(&c.targets);
                keyed(&c.actors)
                    .into_iter()
                    .flat_map(move |(_, a)| {
                        targets
                            .iter()
                            .map(move |&(_, t)| (a, t))
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let time_mentions = time::find_time_mentions(sentence_text);
        for c in candidates {
            let first = s.tags.get(c.tokens.start).map_or(start, |t| t.token.start);
            let last = s
                .tags
                .get(c.tokens.end.saturating_sub(1))
                .map_or(end, |t| t.token.end);
            let clause = first.saturating_sub(start)..last.saturating_sub(start);
            let date = time::event_date_among(
                sentence_text,
                &time_mentions,
                clause,
                tense(c.tense),
                self.article.published,
                self.story,
            );
            let label = self
                .lexicon
                .cameo_label(&c.code)
                .unwrap_or_default()
                .to_string();
            // "X and Y said they ...": a group acting on itself is no event.
            let actors = keyed(&c.actors);
            let targets = keyed(&c.targets);
            if targets
                .iter()
                .any(|&(_, k)| actors.iter().any(|&(_, a)| a == k))
            {
                continue;
            }
            type Keyed<'m> = (&'m ActorMention, &'m str);
            let pairs: Vec<(Keyed<'_>, Keyed<'_>)> = if c.mutual {
                // Every pair once ("the US, Russia and Switzerland met").
                actors
                    .iter()
                    .enumerate()
                    .flat_map(|(i, &a)| actors[i + 1..].iter().map(move |&t| (a, t)))
                    .flat_map(|(a, t)| {
                        if two_sided(&c.code) {
                            vec![(a, t), (t, a)]
                        } else {
                            vec![(a, t)]
                        }
                    })
                    .collect()
            } else {
                actors
                    .iter()
                    .flat_map(|&a| targets.iter().map(move |&t| (a, t)))
                    .collect()
            };
            for &((am, ka), (tm, kt)) in &pairs {
                if same_side(&am.party, ka, &tm.party, kt) {
                    continue;
                }
                if c.kind == PatternKind::Nominal && verbal_pairs.contains(&(ka, kt)) {
                    continue;
                }
                let symmetric = c.code.starts_with("04") && c.code != "042" && c.code != "043";
                let (ka, kt) = if symmetric && kt < ka {
                    (kt, ka)
                } else {
                    (ka, kt)
                };
                let code = if c.negated {
                    format!("!{}", c.code)
                } else {
                    c.code.clone()
                };
                if !self.seen.insert((ka.to_string(), kt.to_string(), code)) {
                    continue;
                }
                let confidence =
                    (c.confidence - mention_penalty(am) - mention_penalty(tm)).clamp(0.05, 1.0);
                self.events.push(Event {
                    doc: self.article.id.clone(),
                    actor: am.party.clone(),
                    action: Action {
                        code: c.code.clone(),
                        label: label.clone(),
                    },
                    target: tm.party.clone(),
                    date,
                    negated: c.negated,
                    modality: c.modality,
                    confidence: (confidence * 100.0).round() / 100.0,
                    evidence: evidence.clone(),
                });
            }
        }
    }

    /// The events, in text order.
    pub fn finish(self) -> Vec<Event> {
        self.events
    }
}
