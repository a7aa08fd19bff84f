//! The CAMEO verb lexicon: verbs, nouns and their patterns mapped to event codes.
//!
//! Loaded from `ontology/verbs.txt`; the format is described in that file's header.

use rustc_hash::{FxHashMap, FxHashSet};

use super::LexiconError;

/// The built-in lexicon text.
const BUILTIN: &str = include_str!("../../../../ontology/verbs.txt");

/// Whether an entry is triggered by a verb or by a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    /// A verb lemma ("meet").
    Verb,
    /// A noun, singular ("meeting", "talk").
    Noun,
}

/// Options of an entry (the `@flags` of the file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EntryFlags {
    /// `@loc`: a place after "in/to/at" is the target ("arrived in Moscow").
    pub location_target: bool,
    /// `@that`: the target may be the subject of a that-clause ("warned that Iran …").
    pub that_clause: bool,
    /// `@comp`: the code family's sub-code follows the complement ("urged X to cease fire").
    pub complement: bool,
    /// `@rev`: the grammatical object is the actor and the subject the target ("received aid from").
    pub reversed: bool,
    /// `@self`: no target needed; the event's target is the actor's own side (rarely used).
    pub intransitive: bool,
}

/// One pattern: a trigger lemma, the words that must follow it, and a CAMEO code.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbEntry {
    /// CAMEO code ("036", "1123").
    pub code: String,
    /// Verb or noun trigger.
    pub kind: TriggerKind,
    /// The trigger lemma (verbs) or singular (nouns), lower case.
    pub lemma: String,
    /// Words that must follow the trigger, in order, each within a few tokens of the last.
    pub words: Vec<String>,
    /// Options.
    pub flags: EntryFlags,
}

/// Verb and noun patterns with their CAMEO codes.
#[derive(Debug, Clone)]
pub struct VerbLexicon {
    verbs: FxHashMap<String, Vec<VerbEntry>>,
    nouns: FxHashMap<String, Vec<VerbEntry>>,
    /// The verb lemmas plus the frequent English verbs: what the tagger recognises as a verb.
    known: FxHashSet<String>,
}

impl Default for VerbLexicon {
    /// An empty lexicon: no patterns; the frequent English verbs are still known verbs.
    fn default() -> VerbLexicon {
        VerbLexicon {
            verbs: FxHashMap::default(),
            nouns: FxHashMap::default(),
            known: crate::nlp::lemma::common_verbs()
                .map(str::to_string)
                .collect(),
        }
    }
}

impl VerbLexicon {
    /// The lexicon built into the binary.
    pub fn builtin() -> Result<VerbLexicon, LexiconError> {
        VerbLexicon::parse("ontology/verbs.txt", BUILTIN)
    }

    /// Parses a lexicon in the `verbs.txt` format.
    pub fn parse(source_name: &str, text: &str) -> Result<VerbLexicon, LexiconError> {
        let mut lex = VerbLexicon::default();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |message: String| LexiconError::Parse {
                source_name: source_name.to_string(),
                message: format!("line {}: {message}", n + 1),
            };
            let mut parts = line.split_whitespace();
            let code = parts.next().ok_or_else(|| err("missing code".into()))?;
            if !(code.len() >= 2 && code.len() <= 4 && code.chars().all(|c| c.is_ascii_digit())) {
                return Err(err(format!("bad CAMEO code {code:?}")));
            }
            let kind = match parts.next() {
                Some("V") => TriggerKind::Verb,
                Some("N") => TriggerKind::Noun,
                other => return Err(err(format!("expected V or N, found {other:?}"))),
            };
            let mut words = Vec::new();
            let mut flags = EntryFlags::default();
            for p in parts {
                match p {
                    "@loc" => flags.location_target = true,
                    "@that" => flags.that_clause = true,
                    "@comp" => flags.complement = true,
                    "@rev" => flags.reversed = true,
                    "@self" => flags.intransitive = true,
                    f if f.starts_with('@') => return Err(err(format!("unknown flag {f}"))),
                    w => words.push(w.to_lowercase()),
                }
            }
            if words.is_empty() {
                return Err(err("missing trigger word".into()));
            }
            let lemma = words.remove(0);
            let entry = VerbEntry {
                code: code.to_string(),
                kind,
                lemma: lemma.clone(),
                words,
                flags,
            };
            let map = if kind == TriggerKind::Verb {
                &mut lex.verbs
            } else {
                &mut lex.nouns
            };
            map.entry(lemma).or_default().push(entry);
        }
        // Longest patterns first, so the most specific match wins.
        for list in lex.verbs.values_mut().chain(lex.nouns.values_mut()) {
            list.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
        }
        // `known` holds the frequent verbs already (`Default`); the lexicon's lemmas join them.
        lex.known.extend(lex.verbs.keys().cloned());
        Ok(lex)
    }

    /// Entries triggered by the verb `lemma`, longest pattern first.
    pub fn verb_entries(&self, lemma: &str) -> &[VerbEntry] {
        self.verbs.get(lemma).map_or(&[], Vec::as_slice)
    }

    /// Entries triggered by the noun `singular`, longest pattern first.
    pub fn noun_entries(&self, singular: &str) -> &[VerbEntry] {
        self.nouns.get(singular).map_or(&[], Vec::as_slice)
    }

    /// Whether `lemma` is a verb of the lexicon.
    pub fn is_verb(&self, lemma: &str) -> bool {
        self.verbs.contains_key(lemma)
    }

    /// Whether `lemma` is a verb of this lexicon or a frequent English verb
    /// ([`crate::nlp::is_common_verb`]): one lookup for both.
    pub fn is_known_verb(&self, lemma: &str) -> bool {
        self.known.contains(lemma)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.verbs
            .values()
            .chain(self.nouns.values())
            .map(Vec::len)
            .sum()
    }

    /// Whether the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_verbs_are_the_lemmas_plus_the_frequent_verbs() {
        let empty = VerbLexicon::default();
        assert!(empty.is_known_verb("say") && !empty.is_verb("say"));
        let lex = VerbLexicon::parse("t", "042 V zzvisit").expect("parses");
        assert!(lex.is_known_verb("zzvisit") && lex.is_known_verb("say"));
        assert!(!lex.is_known_verb("zzunknown"));
    }

    #[test]
    fn parses_entries_and_flags() {
        let lex = VerbLexicon::parse(
            "t",
            "# c\n040 V meet\n040 V meet with # x\n042 V travel to @loc\n036 N talk\n",
        )
        .expect("parses");
        assert_eq!(lex.verb_entries("meet").len(), 2);
        assert_eq!(lex.verb_entries("meet")[0].words, ["with"]);
        assert!(lex.verb_entries("travel")[0].flags.location_target);
        assert_eq!(lex.noun_entries("talk")[0].code, "036");
        assert!(VerbLexicon::parse("t", "04x V meet").is_err());
        assert!(VerbLexicon::parse("t", "040 V meet @bogus").is_err());
    }

    #[test]
    fn builtin_loads() {
        let lex = VerbLexicon::builtin().expect("builtin lexicon parses");
        assert!(lex.len() > 300);
        assert!(lex.is_verb("criticize"));
    }
}
