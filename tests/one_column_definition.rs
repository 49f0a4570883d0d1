//! Every report takes its figure columns from one definition (`present::columns`): the text
//! table and the HTML report show the same summary columns under the same headings, and the
//! JSON report holds every figure the CSV holds, with the same value.

use pcn_explorer::export::html::report_html;
use pcn_explorer::io::example::example_scenario;
use pcn_explorer::model::Metrics;
use pcn_explorer::present::columns::{FigureColumn, SUMMARY_COLUMNS};
use pcn_explorer::report::{report_csv, report_json, report_table};

#[test]
fn the_text_table_and_the_html_report_show_the_same_columns() {
    let scenario = example_scenario();
    let metrics = Metrics::compute(&scenario);
    let table = report_table(&scenario, &metrics);
    let header = table
        .lines()
        .find(|line| line.starts_with("Hub  "))
        .expect("the table's header");
    let html = report_html(&scenario, &metrics);
    let start = html.find("<h2>Hubs</h2>").expect("the hub table");
    let thead = &html[start..start + html[start..].find("</thead>").expect("its head")];
    let mut in_table = Vec::new();
    let mut in_html = Vec::new();
    for column in SUMMARY_COLUMNS {
        let heading = column.summary_heading(&metrics.rules);
        in_table.push(header.find(&heading).expect(&heading));
        in_html.push(thead.find(&format!(">{heading}<")).expect(&heading));
    }
    // In the same order in both.
    assert!(in_table.is_sorted(), "{header}");
    assert!(in_html.is_sorted(), "{thead}");
    assert!(header.contains("Patients/GP FTE") && thead.contains(">Patients/GP FTE<"));
}

#[test]
fn the_json_report_holds_every_csv_figure_with_the_same_value() {
    let scenario = example_scenario();
    let metrics = Metrics::compute(&scenario);
    let rules = &metrics.rules;
    let json: serde_json::Value =
        serde_json::from_str(&report_json(&scenario, &metrics)).expect("valid JSON");
    let csv = report_csv(&scenario, &metrics);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let mut hubs = json["hubs"].as_array().expect("hubs").iter();
    let mut checked = 0;
    for record in reader.records() {
        let record = record.expect("a row");
        let group = if &record[0] == "UNASSIGNED" {
            &json["unassigned"]
        } else {
            hubs.next().expect("a hub for each CSV row")
        };
        assert_eq!(group["hub_code"], record[0]);
        for column in FigureColumn::all(rules) {
            let name = column.name(rules);
            let at = header.iter().position(|h| h == name).expect(&name);
            let value = match column {
                FigureColumn::Line(index) => &group["funding_gbp"][&rules.lines[index].id],
                _ => &group[&name],
            };
            let cell = &record[at];
            match value {
                serde_json::Value::Number(number) => {
                    let number = number.as_f64().expect("a number");
                    let cell: f64 = cell.parse().expect(&name);
                    assert!((number - cell).abs() < 0.005, "{name}: {number} {cell}");
                }
                serde_json::Value::String(text) => assert_eq!(text, cell, "{name}"),
                serde_json::Value::Null => assert_eq!(cell, "", "{name}"),
                other => panic!("{name}: {other}"),
            }
            checked += 1;
        }
    }
    assert!(hubs.next().is_none(), "as many hubs as rows");
    // The example: 41 practices in hubs plus the unassigned row, every column of each.
    let rows = metrics.hubs.len() + 1;
    assert_eq!(checked, rows * FigureColumn::all(rules).len());
    // The region's totals are the table's Region row.
    let totals = &json["totals"];
    assert_eq!(totals["practices"], 41);
    assert_eq!(
        totals["total_gbp"].as_f64().expect("a total"),
        metrics.region.total_funding.as_pounds_f64()
    );
}
