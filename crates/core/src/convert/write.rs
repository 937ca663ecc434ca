//! Writing a converted document as a case folder: `case.md` and `images/`. The folder is
//! built under a temporary name beside its destination and renamed into place, so a failed
//! import leaves nothing half-written and never touches an existing case.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{ConvertError, Converted};
use crate::case::CASE_FILE;

/// The folder, inside a case, that holds converted images.
pub const IMAGES_DIR: &str = "images";

#[derive(Serialize)]
struct FrontMatter<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    /// The file the case was made from, by name only: a path would say where the instructor
    /// keeps their files.
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site: Option<&'a str>,
}

/// `case.md` for a converted document: YAML front matter and the body.
pub fn case_markdown(converted: &Converted, source: &Path) -> String {
    let name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let meta = &converted.meta;
    let front = FrontMatter {
        title: meta.title.as_deref(),
        authors: &meta.authors,
        date: meta.date.as_deref(),
        source: &name,
        url: meta.url.as_deref(),
        site: meta.site.as_deref(),
    };
    // Serialising a struct of strings cannot fail; an empty block is still valid front matter.
    let yaml = serde_yaml_ng::to_string(&front).unwrap_or_default();
    format!("---\n{yaml}---\n\n{}\n", converted.body.trim_end())
}

/// Writes the case into `dir`, which must not exist or be an empty folder.
pub fn write_case(converted: &Converted, source: &Path, dir: &Path) -> Result<(), ConvertError> {
    if crate::case::holds_something(dir) {
        return Err(ConvertError::Exists { path: dir.to_owned() });
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let write_err = |path: &Path| {
        let path = path.to_owned();
        move |source| ConvertError::Write { path, source }
    };
    std::fs::create_dir_all(&parent).map_err(write_err(&parent))?;
    let staging =
        tempfile::Builder::new().prefix(".casebook-import-").tempdir_in(&parent).map_err(write_err(&parent))?;
    let case_file = staging.path().join(CASE_FILE);
    std::fs::write(&case_file, case_markdown(converted, source)).map_err(write_err(&dir.join(CASE_FILE)))?;
    if !converted.images.is_empty() {
        let images = staging.path().join(IMAGES_DIR);
        std::fs::create_dir(&images).map_err(write_err(&dir.join(IMAGES_DIR)))?;
        for image in &converted.images {
            // Names come from the converters, which make them; checked again because a name
            // that could leave the folder must never reach the file system.
            if !is_plain_name(&image.name) {
                continue;
            }
            std::fs::write(images.join(&image.name), &image.bytes)
                .map_err(write_err(&dir.join(IMAGES_DIR).join(&image.name)))?;
        }
    }
    if dir.exists() {
        std::fs::remove_dir(dir).map_err(write_err(dir))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, dir).map_err(|source| {
        // Best effort: the staging folder is ours and holds nothing the user made.
        let _ = std::fs::remove_dir_all(&staged);
        ConvertError::Write { path: dir.to_owned(), source }
    })
}

/// Writes the case into a new folder of `library`, named after its title (or the file), and
/// returns the folder.
pub fn write_new_case(converted: &Converted, source: &Path, library: &Path) -> Result<PathBuf, ConvertError> {
    let stem = source.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let title = converted.meta.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or(stem);
    let dir = crate::case::new_case_dir(library, &title);
    write_case(converted, source, &dir)?;
    Ok(dir)
}

/// A file name with no separator, no leading dot and nothing but ASCII letters, digits, `-`,
/// `_` and `.`.
pub(crate) fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::{Image, Meta};

    fn sample() -> Converted {
        Converted {
            meta: Meta {
                title: Some("The \"Case\": part 1".into()),
                authors: vec!["A. Author".into()],
                ..Meta::default()
            },
            body: "# One\n\nText.\n\n![Map](images/map.png)\n".into(),
            images: vec![
                Image { name: "map.png".into(), bytes: vec![1, 2, 3] },
                Image { name: "../escape.png".into(), bytes: vec![4] },
            ],
            ..Converted::default()
        }
    }

    #[test]
    fn writes_a_case_that_loads_with_its_metadata() {
        let root = tempfile::tempdir().unwrap();
        let dir = write_new_case(&sample(), Path::new("/somewhere/private/Report 2024.pdf"), root.path()).unwrap();
        assert_eq!(dir.file_name().unwrap(), "the-case-part-1");
        let case = crate::case::load(&dir).unwrap();
        assert_eq!(case.title(), "The \"Case\": part 1");
        let text = std::fs::read_to_string(dir.join(CASE_FILE)).unwrap();
        assert!(text.contains("source: Report 2024.pdf"), "{text}");
        assert!(!text.contains("private"), "the source's folder is not written: {text}");
        assert_eq!(std::fs::read(dir.join("images/map.png")).unwrap(), [1, 2, 3]);
        assert!(!root.path().join("escape.png").exists());
        let again = write_new_case(&sample(), Path::new("x.pdf"), root.path()).unwrap();
        assert_eq!(again.file_name().unwrap(), "the-case-part-1-2");
    }

    #[test]
    fn refuses_a_folder_that_holds_something() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("notes.txt"), "mine").unwrap();
        let err = write_case(&sample(), Path::new("x.pdf"), root.path()).unwrap_err();
        assert!(matches!(err, ConvertError::Exists { .. }));
        assert_eq!(std::fs::read_to_string(root.path().join("notes.txt")).unwrap(), "mine");
        let empty = root.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        write_case(&sample(), Path::new("x.pdf"), &empty).unwrap();
        assert!(empty.join(CASE_FILE).exists());
        let leftovers = std::fs::read_dir(root.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(".casebook"))
            .count();
        assert_eq!(leftovers, 0);
    }
}
