//! Every action of the app, with its label and shortcut: one list used by the
//! menus, the toolbar and the keyboard handler alike.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::ExportFormat;
pub use crate::session::Command;

/// The menus of the menu bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Menu {
    File,
    Edit,
    View,
    Insert,
    Export,
    Publish,
    Help,
}

impl Menu {
    pub const ALL: [Menu; 7] = [
        Menu::File,
        Menu::Edit,
        Menu::View,
        Menu::Insert,
        Menu::Export,
        Menu::Publish,
        Menu::Help,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::View => "View",
            Menu::Insert => "Insert",
            Menu::Export => "Export",
            Menu::Publish => "Publish",
            Menu::Help => "Help",
        }
    }

    /// The menu's commands in groups (a separator between groups). The
    /// File menu's recent files and the Insert menu's snippets are added
    /// by the menu bar after the group they follow.
    pub fn groups(self) -> Vec<Vec<Command>> {
        use Command::*;
        match self {
            Menu::File => vec![
                vec![New, Open],
                vec![Save, SaveAs],
                vec![ManageTemplates],
                vec![CloseTab, Quit],
            ],
            Menu::Edit => vec![
                vec![Undo, Redo],
                vec![Bold, Italic, Link],
                vec![Find, Replace, FindNext, FindPrevious],
                vec![CleanUp, ConvertToCopydeskKeys, ToggleSpellCheck],
                vec![CopyForCms, CopyText, CopyMarkdown],
            ],
            Menu::View => vec![
                vec![ShowEditorOnly, ShowSideBySide, ShowPreviewOnly],
                vec![
                    ToggleMetadata,
                    ToggleOutline,
                    ShowProblems,
                    Statistics,
                    ToggleTheme,
                    ToggleCursorBlink,
                ],
                vec![ZoomIn, ZoomOut, ZoomReset],
                vec![NextTab, PreviousTab],
            ],
            Menu::Insert => vec![vec![
                Heading(2),
                Heading(3),
                Heading(4),
                Quote,
                BulletList,
                Link,
                InsertFigure,
            ]],
            Menu::Export => vec![
                ExportFormat::ALL.map(Export).to_vec(),
                vec![CopyForCms, CopyText, CopyMarkdown, PreviewInBrowser],
                vec![ToggleExportBio],
            ],
            // The sites' "Publish to NAME…" follow (they are not commands).
            Menu::Publish => vec![vec![ManageSites]],
            Menu::Help => vec![vec![CommandPalette, Shortcuts, About]],
        }
    }
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const CMD_ALT: Modifiers = Modifiers::COMMAND.plus(Modifiers::ALT);

impl Command {
    /// The menus a command is in (every command is in one at least: a
    /// test checks each is where it says).
    pub fn menus(self) -> &'static [Menu] {
        use Command::*;
        match self {
            New | Open | Save | SaveAs | ManageTemplates | CloseTab | Quit => &[Menu::File],
            Undo
            | Redo
            | Bold
            | Italic
            | Find
            | Replace
            | FindNext
            | FindPrevious
            | CleanUp
            | ConvertToCopydeskKeys
            | ToggleSpellCheck => &[Menu::Edit],
            Link => &[Menu::Edit, Menu::Insert],
            CopyForCms | CopyText | CopyMarkdown => &[Menu::Edit, Menu::Export],
            ShowEditorOnly | ShowSideBySide | ShowPreviewOnly | ToggleMetadata | ToggleOutline
            | ShowProblems | Statistics | ToggleTheme | ToggleCursorBlink | ZoomIn | ZoomOut
            | ZoomReset | NextTab | PreviousTab => &[Menu::View],
            Heading(_) | Quote | BulletList | InsertFigure => &[Menu::Insert],
            Export(_) | PreviewInBrowser | ToggleExportBio => &[Menu::Export],
            ManageSites => &[Menu::Publish],
            CommandPalette | Shortcuts | About => &[Menu::Help],
        }
    }

    /// The shortcut as this platform writes it (⌘ on macOS, Ctrl
    /// elsewhere): every shortcut shown in the window comes from here.
    pub fn shortcut_label(self, ctx: &egui::Context) -> Option<String> {
        self.shortcut().map(|s| ctx.format_shortcut(&s))
    }

    /// The shortcut as this platform writes it, or the command's name
    /// where it has none (for sentences such as "Ctrl+Z undoes it").
    pub fn keys(self, ctx: &egui::Context) -> String {
        self.shortcut_label(ctx).unwrap_or_else(|| self.label())
    }

    /// The label followed by its shortcut in brackets, for tooltips and
    /// hints: "Save (Ctrl+S)".
    pub fn with_shortcut(self, ctx: &egui::Context) -> String {
        match self.shortcut_label(ctx) {
            Some(keys) => format!("{} ({keys})", self.label()),
            None => self.label(),
        }
    }

    pub fn label(self) -> String {
        match self {
            Command::New => "New".into(),
            Command::Open => "Open…".into(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save As…".into(),
            Command::CloseTab => "Close Tab".into(),
            Command::Quit => "Quit".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::Bold => "Bold".into(),
            Command::Italic => "Italic".into(),
            Command::Link => "Link…".into(),
            Command::Heading(level) => format!("Heading {level}"),
            Command::Quote => "Quote".into(),
            Command::BulletList => "Bulleted List".into(),
            Command::InsertFigure => "Figure…".into(),
            Command::Export(format) => format!("{}…", format.label()),
            Command::CopyForCms => "Copy for CMS".into(),
            Command::CopyText => "Copy as Clean Text".into(),
            Command::CopyMarkdown => "Copy as Markdown".into(),
            Command::PreviewInBrowser => "Open Preview in Browser".into(),
            Command::ShowEditorOnly => "Editor Only".into(),
            Command::ShowPreviewOnly => "Preview Only".into(),
            Command::ShowSideBySide => "Editor and Preview".into(),
            Command::ToggleMetadata => "Metadata Panel".into(),
            Command::ToggleTheme => "Dark Theme".into(),
            Command::ZoomIn => "Larger Text".into(),
            Command::ZoomOut => "Smaller Text".into(),
            Command::ZoomReset => "Actual Size".into(),
            Command::NextTab => "Next Tab".into(),
            Command::PreviousTab => "Previous Tab".into(),
            Command::ShowProblems => "Problems…".into(),
            Command::CommandPalette => "Command Palette…".into(),
            Command::Find => "Find…".into(),
            Command::Replace => "Find and Replace…".into(),
            Command::FindNext => "Find Next".into(),
            Command::FindPrevious => "Find Previous".into(),
            Command::CleanUp => "Clean Up Draft…".into(),
            Command::ConvertToCopydeskKeys => "Convert Front Matter to Copydesk Keys".into(),
            Command::ToggleOutline => "Outline".into(),
            Command::ToggleSpellCheck => "Check Spelling as You Type".into(),
            Command::Statistics => "Statistics…".into(),
            Command::ToggleCursorBlink => "Blinking Cursor".into(),
            Command::ToggleExportBio => "Author Bio in Exports".into(),
            Command::ManageTemplates => "Templates…".into(),
            Command::ManageSites => "Sites…".into(),
            Command::Shortcuts => "Keyboard Shortcuts".into(),
            Command::About => "About Copydesk".into(),
        }
    }

    /// The keyboard shortcut (`COMMAND` is Ctrl, or ⌘ on macOS).
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let s = |m, k| Some(KeyboardShortcut::new(m, k));
        match self {
            Command::New => s(CMD, Key::N),
            Command::Open => s(CMD, Key::O),
            Command::Save => s(CMD, Key::S),
            Command::SaveAs => s(CMD_SHIFT, Key::S),
            Command::CloseTab => s(CMD, Key::W),
            Command::Quit => s(CMD, Key::Q),
            Command::Undo => s(CMD, Key::Z),
            Command::Redo => s(CMD_SHIFT, Key::Z),
            Command::Bold => s(CMD, Key::B),
            Command::Italic => s(CMD, Key::I),
            Command::Link => s(CMD, Key::K),
            Command::Heading(2) => s(CMD_ALT, Key::Num2),
            Command::Heading(3) => s(CMD_ALT, Key::Num3),
            Command::Heading(4) => s(CMD_ALT, Key::Num4),
            Command::Heading(_) => None,
            Command::Quote => s(CMD_SHIFT, Key::Period),
            Command::BulletList => s(CMD_SHIFT, Key::Num8),
            Command::InsertFigure => s(CMD_SHIFT, Key::I),
            Command::Export(ExportFormat::Html) => s(CMD_SHIFT, Key::E),
            Command::CopyForCms => s(CMD_SHIFT, Key::C),
            Command::CopyText => s(CMD_SHIFT, Key::T),
            Command::CopyMarkdown => s(CMD_SHIFT, Key::D),
            Command::PreviewInBrowser => s(CMD_SHIFT, Key::B),
            Command::ShowEditorOnly => s(CMD, Key::Num1),
            Command::ShowPreviewOnly => s(CMD, Key::Num2),
            Command::ShowSideBySide => s(CMD, Key::Num3),
            Command::ToggleMetadata => s(CMD_SHIFT, Key::M),
            Command::ZoomIn => s(CMD, Key::Plus),
            Command::ZoomOut => s(CMD, Key::Minus),
            Command::ZoomReset => s(CMD, Key::Num0),
            Command::NextTab => s(Modifiers::CTRL, Key::Tab),
            Command::PreviousTab => s(Modifiers::CTRL.plus(Modifiers::SHIFT), Key::Tab),
            Command::ShowProblems => s(Modifiers::NONE, Key::F8),
            Command::CommandPalette => s(CMD_SHIFT, Key::P),
            Command::Find => s(CMD, Key::F),
            Command::Replace => s(CMD, Key::H),
            Command::FindNext => s(Modifiers::NONE, Key::F3),
            Command::FindPrevious => s(Modifiers::SHIFT, Key::F3),
            Command::CleanUp => s(CMD_SHIFT, Key::K),
            Command::ToggleOutline => s(CMD_SHIFT, Key::O),
            Command::ToggleSpellCheck => s(Modifiers::NONE, Key::F7),
            Command::ToggleTheme => s(CMD_SHIFT, Key::L),
            Command::Shortcuts => s(Modifiers::NONE, Key::F1),
            // Deliberately without a shortcut; listed so a new command must
            // say whether it has one.
            Command::Export(_)
            | Command::ConvertToCopydeskKeys
            | Command::ToggleCursorBlink
            | Command::ToggleExportBio
            | Command::Statistics
            | Command::ManageTemplates
            | Command::ManageSites
            | Command::About => None,
        }
    }

    /// The name in the command palette, where it stands without its menu.
    pub fn palette_label(self) -> String {
        match self {
            Command::Export(format) => format!("Export as {}…", format.label()),
            Command::ToggleTheme => "Toggle Dark Theme".into(),
            Command::ToggleMetadata => "Show or Hide the Metadata Panel".into(),
            Command::InsertFigure => "Insert Figure…".into(),
            Command::Heading(level) => format!("Make Heading {level}"),
            Command::ShowEditorOnly => "View: Editor Only".into(),
            Command::ShowPreviewOnly => "View: Preview Only".into(),
            Command::ShowSideBySide => "View: Editor and Preview".into(),
            Command::ToggleOutline => "Show or Hide the Outline".into(),
            Command::ToggleSpellCheck => "Turn Spell Check On or Off".into(),
            Command::ManageSites => "Publishing Sites…".into(),
            other => other.label(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = HashSet::new();
        for command in Command::all() {
            if let Some(shortcut) = command.shortcut() {
                assert!(
                    seen.insert((shortcut.modifiers, shortcut.logical_key)),
                    "{command:?} reuses {shortcut:?}"
                );
            }
        }
    }

    /// Each command is in the menus it names, and nowhere else.
    #[test]
    fn every_command_is_in_its_menus() {
        for command in Command::all() {
            assert!(!command.menus().is_empty(), "{command:?} has no place");
            for menu in Menu::ALL {
                let listed = menu.groups().concat().contains(&command);
                assert_eq!(
                    listed,
                    command.menus().contains(&menu),
                    "{command:?} in the {menu:?} menu"
                );
            }
        }
        for menu in Menu::ALL {
            for command in menu.groups().concat() {
                assert!(
                    Command::all().contains(&command),
                    "{command:?} is registered"
                );
            }
        }
    }

    #[test]
    fn the_frequent_actions_have_shortcuts() {
        for command in [
            Command::New,
            Command::Open,
            Command::Save,
            Command::SaveAs,
            Command::CloseTab,
            Command::Quit,
            Command::Bold,
            Command::Italic,
            Command::Link,
            Command::CopyForCms,
        ] {
            assert!(command.shortcut().is_some(), "{command:?}");
        }
    }
}
