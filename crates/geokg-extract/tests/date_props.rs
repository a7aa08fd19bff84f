//! Property tests of the date types: parse/display round trips and day arithmetic.

use geokg_extract::time::{Date, DateValue, Precision, days_in_month};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Any valid date with a year in `years`.
fn date_in(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Date> {
    (years, 1..=12u8, 1..=31u8).prop_map(|(y, m, d)| {
        Date::new(y, m, d.min(days_in_month(y, m))).expect("valid by construction")
    })
}

/// ±1 million years around 1970, in days.
const WIDE: i64 = 365_242_500;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn date_display_parses_back(d in date_in(0..=9999)) {
        let s = d.to_string();
        prop_assert_eq!(s.len(), 10);
        prop_assert_eq!(s.parse::<Date>(), Ok(d));
    }

    #[test]
    fn date_value_display_parses_back(d in date_in(0..=9999), p in 0..3u8) {
        let v = match p {
            0 => DateValue::day(d),
            1 => DateValue::month(d.year, d.month).expect("valid"),
            _ => DateValue::year(d.year),
        };
        prop_assert_eq!(v.to_string().parse::<DateValue>(), Ok(v));
        prop_assert!(v.start() <= v.end());
        prop_assert_eq!(v.start(), v.date);
        if v.precision == Precision::Day {
            prop_assert_eq!(v.end(), d);
        }
    }

    #[test]
    fn whatever_parses_displays_and_parses_again(s in "[-+ 0-9T:Z]{0,14}|\\PC{0,12}") {
        if let Ok(v) = s.parse::<DateValue>() {
            prop_assert_eq!(v.to_string().parse::<DateValue>(), Ok(v), "from {:?}", s);
        }
        if let Ok(d) = s.parse::<Date>() {
            prop_assert!(Date::new(d.year, d.month, d.day).is_some());
            prop_assert_eq!(d.to_string().parse::<Date>(), Ok(d), "from {:?}", s);
        }
    }

    #[test]
    fn days_round_trip_over_a_wide_range(days in -WIDE..=WIDE) {
        let d = Date::from_days(days);
        prop_assert!(Date::new(d.year, d.month, d.day).is_some(), "{:?}", d);
        prop_assert_eq!(d.to_days(), days);
    }

    #[test]
    fn add_days_is_consistent(d in date_in(-1_000_000..=1_000_000), n in -WIDE..=WIDE) {
        prop_assert_eq!(Date::from_days(d.to_days()), d);
        let moved = d.add_days(n);
        prop_assert_eq!(moved.to_days(), d.to_days() + n);
        prop_assert_eq!(moved.add_days(-n), d);
        prop_assert_eq!(d.add_days(1) > d, true);
        prop_assert_eq!(moved.weekday(), ((i64::from(d.weekday()) + n).rem_euclid(7)) as u8);
    }

    #[test]
    fn add_months_stays_valid(d in date_in(-100_000..=100_000), m in -1_000_000..=1_000_000i32) {
        let moved = d.add_months(m);
        prop_assert!(Date::new(moved.year, moved.month, moved.day).is_some(), "{:?}", moved);
        prop_assert!(moved.day <= d.day);
    }
}

#[test]
fn consecutive_days_are_consecutive_dates() {
    let mut d = Date::new(1899, 12, 25).expect("valid");
    for _ in 0..(366 * 250) {
        let next = d.add_days(1);
        assert!(next > d && Date::new(next.year, next.month, next.day).is_some());
        assert_eq!(next.to_days(), d.to_days() + 1);
        d = next;
    }
}
