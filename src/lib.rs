//! pcn-explorer: group GP practices into hubs and see population, staffing and funding.
//!
//! `model` is the pure core (no IO, no UI); `io` reads and writes files; `app` is the window;
//! `cli` the command line. Every figure comes from `model::metrics`.

pub mod allocator;
pub mod app;
pub mod cli;
pub mod export;
pub mod io;
pub mod model;
pub mod report;
pub mod rules_report;
