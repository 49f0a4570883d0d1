//! SVG pictures for the HTML report: the map of practices coloured by hub with hub outlines,
//! and a bar chart of registered patients per hub against the 30,000–50,000 band.

use crate::model::geo::convex_hull;
use crate::model::hub::{BAND_MAX_PATIENTS, BAND_MIN_PATIENTS};
use crate::model::practice::title_case;
use crate::model::{Metrics, PracticeId, Scenario, palette};
use crate::present::columns::{FigureColumn, FigureValue};
use crate::present::escape;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

fn hex([r, g, b]: palette::Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The colour of a hub (or grey for unassigned), as `#rrggbb`: the palette the window's theme
/// also builds on, so a hub has one colour on screen and on paper.
pub(super) fn hub_hex(scenario: &Scenario, hub: Option<crate::model::HubId>) -> String {
    hex(hub
        .and_then(|id| scenario.hub(id))
        .map_or(palette::UNASSIGNED, |hub| palette::hub_rgb(hub.colour)))
}

/// Practices at their coordinates (x scaled by cos(latitude)), sized by list, coloured by hub,
/// each hub's convex outline; `moved` practices get a dark ring.
pub(super) fn map_svg(
    scenario: &Scenario,
    moved: &BTreeSet<PracticeId>,
    width: f64,
    height: f64,
) -> String {
    let region = scenario.region();
    let located: Vec<(PracticeId, f64, f64, f64)> = region
        .practice_ids()
        .zip(region.practices())
        .filter_map(|(id, p)| {
            let at = p.location?;
            Some((id, at.lon, at.lat, p.registered_patients.as_f64()))
        })
        .collect();
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="Map of practices coloured by hub">"#
    );
    if located.is_empty() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle" class="muted">No practice has coordinates</text></svg>"#,
            width / 2.0,
            height / 2.0
        );
        return out;
    }
    let mean_lat = located.iter().map(|p| p.2).sum::<f64>() / located.len() as f64;
    let x_scale = mean_lat.to_radians().cos();
    let project = |lon: f64, lat: f64| [lon * x_scale, -lat];
    let points: Vec<[f64; 2]> = located.iter().map(|p| project(p.1, p.2)).collect();
    let (mut min, mut max) = ([f64::MAX; 2], [f64::MIN; 2]);
    for point in &points {
        for axis in 0..2 {
            min[axis] = min[axis].min(point[axis]);
            max[axis] = max[axis].max(point[axis]);
        }
    }
    let margin = 12.0;
    let span = [(max[0] - min[0]).max(1e-6), (max[1] - min[1]).max(1e-6)];
    let scale = ((width - 2.0 * margin) / span[0]).min((height - 2.0 * margin) / span[1]);
    let offset = [
        (width - span[0] * scale) / 2.0,
        (height - span[1] * scale) / 2.0,
    ];
    let to_screen = |p: [f64; 2]| {
        [
            offset[0] + (p[0] - min[0]) * scale,
            offset[1] + (p[1] - min[1]) * scale,
        ]
    };

    // Outlines first, under the points.
    let mut by_hub: BTreeMap<crate::model::HubId, Vec<[f64; 2]>> = BTreeMap::new();
    for ((id, ..), point) in located.iter().zip(&points) {
        if let Some(hub) = scenario.hub_of(*id) {
            by_hub.entry(hub).or_default().push(to_screen(*point));
        }
    }
    for (hub, hub_points) in &by_hub {
        let hull = convex_hull(hub_points);
        if hull.len() < 3 {
            continue;
        }
        let colour = hub_hex(scenario, Some(*hub));
        let path: Vec<String> = hull
            .iter()
            .map(|p| format!("{:.1},{:.1}", p[0], p[1]))
            .collect();
        let _ = write!(
            out,
            r#"<polygon points="{}" fill="{colour}" fill-opacity="0.13" stroke="{colour}" stroke-width="1.5" stroke-linejoin="round"/>"#,
            path.join(" ")
        );
    }
    let largest = located.iter().map(|p| p.3).fold(1.0, f64::max);
    for ((id, _, _, list), point) in located.iter().zip(&points) {
        let [x, y] = to_screen(*point);
        let radius = 2.5 + 5.5 * (list / largest).sqrt();
        let hub = scenario.hub_of(*id);
        let (ring, ring_width) = if moved.contains(id) {
            ("#111111", 2.0)
        } else {
            ("#ffffff", 0.8)
        };
        let name = region
            .practice(*id)
            .map(|p| title_case(&p.name))
            .unwrap_or_default();
        let _ = write!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{radius:.1}" fill="{}" stroke="{ring}" stroke-width="{ring_width}"><title>{}</title></circle>"#,
            hub_hex(scenario, hub),
            escape(&name)
        );
    }
    out.push_str("</svg>");
    out
}

/// The figure the bars show.
const BARS: FigureColumn = FigureColumn::Registered;

/// Horizontal bars of registered patients per hub (sorted by code), with the 30,000 and 50,000
/// lines.
pub(super) fn bars_svg(scenario: &Scenario, metrics: &Metrics, width: f64) -> String {
    let hubs: Vec<(&crate::model::HubId, &crate::model::Hub)> = {
        let mut hubs: Vec<_> = scenario.hubs().iter().collect();
        hubs.sort_by(|a, b| a.1.code.cmp(&b.1.code));
        hubs
    };
    let row = 12.5;
    let (top, bottom, label_width, value_width) = (18.0, 6.0, 200.0, 48.0);
    let height = top + bottom + row * hubs.len().max(1) as f64;
    let largest = hubs
        .iter()
        .filter_map(|(id, _)| metrics.hubs.get(id))
        .map(|f| f.registered.as_f64())
        .fold(55_000.0, f64::max);
    let plot_width = width - label_width - value_width;
    let x_of = |patients: f64| label_width + plot_width * patients / largest;
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{} per hub">"#,
        BARS.heading(&metrics.rules)
    );
    let _ = write!(
        out,
        r##"<rect x="{:.1}" y="{}" width="{:.1}" height="{:.1}" fill="#2e7d32" fill-opacity="0.08"/>"##,
        x_of(BAND_MIN_PATIENTS.as_f64()),
        top - 4.0,
        x_of(BAND_MAX_PATIENTS.as_f64()) - x_of(BAND_MIN_PATIENTS.as_f64()),
        height - top - bottom + 4.0
    );
    for (limit, label) in [(BAND_MIN_PATIENTS, "30,000"), (BAND_MAX_PATIENTS, "50,000")] {
        let x = x_of(limit.as_f64());
        let _ = write!(
            out,
            r##"<line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{}" stroke="#2e7d32" stroke-width="1" stroke-dasharray="4 3"/><text x="{x:.1}" y="11" text-anchor="middle" class="axis">{label}</text>"##,
            top - 4.0,
            height - bottom
        );
    }
    for (index, (id, hub)) in hubs.iter().enumerate() {
        let y = top + row * index as f64;
        let value = metrics
            .hubs
            .get(id)
            .and_then(|figures| BARS.value(figures))
            .unwrap_or(FigureValue::Hundredths(0));
        // Hundredths of a patient.
        let registered = value.sort_value() / 100.0;
        let name: String = title_case(&hub.name).chars().take(36).collect();
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="label">{}</text><rect x="{label_width}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" class="value">{}</text>"#,
            label_width - 4.0,
            y + row * 0.7,
            escape(&name),
            y + 2.0,
            (x_of(registered) - label_width).max(0.5),
            row - 4.0,
            hub_hex(scenario, Some(**id)),
            x_of(registered) + 4.0,
            y + row * 0.7,
            BARS.text_of(value),
        );
    }
    out.push_str("</svg>");
    out
}
