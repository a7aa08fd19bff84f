//! Dating an event from the clues in its sentence: a date phrase in the event's clause, else
//! the nearest one in the sentence, else the publication date (when the tense allows).

use std::ops::Range;

use super::clause_reach::{Reach, reach};
use super::date_cues::{after_past_verb, before_past_verb, in_bound_phrase};
use super::mentions::{Part, Shift, TimeKind, TimeMention, find_time_mentions};
use super::resolution::resolve;
use super::{Date, DateValue, Precision, Tense};

/// Words a past verb may stand before another clause's date ("told reporters on Tuesday").
const REPORT_REACH: usize = 2;

/// The tense to resolve a mention with: past right after a past-tense verb, else `tense`.
fn mention_tense(sentence: &str, m: &TimeMention, tense: Tense) -> Tense {
    if after_past_verb(sentence, m.start, 1) {
        Tense::Past
    } else {
        tense
    }
}

/// True when `value` is on the side of `published` the tense allows (a past event cannot
/// happen after publication, a future one cannot lie wholly before it).
fn plausible(value: DateValue, tense: Tense, published: Option<Date>) -> bool {
    let Some(p) = published else { return true };
    match tense {
        Tense::Future => value.end() >= p,
        Tense::Present => true,
        Tense::Past | Tense::PresentPerfect | Tense::PastPerfect => value.start() <= p,
    }
}

/// True when an expression points the other way than the tense ("next week" in a past-tense
/// clause, "last week" in a future one): it belongs to a complement ("agreed to meet next week").
fn against_tense(kind: TimeKind, tense: Tense) -> bool {
    let forward = match kind {
        TimeKind::Weekday {
            shift: Shift::Next | Shift::By,
            ..
        }
        | TimeKind::Month {
            shift: Shift::Next, ..
        } => true,
        TimeKind::Weekday {
            shift: Shift::Last, ..
        }
        | TimeKind::Month {
            shift: Shift::Last, ..
        } => false,
        TimeKind::DayOffset(n) if n != 0 => n > 0,
        TimeKind::Relative { offset, .. } if offset != 0 => offset > 0,
        TimeKind::Relative {
            part: Part::Later, ..
        } => true,
        TimeKind::Relative {
            part: Part::Earlier,
            ..
        }
        | TimeKind::Ago { .. }
        | TimeKind::Recent { .. } => false,
        _ => return false,
    };
    match tense {
        Tense::Past | Tense::PresentPerfect | Tense::PastPerfect => forward,
        Tense::Future => !forward,
        Tense::Present => false,
    }
}

/// Byte distance between a mention and the clause, plus one; 0 when they overlap.
fn distance(m: &TimeMention, clause: &Range<usize>) -> usize {
    let overlaps = m.start < clause.end && m.end > clause.start;
    if overlaps {
        0
    } else {
        1 + clause.start.saturating_sub(m.end) + m.start.saturating_sub(clause.end)
    }
}

/// [`resolve`], with "the next day" counted from the closest earlier date of the sentence
/// that is known to the day.
fn resolve_in(
    sentence: &str,
    all: &[TimeMention],
    m: &TimeMention,
    published: Option<Date>,
    tense: Tense,
) -> Option<DateValue> {
    let TimeKind::DaysAfterPrevious(days) = m.kind else {
        return resolve(m, published, tense);
    };
    let anchor = all
        .iter()
        .rev()
        .find(|a| a.end <= m.start && !matches!(a.kind, TimeKind::DaysAfterPrevious(_)))?;
    let value = resolve(anchor, published, mention_tense(sentence, anchor, tense))?;
    (value.precision == Precision::Day)
        .then(|| DateValue::day(value.date.add_days(i64::from(days))))
}

/// The date of an event whose clause spans byte range `clause` of `sentence`: a date phrase
/// inside the clause wins over one elsewhere in the sentence (nearest first), which wins over
/// the article (publication date). With no clue, past-perfect (background) events get `None`;
/// all others get the publication day (an intention is dated by its report).
pub fn event_date(
    sentence: &str,
    clause: Range<usize>,
    tense: Tense,
    published: Option<Date>,
) -> Option<DateValue> {
    event_date_in_story(sentence, clause, tense, published, None)
}

/// [`event_date`] for an article whose news happened on `story` (see
/// [`story_date`](super::story_date)): past and present-perfect events with no clue in their
/// sentence get that day instead of the publication day.
pub fn event_date_in_story(
    sentence: &str,
    clause: Range<usize>,
    tense: Tense,
    published: Option<Date>,
    story: Option<Date>,
) -> Option<DateValue> {
    let all = find_time_mentions(sentence);
    event_date_among(sentence, &all, clause, tense, published, story)
}

/// [`event_date_in_story`] given the sentence's time mentions (`find_time_mentions(sentence)`),
/// so that several events of one sentence share one scan.
pub fn event_date_among(
    sentence: &str,
    all: &[TimeMention],
    clause: Range<usize>,
    tense: Tense,
    published: Option<Date>,
    story: Option<Date>,
) -> Option<DateValue> {
    let mut mentions = all.to_vec();
    mentions.sort_by_key(|m| distance(m, &clause));
    let (inside, outside): (Vec<&TimeMention>, Vec<&TimeMention>) =
        mentions.iter().partition(|m| distance(m, &clause) == 0);
    // A bound word ("since", "after") inside the clause, or anywhere before an outside date.
    let inside: Vec<&TimeMention> = inside
        .into_iter()
        .filter(|m| !in_bound_phrase(sentence, clause.start, m.start))
        .collect();
    let in_tense = |m: &&TimeMention| {
        let t = mention_tense(sentence, m, tense);
        resolve_in(sentence, all, m, published, t)
            .filter(|v| plausible(*v, t, published) && !against_tense(m.kind, t))
    };
    // The clause names its own time: use it. A date that cannot be resolved (a decade, a
    // relative date without publication date) means no date rather than a guess; one on the
    // wrong side of publication ("agreed to meet next week") belongs to a complement: skip it.
    let mut unresolved = false;
    for m in &inside {
        let t = mention_tense(sentence, m, tense);
        match resolve_in(sentence, all, m, published, t) {
            Some(v) if plausible(v, t, published) && !against_tense(m.kind, t) => return Some(v),
            Some(_) => {}
            None => unresolved = true,
        }
    }
    if unresolved {
        return None;
    }
    // Adverbials of the clause's verb outside its participants' span ("met Trump on Friday").
    // An unanchored "two days later" means the event is not today: no date.
    for m in &outside {
        let own = match reach(sentence, &clause, m) {
            Reach::Possessive => true,
            Reach::Attached => !in_bound_phrase(sentence, clause.start.min(m.start), m.start),
            Reach::Detached => false,
        };
        if own {
            match in_tense(m) {
                Some(v) => return Some(v),
                None if matches!(m.kind, TimeKind::DaysAfterPrevious(_)) => return None,
                None => {}
            }
        }
    }
    // Another clause's date dates this event only when it is a past verb's ("officials said
    // on Tuesday", "told reporters on Tuesday") — not a background's ("areas occupied during
    // the September hostilities") — and the event is not set apart in time by its tense.
    if !matches!(tense, Tense::Future | Tense::PastPerfect) {
        let outer = outside
            .iter()
            .filter(|m| reach(sentence, &clause, m) == Reach::Detached)
            .filter(|m| {
                after_past_verb(sentence, m.start, REPORT_REACH)
                    || before_past_verb(sentence, m.end)
            })
            .filter(|m| !in_bound_phrase(sentence, 0, m.start) && !against_tense(m.kind, tense))
            .filter_map(|m| resolve_in(sentence, all, m, published, Tense::Past))
            .find(|v| plausible(*v, tense, published));
        if outer.is_some() {
            return outer;
        }
    }
    match tense {
        Tense::PastPerfect => None,
        Tense::Past | Tense::PresentPerfect => story.or(published).map(DateValue::day),
        // Intentions and plans are dated by when they were reported.
        Tense::Present | Tense::Future => published.map(DateValue::day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wednesday, 6 August 2025.
    fn wed() -> Option<Date> {
        Date::new(2025, 8, 6)
    }

    /// The event date with the clause given as a substring of the sentence.
    fn date(sentence: &str, clause: &str, tense: Tense) -> Option<String> {
        let start = sentence.find(clause).expect("clause in sentence");
        event_date(sentence, start..start + clause.len(), tense, wed()).map(|v| v.to_string())
    }

    #[test]
    fn clause_date_wins_over_sentence_date() {
        let s = "Russia struck Kyiv on Monday, officials said on Tuesday.";
        assert_eq!(
            date(s, "Russia struck Kyiv on Monday", Tense::Past).as_deref(),
            Some("2025-08-04")
        );
        assert_eq!(
            date(s, "officials said on Tuesday", Tense::Past).as_deref(),
            Some("2025-08-05")
        );
    }

    #[test]
    fn nearest_sentence_date_then_publication_date() {
        let s = "On Monday, Israel and Hamas agreed a truce, mediators said on Tuesday.";
        assert_eq!(
            date(s, "Israel and Hamas agreed a truce", Tense::Past).as_deref(),
            Some("2025-08-04")
        );
        let s = "Egypt and Qatar are working on a ceasefire.";
        assert_eq!(
            date(s, "Egypt and Qatar are working", Tense::Present).as_deref(),
            Some("2025-08-06")
        );
        assert_eq!(
            date(s, "Egypt and Qatar are working", Tense::PresentPerfect).as_deref(),
            Some("2025-08-06")
        );
    }

    #[test]
    fn past_perfect_without_clue_gets_none() {
        let s = "Officials said on Tuesday that Iran would resume talks.";
        assert_eq!(
            date(s, "Iran would resume talks", Tense::Future).as_deref(),
            Some("2025-08-06"),
            "report date"
        );
        let s = "Araghchi said on Sunday that inspectors will arrive on Monday.";
        assert_eq!(
            date(s, s, Tense::Future).as_deref(),
            Some("2025-08-03"),
            "said on Sunday: past"
        );
        assert_eq!(
            date(s, "inspectors will arrive on Monday", Tense::Future).as_deref(),
            Some("2025-08-11")
        );
        let s = "The ministry said the army had shelled the town.";
        assert_eq!(
            date(s, "the army had shelled the town", Tense::PastPerfect),
            None
        );
        let s = "Putin will meet Trump in Alaska on Friday.";
        assert_eq!(
            date(
                s,
                "Putin will meet Trump in Alaska on Friday",
                Tense::Future
            )
            .as_deref(),
            Some("2025-08-08")
        );
    }

    #[test]
    fn story_day_dates_past_events_without_clue() {
        let s = "The leaders condemned the coup.";
        let mon = Date::new(2025, 8, 4);
        assert_eq!(
            event_date_in_story(s, 0..s.len(), Tense::Past, wed(), mon)
                .map(|v| v.to_string())
                .as_deref(),
            Some("2025-08-04")
        );
        let s = "The leaders condemn the coup.";
        assert_eq!(
            event_date_in_story(s, 0..s.len(), Tense::Present, wed(), mon)
                .map(|v| v.to_string())
                .as_deref(),
            Some("2025-08-06")
        );
    }

    #[test]
    fn adverbials_outside_the_participants_span_count() {
        let s = "Putin will meet Trump in Alaska on Friday, officials said on Tuesday.";
        assert_eq!(
            date(s, "Putin will meet Trump", Tense::Future).as_deref(),
            Some("2025-08-08")
        );
        let s = "On Friday, Putin will meet Trump.";
        assert_eq!(
            date(s, "Putin will meet Trump", Tense::Future).as_deref(),
            Some("2025-08-08")
        );
        let s = "They met after last month's large-scale fighting on the border.";
        assert_eq!(
            date(s, "fighting on the border", Tense::Past).as_deref(),
            Some("2025-07")
        );
        assert_eq!(
            date(s, "They met", Tense::Past).as_deref(),
            Some("2025-08-06"),
            "after: a bound"
        );
    }

    #[test]
    fn next_day_counts_from_the_previous_date() {
        let s = "Kishida met Biden on Monday and Marcos the next day.";
        assert_eq!(
            date(s, "Marcos", Tense::Past).as_deref(),
            Some("2025-08-05")
        );
        let s = "Talks ended two days later.";
        assert_eq!(
            date(s, "Talks ended", Tense::Past),
            None,
            "no earlier date in the sentence"
        );
    }

    #[test]
    fn background_dates_of_other_clauses_do_not_count() {
        let s = "He demanded a pullback from areas occupied during the September 13-14 fighting.";
        assert_eq!(
            date(s, "He demanded a pullback", Tense::Past).as_deref(),
            Some("2025-08-06")
        );
        assert_eq!(
            date(s, "He demanded a pullback from areas", Tense::Past).as_deref(),
            Some("2025-08-06")
        );
        let s = "Russia struck Kyiv, officials told reporters on Tuesday.";
        assert_eq!(
            date(s, "Russia struck Kyiv", Tense::Past).as_deref(),
            Some("2025-08-05")
        );
    }

    #[test]
    fn bounds_are_not_event_times() {
        let s = "Israel has fought Hamas since an attack on October 7, 2023.";
        assert_eq!(
            date(s, "Israel has fought Hamas", Tense::PresentPerfect).as_deref(),
            Some("2025-08-06")
        );
        let s = "The talks, held in 2019, failed.";
        assert_eq!(
            date(s, "The talks, held in 2019, failed", Tense::Past).as_deref(),
            Some("2019")
        );
        let s = "Hamas attacked Israel since an attack on October 7, 2023.";
        assert_eq!(
            date(s, "an attack on October 7, 2023", Tense::Past).as_deref(),
            Some("2023-10-07")
        );
        let s = "Parliament approved the budget ahead of Sunday's vote.";
        assert_eq!(
            date(s, "Parliament approved the budget", Tense::Past).as_deref(),
            Some("2025-08-06")
        );
    }

    #[test]
    fn implausible_or_unresolvable_clause_dates_give_none() {
        let s = "In the 1990s, the two countries signed a treaty.";
        assert_eq!(
            date(
                s,
                "In the 1990s, the two countries signed a treaty",
                Tense::Past
            ),
            None
        );
        let s = "Iran and the US agreed to meet again next week.";
        assert_eq!(
            date(s, s, Tense::Past).as_deref(),
            Some("2025-08-06"),
            "a complement's date"
        );
        assert_eq!(
            event_date("He left yesterday.", 0..18, Tense::Past, None),
            None
        );
    }
}
