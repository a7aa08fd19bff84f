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
    let head: String = sentence
        .trim_start()
        .chars()
        .take(40)
        .collect::<String>()
        .to_lowercase();
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
}
