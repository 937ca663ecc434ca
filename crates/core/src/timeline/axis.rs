//! The time axis: dates as positions on a line, and ticks that adapt to the zoom.
//!
//! Positions are in years on the astronomical scale (1 BCE is year 0), as `f64`, so a 5,000
//! year span and a single day are both exact enough for drawing.

use super::PartialDate;
use super::date::{astronomical, days_in_month, is_leap};

const MONTHS_SHORT: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn days_in_year(year: i64) -> f64 {
    if is_leap(year) { 366.0 } else { 365.0 }
}

fn historical(year: i64) -> i64 {
    if year <= 0 { year - 1 } else { year }
}

/// The position of a day, `month` 1–12 and `day` 1-based, in astronomical years.
fn position(year: i64, month: u32, day: u32) -> f64 {
    let before: u32 = (1..month).map(|m| days_in_month(year, m)).sum();
    year as f64 + f64::from(before + day.saturating_sub(1)) / days_in_year(year)
}

impl PartialDate {
    /// Where the date starts on the axis.
    pub fn start_years(&self) -> f64 {
        position(astronomical(self.year), self.month.map_or(1, u32::from), self.day.map_or(1, u32::from))
    }

    /// Where the period the date names ends: the next day, month or year.
    pub fn end_years(&self) -> f64 {
        let year = astronomical(self.year);
        match (self.month, self.day) {
            (Some(_), Some(_)) => self.start_years() + 1.0 / days_in_year(year),
            (Some(m), None) if m >= 12 => (year + 1) as f64,
            (Some(m), None) => position(year, u32::from(m) + 1, 1),
            _ => (year + 1) as f64,
        }
    }
}

/// A mark on the axis with its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub at_years: f64,
    pub label: String,
    /// Starts a larger unit (a new year among months, a new decade among years): drawn
    /// stronger.
    pub major: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    Years(i64),
    Months(u32),
    Days(u32),
}

/// From the finest to the coarsest: days, months, then years in 1, 2, 5 times powers of ten up
/// to tens of billions, so the cosmological scale gets as few ticks as a century does.
fn steps() -> impl Iterator<Item = Step> {
    let days = [1, 2, 7, 14].map(Step::Days);
    let months = [1, 3, 6].map(Step::Months);
    let years = (0..=10u32).flat_map(|exp| [1, 2, 5].map(|m| Step::Years(m * 10i64.pow(exp))));
    days.into_iter().chain(months).chain(years)
}

impl Step {
    fn approx_years(self) -> f64 {
        match self {
            Self::Years(n) => n as f64,
            Self::Months(n) => f64::from(n) / 12.0,
            Self::Days(n) => f64::from(n) / 365.25,
        }
    }
}

fn year_label(year: i64) -> String {
    let y = historical(year);
    let digits = super::date::grouped(y.unsigned_abs());
    if y < 0 { format!("{digits} BCE") } else { digits }
}

/// Ticks for the span `start..end` (in years) drawn over `length_px`, at least `min_gap_px`
/// apart: the finest of centuries, decades, years, months or days that fits.
pub fn ticks(start: f64, end: f64, length_px: f32, min_gap_px: f32) -> Vec<Tick> {
    if end <= start || !start.is_finite() || !end.is_finite() || length_px <= 0.0 {
        return Vec::new();
    }
    let px_per_year = f64::from(length_px) / (end - start);
    let step = steps()
        .find(|s| s.approx_years() * px_per_year >= f64::from(min_gap_px))
        .unwrap_or(Step::Years(50_000_000_000));
    let mut out = Vec::new();
    // Never more than a screenful of ticks, whatever the input.
    let limit = (length_px / min_gap_px.max(1.0)) as usize + 4;
    match step {
        Step::Years(n) => {
            let first = (start / n as f64).floor() as i64 * n;
            let mut y = first;
            while (y as f64) <= end && out.len() < limit {
                if y as f64 >= start {
                    // A tick a million years apart is labelled round: the year between 1 BCE and
                    // the astronomical year 0 is far below a pixel there.
                    let label = if n >= 1_000_000 && y < 0 {
                        format!("{} BCE", super::date::grouped(y.unsigned_abs()))
                    } else {
                        year_label(y)
                    };
                    out.push(Tick { at_years: y as f64, label, major: y % (n * 10) == 0 });
                }
                y += n;
            }
        }
        Step::Months(n) => {
            let mut year = start.floor() as i64;
            let mut month = 1;
            while position(year, month, 1) <= end && out.len() < limit {
                let at = position(year, month, 1);
                if at >= start {
                    let label = if month == 1 { year_label(year) } else { MONTHS_SHORT[month as usize - 1].to_owned() };
                    out.push(Tick { at_years: at, label, major: month == 1 });
                }
                month += n;
                if month > 12 {
                    month -= 12;
                    year += 1;
                }
            }
        }
        Step::Days(n) => {
            let (mut year, mut month) = (start.floor() as i64, 1);
            while position(year, month, days_in_month(year, month)) + 1.0 / 365.0 < start {
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
            let mut day = 1;
            while position(year, month, day) <= end && out.len() < limit {
                let at = position(year, month, day);
                if at >= start {
                    let label = match (day, month) {
                        (1, 1) => year_label(year),
                        (1, _) => format!("{} {}", MONTHS_SHORT[month as usize - 1], year_label(year)),
                        _ => day.to_string(),
                    };
                    out.push(Tick { at_years: at, label, major: day == 1 });
                }
                day += n;
                // Each month starts afresh, so the 1st is always a tick.
                if day > days_in_month(year, month) || (n > 1 && day + n.div_ceil(2) > days_in_month(year, month) + 1) {
                    day = 1;
                    month += 1;
                    if month > 12 {
                        month = 1;
                        year += 1;
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_sit_in_order_on_the_axis() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(d("2006").start_years(), 2006.0);
        assert!(d("2006-10-09").start_years() > d("2006-10").start_years());
        assert!(d("2006-10").end_years() > d("2006-10-31").start_years());
        assert_eq!(d("2006").end_years(), 2007.0);
        assert_eq!(d("2006-12").end_years(), 2007.0);
        assert_eq!(d("1 BCE").start_years(), 0.0, "astronomical year zero");
        assert!(d("500 BCE").start_years() < d("1 BCE").start_years());
    }

    fn labels(start: f64, end: f64, px: f32) -> Vec<String> {
        ticks(start, end, px, 80.0).into_iter().map(|t| t.label).collect()
    }

    #[test]
    fn ticks_adapt_from_centuries_to_days() {
        assert_eq!(labels(1500.0, 2000.0, 700.0), ["1500", "1600", "1700", "1800", "1900", "2000"]);
        assert_eq!(
            labels(1960.0, 2000.0, 800.0),
            ["1960", "1965", "1970", "1975", "1980", "1985", "1990", "1995", "2000"]
        );
        assert_eq!(labels(2006.0, 2010.0, 800.0)[..3], ["2006", "Jul", "2007"]);
        let months = labels(2006.0, 2007.0, 1000.0);
        assert_eq!(months[..3], ["2006", "Feb", "Mar"]);
        let october = PartialDate::parse("1962-10").unwrap();
        let days = labels(october.start_years(), october.end_years(), 1600.0);
        assert_eq!(days[0], "Oct 1962");
        assert!(days.contains(&"15".to_owned()), "{days:?}");
        assert_eq!(labels(-500.0, 0.0, 800.0)[0], "501 BCE");
    }

    /// Issue 11 item 8: from the Big Bang to today in a few ticks, spread across the span.
    #[test]
    fn deep_time_has_as_few_ticks_as_a_century() {
        let start = PartialDate::parse("-13800000000").unwrap().start_years();
        let t = ticks(start, 2026.0, 1000.0, 80.0);
        assert!((3..=13).contains(&t.len()), "{:?}", t.iter().map(|t| &t.label).collect::<Vec<_>>());
        assert!(t[0].label.ends_with(",000,000,000 BCE"), "{}", t[0].label);
        assert!(t.last().unwrap().at_years > -2e9, "the ticks reach across the span");
    }

    #[test]
    fn ticks_keep_their_distance_and_stay_in_range() {
        for (start, end, px) in [(2006.0, 2025.0, 1200.0), (1961.2, 1962.9, 500.0), (1962.8, 1962.85, 900.0)] {
            let t = ticks(start, end, px, 70.0);
            assert!(t.len() >= 2, "{start}..{end}: {t:?}");
            for pair in t.windows(2) {
                let gap_px = (pair[1].at_years - pair[0].at_years) / (end - start) * f64::from(px);
                assert!(gap_px >= 70.0 * 0.45, "{start}..{end}: {pair:?} are {gap_px} px apart");
            }
            assert!(t.iter().all(|t| t.at_years >= start && t.at_years <= end));
        }
        assert!(ticks(2.0, 1.0, 100.0, 10.0).is_empty());
        assert!(ticks(0.0, f64::INFINITY, 100.0, 10.0).is_empty());
    }
}
