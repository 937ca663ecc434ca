//! The keyboard shortcuts overlay (F1 or ?), read from the table of actions.

use super::actions::{ACTIONS, Scope, keys_text};

/// Shows the overlay; true when the user closed it.
pub fn ui(ctx: &egui::Context) -> bool {
    let mut open = true;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().max_height(ctx.content_rect().height() * 0.8).show(ui, |ui| {
                for scope in Scope::ALL {
                    ui.strong(scope.title());
                    egui::Grid::new(("shortcuts", scope as u8)).num_columns(2).spacing([24.0, 6.0]).striped(true).show(
                        ui,
                        |ui| {
                            for info in ACTIONS.iter().filter(|a| a.scope == scope) {
                                ui.monospace(keys_text(ctx, info.action));
                                ui.label(info.hint);
                                ui.end_row();
                            }
                        },
                    );
                    ui.add_space(8.0);
                }
                ui.weak("? or F1 shows this help; Esc closes it.");
            });
        });
    !open
}
