//! The formatted article as it will be published, drawn from the same parse
//! as the HTML export (`markdown::parse`), so the two never disagree.

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, FontFamily, FontId, Layout, RichText, Stroke, Ui};

use crate::app::fonts::{self, Face};

use crate::app::accessible;
use crate::app::editor::highlight::Palette;
use crate::markdown::{Align as ColumnAlign, Block, BlockKind, Figure, Inline, plain_text};
use crate::model::Metadata;
use crate::session::Workspace;

const BODY_SIZE: f32 = 16.0;
const MAX_WIDTH: f32 = 720.0;

/// What the preview remembers between frames: the height of each block as
/// last drawn (by the block's source, at a width), so that only the blocks
/// in view are laid out and the rest are just space.
#[derive(Default)]
pub struct PreviewCache {
    /// The document, the parse and the width the layout belongs to.
    key: Option<(u64, usize, u32)>,
    /// A height per item: the title block, each top-level block, the end.
    heights: Vec<Option<f32>>,
    /// Heights by the block's source text, kept across parses so that an
    /// edit only forgets the blocks it touched.
    by_source: std::collections::HashMap<u64, f32>,
    sources: Vec<u64>,
}

impl PreviewCache {
    /// Starts over for another document, parse or width, keeping the
    /// heights that still hold (by the blocks' source text; the title and
    /// the end unless the width changed).
    fn refresh(&mut self, key: (u64, usize, u32), blocks: &[Block], body: &str) {
        if self.key == Some(key) {
            return;
        }
        let width_changed = self.key.is_none_or(|k| k.2 != key.2);
        if width_changed {
            self.by_source.clear();
        }
        self.sources = blocks
            .iter()
            .map(|b| source_hash(body.get(b.range.clone()).unwrap_or("")))
            .collect();
        let kept = |h: Option<&Option<f32>>| {
            if width_changed {
                None
            } else {
                h.copied().flatten()
            }
        };
        let title = kept(self.heights.first());
        let end = kept(self.heights.last());
        self.heights = std::iter::once(title)
            .chain(self.sources.iter().map(|h| self.by_source.get(h).copied()))
            .chain(std::iter::once(end))
            .collect();
        self.key = Some(key);
    }
}

/// A guess at a block's height before it was ever drawn: its text wrapped at
/// the width, plus the space around it.
fn estimate(block: &Block, body: &str, width: f32) -> f32 {
    let chars = body.get(block.range.clone()).map_or(0, |s| s.len()) as f32;
    let per_line = (width / 8.0).max(20.0);
    (chars / per_line).ceil().max(1.0) * 22.0 + 12.0
}

fn source_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// The preview of the active document: it reads the workspace, keeps its
/// own cache, and follows the editor's scroll `fraction` side by side.
pub fn preview(ui: &mut Ui, workspace: &mut Workspace, cache: &mut PreviewCache, fraction: f32) {
    crate::app::accessible::name_region(ui, "Preview");
    let dark = workspace.settings.dark;
    let follow = workspace.settings.view == crate::app::ViewMode::SideBySide;
    let now = ui.input(|i| i.time);
    let Some(doc) = workspace.docs.get_mut(workspace.active) else {
        return;
    };
    // While typing goes on the preview shows the last parse; it catches up
    // when typing pauses (see `Document::blocks_at`).
    let (blocks, fresh) = doc.blocks_at(now);
    if !fresh {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(
                crate::app::document::ANALYSIS_PAUSE,
            ));
    }
    let meta = &doc.article.meta;
    let body = &doc.article.body;
    let palette = Palette::for_dark(dark);
    let id = egui::Id::unique(("copydesk-preview", doc.id));
    let mut area = egui::ScrollArea::vertical()
        .id_salt(id)
        .auto_shrink([false, false]);
    if follow {
        // Follow the editor: the same fraction of the way down.
        let last_max: f32 = ui.data(|d| d.get_temp(id).unwrap_or(0.0));
        area = area.vertical_scroll_offset(fraction * last_max);
    }
    let output = area.show_viewport(ui, |ui, viewport| {
        let full = ui.available_width();
        let width = full.min(MAX_WIDTH);
        let key = (
            doc.id,
            std::sync::Arc::as_ptr(&blocks) as usize,
            width.to_bits(),
        );
        cache.refresh(key, &blocks, body);
        let r = Renderer {
            palette,
            base_dir: doc
                .path
                .as_deref()
                .map(crate::export::images::article_folder),
        };
        let left = ((full - width) / 2.0).max(0.0);
        let top = ui.cursor().top();
        let mut y = 12.0;
        let items = cache.heights.len();
        for i in 0..items {
            let guess = match i {
                0 => 120.0,
                i if i == items - 1 => 60.0,
                i => estimate(&blocks[i - 1], body, width),
            };
            let height = cache.heights[i].unwrap_or(guess);
            let visible = y < viewport.max.y && y + height > viewport.min.y;
            if visible {
                // Lay the item out where it belongs and measure it.
                let rect = egui::Rect::from_min_size(
                    egui::pos2(ui.min_rect().left() + left, top + y),
                    egui::vec2(width, height),
                );
                let measured = r.item(ui, rect, i, items, meta, &blocks);
                cache.heights[i] = Some(measured);
                if i > 0 && i < items - 1 {
                    cache.by_source.insert(cache.sources[i - 1], measured);
                }
                y += measured;
            } else {
                y += height;
            }
        }
        // The whole article's height, so the scroll bar is right.
        ui.allocate_rect(
            egui::Rect::from_min_size(egui::pos2(ui.min_rect().left(), top), egui::vec2(full, y)),
            egui::Sense::hover(),
        );
    });
    let max = (output.content_size.y - output.inner_rect.height()).max(0.0);
    ui.data_mut(|d| d.insert_temp(id, max));
}

struct Renderer {
    palette: Palette,
    /// The article's folder, where relative picture paths start.
    base_dir: Option<std::path::PathBuf>,
}

impl Renderer {
    /// Draws item `i` of `items` (the title block, a block, or the end)
    /// in `rect` and returns its height.
    fn item(
        &self,
        ui: &mut Ui,
        rect: egui::Rect,
        i: usize,
        items: usize,
        meta: &crate::model::Metadata,
        blocks: &[Block],
    ) -> f32 {
        let mut child = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(rect)
                .layout(Layout::top_down(Align::Min))
                .id_salt(("item", i)),
        );
        child.set_width(rect.width());
        match i {
            0 => self.title_block(&mut child, meta),
            i if i == items - 1 => {
                self.footnotes(&mut child, blocks);
                self.footer(&mut child, meta);
                child.add_space(24.0);
            }
            i => self.block(&mut child, &blocks[i - 1]),
        }
        child.min_rect().height()
    }

    /// The preview's text: serif, as publications set it.
    fn format(&self, size: f32) -> TextFormat {
        TextFormat {
            font_id: Face::SERIF.font(size),
            color: self.palette.text,
            ..Default::default()
        }
    }

    fn title_block(&self, ui: &mut Ui, meta: &Metadata) {
        let title = if meta.title.trim().is_empty() {
            "Untitled"
        } else {
            meta.title.trim()
        };
        let response = ui.label(
            RichText::new(title)
                .font(Face::SERIF.bold().font(28.0))
                .color(self.palette.strong),
        );
        accessible::heading(&response, title, 1);
        if !meta.subtitle.trim().is_empty() {
            ui.add_space(4.0);
            ui.label(
                RichText::new(meta.subtitle.trim())
                    .size(18.0)
                    .color(self.palette.markup),
            );
        }
        if !meta.original_title.trim().is_empty() {
            let lang = if meta.original_lang.is_empty() {
                String::new()
            } else {
                format!(" ({})", meta.original_lang)
            };
            ui.label(
                RichText::new(format!("{}{lang}", meta.original_title.trim()))
                    .italics()
                    .color(self.palette.markup),
            );
        }
        let byline = meta.byline();
        let mut line = String::new();
        if !byline.is_empty() {
            line.push_str(&format!("By {byline}"));
        }
        if !meta.date.trim().is_empty() {
            if !line.is_empty() {
                line.push_str(" · ");
            }
            line.push_str(meta.date.trim());
        }
        if !line.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new(line).size(13.0).color(self.palette.markup));
        }
        if !meta.tags.is_empty() {
            ui.horizontal_wrapped(|ui| {
                for tag in &meta.tags {
                    egui::Frame::new()
                        .fill(self.palette.code_bg)
                        .corner_radius(8.0)
                        .inner_margin(egui::Margin::symmetric(6, 1))
                        .show(ui, |ui| ui.label(RichText::new(tag).size(12.0)));
                }
            });
        }
        ui.add_space(8.0);
        ui.separator();
        if !meta.image.is_empty() {
            let figure = Figure {
                src: meta.image.src.clone(),
                alt: meta.image.alt.clone(),
                title: String::new(),
                caption: if meta.image.caption.is_empty() {
                    vec![]
                } else {
                    vec![Inline::Text(meta.image.caption.clone())]
                },
                credit: if meta.image.credit.is_empty() {
                    vec![]
                } else {
                    vec![Inline::Text(meta.image.credit.clone())]
                },
            };
            self.figure(ui, &figure);
        }
    }

    fn blocks(&self, ui: &mut Ui, blocks: &[Block]) {
        for block in blocks {
            self.block(ui, block);
        }
    }

    fn block(&self, ui: &mut Ui, block: &Block) {
        match &block.kind {
            BlockKind::Heading { level, content } => self.heading(ui, *level, content),
            BlockKind::Paragraph(content) => {
                self.paragraph(ui, content, self.format(BODY_SIZE));
                ui.add_space(8.0);
            }
            BlockKind::Figure(figure) => self.figure(ui, figure),
            BlockKind::Quote(inner) => self.quote(ui, inner),
            BlockKind::List { start, items, .. } => self.list(ui, *start, items),
            BlockKind::Code { text, .. } => {
                egui::Frame::new()
                    .fill(self.palette.code_bg)
                    .inner_margin(8.0)
                    .show(ui, |ui| {
                        ui.label(RichText::new(text.trim_end()).monospace().size(13.0));
                    });
                ui.add_space(8.0);
            }
            BlockKind::Rule => {
                ui.separator();
            }
            BlockKind::Table { aligns, head, rows } => {
                self.table(ui, block.range.start, aligns, head, rows)
            }
            BlockKind::Html(raw) => {
                let text = crate::export::html_to_text(raw);
                if !text.trim().is_empty() {
                    ui.label(RichText::new(text.trim()).size(BODY_SIZE));
                    ui.add_space(8.0);
                }
            }
            BlockKind::FootnoteDefinition { .. } => {}
        }
    }

    fn heading(&self, ui: &mut Ui, level: u8, content: &[Inline]) {
        let size = match level {
            1 => 26.0,
            2 => 22.0,
            3 => 19.0,
            _ => 17.0,
        };
        ui.add_space(10.0);
        let mut base = self.format(size);
        base.font_id = fonts::bold(&base.font_id);
        base.color = self.palette.strong;
        let response = self.paragraph(ui, content, base);
        accessible::heading(&response, &plain_text(content), usize::from(level));
        ui.add_space(2.0);
    }

    /// A quotation: its blocks beside a bar as tall as they are.
    fn quote(&self, ui: &mut Ui, inner: &[Block]) {
        ui.horizontal(|ui| {
            let (bar, _) = ui.allocate_exact_size(egui::vec2(3.0, 20.0), egui::Sense::hover());
            let response = ui.vertical(|ui| self.blocks(ui, inner)).response;
            ui.painter().line_segment(
                [
                    bar.center_top(),
                    egui::pos2(bar.center().x, response.rect.bottom()),
                ],
                Stroke::new(3.0, self.palette.link),
            );
        });
        ui.add_space(6.0);
    }

    /// A list: each item's marker (a bullet, or its number counted from
    /// `start`) beside its blocks.
    fn list(&self, ui: &mut Ui, start: Option<u64>, items: &[Vec<Block>]) {
        for (i, item) in items.iter().enumerate() {
            ui.horizontal_top(|ui| {
                let marker = match start {
                    Some(n) => format!("{}.", n + i as u64),
                    None => "•".into(),
                };
                ui.add_sized(
                    [22.0, 18.0],
                    egui::Label::new(RichText::new(marker).size(BODY_SIZE)),
                );
                ui.vertical(|ui| {
                    for b in item {
                        match &b.kind {
                            // Tight: no space after an item's paragraph.
                            BlockKind::Paragraph(c) => {
                                self.paragraph(ui, c, self.format(BODY_SIZE));
                            }
                            _ => self.block(ui, b),
                        }
                    }
                });
            });
        }
        ui.add_space(8.0);
    }

    fn table(
        &self,
        ui: &mut Ui,
        at: usize,
        aligns: &[ColumnAlign],
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
    ) {
        egui::Grid::new(("preview-table", at))
            .striped(true)
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                for (i, cell) in head.iter().enumerate() {
                    let mut f = self.format(14.0);
                    f.color = self.palette.strong;
                    self.cell(ui, cell, f, aligns.get(i));
                }
                ui.end_row();
                for row in rows {
                    for (i, cell) in row.iter().enumerate() {
                        self.cell(ui, cell, self.format(14.0), aligns.get(i));
                    }
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
    }

    fn cell(&self, ui: &mut Ui, content: &[Inline], base: TextFormat, align: Option<&ColumnAlign>) {
        let layout = match align {
            Some(ColumnAlign::Right) => Layout::right_to_left(Align::Center),
            Some(ColumnAlign::Center) => Layout::top_down(Align::Center),
            _ => Layout::left_to_right(Align::Center),
        };
        ui.with_layout(layout, |ui| {
            let mut job = LayoutJob::default();
            self.inlines(&mut job, content, &base);
            ui.label(job);
        });
    }

    fn figure(&self, ui: &mut Ui, figure: &Figure) {
        ui.add_space(6.0);
        let width = ui.available_width();
        if figure.src.trim().is_empty() {
            self.unchosen_figure(ui, figure, width);
        } else {
            crate::app::pictures::picture(
                ui,
                &figure.src,
                &figure.alt,
                self.base_dir.as_deref(),
                width,
            );
        }
        if !figure.caption.is_empty() || !figure.credit.is_empty() {
            let mut job = LayoutJob::default();
            let mut caption = self.format(13.0);
            caption.color = self.palette.markup;
            self.inlines(&mut job, &figure.caption, &caption);
            if !figure.credit.is_empty() {
                if !figure.caption.is_empty() {
                    job.append(" ", 0.0, caption.clone());
                }
                let mut credit = caption.clone();
                credit.font_id.size = 11.0;
                job.append("CREDIT: ", 0.0, credit.clone());
                self.inlines(&mut job, &figure.credit, &credit);
            }
            job.wrap.max_width = ui.available_width();
            ui.label(job);
        }
        ui.add_space(10.0);
    }

    /// A figure waiting for its picture.
    fn unchosen_figure(&self, ui: &mut Ui, figure: &Figure, width: f32) {
        egui::Frame::new()
            .stroke(Stroke::new(1.0, self.palette.markup))
            .fill(self.palette.code_bg)
            .inner_margin(12.0)
            .show(ui, |ui| {
                ui.set_width(width - 26.0);
                ui.vertical_centered(|ui| {
                    ui.label(RichText::new("Image not chosen yet").color(self.palette.figure));
                    if !figure.alt.trim().is_empty() {
                        ui.label(
                            RichText::new(format!("Alt text: {}", figure.alt.trim()))
                                .size(12.0)
                                .color(self.palette.markup),
                        );
                    }
                });
            });
    }

    fn footnotes(&self, ui: &mut Ui, blocks: &[Block]) {
        let notes: Vec<_> = blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::FootnoteDefinition { label, blocks } => Some((label, blocks)),
                _ => None,
            })
            .collect();
        if notes.is_empty() {
            return;
        }
        ui.separator();
        for (i, (_, inner)) in notes.iter().enumerate() {
            let text: Vec<String> = inner
                .iter()
                .filter_map(|b| match &b.kind {
                    BlockKind::Paragraph(c) => Some(plain_text(c)),
                    _ => None,
                })
                .collect();
            ui.label(
                RichText::new(format!("{}. {}", i + 1, text.join(" ")))
                    .size(13.0)
                    .color(self.palette.markup),
            );
        }
    }

    fn footer(&self, ui: &mut Ui, meta: &Metadata) {
        if !meta.credits.is_empty() {
            ui.add_space(8.0);
            ui.separator();
            for credit in &meta.credits {
                ui.label(
                    RichText::new(credit.sentence())
                        .size(13.0)
                        .color(self.palette.markup),
                );
            }
        }
        for author in meta.authors.iter().filter(|a| !a.bio.trim().is_empty()) {
            ui.add_space(12.0);
            egui::Frame::new()
                .fill(self.palette.code_bg)
                .corner_radius(6.0)
                .inner_margin(12.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(
                        RichText::new(format!("About {}", author.name.trim()))
                            .font(Face::SANS.bold().font(14.0))
                            .color(self.palette.strong),
                    );
                    let bio = crate::markdown::parse(&author.bio);
                    self.blocks(ui, &bio);
                });
        }
    }

    fn paragraph(&self, ui: &mut Ui, content: &[Inline], base: TextFormat) -> egui::Response {
        let mut job = LayoutJob::default();
        self.inlines(&mut job, content, &base);
        job.wrap.max_width = ui.available_width();
        ui.label(job)
    }

    fn inlines(&self, job: &mut LayoutJob, inlines: &[Inline], format: &TextFormat) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => job.append(t, 0.0, format.clone()),
                Inline::Code(t) => {
                    let mut f = format.clone();
                    f.font_id = FontId::new(format.font_id.size * 0.9, FontFamily::Monospace);
                    f.background = self.palette.code_bg;
                    job.append(t, 0.0, f);
                }
                Inline::Emphasis(c) => {
                    let mut f = format.clone();
                    f.font_id = fonts::italic(&f.font_id);
                    self.inlines(job, c, &f);
                }
                Inline::Strong(c) => {
                    let mut f = format.clone();
                    f.font_id = fonts::bold(&f.font_id);
                    f.color = self.palette.strong;
                    f.underline = Stroke::NONE;
                    self.inlines(job, c, &f);
                }
                Inline::Strikethrough(c) => {
                    let mut f = format.clone();
                    f.strikethrough = Stroke::new(1.0, format.color);
                    self.inlines(job, c, &f);
                }
                Inline::Link { content, .. } => {
                    let mut f = format.clone();
                    f.color = self.palette.link;
                    f.underline = Stroke::new(1.0, self.palette.link);
                    self.inlines(job, content, &f);
                }
                Inline::Image { alt, .. } => {
                    let mut f = format.clone();
                    f.color = self.palette.figure;
                    job.append(&format!("[image: {alt}]"), 0.0, f);
                }
                Inline::SoftBreak => job.append(" ", 0.0, format.clone()),
                Inline::HardBreak => job.append("\n", 0.0, format.clone()),
                Inline::Html(_) => {}
                Inline::FootnoteReference(label) => {
                    let mut f = format.clone();
                    f.font_id.size *= 0.7;
                    f.valign = Align::TOP;
                    f.color = self.palette.link;
                    job.append(&format!("[{label}]"), 0.0, f);
                }
            }
        }
    }
}
