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
    /// Move the selected practice with the keyboard (M): a window lists the hubs.
    MoveSelected,
    /// The command palette (Ctrl+K): type to run any command.
    Palette,
    /// Open the Suggest window.
    Suggest,
    /// Export something (the save dialog opens with a suggested name).
    Export(super::exports::ExportChoice),
    /// Read a staff list CSV into the scenario's ARRS staff plan.
    ImportStaff,
    /// Show the staff plan window (the selected hub's rows, entitlement and headroom).
    StaffPlan,
    /// Keep the current option as the workshop's start (the base every laptop's file is merged
    /// against) and give the file a workshop id.
    StartWorkshop,
    /// Merge another laptop's file of the same workshop into this one.
    MergeOptions,
    /// Show option N (1–9: Option A–I), as the keys 1–9 do.
    ShowOption(u8),
    /// Keep the current state as option N (Ctrl+1–9).
    SaveOption(u8),
    /// Presenter mode on or off (F5; Esc leaves).
    TogglePresenter,
    /// Large text and controls for a projector, on or off.
    ToggleWorkshopMode,
    /// Show or hide the hub board.
    ToggleBoard,
    /// Show or hide the figures.
    ToggleFigures,
    /// Light, dark, or the system's theme.
    SetTheme(super::theme::ThemeChoice),
    /// The rates window: every rate of the year, corrections and local lines.
    Rates,
    /// Keep the current option as a named snapshot (the comparison window opens to name it).
    SaveSnapshotAs,
    /// The comparison window: this option against the baseline or a snapshot.
    Compare,
    /// The help window: keys, figures and data.
    Help,
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
            Self::ImportStaff => "Import staff list…".to_string(),
            Self::Export(choice) => choice.label().to_string(),
            Self::MoveSelected => "Move the selected practice…".to_string(),
            Self::Palette => "Command palette…".to_string(),
            Self::Suggest => "Suggest moves…".to_string(),
            Self::StaffPlan => "Staff plan (ARRS)…".to_string(),
            Self::StartWorkshop => "Start a workshop from this option".to_string(),
            Self::MergeOptions => "Merge options…".to_string(),
            Self::ShowOption(n) => format!("Show {}", option_name(*n)),
            Self::SaveOption(n) => format!("Keep as {}", option_name(*n)),
            Self::TogglePresenter => "Presenter mode".to_string(),
            Self::ToggleWorkshopMode => "Workshop mode (large text)".to_string(),
            Self::ToggleBoard => "Show hub board".to_string(),
            Self::ToggleFigures => "Show figures".to_string(),
            Self::SetTheme(choice) => choice.label().to_string(),
            Self::Rates => "Rates…".to_string(),
            Self::SaveSnapshotAs => "Save snapshot as…".to_string(),
            Self::Compare => "Compare…".to_string(),
            Self::Help => "Keys, figures and data…".to_string(),
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
            Self::StartWorkshop => {
                "Keep this option as the start that every laptop's file is merged against"
            }
            Self::MergeOptions => {
                "Merge another laptop's file of this workshop: moves combine, conflicts are listed for the room to settle"
            }
            Self::ShowOption(_) => "Switch to this option (keys 1–9)",
            Self::SaveOption(_) => "Keep the current state as this option (Ctrl+1–9)",
            Self::TogglePresenter => {
                "Full screen, large text, only the figures that matter for the decision (F5; Esc leaves)"
            }
            Self::LoadRules => {
                "Load a rule file (e.g. next year's rates) into this scenario and use its year"
            }
            Self::Export(_) => "Write this export to a file (the same as pcn-explorer export)",
            Self::MoveSelected => "Pick the hub for the selected practice from a list (M)",
            Self::Palette => "Type part of any command's name to run it (Ctrl+K)",
            Self::Suggest => "The fewest practice moves that bring every hub into its band",
            Self::ImportStaff => {
                "Read a staff list CSV (hub_code,role,wte,employer,annual_cost_gbp,start_month): it replaces the scenario's ARRS staff rows"
            }
            Self::StaffPlan => {
                "Each hub's additional roles: entitlement, what the staff can claim, headroom; edit rows and role maxima"
            }
            Self::ToggleWorkshopMode => "Larger text and controls for a projector",
            Self::ToggleBoard => "The hub board on the left, with every practice as a chip",
            Self::ToggleFigures => "The table and charts of every hub's figures",
            Self::SetTheme(_) => "Light, dark, or follow the system",
            Self::Rates => "See every rate of the year, correct it, or add a local line",
            Self::SaveSnapshotAs => "Keep this option under a name, to compare and come back to",
            Self::Compare => "This option against the baseline or a snapshot: moves and figures",
            Self::Help => "Keys, where each figure comes from, and the data",
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
            Self::MoveSelected => Some(KeyboardShortcut::new(Modifiers::NONE, Key::M)),
            Self::Palette => Some(KeyboardShortcut::new(command, Key::K)),
            Self::Redo => Some(KeyboardShortcut::new(command, Key::Y)),
            Self::Quit => Some(KeyboardShortcut::new(command, Key::Q)),
            Self::ShowOption(n) => {
                number_key(*n).map(|key| KeyboardShortcut::new(Modifiers::NONE, key))
            }
            Self::SaveOption(n) => number_key(*n).map(|key| KeyboardShortcut::new(command, key)),
            Self::TogglePresenter => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F5)),
            _ => None,
        }
    }

    /// Shortcuts checked each frame, most specific first (Ctrl+Shift+Z before Ctrl+Z).
    pub fn keyboard_table() -> Vec<(KeyboardShortcut, Command)> {
        let command = Modifiers::COMMAND;
        let mut table = vec![
            (
                KeyboardShortcut::new(command | Modifiers::SHIFT, Key::Z),
                Self::Redo,
            ),
            (
                KeyboardShortcut::new(command | Modifiers::SHIFT, Key::S),
                Self::SaveAs,
            ),
            (KeyboardShortcut::new(command, Key::Z), Self::Undo),
            (KeyboardShortcut::new(command, Key::K), Self::Palette),
            (KeyboardShortcut::new(command, Key::Y), Self::Redo),
            (KeyboardShortcut::new(command, Key::S), Self::Save),
            (KeyboardShortcut::new(command, Key::O), Self::Open),
            (KeyboardShortcut::new(command, Key::N), Self::ChooseRegion),
            (KeyboardShortcut::new(command, Key::Q), Self::Quit),
            (
                KeyboardShortcut::new(Modifiers::NONE, Key::F5),
                Self::TogglePresenter,
            ),
            (
                KeyboardShortcut::new(Modifiers::NONE, Key::M),
                Self::MoveSelected,
            ),
        ];
        for n in 1..=9 {
            if let Some(key) = number_key(n) {
                table.push((KeyboardShortcut::new(command, key), Self::SaveOption(n)));
                table.push((
                    KeyboardShortcut::new(Modifiers::NONE, key),
                    Self::ShowOption(n),
                ));
            }
        }
        table
    }

    /// Whether the command edits text-like history and should leave a focused text field alone.
    pub fn yields_to_text_fields(&self) -> bool {
        matches!(
            self,
            Self::Undo
                | Self::Redo
                | Self::ShowOption(_)
                | Self::SaveOption(_)
                | Self::TogglePresenter
                | Self::MoveSelected
        )
    }
}

/// `Option A` for 1 … `Option I` for 9: the snapshot the keys 1–9 show and Ctrl+1–9 keep.
pub fn option_name(n: u8) -> String {
    let letter = (b'A' + n.clamp(1, 9) - 1) as char;
    format!("Option {letter}")
}

/// The number key 1–9.
fn number_key(n: u8) -> Option<Key> {
    Some(match n {
        1 => Key::Num1,
        2 => Key::Num2,
        3 => Key::Num3,
        4 => Key::Num4,
        5 => Key::Num5,
        6 => Key::Num6,
        7 => Key::Num7,
        8 => Key::Num8,
        9 => Key::Num9,
        _ => return None,
    })
}
