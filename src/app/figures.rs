//! Figures: the rule year, a sortable table of every hub metric with its change against the
//! baseline, and charts of population and funding. Every number comes from `model::metrics`.

mod charts;
mod table;

use super::Intent;
use super::prefs::ChartChoice;
use crate::model::{Action, GroupFigures, Metrics, RuleYear, Scenario};
use std::collections::BTreeMap;

pub use table::{Column, cell_label};

/// Table sort order and caches.
#[derive(Default)]
pub struct FiguresState {
    table: table::TableState,
}

impl FiguresState {
    #[allow(clippy::too_many_arguments)]
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        scenario: &Scenario,
        metrics: &Metrics,
        revision: u64,
        baseline: Option<&BTreeMap<String, GroupFigures>>,
        chart: &mut ChartChoice,
        intents: &mut Vec<Intent>,
    ) {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.heading("Figures");
            ui.add_space(12.0);
            rule_year_ui(ui, scenario.rule_year, intents);
        });
        notes_ui(ui, metrics);
        let table_height = ((ui.available_height() - 40.0) * 0.55).max(150.0);
        ui.allocate_ui(egui::vec2(ui.available_width(), table_height), |ui| {
            self.table.ui(ui, scenario, metrics, revision, baseline);
        });
        ui.separator();
        ui.horizontal(|ui| {
            ui.selectable_value(chart, ChartChoice::Population, "Registered per hub");
            ui.selectable_value(chart, ChartChoice::Funding, "Funding by line per hub");
        });
        match chart {
            ChartChoice::Population => charts::population_chart_ui(ui, scenario, metrics),
            ChartChoice::Funding => charts::funding_chart_ui(ui, scenario, metrics),
        }
    }
}

fn rule_year_ui(ui: &mut egui::Ui, current: RuleYear, intents: &mut Vec<Intent>) {
    let mut chosen = current;
    egui::ComboBox::from_label("Rule year")
        .selected_text(current.label())
        .show_ui(ui, |ui| {
            for year in RuleYear::all().iter().copied() {
                ui.selectable_value(&mut chosen, year, year.label())
                    .on_hover_text(year.rules().title.as_str());
            }
        });
    if chosen != current {
        intents.push(Intent::Edit(Action::SetRuleYear(chosen)));
    }
}

fn notes_ui(ui: &mut egui::Ui, metrics: &Metrics) {
    let mut note = String::new();
    if metrics.rules.has_unverified() {
        note.push_str(
            "† rate not confirmed by a primary source (hover the column for its source). ",
        );
    }
    note.push_str(
        "Adjusted population is modelled as the weighted list unless the data supplies it. \
         Participation is paid to practices.",
    );
    ui.label(egui::RichText::new(note).small().weak());
}
