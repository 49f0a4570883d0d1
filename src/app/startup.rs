//! Opening the window: the file named on the command line (read before the window opens, so a
//! bad file shows its error over the example), preferences and the recovery offer. On the web:
//! the page's canvas, on the example with the region chooser, storage in the browser.

#[cfg(not(target_arch = "wasm32"))]
use super::files::{self, FileError, LoadOutcome, RegionPrompt};
#[cfg(not(target_arch = "wasm32"))]
use super::{APP_ID, App};
#[cfg(not(target_arch = "wasm32"))]
use crate::io::{self, FileKind};
#[cfg(not(target_arch = "wasm32"))]
use crate::model::Document;
#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;

/// Runs the window in the browser page (called by `main` in the wasm32 build): the bundled
/// example with the region chooser over it, as a plain desktop start; preferences and the
/// recovery file in the browser's storage.
#[cfg(target_arch = "wasm32")]
pub fn run_web() {
    use super::platform::storage::Store;
    super::platform::web::run(Box::new(|cc| {
        let document = crate::model::Document::new(crate::io::example::example_scenario(), true);
        let mut app = super::App::new(cc, document, None).with_store(Store::Browser);
        app.show_region_chooser();
        Ok(Box::new(app))
    }));
}

/// Opens the main window on a file, or on the bundled example when `file` is `None`;
/// `region` picks a sub-ICB of the file, or with no file the bundled data of that region.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_window(file: Option<PathBuf>, region: Option<String>) -> anyhow::Result<()> {
    let mut startup_error = None;
    let mut region_prompt = None;
    // A plain start (no file, no region) opens on the example with the region chooser over it.
    let show_chooser = file.is_none() && region.is_none();
    let (document, path) = match file {
        None => match region.as_deref().map(io::readers::open_bundled) {
            None => (Document::new(io::example::example_scenario(), true), None),
            Some(Ok(opened)) => (Document::new(opened.scenario, true), None),
            Some(Err(error)) => {
                startup_error = Some(FileError::from_load(&error));
                (Document::new(io::example::example_scenario(), true), None)
            }
        },
        Some(path) => match files::load(path.clone(), region.as_deref()) {
            LoadOutcome::Loaded { path, opened, .. } => {
                let saved_path = (opened.kind == FileKind::Scenario).then_some(path);
                (Document::new(opened.scenario, true), saved_path)
            }
            LoadOutcome::NeedsRegion { inputs, regions } => {
                region_prompt = Some(RegionPrompt {
                    inputs,
                    regions,
                    code: String::new(),
                });
                (Document::new(io::example::example_scenario(), true), None)
            }
            LoadOutcome::Failed(error) => {
                startup_error = Some(FileError::from_load(&error));
                (Document::new(io::example::example_scenario(), true), None)
            }
        },
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("pcn-explorer")
            .with_app_id(APP_ID)
            .with_inner_size([1360.0, 760.0])
            .with_maximized(true)
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true)
            .with_icon(window_icon()),
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            let mut app = App::new(cc, document, path);
            if let Some(dir) = eframe::storage_dir(APP_ID) {
                app = app.with_data_dir(dir);
            }
            if show_chooser {
                app.show_region_chooser();
            }
            app.file_error = startup_error;
            app.region_prompt = region_prompt;
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| anyhow::anyhow!("the window could not be opened: {error}"))
}

#[cfg(not(target_arch = "wasm32"))]
/// The app's icon for the title bar and task bar (the same picture as the Windows exe's icon),
/// decoded from the embedded 256 px PNG; an empty icon if it ever failed to decode.
fn window_icon() -> egui::IconData {
    const PNG: &[u8] = include_bytes!("../../assets/windows/pcn-explorer-256.png");
    let decoded = (|| {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(PNG));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().ok()?;
        let mut rgba = vec![0; reader.output_buffer_size()?];
        let info = reader.next_frame(&mut rgba).ok()?;
        (info.color_type == png::ColorType::Rgba).then(|| egui::IconData {
            rgba: rgba[..info.buffer_size()].to_vec(),
            width: info.width,
            height: info.height,
        })
    })();
    decoded.unwrap_or_default()
}
