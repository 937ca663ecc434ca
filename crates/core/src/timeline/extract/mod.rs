//! Finds the dates written in a case's prose, so they can be offered as timeline events.
//!
//! A small hand-written scanner over word, number and symbol tokens: the patterns are few and
//! fixed, and every match starts and ends on an ASCII token, so slices are always on char
//! boundaries whatever script surrounds them.

use std::ops::Range;

use super::PartialDate;

/// A date written in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the mention exactly as written, e.g. "January 20, 2025" or "the 1990s".
    pub range: Range<usize>,
    pub date: PartialDate,
    /// For ranges ("between 2006 and 2022", "from 2013 to 2017", "the 1990s"): the end.
    pub end: Option<PartialDate>,
    /// Byte range of the sentence holding it (for the suggested event's description).
    pub sentence: Range<usize>,
}

#[rustfmt::skip]
const MONTHS: [&str; 12] = [
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
const TIME_WORDS: &[&str] = &[
    "in", "on", "by", "since", "until", "till", "before", "after", "during", "from", "through", "between",
    "of", "that", "this", "last", "next", "early", "late", "mid", "his", "her", "its", "their",
];

/// Words that narrow a date without changing it: "late August", "mid-September".
const QUALIFIERS: &[&str] = &["early", "late", "mid"];

/// Every date mention in `text`, in order, not overlapping.
///
/// A day and month without a year ("on 30 October"), or a month alone after a word of time ("in
/// March"), take the year of the latest dated mention before them and are skipped when there is
/// none. A day that does not exist drops only the day: "31 April 2022" yields "April 2022".
pub fn mentions(text: &str) -> Vec<Mention> {
    let mut scan = Scan { text, toks: tokens(text), resolutions: Vec::new() };
    scan.resolutions = (1..scan.toks.len())
        .filter(|&i| scan.word_is(i - 1, DOCUMENTS))
        .filter_map(|i| scan.num(i).map(|(n, _)| n))
        .collect();
    let mut out = Vec::new();
    let mut context = None;
    let mut i = 0;
    while i < scan.toks.len() {
        let found = scan.range_at(i, context).or_else(|| {
            scan.date_at(i, context, false).map(|(date, next)| Found { date, end: None, next, pin: Some(date.year) })
        });
        let Some(found) = found else {
            i += 1;
            continue;
        };
        if let (Some(first), Some(last)) = (scan.toks.get(i), scan.toks.get(found.next - 1)) {
            let range = first.start..last.end;
            out.push(Mention { sentence: sentence(text, &range), range, date: found.date, end: found.end });
        }
        context = found.pin.or(context);
        i = found.next;
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Sym(char),
}

struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Runs of ASCII letters and of ASCII digits, and every other non-space char on its own.
fn tokens(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    for (start, c) in text.char_indices() {
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

struct Found {
    date: PartialDate,
    end: Option<PartialDate>,
    /// Index of the first token after the match.
    next: usize,
    /// The year a later "30 October" should take from this mention, if it names one.
    pin: Option<i32>,
}

struct Scan<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    /// Numbers the text gives to resolutions anywhere ("Resolution 1718").
    resolutions: Vec<i32>,
}

impl Scan<'_> {
    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn word(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i).filter(|t| t.kind == Kind::Word)?;
        self.text.get(t.start..t.end)
    }

    fn word_is(&self, i: usize, words: &[&str]) -> bool {
        self.word(i).is_some_and(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
    }

    fn sym(&self, i: usize, c: char) -> bool {
        self.kind(i) == Some(Kind::Sym(c))
    }

    fn dash(&self, i: usize) -> bool {
        matches!(self.kind(i), Some(Kind::Sym('-' | '–')))
    }

    /// Whether a word of time comes right before token `i`; "mid-" counts with its hyphen.
    fn after_time_word(&self, i: usize) -> bool {
        let i = if i >= 2 && self.sym(i - 1, '-') && self.touch(i) && self.touch(i - 1) { i - 1 } else { i };
        i >= 1 && self.word_is(i - 1, TIME_WORDS)
    }

    /// The token after an optional "late" or "mid-" at `i`.
    fn skip_qualifier(&self, i: usize) -> usize {
        if !self.word_is(i, QUALIFIERS) {
            i
        } else if self.sym(i + 1, '-') && self.touch(i + 1) && self.touch(i + 2) {
            i + 2
        } else {
            i + 1
        }
    }

    /// The value and digit count of a number token.
    fn num(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.toks.get(i).filter(|t| t.kind == Kind::Num && t.end - t.start <= 6)?;
        Some((self.text.get(t.start..t.end)?.parse::<i32>().ok()?, t.end - t.start))
    }

    /// Whether token `j` is written right after the one before it, with no space.
    fn touch(&self, j: usize) -> bool {
        j > 0 && matches!((self.toks.get(j - 1), self.toks.get(j)), (Some(a), Some(b)) if a.end == b.start)
    }

    /// Part of a word, a longer number ("1,2006") or an amount of money.
    fn glued_before(&self, i: usize) -> bool {
        self.touch(i)
            && match self.kind(i - 1) {
                Some(Kind::Word) => true,
                Some(Kind::Sym(',' | '.')) => self.touch(i - 1) && self.kind(i - 2) == Some(Kind::Num),
                Some(Kind::Sym(c)) => "$€£¥#".contains(c),
                _ => false,
            }
    }

    /// Part of a word ("1990s", "FY2006T") or a longer number ("2006.5", "2006,000").
    fn glued_after(&self, i: usize) -> bool {
        self.touch(i + 1)
            && match self.kind(i + 1) {
                Some(Kind::Word) => true,
                Some(Kind::Sym(',' | '.')) => self.touch(i + 2) && self.kind(i + 2) == Some(Kind::Num),
                _ => false,
            }
    }

    /// Numbers that count things or name documents, which a year in prose never does.
    fn counted(&self, i: usize) -> bool {
        self.word_is(i + 1, UNITS)
            || self.sym(i + 1, '%')
            || (i >= 1 && self.word_is(i - 1, REFS))
            || (i >= 2 && self.sym(i - 1, '.') && self.word_is(i - 2, REF_ABBREVIATIONS))
            || (self.num(i).is_some_and(|(n, _)| self.resolutions.contains(&n)) && !self.after_time_word(i))
    }

    /// A year: "2006", "500 BCE", "44 BC", "79 CE". `bare` is for a number standing alone, where
    /// counts and document numbers have to be told apart from years.
    fn year_at(&self, i: usize, bare: bool) -> Option<(i32, usize)> {
        let (n, digits) = self.num(i)?;
        if n == 0 || self.glued_before(i) {
            return None;
        }
        if self.word_is(i + 1, &["bce", "bc"]) {
            return Some((-n, i + 2));
        }
        if self.word_is(i + 1, &["ce"]) {
            return Some((n, i + 2));
        }
        let plain = digits == 4 && (1000..=2199).contains(&n) && !self.glued_after(i);
        if !plain || (bare && self.counted(i)) {
            return None;
        }
        Some((n, i + 1))
    }

    /// "October", "oct", "Oct.", "Sept.".
    fn month_at(&self, i: usize) -> Option<(u8, usize)> {
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
    fn day_at(&self, i: usize) -> Option<(u8, usize)> {
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
    fn iso_at(&self, i: usize) -> Option<(PartialDate, usize)> {
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

    /// A single date starting at token `i`; `context` is the year for a day and month alone or a
    /// month alone. `led` says a date is expected here, as after the "and" of "between June and
    /// August", so a month alone needs no word of time before it.
    fn date_at(&self, i: usize, context: Option<i32>, led: bool) -> Option<(PartialDate, usize)> {
        if let Some(found) = self.iso_at(i) {
            return Some(found);
        }
        let dated = |year: Option<(i32, usize)>, month: u8, day: u8, no_year: usize| -> Option<(PartialDate, usize)> {
            match year {
                Some((year, next)) => Some((ymd(year, month, day)?, next)),
                None => Some((ymd(context?, month, day)?, no_year)),
            }
        };
        if let Some((month, j)) = self.month_at(i) {
            if let Some((day, k)) = self.day_at(j) {
                let y = if self.sym(k, ',') { k + 1 } else { k };
                return dated(self.year_at(y, false), month, day, k);
            }
            if let Some((year, next)) = self.year_at(j, false) {
                return Some((PartialDate { month: Some(month), ..PartialDate::year(year) }, next));
            }
            return self.month_alone(i, month, context?, led);
        }
        if let Some((day, j)) = self.day_at(i) {
            let j = if self.word_is(j, &["of"]) { j + 1 } else { j };
            if let Some((month, k)) = self.month_at(j) {
                return dated(self.year_at(k, false), month, day, k);
            }
        }
        if self.word_is(i, &["c", "ca", "circa"]) {
            let j = if self.sym(i + 1, '.') && self.touch(i + 1) { i + 2 } else { i + 1 };
            let (year, next) = self.year_at(j, true)?;
            return Some((PartialDate { circa: true, ..PartialDate::year(year) }, next));
        }
        let (year, next) = self.year_at(i, true)?;
        Some((PartialDate::year(year), next))
    }

    /// "in March", "that October": a month written in full with a capital, after a word of time.
    fn month_alone(&self, i: usize, month: u8, year: i32, led: bool) -> Option<(PartialDate, usize)> {
        let w = self.word(i)?;
        let written_in_full = MONTHS.contains(&w.to_ascii_lowercase().as_str());
        if !written_in_full || !w.starts_with(|c: char| c.is_ascii_uppercase()) || !(led || self.after_time_word(i)) {
            return None;
        }
        Some((PartialDate { month: Some(month), ..PartialDate::year(year) }, i + 1))
    }

    /// "22–25 October", "30 and 31 October 1962", "February 27–28, 2019".
    fn day_range_at(&self, i: usize, context: Option<i32>) -> Option<Found> {
        let days = |j: usize| -> Option<(u8, u8, usize)> {
            let (first, k) = self.day_at(j)?;
            if !(self.dash(k) || self.word_is(k, &["and", "to"])) {
                return None;
            }
            let (last, next) = self.day_at(k + 1)?;
            (last > first).then_some((first, last, next))
        };
        let (month, first, last, y) = if let Some((month, j)) = self.month_at(i) {
            let (first, last, k) = days(j)?;
            (month, first, last, if self.sym(k, ',') { k + 1 } else { k })
        } else {
            let (first, last, k) = days(i)?;
            let k = if self.word_is(k, &["of"]) { k + 1 } else { k };
            let (month, y) = self.month_at(k)?;
            (month, first, last, y)
        };
        let (year, next) = match self.year_at(y, false) {
            Some(found) => found,
            // The comma of "February 27–28, North Korea" is not part of the mention.
            None => (context?, if self.sym(y - 1, ',') { y - 1 } else { y }),
        };
        let (date, end) = (ymd(year, month, first)?, ymd(year, month, last)?);
        Some(Found { date, end: Some(end), next, pin: Some(year) })
    }

    /// The end of "1993–94": a two-digit year written right after the dash, in the century of
    /// `start` or the next. After a hyphen, 01–12 could be the month of "2006-10", so is left.
    fn short_year_at(&self, i: usize, start: i32) -> Option<(i32, usize)> {
        let (n, digits) = self.num(i)?;
        if digits != 2 || start < 100 || !self.touch(i) || self.glued_after(i) || (self.sym(i - 1, '-') && n <= 12) {
            return None;
        }
        let year = start - start % 100 + n;
        Some((if year <= start { year + 100 } else { year }, i + 1))
    }

    /// "between X and Y", "from X to Y", "2013–2017", "1993–94", "22–25 October", "the 1990s".
    fn range_at(&self, i: usize, context: Option<i32>) -> Option<Found> {
        let joins: [(&str, &[&str]); 2] = [("between", &["and"]), ("from", &["to", "until", "till", "through"])];
        for (open, join) in joins {
            if self.word_is(i, &[open])
                && let Some((a, j)) = self.date_at(self.skip_qualifier(i + 1), context, true)
                && self.word_is(j, join)
                && let Some((b, next)) = self.date_at(self.skip_qualifier(j + 1), Some(a.year), true)
                && b > a
            {
                return Some(Found { date: a, end: Some(b), next, pin: Some(b.year) });
            }
        }
        let j = if self.word_is(i, &["the"]) { i + 1 } else { i };
        if let Some((n, 4)) = self.num(j)
            && n % 10 == 0
            && (1000..=2190).contains(&n)
            && self.touch(j + 1)
            && self.word(j + 1) == Some("s")
            && !self.glued_before(j)
        {
            // A decade names no single year for a later "30 October" to borrow.
            let (date, end) = (PartialDate::year(n), PartialDate::year(n + 9));
            return Some(Found { date, end: Some(end), next: j + 2, pin: None });
        }
        if let Some(found) = self.day_range_at(i, context) {
            return Some(found);
        }
        let (a, j) = self.year_at(i, true)?;
        if !self.dash(j) {
            return None;
        }
        let (b, next) = self.year_at(j + 1, true).or_else(|| self.short_year_at(j + 1, a))?;
        if b <= a {
            return None;
        }
        Some(Found { date: PartialDate::year(a), end: Some(PartialDate::year(b)), next, pin: Some(b) })
    }
}

/// A full date, or `None` when the day does not exist in that month and year.
fn ymd(year: i32, month: u8, day: u8) -> Option<PartialDate> {
    PartialDate::parse(&format!("{year}-{month}-{day}")).ok()
}

/// A line break, or a stop followed by space; a stop followed by a lowercase word is taken as an
/// abbreviation ("U.S. forces", "e.g. the"), not the end of a sentence.
fn ends_sentence(b: &[u8], j: usize) -> bool {
    match b.get(j) {
        Some(b'\n') => true,
        Some(b'.' | b'!' | b'?') => {
            let rest = b.get(j + 1..).unwrap_or(&[]);
            let gap = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
            rest.is_empty() || (gap > 0 && !rest.get(gap).is_some_and(u8::is_ascii_lowercase))
        }
        _ => false,
    }
}

fn sentence(text: &str, at: &Range<usize>) -> Range<usize> {
    let b = text.as_bytes();
    let start = (0..at.start).rev().find(|&j| ends_sentence(b, j)).map_or(0, |j| j + 1);
    // A mention ending in an abbreviation ("30 Oct.") may end its sentence with that same stop.
    let from = if at.end > at.start && b.get(at.end - 1) == Some(&b'.') { at.end - 1 } else { at.end };
    let end = (from..b.len())
        .find(|&j| ends_sentence(b, j))
        .map_or(b.len(), |j| if b.get(j) == Some(&b'\n') { j } else { j + 1 });
    let s = text.get(start..end).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    start + lead..start + lead + s.trim().len()
}

#[cfg(test)]
mod tests;
