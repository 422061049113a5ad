//! Every action of the app, as plain data: the session runs them; the app
//! gives them labels, shortcuts and menu places (`app::commands`).

use crate::export::ExportFormat;

/// Declares [`Command`] and [`Command::all`] from one list, so a command
/// cannot be left out of the palette, the shortcuts and the help: a variant
/// with a field names the commands it stands for (`=> …`), or the list does
/// not compile.
macro_rules! commands {
    ($( $(#[$doc:meta])* $variant:ident $(($field:ty))? $(=> $instances:expr)? ),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Command {
            $( $(#[$doc])* $variant $(($field))? ),*
        }

        impl Command {
            /// Every command, in menu order (for the palette, the shortcut
            /// handler and the help).
            // Pushed one by one: some variants stand for several commands.
            #[allow(clippy::vec_init_then_push)]
            pub fn all() -> Vec<Command> {
                let mut all = Vec::new();
                $( commands!(@push all, $variant $(, $instances)?); )*
                all
            }
        }
    };
    (@push $all:ident, $variant:ident) => { $all.push(Command::$variant) };
    (@push $all:ident, $variant:ident, $instances:expr) => { $all.extend($instances) };
}

commands! {
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
    /// A heading of level 2 to 4.
    Heading(u8) => [2, 3, 4].map(Command::Heading),
    Quote,
    BulletList,
    InsertFigure,
    Export(ExportFormat) => ExportFormat::ALL.map(Command::Export),
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
    ManageSites,
    Shortcuts,
    About,
}
