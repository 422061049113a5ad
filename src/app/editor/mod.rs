//! The body editor: a large Markdown editor with highlighting, formatting
//! commands that act on the selection, and undo.

pub mod find_bar;
pub mod highlight;
pub mod paragraphs;
pub mod spell_check;

use egui::text::{CCursor, CCursorRange};
use egui::text_edit::TextEditState;
use egui::{Id, TextEdit};

use crate::app::accessible;
use crate::app::editor::highlight::Marks;
use crate::app::editor::spell_check::WordMenu;
use crate::app::picture_insert::NewPicture;
use crate::app::{Command, CopydeskApp, Document};
use crate::editing::Edit;
use crate::import::reclassify::Part;

/// The id of a document's body editor (its cursor and undo history).
pub fn body_id(doc: u64) -> Id {
    Id::unique(("copydesk-body", doc))
}

/// Font size of the body text (before the zoom factor).
pub const BODY_FONT_SIZE: f32 = 15.0;

/// What the body editor works with for a frame, lent by the app: the
/// document, the find bar and spell checker, and what the editor keeps
/// between frames (its marks, its highlighting, its right-click menu).
pub struct Lent<'a> {
    pub doc: &'a mut Document,
    pub find: &'a mut find_bar::FindBar,
    pub spell: &'a mut spell_check::SpellCheck,
    /// The house dictionary's words, when spelling is checked.
    pub house_words: Option<&'a [String]>,
    pub dark: bool,
    pub merged_marks: &'a mut highlight::MergedMarks,
    pub highlight: &'a mut highlight::Cache,
    /// The misspelt word the right-click menu is for…
    pub spell_menu: &'a mut Option<WordMenu>,
    /// …where in the body it was opened…
    pub block_menu_at: &'a mut Option<usize>,
    /// …and the selection then.
    pub menu_selection: &'a mut Option<std::ops::Range<usize>>,
    /// Take the keyboard focus.
    pub focus: bool,
}

/// What the body editor asks of the app after a frame.
pub struct Shown {
    /// What was chosen from the right-click menu.
    pub choice: Option<MenuChoice>,
    /// Where the editor is scrolled, as a fraction (for the preview).
    pub scroll_fraction: f32,
}

/// The document's body: the find bar over it, the text with its marks
/// (matches, misspellings), the right-click menu.
pub fn body_editor(ui: &mut egui::Ui, lent: Lent<'_>) -> Shown {
    accessible::name_region(ui, "Body");
    let Lent {
        doc, find, spell, ..
    } = lent;
    // Closing the find bar gives the body the focus back.
    let focus = find_bar::find_bar(ui, find, doc) || lent.focus;
    let now = ui.input(|i| i.time);
    let find_marks = find.marks(doc, now, ui.ctx());
    let spell_marks = match lent.house_words {
        Some(words) => spell.marks(doc, words, now, ui.ctx()),
        None => Marks::default(),
    };
    let marks = lent.merged_marks.merge(&find_marks, &spell_marks);
    let id = body_id(doc.id);
    if let Some(range) = doc.jump_to.take() {
        select_bytes(ui.ctx(), id, &doc.article.body, range.clone());
        ui.memory_mut(|m| m.request_focus(id));
        // The editor scrolls to its cursor only when it moves it itself.
        doc.scroll_to = Some(range);
    }
    let label = ui.label(egui::RichText::new("Body (Markdown)").small().weak());
    // The selection before this frame's events: a right-click may move the
    // cursor, and the menu's Cut and Copy act on what was selected.
    let selection_before = selection(ui.ctx(), doc);
    if ui.input(|i| i.pointer.secondary_pressed()) {
        *lent.menu_selection = Some(selection_before);
    }
    let scroll = text_area(ui, doc, lent.highlight, &marks, lent.dark);
    let output = &scroll.inner;
    // Screen readers (and the UI tests) find the editor by this name.
    output.response.response.clone().labelled_by(label.id);
    if output.response.changed() {
        doc.touch();
    }
    let response = &output.response.response;
    if response.secondary_clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let cursor = output.galley.cursor_from_pos(pos - output.galley_pos);
        let at = byte_index(&doc.article.body, cursor.index.0);
        *lent.spell_menu = spell.word_at(doc, at, ui.ctx());
        *lent.block_menu_at = Some(at);
    }
    let mut choice = None;
    response.context_menu(|ui| {
        choice = context_menu(ui, lent.spell_menu.as_ref(), *lent.block_menu_at);
    });
    if focus {
        output.response.request_focus();
    }
    let max = (scroll.content_size.y - scroll.inner_rect.height()).max(1.0);
    Shown {
        choice,
        scroll_fraction: (scroll.state.clamped_offset().y / max).clamp(0.0, 1.0),
    }
}

/// The body's text editor in its scroll area, laid out by `highlight` with
/// `marks` over it; scrolled to `doc.scroll_to` (a search match) if set.
fn text_area(
    ui: &mut egui::Ui,
    doc: &mut Document,
    highlight: &mut highlight::Cache,
    marks: &Marks,
    dark: bool,
) -> egui::scroll_area::ScrollAreaOutput<egui::text_edit::TextEditOutput> {
    let id = body_id(doc.id);
    let scroll_to = doc.scroll_to.take();
    let article = &mut doc.article;
    let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
        highlight.galley(ui, text.as_str(), dark, BODY_FONT_SIZE, marks, wrap_width)
    };
    egui::ScrollArea::vertical()
        .id_salt(("body-scroll", id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let output = TextEdit::multiline(&mut article.body)
                .id(id)
                .hint_text("Write the article here (Markdown)…")
                .desired_width(f32::INFINITY)
                .desired_rows(30)
                .lock_focus(true)
                .frame(egui::Frame::NONE)
                .margin(egui::Margin::symmetric(12, 10))
                .layouter(&mut layouter)
                .show(ui);
            if let Some(range) = scroll_to {
                // A search match: bring it to the middle of the view without
                // taking the focus from the find field.
                let at = CCursor::new(char_index(&article.body, range.start));
                let rect = output
                    .galley
                    .pos_from_cursor(at)
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(rect, Some(egui::Align::Center));
            }
            output
        })
}

/// What the editor's right-click menu can do.
pub enum MenuChoice {
    Replace(std::ops::Range<usize>, String),
    /// The block at this byte of the body is really this part of the
    /// article (correcting an import).
    Reclassify(usize, Part),
    Cut,
    Copy,
    Paste,
    AddToDictionary(String),
    Ignore(String),
    Run(Command),
}

/// The right-click menu: spelling suggestions over a misspelt word, the
/// formatting commands, then what the paragraph under the pointer really is
/// (an import corrected in one move).
fn context_menu(
    ui: &mut egui::Ui,
    word: Option<&WordMenu>,
    block_at: Option<usize>,
) -> Option<MenuChoice> {
    let mut choice = None;
    if let Some(menu) = word {
        if menu.suggestions.is_empty() {
            ui.label(egui::RichText::new("No suggestions").weak());
        }
        for suggestion in &menu.suggestions {
            if ui
                .button(egui::RichText::new(suggestion).strong())
                .clicked()
            {
                choice = Some(MenuChoice::Replace(menu.range.clone(), suggestion.clone()));
            }
        }
        ui.separator();
        if ui
            .button(format!("Add “{}” to Dictionary", menu.word))
            .clicked()
        {
            choice = Some(MenuChoice::AddToDictionary(menu.word.clone()));
        }
        if ui.button(format!("Ignore “{}”", menu.word)).clicked() {
            choice = Some(MenuChoice::Ignore(menu.word.clone()));
        }
        ui.separator();
    }
    for (label, shortcut, what) in [
        ("Cut", egui::Key::X, MenuChoice::Cut),
        ("Copy", egui::Key::C, MenuChoice::Copy),
        ("Paste", egui::Key::V, MenuChoice::Paste),
    ] {
        let keys = ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(
            egui::Modifiers::COMMAND,
            shortcut,
        ));
        if accessible::menu_item(ui, label, Some(keys), None).clicked() {
            choice = Some(what);
        }
    }
    ui.separator();
    for command in [Command::Bold, Command::Italic, Command::Link, Command::Find] {
        if ui.button(command.label()).clicked() {
            choice = Some(MenuChoice::Run(command));
        }
    }
    if let Some(at) = block_at {
        ui.separator();
        for part in Part::ALL {
            if ui.button(part.label()).clicked() {
                choice = Some(MenuChoice::Reclassify(at, part));
            }
        }
    }
    if choice.is_some() {
        ui.close();
    }
    choice
}

/// Carries out a choice from the right-click menu (the app's side: the
/// clipboard, the house dictionary, commands).
pub fn menu_choice(app: &mut CopydeskApp, ctx: &egui::Context, choice: MenuChoice) {
    let now = ctx.input(|i| i.time);
    app.spell_menu = None;
    match choice {
        MenuChoice::Replace(range, with) => {
            if let Some(doc) = app.workspace.docs.get_mut(app.workspace.active) {
                splice(ctx, doc, range, &with);
            }
        }
        MenuChoice::AddToDictionary(word) => match app.workspace.library.add_word(&word) {
            Ok(_) => app.notify(format!("“{word}” is in the house dictionary now."), now),
            Err(e) => app.report_error(
                format!("Could not add “{word}” to the house dictionary: {e}"),
                now,
            ),
        },
        MenuChoice::Ignore(word) => {
            app.spell.ignored.insert(word);
        }
        MenuChoice::Cut => clipboard_choice(app, ctx, Clip::Cut),
        MenuChoice::Copy => clipboard_choice(app, ctx, Clip::Copy),
        MenuChoice::Paste => clipboard_choice(app, ctx, Clip::Paste),
        MenuChoice::Reclassify(at, part) => {
            let Some(doc) = app.workspace.docs.get_mut(app.workspace.active) else {
                return;
            };
            match crate::import::reclassify::reclassify(&doc.article, at, part) {
                Some(after) => replace_article(ctx, doc, after),
                None => app.notify("Only a paragraph, a heading or a figure can be moved", now),
            }
        }
        MenuChoice::Run(command) => app.run(ctx, command),
    }
}

enum Clip {
    Cut,
    Copy,
    Paste,
}

/// Cut, Copy or Paste from the right-click menu, on the selection as it was
/// when the menu opened.
fn clipboard_choice(app: &mut CopydeskApp, ctx: &egui::Context, clip: Clip) {
    let now = ctx.input(|i| i.time);
    let pasted = match clip {
        Clip::Paste => match app.platform.clipboard.get_text() {
            // No text: perhaps a picture (a screenshot), put in as a figure.
            Ok(pasted) if pasted.is_empty() => {
                match app.platform.clipboard.get_image() {
                    Ok(Some(image)) => {
                        // (Whether it went in is said by its own notice.)
                        app.insert_picture(ctx, NewPicture::Pasted(&image), None, now);
                    }
                    Ok(None) => app.workspace.notify("The clipboard is empty", now),
                    Err(e) => app
                        .workspace
                        .report_error(format!("Could not paste: {e}"), now),
                }
                return;
            }
            Ok(pasted) => Some(pasted),
            Err(e) => {
                app.workspace
                    .report_error(format!("Could not paste: {e}"), now);
                return;
            }
        },
        Clip::Cut | Clip::Copy => None,
    };
    let Some(doc) = app.workspace.docs.get_mut(app.workspace.active) else {
        return;
    };
    let range = app
        .menu_selection
        .clone()
        .unwrap_or_else(|| selection(ctx, doc));
    if let Some(pasted) = pasted {
        splice(ctx, doc, range, &pasted);
        return;
    }
    let clipboard = &mut app.platform.clipboard;
    let Some(text) = doc.article.body.get(range.clone()).map(str::to_string) else {
        return;
    };
    if text.is_empty() {
        return;
    }
    match clipboard.set_text(&text) {
        Ok(()) if matches!(clip, Clip::Cut) => splice(ctx, doc, range, ""),
        Ok(()) => {}
        Err(e) => app
            .workspace
            .report_error(format!("Could not copy: {e}"), now),
    }
}

/// Replaces `range` of the body with `with` (nothing, for Cut; the
/// clipboard's text, for Paste; a spelling suggestion), the caret after it,
/// as one undoable edit.
pub(crate) fn splice(
    ctx: &egui::Context,
    doc: &mut Document,
    range: std::ops::Range<usize>,
    with: &str,
) {
    let body = &doc.article.body;
    if body.get(range.clone()).is_none() {
        return;
    }
    let after = format!("{}{with}{}", &body[..range.start], &body[range.end..]);
    let end = range.start + with.len();
    replace_body(
        ctx,
        doc,
        Edit {
            text: after,
            selection: end..end,
        },
    );
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
    let mut byte = byte.min(text.len());
    // A range from an analysis a keystroke old can fall inside a character.
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
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

/// Replaces the whole article (a clean-up, Replace All in the metadata) as
/// one undo step: the body through the editor's history, the step in the
/// document's (see `session::history`).
pub fn replace_article(ctx: &egui::Context, doc: &mut Document, after: crate::model::Article) {
    let before = doc.article.clone();
    if after.body != before.body {
        let cursor = selection(ctx, doc).start.min(after.body.len());
        let cursor = (0..=cursor)
            .rev()
            .find(|&i| after.body.is_char_boundary(i))
            .unwrap_or(0);
        replace_body(
            ctx,
            doc,
            Edit {
                text: after.body.clone(),
                selection: cursor..cursor,
            },
        );
    }
    doc.article.meta = after.meta.clone();
    doc.touch();
    doc.history.replaced(before, after);
}

/// Whether the next undo (or redo) is a whole-article step: the article is
/// exactly as that step left it.
pub fn article_step_pending(doc: &Document, redo: bool) -> bool {
    doc.history.pending_at(&doc.article, redo, doc.revision)
}

/// Undo or redo in the body (from the menu; the keyboard goes to the
/// editor directly, unless a whole-article step is next).
pub fn undo_redo(ctx: &egui::Context, doc: &mut Document, redo: bool) {
    let Some(restore) = doc.history.step(&doc.article, redo) else {
        return body_undo_redo(ctx, doc, redo);
    };
    if let Some(body) = restore.body {
        body_undo_redo(ctx, doc, redo);
        if doc.article.body != body {
            // The editor's history no longer had the step (it keeps a
            // limited number): set the text directly.
            doc.article.body = body;
        }
    }
    doc.article.meta = restore.meta;
    doc.touch();
}

fn body_undo_redo(ctx: &egui::Context, doc: &mut Document, redo: bool) {
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
