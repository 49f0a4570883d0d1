//! The sortable hub table, virtualised so that England's 1,267 hubs draw only the rows in view.

use crate::app::theme;
use crate::model::quantity::{format_patients_whole, group_thousands};
use crate::model::{Band, GroupFigures, HubId, Metrics, Pence, Scenario};
use crate::present::report::FigureColumn;
use crate::present::report::FigureColumn as F;
use egui::accesskit::Role;
use egui::{Align, Layout, RichText, WidgetInfo};
use std::collections::BTreeMap;

const ROW_HEIGHT: f32 = 22.0;

/// A column of the table: the hub, a figure as every report and export names it
/// ([`FigureColumn`], the CSV's and the workbook's columns), or a column only the window shows
/// (the changes against today's PCNs, growth).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Hub,
    Figure(FigureColumn),
    RegisteredChange,
    TotalChange,
    /// Yearly list growth, and the list projected ahead (with lists at two dates).
    Growth,
    Projected,
}

/// Years between the region's two extracts and years to project ahead (see `model::growth`).
pub type GrowthSpan = Option<(f64, u32)>;

impl Column {
    fn all(line_count: usize, has_staff: bool, growth: bool) -> Vec<Column> {
        // The figures people compare first (size, band, money) lead; every line follows.
        let mut columns = vec![
            Self::Hub,
            Self::Figure(F::Practices),
            Self::Figure(F::Registered),
            Self::Figure(F::Band),
        ];
        // With lists at two dates, the growth and the list ahead come next to the band.
        if growth {
            columns.extend([Self::Growth, Self::Projected]);
        }
        columns.push(Self::Figure(F::Total));
        // With a staff plan its headroom comes next to the money, before the change.
        if has_staff {
            columns.push(Self::Figure(F::ArrsHeadroom));
        }
        columns.extend([Self::TotalChange, Self::RegisteredChange]);
        columns.extend([
            Self::Figure(F::Weighted),
            Self::Figure(F::GpFte),
            Self::Figure(F::NurseFte),
            Self::Figure(F::PatientsPerGpFte),
        ]);
        columns.extend((0..line_count).map(|index| Self::Figure(F::Line(index))));
        columns
    }

    /// Header text (funding lines get a short name, with † when unverified).
    pub fn title(self, metrics: &Metrics, ahead: u32) -> String {
        match self {
            Self::Growth => "Growth/yr".to_string(),
            Self::Projected if ahead == 1 => "In 1 year".to_string(),
            Self::Projected => format!("In {ahead} years"),
            Self::Hub => "Hub".to_string(),
            Self::RegisteredChange => "Δ registered".to_string(),
            Self::Figure(F::Line(index)) => metrics.rules.lines.get(index).map_or_else(
                || format!("Line {index}"),
                |line| {
                    let mark = if line.verified { "" } else { " †" };
                    let edited = if line.is_edited() { " (edited)" } else { "" };
                    format!("{}{mark}{edited}", short_line_name(&line.id, &line.name))
                },
            ),
            Self::TotalChange => "Δ total".to_string(),
            // Every other figure under the short heading the reports give it.
            Self::Figure(figure) if figure.is_edited(&metrics.rules) => {
                format!("{} (edited)", figure.short_heading(&metrics.rules))
            }
            Self::Figure(figure) => figure.short_heading(&metrics.rules),
        }
    }

    /// Width in points; the hub column takes what the key columns leave (see [`hub_width`]).
    fn width(self, hub_width: f32) -> f32 {
        match self {
            Self::Hub => hub_width,
            Self::Figure(F::Practices) => 64.0,
            Self::Figure(F::Band) => 72.0,
            Self::Figure(F::GpFte) | Self::Figure(F::NurseFte) => 72.0,
            Self::Figure(F::PatientsPerGpFte) => 112.0,
            Self::Figure(F::Registered) | Self::Figure(F::Weighted) => 74.0,
            Self::RegisteredChange => 90.0,
            Self::Figure(F::Total) => 88.0,
            Self::Figure(F::Line(_)) => 100.0,
            Self::TotalChange => 80.0,
            Self::Figure(F::ArrsHeadroom) => 92.0,
            Self::Growth => 70.0,
            Self::Projected => 108.0,
            Self::Figure(_) => 100.0,
        }
    }

    fn tooltip(self, metrics: &Metrics) -> String {
        match self {
            Self::Figure(F::Line(index)) => {
                metrics
                    .rules
                    .lines
                    .get(index)
                    .map_or_else(String::new, |line| {
                        let mut text = format!("{}\n{}", line.name, line.formula());
                        if !line.note.is_empty() {
                            text.push_str(&format!("\n{}", line.note));
                        }
                        if let Some(period) = &line.period {
                            text.push_str(&format!("\nPeriod: {period} only"));
                        }
                        if !line.verified {
                            text.push_str("\nNot confirmed by a primary source.");
                        }
                        if let Some(edit) = &line.edit {
                            text.push_str(&format!("\n{}", edit.describe()));
                        }
                        text.push_str(&format!("\nSource: {}", line.source));
                        text
                    })
            }
            Self::RegisteredChange => {
                "Registered patients against the region's current PCN of the same code".to_string()
            }
            Self::TotalChange => {
                "Total funding against the region's current PCN of the same code".to_string()
            }
            Self::Figure(F::ArrsHeadroom) => {
                "ARRS entitlement (the hub's ARRS lines) minus what its staff \
                 plan can claim; negative (red) is an overspend the practices must meet"
                    .to_string()
            }
            Self::Growth => "Compound yearly growth of the registered list between the two \
                 extracts, over the members listed in both (practices opened since are left out)"
                .to_string(),
            Self::Projected => "The registered list today grown at the hub's yearly rate: a \
                 trend, not a forecast. With a band word, the hub would change band: red when \
                 it leaves 30,000-50,000, green when it comes into it."
                .to_string(),
            Self::Figure(F::PatientsPerGpFte) => {
                "Registered patients per GP FTE (practices with a GP FTE figure)".to_string()
            }
            Self::Figure(F::GpFte) | Self::Figure(F::NurseFte) => {
                "Full-time equivalents (37.5 h a week), one decimal. \
                 \"unknown\": no member publishes the figure; *: some members do not."
                    .to_string()
            }
            _ => "Click to sort".to_string(),
        }
    }
}

fn short_line_name(id: &str, name: &str) -> String {
    match id {
        "core" => "Core",
        "clinical_director" => "Clinical director",
        "leadership_management" => "Leadership",
        "participation" => "Participation",
        "extended_hours" => "Extended hours",
        "enhanced_access" => "Enhanced access",
        "casp" => "CASP",
        "caip" => "CAIP (max)",
        "care_home_premium" => "Care homes",
        "arrs" => "ARRS max",
        "gp_arrs" => "GP ARRS",
        "gp_reimbursement" => "GP scheme (practices)",
        _ => name,
    }
    .to_string()
}

/// Accessible name of a table cell, e.g. `Riverford Central PCN Registered: 41,234`.
pub fn cell_label(row: &str, column_title: &str, text: &str) -> String {
    format!("{row} {column_title}: {text}")
}

fn signed_patients(change: i64) -> String {
    let whole = (change.unsigned_abs() + 50) / 100;
    match change.signum() {
        1 if whole > 0 => format!("+{}", group_thousands(whole)),
        -1 if whole > 0 => format!("−{}", group_thousands(whole)),
        _ => "0".to_string(),
    }
}

fn signed_pounds(change: Pence) -> String {
    if change.0 > 0 {
        format!("+{}", change.to_whole_pounds_string())
    } else {
        change.to_whole_pounds_string()
    }
}

/// The text and sort value of one cell.
fn cell(
    column: Column,
    name: &str,
    figures: &GroupFigures,
    baseline: Option<&GroupFigures>,
    is_hub: bool,
    growth: GrowthSpan,
) -> (String, f64) {
    match column {
        Column::Growth | Column::Projected => growth_cell(column, figures, is_hub, growth),
        Column::Hub => (name.to_string(), 0.0),
        Column::RegisteredChange => match (baseline, is_hub) {
            (Some(base), _) => {
                let change = figures.registered.0 - base.registered.0;
                (signed_patients(change), change as f64)
            }
            (None, true) => ("new".to_string(), f64::MAX),
            (None, false) => (String::new(), 0.0),
        },
        Column::Figure(F::Band) => (
            figures
                .band
                .map_or_else(String::new, |b| b.label().to_string()),
            figures.band.map_or(-1.0, |b| b as u8 as f64),
        ),
        Column::Figure(F::GpFte) => (
            staff_cell(
                figures.gp_fte,
                figures.practices,
                figures.practices_without_gp_fte,
            ),
            figures.gp_fte.as_f64(),
        ),
        Column::Figure(F::NurseFte) => (
            staff_cell(
                figures.nurse_fte,
                figures.practices,
                figures.practices_without_nurse_fte,
            ),
            figures.nurse_fte.as_f64(),
        ),
        Column::TotalChange => match (baseline, is_hub) {
            (Some(base), _) => {
                let change = figures.total - base.total;
                (signed_pounds(change), change.0 as f64)
            }
            (None, true) => ("new".to_string(), f64::MAX),
            (None, false) => (String::new(), 0.0),
        },
        Column::Figure(F::ArrsHeadroom) if is_hub => {
            let headroom = figures.arrs.headroom();
            (headroom.to_whole_pounds_string(), headroom.0 as f64)
        }
        Column::Figure(F::ArrsHeadroom) => (String::new(), 0.0),
        Column::Figure(other) => figure_cell(other, figures),
    }
}

/// The screen's text and sort value of a figure, as the reports write it for people (`–` where
/// it has none).
fn figure_cell(column: FigureColumn, figures: &GroupFigures) -> (String, f64) {
    column.value(figures).map_or_else(
        || ("–".to_string(), -1.0),
        |value| (column.text_of(value), value.sort_value()),
    )
}

/// A growth cell: the yearly rate, or the projected list with the band it would fall in when
/// that differs from today's (`46,009 · above`).
fn growth_cell(
    column: Column,
    figures: &GroupFigures,
    is_hub: bool,
    growth: GrowthSpan,
) -> (String, f64) {
    let projection = growth.and_then(|(years, ahead)| {
        crate::model::growth::project(&figures.trend, figures.registered, years, ahead)
    });
    let Some(projection) = projection else {
        return ("–".to_string(), f64::MIN);
    };
    if column == Column::Growth {
        let percent = projection.yearly_rate * 100.0;
        return (format!("{percent:+.1} %"), percent);
    }
    let list = format_patients_whole(projection.registered);
    let text = match figures.band {
        Some(band) if is_hub && band != projection.band => {
            format!("{list} {}", band_word(projection.band))
        }
        _ => list,
    };
    (text, projection.registered.as_f64())
}

/// `below`, `in band`, `above`: the band a projected list falls in, in a narrow cell.
fn band_word(band: Band) -> &'static str {
    match band {
        Band::Below => "below",
        Band::Within => "in band",
        Band::Above => "above",
    }
}

/// The hubs in the band today whose projected list leaves it (`leaving`), or outside it today
/// whose projected list comes into it, by name.
fn hubs_changing_band(
    scenario: &Scenario,
    metrics: &Metrics,
    (years, ahead): (f64, u32),
    leaving: bool,
) -> Vec<String> {
    let mut names: Vec<String> = metrics
        .hubs
        .iter()
        .filter(|(_, figures)| {
            let within_now = figures.band == Some(Band::Within);
            crate::model::growth::project(&figures.trend, figures.registered, years, ahead)
                .is_some_and(|projection| {
                    let within_then = projection.band == Band::Within;
                    within_now != within_then && within_now == leaving
                })
        })
        .filter_map(|(id, _)| scenario.hub(*id))
        .map(|hub| crate::model::practice::title_case(&hub.name))
        .collect();
    names.sort();
    names
}

/// Sort column and order, with the sorted hub ids cached per revision.
pub struct TableState {
    sort: Column,
    ascending: bool,
    sorted: Option<(u64, Column, bool, u32, Vec<HubId>)>,
    /// Years ahead that the "In N years" column projects (with lists at two dates).
    pub project_years: u32,
    /// Widths the user set by dragging a header's right edge (double-click: back to the
    /// default).
    widths: std::collections::HashMap<Column, f32>,
    /// How far the rows are scrolled sideways; the header follows.
    scroll_x: f32,
}

impl Default for TableState {
    fn default() -> Self {
        Self {
            sort: Column::Hub,
            ascending: true,
            sorted: None,
            project_years: crate::model::growth::DEFAULT_PROJECT_YEARS,
            widths: Default::default(),
            scroll_x: 0.0,
        }
    }
}

/// The narrowest and widest a column can be dragged to.
const COLUMN_WIDTHS: (f32, f32) = (40.0, 520.0);

impl TableState {
    /// A column's width: as the user dragged it, else its default.
    fn width(&self, column: Column, hub_width: f32) -> f32 {
        self.widths
            .get(&column)
            .copied()
            .unwrap_or_else(|| column.width(hub_width))
    }

    fn sorted_hubs(
        &mut self,
        scenario: &Scenario,
        metrics: &Metrics,
        revision: u64,
        baseline: Option<&BTreeMap<String, GroupFigures>>,
        growth: GrowthSpan,
    ) -> Vec<HubId> {
        if let Some((r, column, ascending, ahead, ids)) = &self.sorted
            && *r == revision
            && *column == self.sort
            && *ascending == self.ascending
            && *ahead == self.project_years
        {
            return ids.clone();
        }
        let empty = GroupFigures::default();
        let mut keyed: Vec<(HubId, String, f64)> = scenario
            .hubs()
            .iter()
            .map(|(id, hub)| {
                let figures = metrics.hubs.get(id).unwrap_or(&empty);
                let base = baseline.and_then(|b| b.get(&hub.code));
                let (_, value) = cell(self.sort, &hub.name, figures, base, true, growth);
                (*id, hub.name.to_lowercase(), value)
            })
            .collect();
        if self.sort == Column::Hub {
            keyed.sort_by(|a, b| a.1.cmp(&b.1));
        } else {
            keyed.sort_by(|a, b| a.2.total_cmp(&b.2).then_with(|| a.1.cmp(&b.1)));
        }
        if !self.ascending {
            keyed.reverse();
        }
        let ids: Vec<HubId> = keyed.into_iter().map(|(id, _, _)| id).collect();
        self.sorted = Some((
            revision,
            self.sort,
            self.ascending,
            self.project_years,
            ids.clone(),
        ));
        ids
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        scenario: &Scenario,
        metrics: &Metrics,
        revision: u64,
        baseline: Option<&BTreeMap<String, GroupFigures>>,
        preview: &[(Option<HubId>, &GroupFigures)],
    ) {
        let years = scenario.region().list_years();
        if let Some(years) = years {
            self.growth_controls_ui(ui, scenario, metrics, years);
        }
        let growth = years.map(|years| (years, self.project_years));
        let columns = Column::all(
            metrics.rules.lines.len(),
            scenario.staff().has_staff(),
            growth.is_some(),
        );
        let hub_width = hub_width(ui, scenario.staff().has_staff(), growth.is_some());
        let titles: Vec<String> = columns
            .iter()
            .map(|c| c.title(metrics, self.project_years))
            .collect();
        let hubs = self.sorted_hubs(scenario, metrics, revision, baseline, growth);
        // Solid scroll bars, always drawn: a projector audience cannot hover to find out that
        // more columns or rows are there (egui's floating bars hide until hovered).
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        // The header scrolls sideways with the rows (it follows their offset) but stays put when
        // they scroll down; the rows' area has both scroll bars in view (nested inside a
        // sideways area, the vertical bar sat at the far right, out of sight).
        self.header_ui(ui, &columns, &titles, hub_width, metrics);
        ui.separator();
        let table = TableFrame {
            scenario,
            metrics,
            baseline,
            growth,
            widths: columns.iter().map(|c| self.width(*c, hub_width)).collect(),
            columns,
            titles,
            hub_names: scenario
                .hubs()
                .values()
                .map(|hub| hub.name.as_str())
                .collect(),
            dark: ui.visuals().dark_mode,
            region_figures: region_row_figures(metrics),
            empty: GroupFigures::default(),
        };
        // Hubs, then the unassigned practices and the region's totals.
        let total_rows = hubs.len() + 2;
        let rows = egui::ScrollArea::both()
            .id_salt("figures table rows")
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
            .auto_shrink([false, false])
            .show_rows(ui, ROW_HEIGHT, total_rows, |ui, range| {
                for row in range {
                    let group = hubs.get(row).copied();
                    let Some(data) = table.row(row, group, hubs.len()) else {
                        continue;
                    };
                    // While a chip is held over a card, the two hubs show their figures
                    // if it were dropped, on a tinted row named so.
                    let previewed = (row <= hubs.len())
                        .then(|| preview.iter().find(|(hub, _)| *hub == group))
                        .flatten()
                        .map(|(_, figures)| *figures);
                    table.row_ui(ui, &data, previewed);
                }
            });
        if (rows.state.clamped_offset().x - self.scroll_x).abs() > 0.25 {
            self.scroll_x = rows.state.clamped_offset().x;
            ui.ctx().request_repaint();
        }
    }

    /// The column titles, scrolled sideways with the rows (never by themselves).
    fn header_ui(
        &mut self,
        ui: &mut egui::Ui,
        columns: &[Column],
        titles: &[String],
        hub_width: f32,
        metrics: &Metrics,
    ) {
        egui::ScrollArea::horizontal()
            .id_salt("figures table header")
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
            .scroll_source(egui::scroll_area::ScrollSource::NONE)
            .horizontal_scroll_offset(self.scroll_x)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (column, title) in columns.iter().zip(titles) {
                        let width = self.width(*column, hub_width);
                        self.header_cell_ui(ui, *column, width, title, metrics);
                    }
                });
            });
    }

    /// The line above the table of a region with lists at two dates: the span, the years to
    /// project (editable) and the hubs that would leave their band.
    fn growth_controls_ui(
        &mut self,
        ui: &mut egui::Ui,
        scenario: &Scenario,
        metrics: &Metrics,
        years: f64,
    ) {
        let region = scenario.region();
        let span = (years, self.project_years);
        let within = match self.project_years {
            1 => "within a year".to_string(),
            n => format!("within {n} years"),
        };
        let dark = ui.visuals().dark_mode;
        // One line, so a projector in workshop mode keeps its table rows: the hubs changing band
        // are counted here and named on hover (and in full to a screen reader).
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "Growth {} to {}; project",
                region.earlier_list_date, region.snapshot_date
            ));
            let response = ui.add(
                egui::DragValue::new(&mut self.project_years)
                    .range(1..=crate::model::growth::MAX_PROJECT_YEARS)
                    .speed(0.05),
            );
            response.widget_info(|| {
                WidgetInfo::labeled(Role::SpinButton, true, "Years to project ahead")
            });
            ui.label("years (a trend, not a forecast).");
            for (leaving, sign) in [(true, -1), (false, 1)] {
                let names = hubs_changing_band(scenario, metrics, span, leaving);
                if names.is_empty() {
                    continue;
                }
                let count = names.len();
                let (what, short) = match (leaving, count) {
                    (true, 1) => ("hub leaves", "1 hub leaves the band"),
                    (true, _) => ("hubs leave", "hubs leave the band"),
                    (false, 1) => ("hub comes into", "1 hub comes into it"),
                    (false, _) => ("hubs come into", "hubs come into it"),
                };
                let shown = if count == 1 {
                    short.to_string()
                } else {
                    format!("{count} {short}")
                };
                let full = format!(
                    "{count} {what} the 30k–50k band {within}: {}",
                    names.join(", ")
                );
                let response = ui
                    .add(
                        egui::Label::new(
                            RichText::new(shown)
                                .underline()
                                .color(theme::delta_colour(sign, dark)),
                        )
                        .sense(egui::Sense::hover()),
                    )
                    .on_hover_text(&full);
                response.widget_info(|| WidgetInfo::labeled(Role::Label, true, full.clone()));
            }
        });
    }

    fn header_cell_ui(
        &mut self,
        ui: &mut egui::Ui,
        column: Column,
        width: f32,
        title: &str,
        metrics: &Metrics,
    ) {
        let arrow = if self.sort == column {
            if self.ascending { " ˆ" } else { " ˇ" }
        } else {
            ""
        };
        let size = egui::vec2(width, ROW_HEIGHT + 4.0);
        let layout = if column == Column::Hub {
            Layout::left_to_right(Align::Center)
        } else {
            Layout::right_to_left(Align::Center)
        };
        ui.allocate_ui_with_layout(size, layout, |ui| {
            ui.set_min_size(size);
            let button = egui::Button::new(RichText::new(format!("{title}{arrow}")).strong())
                .frame(false)
                .truncate();
            let response = ui.add(button);
            response.widget_info(|| {
                WidgetInfo::labeled(Role::Button, true, format!("Sort by {title}"))
            });
            if response.on_hover_text(column.tooltip(metrics)).clicked() {
                if self.sort == column {
                    self.ascending = !self.ascending;
                } else {
                    self.sort = column;
                    self.ascending = column == Column::Hub;
                }
            }
        });
        self.resize_handle_ui(ui, column, width, title);
    }

    /// The header's right edge: drag to widen or narrow the column, double-click for its
    /// default width.
    fn resize_handle_ui(&mut self, ui: &mut egui::Ui, column: Column, width: f32, title: &str) {
        let cell = ui.min_rect();
        let spacing = ui.spacing().item_spacing.x;
        let x = ui.cursor().left() - spacing / 2.0;
        let rect = egui::Rect::from_x_y_ranges(x - 4.0..=x + 4.0, cell.top()..=cell.bottom());
        let response = ui.interact(
            rect,
            egui::Id::unique(("resize column", column)),
            egui::Sense::click_and_drag(),
        );
        response.widget_info(|| {
            WidgetInfo::labeled(Role::Splitter, true, format!("Resize column {title}"))
        });
        let response = response.on_hover_cursor(egui::CursorIcon::ResizeColumn);
        if response.hovered() || response.dragged() {
            let stroke = ui.visuals().widgets.hovered.fg_stroke;
            ui.painter().vline(x, rect.y_range(), stroke);
        }
        if response.double_clicked() {
            self.widths.remove(&column);
        } else if response.dragged() {
            let dragged = (width + response.drag_delta().x).clamp(COLUMN_WIDTHS.0, COLUMN_WIDTHS.1);
            self.widths.insert(column, dragged);
        }
    }
}

/// A staff cell: one decimal, `unknown` where no member publishes the figure, `*` where some
/// members do not (the column's tooltip says so).
fn staff_cell(fte: crate::model::Fte, practices: u32, without: u32) -> String {
    use crate::model::format::{fte_one_decimal, staff_figure};
    if without > 0 && without < practices {
        format!("{}*", fte_one_decimal(fte))
    } else {
        staff_figure(fte, practices, without)
    }
}

/// Columns that must be visible without scrolling sideways, after the hub's name.
const KEY_COLUMNS: [Column; 5] = [
    Column::Figure(F::Practices),
    Column::Figure(F::Registered),
    Column::Figure(F::Band),
    Column::Figure(F::Total),
    Column::TotalChange,
];

/// The hub column's width: what the key columns leave of the panel, within readable limits, so
/// that hub, practices, registered, band, total and its change fit; the rest scrolls sideways.
fn hub_width(ui: &egui::Ui, has_staff: bool, growth: bool) -> f32 {
    let spacing = ui.spacing().item_spacing.x;
    let mut staff = if has_staff {
        Column::Figure(F::ArrsHeadroom).width(0.0) + spacing
    } else {
        0.0
    };
    if growth {
        staff += Column::Growth.width(0.0) + Column::Projected.width(0.0) + 2.0 * spacing;
    }
    let key: f32 = staff
        + KEY_COLUMNS
            .iter()
            .map(|column| column.width(0.0) + spacing)
            .sum::<f32>();
    // The hub's full name is on hover and in its accessible name.
    let narrowest = if has_staff { 100.0 } else { 120.0 };
    (ui.available_width() - key - 12.0).clamp(narrowest, 220.0)
}

/// Region totals as a row (no band, funding over hubs).
fn region_row_figures(metrics: &Metrics) -> GroupFigures {
    let region = &metrics.region;
    GroupFigures {
        practices: region.practices,
        registered: region.registered,
        weighted: region.weighted,
        gp_fte: region.gp_fte,
        nurse_fte: region.nurse_fte,
        funding: region.funding.clone(),
        total: region.total_funding,
        trend: metrics
            .hubs
            .values()
            .chain([&metrics.unassigned])
            .fold(Default::default(), |sum, figures| sum.plus(figures.trend)),
        ..GroupFigures::default()
    }
}

/// What every row of one frame's table shares.
struct TableFrame<'a> {
    scenario: &'a Scenario,
    metrics: &'a Metrics,
    baseline: Option<&'a BTreeMap<String, GroupFigures>>,
    growth: GrowthSpan,
    columns: Vec<Column>,
    titles: Vec<String>,
    widths: Vec<f32>,
    /// Every hub's name, so that a shortened name keeps the words that tell it apart.
    hub_names: Vec<&'a str>,
    dark: bool,
    region_figures: GroupFigures,
    /// The figures of a hub the metrics do not know (none: drawn as zeros).
    empty: GroupFigures,
}

/// One row: a hub, the unassigned practices or the region's total.
struct RowData<'a> {
    name: String,
    colour: Option<egui::Color32>,
    figures: &'a GroupFigures,
    base: Option<&'a GroupFigures>,
    is_hub: bool,
}

/// A row's look, as its cells draw it.
struct RowLook<'a> {
    /// The name a screen reader hears for the row's cells.
    label_name: &'a str,
    colour: Option<egui::Color32>,
    summary_row: bool,
}

impl<'a> TableFrame<'a> {
    /// Row `row` of `hubs` hub rows (`group` is its hub; after them come the unassigned
    /// practices and the region total).
    fn row(&self, row: usize, group: Option<HubId>, hubs: usize) -> Option<RowData<'_>> {
        if let Some(id) = group {
            let hub = self.scenario.hub(id)?;
            return Some(RowData {
                name: crate::model::practice::title_case(&hub.name),
                colour: Some(theme::hub_colour(hub.colour)),
                figures: self.metrics.hubs.get(&id).unwrap_or(&self.empty),
                base: self.baseline.and_then(|b| b.get(&hub.code)),
                is_hub: true,
            });
        }
        let (name, figures) = if row == hubs {
            ("Unassigned", &self.metrics.unassigned)
        } else {
            ("Region total", &self.region_figures)
        };
        Some(RowData {
            name: name.to_string(),
            colour: None,
            figures,
            base: None,
            is_hub: false,
        })
    }

    /// One row of cells; `previewed` (the figures if the held chip were dropped) tints it.
    fn row_ui(&self, ui: &mut egui::Ui, data: &RowData<'_>, previewed: Option<&GroupFigures>) {
        // The row keeps its name on screen (the tint marks it); its cells tell a screen reader
        // that the figures are the drop's.
        let mut label_name = std::borrow::Cow::Borrowed(data.name.as_str());
        let mut figures = data.figures;
        if let Some(new) = previewed {
            figures = new;
            label_name = format!("{}, if dropped", data.name).into();
        }
        let look = RowLook {
            label_name: &label_name,
            colour: data.colour,
            summary_row: !data.is_hub,
        };
        ui.horizontal(|ui| {
            ui.set_height(ROW_HEIGHT);
            if previewed.is_some() {
                let row_rect = egui::Rect::from_min_size(
                    ui.cursor().min,
                    egui::vec2(self.widths.iter().sum(), ROW_HEIGHT),
                );
                ui.painter().rect_filled(
                    row_rect,
                    2.0,
                    ui.visuals().selection.bg_fill.gamma_multiply(0.35),
                );
            }
            for ((column, title), width) in self.columns.iter().zip(&self.titles).zip(&self.widths)
            {
                let (text, value) = cell(
                    *column,
                    &data.name,
                    figures,
                    data.base,
                    data.is_hub,
                    self.growth,
                );
                let text = CellText {
                    title,
                    text: &text,
                    value,
                };
                self.cell_ui(ui, *column, *width, &text, &look);
            }
        });
    }

    fn cell_ui(
        &self,
        ui: &mut egui::Ui,
        column: Column,
        width: f32,
        cell: &CellText<'_>,
        row: &RowLook<'_>,
    ) {
        let size = egui::vec2(width, ROW_HEIGHT);
        let layout = if column == Column::Hub {
            Layout::left_to_right(Align::Center)
        } else {
            Layout::right_to_left(Align::Center)
        };
        let (text, value, dark) = (cell.text, cell.value, self.dark);
        ui.allocate_ui_with_layout(size, layout, |ui| {
            ui.set_min_size(size);
            let mut rich = RichText::new(text);
            if row.summary_row {
                rich = rich.italics();
            }
            let mut shortened = false;
            match column {
                Column::Hub => {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    if let Some(colour) = row.colour {
                        ui.painter().rect_filled(rect, 2.0, colour);
                    }
                    // A long name keeps its distinguishing words (`Haywards… Villages`).
                    let font = egui::TextStyle::Body.resolve(ui.style());
                    let shown = theme::fit_name(
                        ui.painter(),
                        text,
                        self.hub_names.iter().copied(),
                        font,
                        ui.available_width(),
                    );
                    if shown != text {
                        shortened = true;
                        rich = RichText::new(shown);
                        if row.summary_row {
                            rich = rich.italics();
                        }
                    }
                }
                Column::Figure(F::ArrsHeadroom) if value < 0.0 => {
                    rich = rich.color(theme::delta_colour(-1, dark));
                }
                Column::Projected if text.ends_with("in band") => {
                    rich = rich.color(theme::delta_colour(1, dark));
                }
                Column::Projected if text.ends_with("above") || text.ends_with("below") => {
                    rich = rich.color(theme::delta_colour(-1, dark));
                }
                Column::RegisteredChange | Column::TotalChange if text != "new" => {
                    let sign = if value > 0.0 {
                        1
                    } else if value < 0.0 {
                        -1
                    } else {
                        0
                    };
                    rich = rich.color(theme::delta_colour(sign, dark));
                }
                _ => {}
            }
            let mut response = ui.add(egui::Label::new(rich).truncate());
            if shortened {
                response = response.on_hover_text(text);
            }
            let label = cell_label(row.label_name, cell.title, text);
            response.widget_info(|| WidgetInfo::labeled(Role::Label, true, label.clone()));
        });
    }
}

/// A cell's column title, text and value (what it sorts and colours by).
struct CellText<'a> {
    title: &'a str,
    text: &'a str,
    value: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A figure the table has no column of its own for is still shown from its export
    /// definition: the same number as the CSV, in the screen's whole pounds.
    #[test]
    fn any_export_figure_reads_the_same_in_the_table() {
        let mut figures = GroupFigures::default();
        figures.arrs.entitlement = Pence(12_345_678);
        figures.arrs.claimable = Pence(10_000_000);
        let (text, value) = figure_cell(F::ArrsEntitlement, &figures);
        assert_eq!(text, Pence(12_345_678).to_whole_pounds_string());
        assert_eq!(value, 12_345_678.0);
        let csv = F::ArrsEntitlement.value(&figures).expect("a value").cell();
        assert_eq!(csv, "123456.78");
        // The headroom column (the table's own text) and the export agree on the number.
        let (_, headroom) = cell(
            Column::Figure(F::ArrsHeadroom),
            "Hub",
            &figures,
            None,
            true,
            None,
        );
        assert_eq!(headroom, 2_345_678.0);
    }
}
