//! The zip package of a Word file, read only by the part names Casebook knows and each part
//! through a reader capped at its own limit and at what is left of the document's budget:
//! the sizes a zip declares are never trusted.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::Failure;

/// More parts than a real document has; a package with more is refused before any is read.
const MAX_ENTRIES: usize = 10_000;
/// The most a single XML part may inflate to.
pub(super) const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(super) struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased part name to entry index: part names are case-insensitive in a package.
    index: HashMap<String, usize>,
    /// Bytes the parts read so far may still inflate to.
    budget: u64,
    total: u64,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8], max_inflated: u64) -> Result<Self, Failure> {
        if bytes.starts_with(&OLE_MAGIC) {
            return Err(Failure::Invalid(
                "this Word file is password-protected or in the old .doc format; save it as .docx".into(),
            ));
        }
        if !bytes.starts_with(b"PK") {
            return Err(Failure::Invalid("this is not a Word (.docx) file: it is not a zip package".into()));
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|_| Failure::Invalid("this Word file is damaged: its zip package could not be read".into()))?;
        if archive.len() > MAX_ENTRIES {
            return Err(Failure::Invalid(format!(
                "this Word file holds {} parts, more than the {MAX_ENTRIES} Casebook reads",
                archive.len()
            )));
        }
        let mut index = HashMap::new();
        for (i, name) in archive.file_names().enumerate() {
            if let Ok(name) = name {
                index.entry(name.trim_start_matches('/').to_ascii_lowercase()).or_insert(i);
            }
        }
        Ok(Package { archive, index, budget: max_inflated, total: max_inflated })
    }

    pub fn has(&self, name: &str) -> bool {
        self.index.contains_key(&name.to_ascii_lowercase())
    }

    /// The bytes of a part, or `None` if the package has no such part.
    pub fn read(&mut self, name: &str, cap: u64) -> Result<Option<Vec<u8>>, Failure> {
        let Some(&i) = self.index.get(&name.to_ascii_lowercase()) else {
            return Ok(None);
        };
        let mut file = self.archive.by_index(i).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(_) | zip::result::ZipError::InvalidPassword => {
                Failure::Invalid("this Word file is password-protected; save it without a password".into())
            }
            _ => Failure::Invalid(format!("this Word file is damaged: its part {name} could not be read")),
        })?;
        let limit = cap.min(self.budget);
        let mut out = Vec::new();
        // One byte past the limit tells a part that reaches it from one that goes beyond.
        (&mut file)
            .take(limit.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|_| Failure::Invalid(format!("this Word file is damaged: its part {name} could not be read")))?;
        let read = out.len() as u64;
        if read > limit {
            return Err(if limit == cap {
                Failure::Invalid(format!(
                    "this Word file's part {name} inflates to more than {} MB; Casebook refuses it as a zip bomb",
                    cap / 1_048_576
                ))
            } else {
                Failure::Invalid(format!(
                    "this Word file inflates to more than {} MB in all; Casebook refuses it as a zip bomb",
                    self.total / 1_048_576
                ))
            });
        }
        self.budget -= read;
        Ok(Some(out))
    }
}

/// The relationships of one part: id to target part name (or external URL).
#[derive(Debug, Default)]
pub(super) struct Rels {
    pub map: HashMap<String, Rel>,
}

#[derive(Debug)]
pub(super) struct Rel {
    pub kind: String,
    pub target: String,
    pub external: bool,
}

impl Rels {
    /// The relationships of `part`, read from its `_rels` part.
    pub fn load(package: &mut Package<'_>, part: &str, max_depth: usize) -> Result<Rels, Failure> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        let Some(bytes) = package.read(&rels_name, MAX_PART_BYTES)? else {
            return Ok(Rels::default());
        };
        let root = super::xml::parse(&bytes, &rels_name, max_depth)?;
        let mut map = HashMap::new();
        for rel in root.elements().filter(|n| n.local() == "Relationship") {
            let (Some(id), Some(target)) = (rel.attr("Id"), rel.attr("Target")) else { continue };
            let external = rel.attr("TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
            let target = if external { target.to_owned() } else { resolve(dir, target) };
            let kind = rel.attr("Type").unwrap_or("").to_owned();
            map.insert(id.to_owned(), Rel { kind, target, external });
        }
        Ok(Rels { map })
    }

    /// The target of the first internal relationship whose type ends with `/{suffix}`.
    pub fn by_type(&self, suffix: &str) -> Option<&str> {
        let mut found: Vec<&Rel> =
            self.map.values().filter(|r| !r.external && r.kind.ends_with(&format!("/{suffix}"))).collect();
        found.sort_by(|a, b| a.target.cmp(&b.target));
        found.first().map(|r| r.target.as_str())
    }
}

/// A target relative to `dir`, as a part name: only ever a key to look a part up by.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') { Vec::new() } else { dir.split('/').collect() };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn targets_resolve_to_part_names() {
        assert_eq!(super::resolve("word", "media/image1.png"), "word/media/image1.png");
        assert_eq!(super::resolve("word", "/word/media/a.png"), "word/media/a.png");
        assert_eq!(super::resolve("word", "../../../etc/passwd"), "etc/passwd");
        assert_eq!(super::resolve("", "word/document.xml"), "word/document.xml");
    }
}
