//! The day an article's news happened, read from its lead: the anchor for later sentences
//! that report past events without a date of their own.

use super::date_cues::{after_past_verb, before_past_verb, in_bound_phrase};
use super::mentions::TimeKind;
use super::mentions::find_time_mentions;
use super::resolution::resolve;
use super::{Date, Precision, Tense};

/// How many sentences of the body count as the lead (a dateline counts as one).
const LEAD_SENTENCES: usize = 3;

/// How many days before publication the story's day may lie.
const MAX_LAG_DAYS: i64 = 7;

/// The lead of `body`: its first sentences, cut at ". " or a line break, in byte range 0..end.
fn lead(body: &str) -> &str {
    let (mut end, mut segment_start, mut sentences) = (0, 0, 0);
    let bytes = body.as_bytes();
    while end < bytes.len() && sentences < LEAD_SENTENCES {
        let b = bytes[end];
        end += 1;
        let stop =
            b == b'\n' || (b == b'.' && bytes.get(end).is_none_or(|n| n.is_ascii_whitespace()));
        if stop {
            // Blank lines and stray dots are no sentences.
            if body
                .get(segment_start..end)
                .is_some_and(|s| s.trim().len() > 1)
            {
                sentences += 1;
            }
            segment_start = end;
        }
    }
    body.get(..end).unwrap_or(body)
}

/// Words a past verb may stand before a lead's date ("held a telephone conversation on Wednesday").
const VERB_REACH: usize = 5;

/// True when a lead date belongs to a past event: near a past-tense verb, or "yesterday", or a
/// dateline at the very start ("PYONGYANG, June 19."). "prepares to hold a referendum Sunday"
/// is not (a future Sunday).
fn past_anchored(lead: &str, start: usize, end: usize, kind: TimeKind) -> bool {
    let dateline = start <= 40
        && lead.get(end..).is_some_and(|rest| {
            rest.trim_start()
                .starts_with(['.', '(', '-', '—', '–', ':'])
        });
    matches!(kind, TimeKind::DayOffset(n) if n < 0)
        || (dateline && matches!(kind, TimeKind::MonthDay { .. } | TimeKind::Date(_)))
        || after_past_verb(lead, start, VERB_REACH)
        || before_past_verb(lead, end)
}

/// The day the news of an article happened: the first day-precise date in the lead of `body`
/// (dateline and first three sentences: "PYONGYANG, June 19.", "ECOWAS announced the decision
/// late Sunday") that lies within the week up to `published`. Bounds ("since Monday") do not
/// count. `None` without a publication date or such a date.
pub fn story_date(body: &str, published: Option<Date>) -> Option<Date> {
    let p = published?;
    let lead = lead(body);
    find_time_mentions(lead)
        .iter()
        .filter(|m| !in_bound_phrase(lead, 0, m.start))
        .filter(|m| past_anchored(lead, m.start, m.end, m.kind))
        .filter_map(|m| resolve(m, published, Tense::Past))
        .find(|v| {
            v.precision == Precision::Day
                && v.date <= p
                && v.date.to_days() >= p.to_days() - MAX_LAG_DAYS
        })
        .map(|v| v.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monday, 31 May 2021.
    fn mon() -> Option<Date> {
        Date::new(2021, 5, 31)
    }

    fn story(body: &str) -> Option<String> {
        story_date(body, mon()).map(|d| d.to_string())
    }

    #[test]
    fn lead_dates_anchor_the_story() {
        assert_eq!(
            story("The bloc has suspended Mali.\n\nIt announced the decision late Sunday. More.")
                .as_deref(),
            Some("2021-05-30")
        );
        assert_eq!(
            story("ABUJA, May 28. The bloc met leaders.").as_deref(),
            Some("2021-05-28")
        );
        assert_eq!(
            story("ABUJA, May 28 (Reuters) - The bloc suspends Mali.").as_deref(),
            Some("2021-05-28")
        );
        assert_eq!(
            story("Leaders met on Monday in Accra.").as_deref(),
            Some("2021-05-31")
        );
    }

    #[test]
    fn far_late_or_bounding_dates_do_not() {
        assert_eq!(
            story("The bloc suspended Mali, which it admitted in 1960. Leaders met."),
            None
        );
        assert_eq!(story("Fighting has raged since Friday."), None);
        assert_eq!(
            story("Tension rises as Venezuela prepares to hold a vote Sunday."),
            None
        );
        assert_eq!(
            story("Venezuela on Friday ordered a vote.").as_deref(),
            Some("2021-05-28")
        );
        assert_eq!(
            story("Leaders met. Aid arrived. Talks ended. On Sunday, they left."),
            None,
            "not in the lead"
        );
        assert_eq!(story_date("Leaders met on Sunday.", None), None);
    }
}
