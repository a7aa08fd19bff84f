//! The tokenising floor of extraction (`geokg extract --stage tokenize`): read the articles,
//! split sentences and tokenise, keeping only counts. Extraction is benchmarked against it.

use rayon::prelude::*;

use super::{PipelineError, ReadOptions, read_batches};

/// What the floor stage saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct FloorCounts {
    pub articles: u64,
    pub sentences: u64,
    pub tokens: u64,
    /// Bytes of article text.
    pub bytes: u64,
}

/// Sentence and token counts of one text.
///
/// A stand-in whitespace/punctuation tokenizer (words are runs of alphanumerics with inner
/// `'`, `-` or `.`; every other non-space character is a token; `.`, `!`, `?` before a space
/// or a blank line end a sentence). Point this at `geokg_extract::nlp::{tokenize,
/// split_tokens}` once the extractor's tokenizer is merged, so the floor is the real one.
pub fn sentence_token_counts(text: &str) -> (u64, u64) {
    let (mut sentences, mut tokens) = (0u64, 0u64);
    let mut in_word = false;
    let mut open = false; // a sentence has tokens not yet closed
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if c.is_alphanumeric()
            || (in_word && matches!(c, '\'' | '-' | '.') && next.is_some_and(char::is_alphanumeric))
        {
            if !in_word {
                tokens += 1;
                in_word = true;
                open = true;
            }
            continue;
        }
        in_word = false;
        if c.is_whitespace() {
            if c == '\n' && next == Some('\n') && open {
                sentences += 1;
                open = false;
            }
            continue;
        }
        tokens += 1;
        open = true;
        if matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace) {
            sentences += 1;
            open = false;
        }
    }
    (sentences + u64::from(open), tokens)
}

/// Reads every article of the inputs and counts sentences and tokens (in parallel per batch).
pub fn tokenize_only(
    inputs: &[String],
    options: &ReadOptions,
) -> Result<FloorCounts, PipelineError> {
    let mut total = FloorCounts::default();
    read_batches(inputs, options, 512, |articles| {
        let (s, t, b) = articles
            .par_iter()
            .map(|a| {
                let (s, t) = sentence_token_counts(&a.text);
                (s, t, a.text.len() as u64)
            })
            .reduce(|| (0, 0, 0), |x, y| (x.0 + y.0, x.1 + y.1, x.2 + y.2));
        total.articles += articles.len() as u64;
        total.sentences += s;
        total.tokens += t;
        total.bytes += b;
        Ok(())
    })?;
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::sentence_token_counts;

    #[test]
    fn counts_sentences_and_tokens() {
        assert_eq!(sentence_token_counts(""), (0, 0));
        assert_eq!(
            sentence_token_counts("Russia met officials. They agreed!"),
            (2, 7)
        );
        assert_eq!(
            sentence_token_counts("Title line\n\nBody text, here"),
            (2, 6)
        );
        assert_eq!(sentence_token_counts("Kyiv's 3.5% deal"), (1, 4));
    }
}
