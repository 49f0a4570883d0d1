//! Help: the shortcuts (from the command table, so they cannot drift from what the keys do),
//! what each figure and band means, where the data comes from, and the version.

use super::Command;

/// Whether the help window is open.
#[derive(Debug, Default)]
pub struct Help {
    pub open: bool,
}

/// One line per figure the window shows, in the order of the table.
const FIGURES: [(&str, &str); 10] = [
    (
        "Registered",
        "Patients on the practices' lists (headcount), as published.",
    ),
    (
        "Weighted",
        "The global-sum (Carr-Hill) weighted list: registered patients scaled by age, sex, \
         need, turnover and rurality. ARRS and the participation payment are paid on it.",
    ),
    (
        "Adjusted",
        "The DES adjusted population is computed by NHS England and not published: the \
         weighted list stands in for it unless the data supplies one.",
    ),
    (
        "Band",
        "Below 30k, 30k–50k or above 50k registered patients: the size primary care homes \
         and PCNs are meant to have.",
    ),
    (
        "GP FTE, nurse FTE",
        "Full-time equivalents (37.5 hours a week) from NHS Digital's workforce data; \
         \"unknown\" where a practice publishes none.",
    ),
    (
        "Patients/GP FTE",
        "Registered patients per GP FTE, over the practices that publish GP FTE \
         (England: about 2,260 in 2025).",
    ),
    (
        "Funding lines",
        "Network Contract DES amounts of the chosen year: rate × base for each line; † marks \
         a rate no primary source confirmed (hover a column for its source).",
    ),
    (
        "Δ registered, Δ total",
        "The change against the region's current PCN with the same code.",
    ),
    (
        "ARRS headroom",
        "With a staff plan (File menu, Import staff list…; columns hub_code, role, wte, employer, \
         annual_cost_gbp, start_month): the hub's ARRS sum (rate × weighted list) minus what its \
         staff can claim, each up to the role's maximum per WTE; red is an overspend the \
         practices must meet. Roles as the NHS names them, e.g. Clinical pharmacist, Care \
         co-ordinator, Pharmacy technician, First contact physiotherapist, Social prescribing \
         link worker, Paramedic, GP; Staff plan in the Figures menu lists them all with their maxima.",
    ),
    (
        "Spread",
        "Distance in km from a hub's list-weighted centre to its furthest member.",
    ),
];

impl Help {
    pub fn ui(&mut self, ctx: &egui::Context) {
        let mut open = self.open;
        crate::app::layout::window(ctx, "Help")
            .open(&mut open)
            .default_width(560.0)
            .vscroll(true)
            .show(ctx, |ui| {
                ui.heading("Keys");
                egui::Grid::new("help shortcuts")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for (shortcut, command) in Command::keyboard_table() {
                            ui.label(ctx.format_shortcut(&shortcut));
                            ui.label(command.tooltip());
                            ui.end_row();
                        }
                        for (keys, what) in [
                            (
                                "Drag a chip",
                                "Move the practice to the card you drop it on",
                            ),
                            ("Click a practice", "Select it (on the board or the map)"),
                        ] {
                            ui.label(keys);
                            ui.label(what);
                            ui.end_row();
                        }
                    });
                ui.separator();
                ui.heading("Figures");
                egui::Grid::new("help figures")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for (figure, meaning) in FIGURES {
                            ui.label(egui::RichText::new(figure).strong());
                            ui.add(egui::Label::new(meaning).wrap());
                            ui.end_row();
                        }
                    });
                ui.separator();
                ui.heading("Data");
                ui.add(
                    egui::Label::new(
                        "Practice lists, PCNs and sub-ICB areas: NHS Digital \"NHS Payments to \
                         General Practice 2022-23\" and \"Patients Registered at a GP \
                         Practice\"; workforce: NHS Digital \"General Practice Workforce\" \
                         (2022/23 means). Contains public sector information licensed under \
                         the Open Government Licence v3.0. Rates: the Network Contract DES of \
                         each year, with each rate's source in the rule files. The example \
                         region is fictional.",
                    )
                    .wrap(),
                );
                ui.separator();
                ui.label(format!("pcn-explorer {}", env!("CARGO_PKG_VERSION")));
            });
        self.open = open;
    }
}
