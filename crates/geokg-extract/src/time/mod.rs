//! Dates: calendar arithmetic, precision, temporal expressions in text, and their resolution
//! against a publication date (see `docs/time.md`).
//!
//! [`find_time_mentions`] finds expressions ("August 6, 2025", "last week", "on Tuesday"),
//! [`resolve`] turns one into a [`DateValue`] given the publication date and the clause's
//! [`Tense`], [`event_date`] picks the date of an event from its sentence, and
//! [`dateline_date`] reads the publication date from the head of an article body, and
//! [`story_date`] the day its news happened (for [`event_date_in_story`]).

mod clause_reach;
mod date;
mod date_cues;
mod dateline_parse;
mod event_dating;
mod mention_absolute;
mod mention_relative;
mod mentions;
mod resolution;
mod scan_words;
mod story_focus;

pub use date::{Date, DateParseError, DateValue, Precision, days_in_month};
pub use dateline_parse::dateline_date;
pub use event_dating::{event_date, event_date_among, event_date_in_story};
pub use mentions::{Amount, Part, Period, Shift, TimeKind, TimeMention, Unit, find_time_mentions};
pub use resolution::{covering, resolve, resolve_kind};
pub use story_focus::story_date;

/// Grammatical time of an event's verb group, as the event extractor reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Simple past ("attacked").
    Past,
    /// Present perfect ("has attacked").
    PresentPerfect,
    /// Simple or progressive present ("attacks", "is attacking").
    Present,
    /// Past perfect ("had attacked"): background, before the reported time.
    PastPerfect,
    /// Future or intention ("will attack", "is to attack").
    Future,
}
