//! Dialogs to create, rename, merge and delete hubs. They push actions; they change nothing.

use super::super::Intent;
use super::super::theme::{self, HUB_PALETTE_LEN};
use crate::model::practice::title_case;
use crate::model::{Action, Hub, HubId, Scenario};

#[derive(Debug, Clone)]
struct EditHub {
    id: HubId,
    name: String,
    merge_into: Option<HubId>,
}

/// Open hub dialogs.
#[derive(Debug, Default)]
pub struct HubDialogs {
    edit: Option<EditHub>,
    new_hub_name: Option<String>,
}

impl HubDialogs {
    pub fn open_edit(&mut self, scenario: &Scenario, id: HubId) {
        if let Some(hub) = scenario.hub(id) {
            self.edit = Some(EditHub {
                id,
                name: hub.name.clone(),
                merge_into: None,
            });
        }
    }

    pub fn open_new_hub(&mut self, scenario: &Scenario) {
        self.new_hub_name = Some(format!("New hub {}", scenario.hubs().len() + 1));
    }

    pub fn ui(&mut self, ctx: &egui::Context, scenario: &Scenario, intents: &mut Vec<Intent>) {
        self.edit_ui(ctx, scenario, intents);
        self.new_hub_ui(ctx, scenario, intents);
    }

    fn edit_ui(&mut self, ctx: &egui::Context, scenario: &Scenario, intents: &mut Vec<Intent>) {
        let Some(edit) = self.edit.as_mut() else {
            return;
        };
        let Some(hub) = scenario.hub(edit.id) else {
            self.edit = None;
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("edit hub")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(18.0, 18.0), egui::Sense::hover());
                ui.painter()
                    .rect_filled(rect, 3.0, theme::hub_colour(hub.colour));
                ui.heading(format!("Hub {}", title_case(&hub.name)));
            });
            ui.label(format!("Code {}", hub.code));
            ui.separator();
            let label = ui.label("Name:");
            let field = ui
                .add(egui::TextEdit::singleline(&mut edit.name).desired_width(400.0))
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let changed = edit.name.trim() != hub.name && !edit.name.trim().is_empty();
            if ui
                .add_enabled(changed, egui::Button::new("Rename"))
                .clicked()
                || (entered && changed)
            {
                intents.push(Intent::Edit(Action::RenameHub {
                    id: edit.id,
                    name: edit.name.trim().to_string(),
                }));
                close = true;
            }
            ui.separator();
            ui.horizontal(|ui| {
                let selected_text = edit
                    .merge_into
                    .and_then(|id| scenario.hub(id))
                    .map_or_else(|| "Choose a hub…".to_string(), |hub| title_case(&hub.name));
                egui::ComboBox::from_label("Merge into")
                    .selected_text(selected_text)
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        for (id, other) in scenario.hubs() {
                            if *id != edit.id {
                                ui.selectable_value(
                                    &mut edit.merge_into,
                                    Some(*id),
                                    title_case(&other.name),
                                );
                            }
                        }
                    });
            });
            if let Some(into) = edit.merge_into
                && ui
                    .button("Merge")
                    .on_hover_text(
                        "Move every practice of this hub into the chosen hub and remove this hub",
                    )
                    .clicked()
            {
                intents.push(Intent::Edit(Action::MergeHubs {
                    into,
                    from: edit.id,
                }));
                close = true;
            }
            ui.separator();
            if ui
                .button("Delete hub")
                .on_hover_text(
                    "Remove the hub; its practices become unassigned (undo brings it back)",
                )
                .clicked()
            {
                intents.push(Intent::Edit(Action::DeleteHub { id: edit.id }));
                close = true;
            }
            ui.separator();
            if ui.button("Close").clicked() {
                close = true;
            }
        });
        if close {
            self.edit = None;
        }
    }

    fn new_hub_ui(&mut self, ctx: &egui::Context, scenario: &Scenario, intents: &mut Vec<Intent>) {
        let Some(name) = self.new_hub_name.as_mut() else {
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("new hub")).show(ctx, |ui| {
            ui.set_width(400.0);
            ui.heading("New hub");
            let label = ui.label("Name:");
            let field = ui
                .add(egui::TextEdit::singleline(name).desired_width(360.0))
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let valid = !name.trim().is_empty();
                if ui.add_enabled(valid, egui::Button::new("Create")).clicked()
                    || (entered && valid)
                {
                    intents.push(Intent::Edit(Action::CreateHub {
                        id: scenario.next_hub_id(),
                        hub: Hub {
                            code: scenario.next_hub_code(),
                            name: name.trim().to_string(),
                            colour: scenario.least_used_colour(HUB_PALETTE_LEN),
                        },
                        members: Vec::new(),
                    }));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.new_hub_name = None;
        }
    }
}
