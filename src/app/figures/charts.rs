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

/// The population chart's scale ends here at most (patients).
const LARGEST_SHOWN: f64 = 120_000.0;

/// Smallest height of one hub's row in the population chart (points): one readable line.
const MIN_ROW_HEIGHT: f32 = 20.0;
/// Text size of the hub names in the population chart.
const BAR_LABEL_SIZE: f32 = 12.5;

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

/// One hub's row of the population chart, ready to plot (the row's height comes from its place).
/// Its name goes inside the end of the bar when it fits there, else after the bar, shortened with
/// `…` when it fits neither way, so no text leaves the plot.
struct ChartRow {
    /// Where the bar ends: the list, or the scale's end for a list beyond it (its label and
    /// hover text carry the figure).
    value: f64,
    fill: egui::Color32,
    hover: String,
    label_x: f64,
    anchor: egui::Align2,
    label_colour: egui::Color32,
    label: String,
}

/// What the population chart's rows were built for: when any of it changes they are built again.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct ChartKey {
    revision: u64,
    width: u32,
    dark: bool,
}

/// The population chart's rows for one revision, width and theme. Building them lays out every
/// hub's name to fit it (1,267 for England), so a frame that shows the same revision reuses them
/// and plots only the rows in view.
#[derive(Default)]
pub struct PopulationChart {
    key: Option<ChartKey>,
    rows: Vec<ChartRow>,
    x_max: f64,
    builds: u64,
}

/// Rows drawn beyond each edge of the view, so a row half in view is whole.
const ROWS_BEYOND_VIEW: usize = 3;

/// The rows (0 = largest hub, drawn at the top) that a viewport `from..to` points down a chart of
/// `count` rows and `plot_height` points shows, with a few beyond each edge.
fn rows_in_view(from: f32, to: f32, plot_height: f32, count: usize) -> std::ops::Range<usize> {
    if count == 0 || plot_height <= 0.0 {
        return 0..0;
    }
    // The y axis runs from 0.3 (bottom) to count + 0.7 (top); row i sits at count - i.
    let span = count as f32 + 0.4;
    let row_at = |y: f32| y / plot_height * span - 0.7;
    let first = row_at(from).floor().max(0.0) as usize;
    let last = row_at(to).ceil().max(0.0) as usize;
    first.saturating_sub(ROWS_BEYOND_VIEW)..(last + ROWS_BEYOND_VIEW + 1).min(count)
}

impl PopulationChart {
    /// How many times the rows were built (a test checks that still frames reuse them).
    pub fn builds(&self) -> u64 {
        self.builds
    }

    fn ensure(&mut self, ui: &egui::Ui, scenario: &Scenario, metrics: &Metrics, key: ChartKey) {
        if self.key == Some(key) {
            return;
        }
        let plot_width = f32::from_bits(key.width);
        let hubs = hubs_by_size(scenario, metrics);
        let largest = hubs
            .iter()
            .filter_map(|(id, _)| metrics.hubs.get(id))
            .map(|f| f.registered.as_f64())
            .fold(55_000.0, f64::max);
        // A few very large hubs (England's largest has 266,923) would squeeze the band's lines
        // against the left edge: the scale stops at LARGEST_SHOWN and larger bars run to the
        // edge with their figure inside.
        self.x_max = largest.min(LARGEST_SHOWN) * 1.04;
        let points_per_patient = f64::from(plot_width) / self.x_max;
        let normal_text = ui.visuals().strong_text_color();
        let pad_points = 4.0_f32;
        let pad = f64::from(pad_points) / points_per_patient;
        self.rows = hubs
            .iter()
            .map(|(id, name)| {
                let registered = metrics
                    .hubs
                    .get(id)
                    .map(|f| f.registered)
                    .unwrap_or_default();
                let value = registered.as_f64();
                // Where the bar ends on the chart (a bar beyond the scale ends at its edge).
                let shown = value.min(self.x_max);
                let colour = scenario
                    .hub(*id)
                    .map_or(theme::UNASSIGNED_COLOUR, |h| theme::hub_colour(h.colour));
                let patients = format_patients_whole(registered);
                // A bar cut at the scale's end says so: `»` after its figure.
                let beyond = if value > shown { " »" } else { "" };
                let text = format!("{name}  {patients}{beyond}");
                let bar_points = (shown * points_per_patient) as f32;
                let after_points = plot_width - bar_points;
                let width = text_width(ui, &text);
                let inside = width + 2.0 * pad_points <= bar_points
                    || (width + 2.0 * pad_points > after_points && bar_points > after_points);
                let (label_x, anchor, label_colour, room) = if inside {
                    (
                        shown - pad,
                        egui::Align2::RIGHT_CENTER,
                        theme::text_on(colour, key.dark),
                        bar_points,
                    )
                } else {
                    (
                        shown + pad,
                        egui::Align2::LEFT_CENTER,
                        normal_text,
                        after_points,
                    )
                };
                ChartRow {
                    value: shown,
                    fill: colour.gamma_multiply(0.8),
                    hover: if beyond.is_empty() {
                        format!("{name}: {patients}")
                    } else {
                        format!("{name}: {patients} (the bar is cut at the chart's end)")
                    },
                    label_x,
                    anchor,
                    label_colour,
                    label: fit_text(ui, &text, room - 2.0 * pad_points),
                }
            })
            .collect();
        self.key = Some(key);
        self.builds += 1;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, scenario: &Scenario, metrics: &Metrics, revision: u64) {
        // Plot width in points, less the plot's own margins (a little conservative).
        let plot_width = (ui.available_width() - 28.0).max(60.0);
        let key = ChartKey {
            revision,
            width: plot_width.to_bits(),
            dark: ui.visuals().dark_mode,
        };
        self.ensure(ui, scenario, metrics, key);
        let count = self.rows.len();
        let available_height = ui.available_height().max(140.0);
        // Every row gets at least one line of text; more hubs than fit scroll.
        let axis_height = 24.0;
        let height = available_height.max(count as f32 * MIN_ROW_HEIGHT + axis_height);
        let frame = PlotFrame {
            rows: &self.rows,
            height,
            x_max: self.x_max,
            band_colour: ui.visuals().strong_text_color(),
        };
        let show_plot = |ui: &mut egui::Ui, in_view| frame.plot_ui(ui, in_view);
        let response = if height > available_height + 1.0 {
            // Only the rows in view are plotted: England's 1,267 would cost most of a frame. A
            // solid scroll bar, always drawn, says that more hubs are below.
            ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
            egui::ScrollArea::vertical()
                .id_salt("population chart scroll")
                .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                .max_height(available_height)
                .show_viewport(ui, |ui, viewport| {
                    let in_view =
                        rows_in_view(viewport.min.y, viewport.max.y, height - axis_height, count);
                    show_plot(ui, in_view)
                })
                .inner
        } else {
            show_plot(ui, 0..count)
        };
        response.response.widget_info(|| {
            WidgetInfo::labeled(
                Role::Image,
                true,
                "Chart of registered patients per hub with the 30,000 and 50,000 lines",
            )
        });
    }
}

/// What one frame's population chart plots.
struct PlotFrame<'a> {
    rows: &'a [ChartRow],
    /// The whole plot's height, every row included (it may scroll).
    height: f32,
    x_max: f64,
    band_colour: egui::Color32,
}

impl PlotFrame<'_> {
    /// Plots the rows `in_view` (their bars and names) and the band's lines.
    fn plot_ui(
        &self,
        ui: &mut egui::Ui,
        in_view: std::ops::Range<usize>,
    ) -> egui_plot::PlotResponse<()> {
        let rows = self.rows;
        let count = rows.len();
        // Largest at the top: row 0 is drawn highest.
        let row_of = |index: usize| (count - index) as f64;
        let bars: Vec<Bar> = rows[in_view.clone()]
            .iter()
            .zip(in_view.clone())
            .map(|(row, index)| {
                Bar::new(row_of(index), row.value)
                    .name(row.hover.clone())
                    .fill(row.fill)
                    .width(0.75)
            })
            .collect();
        Plot::new("population chart")
            .height(self.height)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .show_grid([true, false])
            .show_axes([true, false])
            .include_x(0.0)
            .include_x(self.x_max)
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
                // The band's lines under the names, so no name is crossed out.
                for limit in [30_000.0, 50_000.0] {
                    plot_ui.vline(
                        VLine::new(format!("{limit}"), limit)
                            .color(self.band_colour)
                            .style(LineStyle::dashed_loose())
                            .allow_hover(false),
                    );
                }
                for (row, index) in rows[in_view.clone()].iter().zip(in_view.clone()) {
                    plot_ui.text(
                        Text::new(
                            "hub name",
                            PlotPoint::new(row.label_x, row_of(index)),
                            egui::RichText::new(&row.label).size(BAR_LABEL_SIZE),
                        )
                        .anchor(row.anchor)
                        .color(row.label_colour)
                        .allow_hover(false),
                    );
                }
            })
    }
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

#[cfg(test)]
mod tests {
    use super::rows_in_view;

    #[test]
    fn the_rows_in_view_are_those_the_viewport_covers_and_a_few_more() {
        // 100 rows over 2,000 points: 20 points a row (less the 0.4 row of margins).
        let all = rows_in_view(0.0, 2_000.0, 2_000.0, 100);
        assert_eq!(all, 0..100);
        let top = rows_in_view(0.0, 200.0, 2_000.0, 100);
        assert_eq!(top.start, 0);
        assert!((10..=14).contains(&top.end), "{top:?}");
        let middle = rows_in_view(1_000.0, 1_200.0, 2_000.0, 100);
        assert!(middle.start <= 49 && middle.start >= 45, "{middle:?}");
        assert!(middle.end >= 60 && middle.end <= 64, "{middle:?}");
        let bottom = rows_in_view(1_800.0, 2_000.0, 2_000.0, 100);
        assert_eq!(bottom.end, 100);
        assert!(rows_in_view(0.0, 100.0, 0.0, 100).is_empty());
        assert!(rows_in_view(0.0, 100.0, 2_000.0, 0).is_empty());
    }
}
