//! The problems list: what to fix before publishing, each a click from
//! where it is.

use egui::RichText;

use crate::analysis::check::{Location, Severity};
use crate::app::accessible::Named;
use crate::app::requests::Request;
use crate::app::{Command, Document};

/// Where a problem is, in words: a field, or a line of `body`.
fn place(location: &Location, body: &str) -> String {
    match location {
        Location::Field(f) => format!("in the {} field", f.replace('_', " ")),
        // Bytes, not a slice: the analysis can be a keystroke old.
        Location::Body(r) => format!(
            "line {}",
            body.as_bytes()[..r.start.min(body.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        ),
    }
}

/// The problems panel above the status bar: the rules of `copydesk check`,
/// run again when typing pauses; a click on one goes to it. `shown` is
/// whether the panel is open (its close button clears it).
pub fn problems_panel(
    ui: &mut egui::Ui,
    doc: Option<&mut Document>,
    shown: &mut bool,
) -> Option<Request> {
    if !*shown {
        return None;
    }
    let doc = doc?;
    let (analysis, _) = doc.analysis_at(ui.input(|i| i.time));
    let list = &analysis.problems;
    let mut open = true;
    let mut jump = None;
    egui::Panel::bottom(egui::Id::unique("copydesk-problems"))
        .resizable(true)
        .default_size(150.0)
        .min_size(60.0)
        .show(ui, |ui| {
            crate::app::accessible::name_region(ui, "Problems");
            ui.horizontal(|ui| {
                ui.label(RichText::new("Problems to fix before publishing").strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("✖")
                        .named(&format!(
                            "Close the problems panel ({})",
                            Command::ShowProblems.keys(ui.ctx())
                        ))
                        .clicked()
                    {
                        open = false;
                    }
                });
            });
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if list.is_empty() {
                        ui.label("No problems: the article is ready to publish.");
                    }
                    for problem in list {
                        let icon = if problem.severity == Severity::Error {
                            "Error:"
                        } else {
                            "Warning:"
                        };
                        let text = format!("{icon} {}", problem.message);
                        let place = place(&problem.location, &doc.article.body);
                        if ui
                            .link(text)
                            .on_hover_text(format!("Go to it ({place})"))
                            .clicked()
                        {
                            jump = Some(problem.location.clone());
                        }
                    }
                });
        });
    *shown = open;
    match jump? {
        // Next frame: the click that chose the problem must be over before
        // the editor takes the focus. The caret goes to the problem's start
        // without selecting it, so the next key does not replace a figure.
        Location::Body(range) => Some(Request::JumpTo {
            doc: doc.id,
            at: range.start,
        }),
        Location::Field(_) => Some(Request::ShowMetadata),
    }
}
