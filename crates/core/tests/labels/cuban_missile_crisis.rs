//! Hand labels of the date mentions of the bundled case `cases/cuban-missile-crisis`.

use super::Label;

// Not labelled: "two days earlier", "the next day", "that day", "that evening" and the like,
// "the late summer", "the following spring", the time "7 p.m.", and names with numbers in them
// ("U-2", "DEFCON 2", "IL-28", "B-59").
#[rustfmt::skip]
pub const CUBAN_MISSILE_CRISIS: &[Label] = &[
    ("October 16, 1962", "1962-10-16", None),
    ("1959", "1959", None),
    ("January 1959", "1959-01", None),
    ("17 April 1961", "1961-04-17", None),
    ("October 1962", "1962-10", None),
    ("1960", "1960", None),
    ("1961", "1961", None),
    ("1962", "1962", None),
    ("May", "1962-05", None),
    ("4 September", "1962-09-04", None),
    ("14 October", "1962-10-14", None),
    ("16 October", "1962-10-16", None),
    ("September", "1962-09", None),
    ("18 October", "1962-10-18", None),
    ("September", "1962-09", None),
    ("20 October", "1962-10-20", None),
    ("22–25 October", "1962-10-22", Some("1962-10-25")),
    ("22 October", "1962-10-22", None),
    ("22 October", "1962-10-22", None),
    ("23 October", "1962-10-23", None),
    ("24 October", "1962-10-24", None),
    ("26 October", "1962-10-26", None),
    ("23 October", "1962-10-23", None),
    ("25 October", "1962-10-25", None),
    ("24 October", "1962-10-24", None),
    ("25 October", "1962-10-25", None),
    ("26–28 October", "1962-10-26", Some("1962-10-28")),
    ("26 October", "1962-10-26", None),
    ("27 October", "1962-10-27", None),
    ("27 October", "1962-10-27", None),
    ("28 October", "1962-10-28", None),
    ("28 October", "1962-10-28", None),
    ("30 and 31 October", "1962-10-30", Some("1962-10-31")),
    ("20 November", "1962-11-20", None),
    ("June 1963", "1963-06", None),
    ("5 August 1963", "1963-08-05", None),
    ("October 1964", "1964-10", None),
    ("27 October 1962", "1962-10-27", None),
    // The notes, whose year is the one last written in the body.
    ("27 October", "1962-10-27", None),
];
