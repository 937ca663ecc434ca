//! The outline panel: the case's headings, the current one marked.

use egui::{RichText, Ui};

use super::command::Command;
use casebook_core::case::OutlineEntry;

/// The entry the reader is in: the last heading at or above the top of the view.
pub fn current_entry(outline: &[OutlineEntry], top_block: usize) -> Option<usize> {
    outline.partition_point(|e| e.block <= top_block).checked_sub(1)
}

pub fn ui(ui: &mut Ui, outline: &[OutlineEntry], top_block: usize) -> Option<Command> {
    ui.add_space(6.0);
    ui.label(RichText::new("Outline").strong());
    ui.separator();
    if outline.is_empty() {
        ui.weak("This case has no headings.");
        return None;
    }
    let current = current_entry(outline, top_block);
    let mut command = None;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for (i, entry) in outline.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.add_space(f32::from(entry.level.saturating_sub(1)) * 14.0);
                let text =
                    if entry.level <= 1 { RichText::new(&entry.title).strong() } else { RichText::new(&entry.title) };
                let response = ui.selectable_label(current == Some(i), text);
                if current == Some(i) && response.changed() {
                    response.scroll_to_me(None);
                }
                if response.clicked() {
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
