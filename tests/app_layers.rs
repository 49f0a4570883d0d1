//! The window has one shape for the desktop and the web: only `src/app/jobs/` starts threads,
//! and only `src/app/platform/` names the file system, file dialogs, the clock or the browser
//! (each of them fails or panics in a browser page, so they live behind one switch).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// `(file relative to src/app, its text)` for every Rust file of the window.
fn app_sources() -> Vec<(String, String)> {
    sources_under("src/app")
}

/// `(file relative to the folder, its text)` for every Rust file under a folder of the crate.
fn sources_under(folder: &str) -> Vec<(String, String)> {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files = Vec::new();
    rust_files(&app, &mut files);
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable");
            let relative = path
                .strip_prefix(&app)
                .expect("inside the folder")
                .to_string_lossy()
                .replace('\\', "/");
            (relative, text)
        })
        .collect()
}

/// Where each forbidden name appears outside the folder allowed to name it.
fn offences(sources: &[(String, String)], allowed: &[&str], names: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, text) in sources {
        if allowed.iter().any(|folder| file.starts_with(folder)) {
            continue;
        }
        for (number, line) in text.lines().enumerate() {
            for name in names {
                if line.contains(name) {
                    found.push(format!("src/app/{file}:{}: {name}", number + 1));
                }
            }
        }
    }
    found
}

const THREADS: &[&str] = &["std::thread", "thread::spawn", "thread::Builder"];
const PLATFORM: &[&str] = &["std::fs", "rfd::", "Instant", "SystemTime", "web_time"];
const BROWSER: &[&str] = &["web_sys", "wasm_bindgen", "js_sys"];

#[test]
fn only_the_job_runner_starts_threads() {
    let sources = app_sources();
    assert!(sources.len() >= 30, "read {} files", sources.len());
    let found = offences(&sources, &["jobs/"], THREADS);
    assert!(
        found.is_empty(),
        "threads outside app/jobs/:\n{}",
        found.join("\n")
    );
    // The check sees what it looks for: the job runner itself names threads.
    assert!(!offences(&sources, &[], THREADS).is_empty());
}

#[test]
fn only_the_platform_layer_names_files_dialogs_clock_or_browser() {
    let sources = app_sources();
    let found = offences(&sources, &["platform/"], PLATFORM);
    assert!(
        found.is_empty(),
        "platform names outside app/platform/:\n{}",
        found.join("\n")
    );
    // The browser itself: the platform layer, and the job runner's web backend (futures).
    let found = offences(&sources, &["platform/", "jobs/web.rs"], BROWSER);
    assert!(
        found.is_empty(),
        "browser names outside app/platform/ and the web job backend:\n{}",
        found.join("\n")
    );
    // The platform layer does name them (the check is not blind).
    let inside = offences(&sources, &[], &[PLATFORM, BROWSER].concat());
    for name in ["std::fs", "rfd::", "Instant", "web_sys"] {
        assert!(
            inside.iter().any(|line| line.ends_with(name)),
            "{name} not found in app/platform/"
        );
    }
}

/// Beyond the window, files are read and written in one place, `src/io/` (atomic saves,
/// recovery, the checks on inputs and outputs), which the command line and the window's
/// platform layer both use: the model, the reports, the exports and the command line name
/// neither the file system nor file dialogs.
#[test]
fn outside_the_window_only_io_names_the_file_system() {
    let sources = sources_under("src");
    assert!(sources.len() >= 100, "read {} files", sources.len());
    let found: Vec<&String> = sources
        .iter()
        .filter(|(file, _)| !file.starts_with("app/") && !file.starts_with("io/"))
        .filter(|(_, text)| text.contains("std::fs") || text.contains("rfd::"))
        .map(|(file, _)| file)
        .collect();
    assert!(found.is_empty(), "files named outside src/io: {found:?}");
    assert!(
        sources
            .iter()
            .any(|(file, text)| file.starts_with("io/") && text.contains("std::fs")),
        "the check sees src/io"
    );
}

/// Panels read the selection from their view and ask for a change with an intent: only the
/// app's intent step (`mod.rs`) and a new document (`flow.rs`) write it.
#[test]
fn only_intents_change_the_selection() {
    let sources = app_sources();
    let writers = [
        "selection.practice =",
        "&mut Selection",
        "&mut self.selection",
        "&mut app.selection",
        "selection = ",
    ];
    // Only the top-level files: `map/mod.rs` and the like are panels.
    let found = offences(&sources, &["mod.rs", "flow.rs"], &writers);
    assert!(
        found.is_empty(),
        "the selection is written outside the intents: {found:#?}"
    );
}

/// The modal dialogs answer with intents: none of them runs a command, starts a load or a save,
/// or replaces the document in the middle of a frame.
#[test]
fn dialogs_answer_with_intents() {
    let sources = app_sources();
    let (_, dialogs) = sources
        .iter()
        .find(|(file, _)| file == "dialogs.rs")
        .expect("src/app/dialogs.rs");
    for name in [
        "run_confirmed(",
        "run_command(",
        "save_then(",
        "restore_recovery(",
        "discard_recovery(",
        "use_picked_path(",
        "start_load",
        ".perform(",
        "replace_document(",
    ] {
        assert!(!dialogs.contains(name), "dialogs.rs calls {name}");
    }
    assert!(
        dialogs.contains("Intent::Answer("),
        "the dialogs answer with intents"
    );
}
