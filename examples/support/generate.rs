//! The generated case the benchmarks share.

/// A deterministic case of about `words` words: sections, paragraphs with emphasis and links,
/// lists, quotes and a table now and then, like a long teaching case.
pub fn generate(words: usize) -> String {
    const VOCAB: &[&str] = &[
        "council",
        "sanctions",
        "resolution",
        "veto",
        "delegation",
        "nuclear",
        "test",
        "missile",
        "treaty",
        "negotiation",
        "ambassador",
        "draft",
        "vote",
        "members",
        "permanent",
        "pressure",
        "summit",
        "envoy",
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "that",
        "was",
        "for",
        "on",
        "with",
        "as",
        "by",
        "its",
        "after",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut out = String::from("---\ntitle: \"Generated case\"\n---\n");
    let mut written = 0;
    let mut paragraph = 0;
    while written < words {
        if paragraph % 20 == 0 {
            out.push_str(&format!("\n## Section {}\n\n", paragraph / 20 + 1));
        }
        match paragraph % 23 {
            7 => {
                for i in 0..4 {
                    out.push_str(&format!("- item {i} on the *draft* text\n"));
                }
                written += 24;
            }
            13 => {
                out.push_str("> A quoted statement from the debate in the chamber, with **emphasis**.\n");
                written += 12;
            }
            19 => {
                out.push_str(
                    "| Year | Resolution | Vote |\n|---|---|---|\n| 2006 | 1718 | 15–0 |\n| 2022 | draft | 13–2 |\n",
                );
                written += 12;
            }
            _ => {}
        }
        out.push('\n');
        let len = 60 + (next() % 80) as usize;
        for w in 0..len {
            let word = VOCAB[(next() % VOCAB.len() as u64) as usize];
            match next() % 50 {
                0 => out.push_str(&format!("*{word}*")),
                1 => out.push_str(&format!("**{word}**")),
                2 => out.push_str(&format!("[{word}](https://example.org/{w})")),
                _ => out.push_str(word),
            }
            out.push(if w + 1 == len { '.' } else { ' ' });
        }
        out.push('\n');
        written += len;
        paragraph += 1;
    }
    out
}
