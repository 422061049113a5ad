//! Clean Up Draft: shows what each fix will change, with the fixes to
//! switch on and off, then applies the changes as one undo step.

use egui::{Color32, RichText};

use crate::app::requests::Request;
use crate::app::{Command, Document, editor};
use crate::cleanup::{self, Cleanup, Fix};

/// How many changes the window lists (the counts cover all of them).
const LISTED: usize = 500;

pub struct CleanupReview {
    doc: u64,
    revision: u64,
    pub fixes: Vec<Fix>,
    /// Every fix's changes, for the counts beside the switches.
    all: Vec<(Fix, usize)>,
    pub result: Cleanup,
}

impl CleanupReview {
    /// The review of a clean-up of `doc`, with every fix on but those the
    /// editor switched off (`cleanup_off`, by key).
    pub fn start(doc: &Document, cleanup_off: &[String]) -> Self {
        let fixes: Vec<Fix> = Fix::ALL
            .into_iter()
            .filter(|f| !cleanup_off.iter().any(|k| k == f.key()))
            .collect();
        let all = cleanup::clean(&doc.article, &Fix::ALL).counts();
        let result = cleanup::clean(&doc.article, &fixes);
        CleanupReview {
            doc: doc.id,
            revision: doc.revision,
            fixes,
            all,
            result,
        }
    }
}

/// The line before and after, the part that changes set off with a
/// background, so a curly quote or a removed space can be seen.
fn diff_lines(
    change: &cleanup::Change,
    removed: Color32,
    added: Color32,
    ui: &egui::Ui,
) -> (egui::text::LayoutJob, egui::text::LayoutJob) {
    let (a, b) = (&change.before, &change.after);
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let suffix: usize = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let highlight = ui.visuals().faint_bg_color.gamma_multiply(4.0);
    let line = |sign: &str, text: &str, color: Color32| {
        let end = text.len() - suffix.min(text.len() - prefix);
        let mut job = egui::text::LayoutJob::default();
        let plain = egui::TextFormat::simple(font.clone(), color);
        let marked = egui::TextFormat {
            background: highlight,
            underline: egui::Stroke::new(1.0, color),
            ..plain.clone()
        };
        job.append(sign, 0.0, plain.clone());
        job.append(&text[..prefix], 0.0, plain.clone());
        job.append(&text[prefix..end], 0.0, marked);
        job.append(&text[end..], 0.0, plain);
        job
    };
    (line("− ", a, removed), line("+ ", b, added))
}

/// The review window while `cleanup` holds one; it is cleared when the
/// window closes. `docs` are the open documents (the review's may have
/// closed), `cleanup_off` the fixes the editor switched off, kept here.
pub fn cleanup_window(
    ctx: &egui::Context,
    cleanup: &mut Option<CleanupReview>,
    docs: &mut [Document],
    cleanup_off: &mut Vec<String>,
) -> Vec<Request> {
    let Some(review) = cleanup else {
        return Vec::new();
    };
    let Some(doc) = docs.iter_mut().find(|d| d.id == review.doc) else {
        *cleanup = None;
        return Vec::new();
    };
    if doc.revision != review.revision {
        // The article changed under the review (autosave does not, typing
        // in another window could): look again.
        review.result = cleanup::clean(&doc.article, &review.fixes);
        review.all = cleanup::clean(&doc.article, &Fix::ALL).counts();
        review.revision = doc.revision;
    }
    let mut open = true;
    let mut apply = false;
    let mut cancel = false;
    let mut toggled = false;
    egui::Window::new("Clean Up Draft")
        .id(egui::Id::unique("copydesk-cleanup"))
        .open(&mut open)
        .default_width(640.0)
        .default_height(480.0)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(format!(
                "Typography for the article's language: {}.",
                if doc.article.meta.lang.trim().is_empty() {
                    "not set (English)".to_string()
                } else {
                    doc.article.meta.lang.clone()
                }
            ));
            ui.add_space(4.0);
            toggled = fix_choices(ui, review);
            ui.separator();
            change_list(ui, review);
            ui.separator();
            (apply, cancel) = buttons(ui, review.result.total());
        });
    if toggled {
        review.result = cleanup::clean(&doc.article, &review.fixes);
        *cleanup_off = Fix::ALL
            .into_iter()
            .filter(|f| !review.fixes.contains(f))
            .map(|f| f.key().to_string())
            .collect();
    }
    if apply {
        let count = review.result.total();
        let cleaned = review.result.article.clone();
        editor::replace_article(ctx, doc, cleaned);
        *cleanup = None;
        return vec![
            Request::FocusBody,
            Request::Notify(format!(
                "Cleaned up: {}. {} undoes the clean-up.",
                crate::analysis::counted(count, "change", "changes"),
                Command::Undo.keys(ctx)
            )),
        ];
    }
    if cancel || !open {
        *cleanup = None;
    }
    Vec::new()
}

/// A checkbox for each fix, with how many changes it makes; returns
/// whether one was toggled.
fn fix_choices(ui: &mut egui::Ui, review: &mut CleanupReview) -> bool {
    let mut toggled = false;
    for fix in Fix::ALL {
        let count = review
            .all
            .iter()
            .find(|(f, _)| *f == fix)
            .map_or(0, |c| c.1);
        let mut on = review.fixes.contains(&fix);
        let label = format!("{} ({count})", fix.label());
        if ui.checkbox(&mut on, label).changed() {
            toggled = true;
            if on {
                review.fixes.push(fix);
            } else {
                review.fixes.retain(|f| *f != fix);
            }
        }
    }
    toggled
}

/// The changes the chosen fixes make, each line before and after.
fn change_list(ui: &mut egui::Ui, review: &CleanupReview) {
    let total = review.result.total();
    let listed = review.result.changes.len();
    ui.label(
        RichText::new(match total {
            0 => "Nothing to change.".to_string(),
            1 => "1 change:".to_string(),
            n => format!("{n} changes:"),
        })
        .strong(),
    );
    let (removed, added) = if ui.visuals().dark_mode {
        (
            Color32::from_rgb(255, 140, 140),
            Color32::from_rgb(140, 230, 140),
        )
    } else {
        (
            Color32::from_rgb(170, 20, 20),
            Color32::from_rgb(10, 120, 30),
        )
    };
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for change in review.result.changes.iter().take(LISTED) {
                let times = if change.count > 1 {
                    format!(" ×{}", change.count)
                } else {
                    String::new()
                };
                ui.label(
                    RichText::new(format!("{} · {}{times}", change.place, change.fix.label()))
                        .small()
                        .weak(),
                );
                let (before, after) = diff_lines(change, removed, added, ui);
                ui.label(before);
                ui.label(after);
                ui.add_space(4.0);
            }
            if listed > LISTED {
                ui.label(format!("… and {} more lines", listed - LISTED));
            }
        });
}

/// Apply and Cancel; returns which was clicked.
fn buttons(ui: &mut egui::Ui, total: usize) -> (bool, bool) {
    let (mut apply, mut cancel) = (false, false);
    ui.horizontal(|ui| {
        let text = match total {
            0 => "Apply".to_string(),
            1 => "Apply 1 Change".to_string(),
            n => format!("Apply {n} Changes"),
        };
        if ui.add_enabled(total > 0, egui::Button::new(text)).clicked() {
            apply = true;
        }
        if ui.button("Cancel").clicked() {
            cancel = true;
        }
        let undo = Command::Undo.keys(ui.ctx());
        ui.label(RichText::new(format!("Undo ({undo}) takes it all back.")).weak());
    });
    (apply, cancel)
}
