//! The hub board: a card per hub (and one for the unassigned practices) holding draggable
//! practice chips. Only the cards and chips in view are laid out, so all of England stays fast.

use super::theme::{self, CARD_GAP, CARD_HEADER_HEIGHT, CARD_PADDING, CHIP_ROW_HEIGHT};
use super::{Intent, Selection};
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::model::{Action, GroupFigures, HubId, Metrics, PracticeId, Scenario, group_figures};
use egui::accesskit::Role;
use egui::{Align2, Color32, Pos2, Rect, Sense, Stroke, Vec2, WidgetInfo};

mod hub_dialogs;
mod names;

pub use names::PracticeNames;

/// One card of the board, positioned in the scrolled content.
#[derive(Debug, Clone)]
struct CardLayout {
    group: Option<HubId>,
    /// Chips shown (all members, or those matching the search), sorted by name.
    chips: Vec<PracticeId>,
    /// Offset of the card's top from the content's top (points).
    top: f32,
    height: f32,
}

#[derive(Debug, Clone)]
struct BoardLayout {
    revision: u64,
    search: String,
    show_unassigned: Option<bool>,
    cards: Vec<CardLayout>,
    total_height: f32,
    matches: usize,
}

/// Figures of the source and target cards if the dragged practice were dropped.
#[derive(Debug, Clone)]
struct Preview {
    revision: u64,
    practice: PracticeId,
    source: Option<HubId>,
    target: Option<HubId>,
    source_figures: GroupFigures,
    target_figures: GroupFigures,
}

/// State of the board between frames (search text, caches, open dialogs).
#[derive(Default)]
pub struct BoardState {
    pub search: String,
    /// Whether the unassigned card lists its chips; `None` = automatic (shown when it holds at
    /// most [`UNASSIGNED_SHOWN_AUTOMATICALLY`] practices, so England's board starts with hubs).
    pub show_unassigned: Option<bool>,
    names: PracticeNames,
    layout: Option<BoardLayout>,
    preview: Option<Preview>,
    dialogs: hub_dialogs::HubDialogs,
}

/// The unassigned card lists its chips automatically up to this many practices.
pub const UNASSIGNED_SHOWN_AUTOMATICALLY: usize = 12;

fn card_height(chips: usize) -> f32 {
    CARD_PADDING * 2.0 + CARD_HEADER_HEIGHT + chips as f32 * CHIP_ROW_HEIGHT
}

/// Accessible name of a hub card, e.g. `Riverford Central PCN hub card: 6 practices,
/// 41,234 registered, 30k–50k`.
pub fn card_label(name: &str, figures: &GroupFigures) -> String {
    let band = figures.band.map_or("no band", |band| band.label());
    format!(
        "{name} card: {} practices, {} registered, {band}",
        figures.practices,
        format_patients_whole(figures.registered)
    )
}

/// Accessible name of a practice chip, e.g. `Meadows Surgery, 9,846 patients`.
pub fn chip_label(name: &str, registered: crate::model::Patients) -> String {
    format!("{name}, {} patients", format_patients_whole(registered))
}

/// Display name of a card's group.
fn group_name(scenario: &Scenario, group: Option<HubId>) -> String {
    match group {
        Some(id) => scenario
            .hub(id)
            .map_or_else(|| format!("Hub {}", id.0), |hub| title_case(&hub.name)),
        None => "Unassigned".to_string(),
    }
}

impl BoardState {
    fn ensure_layout(&mut self, scenario: &Scenario, revision: u64) {
        if let Some(layout) = &self.layout
            && layout.revision == revision
            && layout.search == self.search
            && layout.show_unassigned == self.show_unassigned
        {
            return;
        }
        self.names.ensure(scenario.region_arc());
        let query = self.search.trim().to_lowercase();
        let mut groups: Vec<(String, Option<HubId>)> = scenario
            .hubs()
            .iter()
            .map(|(id, hub)| (hub.name.to_lowercase(), Some(*id)))
            .collect();
        groups.sort();
        groups.insert(0, (String::new(), None));
        let mut cards = Vec::with_capacity(groups.len());
        let mut top = 0.0;
        let mut matches = 0;
        for (lower_name, group) in groups {
            let mut chips: Vec<PracticeId> = scenario.group_members(group).collect();
            if !query.is_empty() {
                let hub_matches = group.is_some() && lower_name.contains(&query);
                chips.retain(|id| self.names.matches(*id, &query));
                matches += chips.len();
                if chips.is_empty() && !hub_matches {
                    continue;
                }
                if hub_matches && chips.is_empty() {
                    chips = scenario.group_members(group).collect();
                }
            }
            let folded = group.is_none()
                && query.is_empty()
                && !self
                    .show_unassigned
                    .unwrap_or(chips.len() <= UNASSIGNED_SHOWN_AUTOMATICALLY);
            if folded {
                chips.clear();
            }
            chips.sort_by(|a, b| self.names.name(*a).cmp(self.names.name(*b)));
            // An empty (or folded) card keeps one row for its hint.
            let height = card_height(chips.len().max(1));
            cards.push(CardLayout {
                group,
                chips,
                top,
                height,
            });
            top += height + CARD_GAP;
        }
        self.layout = Some(BoardLayout {
            revision,
            search: self.search.clone(),
            show_unassigned: self.show_unassigned,
            cards,
            total_height: top,
            matches,
        });
    }

    /// Draws the board and records moves, selections and hub edits as intents.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        scenario: &Scenario,
        metrics: &Metrics,
        revision: u64,
        selection: &mut Selection,
        intents: &mut Vec<Intent>,
    ) {
        self.toolbar_ui(ui, scenario, selection, intents);
        // A practice chosen on the map that sits in the folded unassigned card: unfold it.
        if let Some(practice) = selection.scroll_board_to
            && scenario.hub_of(practice).is_none()
        {
            self.show_unassigned = Some(true);
        }
        self.ensure_layout(scenario, revision);
        let Some(layout) = self.layout.take() else {
            return;
        };
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt("hub board scroll")
            .auto_shrink([false, false]);
        if let Some(target) = selection.scroll_board_to.take()
            && let Some(y) = chip_offset(&layout, target)
        {
            scroll = scroll.vertical_scroll_offset((y - 80.0).max(0.0));
        }
        let ctx = ui.ctx().clone();
        let dragged = egui::DragAndDrop::payload::<PracticeId>(&ctx).map(|p| *p);
        let pointer = ctx.pointer_interact_pos();
        let released = ctx.input(|i| i.pointer.any_released());
        let mut drop_target: Option<Option<HubId>> = None;
        let toggle_unassigned = std::cell::Cell::new(false);
        scroll.show_viewport(ui, |ui, viewport| {
            ui.set_height(layout.total_height);
            let origin = ui.max_rect().min;
            let width = ui.available_width();
            let clip = ui.clip_rect();
            let visible: Vec<&CardLayout> = layout
                .cards
                .iter()
                .filter(|card| {
                    card.top + card.height >= viewport.min.y && card.top <= viewport.max.y
                })
                .collect();
            let card_rect = |card: &CardLayout| {
                Rect::from_min_size(
                    origin + Vec2::new(0.0, card.top),
                    Vec2::new(width, card.height),
                )
            };
            if let (Some(practice), Some(pointer)) = (dragged, pointer)
                && clip.contains(pointer)
            {
                drop_target = visible
                    .iter()
                    .find(|card| card_rect(card).contains(pointer))
                    .map(|card| card.group)
                    .filter(|group| *group != scenario.hub_of(practice));
            }
            let preview = match (dragged, drop_target) {
                (Some(practice), Some(target)) => Some(
                    self.preview_for(scenario, metrics, revision, practice, target)
                        .clone(),
                ),
                _ => None,
            };
            for card in visible {
                let rect = card_rect(card);
                let context = CardContext {
                    scenario,
                    metrics,
                    names: &self.names,
                    preview: preview.as_ref(),
                    is_drop_target: drop_target == Some(card.group),
                    dragging: dragged,
                    query: self.search.trim().to_lowercase(),
                    toggle_unassigned: &toggle_unassigned,
                };
                card_ui(
                    ui,
                    rect,
                    card,
                    viewport,
                    origin,
                    &context,
                    selection,
                    &mut self.dialogs,
                );
            }
        });
        if let (Some(practice), Some(target), true) = (dragged, drop_target, released) {
            intents.push(Intent::Edit(Action::MovePractice {
                practice,
                to: target,
            }));
        }
        if let Some(practice) = dragged {
            drag_ghost_ui(&ctx, scenario, &self.names, practice);
        }
        if toggle_unassigned.get() {
            let shown = layout
                .cards
                .first()
                .is_some_and(|card| card.group.is_none() && !card.chips.is_empty());
            self.show_unassigned = Some(!shown);
        }
        self.layout = Some(layout);
        self.dialogs.ui(&ctx, scenario, intents);
    }

    fn toolbar_ui(
        &mut self,
        ui: &mut egui::Ui,
        scenario: &Scenario,
        selection: &mut Selection,
        intents: &mut Vec<Intent>,
    ) {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.heading("Hubs");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("+ New hub")
                    .on_hover_text("Create an empty hub, then drag practices into it")
                    .clicked()
                {
                    self.dialogs.open_new_hub(scenario);
                }
            });
        });
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.search)
                        .hint_text("practice name, code or postcode; hub name")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let first = self
                    .layout
                    .as_ref()
                    .and_then(|l| l.cards.iter().find_map(|c| c.chips.first().copied()));
                if let Some(first) = first {
                    selection.practice = Some(first);
                    selection.scroll_board_to = Some(first);
                    intents.push(Intent::Select(Some(first)));
                }
            }
        });
        if let Some(layout) = &self.layout
            && !self.search.trim().is_empty()
        {
            ui.label(format!("{} matching practices", layout.matches));
        }
        ui.add_space(2.0);
    }

    fn preview_for(
        &mut self,
        scenario: &Scenario,
        metrics: &Metrics,
        revision: u64,
        practice: PracticeId,
        target: Option<HubId>,
    ) -> &Preview {
        let fresh = self.preview.as_ref().is_some_and(|p| {
            p.revision == revision && p.practice == practice && p.target == target
        });
        if !fresh {
            let rules = metrics.rules;
            let source = scenario.hub_of(practice);
            let source_figures = group_figures(
                scenario,
                scenario.group_members(source).filter(|id| *id != practice),
                rules,
                source.is_some(),
            );
            let target_figures = group_figures(
                scenario,
                scenario
                    .group_members(target)
                    .chain(std::iter::once(practice)),
                rules,
                target.is_some(),
            );
            self.preview = Some(Preview {
                revision,
                practice,
                source,
                target,
                source_figures,
                target_figures,
            });
        }
        // Just set above when missing.
        self.preview.get_or_insert_with(|| Preview {
            revision,
            practice,
            source: None,
            target,
            source_figures: GroupFigures::default(),
            target_figures: GroupFigures::default(),
        })
    }
}

/// Offset of a chip from the content's top, for scrolling to it.
fn chip_offset(layout: &BoardLayout, practice: PracticeId) -> Option<f32> {
    layout.cards.iter().find_map(|card| {
        let index = card.chips.iter().position(|id| *id == practice)?;
        Some(card.top + CARD_PADDING + CARD_HEADER_HEIGHT + index as f32 * CHIP_ROW_HEIGHT)
    })
}

/// What a card needs to draw itself.
struct CardContext<'a> {
    scenario: &'a Scenario,
    metrics: &'a Metrics,
    names: &'a PracticeNames,
    preview: Option<&'a Preview>,
    is_drop_target: bool,
    dragging: Option<PracticeId>,
    query: String,
    /// Set when the unassigned card's Show/Hide button is clicked.
    toggle_unassigned: &'a std::cell::Cell<bool>,
}

#[allow(clippy::too_many_arguments)]
fn card_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    card: &CardLayout,
    viewport: Rect,
    origin: Pos2,
    context: &CardContext<'_>,
    selection: &mut Selection,
    dialogs: &mut hub_dialogs::HubDialogs,
) {
    let scenario = context.scenario;
    let dark = ui.visuals().dark_mode;
    let colour = match card.group {
        Some(id) => scenario.hub(id).map_or(theme::UNASSIGNED_COLOUR, |hub| {
            theme::hub_colour(hub.colour)
        }),
        None => theme::UNASSIGNED_COLOUR,
    };
    let name = group_name(scenario, card.group);
    let empty = GroupFigures::default();
    let figures = context.metrics.group(card.group).unwrap_or(&empty);
    let card_id = egui::Id::unique(("hub card", card.group.map(|id| id.0)));
    let response = ui.interact(rect, card_id, Sense::hover());
    let mut label = card_label(&name, figures);
    if let Some(preview) = context.preview {
        let previewed = if preview.target == card.group {
            Some(&preview.target_figures)
        } else if preview.source == card.group {
            Some(&preview.source_figures)
        } else {
            None
        };
        if let Some(new) = previewed {
            label.push_str(&format!(
                "; if dropped: {} practices, {} registered, {}",
                new.practices,
                format_patients_whole(new.registered),
                new.band.map_or("no band", |band| band.label())
            ));
        }
    }
    response.widget_info(|| WidgetInfo::labeled(Role::Group, true, label.clone()));

    let painter = ui.painter();
    let stroke = if context.is_drop_target {
        Stroke::new(3.0, ui.visuals().selection.stroke.color)
    } else {
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
    };
    let fill = if context.is_drop_target {
        ui.visuals().selection.bg_fill.gamma_multiply(0.35)
    } else {
        ui.visuals().faint_bg_color
    };
    painter.rect(rect, 6.0, fill, stroke, egui::StrokeKind::Inside);
    let stripe = Rect::from_min_size(rect.min, Vec2::new(6.0, rect.height()));
    painter.rect_filled(
        stripe,
        egui::CornerRadius {
            nw: 6,
            sw: 6,
            ne: 0,
            se: 0,
        },
        colour,
    );

    let inner = rect.shrink2(Vec2::new(CARD_PADDING + 6.0, CARD_PADDING));
    header_ui(
        ui, inner, card, &name, colour, figures, context, dark, dialogs,
    );

    // Chips: only the rows inside the viewport.
    let chips_top = card.top + CARD_PADDING + CARD_HEADER_HEIGHT;
    let first = ((viewport.min.y - chips_top) / CHIP_ROW_HEIGHT)
        .floor()
        .max(0.0) as usize;
    let last = (((viewport.max.y - chips_top) / CHIP_ROW_HEIGHT)
        .ceil()
        .max(0.0) as usize)
        .min(card.chips.len());
    for index in first..last {
        let Some(practice) = card.chips.get(index).copied() else {
            continue;
        };
        let chip_rect = Rect::from_min_size(
            Pos2::new(
                inner.min.x,
                origin.y + chips_top + index as f32 * CHIP_ROW_HEIGHT,
            ),
            Vec2::new(inner.width(), CHIP_ROW_HEIGHT - 2.0),
        );
        chip_ui(ui, chip_rect, practice, context, selection, dark);
    }
    if card.chips.is_empty() {
        let hint = if figures.practices > 0 && context.query.is_empty() {
            "List hidden (Show lists it); drop here to unassign"
        } else if card.group.is_none() {
            "Drop a practice here to take it out of its hub"
        } else {
            "No practices: drag some here"
        };
        ui.painter().text(
            Pos2::new(inner.min.x + 4.0, inner.max.y - CHIP_ROW_HEIGHT / 2.0),
            Align2::LEFT_CENTER,
            hint,
            egui::FontId::proportional(12.5),
            ui.visuals().weak_text_color(),
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn header_ui(
    ui: &mut egui::Ui,
    inner: Rect,
    card: &CardLayout,
    name: &str,
    colour: Color32,
    figures: &GroupFigures,
    context: &CardContext<'_>,
    dark: bool,
    dialogs: &mut hub_dialogs::HubDialogs,
) {
    let text_colour = ui.visuals().strong_text_color();
    let weak = ui.visuals().weak_text_color();
    let painter = ui.painter().clone();
    // Line 1: swatch, name, practice count, edit button.
    let swatch = Rect::from_min_size(inner.min + Vec2::new(0.0, 3.0), Vec2::splat(16.0));
    painter.rect_filled(swatch, 3.0, colour);
    let edit_width = if card.group.is_some() || figures.practices > 0 {
        56.0
    } else {
        0.0
    };
    let name_width = (inner.width() - 26.0 - edit_width).max(40.0);
    let galley = egui::WidgetText::from(egui::RichText::new(name).strong().size(15.5)).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        name_width,
        egui::TextStyle::Body,
    );
    painter.galley(inner.min + Vec2::new(22.0, 1.0), galley, text_colour);
    if let Some(id) = card.group {
        let button_rect = Rect::from_min_size(
            Pos2::new(inner.max.x - edit_width + 4.0, inner.min.y),
            Vec2::new(edit_width - 4.0, 22.0),
        );
        let button = ui.put(button_rect, egui::Button::new("Edit").small());
        button.widget_info(|| WidgetInfo::labeled(Role::Button, true, format!("Edit hub {name}")));
        if button
            .on_hover_text("Rename, merge or delete this hub")
            .clicked()
        {
            dialogs.open_edit(context.scenario, id);
        }
    } else if figures.practices > 0 && context.query.is_empty() {
        let button_rect = Rect::from_min_size(
            Pos2::new(inner.max.x - edit_width + 4.0, inner.min.y),
            Vec2::new(edit_width - 4.0, 22.0),
        );
        let shown = !card.chips.is_empty();
        let text = if shown { "Hide" } else { "Show" };
        let button = ui.put(button_rect, egui::Button::new(text).small());
        let label = format!("{text} unassigned practices");
        button.widget_info(|| WidgetInfo::labeled(Role::Button, true, label.clone()));
        if button.clicked() {
            context.toggle_unassigned.set(true);
        }
    }
    // Line 2: registered total and band, or the preview while a chip is dragged over.
    let line2_y = inner.min.y + 36.0;
    let mut x = inner.min.x;
    let registered = format!("{} registered", format_patients_whole(figures.registered));
    let rect = painter.text(
        Pos2::new(x, line2_y),
        Align2::LEFT_CENTER,
        registered,
        egui::FontId::proportional(15.0),
        text_colour,
    );
    let count = format!(
        "· {} practice{}",
        figures.practices,
        if figures.practices == 1 { "" } else { "s" }
    );
    let rect = painter.text(
        Pos2::new(rect.max.x + 5.0, line2_y),
        Align2::LEFT_CENTER,
        count,
        egui::FontId::proportional(13.0),
        weak,
    );
    x = rect.max.x + 8.0;
    if let Some(band) = figures.band {
        x = band_badge(&painter, Pos2::new(x, line2_y), band, dark)
            .max
            .x
            + 8.0;
    }
    if let Some(preview) = context.preview {
        let previewed = if preview.target == card.group {
            Some(&preview.target_figures)
        } else if preview.source == card.group {
            Some(&preview.source_figures)
        } else {
            None
        };
        if let Some(new) = previewed {
            let accent = ui.visuals().selection.stroke.color;
            let rect = painter.text(
                Pos2::new(x, line2_y),
                Align2::LEFT_CENTER,
                format!("» {}", format_patients_whole(new.registered)),
                egui::FontId::proportional(15.0),
                accent,
            );
            if let Some(band) = new.band {
                band_badge(&painter, Pos2::new(rect.max.x + 6.0, line2_y), band, dark);
            }
        }
    }
}

/// A rounded badge with the band's text; returns its rect.
pub fn band_badge(
    painter: &egui::Painter,
    left_centre: Pos2,
    band: crate::model::Band,
    dark: bool,
) -> Rect {
    let colour = theme::band_colour(band, dark);
    let galley = painter.layout_no_wrap(
        band.label().to_string(),
        egui::FontId::proportional(12.5),
        colour,
    );
    let size = galley.size() + Vec2::new(10.0, 4.0);
    let rect = Rect::from_min_size(left_centre - Vec2::new(0.0, size.y / 2.0), size);
    painter.rect_stroke(
        rect,
        8.0,
        Stroke::new(1.2, colour),
        egui::StrokeKind::Inside,
    );
    painter.galley(rect.min + Vec2::new(5.0, 2.0), galley, colour);
    rect
}

fn chip_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    practice_id: PracticeId,
    context: &CardContext<'_>,
    selection: &mut Selection,
    dark: bool,
) {
    let Some(practice) = context.scenario.region().practice(practice_id) else {
        return;
    };
    let name = context.names.name(practice_id);
    let id = egui::Id::unique(("practice chip", practice_id.0));
    let response = ui.interact(rect, id, Sense::click_and_drag());
    response.dnd_set_drag_payload(practice_id);
    let selected = selection.practice == Some(practice_id);
    let label = chip_label(name, practice.registered_patients);
    response.widget_info(|| WidgetInfo::selected(Role::ListItem, true, selected, label.clone()));
    if response.clicked() {
        selection.practice = if selected { None } else { Some(practice_id) };
    }
    let response = response.on_hover_cursor(egui::CursorIcon::Grab);
    let being_dragged = context.dragging == Some(practice_id);
    let visuals = ui.visuals();
    let matched = !context.query.is_empty() && context.names.matches(practice_id, &context.query);
    let fill = if selected || matched {
        theme::highlight_fill(dark)
    } else if response.hovered() {
        visuals.widgets.hovered.weak_bg_fill
    } else {
        visuals.widgets.inactive.weak_bg_fill
    };
    let painter = ui.painter();
    let alpha = if being_dragged { 0.35 } else { 1.0 };
    painter.rect_filled(rect, 4.0, fill.gamma_multiply(alpha));
    if selected {
        painter.rect_stroke(
            rect,
            4.0,
            Stroke::new(2.0, visuals.selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
    let text_colour = visuals.text_color().gamma_multiply(alpha);
    let size_text = format_patients_whole(practice.registered_patients);
    let size_rect = painter.text(
        Pos2::new(rect.max.x - 6.0, rect.center().y),
        Align2::RIGHT_CENTER,
        size_text,
        egui::FontId::proportional(13.5),
        text_colour,
    );
    let galley = egui::WidgetText::from(name).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        (size_rect.min.x - rect.min.x - 16.0).max(20.0),
        egui::TextStyle::Body,
    );
    let y = rect.center().y - galley.size().y / 2.0;
    ui.painter()
        .galley(Pos2::new(rect.min.x + 6.0, y), galley, text_colour);
}

/// The chip under the pointer while dragging.
fn drag_ghost_ui(
    ctx: &egui::Context,
    scenario: &Scenario,
    names: &PracticeNames,
    practice: PracticeId,
) {
    let (Some(pointer), Some(data)) = (
        ctx.pointer_interact_pos(),
        scenario.region().practice(practice),
    ) else {
        return;
    };
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Tooltip,
        egui::Id::unique("dragged chip"),
    ));
    let text = format!(
        "{}  {}",
        names.name(practice),
        format_patients_whole(data.registered_patients)
    );
    let visuals = ctx.global_style().visuals.clone();
    let galley = painter.layout_no_wrap(
        text,
        egui::FontId::proportional(14.5),
        visuals.strong_text_color(),
    );
    let rect = Rect::from_min_size(
        pointer + Vec2::new(12.0, 8.0),
        galley.size() + Vec2::new(14.0, 8.0),
    );
    painter.rect(
        rect,
        5.0,
        visuals.window_fill,
        Stroke::new(2.0, visuals.selection.stroke.color),
        egui::StrokeKind::Inside,
    );
    painter.galley(
        rect.min + Vec2::new(7.0, 4.0),
        galley,
        visuals.strong_text_color(),
    );
}
