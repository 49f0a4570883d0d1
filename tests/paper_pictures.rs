//! Pictures for paper (issue 19 item 7): the map and the figures as PNG pages drawn from the
//! data, not screen grabs: light, titled, dated, with a legend and every hub, at 250 dpi.

use pcn_explorer::export::paper::{Picture, picture_png, picture_svg};
use pcn_explorer::model::Metrics;
use pcn_explorer::model::practice::title_case;
use std::path::Path;
use std::process::Command;

fn west_sussex() -> pcn_explorer::model::Scenario {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/region_70F.csv");
    pcn_explorer::io::open_path(&file, None)
        .expect("70F")
        .scenario
}

/// Width, height and RGBA pixels of a PNG.
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

#[test]
fn the_figures_page_names_every_hub_with_title_and_dates() {
    let scenario = west_sussex();
    let metrics = Metrics::compute(&scenario);
    let svg = picture_svg(&scenario, &metrics, Picture::Figures, "2026-12-02");
    assert!(svg.contains(scenario.title()));
    assert!(svg.contains("made 2026-12-02"));
    assert!(svg.contains("lists of 2023-03-31"), "the data date");
    assert!(svg.contains("funding rules 2026-27"));
    for hub in scenario.hubs().values() {
        let name = pcn_explorer::export::html::escape(&title_case(&hub.name));
        let first = name.split(' ').next().expect("a word");
        assert!(svg.contains(first), "{} is on the page", hub.name);
    }
    // 20 hubs: 20 bars, one per hub.
    assert_eq!(svg.matches("<rect x=\"516\"").count(), 20);
}

#[test]
fn the_map_page_has_its_legend_and_is_a_light_print_resolution_png() {
    let scenario = west_sussex();
    let metrics = Metrics::compute(&scenario);
    let svg = picture_svg(&scenario, &metrics, Picture::Map, "");
    for legend in [
        "circle area: registered list",
        "dark ring: moved from today",
        "Hubs: colour and registered list",
    ] {
        assert!(svg.contains(legend), "{legend}");
    }
    let png = picture_png(&scenario, &metrics, Picture::Map, "2026-12-02").expect("drawn");
    let (width, height, pixels) = decode(&png);
    // A4 landscape at 250 dpi.
    assert_eq!((width, height), (2922, 2067));
    // White paper at the corner, and the practices' colours on it.
    assert_eq!(&pixels[..4], &[255, 255, 255, 255]);
    let mut colours = std::collections::BTreeSet::new();
    for pixel in pixels.chunks_exact(4).step_by(97) {
        colours.insert([pixel[0], pixel[1], pixel[2]]);
    }
    assert!(
        colours.len() > 50,
        "a drawn map, not a blank page: {} colours",
        colours.len()
    );
    // Text was set (in the bundled font): dark pixels in the title's band.
    let title_row = 45 * 5 / 2; // y = 45 units, just above the title's baseline at 52
    let dark = (100..1500)
        .filter(|x| {
            let at = ((title_row * width + x) * 4) as usize;
            pixels[at] < 100
        })
        .count();
    assert!(dark > 50, "the title is drawn ({dark} dark pixels)");
}

#[test]
fn export_writes_both_pictures_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/region_70F.csv");
    for what in ["map-picture", "figures-picture"] {
        let out = dir.path().join(format!("{what}.png"));
        let status = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
            .args(["export", file.to_str().expect("path"), "--what", what, "-o"])
            .arg(&out)
            .status()
            .expect("runs");
        assert!(status.success(), "{what}");
        let bytes = std::fs::read(&out).expect("written");
        assert!(bytes.starts_with(b"\x89PNG"), "{what} is a PNG");
        let (width, _, _) = decode(&bytes);
        assert_eq!(width, 2922, "{what}");
    }
}

#[test]
fn a_region_with_many_hubs_is_drawn_smaller_not_too_large() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/england_practices.csv");
    let scenario = pcn_explorer::io::open_path(&file, None)
        .expect("England")
        .scenario;
    let metrics = Metrics::compute(&scenario);
    let png = picture_png(&scenario, &metrics, Picture::Figures, "").expect("drawn");
    let (width, height, _) = decode(&png);
    assert!(
        u64::from(width) * u64::from(height) <= 24_000_000,
        "{width}×{height}"
    );
    // Every one of England's 1,267 hubs has its row: the page is tall.
    assert!(height > 10 * width, "{width}×{height}");
}
