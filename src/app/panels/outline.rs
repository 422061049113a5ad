//! The outline: the body's headings beside the editor, the section the
//! cursor is in highlighted; a click jumps to a heading.

use egui::RichText;

use crate::app::layout::Layout;
use crate::app::requests::Request;
use crate::app::{Document, editor};
use crate::markdown::outline::{Heading, outline};

/// The headings of a document, scanned again only when its text changed.
#[derive(Default)]
pub struct OutlineCache {
    key: Option<(u64, u64)>,
    headings: Vec<Heading>,
}

/// The outline beside the editor while there is room for it; otherwise
/// folded into a button in the tab bar (see `outline_overlay`). Its width
/// is capped whatever the headings' length: long ones are cut short, and
/// shown whole on hover. `doc` is the active document, when the outline
/// is to be shown.
pub fn outline_panel(
    ui: &mut egui::Ui,
    cache: &mut OutlineCache,
    doc: Option<&Document>,
    layout: &mut Layout,
    planned: Option<(f32, egui::Rangef)>,
) -> Option<Request> {
    let doc = doc?;
    let (width, range) = planned?;
    let (response, dragged) = crate::app::layout::sized_panel(
        ui,
        egui::Id::unique("copydesk-outline"),
        egui::Panel::left(egui::Id::unique("copydesk-outline")),
        width,
        range,
        |ui| contents(ui, cache, doc, true),
    );
    if let Some(width) = dragged {
        layout.outline_dragged(width);
    }
    jump_to(doc, response.inner)
}

/// The folded outline, opened over the documents (`doc` as for
/// [`outline_panel`]).
pub fn outline_overlay(
    ctx: &egui::Context,
    cache: &mut OutlineCache,
    doc: Option<&Document>,
    layout: &mut Layout,
) -> Option<Request> {
    let doc = doc?;
    let mut jump = None;
    layout.folded_panel(ctx, false, |ui| jump = contents(ui, cache, doc, false));
    if jump.is_some() {
        // A heading was picked: the overlay has done its job.
        layout.outline_overlay = false;
    }
    jump_to(doc, jump)
}

/// Next frame, once the click is over (see the problems panel).
fn jump_to(doc: &Document, jump: Option<std::ops::Range<usize>>) -> Option<Request> {
    jump.map(|range| Request::JumpTo {
        doc: doc.id,
        at: range.start,
    })
}

/// The headings, the one the cursor is in highlighted; returns the range of
/// the one clicked.
fn contents(
    ui: &mut egui::Ui,
    cache: &mut OutlineCache,
    doc: &Document,
    title: bool,
) -> Option<std::ops::Range<usize>> {
    crate::app::accessible::name_region(ui, "Outline");
    if cache.key != Some((doc.id, doc.revision)) {
        cache.headings = outline(&doc.article.body);
        cache.key = Some((doc.id, doc.revision));
    }
    let cursor = editor::selection(ui.ctx(), doc).start;
    let current = cache.headings.iter().rposition(|h| h.range.start <= cursor);
    let mut jump = None;
    if title {
        ui.label(RichText::new("Outline").strong());
        ui.separator();
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if cache.headings.is_empty() {
                ui.label(
                    RichText::new("No headings yet. Lines starting with ## are headings.").weak(),
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
                        .add(egui::Button::selectable(Some(i) == current, text).truncate())
                        .on_hover_text(format!("Heading {}: {text}", heading.level))
                        .clicked()
                    {
                        jump = Some(heading.range.clone());
                    }
                });
            }
        });
    jump
}

/// The statistics window: counts, reading time at the editor's speed and,
/// for English, a readability score. `shown` is whether it is open; `wpm`
/// the editor's reading speed, set here.
pub fn statistics_window(
    ctx: &egui::Context,
    doc: Option<&mut Document>,
    wpm: &mut usize,
    shown: &mut bool,
) {
    if !*shown {
        return;
    }
    let Some(doc) = doc else {
        return;
    };
    let (analysis, _) = doc.analysis_at(ctx.input(|i| i.time));
    let stats = analysis.stats;
    let english = matches!(
        crate::cleanup::primary_subtag(&doc.article.meta.lang).as_str(),
        "" | "en"
    );
    let mut open = true;
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
    *shown = open;
}
