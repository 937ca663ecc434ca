//! Hand labels of every date mention in `tests/fixtures/milestones-1866-1913.md`.
//!
//! Made by hand for issue 12, not by running an extractor.
//
// Source: Office of the Historian, U.S. Department of State, "Milestones in the History of U.S.
// Foreign Relations", chapters "1866–1898" and "1899–1913", from the TEI files of the
// HistoryAtState/milestones repository (chapters/1866-1898.xml at commit
// 2ee877289b0f71e1463f67cf0d86f9b266d5ffe1, chapters/1899-1913.xml at commit
// 2574e88b8341b78f877ff2b13b988331ef3aa160), also published at
// https://history.state.gov/milestones/1866-1898 and /1899-1913. License: public domain — a
// work of the United States Government (17 U.S.C. § 105). Converted by hand to plain Markdown:
// figure captions became italic paragraphs, `<ref>` links became Markdown links to
// history.state.gov, the original wording and typos were kept. The text has no
// references section; its dated link destinations (".../milestones/1866-1898/...") are not in
// the document text and are not labelled.
//
// Made by reading the flattened text (headings, paragraphs, captions, link texts), not by
// running an extractor. Conventions: those written in labels/dprk_unsc.rs and
// labels/cuban_missile_crisis.rs, plus the rules of issue 12. Choices this text needed:
//
// - Not labelled: relative times ("two years later", "four months later", "the following day",
//   "in the same year", "the early months", "the years that followed"), durations and
//   amounts ("19 years", "10 years", "age 63", "$7.2 million", "30,000 square miles",
//   "10-mile wide"), ordinals that are not dates ("12th Edition", "24th and 25th Colored
//   Infantry"), "World War I"/"World War II", "Twenty-One Demands", and "the turn of the
//   century" (which century is only implied).
// - Names containing dates are not dates: "the Panic of 1873" (the event's name; without the
//   year there is no name), and the book titles "The Influence of Sea Power upon History,
//   1660–1783" (twice, once in a caption) and "... French Revolution and Empire, 1793–1812".
//   A year that only says when a thing named without it happened IS a date: "the Chinese
//   Exclusion Act of 1882", "the Treaty of Tianjin of 1858", "the Spanish-American War of
//   1898", "the 1894 treaty", "The 1911 revolution", "the 1949 revolution".
// - Decades are ranges ("the 1850s" = 1850..1859); "the 1800s" and "the 1900s" are read as the
//   hundred years 1800..1899 and 1900..1999 ("the early 1800s", "Throughout the 1800s", "the
//   early 1900s" mean parts of those centuries, not the decades 1800–1809 / 1900–1909).
//   Centuries are ranges, ordinal spelled or written ("the 19th century", "the Nineteenth
//   Century" = 1801..1900). "The" is part of the span when it stands right before the decade
//   or century, as "the 1970s" in the bundled labels.
// - "early"/"late"/"mid-"/"the first half of"/"the first two decades of" with a year, decade or
//   century is labelled as the year, decade or century alone ("early 1898" as "1898", "the early
//   1850s" as "1850s", "the mid-nineteenth century" as "nineteenth century", "the late 19th
//   century" as "19th century", "By early May" as "May", "the first two decades of the
//   twentieth century" as "the twentieth century"), as "the spring of 1902" is "1902" and "the
//   autumn of 1911" is "1911". A range keeps its words: "the late 20th and early 21st
//   centuries" (1901..2100), "between late 1907 and early 1908", "the 1870s-early 1900s"
//   (1870..1999 by the 1900s rule above — the loosest label in this file).
// - A range written with a dash is the dash span ("From 1895–1898" as "1895–1898", "1904–05");
//   a range written with words keeps them ("Between 1878 and 1880", "From 1909 to 1913",
//   "from February to November of 1899", "from the 1850s through the 1870s"). A year at the
//   end of a range serves both ends. "1880s/1890s" (a heading) is one range, 1880..1899.
//   Life dates "(1822–1895)" are a range.
// - "June 22 and 24": two days, not consecutive, so two mentions, "June 22" and "24" (each date
//   its own mention, as "October 8, 9, 21, 1987" would be "October 8", "9" and "21, 1987"; the
//   bundled "30 and 31 October" is one range because the days run on).
// - Days and months without a year take the year of the nearest date with a year before them
//   in the same section, rolling over; where that rule gives the wrong year the reading wins
//   and a comment says so.
// - "circa 1908" is approximate: "c. 1908", as `PartialDate::to_iso` writes a circa date.
// - "July 2nd 1898" (ordinal day, no comma) is a full date.
use super::Label;

#[rustfmt::skip]
pub const MILESTONES_1866_1913: &[Label] = &[
    // 1866–1898: The Continued Expansion of United States Interests
    ("1866–1898", "1866", Some("1898")),
    ("June 1867", "1867-06", None),
    ("1867", "1867", None),
    // U.S. Diplomacy and the Telegraph
    ("1866", "1866", None),
    ("the 19th century", "1801", Some("1900")),
    ("the 1830s", "1830", Some("1839")),
    ("1840s", "1840", Some("1849")),
    ("nineteenth century", "1801", Some("1900")),
    ("1850s", "1850", Some("1859")),
    ("1866", "1866", None),
    ("1859", "1859", None),
    ("1866", "1866", None),
    ("the late 20th and early 21st centuries", "1901", Some("2100")),
    // Purchase of Alaska
    ("1867", "1867", None),
    ("1867", "1867", None),
    ("1725", "1725", None),
    ("1800s", "1800", Some("1899")),
    ("1867", "1867", None),
    ("1859", "1859", None),
    ("March 30, 1867", "1867-03-30", None),
    ("April 9", "1867-04-09", None),
    ("May 28", "1867-05-28", None),
    ("October 18, 1867", "1867-10-18", None),
    ("1884", "1884", None),
    ("1896", "1896", None),
    ("January 3, 1959", "1959-01-03", None),
    // The Burlingame-Seward Treaty
    ("1868", "1868", None),
    ("1868", "1868", None),
    ("1858", "1858", None),
    ("1861", "1861", None),
    ("1858", "1858", None),
    ("1870s", "1870", Some("1879")),
    ("1880", "1880", None),
    ("1882", "1882", None),
    // Commodore Robert W. Shufeldt's Voyage
    ("1878–1880", "1878", Some("1880")),
    ("Between 1878 and 1880", "1878", Some("1880")),
    ("1880", "1880", None),
    ("1883", "1883", None),
    ("1878", "1878", None),
    // ("the Panic of 1873" is a name.)
    ("1822–1895", "1822", Some("1895")),
    ("1871", "1871", None),
    ("December 7, 1878", "1878-12-07", None),
    ("January 15, 1879", "1879-01-15", None),
    ("October 4, 1879", "1879-10-04", None),
    ("1883", "1883", None),
    ("1871", "1871", None),
    ("1883", "1883", None),
    ("May 22, 1883", "1883-05-22", None),
    // Chinese Immigration and the Chinese Exclusion Acts
    ("the 1850s", "1850", Some("1859")),
    ("from the 1850s through the 1870s", "1850", Some("1879")),
    ("1868", "1868", None),
    ("1879", "1879", None),
    ("1880", "1880", None),
    ("1882", "1882", None),
    ("1882", "1882", None),
    ("1888", "1888", None),
    ("1892", "1892", None),
    ("1902", "1902", None),
    ("1905", "1905", None),
    ("1943", "1943", None),
    ("the 1870s-early 1900s", "1870", Some("1999")),
    // Mahan's The Influence of Sea Power upon History (the book titles' "1660–1783" and
    // "1793–1812" are names, not labelled)
    ("the 1890s", "1890", Some("1899")),
    ("1890", "1890", None),
    ("The 1890s", "1890", Some("1899")),
    ("between 1893 and 1894", "1893", Some("1894")),
    ("the 1890s", "1890", Some("1899")),
    ("1893", "1893", None),
    ("1867", "1867", None),
    ("the 1890s", "1890", Some("1899")),
    ("May 1898", "1898-05", None),
    ("1898", "1898", None),
    // Blaine and Pan Americanism
    ("1880s/1890s", "1880", Some("1899")),
    ("1881", "1881", None),
    ("1901", "1901", None),
    ("1898", "1898", None),
    ("1879–1883", "1879", Some("1883")),
    ("July 1881", "1881-07", None),
    ("December 1881", "1881-12", None),
    ("1888", "1888", None),
    ("1889", "1889", None),
    ("June 1892", "1892-06", None),
    ("January 1893", "1893-01", None),
    // Venezuela Boundary Dispute
    ("1895–1899", "1895", Some("1899")),
    ("1841", "1841", None),
    ("1814", "1814", None),
    ("1835", "1835", None),
    ("1841", "1841", None),
    ("1876", "1876", None),
    ("1895", "1895", None),
    ("December 1895", "1895-12", None),
    ("October 3, 1899", "1899-10-03", None),
    ("1835", "1835", None),
    // U.S. Diplomacy and Yellow Journalism
    ("1895–1898", "1895", Some("1898")),
    ("19th century", "1801", Some("1900")),
    ("1896", "1896", None),
    ("the 19th century", "1801", Some("1900")),
    ("the 1890s", "1890", Some("1899")),
    ("1898", "1898", None),
    ("February 15", "1898-02-15", None),
    ("May", "1898-05", None),
    ("the 1880s", "1880", Some("1889")),
    // The Spanish-American War
    ("1898", "1898", None),
    ("1898", "1898", None),
    ("July 2nd 1898", "1898-07-02", None),
    ("1898", "1898", None),
    ("1895–1898", "1895", Some("1898")),
    ("1898", "1898", None),
    ("February 15, 1898", "1898-02-15", None),
    ("April 11, 1898", "1898-04-11", None),
    ("April 20", "1898-04-20", None),
    ("April 22", "1898-04-22", None),
    ("April 25", "1898-04-25", None),
    ("May 1", "1898-05-01", None),
    ("June 10", "1898-06-10", None),
    ("June 22", "1898-06-22", None),
    ("24", "1898-06-24", None),
    ("July 3", "1898-07-03", None),
    ("July 26", "1898-07-26", None),
    ("August 12", "1898-08-12", None),
    ("December 10, 1898", "1898-12-10", None),
    ("February 6, 1899", "1899-02-06", None),
    ("1893", "1893", None),
    ("1898", "1898", None),
    ("August 12, 1898", "1898-08-12", None),
    // 1899–1913: Defending U.S. International Interests
    ("1899–1913", "1899", Some("1913")),
    ("1898", "1898", None),
    ("1898", "1898", None),
    // The Philippine-American War
    ("1899–1902", "1899", Some("1902")),
    ("1898", "1898", None),
    ("February 4, 1899", "1899-02-04", None),
    ("1899", "1899", None),
    ("from February to November of 1899", "1899-02", Some("1899-11")),
    ("November of 1899", "1899-11", None),
    ("1901", "1901", None),
    ("1902", "1902", None),
    ("July 4, 1902", "1902-07-04", None),
    ("1900", "1900", None),
    ("1907", "1907", None),
    ("1916", "1916", None),
    ("1935", "1935", None),
    ("1946", "1946", None),
    // Secretary of State John Hay and the Open Door in China
    ("1899–1900", "1899", Some("1900")),
    ("1899–1900", "1899", Some("1900")),
    ("the 20th century", "1901", Some("2000")),
    ("September 6, 1899", "1899-09-06", None),
    ("1900", "1900", None),
    ("July 3, 1900", "1900-07-03", None),
    // Japanese-American Relations at the Turn of the Century
    ("1900–1922", "1900", Some("1922")),
    ("the twentieth century", "1901", Some("2000")),
    ("1904–05", "1904", Some("1905")),
    ("1902", "1902", None),
    ("1905", "1905", None),
    ("1894", "1894", None),
    ("1906", "1906", None),
    ("1894", "1894", None),
    ("between late 1907 and early 1908", "1907", Some("1908")),
    ("1908", "1908", None),
    ("1913", "1913", None),
    ("1915", "1915", None),
    ("1917", "1917", None),
    ("1922", "1922", None),
    ("1919", "1919", None),
    ("1920s", "1920", Some("1929")),
    // Roosevelt Corollary to the Monroe Doctrine
    ("1904", "1904", None),
    ("1823", "1823", None),
    ("the 20th century", "1901", Some("2000")),
    ("1900s", "1900", Some("1999")),
    ("December 1904", "1904-12", None),
    // The Treaty of Portsmouth and the Russo-Japanese War
    ("1904–1905", "1904", Some("1905")),
    ("1904–05", "1904", Some("1905")),
    // The talks at Portsmouth were in August 1905; the date before it is the range "1904–05",
    // whose end year is the one meant.
    ("August", "1905-08", None),
    ("September of 1905", "1905-09", None),
    ("1904", "1904", None),
    ("1894–95", "1894", Some("1895")),
    ("1904", "1904", None),
    ("1905", "1905", None),
    ("1905", "1905", None),
    ("1905", "1905", None),
    ("1868", "1868", None),
    // Dollar Diplomacy
    ("1909–1913", "1909", Some("1913")),
    ("From 1909 to 1913", "1909", Some("1913")),
    // The Chinese Revolution of 1911
    ("1911", "1911", None),
    ("October of 1911", "1911-10", None),
    ("the Nineteenth Century", "1801", Some("1900")),
    ("1894–95", "1894", Some("1895")),
    ("1904–05", "1904", Some("1905")),
    ("1905", "1905", None),
    ("1911", "1911", None),
    ("February of 1912", "1912-02", None),
    ("1911", "1911", None),
    ("1949", "1949", None),
    ("1913", "1913", None),
    // Building the Panama Canal
    ("1903–1914", "1903", Some("1914")),
    ("the 1800s", "1800", Some("1899")),
    ("circa 1908", "c. 1908", None),
    ("1850", "1850", None),
    ("1880", "1880", None),
    ("1901", "1901", None),
    ("June 19, 1902", "1902-06-19", None),
    ("November 3, 1903", "1903-11-03", None),
    ("1903", "1903", None),
    ("1914", "1914", None),
];
