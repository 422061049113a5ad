//! Spell check as you type: misspelt words underlined in the body, checked
//! again when typing pauses (marks shift with the text in between), with
//! suggestions, Add to Dictionary and Ignore on right-click.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, mpsc};

use crate::app::Document;
use crate::app::editor::highlight::{Mark, Marks};
use crate::editing::text_diff::LastSeen;
use crate::spelling::{Speller, normalise};

/// Seconds of no typing before the body is checked again.
const PAUSE: f64 = 0.4;

enum Loaded {
    Ready(Arc<Speller>),
    /// No dictionary for the language, or it could not be read: why.
    Missing(String),
}

#[derive(Default)]
pub struct SpellCheck {
    /// Dictionaries by language tag, loaded on a helper thread.
    dictionaries: HashMap<String, Loaded>,
    loading: Option<(String, mpsc::Receiver<Loaded>)>,
    /// The last check of each document.
    checked: HashMap<u64, Checked>,
    /// Verdicts by word, per language.
    memo: HashMap<String, HashMap<String, bool>>,
    /// Words the editor chose to ignore in this session.
    pub ignored: HashSet<String>,
    /// House words plus ignored ones, as the speller takes them.
    extra: HashSet<String>,
    extra_from: usize,
}

struct Checked {
    /// The text the marks belong to (to move them after an edit).
    seen: LastSeen,
    /// When the body last changed, to wait for a pause in typing.
    changed_at: f64,
    /// The marks are not from a check of this text.
    dirty: bool,
    marks: Marks,
}

/// What a right-click on a misspelt word offers.
pub struct WordMenu {
    pub range: Range<usize>,
    pub word: String,
    pub suggestions: Vec<String>,
}

impl SpellCheck {
    /// The dictionary for `lang`, or why there is none; `None` while it loads.
    fn speller(&mut self, lang: &str, ctx: &egui::Context) -> Option<Result<Arc<Speller>, String>> {
        let key = lang.trim().to_ascii_lowercase();
        if let Some((loading, rx)) = &self.loading
            && let Ok(loaded) = rx.try_recv()
        {
            self.dictionaries.insert(loading.clone(), loaded);
            self.loading = None;
        }
        match self.dictionaries.get(&key) {
            Some(Loaded::Ready(s)) => return Some(Ok(s.clone())),
            Some(Loaded::Missing(why)) => return Some(Err(why.clone())),
            None => {}
        }
        if self.loading.is_none() {
            let (tx, rx) = mpsc::channel();
            let ctx = ctx.clone();
            let lang = key.clone();
            std::thread::Builder::new()
                .name("copydesk-dictionary".into())
                .spawn(move || {
                    let loaded = match Speller::for_language(&lang) {
                        Some(Ok(speller)) => Loaded::Ready(Arc::new(speller)),
                        Some(Err(e)) => {
                            Loaded::Missing(format!("the {lang} dictionary could not be read: {e}"))
                        }
                        None => Loaded::Missing(format!(
                            "no spelling dictionary for “{lang}” is installed"
                        )),
                    };
                    // A closed channel means the app stopped waiting (it
                    // quit): nobody to tell.
                    let _ = tx.send(loaded);
                    ctx.request_repaint();
                })
                .ok()?;
            self.loading = Some((key, rx));
        }
        None
    }

    /// Waits for the dictionary of `lang` (for tests and benchmarks).
    pub fn wait_for_dictionary(&mut self, lang: &str, ctx: &egui::Context) {
        while self.speller(lang, ctx).is_none() {
            if let Some((key, rx)) = self.loading.take()
                && let Ok(loaded) = rx.recv()
            {
                self.dictionaries.insert(key, loaded);
            }
        }
    }

    /// Why the active article's spelling is not checked, if it is not.
    pub fn problem(&self, lang: &str) -> Option<&str> {
        match self.dictionaries.get(&lang.trim().to_ascii_lowercase()) {
            Some(Loaded::Missing(why)) => Some(why),
            _ => None,
        }
    }

    fn refresh_extra(&mut self, house: &[String]) {
        if self.extra_from != house.len() + self.ignored.len() {
            self.extra = house
                .iter()
                .chain(self.ignored.iter())
                .map(|w| normalise(w))
                .collect();
            self.extra_from = house.len() + self.ignored.len();
            self.memo.clear();
            for checked in self.checked.values_mut() {
                checked.dirty = true;
                checked.changed_at = f64::NEG_INFINITY;
            }
        }
    }

    /// The underlines for `doc`: checked again once typing pauses; until
    /// then the last marks, moved with the text.
    pub fn marks(
        &mut self,
        doc: &Document,
        house: &[String],
        now: f64,
        ctx: &egui::Context,
    ) -> Marks {
        self.refresh_extra(house);
        let Some(Ok(speller)) = self.speller(&doc.article.meta.lang, ctx) else {
            return Marks::default();
        };
        let body = &doc.article.body;
        let checked = self.checked.entry(doc.id).or_insert_with(|| Checked {
            seen: LastSeen::default(),
            changed_at: f64::NEG_INFINITY,
            dirty: true,
            marks: Marks::default(),
        });
        if let Some(diff) = checked.seen.edit(doc.revision, body) {
            // Typing: keep the marks the edit did not touch, moved.
            checked.marks = Arc::new(diff.shift(&checked.marks, body));
            checked.changed_at = now;
            checked.dirty = true;
        }
        if checked.dirty {
            let waited = now - checked.changed_at;
            if waited >= PAUSE {
                let memo = self.memo.entry(doc.article.meta.lang.clone()).or_default();
                let ranges = speller.misspelled(body, &self.extra, memo);
                checked.marks =
                    Arc::new(ranges.into_iter().map(|r| (r, Mark::Misspelled)).collect());
                checked.dirty = false;
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(PAUSE - waited));
            }
        }
        checked.marks.clone()
    }

    /// The misspelt word at byte `at` of `doc`'s body, with suggestions.
    pub fn word_at(&mut self, doc: &Document, at: usize, ctx: &egui::Context) -> Option<WordMenu> {
        let marks = self.checked.get(&doc.id)?.marks.clone();
        let (range, _) = marks.iter().find(|(r, _)| r.start <= at && at <= r.end)?;
        let word = doc.article.body.get(range.clone())?.to_string();
        let speller = self.speller(&doc.article.meta.lang, ctx)?.ok()?;
        Some(WordMenu {
            range: range.clone(),
            suggestions: speller.suggest(&word, 6),
            word,
        })
    }

    /// The last marks of a document.
    pub fn current_marks(&self, doc: u64) -> Marks {
        self.checked
            .get(&doc)
            .map(|c| c.marks.clone())
            .unwrap_or_default()
    }

    /// Forget a document's check (it was closed).
    pub fn forget(&mut self, doc: u64) {
        self.checked.remove(&doc);
    }
}
