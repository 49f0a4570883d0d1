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

pub fn population_chart_ui(ui: &mut egui::Ui, scenario: &Scenario, metrics: &Metrics) {
    let hubs = hubs_by_size(scenario, metrics);
    let count = hubs.len();
    // Largest at the top: row 0 is drawn highest.
    let row_of = |index: usize| (count - index) as f64;
    let bars: Vec<Bar> = hubs
        .iter()
        .enumerate()
        .filter_map(|(index, (id, name))| {
            let figures = metrics.hubs.get(id)?;
            let colour = scenario
                .hub(*id)
                .map_or(theme::UNASSIGNED_COLOUR, |h| theme::hub_colour(h.colour));
            Some(
                Bar::new(row_of(index), figures.registered.as_f64())
                    .name(format!(
                        "{name}: {}",
                        format_patients_whole(figures.registered)
                    ))
                    .fill(colour.gamma_multiply(0.8))
                    .width(0.75),
            )
        })
        .collect();
    let height = ui.available_height().max(140.0);
    // Names inside the bars only when each row has room for a line of text.
    let row_height = height / (count.max(1) as f32);
    let label_size = (row_height - 1.0).clamp(11.0, 13.0);
    let largest = hubs
        .iter()
        .filter_map(|(id, _)| metrics.hubs.get(id))
        .map(|f| f.registered.as_f64())
        .fold(55_000.0, f64::max);
    let dark = ui.visuals().dark_mode;
    let normal_text = ui.visuals().strong_text_color();
    // Names beside the bars only when each row has room for a line of text: after a short bar,
    // inside the end of a long one (in a colour that reads on the bar).
    let labels: Vec<(PlotPoint, egui::Align2, egui::Color32, String)> = if row_height >= 12.0 {
        hubs.iter()
            .enumerate()
            .filter_map(|(index, (id, name))| {
                let figures = metrics.hubs.get(id)?;
                let value = figures.registered.as_f64();
                let text = format!("{name}  {}", format_patients_whole(figures.registered));
                let pad = largest * 0.01;
                Some(if value < largest * 0.6 {
                    (
                        PlotPoint::new(value + pad, row_of(index)),
                        egui::Align2::LEFT_CENTER,
                        normal_text,
                        text,
                    )
                } else {
                    let bar = scenario
                        .hub(*id)
                        .map_or(theme::UNASSIGNED_COLOUR, |h| theme::hub_colour(h.colour));
                    (
                        PlotPoint::new(value - pad, row_of(index)),
                        egui::Align2::RIGHT_CENTER,
                        theme::text_on(bar, dark),
                        text,
                    )
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let band_colour = ui.visuals().strong_text_color();
    let response = Plot::new("population chart")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_grid([true, false])
        .show_axes([true, false])
        .include_x(0.0)
        .include_x(55_000.0)
        .include_y(0.3)
        .include_y(count as f64 + 0.7)
        .x_axis_formatter(|mark, _| format!("{}k", (mark.value / 1000.0).round()))
        .show(ui, |plot_ui| {
            plot_ui.bar_chart(
                BarChart::new("Registered patients", bars)
                    .horizontal()
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            for (position, anchor, colour, text) in labels {
                plot_ui.text(
                    Text::new(
                        "hub name",
                        position,
                        egui::RichText::new(text).size(label_size),
                    )
                    .anchor(anchor)
                    .color(colour)
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
        });
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
