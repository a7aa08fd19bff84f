//! Clause arguments over actor mentions: the subject of a verb group (with coordination,
//! relative clauses and coordinated verb phrases), its objects, and the agent of a passive.

use crate::nlp::Tag;

use super::sentence::Sentence;

/// Prepositions after which a mention is a place or a source, not a participant.
const PLACE_PREPS: &[&str] = &[
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "from",
    "across",
    "during",
    "within",
    "throughout",
    "around",
];

/// The token before `i`, skipping determiners, adjectives, numbers and adverbs.
fn previous_content(s: &Sentence, i: usize) -> Option<usize> {
    (0..i)
        .rev()
        .find(|&k| !matches!(s.tag(k), Some(Tag::Det | Tag::Adj | Tag::Num | Tag::Adv)))
}

/// For "X of Y", the slot of X when `slot` is Y; else `slot`.
fn of_head(s: &Sentence, slot: usize) -> usize {
    let first = s.slots[slot].first;
    if first >= 2
        && s.lower(first - 1) == "of"
        && let Some(head) = s.slot_at[first - 2]
    {
        return head;
    }
    slot
}

/// Prepositions that also introduce a clause ("after Russia attacked Ukraine").
const SUBORDINATING_PREPS: &[&str] = &["after", "before", "since", "until"];

/// Whether mention `slot` is the object of a verb or a preposition (so not a subject).
pub fn governed(s: &Sentence, slot: usize) -> bool {
    let mut slot = slot;
    for _ in 0..8 {
        let Some(p) = previous_content(s, s.slots[slot].first) else {
            return false;
        };
        if let Some(other) = s.slot_at[p] {
            // "Russia's Lavrov": the possessor belongs to the same noun phrase.
            return governed(s, other) && other != slot;
        }
        match s.tag(p) {
            Some(Tag::Prep | Tag::To) => return true,
            Some(Tag::Verb(_)) => return s.group_with_head(p).is_some(),
            Some(Tag::Conj) | Some(Tag::Punct) if matches!(s.lower(p), "and" | "or" | ",") => {
                // Coordination: governed like the conjunct before it.
                match p.checked_sub(1).and_then(|q| s.slot_at[q]) {
                    Some(prev) => slot = of_head(s, prev),
                    None => return false,
                }
            }
            _ => return false,
        }
    }
    false
}

/// `slot` and the mentions coordinated after it ("Egypt, Qatar and the US").
pub fn coordinated_right(s: &Sentence, slot: usize) -> Vec<usize> {
    let mut out = vec![slot];
    // Length of `out` up to the last "and"/"or" link: a list only ends with a conjunction
    // ("Bosnia, Perry said" is no list).
    let mut closed = 1;
    let mut k = s.slots[slot].end;
    loop {
        let mut j = k;
        if !matches!(s.lower(j), "and" | "or" | ",") {
            break;
        }
        let mut conj = s.lower(j) != ",";
        j += 1;
        if s.lower(j) == "and" || s.lower(j) == "or" {
            conj = true;
            j += 1;
        }
        while matches!(s.tag(j), Some(Tag::Det)) {
            j += 1;
        }
        match s.slot_at.get(j).copied().flatten() {
            Some(n) if n != *out.last().unwrap_or(&slot) => {
                out.push(n);
                if conj {
                    closed = out.len();
                }
                k = s.slots[n].end;
            }
            _ => break,
        }
    }
    out.truncate(closed);
    out
}

/// `slot` and the mentions coordinated before it; the nearest link must be "and"/"or".
pub fn coordinated_left(s: &Sentence, slot: usize) -> Vec<usize> {
    coordinated_before(s, slot, true)
}

/// [`coordinated_left`]; `free` stops at a conjunct governed by a preposition (no subject).
fn coordinated_before(s: &Sentence, slot: usize, free: bool) -> Vec<usize> {
    let mut out = vec![slot];
    let mut first = s.slots[slot].first;
    let mut need_and = true;
    while first > 0 {
        let mut p = first - 1;
        // "Israel and the Palestinians": skip the conjunct's determiner.
        while p > 0 && matches!(s.tag(p), Some(Tag::Det)) {
            p -= 1;
        }
        let word = s.lower(p);
        let is_and = matches!(word, "and" | "or");
        if !(is_and || (!need_and && word == ",")) {
            break;
        }
        if is_and && p > 0 && s.lower(p - 1) == "," {
            p -= 1;
        }
        let Some(prev) = p
            .checked_sub(1)
            .and_then(|q| s.slot_at[q])
            .map(|q| of_head(s, q))
        else {
            break;
        };
        if free && governed_by_prep(s, prev) {
            break;
        }
        out.insert(0, prev);
        first = s.slots[prev].first;
        need_and = false;
    }
    out
}

/// Whether the mention directly follows a preposition.
fn governed_by_prep(s: &Sentence, slot: usize) -> bool {
    previous_content(s, s.slots[slot].first)
        .is_some_and(|p| matches!(s.tag(p), Some(Tag::Prep | Tag::To)))
}

/// The subject mentions of verb group `g`, with the memo of earlier answers.
pub fn subject_of(s: &Sentence, g: usize, memo: &mut Vec<Option<Vec<usize>>>) -> Vec<usize> {
    if memo.len() < s.groups.len() {
        memo.resize(s.groups.len(), None);
    }
    if let Some(found) = &memo[g] {
        return found.clone();
    }
    memo[g] = Some(Vec::new()); // guards against cycles
    let found = find_subject(s, g, memo);
    memo[g] = Some(found.clone());
    found
}

fn find_subject(s: &Sentence, g: usize, memo: &mut Vec<Option<Vec<usize>>>) -> Vec<usize> {
    let group = &s.groups[g];
    // Infinitives and participles take the subject of the verb they depend on.
    if group.nonfinite
        && let Some(prev) = governing_group(s, g)
    {
        return subject_of(s, prev, memo);
    }
    // Coordinated verb phrase: "X met Y and signed ...".
    let before = (0..group.start)
        .rev()
        .find(|&k| !matches!(s.tag(k), Some(Tag::Adv)));
    if let Some(b) = before {
        if matches!(s.lower(b), "and" | "but" | "or" | "then")
            && let Some(prev) = (0..g)
                .rev()
                .find(|&p| !s.groups[p].nonfinite && s.groups[p].end <= b)
        {
            let between_clean = (s.groups[prev].end..b)
                .all(|k| !matches!(s.lower(k), ";" | "that" | "which" | "who" | ":"));
            let own_subject_between =
                (s.groups[prev].end..b).any(|k| s.slot_at[k].is_some_and(|m| !governed(s, m)));
            if between_clean && !own_subject_between {
                return subject_of(s, prev, memo);
            }
        }
        // Relative clause: "Putin, who met Xi, ..." → the antecedent.
        if matches!(s.lower(b), "who" | "which") {
            return relative_antecedent(s, g).unwrap_or_default();
        }
    }
    // "X said it would ...": an unresolved subject pronoun right after a speech verb is the
    // speaker.
    if let Some(speech) = speaker_pronoun(s, g) {
        return subject_of(s, speech, memo);
    }
    // A mention inside the subject noun phrase ("a camp for refugees was attacked", "a
    // bombing near the town of Samarra killed") is the subject when no other is found.
    let mut inner: Option<usize> = None;
    let mut k = group.start;
    while k > 0 {
        k -= 1;
        if let Some(m) = s.slot_at[k] {
            let inner_prep = previous_content(s, s.slots[m].first)
                .is_some_and(|p| matches!(s.lower(p), "of" | "for" | "near" | "in"));
            if inner.is_none() && inner_prep {
                inner = Some(m);
            }
            let first = s.slots[m].first;
            let possessor = s.slots[m].mentions.iter().all(|x| x.possessive);
            // Right before the verb, a mention is its subject even after another verb ("said
            // Russia attacked"), unless a preposition governs it.
            let adjacent = (s.slots[m].end..group.start)
                .all(|j| matches!(s.tag(j), Some(Tag::Adv)) || s.lower(j) == ",");
            let next_to_verb =
                (s.slots[m].end..group.start).all(|j| matches!(s.tag(j), Some(Tag::Adv)));
            // "came after the North slammed X": a preposition that also subordinates a clause
            // ("after", "before", "since", "until") does not govern a mention right before a
            // finite verb.
            let prep = previous_content(s, first).is_some_and(|p| {
                matches!(s.tag(p), Some(Tag::Prep | Tag::To))
                    && s.lower(p) != "of"
                    && !(next_to_verb
                        && !group.nonfinite
                        && SUBORDINATING_PREPS.contains(&s.lower(p)))
            });
            let free = !governed(s, m) || (adjacent && !prep);
            if free && !(possessor && s.slot_at.get(s.slots[m].end).is_some_and(Option::is_some)) {
                let m = apposition_head(s, m, group.start).unwrap_or(m);
                // "Lula of Brazil and Sheinbaum of Mexico held": the head of "X of Y".
                return coordinated_left(s, of_head(s, m));
            }
            k = first;
            continue;
        }
        match s.lower(k) {
            ";" | ":" => return inner.into_iter().collect(),
            "that" if s.tag(k) == Some(Tag::Sub) => return inner.into_iter().collect(),
            _ => {}
        }
        if let Some(h) = s.group_with_head(k) {
            let other = &s.groups[h];
            if other.nonfinite || h == g || bare_modifier(s, h) {
                continue;
            }
            // Skip a relative clause ("Putin, who met Xi, said").
            if let Some(w) = (0..other.start)
                .rev()
                .find(|&q| !matches!(s.tag(q), Some(Tag::Adv)))
                && matches!(s.lower(w), "who" | "which")
            {
                k = w;
                continue;
            }
            return inner.into_iter().collect();
        }
    }
    inner.into_iter().collect()
}

/// The antecedent mentions of group `g` when it opens a relative clause ("met with X and Y,
/// who warned ..." → X, Y); `Some(empty)` when the antecedent is not a mention.
pub fn relative_antecedent(s: &Sentence, g: usize) -> Option<Vec<usize>> {
    let b = (0..s.groups[g].start)
        .rev()
        .find(|&k| !matches!(s.tag(k), Some(Tag::Adv)))?;
    if !matches!(s.lower(b), "who" | "which") {
        return None;
    }
    let mut a = b;
    while a > 0 && matches!(s.lower(a - 1), ",") {
        a -= 1;
    }
    Some(
        a.checked_sub(1)
            .and_then(|q| s.slot_at[q])
            .map(|m| coordinated_before(s, m, false))
            .unwrap_or_default(),
    )
}

/// Whether group `h` is a bare participle modifying the noun before it ("a report released
/// Tuesday in X alleged", "troops based in Y attacked"): no verb of its own clause.
fn bare_modifier(s: &Sentence, h: usize) -> bool {
    let group = &s.groups[h];
    group.start == group.head
        && group.end == group.head + 1
        && matches!(
            s.tag(group.head),
            Some(Tag::Verb(crate::nlp::VerbForm::Past))
        )
        && group.head > 0
        && matches!(s.tag(group.head - 1), Some(Tag::Noun))
        && s.slot_at[group.head - 1].is_none()
        && s.slot_at.get(group.end).copied().flatten().is_none()
        && matches!(s.tag(group.end), Some(Tag::Prep | Tag::Proper))
}

/// Speech verbs whose subject an unresolved pronoun after them refers to.
const SPEECH: &[&str] = &[
    "say", "announce", "state", "declare", "confirm", "add", "insist",
];

/// For "X said (that) it ordered ...": the speech group before the unresolved pronoun subject
/// of group `g`.
fn speaker_pronoun(s: &Sentence, g: usize) -> Option<usize> {
    let start = s.groups[g].start;
    let p = (0..start)
        .rev()
        .find(|&k| !matches!(s.tag(k), Some(Tag::Adv)))?;
    if s.slot_at[p].is_some() || !matches!(s.lower(p), "it" | "he" | "she" | "they") {
        return None;
    }
    // The speech verb may be followed by "that" and a time phrase ("said on Tuesday it had").
    let mut q = p.checked_sub(1)?;
    for _ in 0..4 {
        if s.group_at(q).is_some() {
            break;
        }
        let time_word = matches!(
            s.tag(q),
            Some(Tag::Prep | Tag::Proper | Tag::Num | Tag::Det | Tag::Adv | Tag::Sub)
        ) && s.slot_at[q].is_none();
        if !time_word {
            return None;
        }
        q = q.checked_sub(1)?;
    }
    let h = s.group_at(q)?;
    let speech = &s.groups[h];
    (speech.end == q + 1 && !speech.nonfinite && SPEECH.contains(&speech.lemma.as_str()))
        .then_some(h)
}

/// For a mention inside an apposition closed before `verb_start` ("Pakistan, a key US ally,
/// said"), the mention the apposition describes.
fn apposition_head(s: &Sentence, slot: usize, verb_start: usize) -> Option<usize> {
    let mut j = s.slots[slot].first.checked_sub(1)?;
    let mut det = false;
    while matches!(s.tag(j), Some(Tag::Det | Tag::Adj | Tag::Num)) {
        det |= s.tag(j) == Some(Tag::Det);
        j = j.checked_sub(1)?;
    }
    let closed = (s.slots[slot].end..verb_start).any(|k| s.lower(k) == ",");
    if !det || !closed || s.lower(j) != "," {
        return None;
    }
    s.slot_at.get(j.checked_sub(1)?).copied().flatten()
}

/// The finite verb group a non-finite group depends on: the nearest group to its left in the
/// same clause.
pub fn governing_group(s: &Sentence, g: usize) -> Option<usize> {
    let start = s.groups[g].start;
    let prev = (0..g).next_back()?;
    let clean = (s.groups[prev].end..start).all(|k| {
        !matches!(
            s.lower(k),
            ";" | ":" | "that" | "which" | "who" | "because" | "while" | "if"
        )
    });
    clean.then_some(prev)
}

/// Options for [`objects_after`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ObjectSearch {
    /// Places after in/at/to are targets.
    pub places: bool,
    /// With `places`, a place after "from" is a target too ("withdrew from Sylvania").
    pub from_places: bool,
    /// Continue into a that-clause.
    pub that_clause: bool,
    /// Continue through infinitives and gerunds ("urged X to", "threatened to attack X").
    pub infinitives: bool,
    /// Token index after the pattern's words: verb groups before it belong to the pattern
    /// ("refused to meet X").
    pub pattern_end: usize,
    /// Force and coercion: "at"/"on" introduce the target ("fired missiles at X").
    pub violent: bool,
}

/// The first object mention after token `from` (with its coordinated mentions), inside the
/// clause of the group `g`.
pub fn objects_after(s: &Sentence, g: usize, from: usize, opts: ObjectSearch) -> Vec<usize> {
    let mut k = from;
    let limit = (from + 18).min(s.tags.len());
    while k < limit {
        if let Some(m) = s.slot_at[k] {
            let prep = previous_content(s, s.slots[m].first)
                .map(|p| s.lower(p))
                .unwrap_or("");
            // "rejected calls by X": after an object noun, "by" names the target's side; so it
            // does after a noun with a bare participle ("the decision taken by X").
            let after_noun = previous_content(s, s.slots[m].first)
                .and_then(|p| p.checked_sub(1))
                .is_some_and(|q| {
                    (matches!(s.tag(q), Some(Tag::Noun)) || reduced_relative(s, q)) && q >= from
                });
            // A preposition of the pattern itself ("fired at", "arrived in") introduces the target.
            let pattern_prep = previous_content(s, s.slots[m].first)
                .is_some_and(|p| p < opts.pattern_end && p >= from);
            // "officials from Germany": after a noun, "from" names the noun's side.
            let noun_from = prep == "from" && after_noun;
            let violent_at = opts.violent && prep == "at";
            let place = PLACE_PREPS.contains(&prep) && !pattern_prep && !noun_from && !violent_at;
            let source = (!pattern_prep && !after_noun && matches!(prep, "from" | "by"))
                || matches!(prep, "like" | "than");
            let possessor_only = s.slots[m].mentions.iter().all(|x| x.possessive)
                && s.slot_at.get(s.slots[m].end).is_some_and(Option::is_some);
            let from_ok = prep != "from" || opts.from_places;
            let source = source && !(opts.places && opts.from_places && prep == "from");
            if (!place || (opts.places && from_ok)) && !source && !possessor_only {
                return coordinated_right(s, m);
            }
            k = s.slots[m].end;
            continue;
        }
        // "over what he described as X's moves": the frame names the object.
        if let Some(end) = naming_frame(s, k) {
            k = end;
            continue;
        }
        let w = s.lower(k);
        match w {
            "." | ";" | "!" | "?" | ":" | "(" => return Vec::new(),
            "," => return Vec::new(),
            "that" if s.tag(k) == Some(Tag::Sub) && !opts.that_clause => return Vec::new(),
            "because" | "while" | "although" | "though" | "whereas" | "unless" | "who"
            | "which" | "where" | "when" | "after" | "before" | "since" | "amid" | "despite"
            | "sidelines" | "margins" => {
                return Vec::new();
            }
            _ => {}
        }
        if let Some(h) = s.group_with_head(k).or_else(|| s.group_at(k)) {
            let other = &s.groups[h];
            // "condemned the move taken by X": a reduced relative keeps the clause going.
            if h != g && other.start > from && reduced_relative(s, other.head) {
                k = k.max(other.end);
                continue;
            }
            let in_pattern = other.start < opts.pattern_end;
            // A that-clause's verb is passed only once its "that" is seen ("warned that X
            // would ..."); "agreed to cooperate in dealing with X" stops at the gerund.
            let seen_that =
                (from..other.start).any(|j| s.lower(j) == "that" && s.tag(j) == Some(Tag::Sub));
            let after_prep = other.start > 0 && matches!(s.tag(other.start - 1), Some(Tag::Prep));
            let passable = in_pattern
                || (opts.infinitives && other.nonfinite && !after_prep)
                || (opts.that_clause && other.start > from && (seen_that || !after_prep));
            if h != g && !passable {
                return Vec::new();
            }
            if h != g {
                k = k.max(other.end);
                continue;
            }
        }
        k += 1;
    }
    Vec::new()
}

/// Verbs that name something in "what X called/described as Y".
const NAMING_VERBS: &[&str] = &[
    "call",
    "describe",
    "term",
    "label",
    "dub",
    "brand",
    "characterize",
    "characterise",
];

/// For "what" at `k` opening a naming frame ("what he described as", "what Beijing called"):
/// the token after the frame. The frame names the object that follows; it is no event.
pub fn naming_frame(s: &Sentence, k: usize) -> Option<usize> {
    if s.lower(k) != "what" {
        return None;
    }
    let mut j = k + 1;
    match s.slot_at.get(j).copied().flatten() {
        Some(m) => j = s.slots[m].end,
        None if s.tag(j) == Some(Tag::Pron) => j += 1,
        // "what some officials described as".
        None => {
            let start = j;
            while j < start + 3
                && matches!(
                    s.tag(j),
                    Some(Tag::Det | Tag::Adj | Tag::Noun | Tag::Proper)
                )
            {
                j += 1;
            }
            if j == start || !matches!(s.tag(j - 1), Some(Tag::Noun | Tag::Proper)) {
                return None;
            }
        }
    }
    let h = s.group_at(j)?;
    let group = &s.groups[h];
    if group.start != j || !NAMING_VERBS.contains(&group.lemma.as_str()) {
        return None;
    }
    Some(if s.lower(group.end) == "as" {
        group.end + 1
    } else {
        group.end
    })
}

/// Whether token `k` is a bare past participle between a noun and "by", a reduced relative
/// clause ("the decision taken by the government", "the statement issued by X").
pub fn reduced_relative(s: &Sentence, k: usize) -> bool {
    let bare = s.group_with_head(k).is_some_and(|h| {
        let g = &s.groups[h];
        g.start == g.head && g.end == g.head + 1
    });
    bare && matches!(s.tag(k), Some(Tag::Verb(crate::nlp::VerbForm::Past)))
        && k > 0
        && matches!(s.tag(k - 1), Some(Tag::Noun))
        && s.lower(k + 1) == "by"
}

/// The source of an agentless passive of removal: the mention after "from" ("will be
/// expelled from Estonia" → Estonia expels).
pub fn passive_source(s: &Sentence, g: usize) -> Vec<usize> {
    let end = s.groups[g].end;
    let limit = (end + 6).min(s.tags.len());
    for k in end..limit {
        match s.lower(k) {
            "from" => {
                let mut j = k + 1;
                while matches!(s.tag(j), Some(Tag::Det | Tag::Adj)) {
                    j += 1;
                }
                return s
                    .slot_at
                    .get(j)
                    .copied()
                    .flatten()
                    .map(|m| coordinated_right(s, m))
                    .unwrap_or_default();
            }
            "." | ";" | "," | "that" | "which" | "who" | "by" => return Vec::new(),
            _ => {}
        }
    }
    Vec::new()
}

/// The agent of a passive group: the mention after "by" ("was rejected by Kyiv").
pub fn passive_agent(s: &Sentence, g: usize) -> Vec<usize> {
    let end = s.groups[g].end;
    let limit = (end + 8).min(s.tags.len());
    for k in end..limit {
        match s.lower(k) {
            "by" => {
                let mut j = k + 1;
                while matches!(s.tag(j), Some(Tag::Det | Tag::Adj)) {
                    j += 1;
                }
                return s
                    .slot_at
                    .get(j)
                    .copied()
                    .flatten()
                    .map(|m| coordinated_right(s, m))
                    .unwrap_or_default();
            }
            "." | ";" | "," | "that" | "which" | "who" => return Vec::new(),
            _ => {}
        }
    }
    Vec::new()
}
