//! Pictures for paper: the map and the figures of a scenario as PNG pages to print or paste into
//! a paper, not grabs of the screen. A light page (A4 landscape proportions, 250 dpi) with the
//! scenario's title, the region, the data and rule dates and the day it was made; the map with
//! its legend (colour = hub, circle area = list, dark ring = moved); the figures as one row per
//! hub, every hub. Built as SVG here and rasterised by resvg in the one font egui bundles, so
//! each build (Linux, Windows, web) draws the same picture.

use super::svg::{hub_hex, map_svg};
use crate::model::compare::compare;
use crate::model::format::shorten_to_fit;
use crate::model::hub::{BAND_MAX_PATIENTS, BAND_MIN_PATIENTS};
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::model::{Band, Metrics, PracticeId, Scenario};
use crate::present::escape;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::sync::{Arc, OnceLock};

/// Which picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    Map,
    Figures,
}

/// The page, in SVG units: A4 landscape at 100 units to the inch.
const PAGE_WIDTH: f64 = 1169.0;
const PAGE_HEIGHT: f64 = 827.0;
/// Units to pixels: 2.5 gives 250 dots per inch on A4.
const SCALE: f32 = 2.5;
/// A tall page (a region with many hubs) is drawn smaller rather than past this many pixels.
const MAX_PIXELS: f64 = 24_000_000.0;
const MARGIN: f64 = 40.0;
const FONT: &str = "Ubuntu";
const ROW: f64 = 17.0;

/// The picture as an SVG page; `made_on` (e.g. `2026-12-02`, or empty) is printed under the
/// title.
pub fn picture_svg(
    scenario: &Scenario,
    metrics: &Metrics,
    picture: Picture,
    made_on: &str,
) -> String {
    match picture {
        Picture::Map => map_page(scenario, metrics, made_on),
        Picture::Figures => figures_page(scenario, metrics, made_on),
    }
}

/// The picture as PNG bytes.
pub fn picture_png(
    scenario: &Scenario,
    metrics: &Metrics,
    picture: Picture,
    made_on: &str,
) -> Result<Vec<u8>, String> {
    rasterise(&picture_svg(scenario, metrics, picture, made_on))
}

/// `<svg …>` with a white page, the title and the line of dates; `height` in units.
fn page_start(scenario: &Scenario, metrics: &Metrics, made_on: &str, height: f64) -> String {
    let region = scenario.region();
    let code = if region.code.is_empty() {
        String::new()
    } else {
        format!(" ({})", region.code)
    };
    let lists = if region.snapshot_date.is_empty() {
        "lists: date not stated".to_string()
    } else {
        format!("lists of {}", region.snapshot_date)
    };
    let made = if made_on.is_empty() {
        String::new()
    } else {
        format!(" · made {made_on}")
    };
    let totals = &metrics.region;
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_WIDTH}" height="{height}" viewBox="0 0 {PAGE_WIDTH} {height}" font-family="{FONT}"><rect width="{PAGE_WIDTH}" height="{height}" fill="#ffffff"/>"##
    );
    let _ = write!(
        out,
        r##"<text x="{MARGIN}" y="52" font-size="26" fill="#1a1a1a">{}</text><text x="{MARGIN}" y="78" font-size="13" fill="#444444">{}{} · {lists} · funding rules {} · {} practices in {} hubs, {} in the 30,000–50,000 band{made} · pcn-explorer {}</text>"##,
        escape(scenario.title()),
        escape(&region.name),
        escape(&code),
        metrics.rules.year,
        totals.practices,
        totals.hubs,
        totals.hubs_within,
        env!("CARGO_PKG_VERSION"),
    );
    out
}

/// Today's PCNs against this scenario: the practices that moved (ringed on the map).
fn moved(scenario: &Scenario) -> BTreeSet<PracticeId> {
    let baseline = Scenario::baseline(scenario.region_arc().clone(), scenario.rule_year());
    compare(&baseline, scenario, scenario.rule_year())
        .map(|comparison| comparison.moves.iter().map(|m| m.practice).collect())
        .unwrap_or_default()
}

/// The hubs by name, with their figures.
fn hubs_by_name<'a>(
    scenario: &'a Scenario,
    metrics: &'a Metrics,
) -> Vec<(crate::model::HubId, String, &'a crate::model::GroupFigures)> {
    let mut hubs: Vec<_> = scenario
        .hubs()
        .iter()
        .filter_map(|(id, hub)| Some((*id, title_case(&hub.name), metrics.hubs.get(id)?)))
        .collect();
    hubs.sort_by(|a, b| a.1.cmp(&b.1));
    hubs
}

/// A name shortened to about `chars` characters, keeping the words that tell it apart.
fn short_name(name: &str, names: &[&str], chars: usize) -> String {
    shorten_to_fit(name, names.iter().copied(), |text| {
        text.chars().count() <= chars
    })
    .unwrap_or_else(|| {
        let cut: String = name.chars().take(chars.saturating_sub(1)).collect();
        format!("{cut}…")
    })
}

fn band_colour(band: Option<Band>) -> &'static str {
    match band {
        Some(Band::Below) => "#b34a00",
        Some(Band::Above) => "#7b1fa2",
        _ => "#2e7d32",
    }
}

fn map_page(scenario: &Scenario, metrics: &Metrics, made_on: &str) -> String {
    let mut out = page_start(scenario, metrics, made_on, PAGE_HEIGHT);
    let (map_x, map_y, map_w, map_h) = (MARGIN, 100.0, 730.0, 690.0);
    let _ = write!(
        out,
        r##"<rect x="{map_x}" y="{map_y}" width="{map_w}" height="{map_h}" fill="#fbfbf8" stroke="#cccccc"/>"##
    );
    out.push_str(&place(
        &map_svg(scenario, &moved(scenario), map_w, map_h),
        map_x,
        map_y,
        map_w,
        map_h,
    ));
    // The legend: what the marks mean, then every hub that fits.
    let legend_x = map_x + map_w + 24.0;
    let _ = write!(
        out,
        r##"<g font-size="12" fill="#333333"><circle cx="{x1}" cy="114" r="4" fill="#888888" stroke="#ffffff"/><circle cx="{x2}" cy="114" r="8" fill="#888888" stroke="#ffffff"/><text x="{t}" y="118">circle area: registered list</text><circle cx="{x2}" cy="138" r="6" fill="#888888" stroke="#111111" stroke-width="2"/><text x="{t}" y="142">dark ring: moved from today's PCN</text><rect x="{x1}" y="152" width="20" height="12" fill="#888888" fill-opacity="0.2" stroke="#888888"/><text x="{t}" y="162">outline: the hub's practices</text></g>"##,
        x1 = legend_x + 2.0,
        x2 = legend_x + 16.0,
        t = legend_x + 32.0,
    );
    let hubs = hubs_by_name(scenario, metrics);
    let names: Vec<&str> = hubs.iter().map(|(_, name, _)| name.as_str()).collect();
    let top = 206.0;
    let rows = ((PAGE_HEIGHT - 40.0 - top) / ROW).floor() as usize;
    let _ = write!(
        out,
        r##"<text x="{legend_x}" y="{}" font-size="13" fill="#1a1a1a">Hubs: colour and registered list</text><text x="{legend_x}" y="{}" font-size="11" fill="#555555">orange: below 30,000 · green: in band · purple: above 50,000</text>"##,
        top - 22.0,
        top - 8.0
    );
    let shown = if hubs.len() > rows {
        rows - 1
    } else {
        hubs.len()
    };
    for (index, (id, name, figures)) in hubs.iter().take(shown).enumerate() {
        let y = top + ROW * index as f64;
        let _ = write!(
            out,
            r##"<rect x="{legend_x}" y="{:.1}" width="12" height="12" rx="2" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#1a1a1a">{}</text><text x="{:.1}" y="{:.1}" font-size="12" fill="{}" text-anchor="end">{}</text>"##,
            y + 2.0,
            hub_hex(scenario, Some(*id)),
            legend_x + 18.0,
            y + 12.0,
            escape(&short_name(name, &names, 30)),
            PAGE_WIDTH - MARGIN,
            y + 12.0,
            band_colour(figures.band),
            format_patients_whole(figures.registered),
        );
    }
    if shown < hubs.len() {
        let _ = write!(
            out,
            r##"<text x="{legend_x}" y="{:.1}" font-size="12" fill="#666666">… and {} more hubs (every hub is in the figures picture)</text>"##,
            top + ROW * shown as f64 + 12.0,
            hubs.len() - shown
        );
    }
    out.push_str("</svg>");
    out
}

fn figures_page(scenario: &Scenario, metrics: &Metrics, made_on: &str) -> String {
    let hubs = hubs_by_name(scenario, metrics);
    let names: Vec<&str> = hubs.iter().map(|(_, name, _)| name.as_str()).collect();
    let top = 132.0;
    let note_lines = crate::present::report::unverified_note(&metrics.rules)
        .trim()
        .lines()
        .count();
    let height =
        (top + ROW * (hubs.len() + 2) as f64 + 40.0 + 14.0 * note_lines as f64).max(PAGE_HEIGHT);
    let mut out = page_start(scenario, metrics, made_on, height);
    // Columns: swatch and name, practices, registered, the bar against the band, band, funding.
    let (name_x, practices_x, registered_x) = (MARGIN + 18.0, 420.0, 500.0);
    let (bar_x, bar_w) = (516.0, 380.0);
    let (band_x, money_x) = (910.0, PAGE_WIDTH - MARGIN);
    let largest = hubs
        .iter()
        .map(|(_, _, f)| f.registered.as_f64())
        .fold(55_000.0, f64::max);
    let x_of = |patients: f64| bar_x + bar_w * patients / largest;
    let header_y = top - 14.0;
    let _ = write!(
        out,
        r##"<g font-size="12" fill="#444444"><text x="{name_x}" y="{header_y}">Hub</text><text x="{practices_x}" y="{header_y}" text-anchor="end">Practices</text><text x="{registered_x}" y="{header_y}" text-anchor="end">Registered</text><text x="{bar_x}" y="{header_y}">Registered against the 30,000–50,000 band</text><text x="{band_x}" y="{header_y}">Band</text><text x="{money_x}" y="{header_y}" text-anchor="end">Network funding {}</text></g><line x1="{MARGIN}" y1="{:.1}" x2="{money_x}" y2="{:.1}" stroke="#999999"/>"##,
        metrics.rules.year,
        top - 8.0,
        top - 8.0,
    );
    let rows_bottom = top + ROW * hubs.len() as f64;
    let (low, high) = (
        x_of(BAND_MIN_PATIENTS.as_f64()),
        x_of(BAND_MAX_PATIENTS.as_f64()),
    );
    let _ = write!(
        out,
        r##"<rect x="{low:.1}" y="{top}" width="{:.1}" height="{:.1}" fill="#2e7d32" fill-opacity="0.08"/><line x1="{low:.1}" y1="{top}" x2="{low:.1}" y2="{rows_bottom:.1}" stroke="#2e7d32" stroke-dasharray="4 3"/><line x1="{high:.1}" y1="{top}" x2="{high:.1}" y2="{rows_bottom:.1}" stroke="#2e7d32" stroke-dasharray="4 3"/>"##,
        high - low,
        rows_bottom - top,
    );
    for (index, (id, name, figures)) in hubs.iter().enumerate() {
        let y = top + ROW * index as f64;
        if index % 2 == 1 {
            let _ = write!(
                out,
                r##"<rect x="{MARGIN}" y="{y:.1}" width="{:.1}" height="{ROW}" fill="#000000" fill-opacity="0.03"/>"##,
                PAGE_WIDTH - 2.0 * MARGIN
            );
        }
        let colour = hub_hex(scenario, Some(*id));
        let text_y = y + 12.5;
        let _ = write!(
            out,
            r##"<rect x="{MARGIN}" y="{:.1}" width="12" height="12" rx="2" fill="{colour}"/><g font-size="12" fill="#1a1a1a"><text x="{name_x}" y="{text_y:.1}">{}</text><text x="{practices_x}" y="{text_y:.1}" text-anchor="end">{}</text><text x="{registered_x}" y="{text_y:.1}" text-anchor="end">{}</text><text x="{band_x}" y="{text_y:.1}" fill="{}">{}</text><text x="{money_x}" y="{text_y:.1}" text-anchor="end">{}</text></g><rect x="{bar_x}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{colour}"/>"##,
            y + 2.5,
            escape(&short_name(name, &names, 52)),
            figures.practices,
            format_patients_whole(figures.registered),
            band_colour(figures.band),
            figures.band.map_or("", |band| band.label()),
            figures.total.to_whole_pounds_string(),
            y + 3.0,
            (x_of(figures.registered.as_f64()) - bar_x).max(0.5),
            ROW - 6.0,
        );
    }
    let totals = &metrics.region;
    let total_y = rows_bottom + 18.0;
    let _ = write!(
        out,
        r##"<line x1="{MARGIN}" y1="{:.1}" x2="{money_x}" y2="{:.1}" stroke="#999999"/><g font-size="12" fill="#1a1a1a"><text x="{name_x}" y="{total_y:.1}">All hubs ({} unassigned practices, {} patients)</text><text x="{practices_x}" y="{total_y:.1}" text-anchor="end">{}</text><text x="{registered_x}" y="{total_y:.1}" text-anchor="end">{}</text><text x="{money_x}" y="{total_y:.1}" text-anchor="end">{}</text></g>"##,
        rows_bottom + 4.0,
        rows_bottom + 4.0,
        totals.unassigned,
        format_patients_whole(metrics.unassigned.registered),
        totals.assigned,
        format_patients_whole(totals.assigned_registered),
        totals.total_funding.to_whole_pounds_string(),
    );
    // The rates no primary source confirmed, one per line under the table.
    let note = crate::present::report::unverified_note(&metrics.rules);
    for (index, line) in note.trim().lines().enumerate() {
        let _ = write!(
            out,
            r##"<text x="{MARGIN}" y="{:.1}" font-size="11" fill="#a03000">{}</text>"##,
            total_y + 26.0 + 14.0 * index as f64,
            escape(line.trim())
        );
    }
    out.push_str("</svg>");
    out
}

/// An `<svg …>` picture placed at `(x, y)` with the given size on the page.
fn place(svg: &str, x: f64, y: f64, width: f64, height: f64) -> String {
    svg.replacen(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" ",
        &format!("<svg x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" "),
        1,
    )
}

/// The one font of every picture, loaded once: egui's bundled Ubuntu Light.
fn fonts() -> Arc<resvg::usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut fonts = resvg::usvg::fontdb::Database::new();
            fonts.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
            fonts.set_sans_serif_family(FONT);
            Arc::new(fonts)
        })
        .clone()
}

/// An SVG page as PNG, at 250 dpi (less for a page so tall it would pass [`MAX_PIXELS`]).
fn rasterise(svg: &str) -> Result<Vec<u8>, String> {
    let options = resvg::usvg::Options {
        fontdb: fonts(),
        font_family: FONT.to_string(),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_str(svg, &options)
        .map_err(|error| format!("the picture could not be drawn: {error}"))?;
    let size = tree.size();
    let area = f64::from(size.width()) * f64::from(size.height());
    let scale = SCALE.min((MAX_PIXELS / area).sqrt() as f32);
    let width = (size.width() * scale).floor() as u32;
    let height = (size.height() * scale).floor() as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width.max(1), height.max(1))
        .ok_or_else(|| "the picture is too large to draw".to_string())?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|error| format!("the picture could not be encoded: {error}"))
}
