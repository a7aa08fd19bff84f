//! Dates: calendar arithmetic, precision, and resolution of temporal expressions against a
//! publication date.

mod date;

pub use date::{Date, DateParseError, DateValue, Precision, days_in_month};

/// The publication date given by a dateline at the start of an article body
/// ("MOSCOW, Aug 6 (Reuters) -", "Wednesday, 6 August 2025"), when it names a full date.
pub fn dateline_date(head: &str) -> Option<Date> {
    // First version: ISO dates only; the temporal-expression module extends this.
    head.split_whitespace().take(12).find_map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-').parse().ok())
}
