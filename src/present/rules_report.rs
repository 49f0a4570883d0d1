//! A rule set as text: the `rules` command (table, CSV, JSON) and the notes that mark figures
//! computed from rates the user edited, for the report, exports and the HTML page.

use crate::model::{FundingLine, RuleSet};
use crate::present::{ReportFormat, csv_text, neutralise_cell};

/// The CSV header of `rules --format csv`.
pub const RULES_CSV_COLUMNS: [&str; 9] = [
    "id", "name", "base", "rate", "period", "paid_to", "source", "verified", "edited",
];

/// `registered+adjusted`.
fn bases(line: &FundingLine) -> String {
    line.terms
        .iter()
        .map(|term| term.base.label())
        .collect::<Vec<_>>()
        .join("+")
}

/// `2.266+0.748` (pounds per unit, in the order of the bases).
fn rates(line: &FundingLine) -> String {
    line.rates()
        .map(|(_, rate)| rate.to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// `edited: was £8.903 × adjusted; ICB letter` or empty.
pub fn edit_text(line: &FundingLine) -> String {
    line.edit
        .as_ref()
        .map(crate::model::rules::LineEdit::describe)
        .unwrap_or_default()
}

/// The CSV cells of one line, in [`RULES_CSV_COLUMNS`] order.
fn line_cells(line: &FundingLine) -> Vec<String> {
    vec![
        line.id.clone(),
        neutralise_cell(&line.name).into_owned(),
        bases(line),
        rates(line),
        line.period_label().to_string(),
        line.paid_to.id().to_string(),
        neutralise_cell(&line.source).into_owned(),
        line.verified.to_string(),
        neutralise_cell(&edit_text(line)).into_owned(),
    ]
}

/// The rule set in a format: one row per line.
pub fn render_rules(rules: &RuleSet, format: ReportFormat) -> String {
    match format {
        ReportFormat::Csv => {
            let mut rows = vec![RULES_CSV_COLUMNS.map(str::to_string).to_vec()];
            rows.extend(rules.lines.iter().map(line_cells));
            csv_text(&rows)
        }
        ReportFormat::Json => rules_json(rules),
        ReportFormat::Table => rules_table(rules),
    }
}

fn rules_table(rules: &RuleSet) -> String {
    let mut out = format!("{} ({})\n\n", rules.title, rules.year);
    for line in &rules.lines {
        let mark = if line.verified { "" } else { " [UNVERIFIED]" };
        out.push_str(&format!(
            "{}: {}{mark}\n  {} · {} · {}\n  source: {}\n",
            line.id,
            line.name,
            line.formula(),
            line.period_label(),
            match line.paid_to {
                crate::model::PaidTo::Network => "paid to the network",
                crate::model::PaidTo::Practice => "paid to each member practice",
            },
            line.source
        ));
        if !line.note.is_empty() {
            out.push_str(&format!("  note: {}\n", line.note));
        }
        if line.is_edited() {
            out.push_str(&format!("  {}\n", edit_text(line).to_uppercase_first()));
        }
    }
    out
}

/// One line as JSON (also used by the report's `funding_lines`).
pub fn line_json(line: &FundingLine) -> serde_json::Value {
    let terms: Vec<serde_json::Value> = line
        .rates()
        .map(
            |(base, rate)| serde_json::json!({ "base": base.label(), "gbp": rate.as_pounds_f64() }),
        )
        .collect();
    serde_json::json!({
        "id": line.id,
        "name": line.name,
        "formula": line.formula(),
        "terms": terms,
        "period": line.period,
        "paid_to": line.paid_to.id(),
        "verified": line.verified,
        "source": line.source,
        "note": line.note,
        "edited": line.edit.as_ref().map(|edit| serde_json::json!({
            "note": edit.note,
            "original_formula": edit.original_formula,
        })),
    })
}

fn rules_json(rules: &RuleSet) -> String {
    let document = serde_json::json!({
        "rule_year": rules.year.label(),
        "title": rules.title,
        "lines": rules.lines.iter().map(line_json).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

/// The report columns whose figures come from an edited rate: each edited line's `<id>_gbp`
/// and `total_gbp` (empty when nothing is edited).
pub fn edited_columns(rules: &RuleSet) -> Vec<String> {
    super::columns::FigureColumn::all(rules)
        .into_iter()
        .filter(|column| column.is_edited(rules))
        .map(|column| column.name(rules))
        .collect()
}

/// `edited: enhanced_access_gbp, total_gbp (Enhanced access £9.1 × adjusted, edited: was …)`,
/// or `None` when no rate is edited: the cell of the report CSV's `edited` column.
pub fn edited_cell(rules: &RuleSet) -> Option<String> {
    let columns = edited_columns(rules);
    if columns.is_empty() {
        return None;
    }
    let lines: Vec<String> = rules
        .lines
        .iter()
        .filter(|line| line.is_edited())
        .map(|line| format!("{} {}, {}", line.name, line.formula(), edit_text(line)))
        .collect();
    Some(format!(
        "edited: {} ({})",
        columns.join(", "),
        lines.join("; ")
    ))
}

/// A paragraph for text reports naming every edited line with its note (empty when none).
pub fn edited_note(rules: &RuleSet) -> String {
    let lines: Vec<String> = rules
        .lines
        .iter()
        .filter(|line| line.is_edited())
        .map(|line| {
            format!(
                "  - {}: {} ({})",
                line.name,
                line.formula(),
                edit_text(line)
            )
        })
        .collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!(
            "\nEdited rates (figures of these lines and totals are marked \"edited\"):\n{}\n",
            lines.join("\n")
        )
    }
}

trait UppercaseFirst {
    fn to_uppercase_first(&self) -> String;
}

impl UppercaseFirst for String {
    fn to_uppercase_first(&self) -> String {
        let mut chars = self.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    }
}
