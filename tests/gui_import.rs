//! Importing a document from the library, as a user does: a file dropped on the window, the
//! progress window while it converts, then the new case in the reader with its report.
#![allow(clippy::unwrap_used)] // a panic is the failure report

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use casebook::ui::View;
use egui_kittest::kittest::Queryable as _;

/// A file dropped on the window, as the windowing backend hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn fixture(kind: &str, name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crates/core/tests/fixtures/convert")
        .join(kind)
        .join("train")
        .join(name)
}

#[test]
fn a_dropped_word_file_becomes_a_case_that_opens_with_its_report() {
    let library = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = support::harness(Some(library.path().to_owned()), data.path());
    assert_eq!(h.state().view(), View::Library);
    let doc = fixture("docx", "federalist-51-pandoc.docx");
    assert!(doc.is_file(), "missing fixture {}", doc.display());
    h.input_mut().dropped_files.push(Arc::new(Dropped(doc)));
    for _ in 0..2_000 {
        h.step();
        if h.state().case().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let case = h.state().case().expect("the imported case opens");
    assert!(case.path.starts_with(library.path()), "{}", case.path.display());
    assert_eq!(h.state().view(), View::Reader);
    h.run();
    h.get_by_label("Import report");
    h.get_by_label_contains(" section");
    assert!(!h.state().notice().unwrap_or_default().contains("Could not"));
}
