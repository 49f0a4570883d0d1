//! pcn-explorer: the window with no subcommand; `report`, `import` and `check` without one.
//!
//! On Windows this is a GUI-subsystem program, so a double-click opens no console window behind
//! the app. A subcommand typed in cmd or PowerShell still prints: it attaches to the console of
//! the program that started it. cmd.exe does not wait for a GUI program, though (its prompt
//! comes back at once and `%ERRORLEVEL%` is not the program's), so scripts use the console twin
//! `pcn-explorer-cli.exe` (src/bin/pcn-explorer-cli.rs).
#![cfg_attr(windows, windows_subsystem = "windows")]

#[cfg(not(target_arch = "wasm32"))]
use clap::Parser as _;
#[cfg(not(target_arch = "wasm32"))]
use pcn_explorer::cli::Cli;
#[cfg(not(target_arch = "wasm32"))]
use std::ffi::OsString;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    pcn_explorer::allocator::tune_for_frames();
    #[cfg(windows)]
    match window_args(std::env::args_os()) {
        Some(cli) => return windows::run_window(cli),
        None => windows::attach_parent_console(),
    }
    // The one place that chooses between the window and the command line.
    let cli = Cli::parse();
    let result = match cli.command {
        None => pcn_explorer::app::run_window(cli.file, cli.region),
        Some(command) => pcn_explorer::cli::run_command(command),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// In a browser: the window on the page's canvas (`web/index.html`, `tools/build_web.sh`).
#[cfg(target_arch = "wasm32")]
fn main() {
    pcn_explorer::app::run_web();
}

/// The arguments when they open the window (no subcommand). `None` for a subcommand, `--help`,
/// `--version` and arguments that do not parse: all of those print.
#[cfg(not(target_arch = "wasm32"))]
#[cfg(not(target_arch = "wasm32"))]
#[cfg_attr(not(windows), allow(dead_code))]
fn window_args(args: impl IntoIterator<Item = OsString>) -> Option<Cli> {
    Cli::try_parse_from(args)
        .ok()
        .filter(|cli| cli.command.is_none())
}

#[cfg(windows)]
mod windows {
    use pcn_explorer::cli::Cli;
    use std::process::ExitCode;
    use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
    };
    use windows_sys::Win32::UI::WindowsAndMessaging::{MB_ICONERROR, MB_OK, MessageBoxW};

    /// Gives the command line somewhere to print. Started from cmd or PowerShell, a GUI program
    /// has no standard handles: it attaches to the parent's console. Output that is redirected
    /// or piped (`> out.csv`, `| more`) already has a handle and is left alone; started from
    /// Explorer there is no parent console and this does nothing. Never called on the window
    /// path, which must not take over the console it was started from.
    pub fn attach_parent_console() {
        // SAFETY: both calls take plain integer constants and no pointers.
        unsafe {
            let stdout = GetStdHandle(STD_OUTPUT_HANDLE);
            if stdout.is_null() || stdout == INVALID_HANDLE_VALUE {
                AttachConsole(ATTACH_PARENT_PROCESS);
            }
        }
    }

    /// Opens the window. A GUI program has nowhere to print, so a window that cannot open (no
    /// OpenGL, e.g. over an old remote desktop) says why in a message box instead of vanishing.
    pub fn run_window(cli: Cli) -> ExitCode {
        match pcn_explorer::app::run_window(cli.file, cli.region) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                show_error(&format!("pcn-explorer could not start.\n\n{error:#}"));
                ExitCode::FAILURE
            }
        }
    }

    fn show_error(text: &str) {
        let wide = |text: &str| -> Vec<u16> { text.encode_utf16().chain([0]).collect() };
        let (text, title) = (wide(text), wide("pcn-explorer"));
        // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call; no owner window.
        unsafe {
            MessageBoxW(
                std::ptr::null_mut(),
                text.as_ptr(),
                title.as_ptr(),
                MB_OK | MB_ICONERROR,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::window_args;

    fn opens_window(args: &[&str]) -> bool {
        window_args(args.iter().map(Into::into)).is_some()
    }

    #[test]
    fn only_arguments_without_a_subcommand_open_the_window() {
        assert!(opens_window(&["pcn-explorer"]));
        assert!(opens_window(&["pcn-explorer", "plan.ron"]));
        assert!(opens_window(&["pcn-explorer", "--region", "70F"]));
        for printing in [
            &["pcn-explorer", "report", "plan.ron"][..],
            &["pcn-explorer", "regions"],
            &["pcn-explorer", "--help"],
            &["pcn-explorer", "--version"],
            &["pcn-explorer", "--no-such-option"],
            &["pcn-explorer", "report", "--format", "no-such-format"],
        ] {
            assert!(!opens_window(printing), "{printing:?} prints");
        }
    }
}
