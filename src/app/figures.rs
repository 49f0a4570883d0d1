//! Figures: the rule year, a sortable table of every hub metric with its change against the
//! baseline, and charts of population and funding. Every number comes from `model::metrics`.

mod charts;
mod table;

use super::Intent;
use super::context::{Intents, View};
use super::prefs::ChartChoice;
use crate::model::{Action, GroupFigures, Metrics, Scenario};

pub use table::{Column, cell_label};

/// Table sort order and caches.
#[derive(Default)]
pub struct FiguresState {
    table: table::TableState,
    population: charts::PopulationChart,
}

impl FiguresState {
    pub fn population_chart_builds(&self) -> u64 {
        self.population.builds()
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        preview: &[(Option<crate::model::HubId>, &GroupFigures)],
        chart: &mut ChartChoice,
        intents: &mut Intents,
    ) {
        let (scenario, metrics, revision) = (view.scenario, view.metrics, view.revision);
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.heading("Figures");
            ui.add_space(12.0);
            rule_year_ui(ui, scenario, intents);
        });
        notes_ui(ui, metrics);
        // The table gets the larger share: its rows are what a room reads; the chart scrolls.
        let table_height = ((ui.available_height() - 40.0) * 0.6).max(150.0);
        ui.allocate_ui(egui::vec2(ui.available_width(), table_height), |ui| {
            self.table
                .ui(ui, scenario, metrics, revision, view.baseline, preview);
        });
        ui.separator();
        ui.horizontal(|ui| {
            ui.selectable_value(chart, ChartChoice::Population, "Registered per hub");
            ui.selectable_value(chart, ChartChoice::Funding, "Funding by line per hub");
        });
        match chart {
            ChartChoice::Population => self.population.ui(ui, scenario, metrics, revision),
            ChartChoice::Funding => charts::funding_chart_ui(ui, scenario, metrics),
        }
    }
}

/// The years with rules: embedded, and any loaded into the scenario (File → Load rules…).
fn rule_year_ui(ui: &mut egui::Ui, scenario: &Scenario, intents: &mut Vec<Intent>) {
    let current = scenario.rule_year();
    let mut chosen = current;
    egui::ComboBox::from_label("Rule year")
        .selected_text(current.label())
        .show_ui(ui, |ui| {
            for year in scenario.years() {
                let loaded = scenario.loaded_rule_sets().contains_key(&year);
                let label = if loaded {
                    format!("{} (loaded)", year.label())
                } else {
                    year.label()
                };
                ui.selectable_value(&mut chosen, year, label)
                    .on_hover_text(scenario.rules_of(year).title.as_str());
            }
        });
    if chosen != current {
        intents.push(Intent::Edit(Action::SetRuleYear(chosen)));
    }
}

/// Where the hubs' adjusted populations come from, counted over every hub.
fn adjusted_note(metrics: &Metrics) -> String {
    let entered = metrics
        .hubs
        .values()
        .filter(|f| f.practices_adjusted_entered > 0)
        .count();
    let estimated: u32 = metrics
        .hubs
        .values()
        .map(|f| f.practices_adjusted_estimated)
        .sum();
    match (entered, estimated) {
        (0, 0) => "Adjusted population from the practice data.".to_string(),
        (0, _) => "Adjusted population: the weighted list stands in (enter the ICB's figure \
                   with a hub's Edit button)."
            .to_string(),
        (hubs, 0) => format!("Adjusted population entered for {hubs} hub(s)."),
        (hubs, practices) => format!(
            "Adjusted population entered for {hubs} hub(s); the weighted list stands in for \
             {practices} practice(s)."
        ),
    }
}

fn notes_ui(ui: &mut egui::Ui, metrics: &Metrics) {
    let mut note = String::new();
    if metrics.rules.has_unverified() {
        note.push_str(
            "† rate not confirmed by a primary source (hover the column for its source). ",
        );
    }
    note.push_str(&adjusted_note(metrics));
    note.push_str(" Participation is paid to practices.");
    ui.label(egui::RichText::new(note).small().weak());
}
