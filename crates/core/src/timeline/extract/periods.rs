//! Periods: decades, hundreds, centuries and millennia.

use super::PartialDate;
use super::scan::{Hit, Point, Scan};

/// Ordinals written as words, for centuries and millennia ("the sixteenth century").
#[rustfmt::skip]
const ORDINALS: [&str; 20] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
];

impl Scan<'_> {
    /// An ordinal: "16th", "sixteenth", "Twenty-first".
    fn ordinal_at(&self, i: usize) -> Option<(i64, usize)> {
        if let Some((n, digits)) = self.num(i)
            && digits <= 3
            && self.touch(i + 1)
            && self.word_is(i + 1, &["st", "nd", "rd", "th"])
        {
            return Some((n, i + 2));
        }
        let position = |i: usize| ORDINALS.iter().position(|o| self.word_is(i, &[o])).map(|p| p as i64 + 1);
        for (tens, value) in [("twenty", 20), ("thirty", 30)] {
            if self.word_is(i, &[tens]) && self.sym(i + 1, '-') && self.touch(i + 1) && self.touch(i + 2) {
                return position(i + 2).filter(|&p| p < 10).map(|p| (value + p, i + 3));
            }
        }
        position(i).map(|p| (p, i + 1))
    }

    /// "century", "centuries", "millennium", "millennia" after an ordinal at `j` (also in
    /// "16th-century"): the years per unit, and the token after.
    fn unit_at(&self, j: usize) -> Option<(i64, usize)> {
        let j = if self.sym(j, '-') && self.touch(j) && self.touch(j + 1) { j + 1 } else { j };
        if self.word_is(j, &["century", "centuries"]) {
            Some((100, j + 1))
        } else if self.word_is(j, &["millennium", "millennia"]) {
            Some((1000, j + 1))
        } else {
            None
        }
    }

    /// Decades ("the 1990s"), hundreds ("the 1800s"), centuries ("the 16th century", "the
    /// sixteenth century", "the 19th and 20th centuries") and millennia ("the 4th millennium
    /// BC"). "The" belongs to the mention when it stands right before the number; after a
    /// qualifier ("the mid-nineteenth century") the mention is the century alone, but a pair
    /// keeps all its words ("the late 20th and early 21st centuries").
    pub fn period_at(&self, i: usize) -> Option<Hit> {
        let the = self.word_is(i, &["the"]);
        let j = if the { i + 1 } else { i };
        let k = self.skip_qualifier(j);
        let first = if the && k == j { i } else { k };
        if let Some((n, 4)) = self.num(k)
            && n % 10 == 0
            && (1000..=2190).contains(&n)
            && self.touch(k + 1)
            && self.word(k + 1) == Some("s")
            && !self.glued_before(k)
        {
            // "The 1800s" are the hundred years, as writers use it ("throughout the 1800s");
            // "the 2000s" are still only a decade.
            let span = if n % 100 == 0 && n < 2000 { 99 } else { 9 };
            let period = Point::Period(PartialDate::year(n), PartialDate::year(n + span));
            return Some(Hit::single(first, k + 2, period));
        }
        let (a, after_a) = self.ordinal_at(k)?;
        let (b, after_b) = if self.word_is(after_a, &["and", "to"]) {
            let (b, next) = self.ordinal_at(self.skip_qualifier(after_a + 1))?;
            (b, next)
        } else {
            (a, after_a)
        };
        let (per, next) = self.unit_at(after_b)?;
        let plural = self.word_is(next - 1, &["centuries", "millennia"]);
        if (a != b) != plural || b < a {
            return None;
        }
        let (before, next) = self.era_at(next).unwrap_or((false, next));
        let (from, to) = period_years(a, b, per, before)?;
        let first = if a != b && the { i } else { first };
        Some(Hit::single(first, next, Point::Period(PartialDate::year(from), PartialDate::year(to))))
    }
}

/// The first and last years of centuries `a` to `b` (or millennia, `per` = 1000), before the
/// common era if `before`: the 16th century is 1501–1600, the 4th millennium BC 4000–3001 BC.
/// `None` past six digits, or for a zeroth.
fn period_years(a: i64, b: i64, per: i64, before: bool) -> Option<(i64, i64)> {
    if a < 1 || b < a {
        return None;
    }
    let (first, last) = ((a - 1) * per + 1, b * per);
    let (from, to) = if before { (-last, -first) } else { (first, last) };
    Some((super::prose_year(from)?, super::prose_year(to)?))
}
