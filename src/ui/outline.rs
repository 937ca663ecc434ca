//! The outline panel: the case's headings, the current one marked.

use egui::{RichText, Ui};

use super::command::Command;
use casebook_core::case::OutlineEntry;

/// The entry the reader is in: the last heading at or above the top of the view.
pub fn current_entry(outline: &[OutlineEntry], top_block: usize) -> Option<usize> {
    outline.partition_point(|e| e.block <= top_block).checked_sub(1)
}

/// The headings, one row each; only the rows in view are drawn, so a case with thousands of
/// sections costs what a screenful does. When the reader moves into another section, its row
/// comes into view.
pub fn ui(ui: &mut Ui, outline: &[OutlineEntry], top_block: usize) -> Option<Command> {
    ui.add_space(6.0);
    ui.label(RichText::new("Outline").strong());
    ui.separator();
    if outline.is_empty() {
        ui.weak("This case has no headings.");
        return None;
    }
    let current = current_entry(outline, top_block);
    let row_pt = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let remembered = ui.scope_id().with("outline-current");
    let moved = ui.data_mut(|d| {
        let before = d.get_temp::<Option<usize>>(remembered);
        d.insert_temp(remembered, current);
        before != Some(current)
    });
    let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
    if let Some(i) = current.filter(|_| moved) {
        // A third of the way down, so the sections around it show too.
        let offset = (i as f32 * row_pt - ui.available_height() / 3.0).max(0.0);
        area = area.vertical_scroll_offset(offset);
    }
    let mut command = None;
    area.show_rows(ui, row_pt - ui.spacing().item_spacing.y, outline.len(), |ui, rows| {
        for i in rows {
            let entry = &outline[i];
            ui.horizontal(|ui| {
                ui.add_space(f32::from(entry.level.saturating_sub(1)) * 14.0);
                let text =
                    if entry.level <= 1 { RichText::new(&entry.title).strong() } else { RichText::new(&entry.title) };
                let label = egui::Button::selectable(current == Some(i), text).truncate();
                if ui.add(label).clicked() {
                    command = Some(Command::GoToBlock(entry.block));
                }
            });
        }
    });
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_is_last_heading_above() {
        let e = |block| OutlineEntry { level: 2, title: String::new(), block };
        let outline = [e(0), e(10), e(20)];
        assert_eq!(current_entry(&outline, 0), Some(0));
        assert_eq!(current_entry(&outline, 15), Some(1));
        assert_eq!(current_entry(&outline, 99), Some(2));
        assert_eq!(current_entry(&[e(5)], 2), None);
    }
}
