//! Temporal expressions as found in text, before they are resolved against a publication date.

use super::Date;
use super::mention_absolute as absolute;
use super::mention_relative as relative;
use super::scan_words::{Tok, month, tokenize, weekday, weekday_abbr};

/// A temporal expression found in a text (byte offsets into the text given).
#[derive(Debug, Clone, PartialEq)]
pub struct TimeMention {
    /// Byte offset of the expression's first character.
    pub start: usize,
    /// Byte offset just past the expression's last character.
    pub end: usize,
    /// What the expression says.
    pub kind: TimeKind,
}

/// Which way an expression without a year points from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// No modifier ("on Tuesday", "in January"): the tense of the clause decides.
    Bare,
    /// "last Tuesday", "last July": strictly before the publication day / month.
    Last,
    /// "this Friday", "this March": the one in the current week / year.
    This,
    /// "next Friday", "next March": strictly after the publication day / month.
    Next,
    /// "by Friday": a deadline, on or after the publication day.
    By,
}

/// A unit for amounts of time counted back from the publication date ("two days ago").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Hours (and minutes, counted as zero hours).
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
}

/// A calendar period relative to the publication date ("last week", "this month").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// A Monday-to-Sunday week.
    Week,
    /// A Saturday-Sunday weekend.
    Weekend,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

/// Which part of a current period an expression means ("earlier this week").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The whole period (clipped to the side of the publication date the tense points to).
    Whole,
    /// The part before the publication day.
    Earlier,
    /// The part after the publication day.
    Later,
}

/// An amount of time, possibly vague, in half units: "three-and-a-half" is 7..=7,
/// "a few" is 4..=10 (two to five).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    /// The smallest amount meant, in halves.
    pub low_halves: u32,
    /// The largest amount meant, in halves.
    pub high_halves: u32,
}

/// What a temporal expression denotes, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    /// A full calendar date ("August 6, 2025", "6 August 2025", "2025-08-06").
    Date(Date),
    /// A day of a month without a year ("6 August", "Aug. 6", "Sept. 30").
    MonthDay {
        /// Month, 1–12.
        month: u8,
        /// Day of the month.
        day: u8,
    },
    /// A day of the month alone ("on the 6th").
    DayOfMonth(u8),
    /// A month of a given year ("January 2024", "August 6-7, 2025").
    MonthOfYear {
        /// The year.
        year: i32,
        /// Month, 1–12.
        month: u8,
    },
    /// A month without a year ("in January", "last July", "next March", "mid-August").
    Month {
        /// Month, 1–12.
        month: u8,
        /// Direction from the publication month.
        shift: Shift,
    },
    /// A calendar year ("in 2024").
    Year(i32),
    /// A decade, by its first year ("the 1990s"); it resolves to no date.
    Decade(i32),
    /// A day of the week ("on Tuesday", "Sunday's", "next Friday", "by Friday").
    Weekday {
        /// 0 = Monday … 6 = Sunday.
        weekday: u8,
        /// Direction from the publication day.
        shift: Shift,
    },
    /// A day counted from the publication day: "today"/"tonight"/"this morning" 0,
    /// "yesterday"/"last night" -1, "tomorrow" 1, "the day before yesterday" -2.
    DayOffset(i32),
    /// A calendar period counted from the publication date ("last week" = Week, -1;
    /// "earlier this month" = Month, 0, Earlier; "over the weekend" = Weekend, 0).
    Relative {
        /// The kind of period.
        period: Period,
        /// Periods after (positive) or before (negative) the current one.
        offset: i32,
        /// Which part of the period.
        part: Part,
    },
    /// An amount of time back from the publication date ("two days ago", "a week ago",
    /// "three-and-a-half years ago", "a few days ago").
    Ago {
        /// The unit counted.
        unit: Unit,
        /// How many units.
        amount: Amount,
    },
    /// The last few days up to the publication day ("the past week" = 7, "the last two days").
    Recent {
        /// Length of the span in days.
        days: u32,
    },
    /// Days after (negative: before) the previous date of the narrative ("the next day" 1,
    /// "two days later" 2, "the previous day" -1). [`resolve`](super::resolve) gives `None`;
    /// [`event_date`](super::event_date) counts from the previous date in the sentence.
    DaysAfterPrevious(i32),
}

/// A recognizer: the token index just past the expression starting at `i`, and its kind.
pub(super) type Pattern = fn(&[Tok], usize) -> Option<(usize, TimeKind)>;

/// Whether any pattern can start at `tok`: every one starts with an ASCII digit (dates, years,
/// amounts), a capitalised month or weekday name (or their abbreviations) or one of the words
/// below (any case; for "today's" and the like also without the possessive). Others are
/// skipped without trying the patterns.
fn may_start(tok: &Tok) -> bool {
    fn starter(w: &str) -> bool {
        matches!(
            w,
            "a" | "an"
                | "by"
                | "couple"
                | "dozen"
                | "earlier"
                | "few"
                | "half"
                | "last"
                | "later"
                | "next"
                | "several"
                | "the"
                | "this"
                | "today"
                | "tomorrow"
                | "tonight"
                | "yesterday"
                | "zero"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "thirteen"
                | "fourteen"
                | "fifteen"
                | "sixteen"
                | "seventeen"
                | "eighteen"
                | "nineteen"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "sixty"
                | "seventy"
                | "eighty"
                | "ninety"
        )
    }
    tok.text.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || starter(tok.lower)
        || tok.possessive() && starter(tok.lower_stem())
        || tok.capitalized()
            && (month(tok).is_some() || weekday(tok).is_some() || weekday_abbr(tok).is_some())
}

/// The recognizers, in order of preference.
const PATTERNS: [Pattern; 12] = [
    absolute::iso_date,
    absolute::weekday_then_date,
    relative::modified,
    absolute::month_first,
    absolute::day_first,
    absolute::day_of_month,
    absolute::year_or_decade,
    relative::day_words,
    relative::weekend,
    relative::ago,
    relative::narrative,
    relative::bare_weekday,
];

/// All temporal expressions in `text`, in order, without overlaps (one left-to-right pass,
/// the first pattern matching at a token wins).
pub fn find_time_mentions(text: &str) -> Vec<TimeMention> {
    let lower = text.to_ascii_lowercase();
    let toks = tokenize(text, &lower);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !may_start(&toks[i]) {
            i += 1;
            continue;
        }
        match PATTERNS.iter().find_map(|p| p(&toks, i)) {
            Some((end, kind)) if end > i => {
                out.push(TimeMention {
                    start: toks[i].start,
                    end: toks[end - 1].end,
                    kind,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, TimeKind)> {
        find_time_mentions(text)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.kind))
            .collect()
    }

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).expect("valid")
    }

    /// [`may_start`] only skips tokens where no pattern matches.
    #[test]
    fn tokens_skipped_by_may_start_start_no_pattern() {
        let texts = [
            "On Monday, Sept. 30 and Wed, Aug. 6, 2025 the talks of 2025-08-06 resumed.",
            "Three-and-a-half years ago, a few days ago, A dozen weeks ago, Several months ago.",
            "Last week, Earlier this month, Later this year, The past two days, This morning.",
            "Today's talks, Yesterday, Tomorrow, Tonight, the day before yesterday.",
            "The next day, Two days later, the 1990s, in '90s, in 2024, mid-August, By Friday.",
            "USA Today said on the 6th that Monday's vote, Next March and last July mattered.",
            "Half a year ago, A couple of weeks ago, Twenty-five years ago, 1.5 years ago.",
            "In January 2024 the Minister met Xi in Beijing; MARCH 3, Mon 4 Feb 2025, Fri.",
        ];
        for text in texts {
            let lower = text.to_ascii_lowercase();
            let toks = tokenize(text, &lower);
            for i in 0..toks.len() {
                if !may_start(&toks[i]) {
                    let hit = PATTERNS.iter().find_map(|p| p(&toks, i));
                    assert!(hit.is_none(), "{:?} at {:?} in {text:?}", hit, toks[i].text);
                }
            }
            assert!(!find_time_mentions(text).is_empty());
        }
    }

    #[test]
    fn explicit_dates_in_common_forms() {
        let k = kinds(
            "Talks on August 6, 2025 and 7 August 2025 followed 2025-08-06 and Sept. 30 and 6 August.",
        );
        assert_eq!(
            k[0],
            ("August 6, 2025".into(), TimeKind::Date(date(2025, 8, 6)))
        );
        assert_eq!(
            k[1],
            ("7 August 2025".into(), TimeKind::Date(date(2025, 8, 7)))
        );
        assert_eq!(
            k[2],
            ("2025-08-06".into(), TimeKind::Date(date(2025, 8, 6)))
        );
        assert_eq!(
            k[3],
            ("Sept. 30".into(), TimeKind::MonthDay { month: 9, day: 30 })
        );
        assert_eq!(
            k[4],
            ("6 August".into(), TimeKind::MonthDay { month: 8, day: 6 })
        );
        assert_eq!(k.len(), 5);
    }

    #[test]
    fn months_years_and_decades() {
        let k = kinds(
            "It began in January 2024, resumed last July, ends next March and in 2026; in the 1990s.",
        );
        assert_eq!(
            k[0].1,
            TimeKind::MonthOfYear {
                year: 2024,
                month: 1
            }
        );
        assert_eq!(
            k[1],
            (
                "last July".into(),
                TimeKind::Month {
                    month: 7,
                    shift: Shift::Last
                }
            )
        );
        assert_eq!(
            k[2],
            (
                "next March".into(),
                TimeKind::Month {
                    month: 3,
                    shift: Shift::Next
                }
            )
        );
        assert_eq!(k[3].1, TimeKind::Year(2026));
        assert_eq!(k[4].1, TimeKind::Decade(1990));
    }

    #[test]
    fn names_and_counts_are_not_dates() {
        assert!(
            kinds("Theresa May met April Smith; 2000 troops and 12 tanks may march.").is_empty()
        );
        assert!(kinds("He spent 2024 dollars on Good Friday.").is_empty());
    }

    #[test]
    fn relative_expressions() {
        let k = kinds(
            "Yesterday, the day before yesterday, on Tuesday, by Friday, last week, two days ago.",
        );
        let got: Vec<TimeKind> = k.into_iter().map(|(_, k)| k).collect();
        assert_eq!(
            got,
            [
                TimeKind::DayOffset(-1),
                TimeKind::DayOffset(-2),
                TimeKind::Weekday {
                    weekday: 1,
                    shift: Shift::Bare
                },
                TimeKind::Weekday {
                    weekday: 4,
                    shift: Shift::By
                },
                TimeKind::Relative {
                    period: Period::Week,
                    offset: -1,
                    part: Part::Whole
                },
                TimeKind::Ago {
                    unit: Unit::Day,
                    amount: Amount {
                        low_halves: 4,
                        high_halves: 4
                    }
                },
            ]
        );
    }

    #[test]
    fn spans_are_byte_offsets() {
        let text = "Über Sunday’s election";
        let m = find_time_mentions(text);
        assert_eq!(&text[m[0].start..m[0].end], "Sunday’s");
        assert_eq!(
            m[0].kind,
            TimeKind::Weekday {
                weekday: 6,
                shift: Shift::Bare
            }
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::time::{Tense, event_date, resolve};

    proptest! {
        #[test]
        fn mentions_are_ordered_disjoint_char_spans(text in "[ a-zA-Z0-9,.'’\\-/:é]{0,80}") {
            let mentions = find_time_mentions(&text);
            let mut last = 0;
            for m in &mentions {
                prop_assert!(m.start >= last && m.start < m.end && m.end <= text.len());
                prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                last = m.end;
                let _ = resolve(m, Date::new(2025, 8, 6), Tense::Future);
            }
            let _ = event_date(&text, 0..text.len() / 2, Tense::Past, Date::new(2025, 8, 6));
        }

        #[test]
        fn written_dates_round_trip(days in -40_000i64..40_000) {
            const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December"];
            let d = Date::from_days(days);
            prop_assume!((1800..2200).contains(&d.year));
            let month = MONTHS[usize::from(d.month - 1)];
            for text in [format!("on {month} {}, {}", d.day, d.year), format!("on {} {month} {}", d.day, d.year), d.to_string()] {
                let m = find_time_mentions(&text);
                prop_assert_eq!(m.first().map(|m| m.kind), Some(TimeKind::Date(d)), "{}", text);
            }
        }
    }
}
