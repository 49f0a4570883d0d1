//! How the main window adapts to its width: three panels side by side when there is room, and
//! in a narrow window (a 1366×768 laptop in workshop mode is 976 points wide) the board beside
//! one larger panel, the figures or the map, chosen by tabs, so that no figure is cut.

/// Below this width (points) the window shows the board and one other panel.
pub const COMPACT_WIDTH: f32 = 1100.0;

/// The panel a narrow window shows beside the board.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CompactTab {
    #[default]
    Figures,
    Map,
}

/// `Figures | Map` above the panel.
pub fn tabs_ui(ui: &mut egui::Ui, tab: &mut CompactTab) {
    ui.horizontal(|ui| {
        ui.selectable_value(tab, CompactTab::Figures, "Figures")
            .on_hover_text(
                "The hub table and chart (the window is too narrow for all three panels)",
            );
        ui.selectable_value(tab, CompactTab::Map, "Map")
            .on_hover_text("The map of practices and hubs");
    });
    ui.separator();
}

fn window_area_id() -> egui::Id {
    egui::Id::unique("pcn-explorer window area")
}

/// Records where floating windows may be this frame: the area the panels leave below the menu
/// bar and above the status line (the panels are laid out in the root `Ui`, so egui's own
/// content rectangle still includes them).
pub fn set_window_area(ctx: &egui::Context, area: egui::Rect) {
    ctx.data_mut(|data| data.insert_temp(window_area_id(), area));
}

/// A floating window that opens and stays below the menu bar and above the status line, so it
/// never hides the menus or the figures of the status line.
pub fn window<'open>(ctx: &egui::Context, title: &str) -> egui::Window<'open> {
    let area = ctx
        .data(|data| data.get_temp::<egui::Rect>(window_area_id()))
        .unwrap_or_else(|| ctx.content_rect());
    egui::Window::new(title).constrain_to(area)
}
