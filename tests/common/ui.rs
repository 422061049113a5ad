//! Driving the real app headlessly with egui_kittest.

use std::path::PathBuf;

use copydesk::app::platform::testing::{MemoryClipboard, RecordingLauncher, ScriptedDialogs};
use copydesk::app::{CopydeskApp, Platform, Settings};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// As in the real app (eframe's default): glyphs the bundled fonts lack come
/// from the system's fonts; a glyph no font has still fails the test.
pub fn system_fonts(ctx: &egui::Context) {
    ctx.add_font_provider(std::sync::Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
}

/// Stand-ins for every platform service; no recovery or config folder.
pub fn scripted_platform() -> Platform {
    Platform {
        dialogs: Box::new(ScriptedDialogs::default()),
        clipboard: Box::new(MemoryClipboard::default()),
        launcher: Box::new(RecordingLauncher::default()),
        recovery_dir: None,
        config_dir: None,
    }
}

/// The app with `files` open, in a window tall enough to show every field.
pub fn launch(platform: Platform, files: Vec<PathBuf>) -> Harness<'static, CopydeskApp> {
    let app = CopydeskApp::new(Settings::default(), platform, files);
    let mut harness = Harness::builder()
        .with_size([1400.0, 2400.0])
        .with_context_setup(system_fonts)
        .build_ui_state(|ui, app: &mut CopydeskApp| app.frame(ui), app);
    harness.run();
    harness
}

/// The app with `files` open and `settings`, in a window of `size` points
/// at `pixels_per_point` (a window of `size * pixels_per_point` physical
/// pixels). `settings.zoom` zooms further, as Ctrl++ does.
pub fn launch_sized(
    platform: Platform,
    files: Vec<PathBuf>,
    settings: Settings,
    size: [f32; 2],
    pixels_per_point: f32,
) -> Harness<'static, CopydeskApp> {
    let app = CopydeskApp::new(settings, platform, files);
    let mut harness = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(pixels_per_point)
        .with_context_setup(system_fonts)
        .build_ui_state(|ui, app: &mut CopydeskApp| app.frame(ui), app);
    // The zoom is applied a frame after the settings ask for it.
    pump(&mut harness);
    harness
}

/// Runs a few frames. (`Harness::run` insists on the UI going idle, which
/// the file watcher and the notices' timers prevent after a save; answers
/// of the scripted dialogs land a frame after they are asked.)
pub fn pump(harness: &mut Harness<'_, CopydeskApp>) {
    for _ in 0..6 {
        harness.step();
    }
}

pub fn type_in_body(harness: &mut Harness<'_, CopydeskApp>, text: &str) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Body (Markdown)")
        .focus();
    pump(harness);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Body (Markdown)")
        .type_text(text);
    pump(harness);
}
