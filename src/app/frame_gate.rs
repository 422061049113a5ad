//! Fewer full-window paints for the same picture.
//!
//! eframe 0.37 repaints the whole window for every window event and then
//! twice more: egui asks for a frame after every pass that had input
//! (`InputState::wants_repaint_after`), and every immediate request counts
//! twice ("to give some things time to settle", `outstanding` in egui's
//! `Context`). Under `xdotool type` a key is a press and a release, so a
//! typed key cost about six frames; with software rendering (Mesa
//! llvmpipe) each is ~30 ms of rasterising the whole window. eframe paints
//! every pass it runs and cannot skip a frame whose output equals the last,
//! so the frames must not be asked for. Two places decide that here, both
//! outside eframe (no fork, no `[patch]`):
//!
//! - [`Gated`] sits between winit and eframe: a key release, and a
//!   modifiers event that changes no modifier, are held back and handed to
//!   eframe just before the next event that is passed on, so they share its
//!   frame. egui still sees every release in order, before anything else
//!   happens (its `keys_down` and modifiers stay right); nothing in egui or
//!   Copydesk draws differently while a key is merely held.
//! - After a frame whose input was only keys, the app settles the picture
//!   in the same frame (a second pass, [`egui::Context::request_discard`]),
//!   so egui's blanket follow-up frames would paint the same: [`Gated`]
//!   drops those immediate repaint requests unless something really asked
//!   for a frame since the last one began (a widget or the app during its
//!   ui, another thread such as the picture loaders or the file watcher —
//!   seen by egui's repaint observer). Timed requests (analysis after a
//!   pause, autosave) always pass. Pointer input keeps egui's behaviour.
//!
//! The decisions are plain functions ([`hold`], [`Signals`]) so tests can
//! check them without a window.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::time::{Duration, Instant};

use eframe::UserEvent;
use winit::application::ApplicationHandler;
use winit::event::{ElementState, WindowEvent};
use winit::event_loop::ActiveEventLoop;
use winit::keyboard::ModifiersState;
use winit::window::WindowId;

/// What the frame, egui's repaint observer and the event loop tell each
/// other (one window, so one set).
pub struct Signals {
    /// The gate runs (the desktop app, unless `COPYDESK_EVERY_FRAME` is
    /// set; not in headless tests, which have no event loop).
    active: AtomicBool,
    /// egui is between taking this frame's input and calling the app's ui:
    /// a request made now on the UI thread is egui's blanket one.
    before_ui: AtomicBool,
    /// Something asked for a frame soon since the last frame began.
    asked: AtomicBool,
    /// The last frame's input was keys only and it was settled in that
    /// frame: egui's follow-up frames would paint the same picture.
    follow_up_redundant: AtomicBool,
    /// The current frame's input was keys only.
    keys_only: AtomicBool,
    /// The earliest frame asked for later since the last frame began. egui
    /// does not pass on a later request while an immediate one is pending,
    /// so a dropped immediate request must become this one.
    later: Mutex<Option<Instant>>,
}

pub static SIGNALS: Signals = Signals::new(false);

/// A request for a frame sooner than this counts as "now" (one that is
/// later is scheduled by eframe and always passes).
const SOON: Duration = Duration::from_millis(50);

impl Signals {
    pub const fn new(active: bool) -> Signals {
        Signals {
            active: AtomicBool::new(active),
            before_ui: AtomicBool::new(false),
            asked: AtomicBool::new(false),
            follow_up_redundant: AtomicBool::new(false),
            keys_only: AtomicBool::new(false),
            later: Mutex::new(None),
        }
    }

    /// egui took the frame's input (the app's `raw_input_hook`).
    pub fn input_taken(&self, input: &egui::RawInput) {
        self.before_ui.store(true, Relaxed);
        let keys_only = !input.events.is_empty()
            && input.dropped_files.is_empty()
            && input.hovered_files.is_empty()
            && input
                .events
                .iter()
                .all(|e| matches!(e, egui::Event::Key { .. } | egui::Event::Text(_)));
        self.keys_only.store(keys_only, Relaxed);
    }

    /// The app's ui began a pass. A second pass answers whatever was asked
    /// for during the first (a scroll to the cursor, a picture loaded on
    /// another thread): only what is asked for from here on needs a frame.
    pub fn ui_began(&self, ctx: &egui::Context) {
        self.before_ui.store(false, Relaxed);
        if ctx.current_pass_index() > 0 {
            self.asked.store(false, Relaxed);
        }
    }

    /// The app's ui finished its first pass of a frame: after keys, ask
    /// egui for a second pass now (panels drawn before the editor show the
    /// edit, the scroll follows the cursor) instead of a second frame.
    pub fn ui_ended(&self, ctx: &egui::Context) {
        if ctx.current_pass_index() > 0 {
            return;
        }
        let keys_only = self.keys_only.load(Relaxed) && self.active.load(Relaxed);
        if keys_only {
            ctx.request_discard("settle the picture after typing in this frame, not the next");
        }
        self.follow_up_redundant.store(keys_only, Relaxed);
    }

    /// egui's repaint observer: someone asked for a frame `delay` from now.
    pub fn requested(&self, delay: Duration, on_ui_thread: bool) {
        let blanket = on_ui_thread && self.before_ui.load(Relaxed);
        if delay >= SOON {
            if let Some(when) = Instant::now().checked_add(delay) {
                let mut later = self.later.lock().unwrap_or_else(|e| e.into_inner());
                *later = Some(later.map_or(when, |l| l.min(when)));
            }
        } else if !blanket {
            self.asked.store(true, Relaxed);
        }
    }

    /// A frame begins.
    pub fn frame_began(&self) {
        self.asked.store(false, Relaxed);
        *self.later.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// What an immediate repaint request reaching the event loop should
    /// become: a frame now (`Now`), or only the frame asked for later, if
    /// any (`Later`).
    pub fn immediate_request(&self) -> Wanted {
        if self.asked.load(Relaxed) || !self.follow_up_redundant.load(Relaxed) {
            Wanted::Now
        } else {
            Wanted::Later(*self.later.lock().unwrap_or_else(|e| e.into_inner()))
        }
    }
}

/// See [`Signals::immediate_request`].
#[derive(Debug, PartialEq)]
pub enum Wanted {
    Now,
    Later(Option<Instant>),
}

/// Lets `ctx`'s repaint requests reach [`SIGNALS`].
pub fn observe(ctx: &egui::Context) {
    observe_into(ctx, &SIGNALS);
}

fn observe_into(ctx: &egui::Context, signals: &'static Signals) {
    let ui_thread = std::thread::current().id();
    ctx.set_repaint_observer(Box::new(move |info: egui::RequestRepaintInfo| {
        signals.requested(info.delay, std::thread::current().id() == ui_thread);
    }));
}

/// Whether `event` changes nothing on screen by itself and can wait for
/// the next event that does; `modifiers` is the state eframe saw last.
pub fn hold(event: &WindowEvent, modifiers: ModifiersState) -> bool {
    match event {
        WindowEvent::KeyboardInput {
            event,
            is_synthetic: false,
            ..
        } => event.state == ElementState::Released,
        WindowEvent::ModifiersChanged(new) => new.state() == modifiers,
        _ => false,
    }
}

/// eframe's winit application with events held back and redundant repaint
/// requests dropped (see the module's comment).
pub struct Gated<A> {
    inner: A,
    held: Vec<(WindowId, WindowEvent)>,
    modifiers: ModifiersState,
    trace: bool,
    /// Off: every event and request goes to eframe as it came (to compare).
    active: bool,
}

impl<A> Gated<A> {
    pub fn new(inner: A, trace: bool, active: bool) -> Self {
        SIGNALS.active.store(active, Relaxed);
        Gated {
            inner,
            held: Vec::new(),
            modifiers: ModifiersState::empty(),
            trace,
            active,
        }
    }
}

impl<A: ApplicationHandler<UserEvent>> Gated<A> {
    fn pass(&mut self, event_loop: &ActiveEventLoop, window: WindowId, event: WindowEvent) {
        if let WindowEvent::ModifiersChanged(new) = &event {
            self.modifiers = new.state();
        }
        self.inner.window_event(event_loop, window, event);
    }
}

impl<A: ApplicationHandler<UserEvent>> ApplicationHandler<UserEvent> for Gated<A> {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        self.inner.resumed(event_loop);
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, window: WindowId, event: WindowEvent) {
        if matches!(event, WindowEvent::RedrawRequested) {
            SIGNALS.frame_began();
            self.inner.window_event(event_loop, window, event);
            return;
        }
        let held = self.active && hold(&event, self.modifiers);
        if self.trace {
            eprintln!(
                "event {} {}",
                if held { "held" } else { "passed" },
                egui_winit_short(&event)
            );
        }
        if held {
            self.held.push((window, event));
            return;
        }
        for (window, event) in std::mem::take(&mut self.held) {
            self.pass(event_loop, window, event);
        }
        self.pass(event_loop, window, event);
    }

    fn new_events(&mut self, event_loop: &ActiveEventLoop, cause: winit::event::StartCause) {
        self.inner.new_events(event_loop, cause);
    }

    fn user_event(&mut self, event_loop: &ActiveEventLoop, event: UserEvent) {
        let mut event = event;
        if let UserEvent::RequestRepaint { when, .. } = &mut event
            && self.active
            && *when <= Instant::now()
        {
            match SIGNALS.immediate_request() {
                Wanted::Now => {}
                Wanted::Later(None) => {
                    if self.trace {
                        eprintln!("repaint request dropped: the last frame was settled");
                    }
                    return;
                }
                Wanted::Later(Some(later)) => {
                    if self.trace {
                        eprintln!("repaint request deferred: the last frame was settled");
                    }
                    *when = later;
                }
            }
        }
        self.inner.user_event(event_loop, event);
    }

    fn device_event(
        &mut self,
        event_loop: &ActiveEventLoop,
        device: winit::event::DeviceId,
        event: winit::event::DeviceEvent,
    ) {
        self.inner.device_event(event_loop, device, event);
    }

    fn about_to_wait(&mut self, event_loop: &ActiveEventLoop) {
        self.inner.about_to_wait(event_loop);
    }

    fn suspended(&mut self, event_loop: &ActiveEventLoop) {
        self.inner.suspended(event_loop);
    }

    fn exiting(&mut self, event_loop: &ActiveEventLoop) {
        self.inner.exiting(event_loop);
    }

    fn memory_warning(&mut self, event_loop: &ActiveEventLoop) {
        self.inner.memory_warning(event_loop);
    }
}

/// The event's name, for the trace.
fn egui_winit_short(event: &WindowEvent) -> String {
    match event {
        WindowEvent::KeyboardInput { event, .. } => {
            format!("KeyboardInput {:?} {:?}", event.state, event.logical_key)
        }
        WindowEvent::ModifiersChanged(m) => format!("ModifiersChanged {:?}", m.state()),
        other => {
            let text = format!("{other:?}");
            text.split([' ', '(', '{'])
                .next()
                .unwrap_or_default()
                .to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One frame as eframe runs it with the app's hooks: egui takes the
    /// input (and asks for its blanket follow-up when there was some), then
    /// each pass runs `ui`; returns the number of passes.
    fn setup() -> (&'static Signals, egui::Context) {
        let signals: &'static Signals = Box::leak(Box::new(Signals::new(true)));
        let ctx = egui::Context::default();
        observe_into(&ctx, signals);
        (signals, ctx)
    }

    fn frame(
        s: &Signals,
        ctx: &egui::Context,
        events: Vec<egui::Event>,
        ui: impl Fn(&egui::Ui),
    ) -> usize {
        s.frame_began();
        let input = egui::RawInput {
            events,
            ..Default::default()
        };
        s.input_taken(&input);
        let mut passes = 0;
        ctx.run_ui(input, |root| {
            s.ui_began(root.ctx());
            ui(root);
            s.ui_ended(root.ctx());
            passes += 1;
        })
        .drop_without_applying_deltas();
        passes
    }

    fn typed() -> Vec<egui::Event> {
        vec![egui::Event::Text("a".into())]
    }

    #[test]
    fn a_typed_key_is_settled_in_its_own_frame_and_gets_no_follow_up() {
        let (s, ctx) = setup();
        let passes = frame(s, &ctx, typed(), |ui| {
            if ui.ctx().current_pass_index() == 0 {
                // As the scroll to the cursor does: answered by pass two.
                ui.ctx().request_repaint();
            }
        });
        assert_eq!(passes, 2, "typing is settled in the same frame");
        assert_eq!(s.immediate_request(), Wanted::Later(None));
    }

    #[test]
    fn a_dropped_follow_up_keeps_the_frame_asked_for_later() {
        let (s, ctx) = setup();
        frame(s, &ctx, typed(), |ui| {
            ui.ctx().request_repaint_after(Duration::from_millis(300));
        });
        let Wanted::Later(Some(when)) = s.immediate_request() else {
            panic!("the analysis after a pause in typing must still get its frame");
        };
        assert!(when > Instant::now() + Duration::from_millis(200));
    }

    #[test]
    fn whoever_asks_during_the_last_pass_or_from_another_thread_gets_a_frame() {
        let (s, ctx) = setup();
        frame(s, &ctx, typed(), |ui| {
            if ui.ctx().current_pass_index() == 1 {
                ui.ctx().request_repaint();
            }
        });
        assert_eq!(s.immediate_request(), Wanted::Now, "an animation goes on");

        frame(s, &ctx, typed(), |_| {});
        assert_eq!(s.immediate_request(), Wanted::Later(None));
        let other = ctx.clone();
        std::thread::spawn(move || other.request_repaint())
            .join()
            .unwrap();
        assert_eq!(s.immediate_request(), Wanted::Now, "a picture loaded");
    }

    #[test]
    fn pointer_input_keeps_eguis_follow_up_frames() {
        let (s, ctx) = setup();
        let passes = frame(
            s,
            &ctx,
            vec![egui::Event::PointerMoved(egui::pos2(3.0, 4.0))],
            |_| {},
        );
        assert_eq!(passes, 1);
        assert_eq!(s.immediate_request(), Wanted::Now);
    }

    #[test]
    fn egui_blanket_request_does_not_count_as_asking() {
        let s = Signals::new(true);
        s.input_taken(&egui::RawInput {
            events: typed(),
            ..Default::default()
        });
        s.requested(Duration::ZERO, true);
        assert!(!s.asked.load(Relaxed));
        s.requested(Duration::ZERO, false);
        assert!(
            s.asked.load(Relaxed),
            "another thread is never egui's blanket request"
        );
    }

    #[test]
    fn a_modifiers_event_that_changes_nothing_waits() {
        let shift = ModifiersState::SHIFT;
        let same = WindowEvent::ModifiersChanged(shift.into());
        assert!(hold(&same, shift));
        assert!(!hold(&same, ModifiersState::empty()));
        assert!(!hold(&WindowEvent::Focused(false), shift));
    }
}
