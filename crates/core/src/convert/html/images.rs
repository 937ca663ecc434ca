//! The images of a saved page: read from the folder the browser saved beside it, never from
//! anywhere else and never from the network.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::super::write::is_plain_name;
use super::super::{Image, Limits, Note};

/// The most notes about images one page adds; past it a single note counts the rest.
const MAX_NOTES: usize = 40;
/// The longest `data:` URI decoded.
const MAX_DATA_URI: usize = 16 << 20;

/// What became of one `<img>`.
pub(super) enum Found {
    /// Kept, under this name in `images/`.
    Kept(String),
    /// Not kept; the reason is in the notes.
    Dropped,
}

pub(super) struct Collector {
    base: Option<PathBuf>,
    limits: Limits,
    pub(super) images: Vec<Image>,
    by_source: HashMap<String, String>,
    bytes: u64,
    pub(super) notes: Vec<Note>,
    notes_dropped: usize,
    over_cap: usize,
}

impl Collector {
    pub(super) fn new(base_dir: Option<&Path>, limits: &Limits) -> Self {
        let base = base_dir
            .map(|dir| if dir.as_os_str().is_empty() { Path::new(".") } else { dir })
            .and_then(|dir| dir.canonicalize().ok());
        Collector {
            base,
            limits: *limits,
            images: Vec::new(),
            by_source: HashMap::new(),
            bytes: 0,
            notes: Vec::new(),
            notes_dropped: 0,
            over_cap: 0,
        }
    }

    fn note(&mut self, message: String) {
        if self.notes.len() < MAX_NOTES {
            self.notes.push(Note::left_out(None, message));
        } else {
            self.notes_dropped += 1;
        }
    }

    /// The notes, with a count of those past [`MAX_NOTES`] and of images past the limit.
    pub(super) fn finish(mut self) -> (Vec<Image>, Vec<Note>) {
        if self.over_cap > 0 {
            self.notes.push(Note::left_out(
                None,
                format!("{} images past the limit of {} per case", self.over_cap, self.limits.max_images),
            ));
        }
        if self.notes_dropped > 0 {
            self.notes.push(Note::left_out(None, format!("{} more images, not listed", self.notes_dropped)));
        }
        (self.images, self.notes)
    }

    /// Takes the first of `sources` (an `<img>`'s `src`, then its `srcset` candidates) that
    /// can be read; notes the first remote one when none can.
    pub(super) fn take(&mut self, sources: &[String]) -> Found {
        let mut remote = None;
        let mut refused = None;
        for source in sources {
            let source = source.trim();
            if source.is_empty() {
                continue;
            }
            if let Some(name) = self.by_source.get(source) {
                return Found::Kept(name.clone());
            }
            let lower = source.to_ascii_lowercase();
            let bytes = if lower.starts_with("data:") {
                decode_data_uri(source)
            } else if lower.starts_with("http:") || lower.starts_with("https:") || source.starts_with("//") {
                remote.get_or_insert_with(|| source.to_owned());
                continue;
            } else {
                match self.read_local(source) {
                    Ok(bytes) => Some(bytes),
                    Err(why) => {
                        refused.get_or_insert((source.to_owned(), why));
                        continue;
                    }
                }
            };
            let Some(bytes) = bytes else {
                refused.get_or_insert((short(source), "it could not be decoded"));
                continue;
            };
            let Some(ext) = check_image(&bytes) else {
                refused.get_or_insert((short(source), "not a PNG, JPEG, GIF or WebP image"));
                continue;
            };
            if self.images.len() >= self.limits.max_images {
                self.over_cap += 1;
                return Found::Dropped;
            }
            if self.bytes + bytes.len() as u64 > self.limits.max_inflated_bytes {
                self.note(format!("image past the size limit: {}", short(source)));
                return Found::Dropped;
            }
            let name = self.unique_name(source, ext);
            self.bytes += bytes.len() as u64;
            self.images.push(Image { name: name.clone(), bytes });
            self.by_source.insert(source.to_owned(), name.clone());
            return Found::Kept(name);
        }
        if let Some(url) = remote {
            self.note(format!("remote image not fetched: {url}"));
        } else if let Some((source, why)) = refused {
            self.note(format!("image not read ({why}): {source}"));
        }
        Found::Dropped
    }

    /// A file saved beside the page, only if it resolves inside the page's folder.
    fn read_local(&self, source: &str) -> Result<Vec<u8>, &'static str> {
        let path = source.split(['?', '#']).next().unwrap_or_default();
        let path = percent_decode(path);
        if path.contains(':') || path.starts_with('/') || path.contains('\\') || path.contains('\0') {
            return Err("outside the page's folder");
        }
        let base = self.base.as_ref().ok_or("the page's folder is unknown")?;
        let resolved = base.join(&path).canonicalize().map_err(|_| "not saved with the page")?;
        if !resolved.starts_with(base) {
            return Err("outside the page's folder");
        }
        let meta = std::fs::metadata(&resolved).map_err(|_| "not saved with the page")?;
        if !meta.is_file() || meta.len() > self.limits.max_file_bytes {
            return Err("not a file Casebook reads");
        }
        std::fs::read(&resolved).map_err(|_| "it could not be read")
    }

    fn unique_name(&self, source: &str, ext: &str) -> String {
        let file = source.split(['?', '#']).next().unwrap_or_default();
        let file = percent_decode(file.rsplit('/').next().unwrap_or_default());
        let stem = file.rsplit_once('.').map_or(file.as_str(), |(stem, _)| stem);
        let mut clean = String::new();
        for c in stem.chars().take(60) {
            if c.is_ascii_alphanumeric() || c == '_' {
                clean.push(c);
            } else if !clean.ends_with('-') {
                clean.push('-');
            }
        }
        let clean = clean.trim_matches('-');
        let stem = if clean.is_empty() || source.starts_with("data:") { "image" } else { clean };
        let taken = |name: &str| self.images.iter().any(|image| image.name.eq_ignore_ascii_case(name));
        let mut name = format!("{stem}.{ext}");
        let mut n = 2;
        while taken(&name) || !is_plain_name(&name) {
            name = format!("image-{}-{n}.{ext}", self.images.len() + 1);
            n += 1;
        }
        name
    }
}

fn short(source: &str) -> String {
    if source.len() > 80 {
        let mut end = 60;
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &source[..end])
    } else {
        source.to_owned()
    }
}

/// The extension for an image the `image` crate decodes, bounded in memory.
fn check_image(bytes: &[u8]) -> Option<&'static str> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().ok()?;
    let ext = match reader.format()? {
        image::ImageFormat::Png => "png",
        image::ImageFormat::Jpeg => "jpg",
        image::ImageFormat::Gif => "gif",
        image::ImageFormat::WebP => "webp",
        _ => return None,
    };
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(256 << 20);
    reader.limits(limits);
    reader.decode().ok()?;
    Some(ext)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) =
                (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The bytes of a base64 `data:` URI.
fn decode_data_uri(uri: &str) -> Option<Vec<u8>> {
    if uri.len() > MAX_DATA_URI {
        return None;
    }
    let (header, data) = uri.split_once(',')?;
    if !header.to_ascii_lowercase().ends_with(";base64") {
        return Some(percent_decode(data).into_bytes());
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0;
    for b in data.bytes() {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' | b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The candidates of a `srcset`, widest first.
pub(super) fn srcset(value: &str) -> Vec<String> {
    let mut candidates: Vec<(f32, String)> = value
        .split(',')
        .filter_map(|candidate| {
            let mut parts = candidate.split_whitespace();
            let url = parts.next()?;
            let size = parts.next().and_then(|d| d.trim_end_matches(['w', 'x']).parse::<f32>().ok()).unwrap_or(1.0);
            Some((size, url.to_owned()))
        })
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    candidates.into_iter().map(|(_, url)| url).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_percent() {
        assert_eq!(decode_data_uri("data:text/plain;base64,aGVsbG8=").unwrap(), b"hello");
        assert_eq!(percent_decode("a%20b%2"), "a b%2");
        assert_eq!(srcset("a.png 1x, b.png 2x"), ["b.png", "a.png"]);
    }
}
