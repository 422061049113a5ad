//! The command palette (Ctrl+Shift+P): every action of the app, found by
//! typing part of its name, with its shortcut.

use egui::{Context, Id, Key, RichText};

use crate::app::Command;
use crate::app::requests::Request;

#[derive(Default)]
pub struct Palette {
    pub query: String,
    pub selected: usize,
    focus_requested: bool,
}

/// How well `query` matches `label`: `None` when it does not; lower is
/// better (a word that starts with the query, then a substring, then the
/// query's letters in order).
pub fn score(label: &str, query: &str) -> Option<usize> {
    let label = label.to_lowercase();
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Some(0);
    }
    if label
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with(&query))
    {
        return Some(0);
    }
    if let Some(i) = label.find(&query) {
        return Some(1 + i);
    }
    let mut chars = label.chars();
    query
        .chars()
        .filter(|c| !c.is_whitespace())
        .all(|q| chars.any(|c| c == q))
        .then_some(100 + label.len())
}

/// What the palette can run: a command, or inserting a snippet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Command(Command),
    Snippet(usize, String),
}

impl Palette {
    /// The arrows move the selection, Enter runs the selected entry (which
    /// is returned), Escape closes (the second value).
    fn keys(&mut self, ui: &mut egui::Ui, found: &[Entry]) -> (Option<Entry>, bool) {
        let (mut run, mut close) = (None, false);
        ui.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, Key::ArrowDown) {
                self.selected = (self.selected + 1).min(found.len().saturating_sub(1));
            }
            if i.consume_key(egui::Modifiers::NONE, Key::ArrowUp) {
                self.selected = self.selected.saturating_sub(1);
            }
            if i.consume_key(egui::Modifiers::NONE, Key::Enter) {
                run = found.get(self.selected).cloned();
            }
            if i.consume_key(egui::Modifiers::NONE, Key::Escape) {
                close = true;
            }
        });
        (run, close)
    }
}

/// The entries found, each command with its shortcut; returns the one
/// clicked.
fn entry_list(ui: &mut egui::Ui, found: &[Entry], selected: usize) -> Option<Entry> {
    let mut run = None;
    // A solid bar (egui's default floats, hidden until hovered), so a list
    // longer than what shows says so; and the list never taller than the
    // window leaves room for.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    let room = ui.ctx().content_rect().height() - 160.0;
    egui::ScrollArea::vertical()
        .max_height(room.clamp(80.0, 360.0))
        .show(ui, |ui| {
            for (i, entry) in found.iter().enumerate() {
                ui.horizontal(|ui| {
                    let item = ui.selectable_label(i == selected, entry.label());
                    if i == selected {
                        item.scroll_to_me(None);
                    }
                    if item.clicked() {
                        run = Some(entry.clone());
                    }
                    if let Entry::Command(command) = entry
                        && let Some(keys) = command.shortcut_label(ui.ctx())
                    {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(RichText::new(keys).weak().monospace());
                        });
                    }
                });
            }
            if found.is_empty() {
                ui.label(RichText::new("No command matches.").weak());
            }
        });
    run
}

impl Entry {
    fn label(&self) -> String {
        match self {
            Entry::Command(c) => c.palette_label(),
            Entry::Snippet(_, name) => format!("Insert Snippet: {name}"),
        }
    }
}

/// Commands and snippets matching `query`, best first.
pub fn matching_entries(query: &str, snippets: &[String]) -> Vec<Entry> {
    let entries = Command::all()
        .into_iter()
        .filter(|c| *c != Command::CommandPalette)
        .map(Entry::Command)
        .chain(
            snippets
                .iter()
                .enumerate()
                .map(|(i, n)| Entry::Snippet(i, n.clone())),
        );
    let mut found: Vec<(usize, usize, Entry)> = entries
        .enumerate()
        .filter_map(|(order, e)| score(&e.label(), query).map(|s| (s, order, e)))
        .collect();
    found.sort_by_key(|(s, order, _)| (*s, *order));
    found.into_iter().map(|(_, _, e)| e).collect()
}

/// The palette while `open` holds one (cleared when it closes); `snippets`
/// are the snippets' names. Returns what was chosen.
pub fn palette(ctx: &Context, open: &mut Option<Palette>, snippets: &[String]) -> Option<Request> {
    let mut state = open.take()?;
    let found = matching_entries(&state.query, snippets);
    state.selected = state.selected.min(found.len().saturating_sub(1));
    let mut run = None;
    let mut close = false;
    egui::Modal::new(Id::unique("copydesk-palette")).show(ctx, |ui| {
        ui.set_width(460.0);
        let label = ui.label("Run a command");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut state.query)
                    .hint_text("Type to search, Enter to run")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if !state.focus_requested {
            response.request_focus();
            state.focus_requested = true;
        }
        if response.changed() {
            state.selected = 0;
        }
        (run, close) = state.keys(ui, &found);
        ui.add_space(4.0);
        run = entry_list(ui, &found, state.selected).or(run.take());
    });
    match run {
        Some(Entry::Command(command)) => Some(Request::Run(command)),
        Some(Entry::Snippet(i, _)) => Some(Request::InsertSnippet(i)),
        None => {
            if !close {
                *open = Some(state);
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commands(query: &str) -> Vec<Command> {
        matching_entries(query, &[])
            .into_iter()
            .filter_map(|e| match e {
                Entry::Command(c) => Some(c),
                Entry::Snippet(..) => None,
            })
            .collect()
    }

    #[test]
    fn finds_commands_by_words_and_letters() {
        assert_eq!(commands("save as").first(), Some(&Command::SaveAs));
        assert_eq!(
            commands("wordpress").first(),
            Some(&Command::Export(crate::export::ExportFormat::WordPress))
        );
        assert!(commands("cpycms").contains(&Command::CopyForCms));
        assert!(commands("zzzz").is_empty());
        assert!(!commands("").contains(&Command::CommandPalette));
    }

    /// Every command but the palette itself is in the palette, named as
    /// in the menus, with its shortcut as the platform writes it.
    #[test]
    fn every_command_is_in_the_palette_with_its_platform_shortcut() {
        let listed = commands("");
        let ctx = egui::Context::default();
        // The fonts (which say whether ⌘ can be drawn) come with a frame.
        let mut output = ctx.run_ui(Default::default(), |_| {});
        output.textures_delta.clear();
        for os in [
            egui::os::OperatingSystem::Mac,
            egui::os::OperatingSystem::Nix,
        ] {
            ctx.set_os(os);
            for command in Command::all() {
                if command == Command::CommandPalette {
                    assert!(!listed.contains(&command), "the palette is open already");
                    continue;
                }
                assert!(
                    listed.contains(&command),
                    "{command:?} is not in the palette"
                );
                assert!(
                    !commands(&command.palette_label()).is_empty(),
                    "{command:?} is found by its name"
                );
                let Some(shortcut) = command.shortcut() else {
                    assert_eq!(command.shortcut_label(&ctx), None);
                    continue;
                };
                let keys = command.shortcut_label(&ctx).unwrap();
                let command_key = shortcut.modifiers.command;
                if os == egui::os::OperatingSystem::Mac {
                    assert!(
                        !keys.contains("Ctrl") || !command_key,
                        "{command:?}: {keys}"
                    );
                    if command_key {
                        assert!(
                            keys.contains('⌘') || keys.contains("Cmd"),
                            "{command:?}: {keys}"
                        );
                    }
                } else {
                    assert!(!keys.contains('⌘') && !keys.contains("Cmd"), "{keys}");
                    if command_key {
                        assert!(keys.contains("Ctrl"), "{command:?}: {keys}");
                    }
                }
                assert!(
                    command.with_shortcut(&ctx).ends_with(&format!("({keys})")),
                    "tooltips name the same keys"
                );
            }
        }
    }

    #[test]
    fn finds_snippets_by_name() {
        let found = matching_entries("newsletter", &["Newsletter call".into()]);
        assert_eq!(
            found.first(),
            Some(&Entry::Snippet(0, "Newsletter call".into()))
        );
    }
}
