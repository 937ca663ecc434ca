//! Tests of `extract`.

use super::*;

/// Each mention as "text: date" or "text: date..end".
fn found(text: &str) -> Vec<String> {
    mentions(text)
        .into_iter()
        .map(|m| {
            let end = m.end.map(|e| format!("..{}", e.to_iso())).unwrap_or_default();
            format!("{}: {}{end}", &text[m.range], m.date.to_iso())
        })
        .collect()
}

#[test]
fn month_first_dates() {
    let text = "On January 20, 2025 the order was signed. December 3, 2024 came first.";
    assert_eq!(found(text), ["January 20, 2025: 2025-01-20", "December 3, 2024: 2024-12-03"]);
    assert_eq!(found("oct. 9, 2006 and Sept. 3 2024"), ["oct. 9, 2006: 2006-10-09", "Sept. 3 2024: 2024-09-03"]);
}

#[test]
fn day_first_dates_and_context_years() {
    let text = "The test on 9 October 2006 was condemned. On 30 October the council met.";
    assert_eq!(found(text), ["9 October 2006: 2006-10-09", "30 October: 2006-10-30"]);
    assert_eq!(found("In 2006 it began. On 30 October it spread."), ["2006: 2006", "30 October: 2006-10-30"]);
    assert!(found("On 30 October the council met.").is_empty());
    assert_eq!(
        found("the 9th of October 2006, 3 SEPT. 2024"),
        ["9th of October 2006: 2006-10-09", "3 SEPT. 2024: 2024-09-03"]
    );
}

#[test]
fn month_and_year() {
    assert_eq!(found("Elections were held in May 2022."), ["May 2022: 2022-05"]);
}

#[test]
fn bare_years_and_iso_dates() {
    assert_eq!(found("In 2006 the war began; see the 2006-10-09 entry."), ["2006: 2006", "2006-10-09: 2006-10-09"]);
}

#[test]
fn quantities_and_long_numbers_are_not_years() {
    assert!(found("13,000 troops").is_empty());
    assert!(found("About 2000 people marched, 1500 barrels, 1200 km, 1800%, $2000 and 12006 or 2006.5.").is_empty());
}

#[test]
fn resolution_numbers_are_not_years() {
    assert_eq!(found("Resolution 1718 (2006) and resolution 2094 under No. 1874."), ["2006: 2006"]);
}

#[test]
fn year_ranges() {
    let text = "It lasted between 2006 and 2022, peaked from 2013 to 2017, again 2013–2017 and 2013-2017.";
    assert_eq!(
        found(text),
        [
            "between 2006 and 2022: 2006..2022",
            "from 2013 to 2017: 2013..2017",
            "2013–2017: 2013..2017",
            "2013-2017: 2013..2017",
        ]
    );
    assert_eq!(found("from 2017 to 2013"), ["2017: 2017", "2013: 2013"]);
}

#[test]
fn two_digit_range_ends() {
    assert_eq!(found("A crisis in 1993–94 and the 1999-2000 season"), ["1993–94: 1993..1994", "1999-2000: 1999..2000"]);
    assert_eq!(found("the 1999–00 budget, the 2009-10 season"), ["1999–00: 1999..2000", "2009: 2009"]);
    // After a hyphen a number that could be a month is left alone ("2006-10" for October 2006).
    assert_eq!(found("filed as 2006-10"), ["2006: 2006"]);
}

#[test]
fn day_ranges() {
    assert_eq!(found("The public phase: 22–25 October 1962"), ["22–25 October 1962: 1962-10-22..1962-10-25"]);
    assert_eq!(
        found("In 1962, on 30 and 31 October, and 26-28 October."),
        ["1962: 1962", "30 and 31 October: 1962-10-30..1962-10-31", "26-28 October: 1962-10-26..1962-10-28"]
    );
    assert_eq!(found("Hanoi on February 27–28, 2019."), ["February 27–28, 2019: 2019-02-27..2019-02-28"]);
    assert_eq!(
        found("In 2019, on February 27–28, talks failed."),
        ["2019: 2019", "February 27–28: 2019-02-27..2019-02-28"]
    );
    assert!(found("On 22–25 October it went on.").is_empty());
    assert!(found("The vote was 9–4 in favour.").is_empty());
}

#[test]
fn months_alone_after_a_word_of_time() {
    let text = "The year 2017 began. In June it passed, in July and mid-September it tested, that October too; \
                his December warnings.";
    assert_eq!(
        found(text),
        ["2017: 2017", "June: 2017-06", "July: 2017-07", "September: 2017-09", "October: 2017-10", "December: 2017-12"]
    );
    // A verb, a name, an abbreviation, a month without a capital, and no year to take.
    assert_eq!(found("In 2019 it may fail; Theresa May spoke; in Sept and in march."), ["2019: 2019"]);
    assert!(found("It happened in March.").is_empty());
}

#[test]
fn qualified_ends_of_ranges() {
    assert_eq!(
        found("In 2017, between late August and mid-September, two missiles flew."),
        ["2017: 2017", "between late August and mid-September: 2017-08..2017-09"]
    );
    assert_eq!(found("from early 2006 to late 2009"), ["from early 2006 to late 2009: 2006..2009"]);
}

#[test]
fn resolution_numbers_used_alone_are_not_years() {
    let text = "In 2006 Resolution 1718 created the 1718 Committee.\nResolution\tAdopted\n1718\t14 Oct 2006";
    assert_eq!(found(text), ["2006: 2006", "14 Oct 2006: 2006-10-14"]);
    // A year after a word of time stays a year, whatever resolution shares its number.
    assert_eq!(found("Resolution 1973 recalled the war of 1973, in 1973."), ["1973: 1973", "1973: 1973"]);
}

#[test]
fn decades() {
    assert_eq!(found("In the 1990s."), ["the 1990s: 1990..1999"]);
    assert_eq!(found("The 1950s and 1960s"), ["The 1950s: 1950..1959", "1960s: 1960..1969"]);
}

#[test]
fn circa_and_bce() {
    let text = "Built c. 1520, rebuilt circa 1600; founded 500 BCE, sacked 44 BC.";
    assert_eq!(found(text), ["c. 1520: c. 1520", "circa 1600: c. 1600", "500 BCE: -0500", "44 BC: -0044"]);
    assert!(mentions(text)[0].date.circa);
}

#[test]
fn impossible_days_are_dropped() {
    let text = "February 29, 2024 was real; February 29, 2023 was not, nor 31 April 2022.";
    assert_eq!(found(text), ["February 29, 2024: 2024-02-29", "2023: 2023", "April 2022: 2022-04"]);
}

#[test]
fn non_ascii_text_around_mentions() {
    let text = "한국은 2006년 실험을 했다. Café — «9 octobre» — in the 1990s—Ωmega, 2013–2017 é.";
    assert_eq!(found(text), ["2006: 2006", "the 1990s: 1990..1999", "2013–2017: 2013..2017"]);
    for m in mentions(text) {
        assert!(!text[m.sentence].is_empty());
    }
}

#[test]
fn sentences() {
    let text = "Intro line\nThe treaty was signed. On 9 October 2006, North Korea tested a device! Then more.";
    let all = mentions(text);
    assert_eq!(&text[all[0].sentence.clone()], "On 9 October 2006, North Korea tested a device!");
    let text = "Heading 2006\nNext";
    assert_eq!(&text[mentions(text)[0].sentence.clone()], "Heading 2006");
    let text = "Before. U.S. forces left in 2006. After.";
    assert_eq!(&text[mentions(text)[0].sentence.clone()], "U.S. forces left in 2006.");
}
