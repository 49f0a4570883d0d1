//! The example scenarios in `scenarios/`: each loads, matches the generator in
//! `io::example::example_scenarios`, and shows the figures its notes promise.
//! `UPDATE_SCENARIOS=1 cargo test --test example_scenarios` rewrites the files.

use pcn_explorer::io::example::example_scenarios;
use pcn_explorer::io::scenario_file::{read_scenario, scenario_to_string};
use pcn_explorer::model::{Band, Metrics, Scenario};
use std::path::PathBuf;

fn scenarios_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
}

fn load(name: &str) -> Scenario {
    let path = scenarios_dir().join(name);
    let bytes = std::fs::read(&path).expect("scenario file exists");
    read_scenario(name, &bytes)
        .expect("scenario loads")
        .scenario
}

fn band_of(scenario: &Scenario, code: &str) -> Band {
    let metrics = Metrics::compute(scenario);
    let id = scenario.hub_by_code(code).expect("hub exists");
    metrics.hubs[&id].band.expect("hubs have a band")
}

#[test]
fn every_example_file_matches_its_generator() {
    let generated = example_scenarios().expect("examples build");
    let update = std::env::var_os("UPDATE_SCENARIOS").is_some();
    for (name, scenario) in &generated {
        let text = scenario_to_string(scenario);
        let path = scenarios_dir().join(name);
        if update {
            std::fs::write(&path, &text).expect("write scenario");
        }
        let on_disk = std::fs::read_to_string(&path).expect("scenario file exists");
        assert_eq!(
            on_disk, text,
            "{name} is out of date: run with UPDATE_SCENARIOS=1"
        );
        assert_eq!(&load(name), scenario, "{name} loads as generated");
    }
    let mut on_disk: Vec<String> = std::fs::read_dir(scenarios_dir())
        .expect("scenarios folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".ron"))
        .collect();
    on_disk.sort();
    let mut expected: Vec<String> = generated.iter().map(|(n, _)| n.to_string()).collect();
    expected.sort();
    assert_eq!(
        on_disk, expected,
        "every file in scenarios/ is generated and tested"
    );
}

#[test]
fn baseline_has_the_example_pcns() {
    let scenario = load("riverford-baseline.ron");
    assert_eq!(scenario.region().len(), 41);
    assert_eq!(scenario.hubs().len(), 8);
    assert_eq!(scenario.unassigned().len(), 2);
    assert_eq!(band_of(&scenario, "X10549"), Band::Above);
    assert_eq!(band_of(&scenario, "X10686"), Band::Below);
}

#[test]
fn option_a_splits_stanmere_and_oakby_into_two_in_band_hubs() {
    let scenario = load("riverford-option-a-split-stanmere-oakby.ron");
    assert_eq!(scenario.hubs().len(), 9);
    assert_eq!(band_of(&scenario, "X10549"), Band::Within);
    assert_eq!(band_of(&scenario, "NEW1"), Band::Within);
    let oakby = scenario.hub_by_code("NEW1").expect("new hub");
    assert_eq!(scenario.member_count(oakby), 2);
    let metrics = Metrics::compute(&scenario);
    let baseline = Metrics::compute(&load("riverford-baseline.ron"));
    assert_eq!(metrics.region.registered, baseline.region.registered);
}

#[test]
fn option_b_merges_thornleigh_into_kestrel_downs() {
    let scenario = load("riverford-option-b-thornleigh-joins-kestrel.ron");
    assert_eq!(scenario.hubs().len(), 7);
    assert!(scenario.hub_by_code("X10686").is_none());
    let kestrel = scenario.hub_by_code("X10823").expect("kestrel");
    assert_eq!(scenario.member_count(kestrel), 7);
    assert_eq!(band_of(&scenario, "X10823"), Band::Above);
}
