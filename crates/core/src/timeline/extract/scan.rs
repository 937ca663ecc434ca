//! The scanner: word, number and symbol tokens, and the shapes of dates among them (single
//! dates, lists of days, decades, centuries and ranges), with their years still to resolve.
//!
//! Every shape starts and ends on an ASCII token, so slices are always on char boundaries
//! whatever script surrounds them. Every matcher looks a fixed number of tokens ahead (a list
//! of days at most a month's worth), so scanning a text is linear in its length.

use std::collections::HashSet;
use std::ops::Range;

use super::PartialDate;

#[rustfmt::skip]
pub(super) const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
];

/// Words that make a four-digit number a count or a measure rather than a year.
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "people", "persons", "troops", "soldiers", "members", "men", "women", "children", "civilians", "refugees",
    "deaths", "casualties", "votes", "tons", "tonnes", "barrels", "km", "kilometres", "kilometers", "miles",
    "metres", "meters", "feet", "kg", "dollars", "euros", "pounds", "acres", "hectares", "million", "billion",
    "percent", "hours", "hrs",
];

/// Words that make the number after them the name of a document or a place in one.
const REFS: &[&str] = &["resolution", "resolutions", "article", "section", "page"];

/// The same, for abbreviations written with a stop ("No. 1874").
const REF_ABBREVIATIONS: &[&str] = &["no", "nos", "art", "p", "pp"];

/// Words whose numbers a text goes on to use alone as names: after "Resolution 1718" come "the
/// 1718 Committee" and tables of resolutions by number.
const DOCUMENTS: &[&str] = &["resolution", "resolutions"];

/// Words that introduce a time. A month named alone ("in March") is a date only after one of
/// these, which keeps out "May" the name and "march" the verb; and a number the text uses as a
/// resolution is still a year after one ("Resolution 1973 ... in 1973").
#[rustfmt::skip]
pub(super) const TIME_WORDS: &[&str] = &[
    "in", "on", "by", "since", "until", "till", "before", "after", "during", "from", "through", "between",
    "of", "that", "this", "last", "next", "early", "late", "mid", "his", "her", "its", "their",
];

/// Words that narrow a date without changing it: "late August", "mid-September".
const QUALIFIERS: &[&str] = &["early", "late", "mid"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Num,
    Sym(char),
    /// Text that is not read: code, a URL, a reference section. No shape crosses it.
    Barrier,
}

pub(super) struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// Runs of ASCII letters and of ASCII digits, and every other non-space char on its own; each
/// of the sorted `skip` ranges, and each word that is a URL, as one barrier.
pub(super) fn tokens(text: &str, skip: &[Range<usize>]) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    let mut skip = skip.iter().peekable();
    let mut barrier_until = 0;
    let mut word_start = true;
    for (start, c) in text.char_indices() {
        if start < barrier_until {
            continue;
        }
        while skip.next_if(|r| r.end <= start).is_some() {}
        let url_end = if word_start && !c.is_whitespace() { url_at(text, start) } else { None };
        word_start = c.is_whitespace();
        if let Some(end) = skip.peek().filter(|r| r.start <= start).map(|r| r.end).or(url_end) {
            toks.push(Tok { kind: Kind::Barrier, start, end });
            barrier_until = end;
            continue;
        }
        let kind = match c {
            c if c.is_whitespace() => continue,
            'a'..='z' | 'A'..='Z' => Kind::Word,
            '0'..='9' => Kind::Num,
            c => Kind::Sym(c),
        };
        let end = start + c.len_utf8();
        if let Some(t) = toks.last_mut()
            && t.end == start
            && t.kind == kind
            && matches!(kind, Kind::Word | Kind::Num)
        {
            t.end = end;
        } else {
            toks.push(Tok { kind, start, end });
        }
    }
    toks
}

/// Where the URL starting a word at `start` ends: a word (up to white space) holding "://" or
/// starting "www." after any opening bracket. Its dates are paths, not events.
fn url_at(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let end = start + rest.find(char::is_whitespace).unwrap_or(rest.len());
    let word = &text[start..end];
    let bare = word.trim_start_matches(['(', '<', '[', '"', '\'']);
    (word.contains("://") || bare.starts_with("www.")).then_some(end)
}

/// A date as written, its year perhaps missing ("30 October", "in March"): the caller takes it
/// from the dates before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Written {
    pub year: Option<i64>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub circa: bool,
}

impl Written {
    pub(super) fn year(year: i64) -> Self {
        Self { year: Some(year), month: None, day: None, circa: false }
    }

    pub(super) fn month(year: Option<i64>, month: u8) -> Self {
        Self { year, month: Some(month), day: None, circa: false }
    }

    pub(super) fn day(year: Option<i64>, month: u8, day: u8) -> Self {
        Self { year, month: Some(month), day: Some(day), circa: false }
    }

    /// The date in `year` (its own if it has one); `None` if that day does not exist then.
    pub fn in_year(&self, year: i64) -> Option<PartialDate> {
        let year = self.year.unwrap_or(year);
        let date = match (self.month, self.day) {
            (Some(m), Some(d)) => PartialDate::parse(&format!("{}-{m:02}-{d:02}", iso_year(year))).ok()?,
            (Some(m), None) => PartialDate { month: Some(m), ..PartialDate::year(year) },
            _ => PartialDate::year(year),
        };
        Some(PartialDate { circa: self.circa, ..date })
    }
}

fn iso_year(year: i64) -> String {
    if year < 0 { format!("-{:04}", year.unsigned_abs()) } else { format!("{year:04}") }
}

/// One end of a shape: a date, or a stretch whose own two ends are known (a decade, a century).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Point {
    Date(Written),
    Period(PartialDate, PartialDate),
}

/// A shape found in the tokens: a date, a period, or a range between two of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Hit {
    /// The first token of the mention and the one after its last.
    pub first: usize,
    pub next: usize,
    pub start: Point,
    pub end: Option<Point>,
    /// Joined by a dash or a slash, not by words: the shape of a book's years ("1660–1783").
    pub dashed: bool,
}

impl Hit {
    pub(super) fn single(first: usize, next: usize, start: Point) -> Self {
        Self { first, next, start, end: None, dashed: false }
    }
}

pub(super) struct Scan<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// Numbers the text gives to resolutions anywhere ("Resolution 1718").
    resolutions: HashSet<i64>,
}

impl<'a> Scan<'a> {
    pub fn new(text: &'a str, skip: &[Range<usize>]) -> Self {
        let mut scan = Scan { text, toks: tokens(text, skip), resolutions: HashSet::new() };
        scan.resolutions = (1..scan.toks.len())
            .filter(|&i| scan.word_is(i - 1, DOCUMENTS))
            .filter_map(|i| scan.num(i).map(|(n, _)| n))
            .collect();
        scan
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i).filter(|t| t.kind == Kind::Word)?;
        self.text.get(t.start..t.end)
    }

    pub fn word_is(&self, i: usize, words: &[&str]) -> bool {
        self.word(i).is_some_and(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
    }

    /// Whether token `i` is a word written with a capital.
    pub fn capitalised(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
    }

    pub fn sym(&self, i: usize, c: char) -> bool {
        self.kind(i) == Some(Kind::Sym(c))
    }

    pub(super) fn dash(&self, i: usize) -> bool {
        matches!(self.kind(i), Some(Kind::Sym('-' | '–')))
    }

    /// Whether a word of time comes right before token `i`; "mid-" counts with its hyphen.
    pub(super) fn after_time_word(&self, i: usize) -> bool {
        let i = if i >= 2 && self.sym(i - 1, '-') && self.touch(i) && self.touch(i - 1) { i - 1 } else { i };
        i >= 1 && self.word_is(i - 1, TIME_WORDS)
    }

    /// The token after an optional "late" or "mid-" at `i`.
    pub(super) fn skip_qualifier(&self, i: usize) -> usize {
        if !self.word_is(i, QUALIFIERS) {
            i
        } else if self.sym(i + 1, '-') && self.touch(i + 1) && self.touch(i + 2) {
            i + 2
        } else {
            i + 1
        }
    }

    /// The value and digit count of a number token.
    pub fn num(&self, i: usize) -> Option<(i64, usize)> {
        let t = self.toks.get(i).filter(|t| t.kind == Kind::Num && t.end - t.start <= 6)?;
        Some((self.text.get(t.start..t.end)?.parse::<i64>().ok()?, t.end - t.start))
    }

    /// Whether token `j` is written right after the one before it, with no space.
    pub fn touch(&self, j: usize) -> bool {
        j > 0 && matches!((self.toks.get(j - 1), self.toks.get(j)), (Some(a), Some(b)) if a.end == b.start)
    }

    /// Part of a word, a longer number ("1,2006") or an amount of money.
    pub(super) fn glued_before(&self, i: usize) -> bool {
        self.touch(i)
            && match self.kind(i - 1) {
                Some(Kind::Word) => true,
                Some(Kind::Sym(',' | '.')) => self.touch(i - 1) && self.kind(i - 2) == Some(Kind::Num),
                Some(Kind::Sym(c)) => "$€£¥#".contains(c),
                _ => false,
            }
    }

    /// Part of a word ("1990s", "FY2006T") or a longer number ("2006.5", "2006,000").
    pub(super) fn glued_after(&self, i: usize) -> bool {
        self.touch(i + 1)
            && match self.kind(i + 1) {
                Some(Kind::Word) => true,
                Some(Kind::Sym(',' | '.')) => self.touch(i + 2) && self.kind(i + 2) == Some(Kind::Num),
                _ => false,
            }
    }

    /// Numbers that count things or name documents, which a year in prose never does.
    pub(super) fn counted(&self, i: usize) -> bool {
        self.word_is(i + 1, UNITS)
            || self.sym(i + 1, '%')
            || (i >= 1 && self.word_is(i - 1, REFS))
            || (i >= 2 && self.sym(i - 1, '.') && self.word_is(i - 2, REF_ABBREVIATIONS))
            || (self.num(i).is_some_and(|(n, _)| self.resolutions.contains(&n)) && !self.after_time_word(i))
    }

    /// An era after a year or century: `Some(true)` before the common era ("BC", "BCE",
    /// "B.C.", "B.C.E."), `Some(false)` in it ("AD", "CE", "A.D.", "C.E."), and the token after.
    pub(super) fn era_at(&self, i: usize) -> Option<(bool, usize)> {
        if self.word_is(i, &["bce", "bc"]) {
            return Some((true, i + 1));
        }
        if self.word_is(i, &["ce", "ad"]) && self.word(i).is_some_and(|w| w.chars().all(|c| c.is_ascii_uppercase())) {
            return Some((false, i + 1));
        }
        // Dotted: letters each followed by a touching stop.
        let mut letters = String::new();
        let mut j = i;
        while letters.len() < 3
            && self.word(j).is_some_and(|w| w.len() == 1)
            && self.sym(j + 1, '.')
            && self.touch(j + 1)
        {
            if !letters.is_empty() && !self.touch(j) {
                break;
            }
            letters.push_str(self.word(j).unwrap_or_default());
            j += 2;
        }
        match letters.as_str() {
            "BC" | "BCE" => Some((true, j)),
            "AD" | "CE" => Some((false, j)),
            _ => None,
        }
    }

    /// A year: "2006", "500 BCE", "44 B.C.", "79 CE", "AD 79". `bare` is for a number standing
    /// alone, where counts and document numbers have to be told apart from years.
    pub fn year_at(&self, i: usize, bare: bool) -> Option<(i64, usize)> {
        if self.word(i) == Some("AD")
            && let Some((n, _)) = self.num(i + 1)
            && !self.glued_after(i + 1)
        {
            return super::prose_year(n).map(|y| (y, i + 2));
        }
        let (n, digits) = self.num(i)?;
        if n == 0 || self.glued_before(i) {
            return None;
        }
        if let Some((before, next)) = self.era_at(i + 1) {
            let year = if before { -n } else { n };
            return super::prose_year(year).map(|y| (y, next));
        }
        let plain = digits == 4 && (1000..=2199).contains(&n) && !self.glued_after(i);
        if !plain || (bare && self.counted(i)) {
            return None;
        }
        Some((n, i + 1))
    }

    /// "October", "oct", "Oct.", "Sept.".
    pub fn month_at(&self, i: usize) -> Option<(u8, usize)> {
        let lower = self.word(i)?.to_ascii_lowercase();
        let w = lower.as_str();
        let m = MONTHS
            .iter()
            .position(|&m| m == w || (w.len() == 3 && m.starts_with(w)) || (w == "sept" && m == "september"))?;
        let abbreviated = !MONTHS.contains(&w);
        let next = if abbreviated && self.sym(i + 1, '.') && self.touch(i + 1) { i + 2 } else { i + 1 };
        Some((m as u8 + 1, next))
    }

    /// "9", "09", "9th".
    pub(super) fn day_at(&self, i: usize) -> Option<(u8, usize)> {
        let (n, digits) = self.num(i)?;
        if digits > 2 || !(1..=31).contains(&n) || self.glued_before(i) {
            return None;
        }
        if self.touch(i + 1) && self.kind(i + 1) == Some(Kind::Word) {
            return self.word_is(i + 1, &["st", "nd", "rd", "th"]).then_some((n as u8, i + 2));
        }
        Some((n as u8, i + 1))
    }

    /// "2006-10-09".
    pub(super) fn iso_at(&self, i: usize) -> Option<(PartialDate, usize)> {
        let shape = [4, 0, 2, 0, 2];
        let fits = shape.iter().enumerate().all(|(k, &len)| {
            (k == 0 || self.touch(i + k))
                && if len == 0 { self.sym(i + k, '-') } else { self.num(i + k).is_some_and(|(_, d)| d == len) }
        });
        if !fits || self.glued_before(i) || self.glued_after(i + 4) {
            return None;
        }
        let (first, last) = (self.toks.get(i)?, self.toks.get(i + 4)?);
        Some((PartialDate::parse(self.text.get(first.start..last.end)?).ok()?, i + 5))
    }

    /// A year after a month: ", 1987", " 1987" or " of 1987" ("November of 1899").
    pub(super) fn year_after_month(&self, k: usize) -> Option<(i64, usize)> {
        let y = if self.sym(k, ',') || self.word_is(k, &["of"]) { k + 1 } else { k };
        self.year_at(y, false)
    }

    /// A single date starting at token `i`. `led` says a date is expected here, as after the
    /// "and" of "between June and August", so a month alone needs no word of time before it.
    pub fn written_at(&self, i: usize, led: bool) -> Option<(Written, usize)> {
        if let Some((date, next)) = self.iso_at(i) {
            let written = Written { year: Some(date.year), month: date.month, day: date.day, circa: false };
            return Some((written, next));
        }
        if let Some((month, j)) = self.month_at(i) {
            if let Some((day, k)) = self.day_at(j) {
                return Some(match self.year_after_month(k).filter(|_| !self.word_is(k, &["of"])) {
                    Some((year, next)) => (Written::day(Some(year), month, day), next),
                    None => (Written::day(None, month, day), k),
                });
            }
            if let Some((year, next)) = self.year_after_month(j).filter(|_| !self.sym(j, ',')) {
                return Some((Written::month(Some(year), month), next));
            }
            return self.month_alone(i, month, led).map(|w| (w, j));
        }
        if let Some((day, j)) = self.day_at(i) {
            let j = if self.word_is(j, &["of"]) { j + 1 } else { j };
            if let Some((month, k)) = self.month_at(j) {
                return Some(match self.year_at(k, false) {
                    Some((year, next)) => (Written::day(Some(year), month, day), next),
                    None => (Written::day(None, month, day), k),
                });
            }
        }
        if self.word_is(i, &["c", "ca", "circa"]) {
            let j = if self.sym(i + 1, '.') && self.touch(i + 1) { i + 2 } else { i + 1 };
            let (year, next) = self.year_at(j, true)?;
            return Some((Written { circa: true, ..Written::year(year) }, next));
        }
        let (year, next) = self.year_at(i, true)?;
        Some((Written::year(year), next))
    }

    /// "in March", "that October": a month written in full with a capital, after a word of time.
    pub(super) fn month_alone(&self, i: usize, month: u8, led: bool) -> Option<Written> {
        let w = self.word(i)?;
        let written_in_full = MONTHS.contains(&w.to_ascii_lowercase().as_str());
        let capital = w.starts_with(|c: char| c.is_ascii_uppercase());
        (written_in_full && capital && (led || self.after_time_word(i))).then_some(Written::month(None, month))
    }
}
