//! Find and replace (Ctrl+F, Ctrl+H): a bar above the body editor. Matches
//! are marked in the editor and the current one is scrolled to; Replace All
//! is one undo step, in the body and, when asked, in the metadata.

use crate::app::accessible::Named;
use std::ops::Range;
use std::sync::Arc;

use egui::{Key, RichText};

use crate::app::editor::highlight::{Mark, Marks};
use crate::app::{Command, Document, editor};
use crate::editing::find::{Finder, Query};
use crate::editing::text_diff::LastSeen;

/// Marking more matches than this in the editor makes no sense to a reader
/// and costs layout time; they are still counted and visited.
const MARKED_MATCHES: usize = 5_000;

/// Seconds of no typing in the body before it is searched again; until
/// then the matches move with the text (searching a long body on every
/// keystroke cost more than the rest of the keystroke).
const PAUSE: f64 = 0.3;

#[derive(Default)]
pub struct FindBar {
    pub open: bool,
    pub show_replace: bool,
    pub query: Query,
    pub replacement: String,
    /// Replace All changes the metadata's text fields too.
    pub in_metadata: bool,
    /// The match being visited, by its index.
    pub current: Option<usize>,
    /// Give the find field focus on the next frame.
    focus: bool,
    /// The last search: for which document, revision and query.
    cache: Option<Search>,
    /// What the last Replace All did.
    pub message: Option<String>,
}

struct Search {
    doc: u64,
    query: Query,
    result: Result<Arc<Vec<Range<usize>>>, String>,
    marks: Marks,
    /// The current match `marks` were made for; `None` until they are made.
    marked_for: Option<Option<usize>>,
    /// The body searched or moved to (to move the matches with an edit)…
    seen: LastSeen,
    /// …and when it was last edited without a new search: the matches were
    /// moved, and are searched again once typing pauses.
    moved_at: Option<f64>,
}

impl FindBar {
    /// Opens the bar (with the replace row for Ctrl+H), searching for the
    /// selected text if there is a short one-line selection.
    pub fn open(&mut self, replace: bool, selected: Option<String>) {
        self.open = true;
        self.show_replace |= replace;
        self.focus = true;
        self.message = None;
        if let Some(text) = selected.filter(|t| !t.is_empty() && !t.contains('\n') && t.len() < 200)
        {
            self.query.pattern = text;
            self.current = None;
        }
    }

    /// The matches in `doc`'s body as they are now (for acting on them),
    /// searched again only when the text or the query changed.
    pub fn matches(&mut self, doc: &Document) -> Result<Arc<Vec<Range<usize>>>, String> {
        let fresh = self.cache.as_ref().is_some_and(|s| {
            s.doc == doc.id
                && s.seen.is_at(doc.revision)
                && s.query == self.query
                && s.moved_at.is_none()
        });
        if !fresh {
            self.search(doc);
        }
        self.shown()
    }

    fn search(&mut self, doc: &Document) {
        let result = Finder::new(&self.query)
            .map_err(|e| e.to_string())
            .map(|f| Arc::new(f.map_or_else(Vec::new, |f| f.matches(&doc.article.body))));
        self.cache = Some(Search {
            doc: doc.id,
            query: self.query.clone(),
            result,
            marks: Marks::default(),
            marked_for: None,
            seen: LastSeen::of(doc.revision, &doc.article.body),
            moved_at: None,
        });
    }

    /// The matches as last searched or moved.
    fn shown(&self) -> Result<Arc<Vec<Range<usize>>>, String> {
        self.cache
            .as_ref()
            .map(|s| s.result.clone())
            .unwrap_or_else(|| Ok(Arc::default()))
    }

    /// Keeps the matches shown up with `doc`: searched again when the
    /// query changed or typing paused, moved with the text while typing
    /// goes on (at `now`, in seconds).
    fn follow(&mut self, doc: &Document, now: f64, ctx: &egui::Context) {
        let Some(s) = self
            .cache
            .as_mut()
            .filter(|s| s.doc == doc.id && s.query == self.query)
        else {
            return self.search(doc);
        };
        let body = &doc.article.body;
        if let Some(diff) = s.seen.edit(doc.revision, body) {
            if let Ok(result) = &mut s.result {
                *result = Arc::new(result.iter().filter_map(|r| diff.moved(r, body)).collect());
            }
            s.marks = Arc::new(diff.shift(&s.marks, body));
            s.moved_at = Some(now);
        }
        if let Some(at) = s.moved_at {
            if now - at >= PAUSE {
                self.search(doc);
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(PAUSE - (now - at)));
            }
        }
    }

    /// The marks for the editor: every match, the current one apart.
    pub fn marks(&mut self, doc: &Document, now: f64, ctx: &egui::Context) -> Marks {
        if !self.open || self.query.pattern.is_empty() {
            return Marks::default();
        }
        self.follow(doc, now, ctx);
        let Ok(matches) = self.shown() else {
            return Marks::default();
        };
        let current = self.current;
        let search = self.cache.as_mut().expect("searched above");
        if search.marked_for != Some(current) {
            search.marked_for = Some(current);
            search.marks = Arc::new(
                matches
                    .iter()
                    .take(MARKED_MATCHES)
                    .enumerate()
                    .map(|(i, r)| {
                        let mark = if Some(i) == current {
                            Mark::CurrentMatch
                        } else {
                            Mark::Match
                        };
                        (r.clone(), mark)
                    })
                    .collect(),
            );
        }
        search.marks.clone()
    }
}

/// The bar itself, drawn above the body editor of `doc`; returns whether
/// it was closed (the body takes the focus back).
pub fn find_bar(ui: &mut egui::Ui, find: &mut FindBar, doc: &mut Document) -> bool {
    if !find.open {
        return false;
    }
    let ctx = ui.ctx().clone();
    let before = find.query.clone();
    let mut action = find_row(ui, find, doc);
    if find.show_replace {
        action = replace_row(ui, find).or(action);
    }
    if find.query != before {
        find.current = None;
        find.message = None;
    }
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        action = Some(Action::Close);
    }
    ui.separator();
    if let Some(action) = action {
        act(find, doc, &ctx, action);
    }
    action == Some(Action::Close)
}

/// The search field, its options, the previous and next buttons and the
/// count of matches.
fn find_row(ui: &mut egui::Ui, find: &mut FindBar, doc: &Document) -> Option<Action> {
    let ctx = ui.ctx().clone();
    let mut action = None;
    // Wrapped: the editor column can be narrow beside the preview, and a
    // button pushed past its edge could not be clicked.
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Find");
        let field = ui.add(
            egui::TextEdit::singleline(&mut find.query.pattern)
                .id(egui::Id::unique("copydesk-find-field"))
                .hint_text("Find in the body")
                .desired_width(220.0),
        );
        field.clone().labelled_by(label.id);
        if std::mem::take(&mut find.focus) {
            field.request_focus();
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            action = Some(if ui.input(|i| i.modifiers.shift) {
                Action::Previous
            } else {
                Action::Next
            });
            field.request_focus();
        }
        ui.toggle_value(&mut find.query.match_case, "Aa")
            .on_hover_text("Match case");
        ui.toggle_value(&mut find.query.whole_word, "Whole word")
            .on_hover_text("Match whole words only");
        ui.toggle_value(&mut find.query.regex, ".*")
            .on_hover_text("Regular expression (groups as $1 or \\1 in the replacement)");
        if ui
            .button("◀")
            .on_hover_text(format!(
                "Previous match ({})",
                Command::FindPrevious.keys(&ctx)
            ))
            .clicked()
        {
            action = Some(Action::Previous);
        }
        let next = format!("Next match ({})", Command::FindNext.keys(&ctx));
        if ui.button("▶").on_hover_text(next).clicked() {
            action = Some(Action::Next);
        }
        find.follow(doc, ui.input(|i| i.time), &ctx);
        match_count(ui, find);
        if ui.button("✖").named("Close the find bar (Esc)").clicked() {
            action = Some(Action::Close);
        }
    });
    action
}

/// "3 of 12", "No matches", or what is wrong with the pattern.
fn match_count(ui: &mut egui::Ui, find: &FindBar) {
    match find.shown() {
        Ok(_) if find.query.pattern.is_empty() => {}
        Ok(matches) if matches.is_empty() => {
            ui.label(RichText::new("No matches").weak());
        }
        Ok(matches) => {
            let total = matches.len();
            let text = match find.current {
                Some(i) if i < total => format!("{} of {total}", i + 1),
                _ => crate::analysis::counted(total, "match", "matches"),
            };
            ui.label(text);
        }
        Err(error) => {
            ui.colored_label(ui.visuals().error_fg_color, format!("Bad pattern: {error}"));
        }
    }
}

/// The replacement field and its buttons.
fn replace_row(ui: &mut egui::Ui, find: &mut FindBar) -> Option<Action> {
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Replace");
        let field = ui.add(
            egui::TextEdit::singleline(&mut find.replacement)
                .id(egui::Id::unique("copydesk-replace-field"))
                .hint_text("Replace with")
                .desired_width(220.0),
        );
        field.labelled_by(label.id);
        if ui.button("Replace").clicked() {
            action = Some(Action::ReplaceOne);
        }
        if ui.button("Replace All").clicked() {
            action = Some(Action::ReplaceAll);
        }
        ui.checkbox(&mut find.in_metadata, "Also in metadata");
        if let Some(message) = &find.message {
            ui.label(message);
        }
    });
    action
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Action {
    Next,
    Previous,
    ReplaceOne,
    ReplaceAll,
    Close,
}

/// Moves to the next or previous match, replaces, or closes the bar.
pub fn act(find: &mut FindBar, doc: &mut Document, ctx: &egui::Context, action: Action) {
    let Ok(matches) = find.matches(doc) else {
        if action == Action::Close {
            find.open = false;
        }
        return;
    };
    let total = matches.len();
    match action {
        Action::Close => {
            find.open = false;
            if let Some(range) = find.current.and_then(|i| matches.get(i)) {
                doc.jump_to = Some(range.clone());
            }
        }
        Action::Next | Action::Previous if total > 0 => {
            visit(find, doc, ctx, action == Action::Next, &matches);
        }
        Action::ReplaceOne => replace_one(find, doc, ctx, &matches),
        Action::ReplaceAll => replace_all(find, doc, ctx),
        _ => {}
    }
}

/// Goes to the next (`forward`) or previous match; from the cursor, as
/// editors do, when none is current. `matches` is not empty.
fn visit(
    find: &mut FindBar,
    doc: &mut Document,
    ctx: &egui::Context,
    forward: bool,
    matches: &[Range<usize>],
) {
    let total = matches.len();
    let action = if forward {
        Action::Next
    } else {
        Action::Previous
    };
    let next = match (find.current, action) {
        (Some(i), Action::Next) => (i + 1) % total,
        (Some(i), _) => (i + total - 1) % total,
        (None, direction) => {
            // Start from the cursor, as editors do.
            let at = editor::selection(ctx, doc).start;
            let after = matches.iter().position(|r| r.start >= at);
            match direction {
                Action::Next => after.unwrap_or(0),
                _ => after.unwrap_or(total).checked_sub(1).unwrap_or(total - 1),
            }
        }
    };
    find.current = Some(next);
    doc.scroll_to = Some(matches[next].clone());
}

/// Replaces the current match (or goes to the first, when none is) and
/// makes the next one current.
fn replace_one(
    find: &mut FindBar,
    doc: &mut Document,
    ctx: &egui::Context,
    matches: &[Range<usize>],
) {
    let total = matches.len();
    let Some(i) = find.current.filter(|&i| i < total) else {
        return act(find, doc, ctx, Action::Next);
    };
    let Ok(Some(finder)) = Finder::new(&find.query) else {
        return;
    };
    let range = matches[i].clone();
    let with = finder.replacement_for(&doc.article.body, range.clone(), &find.replacement);
    editor::splice(ctx, doc, range, &with);
    // The next match is now at the same index (or the first).
    let left = find.matches(doc).map(|m| m.len()).unwrap_or(0);
    find.current = (left > 0).then_some(if i < left { i } else { 0 });
    if let Some(next) = find
        .current
        .and_then(|n| find.matches(doc).ok()?.get(n).cloned())
    {
        doc.scroll_to = Some(next);
    }
}

/// Replaces every match, in the body and, when asked, in the metadata, as
/// one undo step; says how many.
fn replace_all(find: &mut FindBar, doc: &mut Document, ctx: &egui::Context) {
    let Ok(Some(finder)) = Finder::new(&find.query) else {
        return;
    };
    let before = doc.article.clone();
    let (body, in_body) = finder.replace_all(&doc.article.body, &find.replacement);
    let mut after = before.clone();
    after.body = body;
    let in_meta = if find.in_metadata {
        replace_in_metadata(&finder, &mut after.meta, &find.replacement)
    } else {
        0
    };
    find.current = None;
    find.message = Some(match (in_body, in_meta) {
        (0, 0) => "Nothing replaced".into(),
        (n, 0) => format!("Replaced {n}"),
        (n, m) => format!("Replaced {} ({m} in metadata)", n + m),
    });
    if in_body + in_meta > 0 {
        editor::replace_article(ctx, doc, after);
    }
}

/// Replaces in the text fields an editor writes (not in URLs, dates, slugs
/// or unknown keys); returns how many were replaced.
fn replace_in_metadata(finder: &Finder, meta: &mut crate::model::Metadata, with: &str) -> usize {
    let mut count = 0;
    let mut fields: Vec<&mut String> = vec![
        &mut meta.title,
        &mut meta.subtitle,
        &mut meta.original_title,
        &mut meta.excerpt,
        &mut meta.category,
        &mut meta.image.alt,
        &mut meta.image.caption,
        &mut meta.image.credit,
    ];
    for author in &mut meta.authors {
        fields.push(&mut author.name);
        fields.push(&mut author.bio);
    }
    for credit in &mut meta.credits {
        fields.push(&mut credit.role);
        fields.push(&mut credit.name);
    }
    fields.extend(meta.tags.iter_mut());
    for field in fields {
        let (text, n) = finder.replace_all(field, with);
        if n > 0 {
            *field = text;
            count += n;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_match_is_marked_and_the_current_one_apart() {
        let article = crate::model::Article {
            body: "a cat, a Cat and a cat\n".into(),
            ..Default::default()
        };
        let doc = Document::new(1, article, crate::format::Origin::new_file(), None);
        let ctx = egui::Context::default();
        let mut find = FindBar::default();
        find.open(false, Some("cat".into()));
        let kinds = |marks: &Marks| marks.iter().map(|(r, m)| (r.start, *m)).collect::<Vec<_>>();
        // Made on the first call, though no match is current yet.
        assert_eq!(
            kinds(&find.marks(&doc, 0.0, &ctx)),
            [(2, Mark::Match), (9, Mark::Match), (19, Mark::Match)]
        );
        find.current = Some(1);
        assert_eq!(
            kinds(&find.marks(&doc, 0.0, &ctx)),
            [(2, Mark::Match), (9, Mark::CurrentMatch), (19, Mark::Match)]
        );
        // The same marks while nothing changed.
        assert!(Arc::ptr_eq(
            &find.marks(&doc, 0.0, &ctx),
            &find.marks(&doc, 0.0, &ctx)
        ));
        find.open = false;
        assert!(find.marks(&doc, 0.0, &ctx).is_empty());
    }

    #[test]
    fn typing_moves_the_matches_and_a_pause_searches_again() {
        let article = crate::model::Article {
            body: "a cat and a cat\n".into(),
            ..Default::default()
        };
        let mut doc = Document::new(1, article, crate::format::Origin::new_file(), None);
        let ctx = egui::Context::default();
        let mut find = FindBar::default();
        find.open(false, Some("cat".into()));
        let starts = |marks: &Marks| marks.iter().map(|(r, _)| r.start).collect::<Vec<_>>();
        assert_eq!(starts(&find.marks(&doc, 1.0, &ctx)), [2, 12]);
        // Typing a new "cat" at the start: the old matches move with the
        // text; the new one is found when typing pauses.
        doc.article.body.insert_str(0, "cat ");
        doc.touch();
        assert_eq!(starts(&find.marks(&doc, 1.0, &ctx)), [6, 16]);
        assert_eq!(starts(&find.marks(&doc, 1.2, &ctx)), [6, 16]);
        assert_eq!(starts(&find.marks(&doc, 1.31, &ctx)), [0, 6, 16]);
        // Acting on the matches never waits: it searches the text as it is.
        doc.article.body.push_str("cat\n");
        doc.touch();
        assert_eq!(starts(&find.marks(&doc, 2.0, &ctx)), [0, 6, 16]);
        assert_eq!(find.matches(&doc).unwrap().len(), 4);
    }
}
