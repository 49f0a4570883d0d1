//! `pcn-explorer merge BASE A B -o OUT [--prefer a|b]`: a three-way merge of two laptops'
//! options against their common start. Conflicts are listed and the command fails, writing
//! nothing, unless `--prefer` settles them all; nothing is resolved silently.

use super::PreferSide;
use crate::model::merge::{self, Side};
use crate::model::{Action, apply};
use std::path::Path;

pub fn run_merge(
    base: &Path,
    a: &Path,
    b: &Path,
    prefer: Option<PreferSide>,
    output: &Path,
) -> anyhow::Result<()> {
    super::check_output(output, &[base, a, b])?;
    let open = |path: &Path| super::open(path, None).map(|opened| opened.scenario);
    let (start, side_a, side_b) = (open(base)?, open(a)?, open(b)?);
    merge::check_merge_inputs(&start, &side_a, &side_b).map_err(|error| {
        anyhow::anyhow!(
            "{}, {} and {} cannot be merged: {error}",
            base.display(),
            a.display(),
            b.display()
        )
    })?;
    let (base_option, option_a, option_b) = (
        start.current_option(),
        side_a.current_option(),
        side_b.current_option(),
    );
    let conflicts = merge::conflicts(&base_option, &option_a, &option_b)?;
    let side = match prefer {
        Some(PreferSide::A) => Some(Side::A),
        Some(PreferSide::B) => Some(Side::B),
        None => None,
    };
    let Some(side) = side.or(conflicts.is_empty().then_some(Side::A)) else {
        let list: Vec<String> = conflicts
            .iter()
            .map(|conflict| format!("  {}", merge::describe_conflict(conflict, &side_a, &side_b)))
            .collect();
        anyhow::bail!(
            "{} conflict(s) between {} (A) and {} (B); nothing was written. Settle them in the window (File > Merge options...) or with --prefer a|b:\n{}",
            conflicts.len(),
            a.display(),
            b.display(),
            list.join("\n")
        );
    };
    let merged = merge::merge_options(
        &base_option,
        &option_a,
        &option_b,
        &vec![side; conflicts.len()],
    )?;
    let mut result = side_a.clone();
    apply(&mut result, Action::ReplaceOption(Box::new(merged)))?;
    crate::io::scenario_file::save_scenario(output, &result)?;
    let moved = |option: &crate::model::Snapshot| {
        let codes = |s: &crate::model::Snapshot, i: usize| {
            s.assignment[i]
                .and_then(|id| s.hubs.get(&id))
                .map(|hub| hub.code.clone())
        };
        (0..option.assignment.len())
            .filter(|i| codes(option, *i) != codes(&base_option, *i))
            .count()
    };
    eprintln!(
        "wrote {}: {} practice(s) moved from the start ({} by A, {} by B){}",
        output.display(),
        moved(&result.current_option()),
        moved(&option_a),
        moved(&option_b),
        if conflicts.is_empty() {
            String::new()
        } else {
            format!(
                "; {} conflict(s) settled for {}",
                conflicts.len(),
                side.label()
            )
        }
    );
    Ok(())
}
