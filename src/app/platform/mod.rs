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

/// True where files have paths the window can open again (the desktop); in a browser a file is
/// only what the user gives the page, so there is no "Open recent" and no reading by path.
pub const HAS_FILE_PATHS: bool = !cfg!(target_arch = "wasm32");
