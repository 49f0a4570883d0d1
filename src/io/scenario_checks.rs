//! The checks the parts of a scenario file share: codes and texts, and the hubs (of the document
//! and of each snapshot).

use super::error::Problem;
use super::scenario_dto::HubDto;
use super::scenario_locate::Locator;
use crate::model::action::{MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::model::text::{describe_char, unsafe_char, unsafe_char_multiline};
use crate::model::{Hub, HubId};
use std::collections::{HashMap, HashSet};

/// At most this many hubs in one scenario.
pub const MAX_HUBS: usize = 100_000;

pub(super) fn hubs_from_dto(
    problems: &mut Vec<Problem>,
    locate: &Locator<'_>,
    hubs: Vec<HubDto>,
    section: &str,
    prefix: &str,
) -> Vec<(HubId, Hub)> {
    if hubs.len() > MAX_HUBS {
        problems.push(Problem::in_field(
            prefix,
            format!(
                "the file holds {} hubs; at most {MAX_HUBS} are supported",
                hubs.len()
            ),
        ));
        return Vec::new();
    }
    let mut out = Vec::with_capacity(hubs.len());
    let mut codes: HashSet<String> = HashSet::new();
    let mut ids: HashMap<u32, String> = HashMap::new();
    let mut next_id: u32 = 0;
    for (index, hub) in hubs.into_iter().enumerate() {
        let field = format!("{prefix}[{index}]");
        let before = problems.len();
        check_code(
            problems,
            locate,
            section,
            &hub.code,
            &format!("{field}.code"),
        );
        let name_problem = if hub.name.trim().is_empty() {
            Some("is empty".to_string())
        } else {
            text_problem(&hub.name, MAX_NAME_CHARS)
        };
        if let Some(message) = name_problem {
            problems.push(locate.problem(section, &hub.code, format!("{field}.name"), message));
        }
        if !codes.insert(hub.code.clone()) {
            problems.push(locate.problem(
                section,
                &hub.code,
                format!("{field}.code"),
                format!("hub code {} is used by more than one hub", hub.code),
            ));
        }
        let id = hub.id.unwrap_or(next_id);
        if let Some(other) = ids.insert(id, hub.code.clone()) {
            problems.push(locate.problem(
                section,
                &hub.code,
                format!("{field}.id"),
                format!("hub id {id} is used by both {other} and {}", hub.code),
            ));
        }
        next_id = next_id.max(id.saturating_add(1));
        if problems.len() == before {
            out.push((
                HubId(id),
                Hub {
                    code: hub.code,
                    name: hub.name,
                    colour: hub.colour,
                },
            ));
        }
    }
    out
}

/// Codes: non-empty, at most 200 characters, no control characters (what the readers and the
/// model accept, so that anything the app holds can be saved and loaded again).
pub(super) fn check_code(
    problems: &mut Vec<Problem>,
    locate: &Locator<'_>,
    section: &str,
    code: &str,
    field: &str,
) {
    let message = if code.trim().is_empty() {
        Some("is empty".to_string())
    } else if code.chars().count() > MAX_NAME_CHARS {
        Some(format!("is longer than {MAX_NAME_CHARS} characters"))
    } else {
        unsafe_char(code).map(|c| format!("{code:?} {}", unsafe_message(c)))
    };
    if let Some(message) = message {
        let shown: String = code.chars().take(40).collect();
        problems.push(locate.problem(section, &shown, field.to_string(), message));
    }
}

pub(super) fn check_text(problems: &mut Vec<Problem>, field: &str, text: &str, max: usize) {
    if let Some(message) = text_problem(text, max) {
        problems.push(Problem::in_field(field, message));
    }
}

/// Notes may have several lines; nothing else may hold a control or direction character.
pub(super) fn check_notes(problems: &mut Vec<Problem>, notes: &str) {
    let chars = notes.chars().count();
    let message = if chars > MAX_NOTES_CHARS {
        Some(format!(
            "is {chars} characters long; at most {MAX_NOTES_CHARS} are accepted"
        ))
    } else {
        unsafe_char_multiline(notes).map(unsafe_message)
    };
    if let Some(message) = message {
        problems.push(Problem::in_field("notes", message));
    }
}

pub(super) fn text_problem(text: &str, max: usize) -> Option<String> {
    let chars = text.chars().count();
    if chars > max {
        return Some(format!(
            "is {chars} characters long; at most {max} are accepted"
        ));
    }
    unsafe_char(text).map(unsafe_message)
}

pub(super) fn unsafe_message(c: char) -> String {
    format!(
        "contains the control or direction character {} (not allowed in text)",
        describe_char(c)
    )
}
