//! The keyboard shortcuts overlay (F1 or ?).

use egui::Ui;

pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+F", "Find in case"),
    ("Ctrl+Shift+F", "Search notes and answers, in this case or the library"),
    ("Enter / Shift+Enter, F3 / Shift+F3", "Next / previous match"),
    ("Esc", "Close find or this help"),
    ("Ctrl +  /  Ctrl −  /  Ctrl 0", "Bigger / smaller / default text"),
    ("PageDown, Space / PageUp", "Scroll a screen"),
    ("↓ / ↑", "Scroll a little"),
    ("Home / End", "Start / end of the case"),
    ("Drag, double-click, Shift+click", "Select text; pick a colour to highlight it"),
    ("Ctrl+C", "Copy the selected text"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
    ("Ctrl+B", "Show or hide the outline"),
    ("Ctrl+Shift+A", "Show or hide the annotations"),
    ("Ctrl+T", "Show or hide the timeline"),
    ("F5 / Shift+F5", "Present; with the console on this screen"),
    ("← → (timeline)", "Previous / next event; Enter goes to its passage"),
    ("+ / − / Home (timeline)", "Zoom in / out / fit all; or Ctrl+wheel and drag"),
    ("Ctrl+L", "Back to the library"),
    ("Ctrl+O", "Open a folder"),
    ("Ctrl+R", "Reload the case from disk"),
    ("F1 or ?", "This help"),
];

pub fn ui(ui: &mut Ui) {
    egui::Grid::new("shortcuts").num_columns(2).spacing([24.0, 8.0]).striped(true).show(ui, |ui| {
        for (keys, what) in SHORTCUTS {
            ui.monospace(*keys);
            ui.label(*what);
            ui.end_row();
        }
    });
}
