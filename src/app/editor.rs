//! The body editor: a large Markdown editor with highlighting, formatting
//! commands that act on the selection, and undo.

use egui::text::{CCursor, CCursorRange};
use egui::text_edit::TextEditState;
use egui::{Id, TextEdit};

use super::{Command, CopydeskApp, Document};
use crate::editing::{self, Edit};

/// The id of a document's body editor (its cursor and undo history).
pub fn body_id(doc: u64) -> Id {
    Id::unique(("copydesk-body", doc))
}

/// Font size of the body text (before the zoom factor).
pub const BODY_FONT_SIZE: f32 = 15.0;

pub fn body_editor(app: &mut CopydeskApp, ui: &mut egui::Ui) {
    let focus = std::mem::take(&mut app.focus_body);
    let dark = app.settings.dark;
    let Some(doc) = app.docs.get_mut(app.active) else {
        return;
    };
    let id = body_id(doc.id);
    if let Some(range) = doc.jump_to.take() {
        select_bytes(ui.ctx(), id, &doc.article.body, range);
        ui.memory_mut(|m| m.request_focus(id));
    }
    let label = ui.label(egui::RichText::new("Body (Markdown)").small().weak());
    let Document {
        article, highlight, ..
    } = doc;
    let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
        let mut job = highlight.job(text.as_str(), dark, BODY_FONT_SIZE);
        job.wrap.max_width = wrap_width;
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let scroll = egui::ScrollArea::vertical()
        .id_salt(("body-scroll", id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            TextEdit::multiline(&mut article.body)
                .id(id)
                .hint_text("Write the article here (Markdown)…")
                .desired_width(f32::INFINITY)
                .desired_rows(30)
                .lock_focus(true)
                .frame(egui::Frame::NONE)
                .margin(egui::Margin::symmetric(12, 10))
                .layouter(&mut layouter)
                .show(ui)
        });
    let output = scroll.inner;
    // Screen readers (and the UI tests) find the editor by this name.
    output.response.response.clone().labelled_by(label.id);
    if output.response.changed() {
        doc.touch();
    }
    if focus {
        output.response.request_focus();
    }
    let max = (scroll.content_size.y - scroll.inner_rect.height()).max(1.0);
    app.scroll_fraction = (scroll.state.clamped_offset().y / max).clamp(0.0, 1.0);
}

/// Selects a byte range of the body in its editor.
fn select_bytes(ctx: &egui::Context, id: Id, text: &str, range: std::ops::Range<usize>) {
    let mut state = TextEditState::load(ctx, id).unwrap_or_default();
    let start = char_index(text, range.start);
    let end = char_index(text, range.end);
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(start),
        CCursor::new(end),
    )));
    state.store(ctx, id);
}

fn char_index(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text[..byte].chars().count()
}

fn byte_index(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// The body's selection as a byte range (the end of the text if none).
pub fn selection(ctx: &egui::Context, doc: &Document) -> std::ops::Range<usize> {
    let text = &doc.article.body;
    match TextEditState::load(ctx, body_id(doc.id)).and_then(|s| s.cursor.char_range()) {
        Some(range) => {
            let [a, b] = range.sorted_cursors();
            byte_index(text, a.index.0)..byte_index(text, b.index.0)
        }
        None => text.len()..text.len(),
    }
}

/// Applies a formatting command to the body's selection as one undo step.
pub fn apply_markup(ctx: &egui::Context, doc: &mut Document, command: Command) {
    let sel = selection(ctx, doc);
    let text = &doc.article.body;
    let edit: Edit = match command {
        Command::Bold => editing::wrap(text, sel, "**"),
        Command::Italic => editing::wrap(text, sel, "*"),
        Command::Link => editing::link(text, sel),
        Command::Heading(level) => editing::heading(text, sel, level),
        Command::Quote => editing::prefix_lines(text, sel, "> "),
        Command::BulletList => editing::prefix_lines(text, sel, "- "),
        Command::InsertFigure => editing::insert_figure(text, sel.end),
        _ => return,
    };
    replace_body(ctx, doc, edit);
}

/// Replaces the body, recording the old text as an undo point and selecting
/// what the edit says.
pub fn replace_body(ctx: &egui::Context, doc: &mut Document, edit: Edit) {
    let id = body_id(doc.id);
    let mut state = TextEditState::load(ctx, id).unwrap_or_default();
    let old_range = state.cursor.char_range().unwrap_or_default();
    let mut undoer = state.undoer();
    undoer.add_undo(&(old_range, doc.article.body.clone()));
    let start = char_index(&edit.text, edit.selection.start);
    let end = char_index(&edit.text, edit.selection.end);
    let new_range = CCursorRange::two(CCursor::new(start), CCursor::new(end));
    doc.article.body = edit.text;
    undoer.add_undo(&(new_range, doc.article.body.clone()));
    state.set_undoer(undoer);
    state.cursor.set_char_range(Some(new_range));
    state.store(ctx, id);
    doc.touch();
}

/// Undo or redo in the body (from the menu; the keyboard goes to the
/// editor directly).
pub fn undo_redo(ctx: &egui::Context, doc: &mut Document, redo: bool) {
    let id = body_id(doc.id);
    let mut state = TextEditState::load(ctx, id).unwrap_or_default();
    let current = (
        state.cursor.char_range().unwrap_or_default(),
        doc.article.body.clone(),
    );
    let mut undoer = state.undoer();
    let target = if redo {
        undoer.redo(&current).cloned()
    } else {
        undoer.undo(&current).cloned()
    };
    if let Some((range, text)) = target {
        doc.article.body = text;
        state.cursor.set_char_range(Some(range));
        state.set_undoer(undoer);
        state.store(ctx, id);
        doc.touch();
    }
}
