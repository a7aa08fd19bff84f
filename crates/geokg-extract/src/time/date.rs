//! Calendar dates and dates with a precision, with no external dependencies.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year (astronomical numbering).
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

/// Error for a string that is not a valid `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {0:?} (expected YYYY-MM-DD)")]
pub struct DateParseError(pub String);

/// Number of days in `month` of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, if `month` and `day` are valid for `year`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (1..=12)
            .contains(&month)
            .then_some(())
            .filter(|_| day >= 1 && day <= days_in_month(year, month))
            .map(|_| Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by `days` (may be negative).
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u8
    }

    /// This date moved by `months` calendar months, clamping the day to the month's length.
    pub fn add_months(self, months: i32) -> Date {
        let total = self.year * 12 + i32::from(self.month) - 1 + months;
        let year = total.div_euclid(12);
        let month = (total.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateParseError;

    /// Parses `YYYY-MM-DD`, also accepting a trailing time (`2025-08-06T10:00:00Z`).
    fn from_str(s: &str) -> Result<Date, DateParseError> {
        let err = || DateParseError(s.to_string());
        let s10 = s.trim().get(..10).ok_or_else(err)?;
        let mut parts = s10.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(err());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(err());
        }
        let year = y.parse().map_err(|_| err())?;
        let month = m.parse().map_err(|_| err())?;
        let day = d.parse().map_err(|_| err())?;
        Date::new(year, month, day).ok_or_else(err)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Known to the day.
    Day,
    /// Known to the month.
    Month,
    /// Known to the year.
    Year,
}

impl Precision {
    /// `day`, `month` or `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A date known to a precision: `2025-08-06` (day), `2025-08` (month) or `2025` (year).
/// For month and year precision `date` holds the first day of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateValue {
    /// The date, or the first day of the month or year.
    pub date: Date,
    /// How precisely the date is known.
    pub precision: Precision,
}

impl DateValue {
    /// A day-precision value.
    pub fn day(date: Date) -> DateValue {
        DateValue {
            date,
            precision: Precision::Day,
        }
    }

    /// A month-precision value for `year`-`month`.
    pub fn month(year: i32, month: u8) -> Option<DateValue> {
        Date::new(year, month, 1).map(|date| DateValue {
            date,
            precision: Precision::Month,
        })
    }

    /// A year-precision value.
    pub fn year(year: i32) -> DateValue {
        DateValue {
            date: Date {
                year,
                month: 1,
                day: 1,
            },
            precision: Precision::Year,
        }
    }

    /// First day of the period.
    pub fn start(self) -> Date {
        self.date
    }

    /// Last day of the period.
    pub fn end(self) -> Date {
        let d = self.date;
        match self.precision {
            Precision::Day => d,
            Precision::Month => Date {
                day: days_in_month(d.year, d.month),
                ..d
            },
            Precision::Year => Date {
                year: d.year,
                month: 12,
                day: 31,
            },
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.date;
        match self.precision {
            Precision::Day => write!(f, "{d}"),
            Precision::Month => write!(f, "{:04}-{:02}", d.year, d.month),
            Precision::Year => write!(f, "{:04}", d.year),
        }
    }
}

impl FromStr for DateValue {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<DateValue, DateParseError> {
        let err = || DateParseError(s.to_string());
        let t = s.trim();
        match t.len() {
            4 => t.parse().map(DateValue::year).map_err(|_| err()),
            7 => {
                let (y, m) = t.split_once('-').ok_or_else(err)?;
                let year = y.parse().map_err(|_| err())?;
                let month = m.parse().map_err(|_| err())?;
                DateValue::month(year, month).ok_or_else(err)
            }
            _ => t.parse().map(DateValue::day),
        }
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DateValue, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_weekday() {
        let d = Date::new(2025, 8, 6).expect("valid");
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(d.weekday(), 2, "2025-08-06 was a Wednesday");
        assert_eq!(Date::new(1970, 1, 1).map(Date::to_days), Some(0));
        assert_eq!(
            Date::new(2024, 2, 29).map(|d| d.add_days(1).to_string()),
            Some("2024-03-01".into())
        );
    }

    #[test]
    fn month_arithmetic_clamps() {
        let d = Date::new(2025, 3, 31).expect("valid");
        assert_eq!(d.add_months(-1).to_string(), "2025-02-28");
        assert_eq!(d.add_months(-3).to_string(), "2024-12-31");
    }

    #[test]
    fn parse_and_display_precisions() {
        for s in ["2025-08-06", "2025-08", "2025"] {
            assert_eq!(
                s.parse::<DateValue>().map(|v| v.to_string()),
                Ok(s.to_string())
            );
        }
        assert!("2025-02-30".parse::<Date>().is_err());
        assert!("yesterday".parse::<DateValue>().is_err());
        let v: DateValue = "2024-02".parse().expect("valid");
        assert_eq!(v.end().to_string(), "2024-02-29");
        assert_eq!(
            "2025-08-06T10:00:00Z"
                .parse::<Date>()
                .map(|d| d.to_string()),
            Ok("2025-08-06".into())
        );
    }
}
