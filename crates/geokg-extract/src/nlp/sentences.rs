//! Sentence splitting over tokens, robust to abbreviations, initials and quotations.

use std::ops::Range;

use super::tokens::{Token, is_abbreviation, tokenize};

/// Words that start a new sentence after an initialism like "U.S." ends the previous one.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "In",
    "On",
    "This",
    "That",
    "There",
    "A",
    "An",
    "His",
    "Her",
    "Its",
    "Their",
    "However",
    "Meanwhile",
    "After",
    "Earlier",
    "Later",
];

fn is_closing(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | "\u{201d}" | "\u{2019}" | ")" | "]" | "\u{bb}"
    )
}

fn starts_upper_or_quote(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '\u{ab}')
    })
}

/// Token-index ranges of the sentences in `tokens` (tokens of `text`).
pub fn split_tokens(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut begin = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].text(text);
        // A line break ends a sentence unless the next line continues it in lower case.
        if i > begin && tokens[i].newlines_before > 0 {
            let lower_start = t.chars().next().is_some_and(char::is_lowercase);
            if tokens[i].newlines_before > 1 || !lower_start {
                out.push(begin..i);
                begin = i;
            }
        }
        let terminal = matches!(t, "." | "!" | "?" | "..." | "\u{2026}")
            || (t.ends_with('.') && t.len() > 1 && ends_sentence_after_abbrev(text, tokens, i));
        if terminal {
            let mut end = i + 1;
            while end < tokens.len()
                && tokens[end].newlines_before == 0
                && is_closing(tokens[end].text(text))
            {
                end += 1;
            }
            let next = tokens.get(end).map(|t| t.text(text));
            let boundary = match next {
                None => true,
                Some(n) => starts_upper_or_quote(n) || tokens[end].newlines_before > 0,
            };
            if boundary {
                out.push(begin..end);
                begin = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if begin < tokens.len() {
        out.push(begin..tokens.len());
    }
    out
}

/// Whether a token ending in a period ("U.S.", "Inc.") also ends its sentence: followed by a
/// typical sentence starter, or by a line break, or the end of the text.
fn ends_sentence_after_abbrev(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = tokens[i].text(text);
    let word = t.trim_end_matches('.');
    // Titles ("Mr.", "Gen.") and months never end a sentence; single initials rarely do.
    let title_like = is_abbreviation(word)
        && !matches!(
            word.to_ascii_lowercase().as_str(),
            "etc" | "inc" | "ltd" | "corp" | "co" | "jr" | "sr"
        );
    if title_like || word.chars().count() == 1 {
        return false;
    }
    match tokens.get(i + 1) {
        None => true,
        Some(n) => n.newlines_before > 0 || SENTENCE_STARTERS.contains(&n.text(text)),
    }
}

/// Byte ranges of the sentences of `text[start..end]`.
pub fn split_sentences(text: &str, start: usize, end: usize) -> Vec<Range<usize>> {
    let tokens = tokenize(text, start, end);
    split_tokens(text, &tokens)
        .into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| tokens[r.start].start..tokens[r.end - 1].end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        split_sentences(s, 0, s.len())
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sentences("Mr. Lee met Gen. Park on Jan. 5 at 10 a.m. in Seoul. They talked."),
            [
                "Mr. Lee met Gen. Park on Jan. 5 at 10 a.m. in Seoul.",
                "They talked."
            ]
        );
    }

    #[test]
    fn initialism_can_end_a_sentence() {
        assert_eq!(
            sentences("He flew to the U.S. The talks began."),
            ["He flew to the U.S.", "The talks began."]
        );
        assert_eq!(sentences("The U.S. Army left."), ["The U.S. Army left."]);
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("\"We will win.\" He left."),
            ["\"We will win.\"", "He left."]
        );
    }

    #[test]
    fn line_breaks_split_headlines() {
        assert_eq!(
            sentences("Leaders meet in Paris\nThe summit opened."),
            ["Leaders meet in Paris", "The summit opened."]
        );
        assert_eq!(
            sentences("A long line that\ncontinues here."),
            ["A long line that\ncontinues here."]
        );
    }
}
