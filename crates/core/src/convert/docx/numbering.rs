//! Numbering: which paragraphs are list items, of what kind and with what number, as Word
//! counts them (lists sharing an abstract definition share counters unless one restarts).

use std::collections::HashMap;

use super::xml::Node;

#[derive(Clone, Debug, Default)]
struct Level {
    format: String,
    start: i64,
    /// Word's label template, `%1.%2)` and the like: `%n` is level n's number.
    text: Option<String>,
}

#[derive(Debug)]
struct Num {
    abstract_id: String,
    levels: HashMap<u8, Level>,
    restarts: bool,
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<i64>; 9]>,
}

/// What a list paragraph shows before its text.
#[derive(Debug, PartialEq)]
pub(super) enum Marker {
    Bullet,
    /// A decimal number, which a Markdown ordered list can show.
    Number(i64),
    /// A label Markdown has no list for ("b.", "(iv)", "2.1", "Article I"), kept as text.
    Label(String),
}

fn levels(parent: &Node) -> HashMap<u8, Level> {
    let mut out = HashMap::new();
    for lvl in parent.elements().filter(|n| &*n.name == "w:lvl") {
        let Some(ilvl) = lvl.attr("w:ilvl").and_then(|v| v.parse::<u8>().ok()) else { continue };
        let format = lvl.child_val("w:numFmt").unwrap_or("decimal").to_owned();
        let start = lvl.child_val("w:start").and_then(|v| v.parse().ok()).unwrap_or(1);
        let text = lvl.child_val("w:lvlText").map(str::to_owned);
        out.insert(ilvl.min(8), Level { format, start, text });
    }
    out
}

impl Numbering {
    pub fn parse(root: &Node) -> Numbering {
        let mut numbering = Numbering::default();
        for node in root.elements() {
            match &*node.name {
                "w:abstractNum" => {
                    if let Some(id) = node.attr("w:abstractNumId") {
                        numbering.abstracts.insert(id.to_owned(), levels(node));
                    }
                }
                "w:num" => {
                    let (Some(id), Some(abstract_id)) = (node.attr("w:numId"), node.child_val("w:abstractNumId"))
                    else {
                        continue;
                    };
                    let mut num = Num { abstract_id: abstract_id.to_owned(), levels: HashMap::new(), restarts: false };
                    for over in node.elements().filter(|n| &*n.name == "w:lvlOverride") {
                        let Some(ilvl) = over.attr("w:ilvl").and_then(|v| v.parse::<u8>().ok()) else { continue };
                        if let Some(start) = over.child_val("w:startOverride").and_then(|v| v.parse().ok()) {
                            num.restarts = true;
                            num.levels.insert(ilvl.min(8), Level { start, ..Level::default() });
                        }
                        if let Some(lvl) = over.child("w:lvl") {
                            let format = lvl.child_val("w:numFmt").unwrap_or("").to_owned();
                            let start = lvl.child_val("w:start").and_then(|v| v.parse().ok());
                            let entry = num.levels.entry(ilvl.min(8)).or_insert(Level { start: 1, ..Level::default() });
                            if !format.is_empty() {
                                entry.format = format;
                            }
                            if let Some(text) = lvl.child_val("w:lvlText") {
                                entry.text = Some(text.to_owned());
                            }
                            if let Some(start) = start {
                                entry.start = start;
                                num.restarts = true;
                            }
                        }
                    }
                    numbering.nums.insert(id.to_owned(), num);
                }
                _ => {}
            }
        }
        numbering
    }

    /// The format, start and label template of level `ilvl` of list `num`, an override first.
    fn level(&self, num: &Num, ilvl: u8) -> (String, i64, Option<String>) {
        let base = self.abstracts.get(&num.abstract_id).and_then(|l| l.get(&ilvl));
        let over = num.levels.get(&ilvl);
        let format = over
            .map(|l| l.format.as_str())
            .filter(|f| !f.is_empty())
            .or(base.map(|l| l.format.as_str()))
            .unwrap_or("decimal");
        let start = over.or(base).map_or(1, |l| l.start);
        let text = over.and_then(|l| l.text.clone()).or_else(|| base.and_then(|l| l.text.clone()));
        (format.to_owned(), start, text)
    }

    /// The marker of the next item of list `num_id` at level `ilvl`, counting it; `None`
    /// when the paragraph is not a list item after all (number 0, a `none` format).
    pub fn next(&mut self, num_id: &str, ilvl: u8) -> Option<Marker> {
        let ilvl = ilvl.min(8);
        let num = self.nums.get(num_id)?;
        let (format, start, text) = self.level(num, ilvl);
        let key = if num.restarts { format!("n{num_id}") } else { format!("a{}", num.abstract_id) };
        let counters = *self.counters.entry(key.clone()).or_insert([None; 9]);
        let value = counters[ilvl as usize].map_or(start, |v| v + 1);
        let mut updated = counters;
        updated[ilvl as usize] = Some(value);
        for deeper in updated.iter_mut().skip(ilvl as usize + 1) {
            *deeper = None;
        }
        // The label names the numbers of the levels above, as counted so far.
        let label = text.map(|text| self.label(num, &text, &updated));
        self.counters.insert(key, updated);
        match format.as_str() {
            "none" => None,
            "bullet" => Some(Marker::Bullet),
            "decimal" if label.as_deref().is_none_or(|l| is_plain_number(l, value)) => Some(Marker::Number(value)),
            _ => match label {
                Some(label) if !label.trim().is_empty() => Some(Marker::Label(label)),
                _ => Some(Marker::Number(value)),
            },
        }
    }

    /// A label template filled in: `%n` becomes level n's number in that level's format.
    fn label(&self, num: &Num, text: &str, counters: &[Option<i64>; 9]) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let level = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d));
            match (c, level) {
                ('%', Some(n)) => {
                    chars.next();
                    let ilvl = (n - 1) as u8;
                    let (format, start, _) = self.level(num, ilvl);
                    out.push_str(&format_number(counters[ilvl as usize].unwrap_or(start), &format));
                }
                _ => out.push(c),
            }
        }
        out
    }
}

/// Whether a label is a plain decimal number with a Markdown list's delimiter, `3.` or `3)`.
fn is_plain_number(label: &str, value: i64) -> bool {
    label == format!("{value}.") || label == format!("{value})")
}

/// A number as Word shows it in one of its formats; formats not listed show as decimals.
fn format_number(n: i64, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

/// A, B, … Z, AA, BB, … as Word counts letters.
fn letters(n: i64) -> String {
    if n < 1 {
        return n.to_string();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1).min(40) as usize).collect()
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const NUMERALS: &[(i64, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= *value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_in_their_formats() {
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(1994, "upperRoman"), "MCMXCIV");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(12, "ordinal"), "12");
    }

    #[test]
    fn labels_name_the_numbers_of_the_levels_above_in_their_formats() {
        let xml = r#"<w:numbering xmlns:w="w">
            <w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          </w:numbering>"#;
        let root = super::super::xml::parse(xml.as_bytes(), "numbering.xml", 64).expect("numbering parses");
        let mut numbering = Numbering::parse(&root);
        assert_eq!(numbering.next("1", 0), Some(Marker::Number(1)));
        assert_eq!(numbering.next("1", 1), Some(Marker::Label("(a)".into())));
        assert_eq!(numbering.next("1", 1), Some(Marker::Label("(b)".into())));
        assert_eq!(numbering.next("1", 2), Some(Marker::Label("1.b.1".into())));
        assert_eq!(numbering.next("1", 0), Some(Marker::Number(2)));
        assert_eq!(numbering.next("1", 1), Some(Marker::Label("(a)".into())));
    }
}
