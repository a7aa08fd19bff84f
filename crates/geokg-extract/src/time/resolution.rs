//! Resolution of temporal expressions to dates, relative to a publication date and the tense
//! of the clause. Vague expressions get the finest precision that is still true.

use super::mentions::{Amount, Part, Period, Shift, TimeKind, TimeMention, Unit};
use super::{Date, DateValue, Tense};

/// Which way an expression without a year or a modifier points from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// On or before the publication date.
    Back,
    /// On or after the publication date.
    Forward,
    /// Whichever is nearer (for month-and-day dates in present tense).
    Nearest,
}

/// The direction a tense gives to "on Tuesday", "in January", "6 August".
fn direction(tense: Tense) -> Direction {
    match tense {
        Tense::Past | Tense::PastPerfect | Tense::PresentPerfect => Direction::Back,
        Tense::Future => Direction::Forward,
        Tense::Present => Direction::Nearest,
    }
}

/// The finest [`DateValue`] containing every day from `start` to `end`: a day, a month, a
/// year, or nothing when the span crosses a year boundary.
pub fn covering(start: Date, end: Date) -> Option<DateValue> {
    if start == end {
        Some(DateValue::day(start))
    } else if (start.year, start.month) == (end.year, end.month) {
        DateValue::month(start.year, start.month)
    } else if start.year == end.year {
        Some(DateValue::year(start.year))
    } else {
        None
    }
}

/// The date a mention denotes relative to the publication date `reference` (None when it
/// cannot be resolved, e.g. a relative expression without a reference). `tense` decides
/// e.g. whether "on Tuesday" is the last or the next Tuesday.
pub fn resolve(mention: &TimeMention, reference: Option<Date>, tense: Tense) -> Option<DateValue> {
    resolve_kind(mention.kind, reference, tense)
}

/// [`resolve`] for a bare [`TimeKind`].
pub fn resolve_kind(kind: TimeKind, reference: Option<Date>, tense: Tense) -> Option<DateValue> {
    match kind {
        TimeKind::Date(d) => Some(DateValue::day(d)),
        TimeKind::MonthOfYear { year, month } => DateValue::month(year, month),
        TimeKind::Year(y) => Some(DateValue::year(y)),
        // A decade is not a year: no precision of DateValue is true for it.
        TimeKind::Decade(_) => None,
        TimeKind::MonthDay { month, day } => month_day(month, day, reference?, direction(tense)),
        TimeKind::DayOfMonth(day) => day_of_month(day, reference?, direction(tense)),
        TimeKind::Month { month, shift } => month_alone(month, shift, reference?, tense),
        TimeKind::Weekday { weekday, shift } => {
            weekday_date(weekday, shift, reference?, tense).map(DateValue::day)
        }
        TimeKind::DayOffset(n) => Some(DateValue::day(reference?.add_days(i64::from(n)))),
        TimeKind::Relative {
            period,
            offset,
            part,
        } => relative(period, offset, part, reference?, tense),
        TimeKind::Ago { unit, amount } => ago(unit, amount, reference?),
        // Needs the narrative's previous date, which only the sentence knows.
        TimeKind::DaysAfterPrevious(_) => None,
        TimeKind::Recent { days } => covering(reference?.add_days(-i64::from(days)), reference?),
    }
}

/// Days a month-and-day date may overshoot the publication date on the other side before
/// the year is moved ("on Aug. 7" in a past-tense report published on Aug. 6 is this year's,
/// a clock or time-zone lag, not last year's).
const DAY_SLACK: i64 = 7;

/// "6 August": the year putting the date on the side of `reference` the tense points to.
fn month_day(month: u8, day: u8, reference: Date, dir: Direction) -> Option<DateValue> {
    let ref_days = reference.to_days();
    let candidates = [reference.year - 1, reference.year, reference.year + 1]
        .map(|y| Date::new(y, month, day))
        .into_iter()
        .flatten()
        .map(|d| (d, d.to_days() - ref_days));
    let pick = match dir {
        Direction::Back => candidates.filter(|(_, delta)| *delta <= DAY_SLACK).max(),
        Direction::Forward => candidates.filter(|(_, delta)| *delta >= -DAY_SLACK).min(),
        Direction::Nearest => candidates.min_by_key(|(_, delta)| delta.abs()),
    };
    pick.map(|(d, _)| DateValue::day(d))
}

/// "on the 6th": that day of the publication month, or of the month before / after.
fn day_of_month(day: u8, reference: Date, dir: Direction) -> Option<DateValue> {
    let here = Date::new(reference.year, reference.month, day);
    let shifted = |months: i32| {
        let m = reference.add_months(months);
        Date::new(m.year, m.month, day)
    };
    let date = match (dir, here) {
        (Direction::Forward, Some(d)) if d >= reference => Some(d),
        (Direction::Forward, _) => shifted(1),
        (_, Some(d)) if d <= reference => Some(d),
        (Direction::Back, _) => shifted(-1),
        (Direction::Nearest, _) => here,
    };
    date.map(DateValue::day)
}

/// "in January", "last July", "next March", "this March".
fn month_alone(month: u8, shift: Shift, reference: Date, tense: Tense) -> Option<DateValue> {
    let (y, m) = (reference.year, reference.month);
    let year = match shift {
        Shift::This => y,
        Shift::Last => {
            if month < m {
                y
            } else {
                y - 1
            }
        }
        Shift::Next => {
            if month > m {
                y
            } else {
                y + 1
            }
        }
        Shift::Bare | Shift::By => match direction(tense) {
            Direction::Back if month > m => y - 1,
            Direction::Forward if month < m => y + 1,
            Direction::Nearest => nearest_year(month, m, y),
            _ => y,
        },
    };
    DateValue::month(year, month)
}

/// The year of `month` nearest to month `m` of year `y` (ties go to the past).
fn nearest_year(month: u8, m: u8, y: i32) -> i32 {
    let diff = i32::from(month) - i32::from(m);
    if diff > 6 {
        y - 1
    } else if diff < -6 {
        y + 1
    } else {
        y
    }
}

/// A weekday: the publication weekday itself counts as the publication day for a bare
/// weekday or "by"; "last"/"next" exclude it; "this" means the same week (Monday–Sunday).
fn weekday_date(weekday: u8, shift: Shift, reference: Date, tense: Tense) -> Option<Date> {
    let today = i64::from(reference.weekday());
    let w = i64::from(weekday);
    let back = (today - w).rem_euclid(7); // days since the last such weekday (0 = today)
    let ahead = (w - today).rem_euclid(7); // days to the next one (0 = today)
    let offset = match shift {
        Shift::Last => -(if back == 0 { 7 } else { back }),
        Shift::Next => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        Shift::This => w - today,
        Shift::By => ahead,
        Shift::Bare => match direction(tense) {
            Direction::Forward => ahead,
            Direction::Back => -back,
            // Present tense: "talks open on Friday" (ahead) or "says on Tuesday" (back).
            Direction::Nearest if ahead < back => ahead,
            Direction::Nearest => -back,
        },
    };
    Some(reference.add_days(offset))
}

/// First day of the Monday-to-Sunday week containing `d`.
fn week_start(d: Date) -> Date {
    d.add_days(-i64::from(d.weekday()))
}

/// "last week", "this month", "earlier this week", "over the weekend", "next year".
fn relative(
    period: Period,
    offset: i32,
    part: Part,
    reference: Date,
    tense: Tense,
) -> Option<DateValue> {
    let (start, end) = match period {
        Period::Year => return Some(DateValue::year(reference.year + offset)),
        Period::Month => {
            let d = reference.add_months(offset);
            return DateValue::month(d.year, d.month);
        }
        Period::Week => {
            let start = week_start(reference).add_days(7 * i64::from(offset));
            (start, start.add_days(6))
        }
        Period::Weekend => weekend(offset, reference, tense),
    };
    let (start, end) = if offset != 0 {
        (start, end)
    } else {
        match (part, direction(tense)) {
            (Part::Earlier, _) => (start, reference.add_days(-1).max(start)),
            (Part::Later, _) => (reference.add_days(1).min(end), end),
            (Part::Whole, Direction::Back) => (start, reference.min(end)),
            (Part::Whole, Direction::Forward) => (reference.max(start), end),
            (Part::Whole, Direction::Nearest) => (start, end),
        }
    };
    covering(start, end)
}

/// The Saturday and Sunday meant by "the weekend" (offset 0: the one under way or just past,
/// or the coming one in future tense), "last weekend" (-1) or "next weekend" (1).
fn weekend(offset: i32, reference: Date, tense: Tense) -> (Date, Date) {
    let saturday = week_start(reference).add_days(5);
    let started = reference >= saturday;
    let sat = match offset {
        0 if started || tense == Tense::Future => saturday,
        0 => saturday.add_days(-7),
        o if o < 0 => saturday.add_days(7 * i64::from(o)),
        o if started => saturday.add_days(7 * i64::from(o)),
        o => saturday.add_days(7 * i64::from(o - 1)),
    };
    (sat, sat.add_days(1))
}

/// "two days ago", "three-and-a-half years ago", "a few weeks ago".
fn ago(unit: Unit, amount: Amount, reference: Date) -> Option<DateValue> {
    let (lo, hi) = (i64::from(amount.low_halves), i64::from(amount.high_halves));
    let exact = lo == hi;
    match unit {
        Unit::Hour => (hi <= 24).then_some(DateValue::day(reference)),
        Unit::Day => covering(
            reference.add_days(-(hi + 1) / 2),
            reference.add_days(-lo / 2),
        ),
        // A week counted back is rough: allow three days either way.
        Unit::Week => covering(
            reference.add_days(-hi * 7 / 2 - 3),
            reference.add_days(-lo * 7 / 2 + 3),
        ),
        Unit::Month => {
            let point = |h: i64| {
                reference
                    .add_months(-(h / 2) as i32)
                    .add_days(-15 * (h % 2))
            };
            let (a, b) = (point(hi), point(lo));
            if exact {
                DateValue::month(a.year, a.month)
            } else {
                covering(a, b)
            }
        }
        Unit::Year => {
            let point = |h: i64| reference.add_months(-(h * 6) as i32);
            let (a, b) = (point(hi), point(lo));
            if exact || a.year == b.year {
                Some(DateValue::year(a.year))
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::mentions::find_time_mentions;
    use super::*;

    /// Wednesday, 6 August 2025.
    fn wed() -> Date {
        Date::new(2025, 8, 6).expect("valid")
    }

    fn r(text: &str, published: Date, tense: Tense) -> Option<String> {
        let m = find_time_mentions(text);
        resolve(m.first()?, Some(published), tense).map(|v| v.to_string())
    }

    fn past(text: &str) -> Option<String> {
        r(text, wed(), Tense::Past)
    }

    #[test]
    fn day_words_and_weekdays() {
        assert_eq!(past("yesterday").as_deref(), Some("2025-08-05"));
        assert_eq!(
            past("the day before yesterday").as_deref(),
            Some("2025-08-04")
        );
        assert_eq!(
            r("tomorrow", wed(), Tense::Future).as_deref(),
            Some("2025-08-07")
        );
        assert_eq!(past("last night").as_deref(), Some("2025-08-05"));
        assert_eq!(past("tonight").as_deref(), Some("2025-08-06"));
        assert_eq!(past("on Tuesday").as_deref(), Some("2025-08-05"));
        assert_eq!(
            past("on Wednesday").as_deref(),
            Some("2025-08-06"),
            "publication weekday = publication day"
        );
        assert_eq!(past("on Thursday").as_deref(), Some("2025-07-31"));
        assert_eq!(
            r("on Friday", wed(), Tense::Future).as_deref(),
            Some("2025-08-08")
        );
        assert_eq!(
            r("on Monday", wed(), Tense::Future).as_deref(),
            Some("2025-08-11")
        );
        assert_eq!(
            r("by Friday", wed(), Tense::Past).as_deref(),
            Some("2025-08-08")
        );
        assert_eq!(past("last Wednesday").as_deref(), Some("2025-07-30"));
        assert_eq!(
            r("next Friday", wed(), Tense::Future).as_deref(),
            Some("2025-08-08")
        );
        assert_eq!(
            r("this Friday", wed(), Tense::Future).as_deref(),
            Some("2025-08-08")
        );
        assert_eq!(past("Sunday's election").as_deref(), Some("2025-08-03"));
        assert_eq!(past("two days ago").as_deref(), Some("2025-08-04"));
    }

    #[test]
    fn explicit_and_month_dates() {
        assert_eq!(past("on 6 August").as_deref(), Some("2025-08-06"));
        assert_eq!(past("on Dec. 30").as_deref(), Some("2024-12-30"));
        assert_eq!(
            past("on Aug. 9").as_deref(),
            Some("2025-08-09"),
            "a lag, not last year"
        );
        assert_eq!(past("on Aug. 20").as_deref(), Some("2024-08-20"));
        assert_eq!(
            r("on Friday", wed(), Tense::Present).as_deref(),
            Some("2025-08-08")
        );
        assert_eq!(
            r("on Monday", wed(), Tense::Present).as_deref(),
            Some("2025-08-04")
        );
        assert_eq!(
            r("on Jan. 3", wed(), Tense::Future).as_deref(),
            Some("2026-01-03")
        );
        assert_eq!(
            r("on Aug. 8", wed(), Tense::Present).as_deref(),
            Some("2025-08-08")
        );
        assert_eq!(past("in January").as_deref(), Some("2025-01"));
        assert_eq!(past("in September").as_deref(), Some("2024-09"));
        assert_eq!(
            r("in September", wed(), Tense::Future).as_deref(),
            Some("2025-09")
        );
        assert_eq!(
            r("in January", wed(), Tense::Future).as_deref(),
            Some("2026-01")
        );
        assert_eq!(past("last July").as_deref(), Some("2025-07"));
        assert_eq!(past("last August").as_deref(), Some("2024-08"));
        assert_eq!(
            r("next March", wed(), Tense::Future).as_deref(),
            Some("2026-03")
        );
        assert_eq!(past("in January 2024").as_deref(), Some("2024-01"));
        assert_eq!(past("in 2024").as_deref(), Some("2024"));
        assert_eq!(past("in the 1990s"), None, "a decade has no true DateValue");
        assert_eq!(past("on the 2nd, talks").as_deref(), Some("2025-08-02"));
        assert_eq!(past("on the 20th, talks").as_deref(), Some("2025-07-20"));
        assert_eq!(
            r("on the 20th, talks", wed(), Tense::Future).as_deref(),
            Some("2025-08-20")
        );
    }

    #[test]
    fn periods_get_a_true_precision() {
        assert_eq!(
            past("last week").as_deref(),
            Some("2025"),
            "28 Jul–3 Aug spans two months"
        );
        let thu = Date::new(2025, 8, 21).expect("valid");
        assert_eq!(r("last week", thu, Tense::Past).as_deref(), Some("2025-08"));
        assert_eq!(
            r("earlier this week", thu, Tense::Past).as_deref(),
            Some("2025-08")
        );
        assert_eq!(past("earlier this month").as_deref(), Some("2025-08"));
        assert_eq!(past("last month").as_deref(), Some("2025-07"));
        assert_eq!(past("last year").as_deref(), Some("2024"));
        assert_eq!(past("this year").as_deref(), Some("2025"));
        assert_eq!(
            r("next year", wed(), Tense::Future).as_deref(),
            Some("2026")
        );
        assert_eq!(
            past("over the weekend").as_deref(),
            Some("2025-08"),
            "2–3 August"
        );
        assert_eq!(past("three-and-a-half years ago").as_deref(), Some("2022"));
        assert_eq!(past("10 years ago").as_deref(), Some("2015"));
        assert_eq!(past("two months ago").as_deref(), Some("2025-06"));
        assert_eq!(
            r("a week ago", thu, Tense::Past).as_deref(),
            Some("2025-08")
        );
        assert_eq!(past("a few years ago"), None);
        assert_eq!(past("this morning").as_deref(), Some("2025-08-06"));
        let jan2 = Date::new(2026, 1, 2).expect("valid");
        assert_eq!(
            r("last week", jan2, Tense::Past).as_deref(),
            Some("2025-12"),
            "22–28 Dec"
        );
        assert_eq!(
            r("earlier this week", jan2, Tense::Past),
            None,
            "29 Dec–1 Jan crosses a year"
        );
    }

    #[test]
    fn no_reference_no_relative_date() {
        let m = find_time_mentions("yesterday and August 6, 2025");
        assert_eq!(resolve(&m[0], None, Tense::Past), None);
        assert_eq!(
            resolve(&m[1], None, Tense::Past)
                .map(|v| v.to_string())
                .as_deref(),
            Some("2025-08-06")
        );
    }
}
