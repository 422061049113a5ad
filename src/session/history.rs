//! Whole-article undo: the steps that change more than the body's text —
//! a clean-up, Replace All in the metadata, an edit in a metadata field —
//! in one history per document, with the body's typing in between.
//!
//! The body's keystrokes stay in the text editor's own history (it keeps
//! the caret with each step). The two make one timeline by a simple rule:
//! a step here is next to undo exactly when the article is as that step
//! left it; once the body was typed in after it, the editor's undo comes
//! first, and when that has brought the body back, the step is next again.

use std::hash::{Hash, Hasher};

use crate::model::{Article, Metadata};

/// Steps kept per document (older ones are forgotten), as the text
/// editor keeps a hundred.
const KEPT: usize = 100;

/// Typing in a metadata field within this many seconds of its last change
/// is one step, as typing in the body is.
const PAUSE: f64 = 1.0;

/// The body as a step knows it: whole where the step changed it; where it
/// did not (an edit in a field), only enough to tell it is still the same,
/// so a field's step does not keep copies of a long body.
#[derive(Clone, Debug, PartialEq)]
enum Body {
    Text(String),
    Unchanged { len: usize, hash: u64 },
}

impl Body {
    fn of_unchanged(body: &str) -> Body {
        Body::Unchanged {
            len: body.len(),
            hash: fingerprint(body),
        }
    }

    fn is(&self, body: &str) -> bool {
        match self {
            Body::Text(text) => text == body,
            // The length first: the hash reads the whole body.
            Body::Unchanged { len, hash } => *len == body.len() && *hash == fingerprint(body),
        }
    }
}

fn fingerprint(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The article before or after a step.
#[derive(Clone, Debug, PartialEq)]
struct State {
    meta: Metadata,
    body: Body,
}

impl State {
    fn is(&self, article: &Article) -> bool {
        self.meta == article.meta && self.body.is(&article.body)
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Step {
    before: State,
    after: State,
    /// When a field's step was last extended (`None`: a step that is never
    /// extended, a clean-up say).
    typed_at: Option<f64>,
}

/// What undoing or redoing a step makes of the article: its metadata, and
/// its body when the step changed that (through the text editor's history,
/// which is the shell's).
#[derive(Clone, Debug, PartialEq)]
pub struct Restore {
    pub meta: Metadata,
    pub body: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The last answer of `pending_at`: the shell asks on every frame, and
    /// a field's step compares the whole body.
    asked: std::cell::Cell<Option<(u64, bool, bool)>>,
}

impl History {
    /// As [`History::pending`], for the article at `revision` (which
    /// changes with every edit): answered again only when it changed.
    pub fn pending_at(&self, article: &Article, redo: bool, revision: u64) -> bool {
        if let Some((r, d, answer)) = self.asked.get()
            && (r, d) == (revision, redo)
        {
            return answer;
        }
        let answer = self.pending(article, redo);
        self.asked.set(Some((revision, redo, answer)));
        answer
    }

    /// A step that replaced the whole article (a clean-up, Replace All).
    pub fn replaced(&mut self, before: Article, after: Article) {
        let state = |a: Article| State {
            meta: a.meta,
            body: Body::Text(a.body),
        };
        self.push(Step {
            before: state(before),
            after: state(after),
            typed_at: None,
        });
    }

    /// An edit in the metadata's fields, from `before` to the article's
    /// metadata now, at `now` (seconds): typing on in the same step within
    /// a pause extends it.
    pub fn edited_metadata(&mut self, before: Metadata, article: &Article, now: f64) {
        if before == article.meta {
            return;
        }
        if let Some(last) = self.undo.last_mut()
            && let Some(at) = last.typed_at
            && now - at < PAUSE
            && last.after.meta == before
            && last.after.body.is(&article.body)
        {
            last.after.meta = article.meta.clone();
            last.typed_at = Some(now);
            self.redo.clear();
            self.asked.set(None);
            return;
        }
        let body = Body::of_unchanged(&article.body);
        self.push(Step {
            before: State {
                meta: before,
                body: body.clone(),
            },
            after: State {
                meta: article.meta.clone(),
                body,
            },
            typed_at: Some(now),
        });
    }

    fn push(&mut self, step: Step) {
        self.asked.set(None);
        if self.undo.len() == KEPT {
            self.undo.remove(0);
        }
        self.undo.push(step);
        self.redo.clear();
    }

    /// Whether the next undo (or redo) is one of these steps: the article
    /// is exactly as it left it (or as it was before it, for a redo).
    pub fn pending(&self, article: &Article, redo: bool) -> bool {
        if redo {
            self.redo.last().is_some_and(|s| s.before.is(article))
        } else {
            self.undo.last().is_some_and(|s| s.after.is(article))
        }
    }

    /// Undoes (or redoes) the pending step: what the article becomes.
    pub fn step(&mut self, article: &Article, redo: bool) -> Option<Restore> {
        if !self.pending(article, redo) {
            return None;
        }
        let (from, to) = if redo {
            (&mut self.redo, &mut self.undo)
        } else {
            (&mut self.undo, &mut self.redo)
        };
        let mut step = from.pop()?;
        self.asked.set(None);
        // A step undone is not extended by the next keystroke in a field.
        step.typed_at = step.typed_at.map(|_| f64::NEG_INFINITY);
        let target = if redo { &step.after } else { &step.before };
        let restore = Restore {
            meta: target.meta.clone(),
            body: match &target.body {
                Body::Text(text) if *text != article.body => Some(text.clone()),
                _ => None,
            },
        };
        to.push(step);
        Some(restore)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str) -> Article {
        let mut a = Article {
            body: body.into(),
            ..Default::default()
        };
        a.meta.title = title.into();
        a
    }

    /// Sets the title as typing in its field does, at `now`.
    fn retitle(history: &mut History, article: &mut Article, title: &str, now: f64) {
        let before = article.meta.clone();
        article.meta.title = title.into();
        history.edited_metadata(before, article, now);
    }

    /// Undoes or redoes the pending step and applies it.
    fn step(history: &mut History, article: &mut Article, redo: bool) {
        let restore = history.step(article, redo).expect("a step is pending");
        apply(article, restore);
    }

    /// Applies a restore as the app does (the body through its editor).
    fn apply(article: &mut Article, restore: Restore) {
        article.meta = restore.meta;
        if let Some(body) = restore.body {
            article.body = body;
        }
    }

    #[test]
    fn typing_in_a_field_is_one_step_until_a_pause() {
        let mut history = History::default();
        let mut a = article("", "Body.\n");
        for (i, title) in ["N", "Ne", "New"].into_iter().enumerate() {
            retitle(&mut history, &mut a, title, i as f64 * 0.3);
        }
        // After a pause, a second step.
        retitle(&mut history, &mut a, "New title", 5.0);

        assert!(history.pending(&a, false));
        step(&mut history, &mut a, false);
        assert_eq!(a.meta.title, "New");
        step(&mut history, &mut a, false);
        assert_eq!(a.meta.title, "");
        assert_eq!(history.step(&a, false), None, "nothing more to undo");
        step(&mut history, &mut a, true);
        assert_eq!(a.meta.title, "New");
        assert_eq!(a.body, "Body.\n");
    }

    #[test]
    fn metadata_and_whole_article_steps_are_one_timeline_with_the_body() {
        let mut history = History::default();
        let mut a = article("Old", "Some text.\n");
        retitle(&mut history, &mut a, "New", 0.0);
        let cleaned = article("New", "Some text, cleaned.\n");
        history.replaced(a.clone(), cleaned.clone());
        a = cleaned;

        // Typing in the body after the clean-up: the text editor's undo
        // comes first (no step here is pending)…
        a.body.push_str("More.\n");
        assert!(!history.pending(&a, false));
        assert_eq!(history.step(&a, false), None);
        // …and once it has taken the typing back, the clean-up is next,
        // body and metadata together, then the field's edit.
        a.body = "Some text, cleaned.\n".into();
        let undone = history.step(&a, false).unwrap();
        assert_eq!(undone.body.as_deref(), Some("Some text.\n"));
        apply(&mut a, undone);
        let undone = history.step(&a, false).unwrap();
        assert_eq!(undone.body, None, "a field's step leaves the body alone");
        apply(&mut a, undone);
        assert_eq!(a, article("Old", "Some text.\n"));

        // Redo goes forward in the same order; a new edit ends the redo.
        step(&mut history, &mut a, true);
        assert_eq!(a.meta.title, "New");
        retitle(&mut history, &mut a, "Newer", 10.0);
        assert!(!history.pending(&a, true));
    }

    #[test]
    fn a_field_step_is_not_pending_once_the_body_changed_under_it() {
        let mut history = History::default();
        let mut a = article("", "Same length A\n");
        retitle(&mut history, &mut a, "T", 0.0);
        a.body = "Same length B\n".into();
        assert!(!history.pending(&a, false));
        a.body = "Same length A\n".into();
        assert!(history.pending(&a, false));
    }

    #[test]
    fn only_the_last_hundred_steps_are_kept() {
        let mut history = History::default();
        let mut a = article("0", "");
        for i in 1..=150 {
            retitle(&mut history, &mut a, &i.to_string(), f64::from(i) * 10.0);
        }
        let mut undone = 0;
        while let Some(restore) = history.step(&a, false) {
            apply(&mut a, restore);
            undone += 1;
        }
        assert_eq!((undone, a.meta.title.as_str()), (100, "50"));
    }
}
