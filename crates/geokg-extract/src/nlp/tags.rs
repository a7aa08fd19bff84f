//! Part-of-speech tagging: a closed-class lexicon, a verb lexicon with lemmas, suffix rules,
//! capitalisation and a few contextual rules for noun/verb ambiguity ("the attack" vs
//! "troops attack").

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::lemma::{VerbForm, verb_lemma};
use super::tokens::Token;

/// A coarse part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Common noun.
    Noun,
    /// Capitalised name word.
    Proper,
    /// Main verb, with its inflection.
    Verb(VerbForm),
    /// Forms of "be".
    Be,
    /// Forms of "have".
    Have,
    /// Forms of "do".
    Do,
    /// "will", "would", "can", "could", "may", "might", "shall", "should", "must".
    Modal,
    /// "not", "n't", "never".
    Neg,
    /// Determiners and quantifiers.
    Det,
    /// Possessive pronouns ("his", "its") and the possessive "'s".
    Poss,
    /// Personal pronouns.
    Pron,
    /// Prepositions.
    Prep,
    /// Infinitive "to" (also the preposition; the chunker decides).
    To,
    /// "and", "or", "but", "nor".
    Conj,
    /// Subordinators and complementisers ("that", "because", "if", "while").
    Sub,
    /// Relative/interrogative words ("who", "which", "whom", "whose", "where", "when").
    Wh,
    /// Adjectives.
    Adj,
    /// Adverbs.
    Adv,
    /// Numbers.
    Num,
    /// Punctuation other than quotes.
    Punct,
    /// Quotation marks.
    Quote,
}

/// A tagged token: tag and, for verbs, the lemma.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged<'t> {
    /// The token.
    pub token: Token,
    /// Its tag.
    pub tag: Tag,
    /// Lower-cased text (borrowed from the sentence when it is lower case already). The lemma
    /// is stored relative to it: change it only through a new `Tagged`, or reset the lemma.
    pub lower: Cow<'t, str>,
    /// The lemma when it differs from `lower` (see [`Tagged::lemma`]).
    lemma: Option<String>,
}

impl Tagged<'_> {
    /// Verb lemma for verbs (including auxiliaries); the singular for nouns; else the
    /// lower-cased text.
    pub fn lemma(&self) -> &str {
        self.lemma.as_deref().unwrap_or(&self.lower)
    }

    /// Sets the lemma (kept only when it differs from the lower-cased text).
    pub fn set_lemma(&mut self, lemma: &str) {
        self.lemma = (lemma != self.lower).then(|| lemma.to_string());
    }
}

/// Closed-class words and their tags, in order of precedence (a word listed twice keeps its
/// first tag).
const CLOSED_CLASS: &[(Tag, &[&str])] = &[
    (
        Tag::Be,
        &[
            "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m",
        ],
    ),
    (Tag::Have, &["have", "has", "had", "having", "'ve"]),
    (Tag::Do, &["do", "does", "did"]),
    (
        Tag::Modal,
        &[
            "will", "would", "can", "could", "may", "might", "shall", "should", "must", "'ll",
            "'d", "cannot",
        ],
    ),
    (Tag::Neg, &["not", "n't", "never"]),
    (
        Tag::Det,
        &[
            "the", "a", "an", "this", "these", "those", "some", "any", "each", "every", "all",
            "both", "no", "another", "several", "many", "few", "more", "most", "such", "other",
            "either", "neither",
        ],
    ),
    (
        Tag::Poss,
        &["his", "her", "its", "their", "our", "my", "your"],
    ),
    (
        Tag::Pron,
        &[
            "he",
            "she",
            "it",
            "they",
            "we",
            "i",
            "you",
            "him",
            "them",
            "us",
            "me",
            "itself",
            "themselves",
            "himself",
            "herself",
        ],
    ),
    (
        Tag::Prep,
        &[
            "of",
            "in",
            "on",
            "at",
            "by",
            "with",
            "from",
            "for",
            "into",
            "onto",
            "against",
            "between",
            "among",
            "about",
            "over",
            "under",
            "during",
            "without",
            "within",
            "through",
            "toward",
            "towards",
            "across",
            "amid",
            "despite",
            "upon",
            "via",
            "per",
            "near",
            "along",
            "behind",
            "beyond",
            "including",
            "regarding",
            "concerning",
            "around",
            "like",
            "than",
            "off",
            "out",
            "up",
            "down",
            "since",
            "until",
            "before",
            "after",
        ],
    ),
    (Tag::To, &["to"]),
    (Tag::Conj, &["and", "or", "but", "nor", "&"]),
    (
        Tag::Sub,
        &[
            "that", "because", "if", "while", "whereas", "although", "though", "unless", "whether",
            "as", "once",
        ],
    ),
    (
        Tag::Wh,
        &[
            "who", "which", "whom", "whose", "where", "when", "what", "why", "how",
        ],
    ),
    (
        Tag::Adv,
        &[
            "also",
            "already",
            "still",
            "now",
            "then",
            "again",
            "recently",
            "reportedly",
            "allegedly",
            "just",
            "later",
            "earlier",
            "yesterday",
            "today",
            "tomorrow",
            "soon",
            "repeatedly",
            "formally",
            "publicly",
            "jointly",
            "reportedly,",
            "officially",
            "only",
            "even",
            "very",
            "so",
            "too",
            "however",
            "there",
            "here",
            "ago",
            "together",
            "long",
            "previously",
            "further",
            "subsequently",
            "strongly",
            "firmly",
            "sharply",
            "finally",
            "effectively",
            "once again",
            "directly",
            "immediately",
        ],
    ),
];

fn closed_class(w: &str) -> Option<Tag> {
    static MAP: LazyLock<FxHashMap<&'static str, Tag>> = LazyLock::new(|| {
        let mut map = FxHashMap::default();
        for &(tag, words) in CLOSED_CLASS {
            for &w in words {
                map.entry(w).or_insert(tag);
            }
        }
        map
    });
    MAP.get(w).copied()
}

fn is_punct(w: &str) -> bool {
    w.chars().all(|c| !c.is_alphanumeric())
}

fn is_quote(w: &str) -> bool {
    matches!(
        w,
        "\"" | "'" | "\u{201c}" | "\u{201d}" | "\u{2018}" | "\u{2019}" | "\u{ab}" | "\u{bb}"
    )
}

fn lemma_of_be(w: &str) -> &'static str {
    match w {
        "have" | "has" | "had" | "having" | "'ve" => "have",
        "do" | "does" | "did" => "do",
        _ => "be",
    }
}

/// Tags the tokens of one sentence of `text`. `known_verb` says whether a lemma is a verb the
/// caller cares about (its event lexicon plus common verbs).
pub fn tag_sentence<'t>(
    text: &'t str,
    tokens: &[Token],
    known_verb: &dyn Fn(&str) -> bool,
) -> Vec<Tagged<'t>> {
    let mut out: Vec<Tagged> = Vec::with_capacity(tokens.len());
    for (i, tok) in tokens.iter().enumerate() {
        let raw = tok.text(text);
        let lower: Cow<'t, str> = if !raw.is_ascii() {
            Cow::Owned(raw.to_lowercase().replace('\u{2019}', "'"))
        } else if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(raw.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw)
        };
        let capitalised = raw.chars().next().is_some_and(char::is_uppercase);
        let all_caps = if raw.is_ascii() {
            raw.len() > 1 && !raw.bytes().any(|b| b.is_ascii_lowercase())
        } else {
            raw.chars().nth(1).is_some() && raw.chars().all(|c| !c.is_lowercase())
        };
        let first = i == 0
            || out
                .last()
                .is_some_and(|p| matches!(p.tag, Tag::Quote) || p.lower == "(" || p.lower == ":");
        let prev = out.last().map(|p| p.tag);
        let prev2 = out.len().checked_sub(2).map(|k| out[k].tag);
        let mut lemma = String::new();
        let tag = if is_quote(raw) {
            Tag::Quote
        } else if lower == "'s" {
            // Possessive unless followed by a participle/adjective-like verb ("he's gone").
            if prev == Some(Tag::Pron) {
                Tag::Be
            } else {
                Tag::Poss
            }
        } else if is_punct(raw) {
            Tag::Punct
        } else if raw.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            Tag::Num
        } else if let Some(t) =
            // Capitalised inside a sentence, "May" is the month ("in May, ...").
            closed_class(&lower).filter(|_| {
                !all_caps && (!capitalised || first || (raw.len() <= 3 && lower != "may"))
            })
        {
            if matches!(t, Tag::Be | Tag::Have | Tag::Do) {
                lemma = lemma_of_be(&lower).to_string();
            }
            t
        } else if capitalised && !first && !raw.chars().all(char::is_uppercase)
            || (capitalised && raw.contains('.'))
        {
            Tag::Proper
        } else if super::lemma::is_adjective(&lower)
            && !capitalised
            && verb_lemma(&lower, known_verb).is_none()
        {
            Tag::Adj
        } else if let Some((l, form)) = verb_lemma(&lower, known_verb) {
            lemma = l;
            let tag = verb_or_noun(
                prev,
                prev2,
                out.last().is_some_and(|p| p.lower.ends_with('s')),
                form,
                &lower,
                capitalised && first,
            );
            // "the court declares that ...", "the ministry condemns the ...": after a noun, a
            // third-person verb form followed by a determiner or "that" is the verb, not the
            // second part of a compound ("the drone strikes killed").
            let opens_object = tokens.get(i + 1).is_some_and(|t| {
                const OPENERS: [&str; 8] = ["the", "a", "an", "its", "his", "her", "their", "that"];
                let w = t.text(text);
                if w.is_ascii() {
                    OPENERS.iter().any(|o| w.eq_ignore_ascii_case(o))
                } else {
                    OPENERS.contains(&w.to_lowercase().as_str())
                }
            });
            if tag == Tag::Noun
                && form == VerbForm::ThirdSingular
                && prev == Some(Tag::Noun)
                && opens_object
                && !lower.ends_with("ss")
            {
                Tag::Verb(form)
            } else {
                tag
            }
        } else if capitalised && !first {
            Tag::Proper
        } else if lower.ends_with("ly") && lower.len() > 4 {
            Tag::Adv
        } else if [
            "ous", "ive", "ful", "ical", "ian", "ese", "ish", "ary", "able", "ible", "al",
        ]
        .iter()
        .any(|s| lower.ends_with(s))
            && !lower.ends_with("ial")
            && !action_noun_in_al(&lower)
            || lower.ends_with("ic")
        {
            if capitalised { Tag::Proper } else { Tag::Adj }
        } else if lower.ends_with("ed") && lower.len() > 4 && !capitalised {
            Tag::Verb(VerbForm::Past)
        } else if capitalised && first {
            Tag::Proper
        } else {
            Tag::Noun
        };
        // The lemma is stored only when it differs from `lower`.
        let lemma = if !lemma.is_empty() {
            Some(lemma).filter(|l| *l != lower)
        } else if tag == Tag::Noun && super::lemma::noun_singular(&lower).len() != lower.len() {
            Some(super::lemma::noun_singular(&lower).to_string())
        } else {
            None
        };
        out.push(Tagged {
            token: *tok,
            tag,
            lower,
            lemma,
        });
    }
    fix_participle_adjectives(&mut out);
    fix_adverb_phrases(&mut out);
    out
}

/// "once again", "outright rejected", "put it back on": words that are adverbs before "again",
/// a verb, or (for "back") a preposition.
fn fix_adverb_phrases(tags: &mut [Tagged]) {
    for i in 0..tags.len().saturating_sub(1) {
        let next_again = tags[i + 1].lower == "again";
        let next_verb = matches!(tags[i + 1].tag, Tag::Verb(_));
        let next_prep = matches!(tags[i + 1].tag, Tag::Prep | Tag::To);
        if (tags[i].lower == "once" && next_again)
            || (tags[i].lower == "outright" && next_verb)
            || (tags[i].lower == "back" && next_prep && i > 0)
        {
            tags[i].tag = Tag::Adv;
        }
    }
}

/// Nouns of action ending in "-al" ("withdrawal", "proposal", "arrival", "refusal").
fn action_noun_in_al(w: &str) -> bool {
    ["wal", "val", "osal", "usal", "issal", "ittal", "ersal"]
        .iter()
        .any(|s| w.ends_with(s))
        && !matches!(w, "universal" | "controversal")
}

/// Noun/verb decision for a word that can be a verb.
fn verb_or_noun(
    prev: Option<Tag>,
    prev2: Option<Tag>,
    prev_plural: bool,
    form: VerbForm,
    lower: &str,
    sentence_initial: bool,
) -> Tag {
    // "the drone strikes", "launched missile attacks": a noun inside a noun phrase.
    let compound = !(prev_plural && form == VerbForm::Base)
        && matches!(prev, Some(Tag::Noun))
        && matches!(
            prev2,
            Some(Tag::Det | Tag::Adj | Tag::Poss | Tag::Verb(_) | Tag::Prep | Tag::Num)
        );
    let nominal_context = compound
        || matches!(
            prev,
            Some(Tag::Det | Tag::Poss | Tag::Adj | Tag::Num | Tag::Prep)
        );
    match form {
        VerbForm::Past => {
            if matches!(prev, Some(Tag::Det)) {
                Tag::Adj
            } else {
                Tag::Verb(form)
            }
        }
        VerbForm::Gerund => {
            if nominal_context && !matches!(prev, Some(Tag::Prep)) {
                Tag::Noun
            } else {
                Tag::Verb(form)
            }
        }
        VerbForm::ThirdSingular => {
            if nominal_context || sentence_initial || lower.ends_with("ss") {
                Tag::Noun
            } else if matches!(
                prev,
                Some(
                    Tag::Proper
                        | Tag::Noun
                        | Tag::Pron
                        | Tag::Adv
                        | Tag::Wh
                        | Tag::Quote
                        | Tag::Punct
                ) | None
            ) {
                Tag::Verb(form)
            } else {
                Tag::Noun
            }
        }
        VerbForm::Base => {
            // "a key U.S. ally", "the EU envoy": a name inside a noun phrase modifies a noun.
            let after_modifier_name = matches!(prev, Some(Tag::Proper))
                && matches!(prev2, Some(Tag::Det | Tag::Adj))
                && !prev_plural;
            if nominal_context || after_modifier_name {
                Tag::Noun
            } else if matches!(
                prev,
                Some(
                    Tag::To
                        | Tag::Modal
                        | Tag::Do
                        | Tag::Neg
                        | Tag::Pron
                        | Tag::Noun
                        | Tag::Proper
                        | Tag::Adv
                        | Tag::Wh
                        | Tag::Conj
                ) | None
            ) {
                Tag::Verb(form)
            } else {
                Tag::Noun
            }
        }
    }
}

/// "the agreed plan", "rejected proposed changes": a past form between a determiner, verb or
/// preposition and a noun is an adjective.
fn fix_participle_adjectives(tags: &mut [Tagged]) {
    for i in 1..tags.len().saturating_sub(1) {
        let before = matches!(
            tags[i - 1].tag,
            Tag::Det | Tag::Poss | Tag::Verb(_) | Tag::Prep | Tag::Adj
        );
        if matches!(tags[i].tag, Tag::Verb(VerbForm::Past))
            && before
            && matches!(tags[i + 1].tag, Tag::Noun | Tag::Proper | Tag::Adj)
        {
            tags[i].tag = Tag::Adj;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokens::tokenize;

    fn known(w: &str) -> bool {
        ["attack", "meet", "say", "visit", "talk", "criticize"].contains(&w)
    }

    fn tags(s: &str) -> Vec<Tag> {
        let toks = tokenize(s, 0, s.len());
        tag_sentence(s, &toks, &known)
            .into_iter()
            .map(|t| t.tag)
            .collect()
    }

    #[test]
    fn noun_verb_ambiguity() {
        assert_eq!(
            tags("The attack was condemned"),
            [Tag::Det, Tag::Noun, Tag::Be, Tag::Verb(VerbForm::Past)]
        );
        assert_eq!(
            tags("Rebels attack the town"),
            [Tag::Proper, Tag::Verb(VerbForm::Base), Tag::Det, Tag::Noun]
        );
        assert_eq!(
            tags("Putin met Xi"),
            [Tag::Proper, Tag::Verb(VerbForm::Past), Tag::Proper]
        );
        assert_eq!(
            tags("He will visit Paris"),
            [
                Tag::Pron,
                Tag::Modal,
                Tag::Verb(VerbForm::Base),
                Tag::Proper
            ]
        );
    }

    #[test]
    fn adverb_phrases_and_names_modifying_nouns() {
        let t = tags("Freedonia has once again outright attacked Sylvania");
        assert_eq!(t[2], Tag::Adv);
        assert_eq!(t[4], Tag::Adv);
        assert_eq!(t[5], Tag::Verb(VerbForm::Past));
        // "a key Freedonian ally": a noun, not a verb.
        assert_eq!(tags("Sylvania, a key Freedonian talk, said")[5], Tag::Noun);
        assert_eq!(tags("Rebels attack the town")[1], Tag::Verb(VerbForm::Base));
        assert_eq!(tags("They put the town back on the path")[4], Tag::Adv);
    }

    #[test]
    fn action_nouns_in_al_are_nouns() {
        assert_eq!(tags("the withdrawal of troops")[1], Tag::Noun);
        assert_eq!(tags("a proposal by them")[1], Tag::Noun);
        assert_eq!(tags("a universal right")[1], Tag::Adj);
        assert_eq!(tags("a central bank")[1], Tag::Adj);
    }

    #[test]
    fn third_person_verb_after_a_noun_before_its_object() {
        // "the ministry criticizes the ...": a verb, not a compound noun.
        assert_eq!(
            tags("The ministry criticizes the decision")[2],
            Tag::Verb(VerbForm::ThirdSingular)
        );
        assert_eq!(
            tags("The ministry says that talks failed")[2],
            Tag::Verb(VerbForm::ThirdSingular)
        );
        // A compound before a verb stays a noun.
        assert_eq!(tags("The drone attacks killed two")[2], Tag::Noun);
    }

    #[test]
    fn capitalised_may_is_the_month() {
        assert_eq!(tags("They met in May")[3], Tag::Proper);
        assert_eq!(tags("May they meet")[0], Tag::Modal);
        assert_eq!(tags("They may meet")[1], Tag::Modal);
    }

    #[test]
    fn lemmas() {
        let s = "Talks ended and she criticized them";
        let toks = tokenize(s, 0, s.len());
        let t = tag_sentence(s, &toks, &known);
        assert_eq!(t[0].tag, Tag::Noun);
        assert_eq!(t[4].lemma(), "criticize");
    }
}
