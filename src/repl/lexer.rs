//! A forgiving SPARQL tokenizer for the shell: statement splitting, highlighting and completion.
//! It never fails; unterminated strings are reported as such so that input can continue.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Spaces, tabs and line breaks.
    Space,
    /// `# …` to the end of the line.
    Comment,
    /// A keyword, function name, `a`, `true`/`false`, or any other bare word.
    Word,
    /// `?name` or `$name`.
    Variable,
    /// `<…>`.
    Iri,
    /// `prefix:local`, `prefix:` or `_:label`.
    PrefixedName,
    /// A string literal; `closed` tells whether its closing quote was seen.
    String { closed: bool },
    /// A numeric literal.
    Number,
    /// A language tag, `@en`.
    LangTag,
    /// `{`, `(` or `[`.
    Open,
    /// `}`, `)` or `]`.
    Close,
    /// `;`.
    Semicolon,
    /// Any other character.
    Punct,
}

/// A token: its kind and byte range in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The kind of token.
    pub kind: Kind,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
}

impl Token {
    /// The token's text in `src`.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }

    /// Whether the token is only layout (space or comment).
    pub fn is_trivia(&self) -> bool {
        matches!(self.kind, Kind::Space | Kind::Comment)
    }
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '.' || c == '\u{b7}'
}

fn is_iri_char(c: char) -> bool {
    !matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') && c > ' '
}

/// Splits `src` into tokens covering all of it.
pub fn tokenize(src: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(src.len(), |&(o, _)| o);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        let start = i;
        let kind = if c.is_whitespace() {
            while at(i).is_some_and(char::is_whitespace) {
                i += 1;
            }
            Kind::Space
        } else if c == '#' {
            while at(i).is_some_and(|c| c != '\n') {
                i += 1;
            }
            Kind::Comment
        } else if c == '"' || c == '\'' {
            let long = at(i + 1) == Some(c) && at(i + 2) == Some(c);
            i += if long { 3 } else { 1 };
            let mut closed = false;
            while let Some(d) = at(i) {
                if d == '\\' {
                    i += 2;
                } else if d == c && (!long || (at(i + 1) == Some(c) && at(i + 2) == Some(c))) {
                    i += if long { 3 } else { 1 };
                    closed = true;
                    break;
                } else if d == '\n' && !long {
                    break;
                } else {
                    i += 1;
                }
            }
            i = i.min(n);
            Kind::String { closed }
        } else if c == '<' {
            let mut j = i + 1;
            while at(j).is_some_and(is_iri_char) {
                j += 1;
            }
            if at(j) == Some('>') {
                i = j + 1;
                Kind::Iri
            } else {
                i += 1;
                Kind::Punct
            }
        } else if (c == '?' || c == '$')
            && at(i + 1).is_some_and(|d| d.is_alphanumeric() || d == '_')
        {
            i += 1;
            while at(i).is_some_and(|d| d.is_alphanumeric() || d == '_') {
                i += 1;
            }
            Kind::Variable
        } else if c == '@' && at(i + 1).is_some_and(|d| d.is_ascii_alphabetic()) {
            i += 1;
            while at(i).is_some_and(|d| d.is_ascii_alphanumeric() || d == '-') {
                i += 1;
            }
            Kind::LangTag
        } else if c.is_ascii_digit() || (c == '.' && at(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            while at(i).is_some_and(|d| d.is_ascii_digit()) {
                i += 1;
            }
            if at(i) == Some('.') && at(i + 1).is_some_and(|d| d.is_ascii_digit()) {
                i += 1;
                while at(i).is_some_and(|d| d.is_ascii_digit()) {
                    i += 1;
                }
            } else if c == '.' {
                i += 1;
                while at(i).is_some_and(|d| d.is_ascii_digit()) {
                    i += 1;
                }
            }
            if at(i).is_some_and(|d| d == 'e' || d == 'E') {
                let mut j = i + 1;
                if at(j).is_some_and(|d| d == '+' || d == '-') {
                    j += 1;
                }
                if at(j).is_some_and(|d| d.is_ascii_digit()) {
                    i = j;
                    while at(i).is_some_and(|d| d.is_ascii_digit()) {
                        i += 1;
                    }
                }
            }
            Kind::Number
        } else if is_name_start(c) || c == ':' {
            // A word, or a prefixed name when a ':' follows the prefix part.
            let mut j = i;
            if c != ':' {
                j += 1;
                while at(j).is_some_and(is_name_char) {
                    j += 1;
                }
                while j > i + 1 && at(j - 1) == Some('.') {
                    j -= 1;
                }
            }
            if at(j) == Some(':') {
                j += 1;
                while at(j).is_some_and(|d| is_name_char(d) || d == ':' || d == '%') {
                    j += 1;
                }
                while at(j - 1) == Some('.') {
                    j -= 1;
                }
                i = j;
                Kind::PrefixedName
            } else {
                i = j;
                Kind::Word
            }
        } else {
            i += 1;
            match c {
                '{' | '(' | '[' => Kind::Open,
                '}' | ')' | ']' => Kind::Close,
                ';' => Kind::Semicolon,
                _ => Kind::Punct,
            }
        };
        tokens.push(Token {
            kind,
            start: offset(start),
            end: offset(i),
        });
    }
    tokens
}

/// The tokens of `src` that are not layout.
pub fn significant(src: &str) -> Vec<Token> {
    tokenize(src)
        .into_iter()
        .filter(|t| !t.is_trivia())
        .collect()
}

/// Nesting depth of brackets at the end of `src`, and whether it ends inside a string.
pub fn open_state(src: &str) -> (i32, bool) {
    let mut depth = 0;
    let mut open_string = false;
    for t in tokenize(src) {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => depth -= 1,
            Kind::String { closed } => open_string = !closed,
            _ => {}
        }
    }
    (depth, open_string)
}

/// The `PREFIX name: <iri>` declarations at the start of `src` (BASE is skipped), and the index
/// in `tokens` of the first token after them.
pub fn prologue(src: &str, tokens: &[Token]) -> (Vec<(String, String)>, usize) {
    let mut prefixes = Vec::new();
    let mut i = 0;
    loop {
        let word = tokens
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text(src).to_ascii_uppercase());
        match word.as_deref() {
            Some("PREFIX") => {
                let (Some(p), Some(iri)) = (tokens.get(i + 1), tokens.get(i + 2)) else {
                    break;
                };
                let name = p.text(src);
                if p.kind != Kind::PrefixedName || !name.ends_with(':') || iri.kind != Kind::Iri {
                    break;
                }
                let iri = iri.text(src);
                prefixes.push((
                    name.trim_end_matches(':').to_string(),
                    iri[1..iri.len() - 1].to_string(),
                ));
                i += 3;
            }
            Some("BASE") if tokens.get(i + 1).is_some_and(|t| t.kind == Kind::Iri) => i += 2,
            _ => break,
        }
    }
    (prefixes, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(Kind, &str)> {
        significant(src)
            .iter()
            .map(|t| (t.kind, t.text(src)))
            .collect()
    }

    #[test]
    fn tokens_of_a_query() {
        let q =
            "SELECT ?s WHERE { ?s a geokg:Event ; rdfs:label \"x#y\"@en . FILTER(?n < 5) } # done";
        let k = kinds(q);
        assert_eq!(k[0], (Kind::Word, "SELECT"));
        assert_eq!(k[1], (Kind::Variable, "?s"));
        assert!(k.contains(&(Kind::PrefixedName, "geokg:Event")));
        assert!(k.contains(&(Kind::String { closed: true }, "\"x#y\"")));
        assert!(k.contains(&(Kind::LangTag, "@en")));
        assert!(k.contains(&(Kind::Punct, "<")));
        assert!(k.contains(&(Kind::Number, "5")));
        assert_eq!(tokenize(q).last().map(|t| t.kind), Some(Kind::Comment));
    }

    #[test]
    fn iris_strings_and_state() {
        assert_eq!(kinds("<http://x/a#b>"), vec![(Kind::Iri, "<http://x/a#b>")]);
        assert_eq!(open_state("SELECT * { ?s ?p \"abc"), (1, true));
        assert_eq!(open_state("SELECT * { ?s ?p '''a\nb''' }"), (0, false));
        assert_eq!(open_state("{ \"}\" # }\n"), (1, false));
        assert_eq!(
            kinds("cameo:042."),
            vec![(Kind::PrefixedName, "cameo:042"), (Kind::Punct, ".")]
        );
    }

    #[test]
    fn reads_the_prologue() {
        let q = "PREFIX ex: <http://ex/> BASE <http://b/> prefix : <http://e/> SELECT";
        let t = significant(q);
        let (p, i) = prologue(q, &t);
        assert_eq!(
            p,
            vec![
                ("ex".into(), "http://ex/".into()),
                ("".into(), "http://e/".into())
            ]
        );
        assert_eq!(t[i].text(q), "SELECT");
    }
}
