//! The start screen (also File → New from a region of England…): a region chooser over the
//! bundled England data, searchable by sub-ICB name, code or former CCG name, opening a region in
//! one click; "Import NHS files…" and the fictional example beside it. Also Help → About.

use super::{App, Command, Intent};
use crate::io::readers::reference::{ATTRIBUTION, REFERENCE_YEAR, SubIcb, reference, search};

/// Which of the start windows are shown, and the chooser's search text.
#[derive(Debug, Default, Clone)]
pub struct StartScreen {
    pub chooser_open: bool,
    pub query: String,
    pub about_open: bool,
}

/// Draws the chooser and the About box when open; choices become intents.
pub fn start_windows_ui(ctx: &egui::Context, app: &mut App) {
    if app.start.chooser_open {
        let mut open = true;
        let mut chosen = None;
        egui::Window::new("Choose a region of England")
            .open(&mut open)
            .collapsible(false)
            .default_width(620.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| chosen = chooser_ui(ui, &mut app.start.query));
        // Escape closes it like its close button, even with the search field focused: the
        // document behind (the example at start) stays open.
        if ctx.input(|input| input.key_pressed(egui::Key::Escape)) {
            open = false;
        }
        if let Some(command) = chosen {
            app.start.chooser_open = false;
            app.intents.push(Intent::Command(command));
        } else if !open {
            app.start.chooser_open = false;
        }
    }
    if app.start.about_open {
        let mut open = true;
        crate::app::layout::window(ctx, "About pcn-explorer")
            .open(&mut open)
            .collapsible(false)
            .default_width(520.0)
            .show(ctx, about_ui);
        app.start.about_open = open && !ctx.input(|input| input.key_pressed(egui::Key::Escape));
    }
}

/// The chooser's content; returns the command chosen this frame.
fn chooser_ui(ui: &mut egui::Ui, query: &mut String) -> Option<Command> {
    let mut chosen = None;
    let sub_icbs = match reference() {
        Ok(reference) => reference.sub_icbs.as_slice(),
        Err(error) => {
            ui.colored_label(ui.visuals().error_fg_color, error.to_string());
            &[]
        }
    };
    ui.label(format!(
        "Every open GP practice in England ({REFERENCE_YEAR}, bundled): pick a sub-ICB area to \
         start from today's PCNs."
    ));
    ui.horizontal(|ui| {
        let label = ui.label("Search regions:");
        ui.add(
            egui::TextEdit::singleline(query)
                .desired_width(360.0)
                .hint_text("name, code or former CCG: sussex, 70F, cornwall"),
        )
        .labelled_by(label.id);
    });
    let found = search(sub_icbs, query);
    ui.label(format!("{} of {} regions", found.len(), sub_icbs.len()));
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for sub_icb in found {
                if region_row_ui(ui, sub_icb) {
                    chosen = Some(Command::OpenRegion(sub_icb.code.clone()));
                }
            }
        });
    ui.separator();
    ui.horizontal(|ui| {
        if ui
            .button("Import NHS files…")
            .on_hover_text(
                "A registrations extract, practice to PCN map or epraccur file, an NHS payments \
                 file or a practice CSV",
            )
            .clicked()
        {
            chosen = Some(Command::NewFromPracticeData);
        }
        if ui
            .button(Command::OpenExample.label())
            .on_hover_text(Command::OpenExample.tooltip())
            .clicked()
        {
            chosen = Some(Command::OpenExample);
        }
    });
    chosen
}

/// One region: a button `70F  NHS Sussex ICB - 70F` with its counts and former names; true
/// when clicked.
fn region_row_ui(ui: &mut egui::Ui, sub_icb: &SubIcb) -> bool {
    let name = crate::model::practice::title_case(&sub_icb.name);
    let clicked = ui
        .horizontal(|ui| {
            let clicked = ui
                .button(format!("{}  {name}", sub_icb.code))
                .on_hover_text(format!(
                    "Open {name} with its {} practices",
                    sub_icb.practices
                ))
                .clicked();
            ui.weak(format!(
                "{} practices, {} PCNs",
                sub_icb.practices, sub_icb.pcns
            ));
            clicked
        })
        .inner;
    if !sub_icb.former_names.is_empty() {
        ui.indent(("former", &sub_icb.code), |ui| {
            ui.weak(format!("formerly {}", sub_icb.former_names.join(", ")));
        });
    }
    clicked
}

fn about_ui(ui: &mut egui::Ui) {
    ui.heading(format!("pcn-explorer {}", env!("CARGO_PKG_VERSION")));
    ui.label("Group GP practices into hubs (primary care networks) and see population, staffing and funding.");
    ui.separator();
    ui.label(egui::RichText::new("Data").strong());
    ui.label(ATTRIBUTION);
    ui.hyperlink_to(
        "Open Government Licence v3.0",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    );
    ui.label(
        "Map outlines: Natural Earth (public domain). The example region (Riverford) is fictional.",
    );
}
