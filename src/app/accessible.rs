//! Names in words for buttons drawn as glyphs (`B`, `H2`, `✖`, `×`, `↺`), so
//! a screen reader says "Bold" or "Remove this author", not the glyph.

/// Gives a response a name for assistive technology, shown as its tooltip
/// too.
pub trait Named {
    fn named(self, name: &str) -> Self;
}

impl Named for egui::Response {
    fn named(self, name: &str) -> Self {
        let enabled = self.enabled();
        self.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::Button, enabled, name)
        });
        self.on_hover_text(name)
    }
}
