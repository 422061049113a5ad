//! What a screen reader reads (through AccessKit, and AT-SPI on Linux):
//! names in words for buttons drawn as glyphs (`B`, `H2`, `✖`, `×`, `↺`),
//! names for the window's regions, menu items named without their shortcut,
//! values of choice boxes and the preview's headings with their level.

use egui::accesskit::Role;

/// Gives a response a name for assistive technology, shown as its tooltip
/// too.
pub trait Named {
    fn named(self, name: &str) -> Self;
}

impl Named for egui::Response {
    fn named(self, name: &str) -> Self {
        let enabled = self.enabled();
        self.widget_info(|| egui::WidgetInfo::labeled(Role::Button, enabled, name));
        self.on_hover_text(name)
    }
}

/// Names the region `ui` draws (a panel: "Metadata", "Preview"…), so a
/// screen reader can say where the focus is and jump between regions.
///
/// The node named is the panel's own (the nearest panel among `ui`'s
/// ancestors: the `ui` a panel hands its contents is a frame inside it, a
/// plain container screen readers skip), or, for contents shown in a
/// floating area, the area's outermost `Ui`, made a pane.
pub fn name_region(ui: &egui::Ui, name: &str) {
    let stack = ui.stack();
    let panel = stack
        .iter()
        .find(|level| level.kind().is_some_and(|kind| kind.is_panel()));
    let (id, is_panel) = match panel {
        Some(panel) => (panel.unique_id, true),
        None => (stack.iter().last().unwrap_or(stack).unique_id, false),
    };
    ui.ctx().accesskit_node_builder(id, |node| {
        if !is_panel {
            node.set_role(Role::Pane);
        }
        node.set_label(name);
    });
}

/// Names the whole window (the accessibility tree's root) with its title:
/// without it the window is read as a nameless frame.
pub fn name_window(ctx: &egui::Context, title: &str) {
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(title));
}

/// A menu item: `label`, with `shortcut` drawn at its right, and a check
/// state when it is a toggle (`checked`). Its accessible name is the label
/// alone (egui would read "Save Ctrl+S"); the shortcut is given as the
/// item's keyboard shortcut, where screen readers look for it.
pub fn menu_item(
    ui: &mut egui::Ui,
    label: &str,
    shortcut: Option<String>,
    checked: Option<bool>,
) -> egui::Response {
    let mut button = egui::Button::new(label);
    if let Some(keys) = &shortcut {
        button = button.shortcut_text(keys.as_str());
    }
    if checked == Some(true) {
        button = button.selected(true);
    }
    let response = ui.add(button);
    let enabled = response.enabled();
    response.widget_info(|| match checked {
        Some(on) => egui::WidgetInfo::selected(Role::MenuItemCheckBox, enabled, on, label),
        None => egui::WidgetInfo::labeled(Role::MenuItem, enabled, label),
    });
    if let Some(keys) = shortcut {
        ui.ctx()
            .accesskit_node_builder(response.id, |node| node.set_keyboard_shortcut(keys));
    }
    response
}

/// Says what a choice box (a combo box) currently shows, which egui leaves
/// out: "Status, combo box" becomes "Status, combo box, Draft".
/// (AT-SPI has no text value for a combo box, so the value is its
/// description there too, which Orca reads after the name and role.)
pub fn expose_value(response: &egui::Response, value: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_value(value);
        node.set_description(value);
    });
}

/// Makes a label read as a heading of `level` (1 for the article's title),
/// so a screen reader can list and jump between the preview's headings.
pub fn heading(response: &egui::Response, text: &str, level: usize) {
    response.widget_info(|| egui::WidgetInfo::labeled(Role::Heading, true, text));
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_level(level));
}
