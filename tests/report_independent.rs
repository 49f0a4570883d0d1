//! `pcn-explorer report --format csv` against an independent computation: the practice rows of
//! each real region file summed per PCN here, multiplied by the rates of DOMAIN.md written out
//! below, rounded to the penny. Every hub, every column, every year.

use std::collections::BTreeMap;
use std::process::Command;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
const REGION_FILES: [&str; 6] = [
    "region_70F.csv",
    "region_01H.csv",
    "region_03R.csv",
    "region_11N.csv",
    "region_16C.csv",
    "england_practices.csv",
];

#[derive(Clone, Copy)]
enum Base {
    Registered,
    Weighted,
    Adjusted,
    PerBed,
}
use Base::{Adjusted, PerBed, Registered, Weighted};

/// The DOMAIN.md table, per year: line id and its `(base, £ per unit)` terms, in report order.
/// Where DOMAIN.md marks a rate UNVERIFIED the rule data's figure is used (2022-23 clinical
/// director £0.729, CASP ≈ £0.60, ARRS ≈ £16.70; the 2024-25 core split after September 2024,
/// pro rata 2.257 + 0.710; every 2026-27 rate: calculators, or 2025-26 carried forward).
fn rates(year: &str) -> Vec<(&'static str, Vec<(Base, &'static str)>)> {
    match year {
        "2022-23" => vec![
            ("core", vec![(Registered, "1.50")]),
            ("clinical_director", vec![(Registered, "0.729")]),
            ("leadership_management", vec![(Adjusted, "0.699")]),
            ("participation", vec![(Weighted, "1.761")]),
            ("extended_hours", vec![(Registered, "0.720")]),
            ("enhanced_access", vec![(Adjusted, "3.764")]),
            ("casp", vec![(Adjusted, "0.60")]),
            ("care_home_premium", vec![(PerBed, "120")]),
            ("arrs", vec![(Weighted, "16.70")]),
        ],
        "2023-24" => vec![
            ("core", vec![(Registered, "1.50")]),
            ("clinical_director", vec![(Registered, "0.729")]),
            ("leadership_management", vec![(Adjusted, "0.684")]),
            ("participation", vec![(Weighted, "1.761")]),
            ("enhanced_access", vec![(Adjusted, "7.578")]),
            ("casp", vec![(Adjusted, "2.765")]),
            ("caip", vec![(Adjusted, "1.185")]),
            ("care_home_premium", vec![(PerBed, "120")]),
            ("arrs", vec![(Weighted, "22.671")]),
        ],
        "2024-25" => vec![
            ("core", vec![(Registered, "2.257"), (Adjusted, "0.710")]),
            ("participation", vec![(Weighted, "1.761")]),
            ("enhanced_access", vec![(Adjusted, "7.975")]),
            ("casp", vec![(Adjusted, "3.248")]),
            ("caip", vec![(Adjusted, "1.392")]),
            ("care_home_premium", vec![(PerBed, "127.20")]),
            ("arrs", vec![(Weighted, "22.894")]),
            ("gp_arrs", vec![(Weighted, "1.303")]),
        ],
        "2025-26" => vec![
            ("core", vec![(Registered, "2.266"), (Adjusted, "0.733")]),
            ("participation", vec![(Weighted, "1.761")]),
            ("enhanced_access", vec![(Adjusted, "8.427")]),
            ("casp", vec![(Adjusted, "3.208")]),
            ("caip", vec![(Adjusted, "1.375")]),
            ("care_home_premium", vec![(PerBed, "130.253")]),
            ("arrs", vec![(Weighted, "26.631")]),
        ],
        // No CASP or CAIP: the GP reimbursement scheme (paid to practices) follows enhanced access.
        "2026-27" => vec![
            ("core", vec![(Registered, "2.266"), (Adjusted, "0.748")]),
            ("participation", vec![(Weighted, "1.761")]),
            ("enhanced_access", vec![(Adjusted, "8.903")]),
            ("gp_reimbursement", vec![(Adjusted, "4.57")]),
            ("care_home_premium", vec![(PerBed, "130.253")]),
            ("arrs", vec![(Weighted, "27.668")]),
        ],
        other => panic!("no rates for {other}"),
    }
}

/// `"4029.25"` → 402925 (hundredths); `"7"` → 700. Exact decimal parsing, no floats.
fn hundredths(text: &str) -> i64 {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    assert!(
        frac.len() <= 2 || frac[2..].chars().all(|c| c == '0'),
        "{text}"
    );
    let frac = format!("{:0<2}", &frac[..frac.len().min(2)]);
    whole.parse::<i64>().expect("whole part") * 100 + frac.parse::<i64>().expect("fraction")
}

/// `"1.761"` → 17610 (ten-thousandths of a pound).
fn rate_e4(text: &str) -> i128 {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let frac = format!("{frac:0<4}");
    i128::from(whole.parse::<i64>().expect("rate")) * 10_000 + frac.parse::<i128>().expect("rate")
}

/// Pence for `rate × base`, rounded half away from zero.
fn pence(rate: &str, base_hundredths: i64) -> i64 {
    let product = rate_e4(rate) * i128::from(base_hundredths);
    ((product + 5_000) / 10_000) as i64
}

fn money(pence: i64) -> String {
    format!("{}.{:02}", pence / 100, pence % 100)
}

#[derive(Default)]
struct Group {
    name: String,
    practices: u32,
    registered: i64,
    weighted: i64,
    beds: i64,
    gp_fte: i64,
    nurse_fte: i64,
    registered_with_gp_fte: i64,
}

/// The practice rows of a region file grouped by `pcn_code` (`UNASSIGNED` for none).
fn groups(path: &str) -> BTreeMap<String, Group> {
    let mut reader = csv::Reader::from_path(path).expect("open region file");
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (code, name, registered, weighted) = (
        column("pcn_code").expect("pcn_code"),
        column("pcn_name").expect("pcn_name"),
        column("registered_patients").expect("registered"),
        column("weighted_patients").expect("weighted"),
    );
    let (gp, nurse, beds) = (
        column("gp_fte"),
        column("nurse_fte"),
        column("care_home_beds"),
    );
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for record in reader.records() {
        let record = record.expect("record");
        let field = |index: Option<usize>| index.map_or("", |i| record[i].trim());
        let pcn = record[code].trim();
        let key = if pcn.is_empty() { "UNASSIGNED" } else { pcn };
        let group = groups.entry(key.to_string()).or_default();
        group.name = if pcn.is_empty() {
            "Unassigned practices".to_string()
        } else {
            record[name].trim().to_string()
        };
        let list = hundredths(record[registered].trim());
        group.practices += 1;
        group.registered += list;
        group.weighted += match record[weighted].trim() {
            "" => list,
            text => hundredths(text),
        };
        if !field(beds).is_empty() {
            group.beds += hundredths(field(beds));
        }
        if !field(gp).is_empty() {
            group.gp_fte += hundredths(field(gp));
            group.registered_with_gp_fte += list;
        }
        if !field(nurse).is_empty() {
            group.nurse_fte += hundredths(field(nurse));
        }
    }
    groups
}

const YEARS: [&str; 5] = ["2022-23", "2023-24", "2024-25", "2025-26", "2026-27"];

fn report_csv(path: &str, year: &str) -> Vec<BTreeMap<String, String>> {
    report_csv_with(path, year, &rates(year), &[])
}

/// The report with `extra` arguments (e.g. `--rate`), checking the header against `lines`; an
/// `--rate` adds the `edited` column.
fn report_csv_with(
    path: &str,
    year: &str,
    lines: &[(&str, Vec<(Base, &str)>)],
    extra: &[&str],
) -> Vec<BTreeMap<String, String>> {
    let output = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(["report", path, "--year", year, "--format", "csv"])
        .args(extra)
        .output()
        .expect("run pcn-explorer");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers = reader.headers().expect("header").clone();
    let mut expected_header: Vec<String> = [
        "hub_code",
        "hub_name",
        "practices",
        "registered_patients",
        "weighted_patients",
        "band",
        "gp_fte",
        "nurse_fte",
        "patients_per_gp_fte",
    ]
    .iter()
    .map(|c| c.to_string())
    .collect();
    expected_header.extend(lines.iter().map(|(id, _)| format!("{id}_gbp")));
    expected_header.push("total_gbp".to_string());
    expected_header.extend(
        [
            "arrs_entitlement_gbp",
            "arrs_claimable_gbp",
            "arrs_headroom_gbp",
            "additional_roles_wte",
        ]
        .map(String::from),
    );
    if !extra.is_empty() {
        expected_header.push("edited".to_string());
    }
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        expected_header,
        "{path} {year}"
    );
    reader
        .records()
        .map(|record| {
            let record = record.expect("record");
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn check(path: &str, year: &str) {
    check_with(path, year, &rates(year), &[]);
}

/// Every hub's every figure under `lines` (the rates expected), running the report with `extra`.
fn check_with(path: &str, year: &str, lines: &[(&str, Vec<(Base, &str)>)], extra: &[&str]) {
    let groups = groups(path);
    let rows = report_csv_with(path, year, lines, extra);
    let codes: Vec<&str> = rows.iter().map(|row| row["hub_code"].as_str()).collect();
    let mut expected_codes: Vec<&str> = groups
        .keys()
        .map(String::as_str)
        .filter(|code| *code != "UNASSIGNED")
        .collect();
    expected_codes.push("UNASSIGNED");
    assert_eq!(
        codes, expected_codes,
        "{path} {year}: hubs sorted by code, then UNASSIGNED"
    );
    let empty = Group {
        name: "Unassigned practices".to_string(),
        ..Group::default()
    };
    for row in &rows {
        let code = row["hub_code"].as_str();
        let group = groups.get(code).unwrap_or(&empty);
        let is_hub = code != "UNASSIGNED";
        let context = format!("{path} {year} {code}");
        assert_eq!(row["hub_name"], group.name, "{context}");
        assert_eq!(row["practices"], group.practices.to_string(), "{context}");
        assert_eq!(
            hundredths(&row["registered_patients"]),
            group.registered,
            "{context}"
        );
        assert_eq!(
            hundredths(&row["weighted_patients"]),
            group.weighted,
            "{context}"
        );
        assert_eq!(hundredths(&row["gp_fte"]), group.gp_fte, "{context}");
        assert_eq!(hundredths(&row["nurse_fte"]), group.nurse_fte, "{context}");
        let band = if !is_hub {
            ""
        } else if group.registered < 3_000_000 {
            "below"
        } else if group.registered > 5_000_000 {
            "above"
        } else {
            "within"
        };
        assert_eq!(row["band"], band, "{context}");
        if group.gp_fte == 0 {
            assert_eq!(row["patients_per_gp_fte"], "", "{context}");
        } else {
            let expected = group.registered_with_gp_fte as f64 / group.gp_fte as f64;
            let shown: f64 = row["patients_per_gp_fte"].parse().expect("number");
            assert!(
                (shown - expected).abs() <= 0.005 + 1e-9,
                "{context}: {shown} vs {expected}"
            );
        }
        let mut total = 0;
        let mut arrs = 0;
        for (id, terms) in lines {
            let amount: i64 = if is_hub {
                terms
                    .iter()
                    .map(|(base, rate)| {
                        let base = match base {
                            Registered => group.registered,
                            Weighted | Adjusted => group.weighted,
                            PerBed => group.beds,
                        };
                        pence(rate, base)
                    })
                    .sum()
            } else {
                0
            };
            total += amount;
            if *id == "arrs" || *id == "gp_arrs" {
                arrs += amount;
            }
            assert_eq!(row[&format!("{id}_gbp")], money(amount), "{context} {id}");
        }
        assert_eq!(row["total_gbp"], money(total), "{context} total");
        // No staff plan: the ARRS entitlement (the ARRS lines) is all headroom.
        assert_eq!(row["arrs_entitlement_gbp"], money(arrs), "{context} ARRS");
        assert_eq!(row["arrs_headroom_gbp"], money(arrs), "{context} ARRS");
        assert_eq!(row["arrs_claimable_gbp"], money(0), "{context} ARRS");
    }
}

#[test]
fn report_matches_independent_sums_for_every_region_and_year() {
    for file in REGION_FILES {
        for year in YEARS {
            check(&format!("{DATA}/{file}"), year);
        }
    }
}

#[test]
fn report_matches_on_the_example_with_care_home_beds() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/example/riverford.csv");
    for year in YEARS {
        check(path, year);
    }
}

/// `report --year 2026-27 --rate enhanced_access=9.10`: enhanced access is 9.10 × the adjusted
/// (here weighted) list of every hub, the totals follow, and the edited figures are named.
#[test]
fn a_rate_given_on_the_command_line_changes_its_line_and_is_marked_edited() {
    let mut lines = rates("2026-27");
    lines[2] = ("enhanced_access", vec![(Adjusted, "9.10")]);
    let extra = [
        "--rate",
        "enhanced_access=9.10",
        "--rate-note",
        "ICB letter 14 May 2026",
    ];
    let path = format!("{DATA}/region_70F.csv");
    check_with(&path, "2026-27", &lines, &extra);
    let rows = report_csv_with(&path, "2026-27", &lines, &extra);
    for row in &rows {
        if row["hub_code"] == "UNASSIGNED" {
            assert_eq!(row["edited"], "");
        } else {
            assert_eq!(
                row["edited"],
                "edited: enhanced_access_gbp, total_gbp (Enhanced access £9.1 × adjusted, \
                 edited: was £8.903 × adjusted; ICB letter 14 May 2026)"
            );
        }
    }
}

#[test]
fn raw_nhs_file_reports_the_same_lists_and_money_as_the_region_file() {
    let raw = format!("{DATA}/nhs/payments-2022-23-practice.csv");
    for year in ["2022-23", "2025-26"] {
        let output = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
            .args([
                "report", &raw, "--region", "70F", "--year", year, "--format", "csv",
            ])
            .output()
            .expect("run");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
        let headers = reader.headers().expect("header").clone();
        let raw_rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        let region_rows = report_csv(&format!("{DATA}/region_70F.csv"), year);
        assert_eq!(raw_rows.len(), region_rows.len());
        for (raw_row, region_row) in raw_rows.iter().zip(&region_rows) {
            for (header, value) in headers.iter().zip(raw_row.iter()) {
                if ["gp_fte", "nurse_fte", "patients_per_gp_fte"].contains(&header) {
                    continue; // The payments file has no workforce figures.
                }
                assert_eq!(
                    value, region_row[header],
                    "{year} {} {header}",
                    region_row["hub_code"]
                );
            }
        }
    }
}
