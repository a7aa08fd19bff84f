//! Event extraction: actor mentions, event patterns, CAMEO coding, negation and modality.
//!
//! Per sentence (title first when it is part of the text): tokens and tags ([`crate::nlp`]),
//! actor mentions ([`actors`]), verb-group patterns ([`verbal`]) and noun patterns
//! ([`nominal`]) give [`candidate::Candidate`]s over mentions, which [`events`] expands into
//! [`Event`]s with dates, confidence and evidence. See `docs/extraction.md`.

pub mod actors;
mod boilerplate;
mod candidate;
mod clause;
mod complement;
mod events;
mod nominal;
mod patterns;
mod sentence;
mod verbal;

#[cfg(test)]
mod tests;

use crate::nlp::{split_tokens, tokenize};
use crate::{Article, Event, Lexicon};

use actors::ActorFinder;
use events::DocumentEvents;
use sentence::Sentence;

/// Whether events are read from a title that is part of the article text. Titles repeat the
/// body's lead in headline grammar; they are read for coreference only.
const EVENTS_FROM_TITLE: bool = false;

/// Turns articles into events. Build once, use from many threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
    actors: ActorFinder,
}

impl Extractor {
    /// An extractor using `lexicon`.
    pub fn new(lexicon: Lexicon) -> Extractor {
        let actors = ActorFinder::new(&lexicon);
        Extractor { lexicon, actors }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// All events of one article, in text order.
    pub fn extract(&self, article: &Article) -> Vec<Event> {
        let text = article.text.as_str();
        let mut doc_actors = self.actors.start_document(article);
        let mut out = DocumentEvents::new(article, &self.lexicon);
        let body = byte_offset(text, article.body_start);
        let mut regions = Vec::with_capacity(2);
        if body > 0 {
            // The title is the first line; header lines ("date: …") are skipped.
            let title_end = text.find('\n').unwrap_or(text.len()).min(body);
            regions.push((0, title_end, EVENTS_FROM_TITLE));
        }
        regions.push((body, text.len(), true));
        for (start, end, read_events) in regions {
            let tokens = tokenize(text, start, end);
            for range in split_tokens(text, &tokens) {
                let toks = &tokens[range];
                let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
                    continue;
                };
                let mentions = doc_actors.sentence_mentions(first.start, last.end);
                // Every event needs two participants (compounds give two mentions over one span);
                // that cheap test goes before the boilerplate patterns.
                if !read_events
                    || mentions.len() < 2
                    || boilerplate::is_boilerplate(&text[first.start..last.end])
                {
                    continue;
                }
                let sentence = Sentence::new(text, toks, mentions, &self.lexicon.verbs);
                let mut used_nouns = vec![false; sentence.tags.len()];
                let mut candidates =
                    verbal::verbal_events(&sentence, &self.lexicon.verbs, &mut used_nouns);
                let nominal = nominal::nominal_events(
                    &sentence,
                    &self.lexicon.verbs,
                    &used_nouns,
                    &candidates,
                );
                candidates.extend(nominal);
                out.add(&sentence, first.start, last.end, candidates);
            }
        }
        out.finish()
    }
}

/// The byte offset of character offset `chars` in `text` (clamped to its length).
fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}
