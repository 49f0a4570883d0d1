//! Names on the map, placed once per revision and view (so they never jump between frames):
//! every hub's name near its centre wherever it fits without covering another name, the widest
//! hubs first; when zoomed in far enough, practice names beside their circles too.

use super::parts::{Circle, SceneInput};
use egui::{Align2, Color32, FontId, Pos2, Rect, Vec2, vec2};
use egui_plot::PlotPoint;

/// Most hub names tried per view (England has 1,267 hubs; only those in view are tried).
const MAX_TRIED: usize = 400;
/// Text size of hub and practice names (points).
pub const HUB_NAME_SIZE: f32 = 13.0;
const PRACTICE_NAME_SIZE: f32 = 11.5;
/// Practice names are written when at most this many circles are in view.
pub const PRACTICE_NAMES_UP_TO: usize = 25;

/// A name and where it goes.
pub struct PlacedLabel {
    pub text: String,
    /// Top-left corner of the text (screen points).
    pub at: Pos2,
    pub size: f32,
    pub colour: Color32,
    pub backdrop: Rect,
    pub backdrop_colour: Color32,
}

impl PlacedLabel {
    pub fn font(&self) -> FontId {
        FontId::proportional(self.size)
    }
}

/// Places hub names, then (when few circles are in view) practice names.
pub fn place(
    painter: &egui::Painter,
    frame: Rect,
    input: &SceneInput<'_>,
    circles: &[Circle],
    key: Option<Rect>,
) -> Vec<PlacedLabel> {
    let mut placed: Vec<PlacedLabel> = Vec::new();
    let mut order: Vec<&super::outlines::Outline> = input
        .outlines
        .outlines
        .iter()
        .filter(|outline| outline.drawn())
        .collect();
    order.sort_by(|a, b| {
        b.spread
            .total_cmp(&a.spread)
            .then_with(|| a.name.cmp(&b.name))
    });
    let backdrop = if input.dark {
        Color32::from_black_alpha(170)
    } else {
        Color32::from_white_alpha(200)
    };
    // Names stay clear of the key in the corner, as if it were a name already placed.
    if let Some(key) = key {
        placed.push(PlacedLabel {
            text: String::new(),
            at: key.min,
            size: 0.0,
            colour: Color32::TRANSPARENT,
            backdrop: key,
            backdrop_colour: Color32::TRANSPARENT,
        });
    }
    let keep_out = placed.len();
    let mut tried = 0;
    for outline in order {
        let centre = input
            .transform
            .position_from_point(&PlotPoint::new(outline.centre[0], outline.centre[1]));
        if !frame.contains(centre) {
            continue;
        }
        tried += 1;
        if tried > MAX_TRIED {
            break;
        }
        let size = text_size(painter, &outline.name, HUB_NAME_SIZE);
        let candidates = [
            vec2(0.0, 0.0),
            vec2(0.0, -(size.y + 6.0)),
            vec2(0.0, size.y + 6.0),
            vec2(size.x * 0.5 + 8.0, 0.0),
            vec2(-(size.x * 0.5 + 8.0), 0.0),
        ];
        let label = candidates.iter().find_map(|offset| {
            let rect = Align2::CENTER_CENTER.anchor_size(centre + *offset, size);
            fits(frame, &placed, rect).then(|| PlacedLabel {
                text: outline.name.clone(),
                at: rect.min,
                size: HUB_NAME_SIZE,
                colour: input.text_colour,
                backdrop: rect.expand(3.0),
                backdrop_colour: backdrop,
            })
        });
        placed.extend(label);
    }
    if circles.len() <= PRACTICE_NAMES_UP_TO {
        practice_names(painter, frame, input, circles, backdrop, &mut placed);
    }
    // The key is not a name: drop its stand-in.
    placed.drain(..keep_out);
    placed
}

fn practice_names(
    painter: &egui::Painter,
    frame: Rect,
    input: &SceneInput<'_>,
    circles: &[Circle],
    backdrop: Color32,
    placed: &mut Vec<PlacedLabel>,
) {
    let mut by_size: Vec<&Circle> = circles.iter().collect();
    by_size.sort_by(|a, b| {
        b.radius
            .total_cmp(&a.radius)
            .then(a.practice.0.cmp(&b.practice.0))
    });
    let colour = input.text_colour.gamma_multiply(0.9);
    for circle in by_size {
        let Some(practice) = input.scenario.region().practice(circle.practice) else {
            continue;
        };
        let name = practice.display_name();
        let size = text_size(painter, &name, PRACTICE_NAME_SIZE);
        let gap = circle.radius + 4.0;
        let candidates = [
            (Align2::LEFT_CENTER, vec2(gap, 0.0)),
            (Align2::RIGHT_CENTER, vec2(-gap, 0.0)),
            (Align2::CENTER_BOTTOM, vec2(0.0, -gap)),
            (Align2::CENTER_TOP, vec2(0.0, gap)),
        ];
        let label = candidates.iter().find_map(|(align, offset)| {
            let rect = align.anchor_size(circle.centre + *offset, size);
            fits(frame, placed, rect).then(|| PlacedLabel {
                text: name.clone(),
                at: rect.min,
                size: PRACTICE_NAME_SIZE,
                colour,
                backdrop: rect.expand(2.0),
                backdrop_colour: backdrop.gamma_multiply(0.8),
            })
        });
        placed.extend(label);
    }
}

fn text_size(painter: &egui::Painter, text: &str, size: f32) -> Vec2 {
    painter
        .layout_no_wrap(text.to_string(), FontId::proportional(size), Color32::WHITE)
        .size()
}

fn fits(frame: Rect, placed: &[PlacedLabel], rect: Rect) -> bool {
    let padded = rect.expand(3.0);
    frame.contains_rect(padded) && !placed.iter().any(|label| label.backdrop.intersects(padded))
}

/// Paints placed names (the backdrops are already in the scene's mesh).
pub fn paint(painter: &egui::Painter, labels: &[PlacedLabel]) {
    for label in labels {
        let galley = painter.layout_no_wrap(label.text.clone(), label.font(), label.colour);
        painter.galley(label.at, galley, label.colour);
    }
}

/// Paints one name with its backdrop on top of everything (the selected practice's hub, when its
/// name found no room).
pub fn paint_on_top(
    painter: &egui::Painter,
    text: &str,
    centre: Pos2,
    colour: Color32,
    backdrop: Color32,
) {
    let galley = painter.layout_no_wrap(
        text.to_string(),
        FontId::proportional(HUB_NAME_SIZE),
        colour,
    );
    let rect = Align2::CENTER_CENTER.anchor_size(centre, galley.size());
    painter.rect_filled(rect.expand(3.0), 4.0, backdrop);
    painter.galley(rect.min, galley, colour);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_fits_only_inside_the_frame_and_clear_of_others() {
        let frame = Rect::from_min_max(Pos2::ZERO, Pos2::new(100.0, 100.0));
        let inside = Rect::from_min_max(Pos2::new(10.0, 10.0), Pos2::new(40.0, 20.0));
        assert!(fits(frame, &[], inside));
        let edge = Rect::from_min_max(Pos2::new(80.0, 10.0), Pos2::new(99.0, 20.0));
        assert!(!fits(frame, &[], edge), "too close to the edge");
        let other = PlacedLabel {
            text: "A".into(),
            at: Pos2::new(30.0, 12.0),
            size: 13.0,
            colour: Color32::WHITE,
            backdrop: Rect::from_min_max(Pos2::new(30.0, 12.0), Pos2::new(60.0, 22.0)),
            backdrop_colour: Color32::BLACK,
        };
        assert!(!fits(frame, &[other], inside), "overlaps a placed name");
    }
}
