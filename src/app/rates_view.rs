//! The Rates window (Figures → Rates…): every line of the year in use with its base, rate,
//! period, source and verified mark; override a rate with a note, reset it, add or remove a
//! local line. Every change is an [`Action`] pushed as an intent, so undo works.

use super::{App, Intent};
use crate::model::rule_edits::RateKey;
use crate::model::{
    Action, Base, FundingLine, LocalLine, PaidTo, Rate, RateOverride, RuleSet, RuleYear,
};

/// What the user is typing in the window.
#[derive(Debug, Clone, Default)]
pub struct RatesView {
    pub open: bool,
    /// The term being edited: line id and base.
    selected: Option<RateKey>,
    rate_text: String,
    note: String,
    new_name: String,
    new_base: Option<Base>,
    new_rate_text: String,
    message: Option<String>,
}

/// Opens the window from the Figures menu.
pub fn rates_menu_ui(ui: &mut egui::Ui, app: &mut App) {
    if ui
        .button(super::Command::Rates.label())
        .on_hover_text(super::Command::Rates.tooltip())
        .clicked()
    {
        app.intents.push(Intent::Command(super::Command::Rates));
    }
    if ui
        .button(super::Command::StaffPlan.label())
        .on_hover_text(super::Command::StaffPlan.tooltip())
        .clicked()
    {
        app.intents.push(Intent::Command(super::Command::StaffPlan));
    }
}

/// The window, when open.
pub fn rates_window_ui(ctx: &egui::Context, app: &mut App) {
    let mut open = app.rates.open;
    if !open {
        return;
    }
    let rules = app.document.metrics().rules.clone();
    let year = rules.year;
    let mut intents = Vec::new();
    crate::app::layout::window(ctx, "Rates")
        .open(&mut open)
        .default_width(820.0)
        .vscroll(true)
        .show(ctx, |ui| {
            ui.label(egui::RichText::new(format!("{} ({year})", rules.title)).strong());
            ui.label(
                "† not confirmed by a primary source. Adjusted population is the weighted list \
                 unless the data supplies it.",
            );
            lines_grid_ui(ui, &rules.lines);
            ui.separator();
            let file_lines = app.document.scenario().rules_of(year).clone();
            editor_ui(ui, &mut app.rates, &rules.lines, &file_lines, &mut intents);
            ui.separator();
            let edits = app.document.scenario().rule_edits().year(year).cloned();
            local_lines_ui(ui, &mut app.rates, edits.as_ref(), year, &mut intents);
            if let Some(message) = &app.rates.message {
                ui.label(message);
            }
        });
    app.rates.open = open;
    app.intents.extend(intents);
}

fn lines_grid_ui(ui: &mut egui::Ui, lines: &[FundingLine]) {
    egui::Grid::new("rates grid")
        .striped(true)
        .num_columns(7)
        .show(ui, |ui| {
            for title in [
                "Line",
                "Base",
                "Rate (£)",
                "Period",
                "Paid to",
                "Checked",
                "Source",
            ] {
                ui.strong(title);
            }
            ui.end_row();
            for line in lines {
                for (base, rate) in line.rates() {
                    let edited = if line.is_edited() { " (edited)" } else { "" };
                    ui.label(format!("{}{edited}", line.name));
                    ui.label(base.label());
                    ui.label(format!("£{rate}"));
                    ui.label(line.period_label());
                    ui.label(line.paid_to.id());
                    ui.label(if line.verified {
                        "verified"
                    } else {
                        "† unverified"
                    });
                    let source =
                        egui::Label::new(egui::RichText::new(&line.source).small()).truncate();
                    let response = ui.add(source);
                    if let Some(edit) = &line.edit {
                        response.on_hover_text(format!("{}\n{}", line.source, edit.describe()));
                    } else {
                        response.on_hover_text(&line.source);
                    }
                    ui.end_row();
                }
            }
        });
}

/// Pick a term, type a rate and a note, override or reset.
fn editor_ui(
    ui: &mut egui::Ui,
    view: &mut RatesView,
    lines: &[FundingLine],
    file_lines: &RuleSet,
    intents: &mut Vec<Intent>,
) {
    ui.strong("Correct a rate");
    // Only terms of the rule file can be overridden (local lines are changed below).
    let label_of = |(id, base): &RateKey| {
        let name = file_lines
            .line(id)
            .map_or(id.as_str(), |line| line.name.as_str());
        format!("{name} ({})", base.label())
    };
    let before = view.selected.clone();
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("Rate to correct")
            .selected_text(
                view.selected
                    .as_ref()
                    .map_or("choose…".to_string(), label_of),
            )
            .show_ui(ui, |ui| {
                for line in &file_lines.lines {
                    for term in &line.terms {
                        let key = (line.id.clone(), term.base);
                        let text = label_of(&key);
                        ui.selectable_value(&mut view.selected, Some(key), text);
                    }
                }
            });
    });
    if view.selected != before
        && let Some((id, base)) = &view.selected
    {
        view.rate_text = lines
            .iter()
            .find(|line| &line.id == id)
            .and_then(|line| line.rates().find(|(b, _)| b == base))
            .map_or_else(String::new, |(_, rate)| rate.to_string());
    }
    let Some(key) = view.selected.clone() else {
        return;
    };
    rate_form_ui(ui, view, key, file_lines, intents);
}

/// The new rate and note for the chosen term, with the buttons that override or reset it.
fn rate_form_ui(
    ui: &mut egui::Ui,
    view: &mut RatesView,
    (line, base): RateKey,
    file_lines: &RuleSet,
    intents: &mut Vec<Intent>,
) {
    let year = file_lines.year;
    ui.horizontal(|ui| {
        let label = ui.label("New rate (£)");
        ui.add(egui::TextEdit::singleline(&mut view.rate_text).desired_width(90.0))
            .labelled_by(label.id);
        let label = ui.label("Note");
        ui.add(
            egui::TextEdit::singleline(&mut view.note)
                .desired_width(260.0)
                .hint_text("e.g. ICB letter 14 May 2026"),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        if ui.button("Use this rate").clicked() {
            match parse_pounds(&view.rate_text) {
                Some(rate) => {
                    intents.push(Intent::Edit(Action::SetRate {
                        year,
                        line: line.clone(),
                        base,
                        rate: Some(RateOverride {
                            rate,
                            note: view.note.trim().to_string(),
                        }),
                    }));
                    view.message = None;
                }
                None => view.message = Some(bad_rate(&view.rate_text)),
            }
        }
        if ui
            .button("Reset to the file's rate")
            .on_hover_text("Remove the correction of this rate")
            .clicked()
        {
            intents.push(Intent::Edit(Action::SetRate {
                year,
                line: line.clone(),
                base,
                rate: None,
            }));
            if let Some(rate) = file_lines
                .line(&line)
                .and_then(|found| found.rates().find(|(b, _)| *b == base))
            {
                view.rate_text = rate.1.to_string();
            }
        }
    });
}

/// The local lines of the year, each with a remove button, and a form to add one.
fn local_lines_ui(
    ui: &mut egui::Ui,
    view: &mut RatesView,
    edits: Option<&crate::model::rule_edits::YearEdits>,
    year: RuleYear,
    intents: &mut Vec<Intent>,
) {
    ui.strong("Local lines (e.g. an ICB local variation agreement)");
    let local_lines = edits.map(|edits| &edits.local_lines);
    for (id, local) in local_lines.into_iter().flatten() {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{}: £{} × {}",
                local.name,
                local.rate,
                local.base.label()
            ));
            if ui.button(format!("Remove {}", local.name)).clicked() {
                intents.push(Intent::Edit(Action::PutLocalLine {
                    year,
                    id: id.clone(),
                    line: None,
                }));
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("Local line name");
        ui.add(egui::TextEdit::singleline(&mut view.new_name).desired_width(200.0))
            .labelled_by(label.id);
        let base = view.new_base.unwrap_or(Base::Registered);
        egui::ComboBox::from_label("Local line base")
            .selected_text(base.label())
            .show_ui(ui, |ui| {
                for option in Base::ALL {
                    ui.selectable_value(&mut view.new_base, Some(option), option.label());
                }
            });
        let label = ui.label("Local line rate (£)");
        ui.add(egui::TextEdit::singleline(&mut view.new_rate_text).desired_width(80.0))
            .labelled_by(label.id);
        if ui.button("Add local line").clicked() {
            add_local_line(view, edits, year, intents);
        }
    });
}

fn add_local_line(
    view: &mut RatesView,
    edits: Option<&crate::model::rule_edits::YearEdits>,
    year: RuleYear,
    intents: &mut Vec<Intent>,
) {
    let Some(rate) = parse_pounds(&view.new_rate_text) else {
        view.message = Some(bad_rate(&view.new_rate_text));
        return;
    };
    if view.new_name.trim().is_empty() {
        view.message = Some("A local line needs a name.".to_string());
        return;
    }
    let id = (1..)
        .map(|n| format!("local_{n}"))
        .find(|id| edits.is_none_or(|edits| !edits.local_lines.contains_key(id)))
        .unwrap_or_default();
    intents.push(Intent::Edit(Action::PutLocalLine {
        year,
        id,
        line: Some(LocalLine {
            name: view.new_name.trim().to_string(),
            base: view.new_base.unwrap_or(Base::Registered),
            rate,
            paid_to: PaidTo::Network,
            note: String::new(),
        }),
    }));
    view.new_name.clear();
    view.new_rate_text.clear();
    view.message = None;
}

/// `9.10`, `£9.1`: pounds with at most 4 decimals.
fn parse_pounds(text: &str) -> Option<Rate> {
    let pounds: f64 = text.trim().trim_start_matches('£').trim().parse().ok()?;
    Rate::from_pounds(pounds)
}

fn bad_rate(text: &str) -> String {
    format!("{text:?} is not a rate: give pounds per unit, at most 4 decimals (e.g. 9.10).")
}
