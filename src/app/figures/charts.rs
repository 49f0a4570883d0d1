//! Charts under the table: registered population per hub against the 30,000–50,000 band, and
//! funding by line per hub (stacked).

use crate::app::theme;
use crate::model::quantity::format_patients_whole;
use crate::model::{HubId, Metrics, Scenario};
use egui::WidgetInfo;
use egui::accesskit::Role;
use egui_plot::{Bar, BarChart, Legend, LineStyle, Plot, PlotPoint, Text, VLine};

/// Hub names on the x axis when there are at most this many hubs.
const MAX_NAMED_BARS: usize = 24;

/// Hubs sorted by registered list, largest first, with their names.
fn hubs_by_size(scenario: &Scenario, metrics: &Metrics) -> Vec<(HubId, String)> {
    let mut hubs: Vec<(HubId, String, i64)> = scenario
        .hubs()
        .iter()
        .map(|(id, hub)| {
            let registered = metrics.hubs.get(id).map_or(0, |f| f.registered.0);
            (
                *id,
                crate::model::practice::title_case(&hub.name),
                registered,
            )
        })
        .collect();
    hubs.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    hubs.into_iter().map(|(id, name, _)| (id, name)).collect()
}

fn axis_names(
    names: Vec<String>,
) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String {
    move |mark, _range| {
        let index = mark.value.round();
        if (mark.value - index).abs() > 1e-6 || index < 0.0 || names.len() > MAX_NAMED_BARS {
            return String::new();
        }
        names
            .get(index as usize)
            .map(|name| name.chars().take(14).collect())
            .unwrap_or_default()
    }
}

/// Smallest height of one hub's row in the population chart (points): one readable line.
const MIN_ROW_HEIGHT: f32 = 20.0;
/// Text size of the hub names in the population chart.
const BAR_LABEL_SIZE: f32 = 12.5;

/// Where a bar's name goes: inside the end of the bar when it fits there, else after the bar,
/// shortened with `…` when it fits neither way, so no text leaves the plot.
struct BarLabel {
    position: PlotPoint,
    anchor: egui::Align2,
    colour: egui::Color32,
    text: String,
}

/// Width in points of `text` at the chart's label size.
fn text_width(ui: &egui::Ui, text: &str) -> f32 {
    ui.ctx().fonts_mut(|fonts| {
        fonts
            .layout_no_wrap(
                text.to_string(),
                egui::FontId::proportional(BAR_LABEL_SIZE),
                egui::Color32::WHITE,
            )
            .size()
            .x
    })
}

/// `text` cut (at a char boundary) with `…` so that it is at most `room` points wide.
fn fit_text(ui: &egui::Ui, text: &str, room: f32) -> String {
    if text_width(ui, text) <= room {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    for keep in (1..chars.len()).rev() {
        let candidate: String = chars[..keep].iter().collect::<String>() + "…";
        if text_width(ui, &candidate) <= room {
            return candidate;
        }
    }
    String::new()
}

pub fn population_chart_ui(ui: &mut egui::Ui, scenario: &Scenario, metrics: &Metrics) {
    let hubs = hubs_by_size(scenario, metrics);
    let count = hubs.len();
    // Largest at the top: row 0 is drawn highest.
    let row_of = |index: usize| (count - index) as f64;
    let hub_colour = |id: &HubId| {
        scenario
            .hub(*id)
            .map_or(theme::UNASSIGNED_COLOUR, |h| theme::hub_colour(h.colour))
    };
    let bars: Vec<Bar> = hubs
        .iter()
        .enumerate()
        .filter_map(|(index, (id, name))| {
            let figures = metrics.hubs.get(id)?;
            Some(
                Bar::new(row_of(index), figures.registered.as_f64())
                    .name(format!(
                        "{name}: {}",
                        format_patients_whole(figures.registered)
                    ))
                    .fill(hub_colour(id).gamma_multiply(0.8))
                    .width(0.75),
            )
        })
        .collect();
    let available_height = ui.available_height().max(140.0);
    // Every row gets at least one line of text; more hubs than fit scroll.
    let axis_height = 24.0;
    let height = available_height.max(count as f32 * MIN_ROW_HEIGHT + axis_height);
    let largest = hubs
        .iter()
        .filter_map(|(id, _)| metrics.hubs.get(id))
        .map(|f| f.registered.as_f64())
        .fold(55_000.0, f64::max);
    let x_max = largest * 1.04;
    // Plot width in points, less the plot's own margins (a little conservative).
    let plot_width = (ui.available_width() - 28.0).max(60.0);
    let points_per_patient = f64::from(plot_width) / x_max;
    let dark = ui.visuals().dark_mode;
    let normal_text = ui.visuals().strong_text_color();
    let pad_points = 4.0_f32;
    let labels: Vec<BarLabel> = hubs
        .iter()
        .enumerate()
        .filter_map(|(index, (id, name))| {
            let figures = metrics.hubs.get(id)?;
            let value = figures.registered.as_f64();
            let text = format!("{name}  {}", format_patients_whole(figures.registered));
            let bar_points = (value * points_per_patient) as f32;
            let after_points = plot_width - bar_points;
            let width = text_width(ui, &text);
            let pad = f64::from(pad_points) / points_per_patient;
            let inside = width + 2.0 * pad_points <= bar_points
                || (width + 2.0 * pad_points > after_points && bar_points > after_points);
            Some(if inside {
                BarLabel {
                    position: PlotPoint::new(value - pad, row_of(index)),
                    anchor: egui::Align2::RIGHT_CENTER,
                    colour: theme::text_on(hub_colour(id), dark),
                    text: fit_text(ui, &text, bar_points - 2.0 * pad_points),
                }
            } else {
                BarLabel {
                    position: PlotPoint::new(value + pad, row_of(index)),
                    anchor: egui::Align2::LEFT_CENTER,
                    colour: normal_text,
                    text: fit_text(ui, &text, after_points - 2.0 * pad_points),
                }
            })
        })
        .collect();
    let band_colour = ui.visuals().strong_text_color();
    let show_plot = |ui: &mut egui::Ui| {
        Plot::new("population chart")
            .height(height)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .show_grid([true, false])
            .show_axes([true, false])
            .include_x(0.0)
            .include_x(x_max)
            .include_y(0.3)
            .include_y(count as f64 + 0.7)
            .set_margin_fraction(egui::vec2(0.0, 0.0))
            .x_axis_formatter(|mark, _| format!("{}k", (mark.value / 1000.0).round()))
            .show(ui, |plot_ui| {
                plot_ui.bar_chart(
                    BarChart::new("Registered patients", bars)
                        .horizontal()
                        .element_formatter(Box::new(|bar, _| bar.name.clone())),
                );
                for label in labels {
                    plot_ui.text(
                        Text::new(
                            "hub name",
                            label.position,
                            egui::RichText::new(label.text).size(BAR_LABEL_SIZE),
                        )
                        .anchor(label.anchor)
                        .color(label.colour)
                        .allow_hover(false),
                    );
                }
                for limit in [30_000.0, 50_000.0] {
                    plot_ui.vline(
                        VLine::new(format!("{limit}"), limit)
                            .color(band_colour)
                            .style(LineStyle::dashed_loose())
                            .allow_hover(false),
                    );
                }
            })
    };
    let response = if height > available_height + 1.0 {
        egui::ScrollArea::vertical()
            .id_salt("population chart scroll")
            .max_height(available_height)
            .show(ui, show_plot)
            .inner
    } else {
        show_plot(ui)
    };
    response.response.widget_info(|| {
        WidgetInfo::labeled(
            Role::Image,
            true,
            "Chart of registered patients per hub with the 30,000 and 50,000 lines",
        )
    });
}

pub fn funding_chart_ui(ui: &mut egui::Ui, scenario: &Scenario, metrics: &Metrics) {
    let hubs = hubs_by_size(scenario, metrics);
    let mut charts: Vec<BarChart> = Vec::new();
    for (line_index, line) in metrics.rules.lines.iter().enumerate() {
        let bars: Vec<Bar> = hubs
            .iter()
            .enumerate()
            .map(|(index, (id, name))| {
                let amount = metrics
                    .hubs
                    .get(id)
                    .and_then(|f| f.funding.get(line_index).copied())
                    .unwrap_or_default();
                Bar::new(index as f64, amount.as_pounds_f64())
                    .name(format!(
                        "{name}\n{}: {}",
                        line.name,
                        amount.to_whole_pounds_string()
                    ))
                    .width(0.7)
            })
            .collect();
        let colour = theme::hub_colour((line_index * 3 % 16) as u16);
        let mut chart = BarChart::new(line.name.clone(), bars)
            .color(colour)
            .element_formatter(Box::new(|bar, _| bar.name.clone()));
        let below: Vec<&BarChart> = charts.iter().collect();
        if !below.is_empty() {
            chart = chart.stack_on(&below);
        }
        charts.push(chart);
    }
    let names: Vec<String> = hubs.into_iter().map(|(_, name)| name).collect();
    let response = Plot::new("funding chart")
        .height(ui.available_height().max(140.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .legend(Legend::default().position(egui_plot::Corner::RightTop))
        .x_axis_formatter(axis_names(names))
        .y_axis_formatter(|mark, _| format!("£{}k", (mark.value / 1000.0).round()))
        .show(ui, |plot_ui| {
            for chart in charts {
                plot_ui.bar_chart(chart);
            }
        });
    response
        .response
        .widget_info(|| WidgetInfo::labeled(Role::Image, true, "Chart of funding by line per hub"));
}
