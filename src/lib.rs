//! pcn-explorer: group GP practices into hubs and see population, staffing and funding.
//!
//! `model` is the pure core (no IO, no UI); `io` reads and writes files; `app` is the window;
//! `cli` the command line (not in the
//! wasm32 build, where `app` runs in a browser page). Every figure comes from `model::metrics`.

pub mod allocator;
pub mod app;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod io;
pub mod model;
pub mod present;
/// The exports, the hub report and the rules report live in [`present`]; these paths stay for
/// callers.
pub use present::{export, report, rules_report};
