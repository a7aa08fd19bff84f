//! The publication date in a dateline or date line at the head of an article body.

use super::Date;
use super::mentions::{TimeKind, find_time_mentions};

/// Marks that end a dateline ("MOSCOW, Aug. 6, 2025 (Reuters) - …", "KYIV, Aug. 6, 2025 — …").
const SEPARATORS: [&str; 7] = ["(Reuters)", "(AP)", "(AFP)", " — ", " – ", " - ", " -- "];

/// Lines at most this long (bytes) are header lines, not paragraphs.
const SHORT_LINE: usize = 120;

/// How many leading non-empty lines may hold the date line.
const HEAD_LINES: usize = 4;

/// Lower-case words allowed before the date in a date line ("Updated on", "Published").
const LEAD_WORDS: [&str; 10] = [
    "published",
    "updated",
    "posted",
    "modified",
    "last",
    "on",
    "at",
    "by",
    "date",
    "and",
];

/// The publication date given by a dateline or date line at the head of an article body:
/// "Wednesday, 6 August 2025", "August 6, 2025", "2025-08-06", "Updated: Aug. 6, 2025 10:32 a.m. ET",
/// "WASHINGTON, Aug. 6, 2025 (Reuters) -". A date without a year ("MOSCOW, Aug 6 (Reuters) -"),
/// a day-first slashed date ("06/08/2025") or a date inside a sentence gives `None`.
pub fn dateline_date(head: &str) -> Option<Date> {
    for line in head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
    {
        let cut = SEPARATORS
            .iter()
            .filter_map(|s| line.find(s))
            .min()
            .map(|at| close_paren(line, at));
        let segment = match cut {
            Some(at) if at <= SHORT_LINE => &line[..at],
            _ if line.len() <= SHORT_LINE => line,
            _ => return None, // a paragraph: the body has begun
        };
        if let Some(date) = header_date(segment) {
            return Some(date);
        }
        if cut.is_some() {
            return None; // a dateline without a full date
        }
    }
    None
}

/// `at`, or the end of a parenthesis open before `at` ("Jakarta, (Point News - 13th Apr, 2023 ) :").
fn close_paren(line: &str, at: usize) -> usize {
    let open = line[..at]
        .rfind('(')
        .filter(|&o| !line[o..at].contains(')'));
    open.and_then(|o| line[o..].find(')').map(|c| o + c + 1))
        .unwrap_or(at)
}

/// The first full date of a header segment, if only names, capitals and header words precede it.
fn header_date(segment: &str) -> Option<Date> {
    let mention = find_time_mentions(segment)
        .into_iter()
        .find(|m| matches!(m.kind, TimeKind::Date(_)))?;
    let lead = segment.get(..mention.start)?;
    let header_like = lead
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()) || LEAD_WORDS.contains(&w));
    match mention.kind {
        TimeKind::Date(d) if header_like => Some(d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Option<String> {
        dateline_date(text).map(|d| d.to_string())
    }

    #[test]
    fn date_lines_and_datelines() {
        let want = Some("2025-08-06".to_string());
        assert_eq!(d("Wednesday, 6 August 2025\n\nRussia said …"), want);
        assert_eq!(d("August 6, 2025\nRussia said …"), want);
        assert_eq!(d("2025-08-06\nRussia said …"), want);
        assert_eq!(
            d("By Jane Doe\nUpdated: Aug. 6, 2025 10:32 a.m. ET\n\nRussia said …"),
            want
        );
        assert_eq!(
            d("WASHINGTON, Aug. 6, 2025 (Reuters) - The United States said …"),
            want
        );
        assert_eq!(d("KYIV, 6 August 2025 — Ukraine said …"), want);
        assert_eq!(
            d("Jakarta, (Point News - 6th Aug, 2025 ) :The bloc said …"),
            want
        );
    }

    #[test]
    fn no_year_or_sentence_dates_are_not_publication_dates() {
        assert_eq!(
            d("MOSCOW, Aug 6 (Reuters) - Russia said on Wednesday …"),
            None
        );
        assert_eq!(d("06/08/2025\nText"), None);
        assert_eq!(d("Talks resume on August 15, 2025.\nMore text"), None);
        let paragraph = "Israel has continued its war on the Gaza Strip, which has killed many people, since a Hamas attack on October 7, 2023.";
        assert_eq!(d(paragraph), None);
    }
}
