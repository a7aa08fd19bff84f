//! Word-level scanning for temporal expressions: a tokenizer with byte offsets and the small
//! English vocabularies (months, weekdays, number words) the patterns are written in.

use crate::article::char_at;

/// One token: a run of letters/digits (with an inner "'s"), or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tok<'a> {
    /// The token's text.
    pub text: &'a str,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// Whether whitespace (or the start of the text) precedes the token.
    pub spaced: bool,
    /// The token's text with ASCII letters lower-cased (`text.to_ascii_lowercase()`).
    pub lower: &'a str,
}

impl<'a> Tok<'a> {
    /// Case-insensitive equality with `word` (ASCII lower-case).
    pub fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }

    /// True for one of `words`.
    pub fn is_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(w))
    }

    /// True when the token is alphanumeric (not punctuation).
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    /// True when the token starts with an upper-case letter.
    pub fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The token without a possessive "'s" / "’s".
    pub fn stem(&self) -> &str {
        let t = self.text;
        t.strip_suffix("'s")
            .or_else(|| t.strip_suffix("’s"))
            .unwrap_or(t)
    }

    /// [`stem`](Self::stem), ASCII lower-cased.
    pub fn lower_stem(&self) -> &'a str {
        &self.lower[..self.stem().len()]
    }

    /// True when the token ends in a possessive "'s".
    pub fn possessive(&self) -> bool {
        self.stem().len() != self.text.len()
    }
}

/// Splits `text` into tokens, in order, in one pass; `lower` is `text.to_ascii_lowercase()`
/// (same byte offsets), which the tokens' [`Tok::lower`] slice.
pub(super) fn tokenize<'a>(text: &'a str, lower: &'a str) -> Vec<Tok<'a>> {
    // About one token per five bytes: one allocation instead of regrowing.
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut spaced = true;
    let mut pos = 0;
    while let Some((c, _)) = char_at(text, pos) {
        let start = pos;
        pos += c.len_utf8();
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        if c.is_alphanumeric() {
            while let Some((d, _)) = char_at(text, pos) {
                if d.is_alphanumeric() {
                    pos += d.len_utf8();
                } else if (d == '\'' || d == '’') && possessive_s(&text[pos + d.len_utf8()..]) {
                    pos += d.len_utf8() + 1;
                    break;
                } else {
                    break;
                }
            }
        }
        out.push(Tok {
            text: &text[start..pos],
            start,
            end: pos,
            spaced,
            lower: &lower[start..pos],
        });
        spaced = false;
    }
    out
}

/// True when `rest` starts with an "s" that ends a word (the "s" of "Sunday's").
fn possessive_s(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('s' | 'S')) && !chars.next().is_some_and(char::is_alphanumeric)
}

/// Month number (1–12) of a capitalized full English month name or abbreviation ("Sept").
/// Returns whether the name was abbreviated too.
pub(super) fn month(tok: &Tok) -> Option<(u8, bool)> {
    if !tok.capitalized() {
        return None;
    }
    const FULL: [&str; 12] = [
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
    ];
    const ABBR: [(&str, u8); 13] = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        ("febr", 2),
    ];
    let s = tok.stem();
    if let Some(i) = FULL.iter().position(|m| s.eq_ignore_ascii_case(m)) {
        return Some((i as u8 + 1, false));
    }
    ABBR.iter()
        .find(|(a, _)| s.eq_ignore_ascii_case(a))
        .map(|&(_, m)| (m, true))
}

/// Day of the week (0 = Monday) of a capitalized full weekday name, possessive allowed.
pub(super) fn weekday(tok: &Tok) -> Option<u8> {
    const NAMES: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    if !tok.capitalized() {
        return None;
    }
    let s = tok.stem();
    NAMES
        .iter()
        .position(|n| s.eq_ignore_ascii_case(n))
        .map(|i| i as u8)
}

/// Day of the week of an abbreviated name ("Wed"), used only before a full date.
pub(super) fn weekday_abbr(tok: &Tok) -> Option<u8> {
    const NAMES: [&[&str]; 7] = [
        &["mon"],
        &["tue", "tues"],
        &["wed"],
        &["thu", "thur", "thurs"],
        &["fri"],
        &["sat"],
        &["sun"],
    ];
    if !tok.capitalized() {
        return None;
    }
    NAMES.iter().position(|ns| tok.is_any(ns)).map(|i| i as u8)
}

/// Value of an ASCII digit string of at most `max_len` digits.
pub(super) fn digits(s: &str, max_len: usize) -> Option<u32> {
    (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
}

/// A day of the month: "6", "06", "6th", "1st", "22nd", "3rd" (1–31).
pub(super) fn day_number(tok: &Tok) -> Option<u8> {
    let lower = tok.lower;
    let num = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suf| lower.strip_suffix(suf))
        .unwrap_or(lower);
    let d = digits(num, 2)?;
    (1..=31).contains(&d).then_some(d as u8)
}

/// True for an ordinal day ("6th", "1st").
pub(super) fn is_ordinal(tok: &Tok) -> bool {
    let lower = tok.lower;
    day_number(tok).is_some() && ["st", "nd", "rd", "th"].iter().any(|s| lower.ends_with(s))
}

/// A four-digit year in 1800–2199.
pub(super) fn year_number(tok: &Tok) -> Option<i32> {
    let y = digits(tok.stem(), 4).filter(|_| tok.stem().len() == 4)?;
    (1800..=2199).contains(&y).then_some(y as i32)
}

/// Value of a cardinal number word or numeral ("three", "12"); "a"/"an" count as one.
pub(super) fn cardinal(tok: &Tok) -> Option<u32> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: [(&str, u32); 7] = [
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    let lower = tok.lower;
    match lower.as_bytes().first()? {
        b'0'..=b'9' => return digits(tok.text, 3),
        b'a'..=b'z' => {}
        _ => return None,
    }
    if matches!(lower, "a" | "an") {
        return Some(1);
    }
    if let Some(i) = WORDS.iter().position(|w| *w == lower) {
        return Some(i as u32);
    }
    if lower == "dozen" {
        return Some(12);
    }
    TENS.iter().find(|(w, _)| *w == lower).map(|&(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_offsets_and_possessives() {
        let text = "On Sunday’s vote, Aug. 6-7";
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text, &lower);
        let texts: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            ["On", "Sunday’s", "vote", ",", "Aug", ".", "6", "-", "7"]
        );
        assert_eq!(weekday(&toks[1]), Some(6));
        assert!(toks[1].possessive());
        assert_eq!(month(&toks[4]), Some((8, true)));
        assert!(!toks[7].spaced && toks[6].spaced);
        assert_eq!(
            &"On Sunday’s vote, Aug. 6-7"[toks[2].start..toks[2].end],
            "vote"
        );
    }

    #[test]
    fn numbers_and_days() {
        let text = "twelve a 6th 31 32 2025 1990s may May";
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text, &lower);
        assert_eq!(cardinal(&toks[0]), Some(12));
        assert_eq!(cardinal(&toks[1]), Some(1));
        assert_eq!(day_number(&toks[2]), Some(6));
        assert!(is_ordinal(&toks[2]));
        assert_eq!(day_number(&toks[3]), Some(31));
        assert_eq!(day_number(&toks[4]), None);
        assert_eq!(year_number(&toks[5]), Some(2025));
        assert_eq!(year_number(&toks[6]), None);
        assert_eq!(month(&toks[7]), None, "lower-case 'may' is a verb");
        assert_eq!(month(&toks[8]), Some((5, false)));
    }
}
