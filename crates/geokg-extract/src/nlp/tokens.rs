//! Tokenisation with byte offsets: words (keeping "U.S.", "a.m.", "Mr." and hyphenated words
//! whole), numbers, possessive "'s" and "n't" split off, punctuation one character a token.

/// One token: a byte range of the text it was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Number of line breaks between the previous token and this one.
    pub newlines_before: u8,
}

impl Token {
    /// The token's text in `text` (the string it was cut from).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Abbreviations that keep their final period (lower case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "cmdr", "sen", "rep", "gov", "pres", "rev", "hon", "st", "jr", "sr", "messrs", "mt", "ft",
    "no", "nos", "vs", "etc", "inc", "corp", "ltd", "co", "dept", "univ", "approx", "est", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ala", "ariz", "calif",
    "colo", "conn", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md", "mass", "mich", "minn",
    "miss", "mo", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis",
    "wyo", "al",
];

/// Whether the lower-cased word (without period) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits `text[start..end]` into tokens whose offsets are bytes of `text`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let region = text.get(start..end).unwrap_or("");
    // Sized from the byte length (at least the number of characters): one allocation, where
    // collecting regrew the vector a dozen times per article.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(region.len());
    chars.extend(region.char_indices());
    let mut tokens = Vec::with_capacity(chars.len() / 5 + 1);
    let mut newlines = 0u8;
    let mut i = 0;
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte = |k: usize| chars.get(k).map_or(region.len(), |&(b, _)| b) + start;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' {
                newlines = newlines.saturating_add(1);
            }
            i += 1;
            continue;
        }
        let from = i;
        if is_word_char(c) {
            let mut j = i + 1;
            loop {
                match at(j) {
                    Some(d) if is_word_char(d) => j += 1,
                    // "didn't": keep "n't" attached for the split below.
                    Some(d)
                        if is_apostrophe(d)
                            && at(j - 1) == Some('n')
                            && at(j + 1).is_some_and(|t| t == 't' || t == 'T')
                            && !at(j + 2).is_some_and(is_word_char) =>
                    {
                        j += 2;
                        break;
                    }
                    // Inner hyphen, period or comma in numbers, period in initialisms.
                    Some(d @ ('-' | '.' | ',' | '&' | '/'))
                        if at(j + 1).is_some_and(is_word_char) =>
                    {
                        let prev_digit = at(j - 1).is_some_and(|p| p.is_ascii_digit());
                        let next_digit = at(j + 1).is_some_and(|p| p.is_ascii_digit());
                        let ok = match d {
                            '-' => true,
                            ',' | '/' => prev_digit && next_digit,
                            '&' => at(j - 1).is_some_and(char::is_uppercase),
                            _ => (prev_digit && next_digit) || is_initialism_at(&chars, from, j),
                        };
                        if !ok {
                            break;
                        }
                        j += 2;
                    }
                    _ => break,
                }
            }
            // "U.S." / "a.m." / "Mr." keep the final period.
            if at(j) == Some('.') {
                let word: String = chars[from..j].iter().map(|&(_, c)| c).collect();
                let initialism =
                    word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4;
                let single_initial =
                    word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                if initialism || single_initial || is_abbreviation(&word) {
                    j += 1;
                }
            }
            // Split "n't" off ("didn't" -> "did" "n't").
            let word_end = j;
            let mut split_at = None;
            if word_end - from > 3
                && let [(_, n), (_, apostrophe), (_, t)] = chars[word_end - 3..word_end]
                && n.eq_ignore_ascii_case(&'n')
                && is_apostrophe(apostrophe)
                && t.eq_ignore_ascii_case(&'t')
            {
                split_at = Some(word_end - 3);
            }
            match split_at {
                Some(k) => {
                    tokens.push(Token {
                        start: byte(from),
                        end: byte(k),
                        newlines_before: newlines,
                    });
                    tokens.push(Token {
                        start: byte(k),
                        end: byte(word_end),
                        newlines_before: 0,
                    });
                }
                None => tokens.push(Token {
                    start: byte(from),
                    end: byte(word_end),
                    newlines_before: newlines,
                }),
            }
            newlines = 0;
            i = word_end;
            continue;
        }
        if is_apostrophe(c) {
            // Possessive or contraction: "'s", "'re", "'ll", "'ve", "'d", "'m", "'t" after a word.
            let after_word = i > 0 && at(i - 1).is_some_and(is_word_char);
            if after_word {
                let mut j = i + 1;
                while at(j).is_some_and(char::is_alphabetic) && j - i <= 2 {
                    j += 1;
                }
                let suffix = &chars[i + 1..j];
                let is_suffix = |w: &str| {
                    w.len() == suffix.len()
                        && w.chars()
                            .zip(suffix)
                            .all(|(a, &(_, c))| c.to_ascii_lowercase() == a)
                };
                let boundary = !at(j).is_some_and(is_word_char);
                if boundary && ["s", "re", "ll", "ve", "d", "m"].into_iter().any(is_suffix) {
                    tokens.push(Token {
                        start: byte(i),
                        end: byte(j),
                        newlines_before: newlines,
                    });
                    newlines = 0;
                    i = j;
                    continue;
                }
            }
        }
        // "--" and "..." stay whole; everything else is one character.
        let mut j = i + 1;
        if (c == '-' || c == '.') && at(j) == Some(c) {
            while at(j) == Some(c) {
                j += 1;
            }
        }
        tokens.push(Token {
            start: byte(from),
            end: byte(j),
            newlines_before: newlines,
        });
        newlines = 0;
        i = j;
    }
    tokens
}

/// Whether the period at `dot` continues an initialism like "U.S" or "a.m" (single letters
/// separated by periods).
fn is_initialism_at(chars: &[(usize, char)], from: usize, dot: usize) -> bool {
    let single_before = dot == from + 1 || (dot >= from + 2 && chars[dot - 2].1 == '.');
    let single_after = chars
        .get(dot + 2)
        .is_none_or(|&(_, c)| !c.is_alphanumeric());
    single_before && single_after && chars[dot - 1].1.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0, s.len()).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn keeps_initialisms_and_abbreviations() {
        assert_eq!(
            words("The U.S. and Mr. Smith met at 9 a.m. today."),
            [
                "The", "U.S.", "and", "Mr.", "Smith", "met", "at", "9", "a.m.", "today", "."
            ]
        );
    }

    #[test]
    fn splits_possessives_and_negation() {
        assert_eq!(
            words("Russia's army didn't move; Kyiv’s did."),
            [
                "Russia", "'s", "army", "did", "n't", "move", ";", "Kyiv", "’s", "did", "."
            ]
        );
    }

    #[test]
    fn keeps_hyphens_and_numbers() {
        assert_eq!(
            words("A cease-fire for 1,000 people (3.5%)."),
            [
                "A",
                "cease-fire",
                "for",
                "1,000",
                "people",
                "(",
                "3.5",
                "%",
                ")",
                "."
            ]
        );
    }

    #[test]
    fn offsets_are_bytes_of_the_text() {
        let s = "«Ok» — déjà vu";
        for t in tokenize(s, 0, s.len()) {
            assert!(s.get(t.start..t.end).is_some());
        }
        let t = tokenize(s, 0, s.len());
        assert_eq!(t.last().map(|t| t.text(s)), Some("vu"));
    }

    #[test]
    fn counts_newlines() {
        let s = "One.\n\nTwo";
        let t = tokenize(s, 0, s.len());
        assert_eq!(t[2].newlines_before, 2);
    }
}
