//! Every action of the app, with its label and shortcut: one list used by the
//! menus, the toolbar and the keyboard handler alike.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::ExportFormat;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    CloseTab,
    Quit,
    Undo,
    Redo,
    Bold,
    Italic,
    Link,
    Heading(u8),
    Quote,
    BulletList,
    InsertFigure,
    Export(ExportFormat),
    CopyForCms,
    CopyText,
    CopyMarkdown,
    PreviewInBrowser,
    ShowEditorOnly,
    ShowPreviewOnly,
    ShowSideBySide,
    ToggleMetadata,
    ToggleTheme,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    NextTab,
    PreviousTab,
    ShowProblems,
    CommandPalette,
    Find,
    Replace,
    FindNext,
    FindPrevious,
    CleanUp,
    ConvertToCopydeskKeys,
    ToggleOutline,
    ToggleSpellCheck,
    ToggleCursorBlink,
    ToggleExportBio,
    Statistics,
    ManageTemplates,
    Shortcuts,
    About,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const CMD_ALT: Modifiers = Modifiers::COMMAND.plus(Modifiers::ALT);

impl Command {
    /// Every command, in menu order (for the shortcut handler and the help).
    pub fn all() -> Vec<Command> {
        let mut all = vec![
            Command::New,
            Command::Open,
            Command::Save,
            Command::SaveAs,
            Command::CloseTab,
            Command::Quit,
            Command::Undo,
            Command::Redo,
            Command::Bold,
            Command::Italic,
            Command::Link,
            Command::Heading(2),
            Command::Heading(3),
            Command::Heading(4),
            Command::Quote,
            Command::BulletList,
            Command::InsertFigure,
        ];
        all.extend(ExportFormat::ALL.map(Command::Export));
        all.extend([
            Command::CopyForCms,
            Command::CopyText,
            Command::CopyMarkdown,
            Command::PreviewInBrowser,
            Command::ShowEditorOnly,
            Command::ShowPreviewOnly,
            Command::ShowSideBySide,
            Command::ToggleMetadata,
            Command::ToggleTheme,
            Command::ZoomIn,
            Command::ZoomOut,
            Command::ZoomReset,
            Command::NextTab,
            Command::PreviousTab,
            Command::ShowProblems,
            Command::CommandPalette,
            Command::Find,
            Command::Replace,
            Command::FindNext,
            Command::FindPrevious,
            Command::CleanUp,
            Command::ConvertToCopydeskKeys,
            Command::ToggleOutline,
            Command::ToggleSpellCheck,
            Command::ToggleCursorBlink,
            Command::ToggleExportBio,
            Command::Statistics,
            Command::ManageTemplates,
            Command::Shortcuts,
            Command::About,
        ]);
        all
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
            Command::InsertFigure => "Figure with Caption and Credit".into(),
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
            _ => None,
        }
    }

    /// The name in the command palette, where it stands without its menu.
    pub fn palette_label(self) -> String {
        match self {
            Command::Export(format) => format!("Export as {}…", format.label()),
            Command::ToggleTheme => "Toggle Dark Theme".into(),
            Command::ToggleMetadata => "Show or Hide the Metadata Panel".into(),
            Command::InsertFigure => "Insert Figure with Caption and Credit".into(),
            Command::Heading(level) => format!("Make Heading {level}"),
            Command::ShowEditorOnly => "View: Editor Only".into(),
            Command::ShowPreviewOnly => "View: Preview Only".into(),
            Command::ShowSideBySide => "View: Editor and Preview".into(),
            Command::ToggleOutline => "Show or Hide the Outline".into(),
            Command::ToggleSpellCheck => "Turn Spell Check On or Off".into(),
            other => other.label(),
        }
    }

    /// Commands that edit the body's text at the cursor.
    pub fn edits_body(self) -> bool {
        matches!(
            self,
            Command::Bold
                | Command::Italic
                | Command::Link
                | Command::Heading(_)
                | Command::Quote
                | Command::BulletList
                | Command::InsertFigure
        )
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
