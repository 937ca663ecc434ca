use std::cmp::Ordering;
use std::fmt;

/// A date known to the year, the month or the day, as case texts give them.
///
/// Years are historical: `-500` is 500 BCE and there is no year zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i64,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub circa: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("empty date")]
    Empty,
    #[error("'{0}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (\"c. 1520\" and \"500 BCE\" work too)")]
    Syntax(String),
    #[error("there is no year zero; 1 BCE is followed by 1 CE")]
    YearZero,
    #[error("year {0} is out of range; years go up to {MAX_YEAR} either side of the common era")]
    YearRange(i64),
    #[error("month {0} is out of range 1–12")]
    Month(u32),
    #[error("day {day} does not exist in {year}-{month:02}")]
    Day { year: i64, month: u8, day: u32 },
}

/// The months' names, as prose writes them.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The largest year either side of the common era: eleven digits, past the age of the universe
/// (TimelineJS's cosmological scale starts 13,800,000,000 years ago). Anything further is
/// refused, never wrapped, so no arithmetic on years can overflow.
pub const MAX_YEAR: i64 = 99_999_999_999;

impl PartialDate {
    /// A historical year from any integer: refused if zero or beyond [`MAX_YEAR`], so that a
    /// number read from a file (`i64::MIN`, say) cannot wrap on negation or conversion.
    pub fn checked_year(year: i64) -> Result<i64, DateError> {
        match year {
            0 => Err(DateError::YearZero),
            y if y.unsigned_abs() > MAX_YEAR.unsigned_abs() => Err(DateError::YearRange(y)),
            y => Ok(y),
        }
    }

    pub fn year(year: i64) -> Self {
        Self { year, month: None, day: None, circa: false }
    }

    pub fn ymd(year: i64, month: u8, day: u8) -> Self {
        Self { year, month: Some(month), day: Some(day), circa: false }
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, a leading `-` or a trailing `BCE`/`BC` for years
    /// before the common era, and a leading `c.`/`ca.`/`circa` for approximate dates.
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let mut s = input.trim();
        if s.is_empty() {
            return Err(DateError::Empty);
        }
        let mut circa = false;
        for prefix in ["circa ", "ca. ", "ca.", "c. ", "c.", "c "] {
            if let Some(rest) = s.strip_prefix(prefix) {
                circa = true;
                s = rest.trim_start();
                break;
            }
        }
        let mut bce = false;
        for suffix in [" BCE", " BC", "BCE", "BC"] {
            if let Some(rest) = s.strip_suffix(suffix) {
                bce = true;
                s = rest.trim_end();
                break;
            }
        }
        if let Some(rest) = s.strip_prefix('-') {
            bce = true;
            s = rest;
        }
        let syntax = || DateError::Syntax(input.trim().to_owned());
        let mut parts = s.split('-');
        let year_str = parts.next().ok_or_else(syntax)?;
        let number = |p: &str, max_len: usize| -> Result<u64, DateError> {
            if p.is_empty() || p.len() > max_len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(syntax());
            }
            p.parse().map_err(|_| syntax())
        };
        // At most eleven digits, so the number fits and its negation cannot wrap.
        let year = number(year_str, 11)?.cast_signed();
        let year = Self::checked_year(if bce { -year } else { year })?;
        let month = parts.next().map(|p| number(p, 2)).transpose()?;
        let day = parts.next().map(|p| number(p, 2)).transpose()?;
        if parts.next().is_some() {
            return Err(syntax());
        }
        let month = match month {
            Some(m) if !(1..=12).contains(&m) => return Err(DateError::Month(m as u32)),
            m => m.map(|m| m as u8),
        };
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > u64::from(days_in_month(astronomical(year), u32::from(m))))
        {
            return Err(DateError::Day { year, month: m, day: d as u32 });
        }
        Ok(Self { year, month, day: day.map(|d| d as u8), circa })
    }

    /// The ISO-like form used in files: `2006`, `2022-05`, `2006-10-09`, `-0500`.
    pub fn to_iso(&self) -> String {
        // `unsigned_abs`, not negation: the fields are public, and `-i32::MIN` overflows.
        let mut s =
            if self.year < 0 { format!("-{:04}", self.year.unsigned_abs()) } else { format!("{:04}", self.year) };
        if let Some(m) = self.month {
            s.push_str(&format!("-{m:02}"));
            if let Some(d) = self.day {
                s.push_str(&format!("-{d:02}"));
            }
        }
        if self.circa { format!("c. {s}") } else { s }
    }

    /// A key that orders dates on a line: a bare year sorts before its months.
    pub fn sort_key(&self) -> (i64, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key()).then(self.circa.cmp(&other.circa))
    }
}

/// Dates are stored in files in their ISO-like text form, so layers stay readable.
impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Reads as people write dates in prose: "9 October 2006", "May 2022", "c. 500 BCE".
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.circa {
            f.write_str("c. ")?;
        }
        if let Some(d) = self.day {
            write!(f, "{d} ")?;
        }
        if let Some(m) = self.month {
            // The fields are public, so a month out of range is shown as a number, not a panic.
            match MONTHS.get(usize::from(m).wrapping_sub(1)) {
                Some(name) => write!(f, "{name} ")?,
                None => write!(f, "month {m} ")?,
            }
        }
        let year = grouped(self.year.unsigned_abs());
        if self.year < 0 { write!(f, "{year} BCE") } else { f.write_str(&year) }
    }
}

/// The astronomical year of a historical one, where 1 BCE is year 0: there is no year zero in
/// history, and leap years and positions on the time axis count on this scale.
pub(super) fn astronomical(year: i64) -> i64 {
    if year < 0 { year + 1 } else { year }
}

/// A year as people read it: digits grouped by thousands once there are more than four
/// ("13,800,000,000"), as TimelineJS shows deep time, and "1848" as it is.
pub(super) fn grouped(year: u64) -> String {
    let digits = year.to_string();
    if digits.len() <= 4 {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(super) fn is_leap(astronomical_year: i64) -> bool {
    let y = astronomical_year;
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in `month` (1–12) of an astronomical year.
pub(super) fn days_in_month(astronomical_year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(astronomical_year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Year, month and day of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_from_days_counts_from_1970() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_358), (2023, 1, 1));
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(PartialDate::parse("2006").unwrap(), PartialDate::year(2006));
        let may = PartialDate::parse("2022-05").unwrap();
        assert_eq!((may.year, may.month, may.day), (2022, Some(5), None));
        assert_eq!(PartialDate::parse(" 2006-10-09 ").unwrap(), PartialDate::ymd(2006, 10, 9));
    }

    #[test]
    fn parses_bce_and_circa() {
        assert_eq!(PartialDate::parse("500 BCE").unwrap().year, -500);
        assert_eq!(PartialDate::parse("-0500").unwrap().year, -500);
        let c = PartialDate::parse("c. 1520").unwrap();
        assert!(c.circa);
        assert_eq!(c.year, 1520);
        assert_eq!(c.to_string(), "c. 1520");
        assert_eq!(PartialDate::parse("-44-03-15").unwrap().to_string(), "15 March 44 BCE");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(matches!(PartialDate::parse("2023-02-29"), Err(DateError::Day { .. })));
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert!(PartialDate::parse("-0001-02-29").is_ok(), "1 BCE was a leap year");
        assert!(PartialDate::parse("-0002-02-29").is_err());
        assert!(matches!(PartialDate::parse("2022-13"), Err(DateError::Month(13))));
        assert!(matches!(PartialDate::parse("0"), Err(DateError::YearZero)));
        assert!(matches!(PartialDate::parse("May 2022"), Err(DateError::Syntax(_))));
        assert!(matches!(PartialDate::parse(""), Err(DateError::Empty)));
        assert!(PartialDate::parse("2022-05-01-02").is_err());
    }

    #[test]
    fn sorts_across_precisions() {
        let mut dates: Vec<PartialDate> = ["2022-05-26", "2022", "2006-10-09", "500 BCE", "2022-05"]
            .iter()
            .map(|s| PartialDate::parse(s).unwrap())
            .collect();
        dates.sort();
        let iso: Vec<String> = dates.iter().map(PartialDate::to_iso).collect();
        assert_eq!(iso, ["-0500", "2006-10-09", "2022", "2022-05", "2022-05-26"]);
    }

    /// Issue 12 item 14: years must not wrap. Years past eleven digits are refused, and a year
    /// made in memory at the edge of `i64` is written, not negated into an overflow. Issue 11
    /// item 8: deep time, as TimelineJS's cosmological scale writes it, is read.
    #[test]
    fn absurd_years_are_refused_without_wrapping() {
        for absurd in ["-9223372036854775808", "9223372036854775808", "100000000000", "-100000000000 BCE"] {
            assert!(PartialDate::parse(absurd).is_err(), "{absurd}");
        }
        assert_eq!(PartialDate::parse("-99999999999").unwrap().year, -MAX_YEAR);
        let big_bang = PartialDate::parse("-13800000000").unwrap();
        assert_eq!(big_bang.year, -13_800_000_000);
        assert_eq!(big_bang.to_string(), "13,800,000,000 BCE");
        assert_eq!(big_bang.to_iso(), "-13800000000");
        assert!(matches!(PartialDate::checked_year(i64::MIN), Err(DateError::YearRange(_))));
        assert!(matches!(PartialDate::checked_year(MAX_YEAR + 1), Err(DateError::YearRange(_))));
        assert!(matches!(PartialDate::checked_year(0), Err(DateError::YearZero)));
        assert_eq!(PartialDate::checked_year(-44), Ok(-44));
        let edge = PartialDate::year(i64::MIN);
        assert_eq!(edge.to_iso(), "-9223372036854775808");
        assert_eq!(edge.to_string(), "9,223,372,036,854,775,808 BCE");
        assert_eq!(PartialDate::year(1848).to_string(), "1848");
    }

    #[test]
    fn iso_round_trips() {
        for s in ["2006", "2022-05", "2006-10-09", "-0500", "c. 1520"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_iso(), s);
        }
    }
}
