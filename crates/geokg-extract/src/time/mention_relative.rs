//! Patterns for expressions relative to the publication date: "yesterday", "last week",
//! "next Friday", "two days ago", "over the weekend", "on Tuesday".

use super::mentions::{Amount, Part, Period, Shift, TimeKind, Unit};
use super::scan_words::{Tok, cardinal, digits, month, weekday};

/// Parts of a day that may follow a day word ("Tuesday night", "yesterday morning").
const DAY_PARTS: [&str; 5] = ["morning", "afternoon", "evening", "night", "overnight"];

/// Capitalized words that turn a weekday into a holiday or a name ("Good Friday").
const HOLIDAY_PREFIXES: [&str; 9] = [
    "good", "black", "bloody", "ash", "palm", "holy", "cyber", "easter", "super",
];

/// Token `i` if it exists.
fn at<'t, 'a>(toks: &'t [Tok<'a>], i: usize) -> Option<&'t Tok<'a>> {
    toks.get(i)
}

/// Index after an optional part of the day at `i` ("night" in "Tuesday night").
fn day_part(toks: &[Tok], i: usize) -> usize {
    if at(toks, i).is_some_and(|t| t.is_any(&DAY_PARTS)) {
        i + 1
    } else {
        i
    }
}

/// The calendar period a word names ("week", "weekend", "month", "year").
fn period(tok: &Tok) -> Option<Period> {
    match tok.lower_stem() {
        "week" => Some(Period::Week),
        "weekend" => Some(Period::Weekend),
        "month" => Some(Period::Month),
        "year" => Some(Period::Year),
        _ => None,
    }
}

/// The unit a (possibly plural) word names ("days" → Day).
fn unit(tok: &Tok) -> Option<Unit> {
    let lower = tok.lower;
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    match singular {
        "hour" | "minute" => Some(Unit::Hour),
        "day" => Some(Unit::Day),
        "week" => Some(Unit::Week),
        "month" => Some(Unit::Month),
        "year" => Some(Unit::Year),
        _ => None,
    }
}

/// "last/this/next/coming/past …": weekdays, months, periods, "last night", "this morning",
/// "the past week", "the last two days", "earlier/later this week".
pub(super) fn modified(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let first = at(toks, i)?;
    if first.is_any(&["earlier", "later"]) {
        let this = at(toks, i + 1)?;
        let p = period(at(toks, i + 2)?)?;
        let part = if first.is("earlier") {
            Part::Earlier
        } else {
            Part::Later
        };
        return (this.is("this") && p != Period::Weekend).then_some((
            i + 3,
            TimeKind::Relative {
                period: p,
                offset: 0,
                part,
            },
        ));
    }
    let article = first.is("the");
    let m = if article { i + 1 } else { i };
    let modifier = at(toks, m)?;
    let shift = match modifier.lower {
        "last" => Shift::Last,
        "past" if article => Shift::Last,
        "this" if !article => Shift::This,
        "next" if !article => Shift::Next,
        _ => return None,
    };
    let next = at(toks, m + 1)?;
    if article {
        return recent(toks, m + 1);
    }
    if let Some(w) = weekday(next) {
        return Some((
            day_part(toks, m + 2),
            TimeKind::Weekday { weekday: w, shift },
        ));
    }
    if let Some((mo, false)) = month(next) {
        return Some((m + 2, TimeKind::Month { month: mo, shift }));
    }
    if let Some(p) = period(next) {
        let offset = match shift {
            Shift::Last => -1,
            Shift::Next => 1,
            _ => 0,
        };
        return Some((
            m + 2,
            TimeKind::Relative {
                period: p,
                offset,
                part: Part::Whole,
            },
        ));
    }
    match (shift, next.lower) {
        (Shift::Last, "night" | "evening") => Some((m + 2, TimeKind::DayOffset(-1))),
        (Shift::This, "morning" | "afternoon" | "evening") => Some((m + 2, TimeKind::DayOffset(0))),
        _ => None,
    }
}

/// "the past week", "the last two days", "the past few days" (after "the past/last").
fn recent(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let tok = at(toks, i)?;
    let (n, j) = if tok.is("few") {
        (5, i + 1)
    } else if let Some(n) = cardinal(tok).filter(|_| !tok.is_any(&["a", "an"])) {
        (n, i + 1)
    } else {
        (1, i)
    };
    let days_per = match unit(at(toks, j)?)? {
        Unit::Day => 1,
        Unit::Week => 7,
        _ => return None,
    };
    let days = n.checked_mul(days_per)?;
    (days <= 31).then_some((j + 1, TimeKind::Recent { days }))
}

/// "today", "tonight", "yesterday (morning)", "tomorrow", "the day before yesterday",
/// "the day after tomorrow".
pub(super) fn day_words(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let tok = at(toks, i)?;
    let offset = match tok.lower_stem() {
        "today" | "tonight" => {
            let newspaper = i
                .checked_sub(1)
                .and_then(|p| at(toks, p))
                .is_some_and(|t| t.capitalized());
            if newspaper && tok.capitalized() {
                return None; // "USA Today", "Russia Today"
            }
            0
        }
        "yesterday" => -1,
        "tomorrow" => 1,
        "the" => {
            let (day, rel, anchor) = (at(toks, i + 1)?, at(toks, i + 2)?, at(toks, i + 3)?);
            return match (day.is("day"), rel.lower, anchor.stem()) {
                (true, "before", a) if a.eq_ignore_ascii_case("yesterday") => {
                    Some((i + 4, TimeKind::DayOffset(-2)))
                }
                (true, "after", a) if a.eq_ignore_ascii_case("tomorrow") => {
                    Some((i + 4, TimeKind::DayOffset(2)))
                }
                _ => None,
            };
        }
        _ => return None,
    };
    Some((day_part(toks, i + 1), TimeKind::DayOffset(offset)))
}

/// "over/at/on the weekend", "the weekend's": the weekend nearest the publication date.
pub(super) fn weekend(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let (the, w) = (at(toks, i)?, at(toks, i + 1)?);
    let kind = TimeKind::Relative {
        period: Period::Weekend,
        offset: 0,
        part: Part::Whole,
    };
    (the.is("the") && w.stem().eq_ignore_ascii_case("weekend")).then_some((i + 2, kind))
}

/// An amount of time at `i`: index after it and the amount in halves
/// ("three", "a", "twenty-five", "three-and-a-half", "1.5", "a few", "several", "a couple of").
fn amount(toks: &[Tok], i: usize) -> Option<(usize, Amount)> {
    let tok = at(toks, i)?;
    let exact = |j: usize, halves: u32| {
        Some((
            j,
            Amount {
                low_halves: halves,
                high_halves: halves,
            },
        ))
    };
    let vague = |j: usize, low: u32, high: u32| {
        Some((
            j,
            Amount {
                low_halves: 2 * low,
                high_halves: 2 * high,
            },
        ))
    };
    let next = at(toks, i + 1);
    if tok.is("half") && next.is_some_and(|t| t.is_any(&["a", "an"])) {
        return exact(i + 2, 1);
    }
    if tok.is("several") {
        return vague(i + 1, 3, 7);
    }
    if tok.is("few") || (tok.is("a") && next.is_some_and(|t| t.is("few"))) {
        return vague(if tok.is("a") { i + 2 } else { i + 1 }, 2, 5);
    }
    if tok.is("couple") || (tok.is("a") && next.is_some_and(|t| t.is("couple"))) {
        let j = if tok.is("a") { i + 2 } else { i + 1 };
        let j = if at(toks, j).is_some_and(|t| t.is("of")) {
            j + 1
        } else {
            j
        };
        return vague(j, 2, 3);
    }
    let mut n = cardinal(tok)?;
    let mut j = i + 1;
    if tok.is("a") && next.is_some_and(|t| t.is("dozen")) {
        n = 12;
        j += 1;
    }
    // "twenty-five"
    let units = at(toks, j + 1)
        .and_then(cardinal)
        .filter(|u| (1..10).contains(u));
    if let Some(units) =
        units.filter(|_| n >= 20 && n % 10 == 0 && at(toks, j).is_some_and(|t| t.text == "-"))
    {
        n += units;
        j += 2;
    }
    // "1.5"
    if at(toks, j).is_some_and(|t| t.text == "." && !t.spaced)
        && at(toks, j + 1).is_some_and(|t| !t.spaced && digits(t.text, 1) == Some(5))
    {
        return exact(j + 2, 2 * n + 1);
    }
    let (j, half) = and_a_half(toks, j);
    exact(j, 2 * n + u32::from(half))
}

/// "and a half" / "-and-a-half" at `i`: index after it and whether it was there.
fn and_a_half(toks: &[Tok], i: usize) -> (usize, bool) {
    let words: Vec<&Tok> = toks
        .iter()
        .skip(i)
        .filter(|t| t.text != "-")
        .take(3)
        .collect();
    let is_half = words.len() == 3
        && words[0].is("and")
        && words[1].is_any(&["a", "an"])
        && words[2].is("half");
    if !is_half {
        return (i, false);
    }
    let mut j = i;
    let mut seen = 0;
    while seen < 3 {
        if toks[j].text != "-" {
            seen += 1;
        }
        j += 1;
    }
    (j, true)
}

/// "two days ago", "a week ago", "three-and-a-half years ago", "a year and a half ago",
/// "a few days ago", "10 years ago".
pub(super) fn ago(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let (j, mut amount) = amount(toks, i)?;
    let unit_tok = at(toks, j)?;
    let fortnight = unit_tok.is_any(&["fortnight", "fortnights"]);
    let u = if fortnight {
        Unit::Week
    } else {
        unit(unit_tok)?
    };
    let (k, half) = and_a_half(toks, j + 1);
    if half {
        amount.low_halves += 1;
        amount.high_halves += 1;
    }
    if fortnight {
        amount.low_halves *= 2;
        amount.high_halves *= 2;
    }
    if !at(toks, k)?.is("ago") || amount.high_halves > 400 {
        return None;
    }
    Some((k + 1, TimeKind::Ago { unit: u, amount }))
}

/// "the next day", "the following day", "the previous day", "the day before/after" (at the end
/// of a phrase), "two days later", "a day earlier": days from the narrative's previous date.
pub(super) fn narrative(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let tok = at(toks, i)?;
    if tok.is("the") {
        let (a, b) = (at(toks, i + 1)?, at(toks, i + 2)?);
        let days = match (a.lower, b.lower) {
            ("next" | "following", "day") => 1,
            ("previous" | "preceding", "day") => -1,
            ("day", "after" | "before") if at(toks, i + 3).is_none_or(|t| !t.is_word()) => {
                if b.is("after") { 1 } else { -1 }
            }
            _ => return None,
        };
        return Some((i + 3, TimeKind::DaysAfterPrevious(days)));
    }
    let (j, amount) = amount(toks, i)?;
    let exact = amount.low_halves == amount.high_halves && amount.low_halves % 2 == 0;
    let n = i32::try_from(amount.low_halves / 2).ok()?;
    let unit_tok = at(toks, j)?;
    let direction = at(toks, j + 1)?;
    let sign = if direction.is("later") {
        1
    } else if direction.is("earlier") {
        -1
    } else {
        return None;
    };
    (exact && unit(unit_tok) == Some(Unit::Day) && n <= 60)
        .then_some((j + 2, TimeKind::DaysAfterPrevious(sign * n)))
}

/// "Tuesday", "on Tuesday night", "Sunday's election", "by Friday".
pub(super) fn bare_weekday(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let by = at(toks, i).is_some_and(|t| t.is("by"));
    let w_at = if by { i + 1 } else { i };
    let w = weekday(at(toks, w_at)?)?;
    let prev = w_at.checked_sub(1).and_then(|p| at(toks, p));
    if prev.is_some_and(|t| t.capitalized() && t.is_any(&HOLIDAY_PREFIXES)) {
        return None;
    }
    let shift = if by { Shift::By } else { Shift::Bare };
    Some((
        day_part(toks, w_at + 1),
        TimeKind::Weekday { weekday: w, shift },
    ))
}

#[cfg(test)]
mod tests {
    use super::super::mentions::find_time_mentions;
    use super::*;

    fn kinds(text: &str) -> Vec<TimeKind> {
        find_time_mentions(text)
            .into_iter()
            .map(|m| m.kind)
            .collect()
    }

    fn ago(unit: Unit, low: u32, high: u32) -> TimeKind {
        TimeKind::Ago {
            unit,
            amount: Amount {
                low_halves: low,
                high_halves: high,
            },
        }
    }

    #[test]
    fn amounts_in_words() {
        assert_eq!(kinds("three-and-a-half years ago"), [ago(Unit::Year, 7, 7)]);
        assert_eq!(kinds("a year and a half ago"), [ago(Unit::Year, 3, 3)]);
        assert_eq!(kinds("twenty-five years ago"), [ago(Unit::Year, 50, 50)]);
        assert_eq!(kinds("a dozen years ago"), [ago(Unit::Year, 24, 24)]);
        assert_eq!(kinds("half a year ago"), [ago(Unit::Year, 1, 1)]);
        assert_eq!(kinds("1.5 years ago"), [ago(Unit::Year, 3, 3)]);
        assert_eq!(kinds("a few days ago"), [ago(Unit::Day, 4, 10)]);
        assert_eq!(kinds("a fortnight ago"), [ago(Unit::Week, 4, 4)]);
        assert_eq!(
            kinds("10 years ago, a week ago"),
            [ago(Unit::Year, 20, 20), ago(Unit::Week, 2, 2)]
        );
        assert_eq!(kinds("two days later"), [TimeKind::DaysAfterPrevious(2)]);
        assert_eq!(
            kinds("the next day, a day earlier, the day before."),
            [
                TimeKind::DaysAfterPrevious(1),
                TimeKind::DaysAfterPrevious(-1),
                TimeKind::DaysAfterPrevious(-1)
            ]
        );
        assert!(kinds("the day before the vote, years later").is_empty());
    }

    #[test]
    fn modifiers_and_day_words() {
        assert_eq!(
            kinds("last night, this morning, tonight, the day after tomorrow, yesterday afternoon"),
            [
                TimeKind::DayOffset(-1),
                TimeKind::DayOffset(0),
                TimeKind::DayOffset(0),
                TimeKind::DayOffset(2),
                TimeKind::DayOffset(-1)
            ]
        );
        assert_eq!(
            kinds("earlier this week, next Friday, over the weekend, the past week"),
            [
                TimeKind::Relative {
                    period: Period::Week,
                    offset: 0,
                    part: Part::Earlier
                },
                TimeKind::Weekday {
                    weekday: 4,
                    shift: Shift::Next
                },
                TimeKind::Relative {
                    period: Period::Weekend,
                    offset: 0,
                    part: Part::Whole
                },
                TimeKind::Recent { days: 7 },
            ]
        );
        assert!(kinds("USA Today reported").is_empty());
        assert_eq!(
            kinds("last year, this month"),
            [
                TimeKind::Relative {
                    period: Period::Year,
                    offset: -1,
                    part: Part::Whole
                },
                TimeKind::Relative {
                    period: Period::Month,
                    offset: 0,
                    part: Part::Whole
                },
            ]
        );
    }
}
