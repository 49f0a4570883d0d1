//! A card's ARRS line: the hub's headroom under its staff plan (or its overspend, in red), and
//! while a chip is dragged over the card what it would become. Its own accessible node, so a
//! screen reader (and a test) hears the figure.

use crate::app::theme;
use crate::model::{GroupFigures, Pence};
use egui::accesskit::Role;
use egui::{Pos2, Rect, Sense, WidgetInfo};

/// `ARRS headroom £1,167,606` or `ARRS overspend £23,400`.
pub fn headroom_text(headroom: Pence) -> String {
    if headroom.0 < 0 {
        format!("ARRS overspend {}", (-headroom).to_whole_pounds_string())
    } else {
        format!("ARRS headroom {}", headroom.to_whole_pounds_string())
    }
}

pub(super) fn arrs_line_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    name: &str,
    figures: &GroupFigures,
    preview: Option<&GroupFigures>,
    dark: bool,
) {
    let now = figures.arrs.headroom();
    let (text, colour) = match preview {
        Some(new) => {
            let after = new.arrs.headroom();
            let text = format!("If dropped: {}", headroom_text(after));
            let colour = if after.0 < 0 {
                theme::delta_colour(-1, dark)
            } else {
                ui.visuals().selection.stroke.color
            };
            (text, colour)
        }
        None if now.0 < 0 => (headroom_text(now), theme::delta_colour(-1, dark)),
        None => (headroom_text(now), ui.visuals().text_color()),
    };
    // While previewing, only the headroom: the line must fit a narrow card.
    let shown = match preview {
        Some(_) => text,
        None => format!(
            "{text} · {} WTE",
            crate::model::quantity::format_hundredths(figures.arrs.wte.0)
        ),
    };
    let galley = egui::WidgetText::from(egui::RichText::new(shown.clone()).size(13.0).strong())
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            rect.width(),
            egui::TextStyle::Body,
        );
    let top = Pos2::new(rect.min.x, rect.center().y - galley.size().y / 2.0);
    let elided = galley.elided;
    ui.painter().galley(top, galley, colour);
    let response = ui.interact(rect, egui::Id::unique(("arrs", name)), Sense::hover());
    let label = format!("{name} {shown}");
    response.widget_info(|| WidgetInfo::labeled(Role::Label, true, label.clone()));
    let tip = format!(
        "ARRS entitlement {} · claimable {} · staff cost {}",
        figures.arrs.entitlement.to_whole_pounds_string(),
        figures.arrs.claimable.to_whole_pounds_string(),
        figures.arrs.cost.to_whole_pounds_string()
    );
    if elided {
        response.on_hover_text(format!("{shown}\n{tip}"));
    } else {
        response.on_hover_text(tip);
    }
}
