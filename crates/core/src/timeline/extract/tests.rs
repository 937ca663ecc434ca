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

/// Issue 12 item 12: URLs typed as text and the dates of citations are not suggested. The
/// citation forms are Wikipedia's ("Retrieved", "Archived from the original on"), MLA's
/// ("Accessed") and Chicago's ("accessed" after a comma or in brackets); the rest of each line
/// is the citation's too (when the source was published).
#[test]
fn urls_and_citation_dates_are_not_suggested() {
    let text = "See https://example.org/2019/05/12/report and (www.example.com/1995) for what began in 2001.";
    assert_eq!(found(text), ["2001: 2001"]);
    for citation in [
        "Smith, J. (12 May 2019). \"The vote\". The Times. Retrieved 12 March 2020.",
        "\"The vote\". BBC News. 3 May 2019. Archived from the original on 3 May 2019.",
        "Smith, John. \"The vote.\" The Times, 12 May 2019. Accessed 4 June 2021.",
        "Smith, John. \"The vote.\" The Times, May 12, 2019, accessed June 4, 2021.",
        "The Times (accessed June 4, 2021).",
        "This page was last edited on 3 May 2021, at 12:00.",
    ] {
        let text = format!("The crisis began in 1962.\n{citation}\nIt ended in 1963.");
        assert_eq!(found(&text), ["1962: 1962", "1963: 1963"], "{citation}");
    }
    // In prose "accessed" is a verb, and what follows is a date.
    assert_eq!(found("The archive was accessed on 4 June 2021 by the commission."), ["4 June 2021: 2021-06-04"]);
}

/// Issue 12 item 13: names that contain dates are not dates. The names are real (the titles of
/// the Wikipedia articles "26th of July Movement", "September 11 attacks" and "14 July
/// Revolution"), the sentences around them are ours; the rest is from the Milestones text
/// (tests/fixtures/milestones-1866-1913.md, public domain).
#[test]
fn names_that_contain_dates_are_not_dates() {
    assert_eq!(found("In 1953 Castro's rebels formed the 26th of July Movement."), ["1953: 1953"]);
    assert_eq!(found("In 2001, after the September 11 attacks, the Council met."), ["2001: 2001"]);
    assert_eq!(found("In 1958 the 14 July Revolution ended the monarchy."), ["1958: 1958"]);
    assert_eq!(found("In 1919 the May 4th Movement began."), ["1919: 1919"]);
    // Milestones, "Commodore Robert W. Shufeldt's Voyage".
    let text = "The U.S. economy had suffered greatly after the Panic of 1873 and entered into a depression \
                worsened by weak consumer demand.";
    assert!(found(text).is_empty(), "{:?}", found(text));
    // A name that stands without its year leaves the year a date (Milestones).
    assert_eq!(found("the Chinese Exclusion Act of 1882"), ["1882: 1882"]);
    assert_eq!(found("the Treaty of Tianjin of 1858"), ["1858: 1858"]);
    assert_eq!(found("The 1911 revolution marked the end"), ["1911: 1911"]);
    // With a year, a date before such a noun is a date: it says when.
    assert_eq!(found("On 14 July 1958 the Revolution began."), ["14 July 1958: 1958-07-14"]);
}

/// Issue 12 item 14: a day or month without a year takes the year of the nearest date before
/// it and rolls over; a range takes the year written at its end for both ends; a list of days
/// shares its month and year; two full dates joined by a dash are one range. The first four
/// are the examples of the issue; the last two are from the Milestones text.
#[test]
fn years_roll_over_and_ranges_and_lists_share_them() {
    let text = "On 25 December 1894 the talks stalled. In early January they resumed, and on 3 February ended.";
    assert_eq!(found(text), ["25 December 1894: 1894-12-25", "January: 1895-01", "3 February: 1895-02-03"]);
    assert_eq!(
        found("The offensive ran between 30 April and 24 June 1975."),
        ["between 30 April and 24 June 1975: 1975-04-30..1975-06-24"]
    );
    assert_eq!(
        found("Talks were held on October 8, 9, 21, 1987."),
        ["October 8: 1987-10-08", "9: 1987-10-09", "21, 1987: 1987-10-21"]
    );
    assert_eq!(
        found("The union lasted 12 March 1947 – 26 December 1991."),
        ["12 March 1947 – 26 December 1991: 1947-03-12..1991-12-26"]
    );
    // A month before the one of the date before, but nearer in the same year, stays there.
    assert_eq!(
        found("On 16 October 1962 the photos came; the missiles had come in September."),
        ["16 October 1962: 1962-10-16", "September: 1962-09"]
    );
    // Milestones, "The Spanish-American War" and "The Philippine-American War".
    let text = "In 1898 additional forces landed near the harbor city of Santiago on June 22 and 24.";
    assert_eq!(found(text), ["1898: 1898", "June 22: 1898-06-22", "24: 1898-06-24"]);
    let text = "There were two phases to the Philippine-American War. The first phase, from February to \
                November of 1899, was dominated by Aguinaldo's ill-fated attempts";
    assert_eq!(found(text), ["from February to November of 1899: 1899-02..1899-11"]);
    assert_eq!(found("from December to March 1995"), ["from December to March 1995: 1994-12..1995-03"]);
    // "On March 3, 12 soldiers" is one date, not a list.
    assert_eq!(found("In 2003, on March 3, 12 soldiers left."), ["2003: 2003", "March 3: 2003-03-03"]);
}

/// Issue 12 item 15: centuries, millennia and hundreds are ranges. The first are the
/// examples of the issue; the Milestones text gives "the late 20th and early 21st centuries",
/// "the mid-nineteenth century", "throughout the 1800s", "1880s/1890s" and "the
/// 1870s-early 1900s".
#[test]
fn centuries_and_millennia_are_ranges() {
    assert_eq!(found("in the 16th century"), ["the 16th century: 1501..1600"]);
    assert_eq!(found("in the sixteenth century"), ["the sixteenth century: 1501..1600"]);
    assert_eq!(found("in the 4th millennium BC"), ["the 4th millennium BC: -4000..-3001"]);
    assert_eq!(
        found("the 5th century B.C. and the 1st century AD"),
        ["the 5th century B.C.: -0500..-0401", "the 1st century AD: 0001..0100"]
    );
    assert_eq!(found("In the twenty-first century"), ["the twenty-first century: 2001..2100"]);
    assert_eq!(found("Throughout the 1800s"), ["the 1800s: 1800..1899"]);
    assert_eq!(
        found("In the late 20th and early 21st centuries, new technologies"),
        ["the late 20th and early 21st centuries: 1901..2100"]
    );
    assert_eq!(found("By the mid-nineteenth century, telegraphy"), ["nineteenth century: 1801..1900"]);
    assert_eq!(found("Blaine and Pan Americanism, 1880s/1890s"), ["1880s/1890s: 1880..1899"]);
    assert_eq!(found("in the 1870s-early 1900s, placed"), ["the 1870s-early 1900s: 1870..1999"]);
    assert_eq!(found("the 2000s"), ["the 2000s: 2000..2009"], "the 2000s are a decade still");
    // Out of range or not a century at all: nothing, and nothing wraps.
    assert!(found("the 0th century, the 99999th millennium BC, the 24th and 25th Colored Infantry").is_empty());
}

/// Issue 12 item 8: a paragraph with no stop gives each mention a sentence of at most
/// MAX_SENTENCE_BYTES around it, found without walking the paragraph.
#[test]
fn sentences_of_endless_paragraphs_are_capped() {
    let text = "in 1901, and ".repeat(10_000);
    let all = mentions(&text);
    assert_eq!(all.len(), 10_000);
    for m in [&all[0], &all[5_000], &all[9_999]] {
        assert!(m.sentence.len() <= MAX_SENTENCE_BYTES, "{}", m.sentence.len());
        assert!(m.sentence.start <= m.range.start && m.range.end <= m.sentence.end);
        let whole_word = |at: usize| at == 0 || at == text.len() || text[at - 1..=at].contains(' ');
        assert!(whole_word(m.sentence.start) && whole_word(m.sentence.end), "{:?}", &text[m.sentence.clone()]);
    }
}
