//! The adjusted population of a hub in its Edit dialog: what the figure is and where it comes
//! from, and a field to enter the ICB's figure (shared out over the members, so it travels with
//! them when they move) or clear it. It pushes actions; it changes nothing.

use super::super::Intent;
use crate::model::data_actions::{clear_hub_adjusted, enter_hub_adjusted};
use crate::model::quantity::format_patients_whole;
use crate::model::{GroupFigures, HubId, Patients, Scenario};

/// Where a hub's adjusted figure comes from, in words: `entered for all 4 practices`, `the
/// weighted list stands in for 3 of 4 practices`, ….
pub fn adjusted_source_text(figures: &GroupFigures) -> String {
    let all = figures.practices;
    let entered = figures.practices_adjusted_entered;
    let estimated = figures.practices_adjusted_estimated;
    let of = |count: u32| {
        if count == all {
            format!("all {all} practice{}", if all == 1 { "" } else { "s" })
        } else {
            format!("{count} of {all} practices")
        }
    };
    match (entered, estimated) {
        (0, 0) => "from the practice data".to_string(),
        (0, estimated) => format!("the weighted list stands in for {}", of(estimated)),
        (entered, 0) => format!("entered for {}", of(entered)),
        (entered, estimated) => format!(
            "entered for {}; the weighted list stands in for {estimated}",
            of(entered)
        ),
    }
}

/// The section of the Edit hub dialog; `text` is what the user is typing. True when an entry
/// was made (the dialog closes).
pub fn adjusted_ui(
    ui: &mut egui::Ui,
    text: &mut String,
    scenario: &Scenario,
    figures: Option<&GroupFigures>,
    hub: HubId,
    intents: &mut Vec<Intent>,
) -> bool {
    let Some(figures) = figures.filter(|f| f.practices > 0) else {
        ui.label("Adjusted population: the hub has no practices.");
        return false;
    };
    ui.label(format!(
        "Adjusted population {}: {}.",
        format_patients_whole(figures.adjusted),
        adjusted_source_text(figures)
    ));
    let mut done = false;
    ui.horizontal(|ui| {
        let label = ui.label("ICB figure:");
        let field = ui
            .add(
                egui::TextEdit::singleline(text)
                    .desired_width(110.0)
                    .hint_text("e.g. 41250"),
            )
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let parsed = parse_patients(text);
        let button = ui
            .add_enabled(parsed.is_some(), egui::Button::new("Enter"))
            .on_hover_text(
                "Use this adjusted population for the hub (shared out over its practices by \
                 weighted list, so each practice takes its part when it moves)",
            );
        if let Some(total) = parsed
            && (button.clicked() || entered)
            && let Some(action) = enter_hub_adjusted(scenario, hub, total)
        {
            intents.push(Intent::Edit(action));
            text.clear();
            done = true;
        }
        if let Some(action) = clear_hub_adjusted(scenario, hub)
            && ui
                .button("Clear entered")
                .on_hover_text("Go back to the data's figure, or the weighted list")
                .clicked()
        {
            intents.push(Intent::Edit(action));
            done = true;
        }
    });
    if !text.trim().is_empty() && parse_patients(text).is_none() {
        ui.label(
            egui::RichText::new("Type a number of patients, e.g. 41250 or 41,250.5")
                .color(ui.visuals().warn_fg_color),
        );
    }
    done
}

/// `41,250.5` or `41250` as patients; `None` for anything else (negative, not a number).
fn parse_patients(text: &str) -> Option<Patients> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    let value: f64 = cleaned.parse().ok()?;
    Patients::from_f64(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_figures_parse_with_or_without_thousands_separators() {
        assert_eq!(parse_patients("41,250.5"), Some(Patients(4_125_050)));
        assert_eq!(parse_patients(" 41250 "), Some(Patients(4_125_000)));
        assert_eq!(parse_patients("-5"), None);
        assert_eq!(parse_patients("lots"), None);
        assert_eq!(parse_patients("NaN"), None);
    }
}
