//! A direct JSON writer for [`Event`]: the bytes `serde_json::to_writer` gives for the same
//! event, without the serializer's per-byte escaping loop (JSON output is a large part of
//! `geokg extract`'s time). A test compares the two on awkward events.

use super::{Event, Party};

impl Event {
    /// Appends the event as one JSON object (no newline) to `out`: the same bytes as
    /// `serde_json::to_writer(out, self)`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"doc\":");
        string(out, &self.doc);
        out.extend_from_slice(b",\"actor\":");
        party(out, &self.actor);
        out.extend_from_slice(b",\"action\":{\"code\":");
        string(out, &self.action.code);
        out.extend_from_slice(b",\"label\":");
        string(out, &self.action.label);
        out.extend_from_slice(b"},\"target\":");
        party(out, &self.target);
        out.extend_from_slice(b",\"date\":");
        match &self.date {
            Some(d) => string(out, &d.to_string()),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"negated\":");
        out.extend_from_slice(if self.negated { b"true" } else { b"false" });
        out.extend_from_slice(b",\"modality\":\"");
        out.extend_from_slice(self.modality.as_str().as_bytes());
        out.extend_from_slice(b"\",\"confidence\":");
        number(out, self.confidence);
        out.extend_from_slice(b",\"evidence\":{\"sentence\":");
        string(out, &self.evidence.sentence);
        out.extend_from_slice(b",\"start\":");
        integer(out, self.evidence.start);
        out.extend_from_slice(b",\"end\":");
        integer(out, self.evidence.end);
        out.extend_from_slice(b"}}");
    }
}

fn party(out: &mut Vec<u8>, p: &Party) {
    out.extend_from_slice(b"{\"label\":");
    string(out, &p.label);
    out.extend_from_slice(b",\"country\":");
    optional(out, p.country.as_deref());
    out.extend_from_slice(b",\"iri\":");
    optional(out, p.iri.as_deref());
    // `role` is skipped when absent, as its serde attribute says.
    if let Some(role) = &p.role {
        out.extend_from_slice(b",\"role\":");
        string(out, role);
    }
    out.extend_from_slice(b",\"text\":");
    string(out, &p.text);
    out.extend_from_slice(b",\"start\":");
    integer(out, p.start);
    out.extend_from_slice(b",\"end\":");
    integer(out, p.end);
    out.push(b'}');
}

fn optional(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn integer(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A float written by serde_json itself (shortest round-trip form; serde_json writes `null`
/// when it is not finite).
fn number(out: &mut Vec<u8>, x: f32) {
    // Writing a number to a `Vec` cannot fail.
    let _ = serde_json::to_writer(&mut *out, &x);
}

/// Whether any of the eight bytes of `x` is a control character, `"` or `\`.
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below n sets its high bit in (x - n) & !x: exact for "any byte", n <= 128.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let quote = x ^ (ONES * u64::from(b'"'));
    let backslash = x ^ (ONES * u64::from(b'\\'));
    below(x, 0x20) | below(quote, 1) | below(backslash, 1) != 0
}

/// A JSON string with serde_json's escapes: `"`, `\`, and control characters (the short forms
/// `\b \t \n \f \r`, others as `\u00XX`). Runs without them are copied whole, found eight
/// bytes at a time.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut clean = 0;
    while let Some(chunk) = bytes.get(clean..clean + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if needs_escape(u64::from_le_bytes(word)) {
            break;
        }
        clean += 8;
    }
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate().skip(clean) {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use crate::time::DateValue;
    use crate::{Action, Event, Evidence, Modality, Party};

    fn party(label: &str, role: Option<&str>, country: Option<&str>) -> Party {
        Party {
            label: label.to_string(),
            country: country.map(str::to_string),
            iri: country.map(|c| format!("https://w3id.org/geokg/country/{c}")),
            role: role.map(str::to_string),
            text: format!("the {label}"),
            start: 3,
            end: 1_000_000,
        }
    }

    fn event(sentence: &str, date: Option<&str>, confidence: f32) -> Event {
        Event {
            doc: "doc \"1\"\\a".to_string(),
            actor: party("Côte d’Ivoire", Some("GOV"), Some("CIV")),
            action: Action {
                code: "!042".to_string(),
                label: "Make a visit".to_string(),
            },
            target: party("a\u{7f}b\u{1}c\u{1f}", None, None),
            date: date.map(|d| d.parse::<DateValue>().expect("date")),
            negated: confidence > 0.5,
            modality: Modality::Reported,
            confidence,
            evidence: Evidence {
                sentence: sentence.to_string(),
                start: 0,
                end: usize::MAX,
            },
        }
    }

    proptest::proptest! {
        #[test]
        fn strings_escape_as_serde_json_does(s in "(?s).{0,40}", pad in 0usize..20) {
            // Any character, at any offset from the eight-byte chunks.
            let s = format!("{}{s}", "x".repeat(pad));
            let mut ours = Vec::new();
            super::string(&mut ours, &s);
            proptest::prop_assert_eq!(ours, serde_json::to_vec(&s).expect("serialize"));
        }
    }

    #[test]
    fn the_same_bytes_as_serde_json() {
        let sentences = [
            "",
            "plain",
            "\"quoted\" \\ back\\slash",
            "tab\there\nnewline\rreturn\u{8}bell\u{c}feed\u{0}nul",
            "emoji 🙂 and ü and \u{2028} line separator",
            "ends with a quote\"",
            "sixteen bytes ok\u{1f} then a control character and a \\ late",
        ];
        for (k, s) in sentences.iter().enumerate() {
            for date in [None, Some("2025-08-06"), Some("2025-08"), Some("2025")] {
                for confidence in [0.85_f32, 1.0, 0.0, 0.1, 0.700_000_05, 1.0e-7, f32::NAN] {
                    let mut e = event(s, date, confidence);
                    e.modality = [Modality::Asserted, Modality::Intended][k % 2];
                    let mut ours = Vec::new();
                    e.write_json(&mut ours);
                    let theirs = serde_json::to_vec(&e).expect("serialize");
                    assert_eq!(
                        String::from_utf8_lossy(&ours),
                        String::from_utf8_lossy(&theirs)
                    );
                }
            }
        }
    }
}
