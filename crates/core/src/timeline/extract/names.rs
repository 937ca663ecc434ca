//! What looks like a date but is not one to suggest: names that contain dates, and the dates
//! of citations.

use std::ops::Range;

use super::scan::{Hit, Kind, MONTHS, Point, Scan, TIME_WORDS, Written};

/// Nouns of events and groups that make a date before them part of a name: "the 26th of July
/// Movement", "the September 11 attacks", "the 14 July Revolution", "the May 4th Movement".
#[rustfmt::skip]
const EVENT_NOUNS: &[&str] = &[
    "Movement", "Revolution", "Uprising", "Incident", "Accords", "Accord", "Agreement", "Massacre", "Coup",
    "Crisis", "Riots", "Rebellion", "Revolt", "Offensive", "Declaration", "Manifesto", "Putsch", "Protests",
    "Affair", "Plot", "Raid", "Group", "Party", "Front", "Brigade", "Regime", "Decree", "Pact", "Memorandum",
    "Constitution", "Attacks", "Bombings", "Strike", "Mutiny",
];

/// Nouns that name events written in lower case by convention, as in "September 11 attacks"
/// and "7 July bombings".
const LOWER_CASE_EVENT_NOUNS: &[&str] = &["attacks", "bombings"];

/// Seasons, which like months are times, not names, after "the … of": "the Spring of 1902".
const SEASONS: &[&str] = &["spring", "summer", "autumn", "fall", "winter"];

/// Whether `hit` is part of a name rather than a date. The rules, each a way writers name
/// things after dates:
///
/// - A day and month without a year, followed by a noun of events or places ("the 26th of July
///   Movement", "September 11 attacks", "14 July Revolution"). With a year the same words are
///   a date: "the 1911 revolution" says when. The noun is capitalised, as names are, except
///   the few conventionally written in lower case ("attacks", "bombings").
/// - "The" and one capitalised word before "of" and a year ("the Panic of 1873", "the War of
///   1812", "the Treaty of 1818"): without its year there is no name. A longer name that
///   stands without the year keeps the year as a date ("the Chinese Exclusion Act of 1882",
///   "the Treaty of Tianjin of 1858"). Not in headings, where every word has a capital.
/// - Years after the comma of a title in italics, in title case ("*The Influence of Sea Power
///   upon History, 1660–1783*"): the span a book covers, part of its title.
pub(super) fn is_name(scan: &Scan<'_>, hit: &Hit, emphasis: &[Range<usize>], headings: &[Range<usize>]) -> bool {
    match (hit.start, hit.end) {
        (Point::Date(Written { year: None, month: Some(_), day: Some(_), .. }), None) => {
            let next = hit.next;
            scan.word(next).is_some_and(|w| EVENT_NOUNS.contains(&w) || LOWER_CASE_EVENT_NOUNS.contains(&w))
        }
        (Point::Date(Written { year: Some(_), month: None, .. }), None) => {
            let i = hit.first;
            i >= 3
                && scan.word_is(i - 1, &["of"])
                && scan.capitalised(i - 2)
                && !scan.word_is(i - 2, &MONTHS)
                && !scan.word_is(i - 2, SEASONS)
                && !scan.word_is(i - 2, TIME_WORDS)
                && scan.word_is(i - 3, &["the"])
                && !inside(headings, scan.toks[i].start)
        }
        (Point::Date(a), Some(Point::Date(b))) if hit.dashed && a.month.is_none() && b.month.is_none() => {
            italic_title_before(scan, hit.first, emphasis)
        }
        _ => false,
    }
}

fn inside(ranges: &[Range<usize>], at: usize) -> bool {
    let k = ranges.partition_point(|r| r.end <= at);
    ranges.get(k).is_some_and(|r| r.start <= at)
}

/// Short words a title leaves in lower case.
#[rustfmt::skip]
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "upon", "to", "for", "at", "by", "with", "from", "s",
];

/// Whether the mention at token `i` follows ", " at the end of a title in italics: the words
/// from the start of the italics to the comma are in title case.
fn italic_title_before(scan: &Scan<'_>, i: usize, emphasis: &[Range<usize>]) -> bool {
    let Some(at) = scan.toks.get(i).map(|t| t.start) else { return false };
    let k = emphasis.partition_point(|r| r.end <= at);
    let Some(italics) = emphasis.get(k).filter(|r| r.start <= at) else { return false };
    if i < 2 || !scan.sym(i - 1, ',') {
        return false;
    }
    let mut words = 0;
    let mut j = i - 1;
    while j > 0 && scan.toks[j - 1].start >= italics.start {
        j -= 1;
        match scan.kind(j) {
            Some(Kind::Word) if scan.capitalised(j) => words += 1,
            Some(Kind::Word) if scan.word_is(j, TITLE_SMALL_WORDS) => {}
            // The suffix of an ordinal: "12th Edition".
            Some(Kind::Word) if scan.touch(j) && scan.kind(j - 1) == Some(Kind::Num) => {}
            Some(Kind::Word) | Some(Kind::Barrier) => return false,
            _ => {}
        }
    }
    words >= 2
}

/// Whether a date at token `i` is a citation's: retrieved, accessed, archived or edited then,
/// as references and page footers say ("Retrieved 12 March 2020", "(accessed June 4, 2021)",
/// "Archived from the original on 3 May 2019", "last edited on 3 May 2021"). `dated` says
/// whether a date starts at a token.
pub(super) fn cites_at(scan: &Scan<'_>, i: usize, dated: impl Fn(usize) -> bool) -> bool {
    let date_after = |j: usize| dated(j) || (scan.word_is(j, &["on"]) && dated(j + 1));
    let word = |j: usize| scan.word(j).unwrap_or_default();
    match word(i) {
        "Retrieved" | "Accessed" => date_after(i + 1),
        // In prose "accessed" is a verb; a citation sets it off: "…, accessed June 4, 2021".
        "accessed" => i > 0 && (scan.sym(i - 1, '(') || scan.sym(i - 1, ',')) && date_after(i + 1),
        "Archived" => date_after(i + 1) || (scan.word_is(i + 1, &["from"]) && scan.word_is(i + 3, &["original"])),
        "last" => scan.word_is(i + 1, &["edited", "modified", "updated"]) && date_after(i + 2),
        _ => false,
    }
}
