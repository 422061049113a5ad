//! The cost of a frame of the real UI, headless: the app's whole frame
//! (layout of every panel, the editor with highlighting and spelling, the
//! preview) plus tessellation, on articles of 1,000, 20,000 and 200,000 words,
//! a 2.4 MB draft that is one paragraph and a 1 MB line, with the preview
//! showing. Three frames are measured:
//!
//! - idle: a frame with no input (what a repaint costs, a cursor blink say);
//! - type: a frame that types one character in the middle of the body;
//! - scroll: a frame that scrolls the editor by a page.
//!
//! `cargo bench --bench frames` measures (median and 95th percentile over
//! many frames); `cargo test --benches` runs a few frames of each so the
//! benchmark cannot rot (CI does that). Rasterising the triangles is the
//! renderer's work and is not included (see the README's black-box figures).

use std::time::{Duration, Instant};

use copydesk::app::platform::testing::{MemoryClipboard, RecordingLauncher, ScriptedDialogs};
use copydesk::app::{CopydeskApp, Platform, Settings, ViewMode};

mod common;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

struct Rig {
    ctx: egui::Context,
    app: CopydeskApp,
    time: f64,
}

impl Rig {
    fn new(case: Case) -> (Rig, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("article.md");
        let article = match case {
            Case::Words(words) => common::article_of(words),
            Case::Paragraph => common::one_paragraph(2_400_000),
            Case::Line => common::one_line(1_000_000),
        };
        let text =
            copydesk::format::write_markdown(&article, &copydesk::format::Origin::new_file());
        std::fs::write(&path, text).expect("write article");
        let platform = Platform {
            dialogs: Box::new(ScriptedDialogs::default()),
            clipboard: Box::new(MemoryClipboard::default()),
            launcher: Box::new(RecordingLauncher::default()),
            recovery_dir: None,
            config_dir: None,
        };
        // COPYDESK_BENCH_VIEW=editor|preview measures one side alone, and
        // COPYDESK_BENCH_SPELL=off without spell checking (to see what costs).
        let view = match std::env::var("COPYDESK_BENCH_VIEW").as_deref() {
            Ok("editor") => ViewMode::EditorOnly,
            Ok("preview") => ViewMode::PreviewOnly,
            _ => ViewMode::SideBySide,
        };
        let settings = Settings {
            view,
            spell_check: std::env::var("COPYDESK_BENCH_SPELL").as_deref() != Ok("off"),
            ..Settings::default()
        };
        let app = CopydeskApp::new(settings, platform, vec![path]);
        let mut rig = Rig {
            ctx: egui::Context::default(),
            app,
            time: 0.0,
        };
        let ctx = rig.ctx.clone();
        rig.app.wait_for_dictionary(&ctx);
        // Settle: fonts, first layout, the spell check's first pass.
        for _ in 0..3 {
            rig.frame(Vec::new());
        }
        rig.time += 1.0;
        rig.frame(Vec::new());
        // COPYDESK_BENCH_FIND=word opens the find bar on `word` first: its
        // matches and their marks then follow every keystroke.
        if let Ok(pattern) = std::env::var("COPYDESK_BENCH_FIND") {
            let body = |rig: &Rig| rig.app.active_doc().expect("doc").article.body.clone();
            let before = body(&rig);
            rig.frame(vec![egui::Event::Key {
                key: egui::Key::F,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::COMMAND,
            }]);
            rig.frame(vec![egui::Event::Text(pattern)]);
            rig.frame(Vec::new());
            assert_eq!(body(&rig), before, "the pattern went into the find bar");
        }
        (rig, dir)
    }

    /// One frame with these events; returns how long it took.
    fn frame(&mut self, events: Vec<egui::Event>) -> Duration {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SIZE)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let mut output = self.ctx.run_ui(input, |ui| self.app.frame(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let took = start.elapsed();
        // No renderer takes the font atlas's updates here.
        output.textures_delta.clear();
        std::hint::black_box(primitives);
        took
    }

    /// Puts the cursor in the middle of the body (and focuses the editor).
    fn cursor_to_middle(&mut self) {
        let doc = self.app.active_doc_mut().expect("a document");
        let mid = doc.article.body.len() / 2;
        let mid = (0..=mid)
            .rev()
            .find(|&i| doc.article.body.is_char_boundary(i))
            .unwrap_or(0);
        doc.jump_to = Some(mid..mid);
        self.frame(Vec::new());
        self.frame(Vec::new());
    }
}

/// What is measured: an article of so many words, a 2.4 MB draft that is
/// one paragraph, or one line of 1 MB.
#[derive(Clone, Copy)]
enum Case {
    Words(usize),
    Paragraph,
    Line,
}

impl Case {
    fn parse(name: &str) -> Option<Case> {
        match name.trim() {
            "paragraph" => Some(Case::Paragraph),
            "line" => Some(Case::Line),
            words => words.parse().ok().map(Case::Words),
        }
    }

    fn label(self) -> String {
        match self {
            Case::Words(words) => words.to_string(),
            Case::Paragraph => "2.4 MB paragraph".into(),
            Case::Line => "1 MB line".into(),
        }
    }
}

fn summary(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(times[times.len() / 2]);
    let p95 = ms(times[((times.len() as f64 * 0.95).ceil() as usize).saturating_sub(1)]);
    (median, p95)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not.
    let full = std::env::args().any(|a| a == "--bench");
    // COPYDESK_BENCH_FRAMES=n measures n frames of each kind.
    let frames = match std::env::var("COPYDESK_BENCH_FRAMES") {
        Ok(n) => n.trim().parse().expect("COPYDESK_BENCH_FRAMES: a number"),
        Err(_) if full => 100,
        Err(_) => 3,
    };
    // COPYDESK_BENCH_WORDS=1000,paragraph,line picks the cases.
    let cases: Vec<Case> = match std::env::var("COPYDESK_BENCH_WORDS") {
        Ok(list) => list.split(',').filter_map(Case::parse).collect(),
        Err(_) => vec![
            Case::Words(1_000),
            Case::Words(20_000),
            Case::Words(200_000),
            Case::Paragraph,
            Case::Line,
        ],
    };
    println!(
        "frame cost, headless ({} frames each): median / p95 in ms",
        frames
    );
    println!(
        "{:>16}  {:>15}  {:>15}  {:>15}",
        "words", "idle", "type", "scroll"
    );
    for &case in &cases {
        let (mut rig, _dir) = Rig::new(case);
        let idle: Vec<_> = (0..frames).map(|_| rig.frame(Vec::new())).collect();

        rig.cursor_to_middle();
        let before = rig.app.active_doc().expect("doc").article.body.len();
        let typed: Vec<_> = (0..frames)
            .map(|_| rig.frame(vec![egui::Event::Text("x".into())]))
            .collect();
        let after = rig.app.active_doc().expect("doc").article.body.len();
        assert_eq!(after, before + frames, "every frame typed a character");

        // Scroll the editor (the left half of the central area) by a page.
        let over_editor = egui::pos2(SIZE.x * 0.45, SIZE.y * 0.5);
        rig.frame(vec![egui::Event::PointerMoved(over_editor)]);
        let scrolled: Vec<_> = (0..frames)
            .map(|i| {
                let delta = if i % 2 == 0 { -600.0 } else { 600.0 };
                rig.frame(vec![egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, delta),
                    modifiers: egui::Modifiers::NONE,
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                }])
            })
            .collect();
        let cell = |t: Vec<Duration>| {
            let (median, p95) = summary(t);
            format!("{median:>6.2} / {p95:>6.2}")
        };
        println!(
            "{:>16}  {:>15}  {:>15}  {:>15}",
            case.label(),
            cell(idle),
            cell(typed),
            cell(scrolled)
        );
    }
}
