//! The platform layer: the only part of the window that names the file system, file dialogs
//! (rfd), the clock or the browser. Everything else asks here, so the same window runs on the
//! desktop and in a browser.
//!
//! | need            | desktop                               | web                              |
//! |-----------------|---------------------------------------|----------------------------------|
//! | open a file     | native dialog (rfd) gives a path      | file picker gives name and bytes |
//! | dropped file    | its path                              | its bytes, read asynchronously   |
//! | save / export   | atomic write to the path              | download under the path's name   |
//! | preferences,    | files in the app's data folder        | the browser's `localStorage`     |
//! | recovery        |                                       |                                  |
//! | clock           | `std::time::Instant` (via `web_time`) | `performance.now()` (`web_time`) |

pub mod clock;
pub mod dialog;
pub mod output;
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// True in a browser page (the wasm32 build).
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

/// True where files have paths the window can open again (the desktop); in a browser a file is
/// only what the user gives the page, so there is no "Open recent" and no reading by path.
pub const HAS_FILE_PATHS: bool = !IN_BROWSER;

/// Shows the document's name where the user looks for it: the window's title bar, or the
/// browser tab's title (eframe's web backend ignores the title command).
pub fn set_window_title(ctx: &egui::Context, title: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = ctx;
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(title);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.to_string()));
}
