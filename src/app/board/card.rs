//! Drawing one hub card of the board: its header (swatch, name, total, band badge, practice
//! count), its chips, and the ghost chip that follows the pointer during a drag.

use super::names::PracticeNames;
use super::{CardLayout, Preview, card_label, chip_label, group_name, hub_dialogs};
use crate::app::Intent;
use crate::app::theme::{self, CARD_PADDING, CHIP_ROW_HEIGHT};
use crate::model::quantity::format_patients_whole;
use crate::model::{Action, GroupFigures, HubId, Metrics, PracticeId, Scenario};
use egui::accesskit::Role;
use egui::{Align2, Color32, Pos2, Rect, Sense, Stroke, Vec2, WidgetInfo};

/// What a card needs to draw itself.
pub(super) struct CardContext<'a> {
    pub(super) scenario: &'a Scenario,
    pub(super) metrics: &'a Metrics,
    pub(super) names: &'a PracticeNames,
    pub(super) preview: Option<&'a Preview>,
    pub(super) is_drop_target: bool,
    pub(super) dragging: Option<PracticeId>,
    pub(super) query: String,
    /// The selected practice (changed only by an intent).
    pub(super) selected: Option<PracticeId>,
    pub(super) dark: bool,
    /// Set when the unassigned card's Show/Hide button is clicked.
    pub(super) toggle_unassigned: &'a std::cell::Cell<bool>,
    /// What the cards ask for this frame: selections, and lock edits from a chip's or card's
    /// menu (applied by the app after layout).
    pub(super) intents: &'a std::cell::RefCell<Vec<Intent>>,
}

impl CardContext<'_> {
    fn push(&self, intent: Intent) {
        self.intents.borrow_mut().push(intent);
    }

    /// The constraints with one practice or hub locked or unlocked, as an edit.
    fn toggle_lock(&self, practice: Option<PracticeId>, hub: Option<HubId>) {
        let mut constraints = self.scenario.constraints().clone();
        if let Some(id) = practice
            && !constraints.locked_practices.remove(&id)
        {
            constraints.locked_practices.insert(id);
        }
        if let Some(id) = hub
            && !constraints.locked_hubs.remove(&id)
        {
            constraints.locked_hubs.insert(id);
        }
        self.push(Intent::Edit(Action::SetConstraints(Box::new(constraints))));
    }
}

/// A card's name, colour and figures, as its header shows them.
struct Heading<'a> {
    name: &'a str,
    colour: Color32,
    figures: &'a GroupFigures,
}

pub(super) fn card_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    card: &CardLayout,
    viewport: Rect,
    origin: Pos2,
    context: &CardContext<'_>,
    dialogs: &mut hub_dialogs::HubDialogs,
) {
    let scenario = context.scenario;
    let colour = match card.group {
        Some(id) => scenario.hub(id).map_or(theme::UNASSIGNED_COLOUR, |hub| {
            theme::hub_colour(hub.colour)
        }),
        None => theme::UNASSIGNED_COLOUR,
    };
    let name = group_name(scenario, card.group);
    let empty = GroupFigures::default();
    let figures = context.metrics.group(card.group).unwrap_or(&empty);
    card_response_ui(ui, rect, card, &name, figures, context);
    paint_card_frame(ui, rect, colour, context.is_drop_target);
    let inner = rect.shrink2(Vec2::new(CARD_PADDING + 6.0, CARD_PADDING));
    let heading = Heading {
        name: &name,
        colour,
        figures,
    };
    header_ui(ui, inner, card, &heading, context, dialogs);
    chips_ui(ui, inner, card, viewport, origin, figures, context);
}

/// The card as one accessible group (with what a drop would make it), and its lock menu.
fn card_response_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    card: &CardLayout,
    name: &str,
    figures: &GroupFigures,
    context: &CardContext<'_>,
) {
    let card_id = egui::Id::unique(("hub card", card.group.map(|id| id.0)));
    let response = ui.interact(rect, card_id, Sense::click());
    let mut label = card_label(name, figures);
    if let Some(id) = card.group {
        let locked = context.scenario.constraints().locked_hubs.contains(&id);
        if locked {
            label.push_str(", locked");
        }
        response.context_menu(|ui| {
            let text = if locked {
                "Unlock this hub"
            } else {
                "Lock this hub"
            };
            if ui
                .button(text)
                .on_hover_text("A locked hub keeps exactly its practices: none leaves, none joins")
                .clicked()
            {
                context.toggle_lock(None, Some(id));
                ui.close();
            }
        });
    }
    if let Some(new) = previewed(context.preview, card.group) {
        label.push_str(&format!(
            "; if dropped: {}, {} registered, {}",
            crate::model::format::count_of(new.practices, "practice"),
            format_patients_whole(new.registered),
            new.band.map_or("no band", |band| band.label())
        ));
    }
    response.widget_info(|| WidgetInfo::labeled(Role::Group, true, label.clone()));
}

/// The card's background, border (thick while it is the drop target) and colour stripe.
fn paint_card_frame(ui: &egui::Ui, rect: Rect, colour: Color32, is_drop_target: bool) {
    let painter = ui.painter();
    let stroke = if is_drop_target {
        Stroke::new(3.0, ui.visuals().selection.stroke.color)
    } else {
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
    };
    let fill = if is_drop_target {
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
}

/// The chips: only the rows inside the viewport; a hint in an empty card.
fn chips_ui(
    ui: &mut egui::Ui,
    inner: Rect,
    card: &CardLayout,
    viewport: Rect,
    origin: Pos2,
    figures: &GroupFigures,
    context: &CardContext<'_>,
) {
    let chips_top = card.top + CARD_PADDING + card.header;
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
        chip_ui(ui, chip_rect, practice, context);
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

fn header_ui(
    ui: &mut egui::Ui,
    inner: Rect,
    card: &CardLayout,
    heading: &Heading<'_>,
    context: &CardContext<'_>,
    dialogs: &mut hub_dialogs::HubDialogs,
) {
    let (name, figures, dark) = (heading.name, heading.figures, context.dark);
    name_line_ui(ui, inner, card, heading, context, dialogs);
    total_line(ui, inner, figures, dark);
    // Line 3: while a chip is dragged over, what this card would become; else its staffing.
    let line3 = Rect::from_min_max(
        Pos2::new(inner.min.x, inner.min.y + 46.0),
        Pos2::new(inner.max.x, inner.min.y + 66.0),
    );
    let preview = previewed(context.preview, card.group);
    match preview {
        Some(new) => preview_line_ui(ui, line3, figures, new, dark),
        None => staffing_line_ui(ui, line3, name, figures),
    }
    // Line 4, with a staff plan: the hub's ARRS headroom (or overspend), previewed in a drag.
    if card.group.is_some() && context.scenario.staff().has_staff() {
        let line4 = Rect::from_min_max(
            Pos2::new(inner.min.x, inner.min.y + 68.0),
            Pos2::new(inner.max.x, inner.min.y + 88.0),
        );
        super::arrs_line::arrs_line_ui(ui, line4, name, figures, preview, dark);
    }
}

/// Line 1: swatch (with a padlock on a locked hub), name, and the Edit (or Show/Hide) button.
fn name_line_ui(
    ui: &mut egui::Ui,
    inner: Rect,
    card: &CardLayout,
    heading: &Heading<'_>,
    context: &CardContext<'_>,
    dialogs: &mut hub_dialogs::HubDialogs,
) {
    let (name, colour, figures) = (heading.name, heading.colour, heading.figures);
    let text_colour = ui.visuals().strong_text_color();
    let painter = ui.painter().clone();
    let swatch = Rect::from_min_size(inner.min + Vec2::new(0.0, 3.0), Vec2::splat(16.0));
    painter.rect_filled(swatch, 3.0, colour);
    let edit_width = if card.group.is_some() || figures.practices > 0 {
        56.0
    } else {
        0.0
    };
    let name_width = (inner.width() - 26.0 - edit_width).max(40.0);
    // A name too long for the card keeps its distinguishing words (`Angmering… (ACF)`).
    let shown = theme::fit_name(
        &painter,
        name,
        context
            .scenario
            .hubs()
            .values()
            .map(|hub| hub.name.as_str()),
        egui::FontId::proportional(15.5),
        name_width,
    );
    let galley = egui::WidgetText::from(egui::RichText::new(&shown).strong().size(15.5))
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            name_width,
            egui::TextStyle::Body,
        );
    let name_rect = Rect::from_min_size(inner.min + Vec2::new(22.0, 1.0), galley.size());
    let elided = galley.elided || shown != name;
    painter.galley(name_rect.min, galley, text_colour);
    if card
        .group
        .is_some_and(|id| context.scenario.constraints().locked_hubs.contains(&id))
    {
        // Over the swatch: this hub is locked.
        padlock(
            &painter,
            swatch.center(),
            theme::text_on(colour, context.dark),
        );
    }
    if elided {
        // The full name, for a name the card is too narrow for.
        ui.interact(
            name_rect,
            egui::Id::unique(("card name", name)),
            Sense::hover(),
        )
        .on_hover_text(name);
    }
    card_button_ui(ui, inner, edit_width, card, heading, context, dialogs);
}

/// A hub card's Edit button; the unassigned card's Show/Hide (when not searching).
fn card_button_ui(
    ui: &mut egui::Ui,
    inner: Rect,
    edit_width: f32,
    card: &CardLayout,
    heading: &Heading<'_>,
    context: &CardContext<'_>,
    dialogs: &mut hub_dialogs::HubDialogs,
) {
    let (name, figures) = (heading.name, heading.figures);
    let button_rect = Rect::from_min_size(
        Pos2::new(inner.max.x - edit_width + 4.0, inner.min.y),
        Vec2::new(edit_width - 4.0, 22.0),
    );
    if let Some(id) = card.group {
        let button = ui.put(button_rect, egui::Button::new("Edit").small());
        button.widget_info(|| WidgetInfo::labeled(Role::Button, true, format!("Edit hub {name}")));
        if button
            .on_hover_text("Rename, merge or delete this hub")
            .clicked()
        {
            dialogs.open_edit(context.scenario, id);
        }
    } else if figures.practices > 0 && context.query.is_empty() {
        let shown = !card.chips.is_empty();
        let text = if shown { "Hide" } else { "Show" };
        let button = ui.put(button_rect, egui::Button::new(text).small());
        let label = format!("{text} unassigned practices");
        button.widget_info(|| WidgetInfo::labeled(Role::Button, true, label.clone()));
        if button.clicked() {
            context.toggle_unassigned.set(true);
        }
    }
}

/// Line 2: the registered total, the practice count where it fits, and the band badge.
fn total_line(ui: &egui::Ui, inner: Rect, figures: &GroupFigures, dark: bool) {
    let painter = ui.painter();
    let line2_y = inner.min.y + 36.0;
    let registered = format!("{} registered", format_patients_whole(figures.registered));
    let rect = painter.text(
        Pos2::new(inner.min.x, line2_y),
        Align2::LEFT_CENTER,
        registered,
        egui::FontId::proportional(15.0),
        ui.visuals().strong_text_color(),
    );
    let count = format!(
        "· {} practice{}",
        figures.practices,
        if figures.practices == 1 { "" } else { "s" }
    );
    // The band badge must never be cut: on a narrow card the practice count gives way (it is
    // in the card's accessible name and on the chips).
    let weak = ui.visuals().weak_text_color();
    let count_galley = painter.layout_no_wrap(count, egui::FontId::proportional(13.0), weak);
    let badge_room = if figures.band.is_some() { 90.0 } else { 0.0 };
    let mut x = rect.max.x + 8.0;
    if rect.max.x + 5.0 + count_galley.size().x + 8.0 + badge_room <= inner.max.x {
        let top = Pos2::new(rect.max.x + 5.0, line2_y - count_galley.size().y / 2.0);
        x = top.x + count_galley.size().x + 8.0;
        painter.galley(top, count_galley, weak);
    }
    if let Some(band) = figures.band {
        band_badge(painter, Pos2::new(x, line2_y), band, dark);
    }
}

/// The figures a card would have if the dragged chip were dropped, when it is the source or
/// the target of the drag.
fn previewed(preview: Option<&Preview>, group: Option<HubId>) -> Option<&GroupFigures> {
    let preview = preview?;
    if preview.target == group {
        Some(&preview.target_figures)
    } else if preview.source == group {
        Some(&preview.source_figures)
    } else {
        None
    }
}

/// `If dropped: 41,046 (−9,846)` and the new band, inside the card, in the accent colour.
fn preview_line_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    now: &GroupFigures,
    new: &GroupFigures,
    dark: bool,
) {
    let accent = ui.visuals().selection.stroke.color;
    let change = new.registered.0 - now.registered.0;
    let sign = if change >= 0 { "+" } else { "−" };
    let text = format!(
        "If dropped: {} ({sign}{})",
        format_patients_whole(new.registered),
        format_patients_whole(crate::model::Patients(change.abs()))
    );
    let badge_room = if new.band.is_some() { 84.0 } else { 0.0 };
    let galley = egui::WidgetText::from(egui::RichText::new(text).strong().size(14.5)).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        (rect.width() - badge_room).max(40.0),
        egui::TextStyle::Body,
    );
    let text_rect = Rect::from_min_size(
        Pos2::new(rect.min.x, rect.center().y - galley.size().y / 2.0),
        galley.size(),
    );
    ui.painter().galley(text_rect.min, galley, accent);
    if let Some(band) = new.band {
        band_badge(
            ui.painter(),
            Pos2::new(text_rect.max.x + 6.0, rect.center().y),
            band,
            dark,
        );
    }
}

/// `GP 23.4 · nurses 11.2 FTE · 2,175 per GP`, with "unknown" where the data has no FTE; its
/// own accessible node, so a screen reader hears it too.
fn staffing_line_ui(ui: &mut egui::Ui, rect: Rect, name: &str, figures: &GroupFigures) {
    use crate::model::format::staff_figure;
    if figures.practices == 0 {
        return;
    }
    let gp = staff_figure(
        figures.gp_fte,
        figures.practices,
        figures.practices_without_gp_fte,
    );
    let nurses = staff_figure(
        figures.nurse_fte,
        figures.practices,
        figures.practices_without_nurse_fte,
    );
    let per_gp = figures
        .patients_per_gp_fte()
        .map_or_else(String::new, |value| {
            format!(
                " · {} per GP",
                format_patients_whole(crate::model::Patients((value * 100.0).round() as i64))
            )
        });
    let text = format!("GP FTE {gp} · nurse FTE {nurses}{per_gp}");
    let galley = egui::WidgetText::from(egui::RichText::new(text.clone()).size(13.0)).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        rect.width(),
        egui::TextStyle::Body,
    );
    let top = Pos2::new(rect.min.x, rect.center().y - galley.size().y / 2.0);
    let elided = galley.elided;
    ui.painter().galley(top, galley, ui.visuals().text_color());
    let response = ui.interact(rect, egui::Id::unique(("staffing", name)), Sense::hover());
    let label = format!("{name} staffing: {text}");
    response.widget_info(|| WidgetInfo::labeled(Role::Label, true, label.clone()));
    if elided {
        response.on_hover_text(text);
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

fn chip_ui(ui: &mut egui::Ui, rect: Rect, practice_id: PracticeId, context: &CardContext<'_>) {
    let Some(practice) = context.scenario.region().practice(practice_id) else {
        return;
    };
    let constraints = context.scenario.constraints();
    // Read once for the chip's accessible name and its painting.
    let marks = Marks {
        locked: constraints.locked_practices.contains(&practice_id),
        others_in_group: constraints
            .group_of(practice_id)
            .map_or(0, |group| group.len() - 1),
    };
    // The estimate mark and its tooltip, made once for the chip's tooltip and its painting.
    let estimated = crate::app::sources::estimated_mark(practice);
    let response = chip_response_ui(ui, rect, practice, practice_id, marks, context, &estimated);
    let look = ChipLook {
        estimated_mark: estimated.as_ref().map(|(mark, _)| *mark),
        selected: context.selected == Some(practice_id),
        focused: response.has_focus(),
        hovered: response.hovered(),
        matched: !context.query.is_empty() && context.names.matches(practice_id, &context.query),
        being_dragged: context.dragging == Some(practice_id),
        locked: marks.locked,
        grouped: marks.others_in_group > 0,
    };
    paint_chip(
        ui,
        rect,
        practice,
        context.names.name(practice_id),
        &look,
        context.dark,
    );
}

/// What the user holds fixed about a practice, as its chip says it.
#[derive(Clone, Copy)]
struct Marks {
    locked: bool,
    /// The practices it moves together with (0: in no group).
    others_in_group: usize,
}

/// How a chip is drawn this frame.
struct ChipLook {
    /// Shown before the list size when a figure of the practice is estimated.
    estimated_mark: Option<&'static str>,
    selected: bool,
    focused: bool,
    hovered: bool,
    matched: bool,
    being_dragged: bool,
    locked: bool,
    /// In a group that moves together.
    grouped: bool,
}

/// The chip's interaction: its accessible name, selection by click or keyboard focus (as
/// intents), the lock menu, the cursor and the tooltip (estimated figures, list growth).
fn chip_response_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    practice: &crate::model::Practice,
    practice_id: PracticeId,
    marks: Marks,
    context: &CardContext<'_>,
    estimated: &Option<(&'static str, String)>,
) -> egui::Response {
    let locked = marks.locked;
    let id = egui::Id::unique(("practice chip", practice_id.0));
    let response = ui.interact(rect, id, Sense::click_and_drag());
    response.dnd_set_drag_payload(practice_id);
    let selected = context.selected == Some(practice_id);
    let mut label = chip_label(
        context.names.name(practice_id),
        practice.registered_patients,
    ) + crate::app::sources::estimated_suffix(practice);
    if locked {
        label.push_str(", locked");
    }
    match marks.others_in_group {
        0 => {}
        1 => label.push_str(", moves with 1 other practice"),
        n => label.push_str(&format!(", moves with {n} other practices")),
    }
    response.widget_info(|| WidgetInfo::selected(Role::ListItem, true, selected, label.clone()));
    if response.clicked() {
        context.push(Intent::Select((!selected).then_some(practice_id)));
    } else if response.gained_focus() {
        // Tab (or a screen reader) reached the chip: it becomes the selected practice, so M
        // moves it, and it scrolls into view.
        context.push(Intent::Select(Some(practice_id)));
        response.scroll_to_me(None);
    }
    response.context_menu(|ui| {
        let text = if locked { "Unlock" } else { "Lock in its hub" };
        if ui
            .button(text)
            .on_hover_text(
                "A locked practice stays in its hub: it cannot be dragged, and Suggest keeps it",
            )
            .clicked()
        {
            context.toggle_lock(Some(practice_id), None);
            ui.close();
        }
        group_menu_ui(ui, practice_id, context);
    });
    let mut response = response.on_hover_cursor(if locked {
        egui::CursorIcon::NotAllowed
    } else {
        egui::CursorIcon::Grab
    });
    let growth = practice_growth_text(context.scenario.region(), practice);
    let hover: Vec<&str> = [
        estimated.as_ref().map(|(_, tooltip)| tooltip.as_str()),
        growth.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !hover.is_empty() {
        response = response.on_hover_text(hover.join("\n"));
    }
    response
}

/// The chip: fill (highlighted when selected or matching the search), selection and focus
/// rings, the list size (with its estimate mark), a padlock when locked, and the name.
fn paint_chip(
    ui: &egui::Ui,
    rect: Rect,
    practice: &crate::model::Practice,
    name: &str,
    look: &ChipLook,
    dark: bool,
) {
    let visuals = ui.visuals();
    let fill = if look.selected || look.matched {
        theme::highlight_fill(dark)
    } else if look.hovered {
        visuals.widgets.hovered.weak_bg_fill
    } else {
        visuals.widgets.inactive.weak_bg_fill
    };
    let painter = ui.painter();
    let alpha = if look.being_dragged { 0.35 } else { 1.0 };
    painter.rect_filled(rect, 4.0, fill.gamma_multiply(alpha));
    if look.selected {
        painter.rect_stroke(
            rect,
            4.0,
            Stroke::new(2.0, visuals.selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
    if look.focused {
        // The keyboard focus: a ring outside the chip, in the text colour (as egui's own
        // widgets show focus), distinct from the selection's inner stroke.
        painter.rect_stroke(
            rect.expand(1.5),
            5.0,
            Stroke::new(2.0, visuals.strong_text_color()),
            egui::StrokeKind::Outside,
        );
    }
    let text_colour = visuals.text_color().gamma_multiply(alpha);
    let size_text = match look.estimated_mark {
        Some(mark) => format!(
            "{mark} {}",
            format_patients_whole(practice.registered_patients)
        ),
        None => format_patients_whole(practice.registered_patients),
    };
    let size_rect = painter.text(
        Pos2::new(rect.max.x - 6.0, rect.center().y),
        Align2::RIGHT_CENTER,
        size_text,
        egui::FontId::proportional(13.5),
        text_colour,
    );
    let mut mark = 0.0;
    if look.locked {
        padlock(
            painter,
            Pos2::new(size_rect.min.x - 10.0, rect.center().y),
            text_colour,
        );
        mark += 12.0;
    }
    if look.grouped {
        link(
            painter,
            Pos2::new(size_rect.min.x - 11.0 - mark, rect.center().y),
            text_colour,
        );
        mark += 14.0;
    }
    let galley = egui::WidgetText::from(name).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        (size_rect.min.x - rect.min.x - 16.0 - mark).max(20.0),
        egui::TextStyle::Body,
    );
    let y = rect.center().y - galley.size().y / 2.0;
    painter.galley(Pos2::new(rect.min.x + 6.0, y), galley, text_colour);
}

/// Two linked rings centred at `centre`: the practice moves together with others.
fn link(painter: &egui::Painter, centre: Pos2, colour: Color32) {
    for dx in [-2.5, 2.5] {
        painter.circle_stroke(centre + Vec2::new(dx, 0.0), 3.2, Stroke::new(1.4, colour));
    }
}

/// A small padlock (body and shackle) centred at `centre`: the practice or hub is locked.
pub(super) fn padlock(painter: &egui::Painter, centre: Pos2, colour: Color32) {
    let body = Rect::from_center_size(centre + Vec2::new(0.0, 2.0), Vec2::new(9.0, 7.0));
    painter.rect_filled(body, 1.5, colour);
    let shackle = Rect::from_center_size(centre + Vec2::new(0.0, -2.5), Vec2::new(6.0, 7.0));
    painter.rect_stroke(
        shackle,
        3.0,
        Stroke::new(1.5, colour),
        egui::StrokeKind::Middle,
    );
}

/// "Moves together with": the other practices of its hub (and any of its group elsewhere),
/// each a checkbox; Suggest moves a group as one.
fn group_menu_ui(ui: &mut egui::Ui, practice: PracticeId, context: &CardContext<'_>) {
    let scenario = context.scenario;
    let constraints = scenario.constraints();
    let group = constraints.group_of(practice).unwrap_or_default();
    let mut candidates: Vec<PracticeId> = scenario
        .group_members(scenario.hub_of(practice))
        .chain(group.iter().copied())
        .filter(|other| *other != practice)
        .collect();
    candidates.sort_by_key(|other| (!group.contains(other), context.names.name(*other)));
    candidates.dedup();
    if candidates.is_empty() {
        return;
    }
    ui.menu_button("Moves together with", |ui| {
        ui.set_max_width(300.0);
        ui.label(
            egui::RichText::new(
                "Suggest moves practices that go together as one (a partnership, a merger, \
                 a shared building)",
            )
            .weak(),
        );
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for other in candidates {
                    let mut together = group.contains(&other);
                    if ui
                        .checkbox(&mut together, context.names.name(other))
                        .clicked()
                    {
                        let mut constraints = constraints.clone();
                        if together {
                            constraints.join(practice, other);
                        } else {
                            constraints.leave(other);
                        }
                        context.push(Intent::Edit(Action::SetConstraints(Box::new(constraints))));
                        ui.close();
                    }
                }
            });
    });
}

/// The chip under the pointer while dragging.
pub(super) fn drag_ghost_ui(
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

/// `Registered 2021-01-01: 5,903; 2026-04-01: 6,210 (+1.0 % a year)` for a practice of a region
/// with lists at two dates; `None` otherwise.
pub fn practice_growth_text(
    region: &crate::model::Region,
    practice: &crate::model::Practice,
) -> Option<String> {
    use crate::model::growth::{ListTrend, format_rate};
    use crate::model::quantity::format_patients_whole;
    let years = region.list_years()?;
    let Some(earlier) = practice.earlier_registered else {
        return Some(format!(
            "Not in the {} extract (opened or re-coded since): no growth of its own",
            region.earlier_list_date
        ));
    };
    let mut trend = ListTrend::default();
    trend.add(Some(earlier), practice.registered_patients);
    let rate = trend
        .yearly_rate(years)
        .map_or_else(String::new, |rate| format!(" ({})", format_rate(rate)));
    Some(format!(
        "Registered {}: {}; {}: {}{rate}",
        region.earlier_list_date,
        format_patients_whole(earlier),
        region.snapshot_date,
        format_patients_whole(practice.registered_patients)
    ))
}
