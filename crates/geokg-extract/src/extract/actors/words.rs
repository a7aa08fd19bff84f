//! Closed-class word lists of the actor grammar, and per-word flags looked up once per token.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// Personal titles that introduce a name.
pub const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "gen",
    "general",
    "sen",
    "senator",
    "rep",
    "sheikh",
    "lt",
    "col",
    "colonel",
    "maj",
    "adm",
    "admiral",
    "gov",
    "governor",
    "king",
    "queen",
    "prince",
    "pope",
    "ayatollah",
    "sir",
    "lord",
];

/// Words before an office that keep it from naming the current holder.
pub const QUALIFIERS: &[&str] = &[
    "former",
    "deputy",
    "vice",
    "ex",
    "late",
    "acting",
    "assistant",
    "then",
    "outgoing",
    "incoming",
    "future",
];

/// Capitalised words that never start a person's name.
pub const STOP_CAPS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "after",
    "before",
    "when",
    "while",
    "if",
    "as",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "reuters",
    "afp",
    "ap",
    "said",
    "says",
    "for",
    "with",
    "from",
    "by",
    "to",
    "of",
    "also",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "last",
    "next",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "yesterday",
    "today",
    "tomorrow",
    "according",
    "speaking",
    "asked",
    "news",
    "agency",
    "mr",
    "mrs",
    "ms",
    "dr",
    "not",
    "no",
    "yes",
    "all",
    "some",
    "both",
];

/// Words that end the run of adjectives before a role noun.
pub const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "from",
    "by", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
    "could", "should", "may", "might", "can", "said", "says", "say", "that", "this", "which",
    "who", "whom", "whose", "not", "no", "it", "its", "he", "she", "they", "their", "his", "her",
    "than", "also", "after", "before", "over", "into", "about", "against",
];

/// Nouns after a role noun that make it a modifier, not an actor ("press conference").
pub const NON_HEADS: &[&str] = &[
    "conference",
    "conferences",
    "release",
    "briefing",
    "statement",
    "statements",
    "report",
    "reports",
    "coverage",
    "freedom",
    "building",
    "buildings",
    "compound",
    "headquarters",
    "base",
    "bases",
    "budget",
    "spending",
    "exercise",
    "exercises",
    "operation",
    "operations",
    "equipment",
    "vehicle",
    "vehicles",
    "convoy",
    "convoys",
    "position",
    "positions",
    "service",
    "pressure",
    "policy",
    "policies",
    "crackdown",
    "platform",
    "platforms",
    "outlet",
    "outlets",
    "account",
    "accounts",
    "site",
    "sites",
    "channel",
    "channels",
    "public",
    "election",
    "elections",
    "term",
    "office",
    "palace",
    "residence",
    "hospital",
    "rule",
    "assistance",
    "aid",
    "cooperation",
    "ties",
    "relations",
    "campaign",
    "post",
    "posts",
    "bill",
    "law",
    "laws",
    "decree",
    "order",
    "orders",
    "ruling",
    "rulings",
    "hearing",
    "hearings",
    "sources",
    "source",
    "figures",
    "data",
    "plan",
    "plans",
];

/// Verbs and phrases that link an apposition's relative clause to its role ("who serves as").
pub const LINKING: &[&str] = &[
    "who",
    "is",
    "was",
    "serves",
    "served",
    "serving",
    "as",
    "also",
    "has",
    "been",
    "now",
    "currently",
];

/// Roles whose members "in" a place are often not of its country.
pub const LOCATED_ELSEWHERE: &[&str] = &[
    "GOV", "MIL", "REF", "IGO", "NGO", "IMG", "INT", "UIS", "MNC", "SPY", "PKO", "DEV", "ELI",
    "MED",
];

/// Common irregular past tenses and other verbs that may follow a subject noun phrase.
pub const VERBS_AFTER_SUBJECT: &[&str] = &[
    "said", "says", "told", "met", "made", "took", "gave", "sent", "led", "left", "came", "went",
    "held", "spoke", "wrote", "saw", "won", "lost", "put", "set", "began", "struck", "hit", "shot",
    "fought", "sought", "brought", "thought", "kept", "let", "ran", "sat", "stood", "meets", "did",
    "does", "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can",
    "may", "might", "must", "should", "shall", "also", "then", "later", "still", "not", "never",
    "again", "already", "however", "who", "which", "that", "to",
];

/// Verbs after which "it" refers to an actor ("it said").
pub const IT_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "announced",
    "accused",
    "warned",
    "urged",
    "called",
    "rejected",
    "denied",
    "claimed",
    "demanded",
    "stated",
    "insisted",
    "condemned",
    "criticised",
    "criticized",
    "welcomed",
    "vowed",
    "threatened",
];

/// Speech verbs between a government and the official it quotes ("the ministry said Minister
/// X").
pub const SAYS: &[&str] = &[
    "said",
    "says",
    "announced",
    "stated",
    "confirmed",
    "reported",
];

/// Heads of role nouns for a country's representatives abroad.
pub const MISSION_NOUNS: &[&str] = &[
    "embassy",
    "embassies",
    "consulate",
    "ambassador",
    "ambassadors",
    "diplomat",
    "diplomats",
    "envoy",
    "envoys",
    "delegation",
    "delegations",
];

/// "-ing" words used as prepositions: after a comma they open no clause of the subject
/// ("…, following its seizure by the RSF").
pub const PREPOSITION_PARTICIPLES: &[&str] = &[
    "following",
    "including",
    "regarding",
    "concerning",
    "according",
    "during",
    "excluding",
    "pending",
    "barring",
    "considering",
    "notwithstanding",
];

/// Nouns for groups of people in "the two men".
pub const PEOPLE_NOUNS: &[&str] = &["men", "women", "leaders", "presidents", "ministers"];

/// Nouns for groups of countries in "the two countries".
pub const COUNTRY_NOUNS: &[&str] = &[
    "sides",
    "countries",
    "nations",
    "states",
    "governments",
    "neighbours",
    "neighbors",
];

/// Nouns after a capital or demonym that make it a place, not an actor ("the Pyongyang
/// region", "the Thai border").
pub const PLACE_NOUNS: &[&str] = &[
    "region",
    "regions",
    "area",
    "areas",
    "province",
    "city",
    "suburb",
    "suburbs",
    "airport",
    "street",
    "streets",
    "time",
    "outskirts",
    "metro",
    "district",
    "districts",
    "municipality",
    "residents",
    "skyline",
    "stock",
    "mayor",
    "border",
    "borders",
    "frontier",
    "coast",
    "waters",
    "airspace",
];

/// Flag: a function word ([`FUNCTION_WORDS`]).
pub const FUNCTION: u16 = 1;
/// Flag: never starts a name ([`STOP_CAPS`]).
pub const STOP_CAP: u16 = 2;
/// Flag: a qualifier ([`QUALIFIERS`]).
pub const QUALIFIER: u16 = 4;
/// Flag: a verb that may follow a subject ([`VERBS_AFTER_SUBJECT`]).
pub const VERB: u16 = 8;
/// Flag: a personal title ([`TITLES`]).
pub const TITLE: u16 = 16;
/// Flag: links an apposition ([`LINKING`]).
pub const LINK: u16 = 32;
/// Flag: a non-actor head noun ([`NON_HEADS`]).
pub const NON_HEAD: u16 = 64;
/// Flag: a verb after which "it" is an actor ([`IT_VERBS`]).
pub const IT_VERB: u16 = 128;

/// Flag: a place noun ([`PLACE_NOUNS`]).
pub const PLACE_NOUN: u16 = 256;

static FLAGS: LazyLock<FxHashMap<&'static str, u16>> = LazyLock::new(|| {
    let mut map: FxHashMap<&'static str, u16> = FxHashMap::default();
    let lists: [(&[&'static str], u16); 9] = [
        (PLACE_NOUNS, PLACE_NOUN),
        (FUNCTION_WORDS, FUNCTION),
        (STOP_CAPS, STOP_CAP),
        (QUALIFIERS, QUALIFIER),
        (VERBS_AFTER_SUBJECT, VERB),
        (TITLES, TITLE),
        (LINKING, LINK),
        (NON_HEADS, NON_HEAD),
        (IT_VERBS, IT_VERB),
    ];
    for (list, flag) in lists {
        for w in list {
            *map.entry(w).or_insert(0) |= flag;
        }
    }
    map
});

/// The flags of a normalised word.
pub fn flags(norm: &str) -> u16 {
    FLAGS.get(norm).copied().unwrap_or(0)
}

/// Every flagged word with its flags.
pub fn flagged_words() -> impl Iterator<Item = (&'static str, u16)> {
    FLAGS.iter().map(|(&w, &f)| (w, f))
}

#[cfg(test)]
mod tests {
    use super::FLAGS;

    /// Tokens that are not words (punctuation, a possessive `'s`) skip the flag lookup: no
    /// flagged entry may start otherwise.
    #[test]
    fn every_flagged_word_starts_with_a_letter_or_digit() {
        for w in FLAGS.keys() {
            assert!(w.starts_with(char::is_alphanumeric), "{w:?}");
        }
        assert!(!FLAGS.is_empty());
    }
}
