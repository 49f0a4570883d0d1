//! Colours, sizes and text styles of the window, in one place (design tokens).
//!
//! Hub colours are `model::palette` (plain RGB, shared with the exports) made into egui colours;
//! a hub's name is always written next to its colour, so colour is never the only cue.

use crate::model::{Band, palette};
use egui::Color32;
use serde::{Deserialize, Serialize};

/// Number of hub colours (for `Scenario::least_used_colour`).
pub const HUB_PALETTE_LEN: u16 = palette::HUB_PALETTE_LEN;

/// Colour of the unassigned practices on the map and board.
pub const UNASSIGNED_COLOUR: Color32 = rgb(palette::UNASSIGNED);

const fn rgb([r, g, b]: palette::Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// The colour of palette entry `index` (wrapping).
pub fn hub_colour(index: u16) -> Color32 {
    rgb(palette::hub_rgb(index))
}

/// Colours of the map's ground: sea, land and coastline, so the practices sit on a place.
pub struct MapGround {
    pub sea: Color32,
    pub land: Color32,
    pub coast: Color32,
}

/// The map's ground, quiet enough that hub colours stay the loudest thing on it.
pub fn map_ground(dark: bool) -> MapGround {
    if dark {
        MapGround {
            sea: Color32::from_rgb(0x0A, 0x10, 0x18),
            land: Color32::from_rgb(0x3A, 0x40, 0x47),
            coast: Color32::from_rgb(0x7C, 0x8A, 0x98),
        }
    } else {
        MapGround {
            sea: Color32::from_rgb(0xBF, 0xD6, 0xEA),
            land: Color32::from_rgb(0xFA, 0xF8, 0xF2),
            coast: Color32::from_rgb(0x8A, 0x9B, 0xAB),
        }
    }
}

/// Badge colours for the size band; the badge always carries its text too.
pub fn band_colour(band: Band, dark: bool) -> Color32 {
    match (band, dark) {
        (Band::Below, false) => Color32::from_rgb(0xB3, 0x4A, 0x00),
        (Band::Below, true) => Color32::from_rgb(0xF5, 0x9E, 0x5B),
        (Band::Within, false) => Color32::from_rgb(0x00, 0x6E, 0x50),
        (Band::Within, true) => Color32::from_rgb(0x4C, 0xC9, 0x9E),
        (Band::Above, false) => Color32::from_rgb(0x00, 0x55, 0x8C),
        (Band::Above, true) => Color32::from_rgb(0x7F, 0xBF, 0xEF),
    }
}

/// Text colour for a positive or negative change.
pub fn delta_colour(sign: i64, dark: bool) -> Color32 {
    match (sign.signum(), dark) {
        (1, false) => Color32::from_rgb(0x00, 0x6E, 0x50),
        (1, true) => Color32::from_rgb(0x4C, 0xC9, 0x9E),
        (-1, false) => Color32::from_rgb(0xB3, 0x20, 0x20),
        (-1, true) => Color32::from_rgb(0xFF, 0x8A, 0x80),
        _ => Color32::GRAY,
    }
}

/// Black or white, whichever reads better on `fill` (bars drawn at 80% opacity).
pub fn text_on(fill: Color32, dark: bool) -> Color32 {
    let [r, g, b, _] = fill.to_array();
    let luminance = 0.2126 * f32::from(r) + 0.7152 * f32::from(g) + 0.0722 * f32::from(b);
    let threshold = if dark { 140.0 } else { 150.0 };
    if luminance > threshold {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// Background of the error panel.
pub fn error_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x5A, 0x1E, 0x1E)
    } else {
        Color32::from_rgb(0xFD, 0xE3, 0xE3)
    }
}

/// Highlight behind a selected or matching chip.
pub fn highlight_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x5C, 0x4B, 0x00)
    } else {
        Color32::from_rgb(0xFF, 0xEB, 0x99)
    }
}

/// Light, dark or follow the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Zoom of the whole window in workshop (large text) mode, for a projector.
pub const WORKSHOP_ZOOM: f32 = 1.4;
/// Presenter mode (F5): larger still, for the back of the room.
pub const PRESENTER_ZOOM: f32 = 1.35;

/// Height of one practice chip row on the board (points).
pub const CHIP_ROW_HEIGHT: f32 = 24.0;
/// Height of a hub card's header (name line + figures line).
pub const CARD_HEADER_HEIGHT: f32 = 70.0;
/// The extra header line of a card when the scenario has a staff plan (ARRS headroom).
pub const CARD_STAFF_LINE_HEIGHT: f32 = 22.0;

/// Height of a card's header: one line more when the scenario has a staff plan.
pub fn card_header_height(has_staff: bool) -> f32 {
    if has_staff {
        CARD_HEADER_HEIGHT + CARD_STAFF_LINE_HEIGHT
    } else {
        CARD_HEADER_HEIGHT
    }
}
/// Space between cards and inside a card's frame.
pub const CARD_GAP: f32 = 8.0;
pub const CARD_PADDING: f32 = 6.0;

/// Applies the base style once at start-up: slightly larger text and roomier widgets.
pub fn apply_base_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        use egui::{FontId, TextStyle};
        style
            .text_styles
            .insert(TextStyle::Body, FontId::proportional(14.5));
        style
            .text_styles
            .insert(TextStyle::Button, FontId::proportional(14.5));
        style
            .text_styles
            .insert(TextStyle::Small, FontId::proportional(12.0));
        style
            .text_styles
            .insert(TextStyle::Heading, FontId::proportional(19.0));
        style
            .text_styles
            .insert(TextStyle::Monospace, FontId::monospace(13.5));
        style.spacing.item_spacing = egui::vec2(8.0, 4.0);
        style.spacing.button_padding = egui::vec2(6.0, 3.0);
        style.interaction.tooltip_delay = 0.2;
    });
}

/// A hub's name shortened to `width` points in `font`, keeping its distinguishing words
/// (`model::format::shorten_to_fit`); the whole name when even that does not fit (the caller
/// then cuts it with `…`).
pub fn fit_name<'a>(
    painter: &egui::Painter,
    name: &str,
    others: impl IntoIterator<Item = &'a str>,
    font: egui::FontId,
    width: f32,
) -> String {
    let fits = |text: &str| {
        painter
            .layout_no_wrap(text.to_string(), font.clone(), Color32::WHITE)
            .size()
            .x
            <= width
    };
    crate::model::format::shorten_to_fit(name, others, fits).unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(colour: Color32) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(colour.r()) + 0.7152 * linear(colour.g()) + 0.0722 * linear(colour.b())
    }

    fn contrast(a: Color32, b: Color32) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// On a washed-out projector the land must still stand apart from the sea (the dark ground
    /// was 1.2:1, which showed as one colour), and the coastline more so.
    #[test]
    fn land_stands_apart_from_the_sea_in_both_themes() {
        for (dark, least) in [(true, 1.6), (false, 1.3)] {
            let ground = map_ground(dark);
            let land_sea = contrast(ground.land, ground.sea);
            assert!(land_sea >= least, "dark {dark}: land/sea {land_sea:.2}");
            let coast_sea = contrast(ground.coast, ground.sea);
            assert!(
                coast_sea > land_sea,
                "dark {dark}: coast/sea {coast_sea:.2}"
            );
        }
    }
}
