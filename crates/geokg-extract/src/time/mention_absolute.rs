//! Patterns for calendar expressions: full dates, days of months, months, years, decades.

use super::Date;
use super::mentions::{Shift, TimeKind};
use super::scan_words::{
    Tok, day_number, digits, is_ordinal, month, weekday, weekday_abbr, year_number,
};

/// Words after which a bare month name ("in January") is a date, not a name.
const MONTH_CONTEXT: [&str; 22] = [
    "in",
    "since",
    "until",
    "till",
    "by",
    "during",
    "from",
    "through",
    "to",
    "of",
    "early",
    "late",
    "mid",
    "before",
    "after",
    "and",
    "or",
    "between",
    "throughout",
    "around",
    "last",
    "next",
];

/// Words after which a four-digit number is a year ("in 2024").
/// ("and", "or" and "to" are left out: "the 2000 and 2001 declarations" names documents.)
const YEAR_CONTEXT: [&str; 22] = [
    "in",
    "since",
    "until",
    "till",
    "by",
    "during",
    "from",
    "through",
    "of",
    "early",
    "late",
    "mid",
    "before",
    "after",
    "between",
    "throughout",
    "around",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
];

/// Token `i` if it exists.
fn at<'t, 'a>(toks: &'t [Tok<'a>], i: usize) -> Option<&'t Tok<'a>> {
    toks.get(i)
}

/// Index after an optional punctuation token `p` at `i`.
fn skip(toks: &[Tok], i: usize, p: &str) -> usize {
    if at(toks, i).is_some_and(|t| t.text == p) {
        i + 1
    } else {
        i
    }
}

/// Index after a month name at `i` and its abbreviation dot ("Aug."), with the month.
fn month_at(toks: &[Tok], i: usize) -> Option<(usize, u8, bool)> {
    let (m, abbr) = month(at(toks, i)?)?;
    let j = if abbr { skip(toks, i + 1, ".") } else { i + 1 };
    Some((j, m, abbr))
}

/// True when the previous token is one of `words`, or `-` after "mid" ("mid-August").
fn preceded_by(toks: &[Tok], i: usize, words: &[&str]) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| at(toks, p)) else {
        return false;
    };
    if prev.text == "-" && !toks[i].spaced {
        return i
            .checked_sub(2)
            .and_then(|p| at(toks, p))
            .is_some_and(|t| t.is("mid"));
    }
    prev.is_any(words)
}

/// A range tail "-7" or "–7" right after a day number (no spaces), returning the index after it.
fn range_tail(toks: &[Tok], j: usize) -> Option<usize> {
    let dash = at(toks, j)?;
    let day = at(toks, j + 1)?;
    (matches!(dash.text, "-" | "–") && !dash.spaced && !day.spaced && day_number(day).is_some())
        .then_some(j + 2)
}

/// A year after an optional comma at `j`: (index after, year).
fn year_after(toks: &[Tok], j: usize) -> Option<(usize, i32)> {
    let k = skip(toks, j, ",");
    let tok = at(toks, k)?;
    let y = year_number(tok)?;
    // "August 6, 2025 10:32": fine; "6 August 2025-26" (a season) is not a date.
    let next_is_range = at(toks, k + 1).is_some_and(|t| t.text == "-" && !t.spaced);
    (!next_is_range).then_some((k + 1, y))
}

/// "2025-08-06" or "2025/08/06" (year first; day-first slashed dates are ambiguous and skipped).
pub(super) fn iso_date(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let y = year_number(at(toks, i)?)?;
    let sep = at(toks, i + 1)?.text;
    if !matches!(sep, "-" | "/") || (i + 1..=i + 4).any(|k| at(toks, k).is_none_or(|t| t.spaced)) {
        return None;
    }
    let m = digits(at(toks, i + 2)?.text, 2)?;
    if at(toks, i + 3)?.text != sep {
        return None;
    }
    let day_tok = at(toks, i + 4)?.text;
    let day_text = day_tok.split_once('T').map_or(day_tok, |(d, _)| d);
    let d = digits(day_text, 2)?;
    let date = Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)?;
    Some((i + 5, TimeKind::Date(date)))
}

/// "Wednesday, 6 August 2025", "Wed, Aug 6": a weekday in front of a month-and-day date.
pub(super) fn weekday_then_date(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let tok = at(toks, i)?;
    weekday(tok).or_else(|| weekday_abbr(tok))?;
    let j = skip(toks, skip(toks, i + 1, "."), ",");
    let (end, kind) = month_first(toks, j).or_else(|| day_first(toks, j))?;
    matches!(kind, TimeKind::Date(_) | TimeKind::MonthDay { .. }).then_some((end, kind))
}

/// "August 6, 2025", "Aug. 6", "Sept. 30", "August 6-7", "January 2024", "in January",
/// "January's": a month name first.
pub(super) fn month_first(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let (j, m, abbr) = month_at(toks, i)?;
    let possessive = toks[i].possessive();
    if let Some(day) = at(toks, j)
        .filter(|t| !possessive && t.spaced)
        .and_then(day_number)
    {
        let time_follows = at(toks, j + 1).is_some_and(|t| t.text == ":" && !t.spaced);
        if !time_follows {
            let (j, ranged) = range_tail(toks, j + 1).map_or((j + 1, false), |k| (k, true));
            let kind = with_year(toks, j, m, day, ranged)?;
            return (!named_day(toks, i, kind)).then_some(kind);
        }
    }
    if let Some((k, year)) =
        year_after(toks, j).filter(|_| !possessive && at(toks, j).is_some_and(|t| t.text != ","))
    {
        return Some((k, TimeKind::MonthOfYear { year, month: m }));
    }
    (!abbr && (possessive || preceded_by(toks, i, &MONTH_CONTEXT))).then_some((
        i + 1,
        TimeKind::Month {
            month: m,
            shift: Shift::Bare,
        },
    ))
}

/// True for a yearless date naming an event ("the Jan. 6 attack", "a May 31 report"): a
/// determiner before it and a lower-case word after it. Such dates often lie years back.
fn named_day(toks: &[Tok], i: usize, (end, kind): (usize, TimeKind)) -> bool {
    let determiner = i
        .checked_sub(1)
        .and_then(|p| at(toks, p))
        .is_some_and(|t| t.is_any(&["the", "a", "an", "its", "their", "this", "that"]));
    let noun_follows =
        at(toks, end).is_some_and(|t| t.is_word() && t.text.chars().all(char::is_lowercase));
    matches!(kind, TimeKind::MonthDay { .. }) && determiner && noun_follows
}

/// "6 August 2025", "6th of August", "6 Aug", "6-7 August": a day number first.
pub(super) fn day_first(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let tok = at(toks, i)?;
    let day = day_number(tok)?;
    let glued = i.checked_sub(1).and_then(|p| at(toks, p)).is_some_and(|p| {
        !tok.spaced
            && p.text
                .chars()
                .all(|c| c.is_alphanumeric() || "-–/.:,".contains(c))
    });
    if glued {
        return None; // "1-2", "3.12", "A12"
    }
    let (j, ranged) = range_tail(toks, i + 1).map_or((i + 1, false), |k| (k, true));
    let j = if at(toks, j).is_some_and(|t| t.is("of")) {
        j + 1
    } else {
        j
    };
    let (j, m, _) = month_at(toks, j)?;
    if toks[j - 1].possessive() {
        return None;
    }
    let kind = with_year(toks, j, m, day, ranged)?;
    (!named_day(toks, i, kind)).then_some(kind)
}

/// The date after a month and day ending before token `j`: with a year after it, a full date
/// (or its month, for a range "6-7"); without, a month-and-day (or a month, for a range).
fn with_year(
    toks: &[Tok],
    j: usize,
    month: u8,
    day: u8,
    ranged: bool,
) -> Option<(usize, TimeKind)> {
    Some(match (year_after(toks, j), ranged) {
        (Some((k, year)), false) => (k, TimeKind::Date(Date::new(year, month, day)?)),
        (Some((k, year)), true) => (k, TimeKind::MonthOfYear { year, month }),
        (None, false) => (j, TimeKind::MonthDay { month, day }),
        (None, true) => (
            j,
            TimeKind::Month {
                month,
                shift: Shift::Bare,
            },
        ),
    })
}

/// "on the 6th": an ordinal day of the current or an adjacent month.
pub(super) fn day_of_month(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    if !at(toks, i)?.is("the")
        || !i
            .checked_sub(1)
            .and_then(|p| at(toks, p))
            .is_some_and(|t| t.is("on"))
    {
        return None;
    }
    let ord = at(toks, i + 1)?;
    if !is_ordinal(ord) {
        return None;
    }
    // "on the 6th anniversary", "on the 2nd floor": an ordinal before a noun is no date.
    let ok_next = at(toks, i + 2)
        .is_none_or(|t| !t.is_word() || t.is_any(&["and", "or", "at", "in", "when", "as"]));
    ok_next.then_some((i + 2, TimeKind::DayOfMonth(day_number(ord)?)))
}

/// "in 2024", "mid-2024", "summer 2024" (a year after a preposition or modifier),
/// "the 1990s", "the '90s" (a decade).
pub(super) fn year_or_decade(toks: &[Tok], i: usize) -> Option<(usize, TimeKind)> {
    let tok = at(toks, i)?;
    if let Some(decade) = decade(toks, i) {
        return Some((i + 1, TimeKind::Decade(decade)));
    }
    let year = year_number(tok)?;
    let followed_by_number = at(toks, i + 1).is_some_and(|t| {
        matches!(t.text, "-" | "/" | "," | "." | ":")
            && !t.spaced
            && at(toks, i + 2).is_some_and(|n| !n.spaced && n.is_word())
    });
    (preceded_by(toks, i, &YEAR_CONTEXT) && !followed_by_number)
        .then_some((i + 1, TimeKind::Year(year)))
}

/// The first year of a decade token: "1990s", or "90s" after an apostrophe (19xx for 30–99).
fn decade(toks: &[Tok], i: usize) -> Option<i32> {
    let tok = at(toks, i)?;
    let num = tok.text.strip_suffix('s')?;
    let n = digits(num, 4)?;
    match num.len() {
        4 if n % 10 == 0 && (1800..=2190).contains(&n) => Some(n as i32),
        2 if n % 10 == 0 && n >= 30 => {
            let apostrophe = i
                .checked_sub(1)
                .and_then(|p| at(toks, p))
                .is_some_and(|t| matches!(t.text, "'" | "’"));
            apostrophe.then_some(1900 + n as i32)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::mentions::find_time_mentions;
    use super::*;

    fn one(text: &str) -> Option<(String, TimeKind)> {
        let m = find_time_mentions(text);
        m.first()
            .map(|m| (text[m.start..m.end].to_string(), m.kind))
    }

    #[test]
    fn dates_with_weekday_and_ranges() {
        let d = Date::new(2025, 8, 6).expect("valid");
        assert_eq!(
            one("Wednesday, 6 August 2025"),
            Some(("Wednesday, 6 August 2025".into(), TimeKind::Date(d)))
        );
        assert_eq!(
            one("Updated: Aug. 6, 2025 10:32 a.m. ET").map(|m| m.1),
            Some(TimeKind::Date(d))
        );
        assert_eq!(
            one("held on 6th of August").map(|m| m.1),
            Some(TimeKind::MonthDay { month: 8, day: 6 })
        );
        assert_eq!(
            one("on August 6-7, 2025").map(|m| m.1),
            Some(TimeKind::MonthOfYear {
                year: 2025,
                month: 8
            })
        );
        assert_eq!(
            one("on 6-7 August").map(|m| m.1),
            Some(TimeKind::Month {
                month: 8,
                shift: Shift::Bare
            })
        );
        assert_eq!(one("2025/08/06").map(|m| m.1), Some(TimeKind::Date(d)));
        assert_eq!(
            one("(\"6 Aug 2025 09:04\")").map(|m| m.1),
            Some(TimeKind::Date(d))
        );
        assert_eq!(one("the 2000 and 2001 declarations").map(|m| m.1), None);
        assert_eq!(
            one("06/08/2025"),
            None,
            "day-first slashed dates are ambiguous"
        );
    }

    #[test]
    fn month_and_year_context() {
        assert_eq!(
            one("in mid-August").map(|m| m.1),
            Some(TimeKind::Month {
                month: 8,
                shift: Shift::Bare
            })
        );
        assert_eq!(
            one("January's talks").map(|m| m.1),
            Some(TimeKind::Month {
                month: 1,
                shift: Shift::Bare
            })
        );
        assert_eq!(one("in mid-2024").map(|m| m.1), Some(TimeKind::Year(2024)));
        assert_eq!(one("the '90s").map(|m| m.1), Some(TimeKind::Decade(1990)));
        assert_eq!(
            one("on the 6th, he left").map(|m| m.1),
            Some(TimeKind::DayOfMonth(6))
        );
        assert_eq!(one("on the 6th anniversary"), None);
        assert_eq!(
            one("the 2015 deal"),
            None,
            "an attributive year dates the noun, not the clause"
        );
    }
}
