//! Rule files from outside the app (File → Load rules…, `--rules FILE`): a RON rule set for a
//! year the app does not know yet (e.g. 2027-28 when it is published) or a corrected one, read
//! and checked like every other file: a clear message naming the line and field, never a panic.

use super::error::{LoadError, Problem};
use super::scenario_file::{ron_options, ron_problem};
use crate::model::RuleSet;
use crate::model::rule_files::check_rule_set;
use std::path::Path;

/// Rule files are small (the embedded ones are under 10 KB).
const MAX_RULE_FILE_BYTES: usize = 1024 * 1024;

/// Reads and checks a rule file held in memory. `file` names it in messages.
pub fn read_rule_file(file: &str, bytes: &[u8]) -> Result<RuleSet, LoadError> {
    if bytes.len() > MAX_RULE_FILE_BYTES {
        return Err(LoadError::new(
            file,
            Problem::new(format!(
                "the file is {}; rule files over {} are not accepted",
                super::mib(bytes.len() as u64),
                super::mib(MAX_RULE_FILE_BYTES as u64)
            )),
        ));
    }
    if let Some(problem) = super::text_input::encoding_problem(bytes, "UTF-8") {
        return Err(LoadError::new(file, problem));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|_| LoadError::new(file, Problem::new("is not valid UTF-8 text")))?;
    if text.trim().is_empty() {
        return Err(LoadError::new(
            file,
            Problem::new("the file is empty: it is not a rule file"),
        ));
    }
    let set: RuleSet = ron_options().from_str(text).map_err(|error| {
        let mut problem = ron_problem(&error);
        problem.message.push_str(
            " (a rule file is (year: \"2027-28\", title: \"…\", lines: [(id: …, name: …, \
             paid_to: Network, terms: [(base: Weighted, gbp: 1.0)], verified: false, source: …)]))",
        );
        LoadError::new(file, problem)
    })?;
    check_rule_set(&set).map_err(|message| {
        // Point at the line that names the offending id, where there is one.
        let line = set
            .lines
            .iter()
            .map(|line| format!("{:?}", line.id))
            .find(|quoted| message.contains(quoted.as_str()))
            .and_then(|quoted| text.find(&quoted))
            .map(|offset| 1 + text[..offset].matches('\n').count() as u64);
        let message = format!("rule set {}: {message}", set.year);
        LoadError::new(
            file,
            match line {
                Some(line) => Problem {
                    line: Some(line),
                    field: Some("lines".to_string()),
                    message,
                },
                None => Problem::in_field("lines", message),
            },
        )
    })?;
    Ok(set)
}

/// Reads a rule file from disk (never more than the limit) and checks it.
pub fn open_rule_file(path: &Path) -> Result<RuleSet, LoadError> {
    let bytes = super::read_capped(path, MAX_RULE_FILE_BYTES as u64 + 1)?;
    read_rule_file(&path.display().to_string(), &bytes)
}
