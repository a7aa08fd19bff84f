//! Character offsets of byte offsets, counted incrementally through a document.

/// Converts byte offsets of one text to character (Unicode scalar value) offsets. Offsets
/// asked in increasing order are counted from the previous one, so a whole document costs
/// one pass; an ASCII text needs no counting at all.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CharCursor {
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl CharCursor {
    /// A cursor at the start of `text`.
    pub(crate) fn new(text: &str) -> CharCursor {
        CharCursor {
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The character offset of byte offset `byte` of `text` (the text given to [`new`]).
    /// A byte offset inside a character counts no characters past the cursor and leaves the
    /// cursor where it was.
    ///
    /// [`new`]: CharCursor::new
    pub(crate) fn offset(&mut self, text: &str, byte: usize) -> usize {
        let (b, c) = if byte >= self.byte {
            (self.byte, self.chars)
        } else {
            (0, 0)
        };
        let Some(s) = text.get(b..byte) else {
            return c;
        };
        self.byte = byte;
        self.chars = c + if self.ascii {
            s.len()
        } else {
            s.chars().count()
        };
        self.chars
    }
}

/// The character at byte `i` of `text` and its length in bytes; ASCII needs no decoding.
pub(crate) fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::CharCursor;

    #[test]
    fn counts_characters_forward_and_backward() {
        let text = "Kyiv’s envoy met Zelensky’s aide.";
        let mut cursor = CharCursor::new(text);
        let byte = |needle: &str| text.find(needle).unwrap_or(usize::MAX);
        let chars = |needle: &str| text[..byte(needle)].chars().count();
        for needle in ["envoy", "Zelensky", "aide", "met", "Kyiv", "aide"] {
            assert_eq!(cursor.offset(text, byte(needle)), chars(needle), "{needle}");
        }
        assert_eq!(cursor.offset(text, text.len()), text.chars().count());
        // Inside "’" (three bytes): nothing counted past the cursor, which stays usable.
        assert_eq!(cursor.offset(text, byte("’")), chars("’"));
        assert_eq!(cursor.offset(text, byte("’") + 1), chars("’"));
        assert_eq!(cursor.offset(text, byte("envoy")), chars("envoy"));
    }

    #[test]
    fn ascii_text_offsets_are_byte_offsets() {
        let text = "Russia met officials.";
        let mut cursor = CharCursor::new(text);
        assert_eq!(cursor.offset(text, 11), 11);
        assert_eq!(cursor.offset(text, 7), 7);
        assert_eq!(cursor.offset(text, text.len()), text.len());
    }
}
