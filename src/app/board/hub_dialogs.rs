//! Dialogs to create, rename, merge and delete hubs. They push actions; they change nothing.
//! Each opens with its text field focused; Enter confirms and Escape closes.

use super::super::Intent;
use super::super::theme::{self, HUB_PALETTE_LEN};
use crate::model::hub::{BAND_MAX_PATIENTS, BAND_MIN_PATIENTS};
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::model::{Action, Band, Hub, HubId, Metrics, Patients, Scenario};

#[derive(Debug, Clone)]
struct EditHub {
    id: HubId,
    /// The name as the window shows it (title case), edited in place.
    name: String,
    merge_into: Option<HubId>,
    /// "Delete hub" was pressed once: the second press, on the confirmation, deletes.
    confirm_delete: bool,
    focus_pending: bool,
    /// The ICB adjusted population being typed.
    adjusted_text: String,
    /// The band Suggest aims this hub at, in whole patients, as being edited.
    band: (u32, u32),
}

#[derive(Debug, Clone)]
struct NewHub {
    name: String,
    focus_pending: bool,
}

/// Open hub dialogs.
#[derive(Debug, Default)]
pub struct HubDialogs {
    edit: Option<EditHub>,
    new_hub: Option<NewHub>,
}

/// A text field that takes the keyboard focus on the dialog's first frame; returns the
/// response and whether Enter was pressed in it.
fn name_field_ui(
    ui: &mut egui::Ui,
    text: &mut String,
    width: f32,
    focus_pending: &mut bool,
) -> bool {
    let label = ui.label("Name:");
    let field = ui
        .add(egui::TextEdit::singleline(text).desired_width(width))
        .labelled_by(label.id);
    if std::mem::take(focus_pending) {
        field.request_focus();
    }
    field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

impl HubDialogs {
    pub fn open_edit(&mut self, scenario: &Scenario, id: HubId) {
        if let Some(hub) = scenario.hub(id) {
            self.edit = Some(EditHub {
                id,
                name: title_case(&hub.name),
                merge_into: None,
                confirm_delete: false,
                focus_pending: true,
                adjusted_text: String::new(),
                band: band_of(scenario, id),
            });
        }
    }

    pub fn open_new_hub(&mut self, scenario: &Scenario) {
        self.new_hub = Some(NewHub {
            name: format!("New hub {}", scenario.hubs().len() + 1),
            focus_pending: true,
        });
    }

    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        scenario: &Scenario,
        metrics: &Metrics,
        intents: &mut Vec<Intent>,
    ) {
        self.edit_ui(ctx, scenario, metrics, intents);
        self.new_hub_ui(ctx, scenario, intents);
    }

    fn edit_ui(
        &mut self,
        ctx: &egui::Context,
        scenario: &Scenario,
        metrics: &Metrics,
        intents: &mut Vec<Intent>,
    ) {
        let Some(edit) = self.edit.as_mut() else {
            return;
        };
        let Some(hub) = scenario.hub(edit.id) else {
            self.edit = None;
            return;
        };
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("edit hub")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(18.0, 18.0), egui::Sense::hover());
                ui.painter()
                    .rect_filled(rect, 3.0, theme::hub_colour(hub.colour));
                ui.heading(format!("Hub {}", title_case(&hub.name)));
            });
            ui.label(format!("Code {}", hub.code));
            ui.separator();
            close |= rename_ui(ui, edit, hub, intents);
            ui.separator();
            close |= merge_ui(ui, edit, scenario, metrics, intents);
            ui.separator();
            close |= super::adjusted::adjusted_ui(
                ui,
                &mut edit.adjusted_text,
                scenario,
                metrics.hubs.get(&edit.id),
                edit.id,
                intents,
            );
            ui.separator();
            band_ui(ui, edit, scenario, intents);
            ui.separator();
            close |= delete_ui(ui, edit, metrics, intents);
            ui.separator();
            if ui.button("Close").clicked() {
                close = true;
            }
        });
        if close || modal.should_close() {
            self.edit = None;
        }
    }

    fn new_hub_ui(&mut self, ctx: &egui::Context, scenario: &Scenario, intents: &mut Vec<Intent>) {
        let Some(new_hub) = self.new_hub.as_mut() else {
            return;
        };
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("new hub")).show(ctx, |ui| {
            ui.set_width(400.0);
            ui.heading("New hub");
            let name = &mut new_hub.name;
            let entered = name_field_ui(ui, name, 360.0, &mut new_hub.focus_pending);
            ui.horizontal(|ui| {
                let valid = !name.trim().is_empty();
                if ui.add_enabled(valid, egui::Button::new("Create")).clicked()
                    || (entered && valid)
                {
                    intents.push(Intent::Edit(Action::CreateHub {
                        id: scenario.next_hub_id(),
                        hub: Hub {
                            code: scenario
                                .next_hub_code_tagged(crate::io::workshop::hub_code_tag()),
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
        if close || modal.should_close() {
            self.new_hub = None;
        }
    }
}

/// The name field and Rename button; true when the dialog should close.
/// The band Suggest aims a hub at, in whole patients: its own (a waiver) or the national one.
fn band_of(scenario: &Scenario, id: HubId) -> (u32, u32) {
    let (min, max) = scenario
        .constraints()
        .band_of(id, (BAND_MIN_PATIENTS, BAND_MAX_PATIENTS));
    (whole_patients(min), whole_patients(max))
}

/// Patients in whole numbers, as the band fields hold them.
fn whole_patients(patients: Patients) -> u32 {
    u32::try_from(patients.0 / 100).unwrap_or(0)
}

/// A whole number of patients from `min` up to 1,000,000, shown and typed as `20,000`.
fn patients_field(value: &mut u32, min: u32) -> egui::DragValue<'_> {
    egui::DragValue::new(value)
        .range(min..=1_000_000)
        .speed(100)
        .custom_formatter(|value, _| crate::model::quantity::group_thousands(value as u64))
        .custom_parser(|text| text.replace([',', ' '], "").parse::<f64>().ok())
}

/// The hub's own band for Suggest (e.g. a rural waiver allowing 20,000): set, or back to the
/// national 30,000–50,000. Funding follows the national rules either way.
fn band_ui(ui: &mut egui::Ui, edit: &mut EditHub, scenario: &Scenario, intents: &mut Vec<Intent>) {
    let own = scenario.constraints().bands.contains_key(&edit.id);
    let saved = band_of(scenario, edit.id);
    ui.label(if own {
        format!(
            "Suggest aims this hub at its own band, {}–{} registered (a waiver).",
            format_patients_whole(Patients(i64::from(saved.0) * 100)),
            format_patients_whole(Patients(i64::from(saved.1) * 100))
        )
    } else {
        "Suggest aims this hub at the national band, 30,000–50,000 registered.".to_string()
    });
    let mut set = None;
    ui.horizontal(|ui| {
        let label = ui.label("Own band from");
        ui.add(patients_field(&mut edit.band.0, 0))
            .labelled_by(label.id);
        let label = ui.label("to");
        let top = edit.band.0.max(1);
        ui.add(patients_field(&mut edit.band.1, top))
            .labelled_by(label.id);
        let changed = edit.band != saved;
        if ui
            .add_enabled(changed, egui::Button::new("Set band"))
            .on_hover_text("Suggest brings this hub within this band instead of 30,000–50,000")
            .clicked()
        {
            let to_patients = |whole: u32| Patients(i64::from(whole) * 100);
            set = Some(Some((to_patients(edit.band.0), to_patients(edit.band.1))));
        }
        if own && ui.button("Use the national band").clicked() {
            set = Some(None);
        }
    });
    if let Some(band) = set {
        let mut constraints = scenario.constraints().clone();
        match band {
            Some(band) => {
                constraints.bands.insert(edit.id, band);
            }
            None => {
                constraints.bands.remove(&edit.id);
                edit.band = (
                    whole_patients(BAND_MIN_PATIENTS),
                    whole_patients(BAND_MAX_PATIENTS),
                );
            }
        }
        intents.push(Intent::Edit(Action::SetConstraints(Box::new(constraints))));
    }
}

fn rename_ui(ui: &mut egui::Ui, edit: &mut EditHub, hub: &Hub, intents: &mut Vec<Intent>) -> bool {
    let entered = name_field_ui(ui, &mut edit.name, 420.0, &mut edit.focus_pending);
    let new_name = edit.name.trim();
    let changed = !new_name.is_empty() && new_name != title_case(&hub.name) && new_name != hub.name;
    if ui
        .add_enabled(changed, egui::Button::new("Rename"))
        .clicked()
        || (entered && changed)
    {
        intents.push(Intent::Edit(Action::RenameHub {
            id: edit.id,
            name: new_name.to_string(),
        }));
        return true;
    }
    false
}

/// The other hubs by name, with the combined total the merge would give; true when merged.
fn merge_ui(
    ui: &mut egui::Ui,
    edit: &mut EditHub,
    scenario: &Scenario,
    metrics: &Metrics,
    intents: &mut Vec<Intent>,
) -> bool {
    let registered = |id: HubId| {
        metrics
            .hubs
            .get(&id)
            .map_or(Patients::ZERO, |f| f.registered)
    };
    let mut others: Vec<(String, HubId)> = scenario
        .hubs()
        .iter()
        .filter(|(id, _)| **id != edit.id)
        .map(|(id, other)| (title_case(&other.name), *id))
        .collect();
    others.sort();
    ui.horizontal(|ui| {
        let selected_text = edit
            .merge_into
            .and_then(|id| scenario.hub(id))
            .map_or_else(|| "Choose a hub…".to_string(), |hub| title_case(&hub.name));
        egui::ComboBox::from_label("Merge into")
            .selected_text(selected_text)
            .width(280.0)
            .show_ui(ui, |ui| {
                for (name, id) in &others {
                    ui.selectable_value(&mut edit.merge_into, Some(*id), name)
                        .on_hover_text(format!(
                            "{} registered",
                            format_patients_whole(registered(*id))
                        ));
                }
            });
    });
    let Some(into) = edit.merge_into else {
        return false;
    };
    let combined = Patients(registered(into).0 + registered(edit.id).0);
    ui.label(format!(
        "Together: {} registered patients ({})",
        format_patients_whole(combined),
        Band::of(combined).label()
    ));
    if ui
        .button("Merge")
        .on_hover_text("Move every practice of this hub into the chosen hub and remove this hub")
        .clicked()
    {
        intents.push(Intent::Edit(Action::MergeHubs {
            into,
            from: edit.id,
        }));
        return true;
    }
    false
}

/// Delete, after saying what it does; true when deleted.
fn delete_ui(
    ui: &mut egui::Ui,
    edit: &mut EditHub,
    metrics: &Metrics,
    intents: &mut Vec<Intent>,
) -> bool {
    let figures = metrics.hubs.get(&edit.id);
    let practices = figures.map_or(0, |f| f.practices);
    let patients = figures.map_or(Patients::ZERO, |f| f.registered);
    if !edit.confirm_delete {
        if ui
            .button("Delete hub…")
            .on_hover_text("Remove the hub; its practices become unassigned (undo brings it back)")
            .clicked()
        {
            edit.confirm_delete = true;
        }
        return false;
    }
    ui.label(format!(
        "{practices} practice{} with {} registered patients will become unassigned. \
         Undo (Ctrl+Z) brings the hub back.",
        if practices == 1 { "" } else { "s" },
        format_patients_whole(patients)
    ));
    let mut deleted = false;
    ui.horizontal(|ui| {
        if ui.button("Delete").clicked() {
            intents.push(Intent::Edit(Action::DeleteHub { id: edit.id }));
            deleted = true;
        }
        if ui.button("Keep the hub").clicked() {
            edit.confirm_delete = false;
        }
    });
    deleted
}
