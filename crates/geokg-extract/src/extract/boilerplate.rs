//! Sentences that are page furniture, not news: bylines, credits, links, captions.

/// Openings of boilerplate lines (compared case-insensitively).
const OPENINGS: &[&str] = &[
    "related:",
    "related coverage",
    "read more",
    "read also",
    "also read",
    "see also",
    "reporting by",
    "(reporting by",
    "additional reporting",
    "editing by",
    "writing by",
    "compiled by",
    "photo:",
    "photo by",
    "photos:",
    "file photo",
    "image:",
    "image credit",
    "credit:",
    "caption:",
    "click here",
    "sign up",
    "subscribe",
    "follow us",
    "follow our",
    "copyright",
    "\u{a9}",
    "all rights reserved",
    "advertisement",
    "share this",
    "watch:",
    "listen:",
    "video:",
    "download the",
    "join our",
    "newsletter",
    "this story has been",
    "this article was",
    "top stories",
];

/// Whether a sentence is boilerplate to skip.
pub fn is_boilerplate(sentence: &str) -> bool {
    let trimmed = sentence.trim_start();
    let ascii = &trimmed.as_bytes()[..trimmed.len().min(40)];
    if ascii.is_ascii() {
        // The first 40 characters are these bytes: compare them without lower-casing a copy.
        let opens =
            |o: &str| ascii.len() >= o.len() && ascii[..o.len()].eq_ignore_ascii_case(o.as_bytes());
        // The first byte rules out most openings before any comparison.
        let first = ascii.first().map_or(0, u8::to_ascii_lowercase);
        return OPENINGS
            .iter()
            .any(|o| o.as_bytes().first() == Some(&first) && opens(o))
            || opens("by ") && sentence.split_whitespace().count() <= 6;
    }
    let head: String = trimmed.chars().take(40).collect::<String>().to_lowercase();
    OPENINGS.iter().any(|o| head.starts_with(o))
        || head.starts_with("by ") && sentence.split_whitespace().count() <= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_and_links() {
        assert!(is_boilerplate("Reporting by Jane Roe; Editing by John Doe"));
        assert!(is_boilerplate("Related: Ukraine talks stall"));
        assert!(is_boilerplate("By Jane Roe and Ann Lee"));
        assert!(!is_boilerplate(
            "By Monday, Russia had withdrawn its troops from the border."
        ));
    }

    #[test]
    fn ascii_and_unicode_heads_agree() {
        assert!(is_boilerplate("  RELATED: talks"));
        assert!(is_boilerplate("\u{a9} 2025 Example News"));
        assert!(is_boilerplate("Copyright \u{e9}t\u{e9} 2025"));
        assert!(!is_boilerplate(
            "\u{c9}mile said by Monday the talks would resume."
        ));
    }
}
