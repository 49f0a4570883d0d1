//! Exports from the window: what can be exported ([`ExportChoice`]), the file name suggested
//! beside the scenario, the File → Export menu (each entry opens the save dialog directly), and
//! the background job that writes one with the same functions as the command line. The Compare
//! window's export row uses the same job.

use super::jobs::{Job, Poll};
use super::platform::output;
use super::{App, Command, Intent};
use crate::present::export::{ExportKind, export_bytes_made_on};
use std::path::{Path, PathBuf};

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportChoice {
    Scenario(ExportKind),
    /// The moves CSV of the comparison (the Compare window's sides: today's PCNs against the
    /// current option unless changed there).
    ComparisonCsv,
}

/// Every export, with its menu label, in menu order.
pub const EXPORTS: [(&str, ExportChoice); 8] = [
    (
        "Hub figures (CSV)…",
        ExportChoice::Scenario(ExportKind::Hubs),
    ),
    (
        "Assignments (CSV)…",
        ExportChoice::Scenario(ExportKind::Assignments),
    ),
    (
        "Comparison with today's PCNs (CSV)…",
        ExportChoice::ComparisonCsv,
    ),
    (
        "Report for printing (HTML)…",
        ExportChoice::Scenario(ExportKind::Report),
    ),
    (
        "Excel workbook (.xlsx)…",
        ExportChoice::Scenario(ExportKind::Workbook),
    ),
    (
        "Staff plan (CSV)…",
        ExportChoice::Scenario(ExportKind::Staff),
    ),
    (
        "Map picture for paper (PNG)…",
        ExportChoice::Scenario(ExportKind::MapPicture),
    ),
    (
        "Figures picture for paper (PNG)…",
        ExportChoice::Scenario(ExportKind::FiguresPicture),
    ),
];

impl ExportChoice {
    /// The menu label.
    pub fn label(self) -> &'static str {
        EXPORTS
            .iter()
            .find(|(_, choice)| *choice == self)
            .map_or("Export…", |(label, _)| label)
    }

    /// The part of the suggested name after the scenario's, and the extension.
    fn suffix_and_extension(self) -> (&'static str, &'static str) {
        match self {
            Self::Scenario(ExportKind::Hubs) => ("hubs", "csv"),
            Self::Scenario(ExportKind::Assignments) => ("assignments", "csv"),
            Self::Scenario(ExportKind::Report) => ("report", "html"),
            Self::Scenario(ExportKind::Workbook) => ("figures", "xlsx"),
            Self::Scenario(ExportKind::Staff) => ("staff", "csv"),
            Self::ComparisonCsv => ("comparison", "csv"),
            Self::Scenario(ExportKind::MapPicture) => ("map", "png"),
            Self::Scenario(ExportKind::FiguresPicture) => ("figures", "png"),
        }
    }

    pub fn extension(self) -> &'static str {
        self.suffix_and_extension().1
    }
}

/// `plan-hubs.csv`: the scenario's name with the export's.
pub fn default_export_name(scenario_path: Option<&Path>, choice: ExportChoice) -> String {
    let (suffix, extension) = choice.suffix_and_extension();
    let stem = scenario_path.and_then(|p| p.file_stem()).map_or_else(
        || "scenario".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    format!("{stem}-{suffix}.{extension}")
}

/// The suggested name in the scenario's folder.
pub fn default_export_path(scenario_path: Option<&Path>, choice: ExportChoice) -> String {
    let name = default_export_name(scenario_path, choice);
    scenario_path.and_then(|p| p.parent()).map_or_else(
        || name.clone(),
        |folder| folder.join(&name).display().to_string(),
    )
}

/// An export being written, and whether the Compare window asked for it.
#[derive(Default)]
pub struct Exports {
    job: Option<Job<Result<PathBuf, String>>>,
    for_compare: bool,
}

impl Exports {
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }
}

/// File → Export ▸: each entry opens the save dialog with a suggested name.
pub fn export_menu_ui(ui: &mut egui::Ui, app: &mut App, idle: bool) {
    ui.menu_button("Export", |ui| {
        for (label, choice) in EXPORTS {
            if ui.add_enabled(idle, egui::Button::new(label)).clicked() {
                app.intents.push(Intent::Command(Command::Export(choice)));
            }
        }
    });
}

impl App {
    /// Builds an export from a copy of the data and writes it in a background job; the result
    /// goes to the status line (and the Compare window when it asked).
    pub(super) fn start_export(&mut self, choice: ExportChoice, path: PathBuf, for_compare: bool) {
        let report = |app: &mut App, text: String| {
            if for_compare {
                app.compare.set_message(text.clone());
            }
            app.notice = Some(text);
        };
        // An export never replaces the open document (nor, through a link, its file).
        if let Err(error) = output::check_export_target(&path, self.path()) {
            report(self, format!("Not written: {error}"));
            return;
        }
        type Work = Box<dyn FnOnce() -> anyhow::Result<Vec<u8>> + Send>;
        let work: Work = match choice {
            ExportChoice::Scenario(kind) => {
                let scenario = self.document.scenario().clone();
                let today = crate::io::recovery::today_utc();
                Box::new(move || export_bytes_made_on(&scenario, kind, &today))
            }
            ExportChoice::ComparisonCsv => match super::compare_view::comparison(self) {
                Ok(comparison) => Box::new(move || {
                    Ok(crate::present::export::with_bom(
                        &crate::present::export::comparison::moves_csv(&comparison),
                    ))
                }),
                Err(error) => {
                    report(self, format!("Not written: {error}"));
                    return;
                }
            },
        };
        self.exports.for_compare = for_compare;
        self.exports.job = Job::spawn("export", move |_| {
            let bytes = work().map_err(|error| format!("{error:#}"))?;
            output::write_export(&path, &bytes)?;
            Ok(path)
        });
        if self.exports.job.is_none() {
            report(
                self,
                "Not written: no background job could be started".to_string(),
            );
        }
    }

    /// Reports a finished export.
    pub(super) fn poll_exports(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.exports.job else {
            return;
        };
        let result = match job.poll() {
            Poll::Pending => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
                return;
            }
            Poll::Done(result) => result,
            Poll::Lost => Err("writing stopped unexpectedly".to_string()),
        };
        self.exports.job = None;
        let text = match result {
            Ok(path) => output::wrote_text("Wrote", &path),
            Err(error) => format!("Not written: {error}"),
        };
        if self.exports.for_compare {
            self.compare.set_message(text.clone());
        }
        self.notice = Some(text);
    }
}
