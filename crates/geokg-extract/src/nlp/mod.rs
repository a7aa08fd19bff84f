//! Language analysis: sentences, tokens, part-of-speech tags and chunks, with offsets.
