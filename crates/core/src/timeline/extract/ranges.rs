//! Lists of days and ranges: shapes made of two or more dates.

use super::scan::{Hit, Point, Scan, Written};

/// The most days in one list ("October 8, 9, 21, 1987"): a month has no more, and the bound
/// keeps every look-ahead short.
const MAX_LIST_DAYS: usize = 31;

impl Scan<'_> {
    /// A date or a period starting at `i`, for the ends of a range.
    fn point_at(&self, i: usize, led: bool) -> Option<(Point, usize, usize)> {
        if let Some(hit) = self.period_at(i) {
            return Some((hit.start, hit.first, hit.next));
        }
        let j = self.skip_qualifier(i);
        self.written_at(j, led).map(|(w, next)| (Point::Date(w), i, next))
    }

    /// Days of one month in a list: "October 8, 9, 21, 1987", "June 22 and 24", "8, 9 and 21
    /// October 1987". Each day is its own date, all in the month and in the year written at
    /// the end, if any; two days in a row joined by "and" are a range (left to `range_at`). A
    /// list must end with its year or join its last day with "and", so "On March 3, 12
    /// soldiers" stays one date.
    pub fn list_at(&self, i: usize) -> Option<Vec<Hit>> {
        let month_first = self.month_at(i);
        let first_day = month_first.map_or(i, |(_, j)| j);
        let mut days = vec![(self.day_at(first_day)?, first_day)];
        let mut k = days[0].0.1;
        let mut joined_by_and = false;
        while days.len() < MAX_LIST_DAYS {
            let (and, j) = match (self.sym(k, ','), self.word_is(k, &["and"]), self.word_is(k + 1, &["and"])) {
                (true, _, true) => (true, k + 2),
                (true, _, false) => (false, k + 1),
                (false, true, _) => (true, k + 1),
                _ => break,
            };
            // A year is not a day, so "October 8, 9, 21, 1987" stops before its year.
            let Some(day) = self.day_at(j) else { break };
            days.push((day, j));
            k = day.1;
            joined_by_and = and;
            if and {
                break;
            }
        }
        if days.len() < 2 {
            return None;
        }
        let (month, year, next) = match month_first {
            Some((month, _)) => {
                let (year, next) = self.year_after_month(k).map_or((None, k), |(y, n)| (Some(y), n));
                (month, year, next)
            }
            None => {
                let m = if self.word_is(k, &["of"]) { k + 1 } else { k };
                let (month, after) = self.month_at(m)?;
                let (year, next) = self.year_at(after, false).map_or((None, after), |(y, n)| (Some(y), n));
                (month, year, next)
            }
        };
        let consecutive_pair = days.len() == 2 && joined_by_and && days[1].0.0 == days[0].0.0 + 1;
        if (year.is_none() && !joined_by_and) || consecutive_pair || days.windows(2).any(|w| w[1].0.0 <= w[0].0.0) {
            return None;
        }
        // Each day is its own mention: the first with the month before it ("October 8"), the
        // last with the month or year after it ("21, 1987", "21 October 1987").
        let last = days.len() - 1;
        let hits = days
            .iter()
            .enumerate()
            .map(|(n, &((day, day_next), day_first))| {
                let first = if n == 0 { i } else { day_first };
                let next = if n == last { next } else { day_next };
                Hit::single(first, next, Point::Date(Written::day(year, month, day)))
            })
            .collect();
        Some(hits)
    }

    /// "22–25 October", "30 and 31 October 1962", "February 27–28, 2019".
    fn day_range_at(&self, i: usize) -> Option<Hit> {
        let days = |j: usize| -> Option<(u8, u8, usize)> {
            let (first, k) = self.day_at(j)?;
            if !(self.dash(k) || self.word_is(k, &["and", "to"])) {
                return None;
            }
            let (last, next) = self.day_at(k + 1)?;
            (last > first && (self.dash(k) || last == first + 1 || self.word_is(k, &["to"])))
                .then_some((first, last, next))
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
            Some((year, next)) => (Some(year), next),
            // The comma of "February 27–28, North Korea" is not part of the mention.
            None => (None, if self.sym(y - 1, ',') { y - 1 } else { y }),
        };
        let (a, b) = (Written::day(year, month, first), Written::day(year, month, last));
        Some(Hit { first: i, next, start: Point::Date(a), end: Some(Point::Date(b)), dashed: false })
    }

    /// The end of "1993–94": a two-digit year written right after the dash, in the century of
    /// `start` or the next. After a hyphen, 01–12 could be the month of "2006-10", so is left.
    fn short_year_at(&self, i: usize, start: i64) -> Option<(i64, usize)> {
        let (n, digits) = self.num(i)?;
        if digits != 2 || start < 100 || !self.touch(i) || self.glued_after(i) || (self.sym(i - 1, '-') && n <= 12) {
            return None;
        }
        let year = start - start % 100 + n;
        Some((if year <= start { year + 100 } else { year }, i + 1))
    }

    /// Ranges: "between X and Y", "from X to Y", "X–Y" (dates, decades or centuries at either
    /// end, as "12 March 1947 – 26 December 1991" or "the 1870s-early 1900s"), "1880s/1890s",
    /// "1993–94" and "22–25 October". Whether the ends make a range once their years are known
    /// is for the caller to say.
    pub fn range_at(&self, i: usize) -> Option<Hit> {
        let joins: [(&str, &[&str]); 2] = [("between", &["and"]), ("from", &["to", "until", "till", "through"])];
        for (open, join) in joins {
            if self.word_is(i, &[open])
                && let Some((a, _, j)) = self.point_at(i + 1, true)
                && self.word_is(j, join)
                && let Some((b, _, next)) = self.point_at(j + 1, true)
            {
                return Some(Hit { first: i, next, start: a, end: Some(b), dashed: false });
            }
        }
        if let Some(hit) = self.day_range_at(i) {
            return Some(hit);
        }
        let (a, first, j) = self.point_at(i, false)?;
        if first != i {
            return None;
        }
        // A slash joins only what touches it: "1880s/1890s", not "and/or 1990".
        let slash = self.sym(j, '/') && self.touch(j) && self.touch(j + 1);
        if !(self.dash(j) || slash) {
            return None;
        }
        let b = self.point_at(j + 1, true).map(|(b, _, next)| (b, next)).or_else(|| match a {
            Point::Date(Written { year: Some(y), month: None, .. }) => {
                self.short_year_at(j + 1, y).map(|(b, next)| (Point::Date(Written::year(b)), next))
            }
            _ => None,
        });
        let (b, next) = b?;
        Some(Hit { first: i, next, start: a, end: Some(b), dashed: true })
    }
}
