//! The outline: the body's headings beside the editor, the section the
//! cursor is in highlighted; a click jumps to a heading.

use egui::RichText;

use super::{CopydeskApp, editor};
use crate::markdown::outline::{Heading, outline};

/// The headings of a document, scanned again only when its text changed.
#[derive(Default)]
pub struct OutlineCache {
    key: Option<(u64, u64)>,
    headings: Vec<Heading>,
}

pub fn outline_panel(app: &mut CopydeskApp, ui: &mut egui::Ui) {
    if !app.settings.show_outline {
        return;
    }
    let Some(doc) = app.docs.get_mut(app.active) else {
        return;
    };
    let cache = &mut app.outline;
    if cache.key != Some((doc.id, doc.revision)) {
        cache.headings = outline(&doc.article.body);
        cache.key = Some((doc.id, doc.revision));
    }
    let cursor = editor::selection(ui.ctx(), doc).start;
    let current = cache.headings.iter().rposition(|h| h.range.start <= cursor);
    let mut jump = None;
    egui::Panel::left(egui::Id::unique("copydesk-outline"))
        .resizable(true)
        .default_size(200.0)
        .show(ui, |ui| {
            ui.label(RichText::new("Outline").strong());
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                if cache.headings.is_empty() {
                    ui.label(
                        RichText::new("No headings yet. Lines starting with ## are headings.")
                            .weak(),
                    );
                }
                let top = cache.headings.iter().map(|h| h.level).min().unwrap_or(1);
                for (i, heading) in cache.headings.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.add_space(12.0 * f32::from(heading.level.saturating_sub(top)));
                        let text = if heading.text.is_empty() {
                            "(empty heading)"
                        } else {
                            &heading.text
                        };
                        if ui
                            .selectable_label(Some(i) == current, text)
                            .on_hover_text(format!("Heading {}", heading.level))
                            .clicked()
                        {
                            jump = Some(heading.range.clone());
                        }
                    });
                }
            });
        });
    if let Some(range) = jump {
        // Next frame, once the click is over (see the problems panel).
        app.jump_next_frame = Some((doc.id, range.start..range.start));
        ui.ctx().request_repaint();
    }
}

/// The statistics window: counts, reading time at the editor's speed and,
/// for English, a readability score.
pub fn statistics_window(app: &mut CopydeskApp, ctx: &egui::Context) {
    if !app.show_statistics {
        return;
    }
    let Some(doc) = app.docs.get_mut(app.active) else {
        return;
    };
    let (analysis, _) = doc.analysis_at(ctx.input(|i| i.time));
    let stats = analysis.stats;
    let english = matches!(
        crate::cleanup::primary_subtag(&doc.article.meta.lang).as_str(),
        "" | "en"
    );
    let mut open = true;
    let wpm = &mut app.settings.words_per_minute;
    egui::Window::new("Statistics")
        .id(egui::Id::unique("copydesk-statistics"))
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("copydesk-stats-grid")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    let mut row = |name: &str, value: String| {
                        ui.label(name);
                        ui.label(value);
                        ui.end_row();
                    };
                    row("Words", stats.words.to_string());
                    row("Characters", stats.characters.to_string());
                    row("Paragraphs", stats.paragraphs.to_string());
                    row("Sentences", stats.sentences.to_string());
                    if stats.sentences > 0 {
                        row(
                            "Words per sentence",
                            format!("{:.1}", stats.prose_words as f64 / stats.sentences as f64),
                        );
                    }
                    row(
                        "Reading time",
                        format!("{} min", stats.reading_minutes_at(*wpm)),
                    );
                    match stats.flesch_reading_ease() {
                        Some(score) if english => row(
                            "Readability (Flesch)",
                            format!(
                                "{score:.0}: {}",
                                crate::analysis::stats::Stats::flesch_label(score)
                            ),
                        ),
                        _ if !english => row("Readability", "for English only".into()),
                        _ => row("Readability", "no sentences yet".into()),
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("Reading speed");
                ui.add(
                    egui::DragValue::new(wpm)
                        .range(80..=600)
                        .suffix(" words/min"),
                )
                .labelled_by(label.id);
            });
        });
    app.show_statistics = open;
}
