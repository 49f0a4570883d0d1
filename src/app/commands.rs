//! Document commands: one enum used by the menu, the keyboard and tests.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the user asks the application (not the scenario) to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Pick a practice CSV or NHS payments file and start a scenario from its current PCNs.
    NewFromPracticeData,
    Open,
    /// Open a file from the recent list.
    OpenRecent(std::path::PathBuf),
    /// Open the bundled fictional example.
    OpenExample,
    /// Show the region chooser over the bundled England data.
    ChooseRegion,
    /// Open a sub-ICB of the bundled England data, e.g. `70F`.
    OpenRegion(String),
    /// Show the About box (version, data licence and attribution).
    About,
    Save,
    SaveAs,
    /// Load a rule file (RON) for a year the app does not know, or a corrected one.
    LoadRules,
    Undo,
    Redo,
    Quit,
}

impl Command {
    /// The menu label.
    pub fn label(&self) -> String {
        match self {
            Self::NewFromPracticeData => "New from practice data…".to_string(),
            Self::Open => "Open…".to_string(),
            Self::OpenRecent(path) => path.display().to_string(),
            Self::OpenExample => "Open the example region".to_string(),
            Self::ChooseRegion => "New from a region of England…".to_string(),
            Self::OpenRegion(code) => format!("Open region {code}"),
            Self::About => "About pcn-explorer".to_string(),
            Self::Save => "Save".to_string(),
            Self::SaveAs => "Save as…".to_string(),
            Self::LoadRules => "Load rules…".to_string(),
            Self::Undo => "Undo".to_string(),
            Self::Redo => "Redo".to_string(),
            Self::Quit => "Quit".to_string(),
        }
    }

    /// A sentence for the tooltip.
    pub fn tooltip(&self) -> &'static str {
        match self {
            Self::NewFromPracticeData => {
                "Start a scenario from a practice CSV or an NHS payments file (its current PCNs)"
            }
            Self::Open => "Open a scenario file or practice data",
            Self::OpenRecent(_) => "Open this file again",
            Self::OpenExample => "The bundled fictional region",
            Self::ChooseRegion => {
                "Pick a sub-ICB area of England (bundled 2022/23 data) by name or code"
            }
            Self::OpenRegion(_) => "Open this sub-ICB area with today's PCNs",
            Self::About => "Version, data sources and licence",
            Self::Save => "Save the scenario",
            Self::SaveAs => "Save the scenario to a new file",
            Self::LoadRules => {
                "Load a rule file (e.g. next year's rates) into this scenario and use its year"
            }
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the last undone change",
            Self::Quit => "Close the window",
        }
    }

    /// The primary keyboard shortcut.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let command = Modifiers::COMMAND;
        match self {
            Self::Open => Some(KeyboardShortcut::new(command, Key::O)),
            Self::ChooseRegion => Some(KeyboardShortcut::new(command, Key::N)),
            Self::Save => Some(KeyboardShortcut::new(command, Key::S)),
            Self::SaveAs => Some(KeyboardShortcut::new(command | Modifiers::SHIFT, Key::S)),
            Self::Undo => Some(KeyboardShortcut::new(command, Key::Z)),
            Self::Redo => Some(KeyboardShortcut::new(command, Key::Y)),
            Self::Quit => Some(KeyboardShortcut::new(command, Key::Q)),
            _ => None,
        }
    }

    /// Shortcuts checked each frame, most specific first (Ctrl+Shift+Z before Ctrl+Z).
    pub fn keyboard_table() -> Vec<(KeyboardShortcut, Command)> {
        let command = Modifiers::COMMAND;
        vec![
            (
                KeyboardShortcut::new(command | Modifiers::SHIFT, Key::Z),
                Self::Redo,
            ),
            (
                KeyboardShortcut::new(command | Modifiers::SHIFT, Key::S),
                Self::SaveAs,
            ),
            (KeyboardShortcut::new(command, Key::Z), Self::Undo),
            (KeyboardShortcut::new(command, Key::Y), Self::Redo),
            (KeyboardShortcut::new(command, Key::S), Self::Save),
            (KeyboardShortcut::new(command, Key::O), Self::Open),
            (KeyboardShortcut::new(command, Key::N), Self::ChooseRegion),
            (KeyboardShortcut::new(command, Key::Q), Self::Quit),
        ]
    }

    /// Whether the command edits text-like history and should leave a focused text field alone.
    pub fn yields_to_text_fields(&self) -> bool {
        matches!(self, Self::Undo | Self::Redo)
    }
}
