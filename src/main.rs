//! pcn-explorer: the window with no subcommand; `report`, `import` and `check` without one.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    pcn_explorer::allocator::tune_for_frames();
    pcn_explorer::cli::main()
}

/// In a browser: the window on the page's canvas (`web/index.html`, `tools/build_web.sh`).
#[cfg(target_arch = "wasm32")]
fn main() {
    pcn_explorer::app::run_web();
}
