//! The preview as published (issue #17): real faces for strong and
//! emphasised text in the preview and in the editor's highlighting.

use std::fs;
use std::path::PathBuf;

use copydesk::app::CopydeskApp;
use egui::epaint::{Shape, text::Galley};
use egui::{FontFamily, FontId};
use egui_kittest::Harness;

mod common;
use common::ui::{launch, pump, scripted_platform};

fn article(dir: &tempfile::TempDir, body: &str) -> PathBuf {
    let path = dir.path().join("story.md");
    fs::write(&path, format!("---\ntitle: A story\n---\n\n{body}")).unwrap();
    path
}

/// Every galley drawn in the last frame.
fn galleys(harness: &Harness<'_, CopydeskApp>) -> Vec<std::sync::Arc<Galley>> {
    fn walk(shape: &Shape, out: &mut Vec<std::sync::Arc<Galley>>) {
        match shape {
            Shape::Text(text) => out.push(text.galley.clone()),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// The font a galley draws the first occurrence of `needle` with.
fn font_of(galley: &Galley, needle: &str) -> FontId {
    let at = galley.job.text.find(needle).expect("needle in galley");
    galley
        .job
        .sections
        .iter()
        .find(|s| s.byte_range.start.0 <= at && at < s.byte_range.end.0)
        .expect("a section covers it")
        .format
        .font_id
        .clone()
}

fn family(name: &str) -> FontFamily {
    FontFamily::Name(name.into())
}

#[test]
fn bold_and_italic_runs_use_their_own_faces_in_preview_and_editor() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(&dir, "Plain, **very fast** and *quite new*.\n");
    let mut harness = launch(scripted_platform(), vec![path]);
    pump(&mut harness);
    let drawn = galleys(&harness);

    let preview = drawn
        .iter()
        .find(|g| g.job.text == "Plain, very fast and quite new.")
        .expect("the paragraph in the preview");
    let regular = font_of(preview, "Plain");
    assert_eq!(
        regular.family,
        family("serif"),
        "the preview's text is serif"
    );
    let bold = font_of(preview, "very fast");
    assert_eq!(bold.family, family("serif-bold"));
    assert_ne!(bold, regular);
    assert_eq!(font_of(preview, "quite new").family, family("serif-italic"));

    let editor = drawn
        .iter()
        .find(|g| g.job.text.contains("Plain, **very fast** and *quite new*."))
        .expect("the paragraph in the editor");
    assert_eq!(font_of(editor, "Plain").family, FontFamily::Proportional);
    assert_eq!(font_of(editor, "very fast").family, family("sans-bold"));
    assert_eq!(font_of(editor, "quite new").family, family("sans-italic"));
    assert_eq!(
        font_of(editor, "**").family,
        FontFamily::Proportional,
        "the markup stays regular"
    );

    // The faces are installed, so the bold run is drawn wider than the same
    // words in the regular face (egui would otherwise fall back silently).
    let width = |font: FontId| {
        harness.ctx.fonts_mut(|f| {
            f.layout_no_wrap("very fast".into(), font, egui::Color32::BLACK)
                .size()
                .x
        })
    };
    assert!(width(bold.clone()) > width(regular.clone()) * 1.03);
}
