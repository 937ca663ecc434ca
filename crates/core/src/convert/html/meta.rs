//! What a page says about itself: title, authors, date, address and site, from its `<meta>`
//! tags, its `<title>` and `<h1>`, its byline and `<time>`.

use std::collections::HashMap;

use dom_smoothie::Readability;

use super::super::Meta;

pub(super) fn read(page: &Readability, saved_from: Option<String>) -> Meta {
    let doc = &page.doc;
    let mut metas: HashMap<String, String> = HashMap::new();
    for node in doc.select("meta").nodes() {
        let key = node.attr("property").or_else(|| node.attr("name")).or_else(|| node.attr("itemprop"));
        if let (Some(key), Some(content)) = (key, node.attr("content")) {
            let content = clean_space(&content);
            if !content.is_empty() {
                metas.entry(key.to_ascii_lowercase()).or_insert(content);
            }
        }
    }
    let get = |keys: &[&str]| keys.iter().find_map(|key| metas.get(*key).cloned());

    let canonical = doc.select("link[rel=canonical]").attr("href").map(|href| href.to_string());
    let url = [canonical, get(&["og:url"]), saved_from]
        .into_iter()
        .flatten()
        .find(|url| url.starts_with("https://") || url.starts_with("http://"));
    let host = url.as_deref().and_then(host_of);
    let site = get(&["og:site_name", "application-name"]).or_else(|| host.clone());

    let h1s: Vec<String> =
        doc.select("h1").nodes().iter().map(|h| clean_space(&h.text())).filter(|t| !t.is_empty()).collect();
    let title_tag = clean_space(&doc.select("title").text());
    // The <h1> a title is or begins with ("Berlin Airlift" in "Berlin Airlift - Encyclopedia")
    // is the title, whatever the site is called and however many other <h1> the page has.
    let h1 = heading_in(&title_tag, &h1s).or_else(|| h1s.first().filter(|_| h1s.len() == 1)).cloned();
    let title = get(&["og:title", "twitter:title", "dc.title", "citation_title"])
        .or(h1)
        .or_else(|| (!title_tag.is_empty()).then_some(title_tag))
        .map(|title| {
            heading_in(&title, &h1s).cloned().unwrap_or_else(|| strip_site(&title, site.as_deref(), host.as_deref()))
        });

    let mut authors = Vec::new();
    for key in ["author", "article:author", "dc.creator", "citation_author", "byl"] {
        if let Some(value) = metas.get(key).filter(|v| !v.contains("://")) {
            authors.extend(split_authors(value));
        }
    }
    if authors.is_empty() {
        for node in doc.select("[rel=author], [itemprop=author], .byline, .author").nodes() {
            let text = clean_space(&node.text());
            if !text.is_empty() && text.len() < 200 {
                authors.extend(split_authors(&text));
                break;
            }
        }
    }
    authors.dedup();

    let date = get(&["article:published_time", "date", "dcterms.date", "dc.date", "citation_publication_date"])
        .or_else(|| doc.select("time[datetime]").attr("datetime").map(|d| d.to_string()))
        .or_else(|| doc.select("time").nodes().first().map(|n| n.text().to_string()))
        .and_then(|d| normalise_date(&d));

    Meta { title: title.filter(|t| !t.is_empty()), authors, date, url, site }
}

pub(super) fn clean_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The heading a title is, or begins with before a separator.
fn heading_in<'h>(title: &str, headings: &'h [String]) -> Option<&'h String> {
    let title = title.to_lowercase();
    headings.iter().find(|h| {
        let h = h.to_lowercase();
        title == h || SEPARATORS.iter().any(|sep| title.starts_with(&format!("{h}{sep}")))
    })
}

const SEPARATORS: &[&str] = &[" - ", " | ", " – ", " — ", " · ", " :: ", " » "];

/// "The Berlin Airlift - Encyclopedia" less the site's name.
fn strip_site(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = tail.trim().to_lowercase();
            // "Wikisource, the free online library": the site's name and its motto.
            let names_site = |s: &str| {
                let s = s.to_lowercase();
                tail.strip_prefix(&s).is_some_and(|rest| rest.is_empty() || rest.starts_with([',', ':', ' ']))
            };
            // "Wikipedia" names en.wikipedia.org: one of the host's labels, spaces aside.
            let label = tail.replace(' ', "");
            let matches =
                site.is_some_and(names_site) || host.is_some_and(|h| h == tail || h.split('.').any(|l| l == label));
            if matches && !head.trim().is_empty() {
                return head.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

fn split_authors(text: &str) -> Vec<String> {
    let text = text.trim();
    let text = ["By ", "by ", "BY "].iter().find_map(|p| text.strip_prefix(p)).unwrap_or(text);
    let parts: Vec<String> = text
        .split(" and ")
        .flat_map(|part| part.split([';', ',']))
        .map(|part| part.trim().trim_end_matches('.').to_owned())
        .filter(|part| !part.is_empty())
        .collect();
    // "Doe, Jane" is one name written backwards, not two.
    if parts.iter().any(|p| !p.contains(' ')) { vec![text.to_owned()] } else { parts }
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// `YYYY-MM-DD` (or as much of it as the page gives) from an ISO date or time, `YYYY/MM/DD`,
/// "12 May 1949" or "May 12, 1949".
pub(super) fn normalise_date(text: &str) -> Option<String> {
    let text = text.trim();
    let digits: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    let numeric = text.as_bytes().first().is_some_and(u8::is_ascii_digit) && text.len() >= 4 && digits[0].len() == 4;
    if numeric {
        let year = digits[0];
        let month = digits.get(1).and_then(|m| m.parse::<u32>().ok()).filter(|m| (1..=12).contains(m));
        let day = digits.get(2).and_then(|d| d.parse::<u32>().ok()).filter(|d| (1..=31).contains(d));
        return Some(match (month, day) {
            (Some(m), Some(d)) => format!("{year}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year}-{m:02}"),
            _ => year.to_owned(),
        });
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|s| !s.is_empty()).collect();
    let month = words.iter().find_map(|w| {
        MONTHS.iter().position(|m| w.len() >= 3 && m.starts_with(&w[..3]) && w.chars().all(char::is_alphabetic))
    })? + 1;
    let year = words.iter().find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))?;
    let day = words
        .iter()
        .find(|w| (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit()))
        .and_then(|d| d.parse::<u32>().ok());
    Some(match day {
        Some(d) => format!("{year}-{month:02}-{d:02}"),
        None => format!("{year}-{month:02}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_titles_authors() {
        assert_eq!(normalise_date("2021-03-04T10:00:00Z").as_deref(), Some("2021-03-04"));
        assert_eq!(normalise_date("May 12, 1949").as_deref(), Some("1949-05-12"));
        assert_eq!(normalise_date("12 May 1949").as_deref(), Some("1949-05-12"));
        assert_eq!(normalise_date("2020/7/1").as_deref(), Some("2020-07-01"));
        assert_eq!(strip_site("Berlin Airlift - Wikipedia", Some("Wikipedia"), None), "Berlin Airlift");
        assert_eq!(strip_site("A - B", None, None), "A - B");
        assert_eq!(strip_site("Berlin Blockade - Wikipedia", None, Some("en.wikipedia.org")), "Berlin Blockade");
        assert_eq!(strip_site("Notes - The Record", None, Some("therecord.com")), "Notes");
        let wikisource = "Address to Congress - Wikisource, the free online library";
        assert_eq!(strip_site(wikisource, Some("Wikisource"), None), "Address to Congress");
        assert_eq!(strip_site("War - Wikisourcery", Some("Wikisource"), None), "War - Wikisourcery");
        assert_eq!(split_authors("By Jane Roe and John Doe"), ["Jane Roe", "John Doe"]);
        assert_eq!(split_authors("Doe, Jane"), ["Doe, Jane"]);
        assert_eq!(host_of("https://www.Example.org/x").as_deref(), Some("example.org"));
    }
}
