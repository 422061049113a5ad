//! How the window is shared out: the body editor first, then the preview,
//! then the metadata panel and the outline, which give way — shrink, then
//! fold into a button that opens them over the editor — when the window is
//! small or the text zoomed.
//!
//! The widths the user chose (by dragging a panel's edge) are kept here and
//! clamped to the room each frame, never overwritten by a squeeze: the
//! panels come back as they were when the window grows again, and the
//! editor/preview split is kept as a proportion.

use egui::{Id, Panel, Rangef, Ui};

use super::ViewMode;

/// The narrowest the body text field gets while the window has room for it.
const BODY_MIN: f32 = 320.0;
/// The editor column around a body of [`BODY_MIN`]: the panel's margins and
/// the scroll bar.
const BODY_COLUMN: f32 = BODY_MIN + 36.0;
/// The outer panel's margins around the tab bar, outline and documents.
const CENTRAL_MARGINS: f32 = 20.0;

/// The preview beside the editor: its smallest width while it has room,
/// and below which it is left out (the View buttons still switch to it).
const PREVIEW_MIN: f32 = 200.0;
const PREVIEW_SMALLEST: f32 = 140.0;

const METADATA_MIN: f32 = 240.0;
const METADATA_MAX: f32 = 560.0;
const METADATA_DEFAULT: f32 = 330.0;

const OUTLINE_MIN: f32 = 120.0;
/// However long a heading, the outline gets no wider than this (it can be
/// dragged narrower or, up to this, wider).
const OUTLINE_MAX: f32 = 320.0;
const OUTLINE_DEFAULT: f32 = 200.0;

/// The panels' widths as the user left them, and this frame's arrangement.
pub struct Layout {
    metadata_width: f32,
    outline_width: f32,
    /// The preview's share of the editor and preview together.
    preview_fraction: f32,
    /// Whether each panel has room beside the editor this frame; when not,
    /// a button in the tab bar opens it over the editor.
    pub metadata_docked: bool,
    pub outline_docked: bool,
    pub metadata_overlay: bool,
    pub outline_overlay: bool,
    /// Where the documents are (below the tab bar): the overlays open here.
    pub documents_rect: egui::Rect,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            metadata_width: METADATA_DEFAULT,
            outline_width: OUTLINE_DEFAULT,
            preview_fraction: 0.5,
            metadata_docked: true,
            outline_docked: true,
            metadata_overlay: false,
            outline_overlay: false,
            documents_rect: egui::Rect::NOTHING,
        }
    }
}

/// What the documents need beside the side panels.
fn documents_need(view: ViewMode) -> f32 {
    match view {
        ViewMode::SideBySide => BODY_COLUMN + PREVIEW_MIN,
        ViewMode::EditorOnly => BODY_COLUMN,
        ViewMode::PreviewOnly => PREVIEW_MIN,
    }
}

impl Layout {
    /// The metadata panel's width and the range it may be dragged in, or
    /// `None` to fold it away, for a window `available` wide. The outline
    /// keeps its smallest width beside it when both fit.
    pub fn plan_metadata(
        &mut self,
        available: f32,
        view: ViewMode,
        outline: bool,
    ) -> Option<(f32, Rangef)> {
        let spare = available - CENTRAL_MARGINS - documents_need(view);
        let spare = if outline && spare >= METADATA_MIN + OUTLINE_MIN {
            spare - OUTLINE_MIN
        } else {
            spare
        };
        self.metadata_docked = spare >= METADATA_MIN;
        // Opened over the editor only while folded; not again by itself.
        self.metadata_overlay &= !self.metadata_docked;
        self.metadata_docked.then(|| {
            let most = METADATA_MAX.min(spare);
            (
                self.metadata_width.clamp(METADATA_MIN, most),
                Rangef::new(METADATA_MIN, most),
            )
        })
    }

    /// The outline's width and range, or `None` to fold it away, for a
    /// document area `available` wide.
    pub fn plan_outline(&mut self, available: f32, view: ViewMode) -> Option<(f32, Rangef)> {
        let spare = available - documents_need(view);
        self.outline_docked = spare >= OUTLINE_MIN;
        self.outline_overlay &= !self.outline_docked;
        self.outline_docked.then(|| {
            let most = OUTLINE_MAX.min(spare);
            (
                self.outline_width.clamp(OUTLINE_MIN, most),
                Rangef::new(OUTLINE_MIN, most),
            )
        })
    }

    /// The preview's width and range beside the editor in an area
    /// `available` wide, or `None` where the editor needs all of it.
    pub fn plan_preview(&self, available: f32) -> Option<(f32, Rangef)> {
        let most = available - BODY_COLUMN;
        (most >= PREVIEW_SMALLEST).then(|| {
            let least = PREVIEW_MIN.min(most);
            (
                (self.preview_fraction * available).clamp(least, most),
                Rangef::new(least, most),
            )
        })
    }

    pub fn metadata_dragged(&mut self, width: f32) {
        self.metadata_width = width.clamp(METADATA_MIN, METADATA_MAX);
    }

    pub fn outline_dragged(&mut self, width: f32) {
        self.outline_width = width.clamp(OUTLINE_MIN, OUTLINE_MAX);
    }

    pub fn preview_dragged(&mut self, width: f32, available: f32) {
        if available > 0.0 {
            self.preview_fraction = (width / available).clamp(0.1, 0.9);
        }
    }

    /// The width an overlay panel opens with.
    pub fn overlay_width(&self, metadata: bool) -> f32 {
        let wanted = if metadata {
            self.metadata_width
        } else {
            self.outline_width
        };
        wanted.min(self.documents_rect.width() - 24.0).max(160.0)
    }

    /// A folded panel (the metadata, else the outline) opened over the
    /// documents, while it is folded and open; closing it is kept.
    pub fn folded_panel(
        &mut self,
        ctx: &egui::Context,
        metadata: bool,
        add_contents: impl FnOnce(&mut Ui),
    ) {
        let (docked, open, title, id) = if metadata {
            let id = "copydesk-metadata-overlay";
            (self.metadata_docked, self.metadata_overlay, "Metadata", id)
        } else {
            let id = "copydesk-outline-overlay";
            (self.outline_docked, self.outline_overlay, "Outline", id)
        };
        if docked || !open {
            return;
        }
        let width = self.overlay_width(metadata);
        let open = overlay(
            ctx,
            Id::unique(id),
            title,
            self.documents_rect,
            width,
            add_contents,
        );
        if metadata {
            self.metadata_overlay = open;
        } else {
            self.outline_overlay = open;
        }
    }
}

/// Shows `panel` `width` wide, still resizable by its edge within `range`.
/// Returns what it drew and, when the user dragged the edge, the new width.
///
/// egui's panels remember their last width and would stay squeezed after
/// the window grows again; this sets the width from the caller's plan each
/// frame instead, except while the edge is being dragged.
pub fn sized_panel<R>(
    ui: &mut Ui,
    salt: Id,
    panel: Panel,
    width: f32,
    range: Rangef,
    add_contents: impl FnOnce(&mut Ui) -> R,
) -> (egui::InnerResponse<R>, Option<f32>) {
    // The id `Panel` keeps its state under, and its resize handle's.
    let id = ui.make_persistent_id(salt);
    let handle = ui.ctx().read_response(id.with("__resize"));
    let dragging = handle
        .as_ref()
        .is_some_and(|h| h.dragged() || h.drag_stopped());
    if !dragging {
        let state = egui::containers::panel::PanelState {
            outer_rect: egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, 1.0)),
        };
        ui.ctx().data_mut(|d| d.insert_persisted(id, state));
    }
    let response = panel
        .resizable(true)
        .size_range(range)
        .show(ui, add_contents);
    let shown = response.response.rect.width();
    let dragged = (dragging && (shown - width).abs() > 0.5).then_some(shown);
    (response, dragged)
}

/// A folded panel opened over the documents, with a Close button (Escape
/// closes it too: `close_top_window`). Returns whether it stays open.
pub fn overlay(
    ctx: &egui::Context,
    id: Id,
    title: &str,
    rect: egui::Rect,
    width: f32,
    add_contents: impl FnOnce(&mut Ui),
) -> bool {
    let mut open = true;
    let height = (rect.height() - 8.0).max(120.0);
    egui::Area::new(id)
        .order(egui::Order::Middle)
        .fixed_pos(rect.min + egui::vec2(4.0, 4.0))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                let inner = egui::vec2(width, height - 16.0);
                ui.set_min_size(inner);
                ui.set_max_size(inner);
                ui.horizontal(|ui| {
                    ui.strong(title);
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui
                            .button("Close")
                            .on_hover_text(format!("Close the {}", title.to_lowercase()))
                            .clicked()
                        {
                            open = false;
                        }
                    });
                });
                ui.separator();
                add_contents(ui);
            });
        });
    open
}
