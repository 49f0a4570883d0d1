//! Funding lines of every rule year against figures worked out by hand (Python `decimal`,
//! round half up per rate term), and the worked 50,000-patient check of DOMAIN.md.

use pcn_explorer::model::{
    Beds, Fte, Hub, Metrics, Patients, Pence, Practice, Region, RuleYear, Scenario,
};
use std::collections::BTreeMap;
use std::sync::Arc;

fn patients(value: f64) -> Patients {
    Patients::from_f64(value).expect("valid count")
}

fn pounds(text: &str) -> Pence {
    let (whole, frac) = text.split_once('.').unwrap_or((text, "0"));
    let whole: i64 = whole.parse().expect("pounds");
    let frac: i64 = format!("{frac:0<2}")[..2].parse().expect("pence");
    Pence(whole * 100 + frac)
}

/// One hub "U00001" of the given practices, plus whatever is unassigned.
fn one_hub(practices: Vec<Practice>, year: RuleYear) -> Scenario {
    let hubs = BTreeMap::from([("U00001".to_string(), "TEST PCN".to_string())]);
    let region = Region::new("test", practices, hubs).expect("valid region");
    let mut scenario = Scenario::baseline(Arc::new(region), year);
    pcn_explorer::model::apply(
        &mut scenario,
        pcn_explorer::model::Action::SetRuleYear(year),
    )
    .expect("a year with embedded rules");
    scenario
}

/// Two practices: registered 32,345.25, weighted 32,000.50, adjusted 32,500, 40 beds.
fn two_practices() -> Vec<Practice> {
    let mut first = Practice::new("A00001", "FIRST SURGERY", patients(20_000.0));
    first.weighted_patients = Some(patients(21_000.0));
    first.care_home_beds = Some(Beds::from_f64(40.0).expect("beds"));
    first.baseline_hub = Some("U00001".into());
    first.gp_fte = Some(Fte::from_f64(8.5).expect("fte"));
    let mut second = Practice::new("A00002", "SECOND SURGERY", patients(12_345.25));
    second.weighted_patients = Some(patients(11_000.50));
    second.adjusted_patients = Some(patients(11_500.0));
    second.baseline_hub = Some("U00001".into());
    vec![first, second]
}

fn lines_of(metrics: &Metrics) -> Vec<(String, Pence)> {
    let hub = metrics.hubs.values().next().expect("one hub");
    metrics
        .rules
        .lines
        .iter()
        .map(|line| line.id.clone())
        .zip(hub.funding.iter().copied())
        .collect()
}

fn expect_lines(year: RuleYear, expected: &[(&str, &str)], total: &str) {
    let scenario = one_hub(two_practices(), year);
    let metrics = Metrics::compute(&scenario);
    let expected: Vec<(String, Pence)> = expected
        .iter()
        .map(|(id, amount)| (id.to_string(), pounds(amount)))
        .collect();
    assert_eq!(lines_of(&metrics), expected, "{year}");
    let hub = metrics.hubs.values().next().expect("one hub");
    assert_eq!(hub.total, pounds(total), "{year} total");
    assert_eq!(
        metrics.region.total_funding,
        pounds(total),
        "{year} region total"
    );
}

#[test]
fn bases_are_summed_exactly() {
    let scenario = one_hub(two_practices(), RuleYear::Y2025_26);
    let metrics = Metrics::compute(&scenario);
    let hub = metrics.hubs.values().next().expect("one hub");
    assert_eq!(hub.registered, patients(32_345.25));
    assert_eq!(hub.weighted, patients(32_000.50));
    // First practice has no adjusted figure: its weighted list (21,000) stands in.
    assert_eq!(hub.adjusted, patients(32_500.0));
    assert_eq!(hub.care_home_beds, Beds(4_000));
    assert_eq!(hub.practices, 2);
    // Only the first practice has a GP FTE: 20,000 / 8.5 = 2,352.94…
    let per_gp = hub.patients_per_gp_fte().expect("has GP FTE");
    assert!((per_gp - 2_352.941_176).abs() < 1e-5, "{per_gp}");
    assert_eq!(hub.practices_without_gp_fte, 1);
}

#[test]
fn lines_2022_23() {
    expect_lines(
        RuleYear::Y2022_23,
        &[
            ("core", "48517.88"),
            ("clinical_director", "23579.69"),
            ("leadership_management", "22717.50"),
            ("participation", "56352.88"),
            ("extended_hours", "23288.58"),
            ("enhanced_access", "122330.00"),
            ("casp", "19500.00"),
            ("care_home_premium", "4800.00"),
            ("arrs", "534408.35"),
        ],
        "855494.88",
    );
}

#[test]
fn lines_2023_24() {
    expect_lines(
        RuleYear::Y2023_24,
        &[
            ("core", "48517.88"),
            ("clinical_director", "23579.69"),
            ("leadership_management", "22230.00"),
            ("participation", "56352.88"),
            ("enhanced_access", "246285.00"),
            ("casp", "89862.50"),
            ("caip", "38512.50"),
            ("care_home_premium", "4800.00"),
            ("arrs", "725483.34"),
        ],
        "1255623.79",
    );
}

#[test]
fn lines_2024_25() {
    // Core after September 2024, split pro rata (DOMAIN.md correction, unverified):
    // 2.257 × 32,345.25 = 73,003.23 plus 0.710 × 32,500 = 23,075.00.
    expect_lines(
        RuleYear::Y2024_25,
        &[
            ("core", "96078.23"),
            ("participation", "56352.88"),
            ("enhanced_access", "259187.50"),
            ("casp", "105560.00"),
            ("caip", "45240.00"),
            ("care_home_premium", "5088.00"),
            ("arrs", "732619.45"),
            ("gp_arrs", "41696.65"),
        ],
        "1341822.71",
    );
}

#[test]
fn lines_2025_26() {
    expect_lines(
        RuleYear::Y2025_26,
        &[
            ("core", "97116.84"),
            ("participation", "56352.88"),
            ("enhanced_access", "273877.50"),
            ("casp", "104260.00"),
            ("caip", "44687.50"),
            ("care_home_premium", "5210.12"),
            ("arrs", "852205.32"),
        ],
        "1433710.16",
    );
}

#[test]
fn lines_2026_27() {
    // Core 2.266 × 32,345.25 = 73,294.34 + 0.748 × 32,500 = 24,310.00; enhanced access
    // 8.903 × 32,500; GP reimbursement 4.57 × 32,500 (paid to practices); care home premium
    // 130.253 × 40 beds; ARRS 27.668 × 32,000.50. No CASP, no CAIP.
    expect_lines(
        RuleYear::Y2026_27,
        &[
            ("core", "97604.34"),
            ("participation", "56352.88"),
            ("enhanced_access", "289347.50"),
            ("gp_reimbursement", "148525.00"),
            ("care_home_premium", "5210.12"),
            ("arrs", "885389.83"),
        ],
        "1482429.67",
    );
}

#[test]
fn casp_and_caip_are_gone_in_2026_27_and_the_gp_scheme_is_paid_to_practices() {
    use pcn_explorer::model::PaidTo;
    let rules = RuleYear::Y2026_27.rules();
    let ids: Vec<&str> = rules.lines.iter().map(|line| line.id.as_str()).collect();
    assert!(!ids.contains(&"casp") && !ids.contains(&"caip"), "{ids:?}");
    let network: Vec<&str> = rules
        .lines
        .iter()
        .filter(|line| line.paid_to == PaidTo::Network)
        .map(|line| line.id.as_str())
        .collect();
    assert_eq!(
        network,
        ["core", "enhanced_access", "care_home_premium", "arrs"]
    );
    let scheme = rules
        .line("gp_reimbursement")
        .expect("GP reimbursement scheme");
    assert_eq!(scheme.paid_to, PaidTo::Practice);
    assert_eq!(scheme.formula(), "£4.57 × adjusted");
    assert!(rules.lines.iter().all(|line| !line.verified));
    assert_eq!(RuleYear::default(), RuleYear::Y2026_27);
}

#[test]
fn part_year_lines_say_their_period() {
    let period = |year: RuleYear, id: &str| {
        year.rules()
            .line(id)
            .and_then(|line| line.period.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        period(RuleYear::Y2024_25, "gp_arrs"),
        "October 2024 – March 2025"
    );
    assert_eq!(
        period(RuleYear::Y2022_23, "casp"),
        "October 2022 – March 2023"
    );
    assert_eq!(
        period(RuleYear::Y2022_23, "enhanced_access"),
        "October 2022 – March 2023"
    );
    assert_eq!(
        period(RuleYear::Y2022_23, "extended_hours"),
        "April 2022 – September 2022"
    );
    assert_eq!(period(RuleYear::Y2025_26, "arrs"), "");
}

/// DOMAIN.md figures for 2026/27, 50,000 patients, weighted = adjusted = registered.
#[test]
fn fifty_thousand_patients_2026_27() {
    let mut practice = Practice::new("B00001", "BIG SURGERY", patients(50_000.0));
    practice.weighted_patients = Some(patients(50_000.0));
    practice.baseline_hub = Some("U00001".into());
    let scenario = one_hub(vec![practice], RuleYear::Y2026_27);
    let metrics = Metrics::compute(&scenario);
    let hub = metrics.hubs.values().next().expect("one hub");
    let line = |id: &str| hub.line(&metrics.rules, id);
    assert_eq!(line("core"), pounds("150700")); // (2.266 + 0.748) × 50,000
    assert_eq!(line("participation"), pounds("88050"));
    assert_eq!(line("enhanced_access"), pounds("445150"));
    assert_eq!(line("gp_reimbursement"), pounds("228500"));
    assert_eq!(line("arrs"), pounds("1383400"));
    assert_eq!(line("casp"), Pence::ZERO);
    assert_eq!(hub.total, pounds("2295800"));
}

/// DOMAIN.md: 2024/25 after September 2024, 50,000 patients, weighted = adjusted = registered.
#[test]
fn worked_check_fifty_thousand_patients_2024_25() {
    let mut practice = Practice::new("B00001", "BIG SURGERY", patients(50_000.0));
    practice.weighted_patients = Some(patients(50_000.0));
    practice.baseline_hub = Some("U00001".into());
    let scenario = one_hub(vec![practice], RuleYear::Y2024_25);
    let metrics = Metrics::compute(&scenario);
    let hub = metrics.hubs.values().next().expect("one hub");
    let line = |id: &str| hub.line(&metrics.rules, id);
    assert_eq!(line("core"), pounds("148350"));
    assert_eq!(line("enhanced_access"), pounds("398750"));
    assert_eq!(line("casp"), pounds("162400"));
    assert_eq!(line("caip"), pounds("69600"));
    assert_eq!(line("arrs"), pounds("1144700"));
    assert_eq!(line("gp_arrs"), pounds("65150"));
    assert_eq!(line("participation"), pounds("88050"));
    assert_eq!(line("care_home_premium"), Pence::ZERO);
    assert_eq!(hub.band, Some(pcn_explorer::model::Band::Within));
}

#[test]
fn unassigned_practices_get_no_network_money() {
    let mut practices = two_practices();
    practices[1].baseline_hub = None;
    let scenario = one_hub(practices, RuleYear::Y2025_26);
    let metrics = Metrics::compute(&scenario);
    assert_eq!(metrics.unassigned.practices, 1);
    assert_eq!(metrics.unassigned.registered, patients(12_345.25));
    assert_eq!(metrics.unassigned.total, Pence::ZERO);
    assert!(metrics.unassigned.funding.iter().all(|p| *p == Pence::ZERO));
    assert_eq!(metrics.unassigned.band, None);
    assert_eq!(metrics.region.unassigned, 1);
    assert_eq!(metrics.region.assigned, 1);
    assert_eq!(metrics.region.registered, patients(32_345.25));
    // The hub alone: 20,000 registered, 21,000 weighted (= adjusted).
    // 2025-26 participation: 1.761 × 21,000 = 36,981.00.
    let hub = metrics.hubs.values().next().expect("one hub");
    assert_eq!(
        hub.line(&metrics.rules, "participation"),
        pounds("36981.00")
    );
    assert_eq!(metrics.region.total_funding, hub.total);
}

#[test]
fn every_line_id_is_known_and_unverified_lines_say_why() {
    for year in RuleYear::all().iter().copied() {
        let rules = year.rules();
        assert!(!rules.lines.is_empty());
        for line in &rules.lines {
            assert!(pcn_explorer::model::rules::LINE_IDS.contains(&line.id.as_str()));
            assert!(!line.source.is_empty(), "{year} {} has a source", line.id);
            if !line.verified {
                assert!(
                    line.source.contains("UNVERIFIED") || line.note.contains("UNVERIFIED"),
                    "{year} {} says why it is unverified",
                    line.id
                );
            }
        }
    }
    // The lines DOMAIN.md marks as unconfirmed.
    let unverified = |year: RuleYear| -> Vec<String> {
        year.rules()
            .lines
            .iter()
            .filter(|line| !line.verified)
            .map(|line| line.id.clone())
            .collect()
    };
    assert_eq!(
        unverified(RuleYear::Y2022_23),
        ["clinical_director", "casp", "arrs"]
    );
    assert!(unverified(RuleYear::Y2023_24).is_empty());
    assert_eq!(unverified(RuleYear::Y2024_25), ["core"]);
    assert!(unverified(RuleYear::Y2025_26).is_empty());
    assert_eq!(unverified(RuleYear::Y2026_27).len(), 6);
}

#[test]
fn spread_is_distance_to_furthest_member_from_list_weighted_centre() {
    use pcn_explorer::model::LatLon;
    let mut a = Practice::new("C00001", "A", patients(30_000.0));
    a.location = Some(LatLon {
        lat: 51.0,
        lon: 0.0,
    });
    a.baseline_hub = Some("U00001".into());
    let mut b = Practice::new("C00002", "B", patients(10_000.0));
    b.location = Some(LatLon {
        lat: 51.4,
        lon: 0.0,
    });
    b.baseline_hub = Some("U00001".into());
    let scenario = one_hub(vec![a, b], RuleYear::Y2025_26);
    let metrics = Metrics::compute(&scenario);
    let hub = metrics.hubs.values().next().expect("one hub");
    // Centre at latitude 51.1 (weights 3:1); the furthest member is B, 0.3° of latitude away.
    let centre = hub.centre.expect("centre");
    assert!((centre.lat - 51.1).abs() < 1e-9);
    let expected_km = 0.3 * std::f64::consts::PI / 180.0 * 6_371.0;
    assert!((hub.spread_km.expect("spread") - expected_km).abs() < 1e-6);
}

#[test]
fn hub_order_and_codes_come_from_the_baseline() {
    let scenario = pcn_explorer::io::example::example_scenario();
    let codes: Vec<&str> = scenario
        .hubs()
        .values()
        .map(|h: &Hub| h.code.as_str())
        .collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted);
    assert_eq!(scenario.region().len(), 41);
}
