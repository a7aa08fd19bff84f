//! A small tokenizer for actor matching: words (with internal hyphens, apostrophes and the dots
//! of "U.S."), possessive `'s` and punctuation, with byte offsets and case flags.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use crate::article::char_at;

/// A token's normalised text: borrowed from the sentence when the surface is already normal
/// (lower-case, no dots or typographic apostrophes), owned otherwise.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Norm<'t>(Cow<'t, str>);

impl<'t> Norm<'t> {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The normalised text as an owned `String`.
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl Deref for Norm<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Norm<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for Norm<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Norm<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// One token of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'t> {
    /// Byte offsets in the text the tokenizer was given (plus its base offset).
    pub start: usize,
    pub end: usize,
    /// The surface text.
    pub text: &'t str,
    /// Lower case, typographic apostrophes made ASCII, dots removed ("U.S." → "us").
    pub norm: Norm<'t>,
    /// Whether the token is a word (starts with a letter or digit).
    pub word: bool,
    /// Whether the first letter is upper case.
    pub cap: bool,
    /// Whether the token has letters and no lower-case letter ("NATO", "U.S.").
    pub upper: bool,
    /// Closed-class flags of the normalised word (`words::FUNCTION`, …).
    pub flags: u16,
    /// The word's entry in the phrase index, when the tokenizer was given one.
    pub root: Root,
}

/// What one word is in the phrase index (`Index::word`): its closed-class flags and the trie
/// node of the phrases it starts, found with one lookup for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordInfo {
    /// Closed-class flags (`words::FUNCTION`, …).
    pub flags: u16,
    /// The trie node reached from the root by the word, if any phrase starts with it.
    pub root: Option<usize>,
}

/// A token's first step into the phrase trie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// Not looked up (tokens made without the index): the trie is asked.
    Unknown,
    /// No phrase starts with the word.
    Absent,
    /// Phrases starting with the word continue from this trie node.
    Node(usize),
}

/// Splits `text` into tokens; offsets are shifted by `base`.
pub fn tokenize(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    tokenize_into(text, base, &mut tokens, None);
    tokens
}

/// [`tokenize`] appending to `tokens` (a buffer reused across sentences). With `words` (the
/// phrase index's word table), each word's flags and trie root come from one lookup there.
pub fn tokenize_into<'t>(
    text: &'t str,
    base: usize,
    tokens: &mut Vec<Token<'t>>,
    words: Option<&dyn Fn(&str) -> WordInfo>,
) {
    // About one token per four bytes of news text: one allocation instead of regrowing.
    tokens.reserve(text.len() / 4 + 1);
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let end = if c.is_alphanumeric() {
            ascii_word_end(text.as_bytes(), i).unwrap_or_else(|| word_end(text, i))
        } else if matches!(c, '\'' | '’') && is_possessive_s(text, i + len) {
            i + len + 1
        } else {
            i + len
        };
        tokens.push(make_token(text, i, end, base, words));
        i = end;
    }
}

/// [`word_end`] for a word of ASCII characters, in one pass over its bytes (the segment since
/// the last dot tells whether a dot follows an initial). `None` when a non-ASCII character is
/// met before the word's end is known: [`word_end`] decides then.
fn ascii_word_end(bytes: &[u8], start: usize) -> Option<usize> {
    // Whether `bytes[at..]` starts with an `s` ending a word (a possessive `'s`).
    let possessive_s = |at: usize| -> Option<bool> {
        if !matches!(bytes.get(at), Some(b's' | b'S')) {
            return Some(false);
        }
        match bytes.get(at + 1) {
            Some(&n) if !n.is_ascii() => None,
            n => Some(!n.is_some_and(u8::is_ascii_alphanumeric)),
        }
    };
    let mut end = start;
    // Start of the current segment between dots ("U" of "U.S").
    let mut segment = start;
    while let Some(&d) = bytes.get(end) {
        if !d.is_ascii() {
            return None;
        }
        if d.is_ascii_alphanumeric() {
            end += 1;
            continue;
        }
        if !matches!(d, b'-' | b'\'' | b'.') {
            break;
        }
        let initial = end - segment == 1 && bytes[segment].is_ascii_uppercase();
        let next_alnum = match bytes.get(end + 1) {
            Some(&n) if !n.is_ascii() => return None,
            n => n.is_some_and(u8::is_ascii_alphanumeric),
        };
        let joins = next_alnum
            && match d {
                b'.' => initial,
                b'\'' => !possessive_s(end + 1)?,
                _ => true,
            };
        if !joins {
            // "U.S." keeps its final dot.
            if d == b'.' && initial {
                end += 1;
            }
            break;
        }
        end += 1;
        if d == b'.' {
            segment = end;
        }
    }
    Some(end)
}

/// The end of the word starting at byte `start`: letters and digits, joined by internal
/// hyphens, apostrophes (not a possessive `'s`) and the dots of "U.S." (keeping its last dot).
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    while let Some((d, len)) = char_at(text, end) {
        if d.is_alphanumeric() {
            end += len;
            continue;
        }
        if !matches!(d, '-' | '\'' | '’' | '.') {
            break;
        }
        // Internal joiners: only when followed by a letter or digit.
        let joins = char_at(text, end + len).is_some_and(|(n, _)| n.is_alphanumeric())
            && match d {
                '.' => is_initial_dot(text, start, end),
                '\'' | '’' => !is_possessive_s(text, end + len),
                _ => true,
            };
        if !joins {
            // "U.S." keeps its final dot.
            if d == '.' && is_initial_dot(text, start, end) {
                end += 1;
            }
            break;
        }
        end += len;
    }
    end
}

/// Whether the dot at `dot` follows a single letter that starts a dotted abbreviation ("U.S.").
fn is_initial_dot(text: &str, word_start: usize, dot: usize) -> bool {
    let word = &text[word_start..dot];
    let last = word.rsplit('.').next().unwrap_or(word);
    let mut chars = last.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Whether `text[at..]` starts with an `s` ending a word (a possessive `'s`).
fn is_possessive_s(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let mut it = rest.chars();
    matches!(it.next(), Some('s' | 'S')) && !it.next().is_some_and(char::is_alphanumeric)
}

fn make_token<'t>(
    text: &'t str,
    start: usize,
    end: usize,
    base: usize,
    words: Option<&dyn Fn(&str) -> WordInfo>,
) -> Token<'t> {
    let surface = &text[start..end];
    let (norm, word, cap, upper) = if surface.is_ascii() {
        ascii_shape(surface)
    } else {
        unicode_shape(surface)
    };
    let (flags, root) = match words {
        Some(lookup) => {
            let info = lookup(&norm);
            (info.flags, info.root.map_or(Root::Absent, Root::Node))
        }
        // Every closed-class word starts with a letter or digit: punctuation has no flags.
        None if word => (super::words::flags(&norm), Root::Unknown),
        None => (0, Root::Unknown),
    };
    Token {
        start: start + base,
        end: end + base,
        text: surface,
        norm: Norm(norm),
        word,
        cap,
        upper,
        flags,
        root,
    }
}

/// Normal form, word, capitalised and upper-case flags of an ASCII surface (the common case):
/// the same as [`unicode_shape`], bytewise, borrowing the surface when it is already normal.
fn ascii_shape(surface: &str) -> (Cow<'_, str>, bool, bool, bool) {
    let bytes = surface.as_bytes();
    // One pass for the case of letters, dots and the first hyphen.
    let (mut has_upper, mut has_lower, mut has_dot) = (false, false, false);
    let mut first_letter_upper = None;
    let mut hyphen = None;
    for (k, &b) in bytes.iter().enumerate() {
        if b.is_ascii_uppercase() {
            has_upper = true;
            first_letter_upper.get_or_insert(true);
        } else if b.is_ascii_lowercase() {
            has_lower = true;
            first_letter_upper.get_or_insert(false);
        } else if b == b'.' {
            has_dot = true;
        } else if b == b'-' && hyphen.is_none() {
            hyphen = Some(k);
        }
    }
    let drop_dots = bytes.len() > 1;
    let norm = if !(has_upper || has_dot && drop_dots) {
        Cow::Borrowed(surface)
    } else if !(has_dot && drop_dots) {
        Cow::Owned(surface.to_ascii_lowercase())
    } else {
        let mut s = String::with_capacity(bytes.len());
        for &b in bytes {
            if b != b'.' {
                s.push(char::from(b.to_ascii_lowercase()));
            }
        }
        Cow::Owned(s)
    };
    let word = bytes.first().is_some_and(u8::is_ascii_alphanumeric);
    // "al-Qaeda", "el-Sisi": a short lower-case particle before a capitalised name.
    let particle_cap =
        hyphen.is_some_and(|k| k <= 3 && bytes.get(k + 1).is_some_and(u8::is_ascii_uppercase));
    let cap = (first_letter_upper == Some(true) || particle_cap) && word;
    let upper = word && has_upper && !has_lower;
    (norm, word, cap, upper)
}

/// Normal form, word, capitalised and upper-case flags of any surface.
fn unicode_shape(surface: &str) -> (Cow<'_, str>, bool, bool, bool) {
    let mut norm = String::with_capacity(surface.len());
    for c in surface.chars() {
        match c {
            '.' if surface.len() > 1 => {}
            '’' | '‘' => norm.push('\''),
            _ => norm.extend(c.to_lowercase()),
        }
    }
    let first = surface.chars().next();
    let word = first.is_some_and(char::is_alphanumeric);
    // "al-Qaeda", "el-Sisi": a short lower-case particle before a capitalised name.
    let particle_cap = surface.split_once('-').is_some_and(|(head, tail)| {
        head.len() <= 3 && tail.chars().next().is_some_and(char::is_uppercase)
    });
    let cap = (surface
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
        || particle_cap)
        && word;
    let upper = word
        && surface.chars().any(char::is_alphabetic)
        && !surface.chars().any(char::is_lowercase);
    (Cow::Owned(norm), word, cap, upper)
}

/// Normalised words of a gazetteer phrase, for building matchers.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    tokenize(phrase, 0)
        .into_iter()
        .map(|t| t.norm.into_string())
        .collect()
}

#[cfg(test)]
mod shape_tests {
    use super::{ascii_shape, unicode_shape};

    #[test]
    fn ascii_fast_path_agrees_with_the_general_one() {
        for s in [
            "U.S.",
            ".",
            "-",
            "a",
            "NATO",
            "al-Qaeda",
            "el-Sisi",
            "anti-NATO",
            "Abu-X",
            "x-",
            "-Q",
            "'s",
            "'S",
            "2025",
            "G7",
            "3rd",
            "McCain",
            "e.g.",
            "O'Brien",
            "well-known",
            "Kyiv",
            "iPhone",
            "ABC-news",
            "abcd-Efg",
            ",",
            "\"",
            "A.",
            "a.b",
        ] {
            assert_eq!(ascii_shape(s), unicode_shape(s), "{s}");
        }
    }
}

#[cfg(test)]
mod split_tests {
    use super::{ascii_word_end, tokenize, word_end};

    proptest::proptest! {
        /// The ASCII fast path ends every word where the general one does.
        #[test]
        fn ascii_word_ends_agree(text in "[A-Za-z0-9 .'’s-]{1,24}") {
            for (i, c) in text.char_indices() {
                if c.is_alphanumeric()
                    && let Some(end) = ascii_word_end(text.as_bytes(), i)
                {
                    proptest::prop_assert_eq!(end, word_end(&text, i), "{:?} at {}", text, i);
                }
            }
        }
    }

    fn surfaces(text: &str) -> Vec<&str> {
        tokenize(text, 0).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn joiners_dots_and_possessives() {
        assert_eq!(
            surfaces("The U.S.-led talks, al-Qaeda's O'Brien and Kyiv’s envoy."),
            [
                "The", "U.S.", "-", "led", "talks", ",", "al-Qaeda", "'s", "O'Brien", "and",
                "Kyiv", "’s", "envoy", "."
            ]
        );
        // A trailing joiner or a lone dot ends the word; "e.g." is no initialism.
        assert_eq!(
            surfaces("well- known e.g. J.D. Vance's"),
            [
                "well", "-", "known", "e", ".", "g", ".", "J.D.", "Vance", "'s"
            ]
        );
    }

    #[test]
    fn offsets_are_shifted_by_the_base_and_norms_are_lower_case() {
        let toks = tokenize("Zelensky’s ÉLYSÉE visit", 100);
        let spans: Vec<(usize, usize, &str)> = toks
            .iter()
            .map(|t| (t.start, t.end, t.norm.as_str()))
            .collect();
        assert_eq!(
            spans,
            [
                (100, 108, "zelensky"),
                (108, 112, "'s"),
                (113, 121, "élysée"),
                (122, 127, "visit")
            ]
        );
        assert!(toks[2].upper && toks[2].cap && !toks[1].word);
    }
}
