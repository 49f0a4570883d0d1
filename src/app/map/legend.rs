//! The map's key, in its bottom-left corner: what colour, circle area and the two rings mean.

use super::parts::radius_of;
use crate::model::Patients;
use crate::model::quantity::format_patients_whole;
use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, vec2};

/// Round list sizes for the two sample circles: a small practice and about the largest.
fn sample_lists(largest: f64) -> [f64; 2] {
    let nice = [
        2_000.0, 5_000.0, 10_000.0, 20_000.0, 30_000.0, 50_000.0, 100_000.0,
    ];
    let large = nice
        .iter()
        .copied()
        .rfind(|n| *n <= largest)
        .unwrap_or(largest.max(1.0));
    let small = nice
        .iter()
        .copied()
        .rfind(|n| *n * 4.0 <= large)
        .unwrap_or(large / 4.0);
    [small, large]
}

/// What the key says, also given to screen readers as part of the map's name.
pub fn describe(largest: f64) -> String {
    let [small, large] = sample_lists(largest);
    format!(
        "colour shows the hub, circle area the list size ({} to {} patients), a thick ring the selected practice, a thin ring a practice moved from its PCN",
        whole(small),
        whole(large)
    )
}

fn whole(list: f64) -> String {
    format_patients_whole(Patients((list * 100.0).round() as i64))
}

/// The key's rows, laid out in the map's small font.
fn rows(painter: &egui::Painter, largest: f64, text: Color32) -> Vec<std::sync::Arc<egui::Galley>> {
    let font = FontId::proportional(11.5);
    let [small, large] = sample_lists(largest);
    [
        "hub (name on the map)".to_string(),
        format!("list size: {} · {} patients", whole(small), whole(large)),
        "selected · moved from its PCN".to_string(),
    ]
    .into_iter()
    .map(|row| painter.layout_no_wrap(row, font.clone(), text))
    .collect()
}

/// Where the key sits in `frame`: the corner over the fewest practice circles (bottom left
/// when several tie; England's bottom left is Cornwall, its bottom right the Channel), or
/// `None` when the map is too small for it. Hub names are placed clear of it.
pub fn area(
    painter: &egui::Painter,
    frame: Rect,
    largest: f64,
    circles: &[super::parts::Circle],
) -> Option<Rect> {
    let galleys = rows(painter, largest, Color32::WHITE);
    let (size, _, _) = layout(largest, &galleys);
    if size.x > frame.width() * 0.8 || size.y > frame.height() * 0.5 {
        return None;
    }
    let inset = vec2(6.0, 6.0);
    let corners = [
        Align2::LEFT_BOTTOM.anchor_size(frame.left_bottom() + vec2(inset.x, -inset.y), size),
        Align2::RIGHT_BOTTOM.anchor_size(frame.right_bottom() - inset, size),
        Align2::LEFT_TOP.anchor_size(frame.left_top() + inset, size),
        Align2::RIGHT_TOP.anchor_size(frame.right_top() + vec2(-inset.x, inset.y), size),
    ];
    let covered = |rect: &Rect| {
        circles
            .iter()
            .filter(|circle| rect.expand(circle.radius).contains(circle.centre))
            .count()
    };
    corners.into_iter().min_by_key(covered)
}

/// The key's size, icon column width and row height.
fn layout(largest: f64, galleys: &[std::sync::Arc<egui::Galley>]) -> (egui::Vec2, f32, f32) {
    let [small, large] = sample_lists(largest);
    let icon_width = 2.0 * (radius_of(small, largest) + radius_of(large, largest)) + 14.0;
    let row_height = 2.0 * radius_of(large, largest).max(9.0) + 2.0;
    let width = icon_width + galleys.iter().map(|g| g.size().x).fold(0.0, f32::max) + 14.0;
    let height = row_height * 3.0 + 10.0;
    (vec2(width, height), icon_width, row_height)
}

/// Paints the key in `rect` (from [`area`]); `hub_colours` are a few hub colours to show what
/// "colour" is.
pub fn paint(
    painter: &egui::Painter,
    rect: Rect,
    largest: f64,
    hub_colours: &[Color32],
    visuals: &egui::Visuals,
) {
    let text = visuals.text_color();
    let [small, large] = sample_lists(largest);
    let galleys = rows(painter, largest, text);
    let (_, icon_width, row_height) = layout(largest, &galleys);
    painter.rect_filled(rect, 6.0, visuals.extreme_bg_color.gamma_multiply(0.85));
    let mut y = rect.top() + 5.0 + row_height / 2.0;
    let x = rect.left() + 8.0;
    for (index, colour) in hub_colours.iter().take(3).enumerate() {
        painter.circle_filled(Pos2::new(x + 5.0 + 9.0 * index as f32, y), 4.5, *colour);
    }
    painter.galley(
        Pos2::new(x + icon_width, y - galleys[0].size().y / 2.0),
        galleys[0].clone(),
        text,
    );
    y += row_height;
    let sample = visuals.weak_text_color();
    let (r_small, r_large) = (radius_of(small, largest), radius_of(large, largest));
    painter.circle_filled(Pos2::new(x + r_small, y), r_small, sample);
    painter.circle_filled(
        Pos2::new(x + 2.0 * r_small + 5.0 + r_large, y),
        r_large,
        sample,
    );
    painter.galley(
        Pos2::new(x + icon_width, y - galleys[1].size().y / 2.0),
        galleys[1].clone(),
        text,
    );
    y += row_height;
    let strong = visuals.strong_text_color();
    painter.circle_filled(Pos2::new(x + 6.0, y), 4.0, sample);
    painter.circle_stroke(Pos2::new(x + 6.0, y), 7.0, Stroke::new(3.0, strong));
    painter.circle_filled(Pos2::new(x + 24.0, y), 4.0, sample);
    painter.circle_stroke(Pos2::new(x + 24.0, y), 6.0, Stroke::new(1.5, strong));
    painter.galley(
        Pos2::new(x + icon_width, y - galleys[2].size().y / 2.0),
        galleys[2].clone(),
        text,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_circles_are_round_lists_within_the_region() {
        assert_eq!(sample_lists(38_000.0), [5_000.0, 30_000.0]);
        assert_eq!(sample_lists(17_585.0), [2_000.0, 10_000.0]);
        assert_eq!(sample_lists(120_000.0), [20_000.0, 100_000.0]);
        assert!(
            describe(38_000.0).contains("(5,000 to 30,000 patients)"),
            "{}",
            describe(38_000.0)
        );
    }
}
