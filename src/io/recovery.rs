//! The recovery file: the open document, written every 30 s while it has unsaved changes, in the
//! app's data folder (never next to the user's file), so that a crash, a flat battery or a killed
//! process loses at most the last half minute.
//!
//! The file is one JSON header line (when, how many changes, the document's own path and title)
//! followed by the scenario exactly as [`super::scenario_file::scenario_to_string`] writes it. It
//! is written atomically, so a process killed mid-write leaves the previous recovery file.

use super::atomic::write_atomic;
use super::scenario_file::read_scenario;
use crate::model::Scenario;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Name of the recovery file inside the data folder.
pub const RECOVERY_FILE_NAME: &str = "recovery.ron";

/// Version of the header line; a header with another version is ignored.
const HEADER_VERSION: u32 = 1;

/// What the recovery file says about the document it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryHeader {
    pub version: u32,
    /// When the file was written, in seconds since 1970-01-01 UTC.
    pub written_unix_s: u64,
    /// Undoable changes the document held (`Document::change_count`).
    pub change_count: usize,
    /// Where the document was opened from or last saved to; `None` for a never-saved one.
    pub original_path: Option<PathBuf>,
    /// The scenario's title, to show in the restore offer.
    pub title: String,
}

impl RecoveryHeader {
    /// A header for a document written now.
    pub fn now(change_count: usize, original_path: Option<PathBuf>, title: String) -> Self {
        Self {
            version: HEADER_VERSION,
            written_unix_s: unix_now_s(),
            change_count,
            original_path,
            title,
        }
    }
}

/// A recovery file found on start, fully read and validated.
#[derive(Debug, Clone)]
pub struct RecoveryInfo {
    pub header: RecoveryHeader,
    pub scenario: Scenario,
    /// The document's undo history (label, undoing action), oldest first; empty for recovery
    /// files written before it was kept, or when it does not read.
    pub history: Vec<(String, crate::model::Action)>,
}

/// Starts the undo history after the scenario's text in a recovery file.
const HISTORY_MARK: &str = "\n// pcn-explorer undo history (newest last)\n";

/// The scenario's text followed by the undo history, for [`write_recovery`].
pub fn with_history(scenario_text: &str, history: &[(String, crate::model::Action)]) -> String {
    match ron::to_string(history) {
        Ok(text) if !history.is_empty() => format!("{scenario_text}{HISTORY_MARK}{text}\n"),
        _ => scenario_text.to_string(),
    }
}

fn split_history(text: &str) -> (&str, Vec<(String, crate::model::Action)>) {
    match text.rsplit_once(HISTORY_MARK) {
        Some((scenario, history)) => (
            scenario,
            super::scenario_file::ron_options()
                .from_str(history)
                .unwrap_or_default(),
        ),
        None => (text, Vec::new()),
    }
}

impl RecoveryInfo {
    /// True when the document's own file was saved after this recovery file was written (the
    /// recovery then holds nothing the user would want). A never-saved document has no file, so
    /// its recovery is always worth offering.
    pub fn is_older_than_saved_file(&self) -> bool {
        let Some(path) = &self.header.original_path else {
            return false;
        };
        let Ok(modified) = std::fs::metadata(path).and_then(|m| m.modified()) else {
            return false;
        };
        let saved_unix_s = modified
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        saved_unix_s > self.header.written_unix_s
    }
}

/// Seconds since 1970-01-01 UTC (0 if the clock is before it). `web_time` is std's clock on the
/// desktop and the browser's on the web (where std's `SystemTime::now` panics).
pub fn unix_now_s() -> u64 {
    web_time::SystemTime::now()
        .duration_since(web_time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `written 3 minutes ago` for the restore offer.
pub fn describe_age(written_unix_s: u64, now_unix_s: u64) -> String {
    let seconds = now_unix_s.saturating_sub(written_unix_s);
    let (count, unit) = match seconds {
        0..60 => return "written less than a minute ago".to_string(),
        60..3_600 => (seconds / 60, "minute"),
        3_600..86_400 => (seconds / 3_600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("written {count} {unit}{plural} ago")
}

/// `2025-03-04 17:05 UTC` from unix seconds (no time zone database needed).
pub fn utc_text(unix_s: u64) -> String {
    let seconds_of_day = unix_s % 86_400;
    format!(
        "{} {:02}:{:02} UTC",
        crate::model::dates::iso_date_of_day((unix_s / 86_400) as i64),
        seconds_of_day / 3_600,
        seconds_of_day % 3_600 / 60
    )
}

/// Today's date (UTC), e.g. `2026-12-02`, from the same clock as [`unix_now_s`].
pub fn today_utc() -> String {
    crate::model::dates::iso_date_of_day((unix_now_s() / 86_400) as i64)
}

/// The recovery file's path in a data folder.
pub fn recovery_path(dir: &Path) -> PathBuf {
    dir.join(RECOVERY_FILE_NAME)
}

/// The text of a recovery file: the header line, then the scenario file's text.
pub fn recovery_text(header: &RecoveryHeader, scenario_text: &str) -> anyhow::Result<String> {
    let header_line = serde_json::to_string(header)?;
    Ok(format!("{header_line}\n{scenario_text}"))
}

/// Writes the recovery file atomically into `dir` (created if missing).
pub fn write_recovery(
    dir: &Path,
    header: &RecoveryHeader,
    scenario_text: &str,
) -> anyhow::Result<()> {
    use anyhow::Context;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: the data folder could not be created", dir.display()))?;
    let text = recovery_text(header, scenario_text)?;
    let path = recovery_path(dir);
    write_atomic(&path, text.as_bytes())
        .with_context(|| format!("{}: could not be written", path.display()))
}

/// Reads the recovery file of `dir`, if there is one that reads and validates completely.
/// A broken one (e.g. from an older version) is ignored: the next autosave replaces it.
pub fn find_recovery(dir: &Path) -> Option<RecoveryInfo> {
    let path = recovery_path(dir);
    let bytes = super::read_limited(&path).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    parse_recovery(&path.display().to_string(), text)
}

/// Reads the text of a recovery file (`file` names it in messages), if it validates completely.
pub fn parse_recovery(file: &str, text: &str) -> Option<RecoveryInfo> {
    let (header_line, scenario_text) = text.split_once('\n')?;
    let header: RecoveryHeader = serde_json::from_str(header_line).ok()?;
    if header.version != HEADER_VERSION {
        return None;
    }
    let (scenario_text, history) = split_history(scenario_text);
    let loaded = read_scenario(file, scenario_text.as_bytes()).ok()?;
    Some(RecoveryInfo {
        header,
        scenario: loaded.scenario,
        history,
    })
}

/// Removes the recovery file of `dir` (clean exit, or the user discarded it). Missing is fine.
pub fn remove_recovery(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(recovery_path(dir)) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::example::example_scenario;
    use crate::io::scenario_file::scenario_to_string;
    use crate::model::{Action, Document};

    fn moved_document() -> Document {
        let scenario = example_scenario();
        let practice = scenario.region().practice_ids().next().expect("a practice");
        let target = *scenario.hubs().keys().last().expect("a hub");
        let mut document = Document::new(scenario, true);
        document
            .perform(Action::MovePractice {
                practice,
                to: Some(target),
            })
            .expect("move");
        document
    }

    #[test]
    fn writes_finds_and_removes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data folder");
        assert!(find_recovery(&data).is_none());
        let document = moved_document();
        let header = RecoveryHeader::now(
            document.change_count(),
            Some(PathBuf::from("/nowhere/option-a.ron")),
            "Option \"A\"\nwith a new line".to_string(),
        );
        write_recovery(&data, &header, &scenario_to_string(document.scenario())).expect("written");
        let found = find_recovery(&data).expect("found");
        assert_eq!(found.header, header);
        assert_eq!(found.header.change_count, 1);
        assert_eq!(&found.scenario, document.scenario());
        assert!(!found.is_older_than_saved_file());
        remove_recovery(&data).expect("removed");
        assert!(find_recovery(&data).is_none());
        remove_recovery(&data).expect("removing twice is fine");
        let names: Vec<_> = std::fs::read_dir(&data).expect("list").collect();
        assert!(names.is_empty(), "no temporary files left: {names:?}");
    }

    #[test]
    fn broken_files_are_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        for text in [
            "",
            "not json\n(format_version: 1)",
            "{\"version\":99,\"written_unix_s\":1,\"change_count\":1,\"original_path\":null,\"title\":\"x\"}\n",
            "{\"version\":1,\"written_unix_s\":1,\"change_count\":1,\"original_path\":null,\"title\":\"x\"}\n(format_version: 1, title: ",
        ] {
            std::fs::write(recovery_path(dir.path()), text).expect("write");
            assert!(find_recovery(dir.path()).is_none(), "{text:?}");
        }
    }

    #[test]
    fn older_than_a_later_save() {
        let dir = tempfile::tempdir().expect("temp dir");
        let saved = dir.path().join("plan.ron");
        std::fs::write(&saved, "saved later").expect("write");
        let document = moved_document();
        let mut header = RecoveryHeader::now(1, Some(saved), "Plan".to_string());
        header.written_unix_s = 1_000;
        write_recovery(
            dir.path(),
            &header,
            &scenario_to_string(document.scenario()),
        )
        .expect("written");
        let found = find_recovery(dir.path()).expect("found");
        assert!(found.is_older_than_saved_file());
    }

    #[test]
    fn utc_times() {
        assert_eq!(utc_text(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_text(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_text(1_741_107_900), "2025-03-04 17:05 UTC");
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(describe_age(100, 130), "written less than a minute ago");
        assert_eq!(describe_age(100, 100 + 180), "written 3 minutes ago");
        assert_eq!(describe_age(100, 100 + 3_600), "written 1 hour ago");
        assert_eq!(describe_age(100, 100 + 3 * 86_400), "written 3 days ago");
        assert_eq!(describe_age(500, 100), "written less than a minute ago");
    }
}
