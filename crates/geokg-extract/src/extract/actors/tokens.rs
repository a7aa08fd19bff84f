//! A small tokenizer for actor matching: words (with internal hyphens, apostrophes and the dots
//! of "U.S."), possessive `'s` and punctuation, with byte offsets and case flags.

/// One token of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'t> {
    /// Byte offsets in the text the tokenizer was given (plus its base offset).
    pub start: usize,
    pub end: usize,
    /// The surface text.
    pub text: &'t str,
    /// Lower case, typographic apostrophes made ASCII, dots removed ("U.S." → "us").
    pub norm: String,
    /// Whether the token is a word (starts with a letter or digit).
    pub word: bool,
    /// Whether the first letter is upper case.
    pub cap: bool,
    /// Whether the token has letters and no lower-case letter ("NATO", "U.S.").
    pub upper: bool,
    /// Closed-class flags of the normalised word (`words::FUNCTION`, …).
    pub flags: u16,
}

/// Splits `text` into tokens; offsets are shifted by `base`.
pub fn tokenize(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                } else if matches!(d, '-' | '\'' | '’' | '.') && end == j {
                    // Internal joiners: only when followed by a letter or digit.
                    let next = text[j + d.len_utf8()..].chars().next();
                    let joins = next.is_some_and(char::is_alphanumeric)
                        && match d {
                            '.' => is_initial_dot(text, i, j),
                            '\'' | '’' => !is_possessive_s(text, j + d.len_utf8()),
                            _ => true,
                        };
                    if !joins {
                        // "U.S." keeps its final dot.
                        if d == '.' && is_initial_dot(text, i, j) {
                            end = j + 1;
                            chars.next();
                        }
                        break;
                    }
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(make_token(text, i, end, base));
            continue;
        }
        if matches!(c, '\'' | '’') && is_possessive_s(text, i + c.len_utf8()) {
            let end = i + c.len_utf8() + 1;
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
            tokens.push(make_token(text, i, end, base));
            continue;
        }
        chars.next();
        let end = i + c.len_utf8();
        tokens.push(make_token(text, i, end, base));
    }
    tokens
}

/// Whether the dot at `dot` follows a single letter that starts a dotted abbreviation ("U.S.").
fn is_initial_dot(text: &str, word_start: usize, dot: usize) -> bool {
    let word = &text[word_start..dot];
    let last = word.rsplit('.').next().unwrap_or(word);
    last.chars().count() == 1 && last.chars().all(char::is_uppercase)
}

/// Whether `text[at..]` starts with an `s` ending a word (a possessive `'s`).
fn is_possessive_s(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let mut it = rest.chars();
    matches!(it.next(), Some('s' | 'S')) && !it.next().is_some_and(char::is_alphanumeric)
}

fn make_token(text: &str, start: usize, end: usize, base: usize) -> Token<'_> {
    let surface = &text[start..end];
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
    let flags = super::words::flags(&norm);
    Token {
        start: start + base,
        end: end + base,
        text: surface,
        norm,
        word,
        cap,
        upper,
        flags,
    }
}

/// Normalised words of a gazetteer phrase, for building matchers.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    tokenize(phrase, 0).into_iter().map(|t| t.norm).collect()
}
