//! Embeds the sample cases in `cases/` so the binary can open them from anywhere.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=cases");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let mut out = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let Ok(relative) = file.strip_prefix(&root) else { continue };
        let relative = relative.to_string_lossy().replace('\\', "/");
        let _ = writeln!(out, "    ({relative:?}, include_bytes!({:?})),", file.display().to_string());
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    if let Err(e) = std::fs::write(out_dir.join("bundled_cases.rs"), out) {
        panic!("cannot write the bundled case list: {e}");
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo::rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(&path, files);
        } else if path
            .extension()
            .is_some_and(|e| ["md", "png", "jpg", "jpeg", "gif", "webp", "json"].iter().any(|x| e == *x))
        {
            files.push(path);
        }
    }
}
