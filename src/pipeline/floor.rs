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

/// Sentence and token counts of one text, with the extractor's own tokenizer and sentence
/// splitter (`geokg_extract::nlp`), so the floor is the first stage of real extraction.
pub fn sentence_token_counts(text: &str) -> (u64, u64) {
    let tokens = geokg_extract::nlp::tokenize(text, 0, text.len());
    let sentences = geokg_extract::nlp::split_tokens(text, &tokens);
    (sentences.len() as u64, tokens.len() as u64)
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
    }
}
