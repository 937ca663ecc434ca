//! Finds the dates written in a case's prose, so they can be offered as timeline events.
//!
//! A small hand-written scanner over word, number and symbol tokens (`scan`): the patterns are
//! few and fixed. It reads the text only, or, given a [`Structure`], also knows what of the text
//! is code, raw HTML or a reference section (not read), which is in italics and which are
//! headings. `case::dates::mentions_in` gives it the structure of a case's document.
//!
//! What is not suggested: dates in code, URLs, reference sections and citations (`names`),
//! and names that contain dates ("the Panic of 1873", "the 26th of July Movement").
//!
//! Every step looks a bounded number of tokens ahead and each sentence is found by binary
//! search, so the work is linear in the text, however it is written.

mod names;
mod periods;
mod ranges;
mod scan;
mod sentence;

use std::ops::Range;

use super::PartialDate;
use scan::{Hit, Point, Scan, Written};
pub use sentence::MAX_SENTENCE_BYTES;
use sentence::Sentences;

/// A date written in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the mention exactly as written, e.g. "January 20, 2025" or "the 1990s".
    pub range: Range<usize>,
    pub date: PartialDate,
    /// For ranges ("between 2006 and 2022", "from 2013 to 2017", "the 1990s"): the end.
    pub end: Option<PartialDate>,
    /// Byte range of the sentence holding it (for the suggested event's description), at most
    /// [`MAX_SENTENCE_BYTES`] long.
    pub sentence: Range<usize>,
}

/// What the extractor knows of a text besides its characters, as byte ranges of it, each list
/// sorted and not overlapping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    /// Not read: code, raw HTML and comments, reference sections.
    pub skip: Vec<Range<usize>>,
    /// In italics, where a book's title may be.
    pub emphasis: Vec<Range<usize>>,
    /// Headings, where every word has a capital.
    pub headings: Vec<Range<usize>>,
}

/// Every date mention in `text`, in order, not overlapping; see [`mentions_with`].
pub fn mentions(text: &str) -> Vec<Mention> {
    mentions_with(text, &Structure::default())
}

/// Every date mention in `text`, in order, not overlapping, leaving out what `structure` says
/// is not to be read.
///
/// A day or month without a year ("on 30 October", "in March" after a word of time) takes its
/// year from the nearest date before it, and rolls over: after "25 December 1894", "in early
/// January" is January 1895, since that is nearer than the January before; with no date before
/// it, it is skipped. The nearest date is in the mention's own section when the section has
/// one; a section that opens without a year carries on from the one before, as the Cuban case's
/// headings "The public phase: 22–25 October" and "28 October" do. Dates in skipped text
/// (code, references, citations) and decades or centuries give no year. A range whose year comes at its end takes it for both ends ("between 30
/// April and 24 June 1975"). A day that does not exist drops only the day: "31 April 2022"
/// yields "April 2022".
pub fn mentions_with(text: &str, structure: &Structure) -> Vec<Mention> {
    let first = Scan::new(text, &structure.skip);
    let citations = citation_lines(&first, text);
    let scan = if citations.is_empty() { first } else { Scan::new(text, &merge(&structure.skip, &citations)) };
    let sentences = Sentences::new(text);
    let mut out = Vec::new();
    let mut context: Option<PartialDate> = None;
    let mut i = 0;
    while i < scan.toks.len() {
        let Some(hits) = hits_at(&scan, i, context) else {
            i += 1;
            continue;
        };
        let next = hits.iter().map(|(h, _)| h.next).max().unwrap_or(i + 1);
        for (hit, resolved) in hits {
            if names::is_name(&scan, &hit, &structure.emphasis, &structure.headings) {
                continue;
            }
            let Some((date, end, pin)) = resolved else { continue };
            if let (Some(first), Some(last)) = (scan.toks.get(hit.first), scan.toks.get(hit.next - 1)) {
                let range = first.start..last.end;
                out.push(Mention { sentence: sentences.around(&range), range, date, end });
            }
            context = pin.or(context);
        }
        i = next.max(i + 1);
    }
    out
}

/// A date found, its end for a range, and the date a later day or month without a year counts
/// from (none after a decade or a century, which name no single year).
type Resolved = (PartialDate, Option<PartialDate>, Option<PartialDate>);

/// The mentions starting at token `i`, each with its dates once its years are known (`None`
/// when a year is missing and none is known, or the day does not exist).
fn hits_at(scan: &Scan<'_>, i: usize, context: Option<PartialDate>) -> Option<Vec<(Hit, Option<Resolved>)>> {
    if let Some(hit) = scan.range_at(i)
        && let Some(resolved) = resolve_range(&hit, context)
    {
        return Some(vec![(hit, Some(resolved))]);
    }
    if let Some(list) = scan.list_at(i) {
        let mut context = context;
        let resolved = list
            .into_iter()
            .map(|hit| {
                let resolved = resolve_single(&hit, context);
                context = resolved.and_then(|r| r.2).or(context);
                (hit, resolved)
            })
            .collect();
        return Some(resolved);
    }
    let hit = match scan.period_at(i) {
        Some(hit) => hit,
        None => {
            let (written, next) = scan.written_at(i, false)?;
            Hit { first: i, next, start: Point::Date(written), end: None, dashed: false }
        }
    };
    // A date that cannot be, as "February 29, 2023", is left for what its parts say ("2023").
    let resolved = resolve_single(&hit, context)?;
    Some(vec![(hit, Some(resolved))])
}

fn resolve_single(hit: &Hit, context: Option<PartialDate>) -> Option<Resolved> {
    match hit.start {
        Point::Period(from, to) => Some((from, Some(to), None)),
        Point::Date(written) => {
            let date = written.in_year(year_from(&written, context)?)?;
            Some((date, None, Some(date)))
        }
    }
}

/// The dates of a range, or `None` if its end is not after its start (then it is read as
/// separate dates: "from 2017 to 2013").
fn resolve_range(hit: &Hit, context: Option<PartialDate>) -> Option<Resolved> {
    let (a, b) = (hit.start, hit.end?);
    let (start, end) = match (a, b) {
        (Point::Period(from, _), Point::Period(_, to)) => (from, to),
        (Point::Period(from, _), Point::Date(w)) => (from, w.in_year(w.year?)?),
        (Point::Date(w), Point::Period(_, to)) => (w.in_year(w.year.unwrap_or(to.year))?, to),
        (Point::Date(a), Point::Date(b)) => match (a.year, b.year) {
            (Some(_), _) | (None, None) => {
                let start = a.in_year(year_from(&a, context)?)?;
                (start, b.in_year(year_after(&b, &start)?)?)
            }
            // The year written at the end serves both ends: "between 30 April and 24 June 1975";
            // "from December to March 1995" starts in 1994.
            (None, Some(year)) => {
                let end = b.in_year(year)?;
                let later = (a.month, a.day) > (end.month, end.day);
                (a.in_year(if later { previous_year(year)? } else { year })?, end)
            }
        },
    };
    if end <= start {
        return None;
    }
    let pin = matches!(b, Point::Date(_)).then_some(end);
    Some((start, Some(end), pin))
}

/// The year of a date written without one: that of `context`, or the next when that makes it
/// nearer (in January after a December, not in the January eleven months before). A date with
/// its year keeps it.
fn year_from(written: &Written, context: Option<PartialDate>) -> Option<i64> {
    if let Some(year) = written.year {
        return Some(year);
    }
    let context = context?;
    match (written.month, context.month) {
        (Some(m), Some(c)) if c > m && c - m > 6 => next_year(context.year),
        _ => Some(context.year),
    }
}

/// The year of the end of a range whose start is `start`: its own, or the start's, or the next
/// when its month comes before the start's ("from November to February").
fn year_after(written: &Written, start: &PartialDate) -> Option<i64> {
    if let Some(year) = written.year {
        return Some(year);
    }
    match (written.month, start.month) {
        (Some(m), Some(s)) if m < s => next_year(start.year),
        _ => Some(start.year),
    }
}

/// The historical year after `year` (1 BCE is followed by 1 CE), unless out of range.
fn next_year(year: i64) -> Option<i64> {
    prose_year(if year == -1 { 1 } else { year + 1 })
}

fn previous_year(year: i64) -> Option<i64> {
    prose_year(if year == 1 { -1 } else { year - 1 })
}

/// The largest year prose is read for: six digits. Files may say 13,800,000,000 BCE, but in a
/// sentence a number that long is a count, a sum or a hostile input, not a year.
const PROSE_MAX_YEAR: i64 = 999_999;

/// A year named in prose: none if zero or past [`PROSE_MAX_YEAR`].
pub(crate) fn prose_year(year: i64) -> Option<i64> {
    PartialDate::checked_year(year).ok().filter(|y| y.abs() <= PROSE_MAX_YEAR)
}

/// The lines that cite a source (a date retrieved, accessed or archived), whole: their other
/// dates are the citation's too (when the source was published), not events.
fn citation_lines(scan: &Scan<'_>, text: &str) -> Vec<Range<usize>> {
    let dated = |j: usize| scan.written_at(j, true).is_some();
    let marks: Vec<usize> =
        (0..scan.toks.len()).filter(|&i| names::cites_at(scan, i, dated)).map(|i| scan.toks[i].start).collect();
    if marks.is_empty() {
        return Vec::new();
    }
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let mut lines: Vec<Range<usize>> = Vec::new();
    for at in marks {
        let k = line_starts.partition_point(|&s| s <= at).saturating_sub(1);
        let start = line_starts[k];
        let end = line_starts.get(k + 1).map_or(text.len(), |&s| s - 1);
        if lines.last().is_none_or(|l| l.start != start) {
            lines.push(start..end);
        }
    }
    lines
}

/// Two sorted lists of ranges as one, sorted, with overlapping ranges joined.
fn merge(a: &[Range<usize>], b: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut all: Vec<Range<usize>> = a.iter().chain(b).cloned().collect();
    all.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(all.len());
    for r in all {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests;
