//! Verb groups: auxiliaries, modals, negation, the main verb, tense and voice.

use super::lemma::VerbForm;
use super::tags::{Tag, Tagged};

/// Grammatical tense of a verb group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupTense {
    /// "attacked", "did not attack", "was attacked"
    Past,
    /// "has attacked"
    PresentPerfect,
    /// "attacks", "is attacking"
    Present,
    /// "had attacked"
    PastPerfect,
    /// "will attack", "is going to attack"
    Future,
}

/// A verb group: optional "to", auxiliaries, modals, negation and adverbs, and the main verb.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbGroup {
    /// First token index of the group.
    pub start: usize,
    /// Token index after the group.
    pub end: usize,
    /// Index of the main verb (the last auxiliary when there is none: "is", "has").
    pub head: usize,
    /// Lemma of the head.
    pub lemma: String,
    /// Contains "not"/"n't"/"never".
    pub negated: bool,
    /// The modal, lower case ("will", "could"), if any.
    pub modal: Option<String>,
    /// Tense.
    pub tense: GroupTense,
    /// Passive voice ("was attacked", "continue to be rejected").
    pub passive: bool,
    /// Infinitive ("to meet") or bare gerund ("meeting"): not a finite clause verb.
    pub nonfinite: bool,
}

fn is_aux(tag: Tag) -> bool {
    matches!(tag, Tag::Be | Tag::Have | Tag::Do | Tag::Modal)
}

/// Finds the verb groups of a tagged sentence, left to right.
pub fn verb_groups(tags: &[Tagged<'_>]) -> Vec<VerbGroup> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let t = tags[i].tag;
        let starts_inf = t == Tag::To
            && tags.get(i + 1).is_some_and(|n| {
                matches!(n.tag, Tag::Verb(VerbForm::Base) | Tag::Be | Tag::Have)
                    || (n.tag == Tag::Adv
                        && tags
                            .get(i + 2)
                            .is_some_and(|m| matches!(m.tag, Tag::Verb(_))))
            });
        if !(is_aux(t) || matches!(t, Tag::Verb(_)) || starts_inf) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        let mut head = None;
        let mut negated = false;
        let mut modal = None;
        let mut saw_be = false;
        let mut passive = false;
        let mut first_aux: Option<usize> = None;
        let mut going_to = false;
        if starts_inf {
            j += 1;
        }
        while j < tags.len() {
            let tg = &tags[j];
            match tg.tag {
                Tag::Modal => {
                    modal.get_or_insert_with(|| tg.lower.to_string());
                    first_aux.get_or_insert(j);
                }
                Tag::Be | Tag::Have | Tag::Do => {
                    first_aux.get_or_insert(j);
                    saw_be = tg.tag == Tag::Be || (saw_be && tg.lower == "been");
                    if tg.lower == "been" {
                        saw_be = true;
                    }
                }
                Tag::Neg => negated = true,
                Tag::Adv => {}
                Tag::Verb(form) => {
                    // "is going to meet": future.
                    if tg.lower == "going" && tags.get(j + 1).is_some_and(|n| n.tag == Tag::To) {
                        going_to = true;
                        j += 2;
                        continue;
                    }
                    passive = saw_be && form == VerbForm::Past;
                    head = Some(j);
                    j += 1;
                    break;
                }
                _ => break,
            }
            j += 1;
        }
        let head = match head {
            Some(h) => h,
            None => {
                // Auxiliary-only group: its last auxiliary is the head ("is", "has").
                match (start..j).rev().find(|&k| is_aux(tags[k].tag)) {
                    Some(h) => h,
                    None => {
                        i = j.max(i + 1);
                        continue;
                    }
                }
            }
        };
        let form = match tags[head].tag {
            Tag::Verb(f) => Some(f),
            _ => None,
        };
        let aux = first_aux.map(|k| tags[k].lower.as_ref());
        let tense = if going_to || matches!(modal.as_deref(), Some("will" | "shall" | "'ll")) {
            GroupTense::Future
        } else {
            match aux {
                Some("has" | "have" | "'ve") if form == Some(VerbForm::Past) => {
                    GroupTense::PresentPerfect
                }
                Some("had") if form == Some(VerbForm::Past) => GroupTense::PastPerfect,
                Some("was" | "were" | "did" | "had") => GroupTense::Past,
                Some(_) => GroupTense::Present,
                None => match form {
                    Some(VerbForm::Past) => GroupTense::Past,
                    _ => GroupTense::Present,
                },
            }
        };
        let nonfinite = starts_inf || (aux.is_none() && form == Some(VerbForm::Gerund));
        out.push(VerbGroup {
            start,
            end: j,
            head,
            lemma: tags[head].lemma().to_string(),
            negated,
            modal,
            tense,
            passive,
            nonfinite,
        });
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tags::tag_sentence;
    use crate::nlp::tokens::tokenize;

    fn known(w: &str) -> bool {
        ["attack", "meet", "reject", "continue", "say", "go"].contains(&w)
    }

    fn groups(s: &str) -> Vec<VerbGroup> {
        let toks = tokenize(s, 0, s.len());
        verb_groups(&tag_sentence(s, &toks, &known))
    }

    #[test]
    fn negation_modals_and_tense() {
        let g = groups("Russia did not attack Ukraine");
        assert_eq!(g.len(), 1);
        assert!(g[0].negated);
        assert_eq!(g[0].lemma, "attack");
        assert_eq!(g[0].tense, GroupTense::Past);
        let g = groups("He will meet Xi");
        assert_eq!(g[0].tense, GroupTense::Future);
        assert_eq!(g[0].modal.as_deref(), Some("will"));
        let g = groups("They have met twice");
        assert_eq!(g[0].tense, GroupTense::PresentPerfect);
        let g = groups("She is going to meet him");
        assert_eq!(g[0].tense, GroupTense::Future);
        assert_eq!(g[0].lemma, "meet");
    }

    #[test]
    fn passive_voice() {
        let g = groups("The terms continue to be rejected by Kyiv");
        let last = g.last().map(|g| (g.lemma.as_str(), g.passive));
        assert_eq!(last, Some(("reject", true)));
        let g = groups("The town was attacked");
        assert!(g[0].passive);
    }
}
