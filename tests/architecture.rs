//! The shape of the code: modules depend on each other in one direction only, with no circle,
//! in the core, in the app, and among the app's windows and panels; the core names no egui;
//! no source file is over 600 lines; `app.rs` stays a thin shell.
#![allow(clippy::unwrap_used)] // a panic is the failure report

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules directly in `dir` (files and folders), each with the other modules of the same
/// level its code names, as `prefix::name` (`crate::` for a crate's top level, `super::` for
/// the modules inside one).
fn graph(dir: &Path, prefixes: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if ["lib", "main", "mod"].contains(&name.as_str()) {
            continue;
        }
        let mut files = Vec::new();
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path.clone());
        } else {
            continue;
        }
        modules.insert(name, files);
    }
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .into_iter()
        .map(|(name, files)| {
            let mut uses = BTreeSet::new();
            // Test modules in files of their own may reach anywhere too.
            for file in files.into_iter().filter(|f| !f.ends_with("tests.rs")) {
                let text = std::fs::read_to_string(&file).unwrap();
                // Tests may reach anywhere: they are not part of the shape.
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                let depth = file.strip_prefix(dir).unwrap().components().count();
                for other in &names {
                    let named = prefixes.iter().any(|p| code.contains(&format!("{p}{other}::")))
                        // From a file one folder down, the top level is `super::super::`.
                        || (depth == 2 && code.contains(&format!("super::super::{other}::")))
                        || (depth == 1 && code.contains(&format!("super::{other}::")) && prefixes.contains(&"super::"));
                    if other != &name && named {
                        uses.insert(other.clone());
                    }
                }
            }
            (name, uses)
        })
        .collect()
}

/// A circle of modules, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_circles_in_either_crate() {
    let core = graph(&root().join("crates/core/src"), &["crate::"]);
    assert!(core["layer"].contains("timeline") && core["session"].contains("layer"), "the graph is read: {core:?}");
    assert_eq!(circle(&core), None, "the core's modules: {core:#?}");
    let app = graph(&root().join("src"), &["crate::"]);
    assert_eq!(circle(&app), None, "the app's modules: {app:#?}");
    let ui = graph(&root().join("src/ui"), &["crate::ui::", "super::"]);
    assert!(ui["app"].contains("case_view"), "the graph is read: {ui:?}");
    assert_eq!(circle(&ui), None, "the modules of the window: {ui:#?}");
}

#[test]
fn the_core_names_no_egui_and_files_stay_small() {
    let manifest = std::fs::read_to_string(root().join("crates/core/Cargo.toml")).unwrap();
    for ui_crate in ["egui", "eframe", "rfd"] {
        assert!(!manifest.lines().any(|l| l.starts_with(ui_crate)), "the core depends on {ui_crate}");
    }
    let mut files = Vec::new();
    for dir in ["src", "crates/core/src", "tests", "crates/core/tests", "examples", "crates/core/examples"] {
        rust_files(&root().join(dir), &mut files);
    }
    for file in files {
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        let limit = if file.ends_with("src/ui/app.rs") { 400 } else { 600 };
        assert!(lines <= limit, "{} has {lines} lines: past {limit} it is two ideas", file.display());
    }
}
