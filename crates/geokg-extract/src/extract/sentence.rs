//! One analysed sentence: tagged tokens, verb groups and the actor mentions laid over them.

use crate::lexicon::VerbLexicon;
use crate::nlp::{Tag, Tagged, Token, VerbForm, VerbGroup, tag_sentence, verb_groups};

use super::actors::{ActorMention, MentionKind};

/// An actor mention mapped onto token indices.
#[derive(Debug, Clone)]
pub struct Slot {
    /// First token of the mention.
    pub first: usize,
    /// Token after the mention.
    pub end: usize,
    /// The mentions over this span: one, or the members of a compound ("the two men").
    pub mentions: Vec<ActorMention>,
}

/// A sentence ready for event patterns.
pub struct Sentence<'a> {
    /// The article text.
    #[allow(dead_code)]
    pub text: &'a str,
    /// Tagged tokens.
    pub tags: Vec<Tagged<'a>>,
    /// Verb groups, left to right (none inside actor mentions).
    pub groups: Vec<VerbGroup>,
    /// Actor mentions, left to right.
    pub slots: Vec<Slot>,
    /// For each token, the slot covering it.
    pub slot_at: Vec<Option<usize>>,
    /// For each token, the verb group containing it.
    group_of: Vec<Option<usize>>,
    /// For each token, the verb group it heads.
    head_of: Vec<Option<usize>>,
    /// The sentence attributes its content ("according to").
    pub attributed: bool,
}

impl<'a> Sentence<'a> {
    /// Analyses the tokens of one sentence of `text` with its actor mentions (byte offsets).
    pub fn new(
        text: &'a str,
        tokens: &[Token],
        mentions: Vec<ActorMention>,
        lexicon: &VerbLexicon,
    ) -> Sentence<'a> {
        let known = |w: &str| lexicon.is_known_verb(w);
        let mut tags = tag_sentence(text, tokens, &known);
        let mut slot_at = vec![None; tags.len()];
        let mut slots: Vec<Slot> = Vec::new();
        for m in mentions {
            let first = tags.iter().position(|t| t.token.end > m.start);
            let end = tags
                .iter()
                .rposition(|t| t.token.start < m.end)
                .map(|i| i + 1);
            if let (Some(mut first), Some(end)) = (first, end) {
                // A mention does not start with a verb, "to" or a preposition of ours.
                while first < end
                    && matches!(tags[first].tag, Tag::Verb(_) | Tag::To | Tag::Prep)
                    && tags[first].lower.chars().all(char::is_lowercase)
                {
                    first += 1;
                }
                if first >= end {
                    continue;
                }
                // A second member over the same span joins that slot.
                if let Some(same) = slot_at[first]
                    .filter(|&k: &usize| slots[k].first == first && slots[k].end == end)
                {
                    slots[same].mentions.push(m);
                    continue;
                }
                if slot_at[first..end].iter().all(Option::is_none) {
                    for s in &mut slot_at[first..end] {
                        *s = Some(slots.len());
                    }
                    // Mention tokens are names for the chunker, whatever their spelling.
                    for t in &mut tags[first..end] {
                        if !matches!(t.tag, Tag::Poss) {
                            t.tag = Tag::Proper;
                        }
                    }
                    slots.push(Slot {
                        first,
                        end,
                        mentions: vec![m],
                    });
                }
            }
        }
        // A participle after a mention is a verb again ("rebels engaged X"), unless the
        // mention is adjectival.
        for slot in &slots {
            if let Some(next) = tags.get_mut(slot.end)
                && next.tag == Tag::Adj
                && !slot
                    .mentions
                    .iter()
                    .all(|m| m.kind == MentionKind::Demonym && !m.plural)
                && let Some((lemma, VerbForm::Past)) =
                    crate::nlp::verb_lemma(&next.lower, &|w: &str| lexicon.is_known_verb(w))
            {
                next.tag = Tag::Verb(VerbForm::Past);
                next.set_lemma(&lemma);
            }
        }
        // An adjectival mention ("Israeli changes", "Russian strikes") is followed by a noun.
        for slot in &slots {
            let adjectival = slot
                .mentions
                .iter()
                .all(|m| m.kind == MentionKind::Demonym && !m.plural);
            let last = &tags[slot.end - 1];
            if adjectival
                && !last.lower.ends_with('s')
                && let Some(next) = tags.get_mut(slot.end)
                && matches!(
                    next.tag,
                    Tag::Verb(VerbForm::Base | VerbForm::ThirdSingular)
                )
            {
                next.tag = Tag::Noun;
                let singular = crate::nlp::lemma::noun_singular(&next.lower).to_string();
                next.set_lemma(&singular);
            }
        }
        // "since a Hamas attack", "the Taliban offensive on Y": after an article, a singular
        // mention modifies the base form that follows, a noun.
        for slot in &slots {
            let article = slot.first > 0
                && match tags[slot.first - 1].lower.as_ref() {
                    "a" | "an" => true,
                    "the" => tags
                        .get(slot.end + 1)
                        .is_none_or(|t| matches!(t.tag, Tag::Prep | Tag::Punct)),
                    _ => false,
                };
            let singular = slot.mentions.iter().all(|m| !m.plural);
            if article
                && singular
                && let Some(next) = tags.get_mut(slot.end)
                && next.tag == Tag::Verb(VerbForm::Base)
            {
                next.tag = Tag::Noun;
                let singular = crate::nlp::lemma::noun_singular(&next.lower).to_string();
                next.set_lemma(&singular);
            }
        }
        // "killed in Israeli tank shelling": a gerund after a mention inside a prepositional or
        // determined phrase is a noun.
        for slot in &slots {
            let governed = slot.first > 0
                && matches!(tags[slot.first - 1].tag, Tag::Prep | Tag::Det | Tag::Poss);
            if let Some(next) = tags.get_mut(slot.end)
                && governed
                && next.tag == Tag::Verb(VerbForm::Gerund)
            {
                next.tag = Tag::Noun;
            }
        }
        let groups = verb_groups(&tags);
        let mut group_of = vec![None; tags.len()];
        let mut head_of = vec![None; tags.len()];
        for (g, group) in groups.iter().enumerate() {
            for x in &mut group_of[group.start..group.end] {
                *x = Some(g);
            }
            head_of[group.head] = Some(g);
        }
        let attributed = tags
            .windows(2)
            .any(|w| w[0].lower == "according" && w[1].lower == "to");
        Sentence {
            text,
            tags,
            groups,
            slots,
            slot_at,
            group_of,
            head_of,
            attributed,
        }
    }

    /// Lower-case text of token `i` ("" past the end).
    pub fn lower(&self, i: usize) -> &str {
        self.tags.get(i).map_or("", |t| t.lower.as_ref())
    }

    /// Tag of token `i`.
    pub fn tag(&self, i: usize) -> Option<Tag> {
        self.tags.get(i).map(|t| t.tag)
    }

    /// The verb group whose head is token `i`.
    pub fn group_with_head(&self, i: usize) -> Option<usize> {
        self.head_of.get(i).copied().flatten()
    }

    /// The verb group containing token `i`.
    pub fn group_at(&self, i: usize) -> Option<usize> {
        self.group_of.get(i).copied().flatten()
    }
}
