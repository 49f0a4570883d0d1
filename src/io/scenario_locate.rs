//! Where a value sits in a scenario file's text, for the line numbers of its messages.

use super::error::{MAX_PROBLEMS, Problem};
use std::cell::Cell;

/// Finds where things are in the file text, for line numbers in messages (best effort: the
/// parsed values do not keep their positions).
pub(super) struct Locator<'a> {
    text: &'a str,
    /// Lines looked up so far: only the problems a message shows are located, so that a file
    /// with a hundred thousand problems is still checked in linear time.
    located: Cell<usize>,
}

impl<'a> Locator<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            text,
            located: Cell::new(0),
        }
    }

    /// The line of the first `needle` after the first `section` (e.g. `practices:`).
    pub(super) fn line_of(&self, section: &str, needle: &str) -> Option<u64> {
        // The section key must start its line (`hubs:` is not the end of `baseline_hubs:`).
        let start = self.text.match_indices(section).find_map(|(index, _)| {
            let line_start = self.text[..index].rfind('\n').map_or(0, |n| n + 1);
            self.text[line_start..index]
                .chars()
                .all(char::is_whitespace)
                .then_some(index)
        })?;
        let offset = start + self.text[start..].find(needle)?;
        Some(1 + self.text[..offset].matches('\n').count() as u64)
    }

    pub(super) fn problem(
        &self,
        section: &str,
        code: &str,
        field: String,
        message: String,
    ) -> Problem {
        let quoted = format!("{code:?}");
        self.located.set(self.located.get() + 1);
        let line = if self.located.get() <= MAX_PROBLEMS {
            self.line_of(section, &quoted)
        } else {
            None
        };
        Problem {
            line,
            field: Some(field),
            message,
        }
    }
}
