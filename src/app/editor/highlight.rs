//! Markdown highlighting for the body editor: one pulldown-cmark pass gives
//! each byte a style; runs of equal style become sections of a `LayoutJob`.
//! Memoised on the text, because the text editor lays out every frame.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontFamily, FontId, Stroke};
use pulldown_cmark::{Event, Parser, Tag};

use crate::app::fonts;
use crate::editing::text_diff::Diff;

const HEADING: u16 = 1;
const EMPHASIS: u16 = 1 << 1;
const STRONG: u16 = 1 << 2;
const LINK: u16 = 1 << 3;
const CODE: u16 = 1 << 4;
const QUOTE: u16 = 1 << 5;
const IMAGE: u16 = 1 << 6;
const STRIKE: u16 = 1 << 7;
const TEXT: u16 = 1 << 8;
const INLINE_MARKUP: u16 = 1 << 9;
const FIGURE: u16 = 1 << 10;
const HTML: u16 = 1 << 11;

/// The colours of the highlighting for a theme.
#[derive(Clone, Copy, PartialEq)]
pub struct Palette {
    pub text: Color32,
    pub markup: Color32,
    pub heading: Color32,
    pub link: Color32,
    pub code_bg: Color32,
    pub quote: Color32,
    pub figure: Color32,
    pub strong: Color32,
}

impl Palette {
    pub fn for_dark(dark: bool) -> Self {
        if dark {
            Self {
                text: Color32::from_gray(225),
                markup: Color32::from_gray(120),
                heading: Color32::from_rgb(140, 190, 255),
                link: Color32::from_rgb(120, 200, 255),
                code_bg: Color32::from_gray(45),
                quote: Color32::from_rgb(190, 190, 150),
                figure: Color32::from_rgb(200, 160, 255),
                strong: Color32::WHITE,
            }
        } else {
            Self {
                text: Color32::from_gray(30),
                markup: Color32::from_gray(150),
                heading: Color32::from_rgb(20, 70, 160),
                link: Color32::from_rgb(10, 90, 200),
                code_bg: Color32::from_gray(235),
                quote: Color32::from_rgb(100, 90, 40),
                figure: Color32::from_rgb(120, 50, 170),
                strong: Color32::BLACK,
            }
        }
    }
}

/// What is marked on top of the highlighting: search matches, misspellings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Match,
    CurrentMatch,
    Misspelled,
}

/// Marks sorted by where they start. Shared, so the cache can tell "the
/// same marks" by pointer instead of comparing them every frame.
pub type Marks = Arc<Vec<(std::ops::Range<usize>, Mark)>>;

/// Search marks and spelling marks as one list, merged again only when
/// either changed.
#[derive(Default)]
pub struct MergedMarks {
    from: (Marks, Marks),
    merged: Marks,
}

impl MergedMarks {
    pub fn merge(&mut self, a: &Marks, b: &Marks) -> Marks {
        if a.is_empty() {
            return b.clone();
        }
        if b.is_empty() {
            return a.clone();
        }
        if !Arc::ptr_eq(&self.from.0, a) || !Arc::ptr_eq(&self.from.1, b) {
            // Both are sorted: merged in one pass (they change on every
            // keystroke while typing), the first list's first where both
            // start together (search marks win over spelling).
            let mut all = Vec::with_capacity(a.len() + b.len());
            let (mut i, mut j) = (0, 0);
            while i < a.len() && j < b.len() {
                if b[j].0.start < a[i].0.start {
                    all.push(b[j].clone());
                    j += 1;
                } else {
                    all.push(a[i].clone());
                    i += 1;
                }
            }
            all.extend_from_slice(&a[i..]);
            all.extend_from_slice(&b[j..]);
            self.merged = Arc::new(all);
            self.from = (a.clone(), b.clone());
        }
        self.merged.clone()
    }
}

/// The last highlighted text, its layout job and its galley.
#[derive(Default)]
pub struct Cache {
    /// The look the job was made for (dark, font size); `None` before the
    /// first text.
    look: Option<(bool, u32)>,
    /// The style of every byte of the job's text (for incremental
    /// highlighting after an edit).
    styles: Vec<u16>,
    /// The highlighted job; its text is the last text. Shared with the
    /// galley made from it, so handing it over copies nothing.
    job: Arc<LayoutJob>,
    /// The text may define link references (`[label]: url`), which
    /// `[label]` anywhere else refers to.
    references: bool,
    /// The marks given last, and where they fall in the job's text.
    given: Option<(Marks, Marks)>,
    /// The last galley handed to the editor and what it was made from:
    /// an unchanged text is not laid out (or even hashed) again.
    galley: Option<LaidOut>,
    /// The galleys of its paragraphs, for the next edit.
    paragraphs: crate::app::editor::paragraphs::Paragraphs,
}

struct LaidOut {
    galley: Arc<egui::Galley>,
    marks: Option<Marks>,
    wrap: u32,
    /// A small galley from egui's cache: a new one means egui cleared its
    /// caches (the font atlas was rebuilt) and ours is stale too.
    sentinel: Arc<egui::Galley>,
}

impl Cache {
    /// The editor's galley for `text`: laid out again only when the text,
    /// the marks, the look or the wrap width changed. After an edit only
    /// the paragraph around it is highlighted again, and only the
    /// paragraphs it touched are laid out again. The text is compared with
    /// the last one once, and that one comparison serves the marks, the
    /// highlighting and the layout.
    pub fn galley(
        &mut self,
        ui: &egui::Ui,
        text: &str,
        dark: bool,
        font_size: f32,
        marks: &Marks,
        wrap_width: f32,
    ) -> Arc<egui::Galley> {
        let look = (dark, font_size.to_bits());
        let diff = self
            .look
            .is_some()
            .then(|| Diff::between(&self.job.text, text));
        let same_text = diff.is_some_and(|d| d.is_none());
        let marks = self.marks_for(text, diff, marks);
        let sentinel = ui.fonts_mut(|f| {
            f.layout_no_wrap("Copydesk".into(), FontId::monospace(8.0), Color32::WHITE)
        });
        let wrap = wrap_width.round().to_bits();
        let marks_key = (!marks.is_empty()).then(|| marks.clone());
        if same_text
            && self.look == Some(look)
            && let Some(laid) = &self.galley
            && laid.wrap == wrap
            && Arc::ptr_eq(&laid.sentinel, &sentinel)
            && match (&laid.marks, &marks_key) {
                (None, None) => true,
                // New marks equal to the old (moved by the spell checker
                // as they were moved here) need no new layout.
                (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
                _ => false,
            }
        {
            return laid.galley.clone();
        }
        if self
            .galley
            .as_ref()
            .is_some_and(|laid| !Arc::ptr_eq(&laid.sentinel, &sentinel))
        {
            // egui rebuilt its font atlas: no old galley can be reused.
            self.paragraphs = Default::default();
        }
        let restyled = self.highlight(text, look, diff);
        // As egui does: whole points, so rounding cannot make wrapping flicker.
        let max_width = wrap_width.round();
        if self.job.wrap.max_width != max_width {
            Arc::make_mut(&mut self.job).wrap.max_width = max_width;
        }
        // Marks are applied paragraph by paragraph (only where the layout
        // is redone): spelling marks move on every keystroke, and marking
        // the whole text again each time cost as much as the rest of it.
        let galley = self
            .paragraphs
            .layout(ui, &self.job, &marks, dark, diff, restyled);
        self.galley = Some(LaidOut {
            galley: galley.clone(),
            marks: marks_key,
            wrap,
            sentinel,
        });
        galley
    }

    /// `given` placed on `text`. Marks are made from the text as it was
    /// when the frame began; the editor then applies the frame's typing and
    /// lays the new text out with the same marks. Marks seen before are
    /// therefore moved with the edit here, as the spell checker moves them
    /// next frame: otherwise every marked paragraph after the edit would
    /// be laid out again twice per keystroke.
    fn marks_for(&mut self, text: &str, diff: Option<Diff>, given: &Marks) -> Marks {
        match (&mut self.given, diff) {
            (Some((last, placed)), Some(diff)) if Arc::ptr_eq(last, given) => {
                if !diff.is_none() && !placed.is_empty() {
                    *placed = Arc::new(diff.shift(placed, text));
                }
                placed.clone()
            }
            _ => {
                self.given = Some((given.clone(), given.clone()));
                given.clone()
            }
        }
    }

    /// Highlights `text` into the job, and says where its formats may
    /// differ from the last job's (`None`: anywhere). After an edit only
    /// the stretch of text between blank lines around it is parsed again
    /// (the whole text when the edit could change more: code fences, HTML,
    /// indented blocks).
    fn highlight(
        &mut self,
        text: &str,
        look: (bool, u32),
        diff: Option<Diff>,
    ) -> Option<std::ops::Range<usize>> {
        let same_look = self.look == Some(look);
        if same_look && diff.is_some_and(|d| d.is_none()) {
            return Some(0..0);
        }
        let palette = Palette::for_dark(look.0);
        let size = f32::from_bits(look.1);
        let updated = match diff {
            Some(diff) if same_look => rehighlight(
                &self.job,
                &self.styles,
                text,
                diff,
                self.references,
                &palette,
                size,
            ),
            _ => None,
        };
        self.look = Some(look);
        match updated {
            Some((styles, job, restyled)) => {
                self.styles = styles;
                self.job = Arc::new(job);
                Some(restyled)
            }
            None => {
                self.references = text.contains("]:");
                self.styles = classify(text);
                self.job = Arc::new(job_from_styles(text, &self.styles, &palette, size));
                None
            }
        }
    }

    /// The highlighted job of `text` (for the tests).
    #[cfg(test)]
    fn job(&mut self, text: &str, dark: bool, font_size: f32) -> LayoutJob {
        let look = (dark, font_size.to_bits());
        let diff = self
            .look
            .is_some()
            .then(|| Diff::between(&self.job.text, text));
        self.highlight(text, look, diff);
        (*self.job).clone()
    }
}

/// The blank-line-delimited stretch of `text` around `start..end`, with its
/// last line end (a block's range includes it).
fn paragraph_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let from = text[..start].rfind("\n\n").map_or(0, |i| i + 2);
    let to = text[end..].find("\n\n").map_or(text.len(), |i| end + i + 1);
    (from, to)
}

/// A paragraph longer than this (bytes) is parsed again around an edit
/// only, when that cannot change how the rest of it parses: a 2.4 MB
/// paragraph parsed whole took tens of milliseconds per keystroke.
const HUGE: usize = 64 * 1024;

/// The stretch of `new` around the edit `diff` (about 2 KB each side) that
/// parses alone as it parses in its paragraph, when the edit typed or
/// deleted only letters, digits and spaces between such (so no delimiter
/// run's neighbours change and nothing pairs differently), and the old
/// text was plain at both ends of the stretch (nothing crossed them).
fn window_around(old: &str, old_styles: &[u16], new: &str, diff: Diff) -> Option<(usize, usize)> {
    const AROUND: usize = 2048;
    let plain = |c: char| c.is_alphanumeric() || c == ' ';
    let (prefix, new_end) = (diff.prefix, diff.new_end);
    let edited = new
        .get(prefix..new_end)?
        .chars()
        .chain(old.get(prefix..diff.old_end)?.chars());
    let before = new[..prefix].chars().rev().take(2);
    let after = new[new_end..].chars().take(2);
    if !edited.chain(before).chain(after).all(plain) {
        return None;
    }
    // A cut: after a space, before a letter (not a digit: `1.` could start
    // a list), styled as plain text before and after in the old text.
    let delta = diff.delta();
    let cut = |at: usize| {
        let old_at = if at < prefix {
            at
        } else {
            (at as isize - delta) as usize
        };
        at > 0
            && new.as_bytes().get(at - 1) == Some(&b' ')
            && new[at..].chars().next().is_some_and(char::is_alphabetic)
            && old_styles.get(old_at.wrapping_sub(1)) == Some(&TEXT)
            && old_styles.get(old_at) == Some(&TEXT)
    };
    let from = (prefix.saturating_sub(2 * AROUND)..prefix.saturating_sub(AROUND))
        .rev()
        .find(|&at| new.is_char_boundary(at) && cut(at))?;
    let to = (new_end + AROUND..(new_end + 2 * AROUND).min(new.len()))
        .find(|&at| new.is_char_boundary(at) && cut(at))?;
    Some((from, to))
}

/// Highlights `new` from `old_job` (with `old_styles`, its style per byte)
/// by parsing only the paragraph the edit `diff` is in, which is returned
/// too (only its formats can differ from the old ones); `None` when that
/// could be wrong. `references`: the text may define link references.
fn rehighlight(
    old_job: &LayoutJob,
    old_styles: &[u16],
    new: &str,
    diff: Diff,
    references: bool,
    palette: &Palette,
    size: f32,
) -> Option<(Vec<u16>, LayoutJob, std::ops::Range<usize>)> {
    let old = old_job.text.as_str();
    if old_styles.len() != old.len() {
        return None;
    }
    let (prefix, old_end, new_end) = (diff.prefix, diff.old_end, diff.new_end);
    let (mut from, mut to) = paragraph_around(new, prefix, new_end);
    if to - from > HUGE
        && let Some((f, t)) = window_around(old, old_styles, new, diff)
    {
        (from, to) = (f, t);
    }
    while !new.is_char_boundary(from) {
        from -= 1;
    }
    let delta = diff.delta();
    let old_to = (to as isize - delta) as usize;
    let chunk = &new[from..to];
    let old_chunk = old.get(from..old_to)?;
    if !parsed_alone(chunk, references)
        || !parsed_alone(old_chunk, references)
        || inside_block(old_styles, from, old_to)
        || old_end > old_to
    {
        return None;
    }
    let chunk_styles = classify(chunk);
    let mut styles = Vec::with_capacity(new.len());
    styles.extend_from_slice(&old_styles[..from]);
    styles.extend_from_slice(&chunk_styles);
    styles.extend_from_slice(&old_styles[old_to..]);
    debug_assert_eq!(styles.len(), new.len());
    let chunk_job = job_from_styles(chunk, &chunk_styles, palette, size);
    let job = splice_sections(old_job, chunk_job, new, from..old_to, delta);
    Some((styles, job, from..to))
}

/// Whether a stretch of text is highlighted alike on its own and in the
/// whole text. Not for fenced code (a fence changes everything after it),
/// HTML blocks, indented code or list continuations, setext underlines,
/// footnote definitions. Tables are safe: one cannot cross a blank line,
/// so the stretch holds all of it, header included. Link references are
/// not: a definition (`]:`) changes other paragraphs, and where the text
/// has any (`references`), a `[label]` (a `]` not followed by `(`) may use
/// one.
fn parsed_alone(t: &str, references: bool) -> bool {
    !(t.contains("]:")
        || (references
            && t.match_indices(']')
                .any(|(i, _)| !t[i + 1..].starts_with('(')))
        || t.contains("```")
        || t.contains("~~~")
        || t.contains('<')
        || t.contains("[^")
        || t.lines().any(|l| {
            l.starts_with("    ")
                || l.starts_with('\t')
                || (!l.is_empty()
                    && (l.trim_end().chars().all(|c| c == '=')
                        || l.trim_end().chars().all(|c| c == '-')))
        }))
}

/// Whether the old stretch `from..old_to` is inside a code or HTML block,
/// or just after a block it may continue (a quote too).
fn inside_block(old_styles: &[u16], from: usize, old_to: usize) -> bool {
    old_styles[from..old_to.max(from)]
        .iter()
        .any(|s| s & (CODE | HTML) != 0 && s & INLINE_MARKUP == 0)
        || (from > 0
            && old_styles[from - 1] & (CODE | HTML | QUOTE) != 0
            && old_styles[from - 1] & INLINE_MARKUP == 0)
}

/// The new text's job from the old one's sections and the paragraph's
/// (`chunk_job`, made again for what was `old` in the old text, `delta`
/// bytes longer now). Those wholly before the paragraph stay, those wholly
/// after it move (they never cross a blank line: styles always change at
/// a paragraph's edges… unless they do not, so sections that cross the
/// edges are split there).
fn splice_sections(
    old_job: &LayoutJob,
    chunk_job: LayoutJob,
    new: &str,
    old: std::ops::Range<usize>,
    delta: isize,
) -> LayoutJob {
    let (from, old_to) = (old.start, old.end);
    let mut job = LayoutJob {
        text: new.to_string(),
        sections: Vec::with_capacity(old_job.sections.len() + 8),
        ..Default::default()
    };
    for section in &old_job.sections {
        let (s, e) = (section.byte_range.start.0, section.byte_range.end.0);
        if s >= from {
            break;
        }
        let mut section = section.clone();
        section.byte_range.end = egui::text::ByteIndex(e.min(from));
        job.sections.push(section);
    }
    for mut section in chunk_job.sections {
        section.byte_range = egui::text::ByteIndex(section.byte_range.start.0 + from)
            ..egui::text::ByteIndex(section.byte_range.end.0 + from);
        job.sections.push(section);
    }
    for section in &old_job.sections {
        let (s, e) = (section.byte_range.start.0, section.byte_range.end.0);
        if e <= old_to {
            continue;
        }
        let mut section = section.clone();
        let start = (s.max(old_to) as isize + delta) as usize;
        let end = (e as isize + delta) as usize;
        section.byte_range = egui::text::ByteIndex(start)..egui::text::ByteIndex(end);
        job.sections.push(section);
    }
    job
}

/// Styles for every byte of `text`.
fn classify(text: &str) -> Vec<u16> {
    let mut styles = vec![0u16; text.len()];
    let mut mark = |range: std::ops::Range<usize>, flag: u16| {
        for s in &mut styles[range.start.min(text.len())..range.end.min(text.len())] {
            *s |= flag;
        }
    };
    for (event, range) in Parser::new_ext(text, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let flag = match tag {
                    Tag::Heading { .. } => HEADING,
                    Tag::Emphasis => EMPHASIS | INLINE_MARKUP,
                    Tag::Strong => STRONG | INLINE_MARKUP,
                    Tag::Strikethrough => STRIKE | INLINE_MARKUP,
                    Tag::Link { .. } => LINK | INLINE_MARKUP,
                    Tag::Image { .. } => IMAGE | INLINE_MARKUP,
                    Tag::BlockQuote(_) => QUOTE,
                    Tag::CodeBlock(_) => CODE,
                    Tag::HtmlBlock => HTML,
                    _ => 0,
                };
                mark(range, flag);
            }
            Event::Text(_) => mark(range, TEXT),
            Event::Code(_) => mark(range, CODE | INLINE_MARKUP),
            Event::InlineHtml(_) | Event::Html(_) => mark(range, HTML),
            _ => {}
        }
    }
    // A figure's caption and credit lines, as the markdown module reads
    // figures for the preview and the exports.
    for range in crate::markdown::figure_caption_ranges(text) {
        mark(range, FIGURE);
    }
    styles
}

fn format_for(style: u16, p: &Palette, size: f32) -> TextFormat {
    let mut format = TextFormat {
        font_id: FontId::new(size, FontFamily::Proportional),
        color: p.text,
        ..Default::default()
    };
    if style & HEADING != 0 {
        format.color = p.heading;
        format.font_id = fonts::bold(&FontId::new(size * 1.15, FontFamily::Proportional));
    }
    if style & QUOTE != 0 {
        format.color = p.quote;
    }
    if style & FIGURE != 0 {
        format.color = p.figure;
    }
    if style & STRONG != 0 {
        format.color = p.strong;
        format.underline = Stroke::NONE;
        format.font_id = fonts::bold(&format.font_id);
    }
    if style & EMPHASIS != 0 {
        format.font_id = fonts::italic(&format.font_id);
    }
    if style & STRIKE != 0 {
        format.strikethrough = Stroke::new(1.0, p.text);
    }
    if style & LINK != 0 {
        format.color = p.link;
    }
    if style & IMAGE != 0 {
        format.color = p.figure;
    }
    if style & CODE != 0 {
        format.font_id = FontId::new(size * 0.95, FontFamily::Monospace);
        format.background = p.code_bg;
    }
    let syntax = (style & TEXT == 0)
        && (style & (INLINE_MARKUP | HEADING | QUOTE) != 0)
        && style & CODE == 0;
    if syntax || style & HTML != 0 {
        // The markup itself (`**`, `#`) in the regular face, at its size.
        format.color = p.markup;
        format.font_id.family = FontFamily::Proportional;
    }
    if style & LINK != 0 && style & TEXT != 0 {
        format.underline = Stroke::new(1.0, p.link);
    }
    format
}

/// The highlighted layout job of a Markdown text.
#[cfg(test)]
pub(crate) fn highlight(text: &str, palette: &Palette, font_size: f32) -> LayoutJob {
    job_from_styles(text, &classify(text), palette, font_size)
}

/// Sections of equal style as a layout job.
fn job_from_styles(text: &str, styles: &[u16], palette: &Palette, font_size: f32) -> LayoutJob {
    let mut job = LayoutJob {
        text: text.to_string(),
        ..Default::default()
    };
    let mut start = 0;
    while start < text.len() {
        let style = styles[start];
        let mut end = start + 1;
        while end < text.len() && (styles[end] == style || !text.is_char_boundary(end)) {
            end += 1;
        }
        job.sections.push(egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: egui::text::ByteIndex(start)..egui::text::ByteIndex(end),
            format: format_for(style, palette, font_size),
        });
        start = end;
    }
    job
}

/// `format` as marked with `mark`.
fn restyle(format: &TextFormat, mark: Mark, dark: bool) -> TextFormat {
    let mut format = format.clone();
    match mark {
        Mark::Match => {
            format.background = if dark {
                Color32::from_rgb(90, 80, 20)
            } else {
                Color32::from_rgb(255, 240, 150)
            }
        }
        Mark::CurrentMatch => {
            format.background = if dark {
                Color32::from_rgb(170, 90, 0)
            } else {
                Color32::from_rgb(255, 170, 60)
            }
        }
        Mark::Misspelled => format.underline = Stroke::new(1.5, Color32::from_rgb(220, 40, 40)),
    }
    format
}

/// The marks inside `text` and on its character boundaries, the empty ones
/// left out. Marks reach here moved with every edit (`Cache::marks_for`);
/// a stale mark splitting a character once crashed the app.
fn inside(
    text: &str,
    marks: &[(std::ops::Range<usize>, Mark)],
) -> Vec<(std::ops::Range<usize>, Mark)> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    marks
        .iter()
        .map(|(r, m)| (floor(r.start)..floor(r.end), *m))
        .filter(|(r, _)| !r.is_empty())
        .collect()
}

/// `base` with its sections split where marks begin and end, and the
/// marked parts restyled.
pub fn mark(base: &LayoutJob, marks: &[(std::ops::Range<usize>, Mark)], dark: bool) -> LayoutJob {
    let mut job = LayoutJob {
        sections: Vec::with_capacity(base.sections.len() + 2 * marks.len()),
        ..base.clone()
    };
    let mut push = |range: std::ops::Range<usize>, format: TextFormat| {
        if !range.is_empty() {
            job.sections.push(egui::text::LayoutSection {
                leading_space: 0.0,
                byte_range: egui::text::ByteIndex(range.start)..egui::text::ByteIndex(range.end),
                format,
            });
        }
    };
    let marks = inside(&base.text, marks);
    let mut first = 0;
    for section in &base.sections {
        let (start, end) = (section.byte_range.start.0, section.byte_range.end.0);
        while first < marks.len() && marks[first].0.end <= start {
            first += 1;
        }
        let mut at = start;
        let mut k = first;
        while at < end {
            match marks.get(k) {
                Some((range, mark)) if range.start < end => {
                    k += 1;
                    let mark_end = range.end.min(end);
                    if mark_end <= at {
                        continue;
                    }
                    let mark_start = range.start.max(at);
                    push(at..mark_start, section.format.clone());
                    push(mark_start..mark_end, restyle(&section.format, *mark, dark));
                    at = mark_end;
                }
                _ => {
                    push(at..end, section.format.clone());
                    at = end;
                }
            }
        }
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style_of(text: &str, needle: &str) -> u16 {
        classify(text)[text.find(needle).unwrap()]
    }

    #[test]
    fn marks_headings_emphasis_links_and_markup() {
        let text = "## Title\n\nA *b* [link](http://x) `c`\n";
        assert_ne!(style_of(text, "Title") & HEADING, 0);
        assert_eq!(style_of(text, "##") & TEXT, 0);
        assert_ne!(style_of(text, "b*") & EMPHASIS, 0);
        assert_ne!(style_of(text, "link") & LINK, 0);
        assert_ne!(style_of(text, "http") & LINK, 0);
        assert_eq!(style_of(text, "http") & TEXT, 0, "the URL is markup");
        assert_ne!(style_of(text, "c`") & CODE, 0);
    }

    #[test]
    fn figure_lines_are_marked() {
        let text = "Para.\n\n![a](b.jpg)\nCaption\nCredit: X\n\nNext.\n";
        assert_ne!(style_of(text, "Caption") & FIGURE, 0);
        assert_ne!(style_of(text, "Credit") & FIGURE, 0);
        assert_eq!(style_of(text, "Next") & FIGURE, 0);
    }

    /// The highlighter and the markdown module agree on what a figure is.
    #[test]
    fn image_lines_inside_code_or_text_are_not_figures() {
        let text = "```\n![a](b.jpg)\nNot a caption\n```\n\nSee ![a](b.jpg) inline\nNor this\n";
        assert_eq!(style_of(text, "Not a caption") & FIGURE, 0);
        assert_eq!(style_of(text, "Nor this") & FIGURE, 0);
        assert!(crate::markdown::figures(&crate::markdown::parse(text)).is_empty());
        let quoted = "> ![a](b.jpg)\n> Quoted caption\n";
        assert_ne!(style_of(quoted, "Quoted caption") & FIGURE, 0);
        assert_eq!(
            crate::markdown::figures(&crate::markdown::parse(quoted)).len(),
            1
        );
    }

    #[test]
    fn marks_split_sections_and_restyle_them() {
        let text = "A *b* word here\n";
        let base = highlight(text, &Palette::for_dark(false), 14.0);
        let marks = vec![
            (0..1, Mark::Match),
            (3..9, Mark::Misspelled),
            (6..9, Mark::CurrentMatch),
        ];
        let job = mark(&base, &marks, false);
        // Stale marks (from before an edit) stay inside the text and on
        // character boundaries.
        let short = highlight("é", &Palette::for_dark(false), 14.0);
        let stale = mark(
            &short,
            &[(1..5, Mark::Misspelled), (0..1, Mark::Match)],
            false,
        );
        assert_eq!(stale.sections.len(), 1);
        assert_eq!(stale.sections[0].byte_range.end.0, 2);
        let mut at = 0;
        for s in &job.sections {
            assert_eq!(s.byte_range.start.0, at, "sections stay contiguous");
            at = s.byte_range.end.0;
        }
        assert_eq!(at, text.len());
        let format_at = |byte: usize| {
            &job.sections
                .iter()
                .find(|s| s.byte_range.start.0 <= byte && byte < s.byte_range.end.0)
                .unwrap()
                .format
        };
        assert_ne!(format_at(0).background, Color32::TRANSPARENT);
        assert_ne!(format_at(3).underline, Stroke::NONE);
        assert_eq!(format_at(10).underline, Stroke::NONE);
        assert_eq!(format_at(10).background, Color32::TRANSPARENT);
    }

    /// The format of every byte of a job.
    fn formats(job: &LayoutJob) -> Vec<TextFormat> {
        let mut out = Vec::with_capacity(job.text.len());
        for s in &job.sections {
            for _ in s.byte_range.start.0..s.byte_range.end.0 {
                out.push(s.format.clone());
            }
        }
        out
    }

    #[test]
    fn editing_rehighlights_as_a_full_pass_would() {
        let p = Palette::for_dark(false);
        // Reference links: a `[label]` is a link only where the whole text
        // defines the label, which a paragraph parsed alone cannot know.
        let references = "---\ntitle: t\n---\n\nSee [Leica] and [the maker][m] now.\n\nA [b] c.\n\n[leica]: https://leica.com\n[m]: https://x.org\n";
        for sample in [
            include_str!("../../../sample_docs/oneplus-copydesk.md"),
            include_str!("../../../sample_docs/sony-sensor-scraped.md"),
            references,
        ] {
            let body = crate::format::parse_markdown(sample).unwrap().article.body;
            let edits = [
                "x",
                "*",
                "**",
                "\n",
                "\n\n",
                "# ",
                "`",
                " ",
                "[a](b)",
                "```",
                "- ",
                "> ",
                "|",
                "<b>",
                "    ",
                "\n|---|",
                "| a |",
                "\n\n| a | b |\n|---|---|\n",
            ];
            let mut positions: Vec<usize> = (0..body.len()).step_by(37).collect();
            positions.push(body.len());
            for &at in &positions {
                if !body.is_char_boundary(at) {
                    continue;
                }
                for edit in edits {
                    let mut cache = Cache::default();
                    cache.job(&body, false, 14.0);
                    let mut new = body.clone();
                    new.insert_str(at, edit);
                    let incremental = cache.job(&new, false, 14.0);
                    assert_eq!(incremental.text, new);
                    assert!(
                        formats(&incremental) == formats(&highlight(&new, &p, 14.0)),
                        "inserting {edit:?} at {at}: {:?}",
                        &new[at.saturating_sub(30)..(at + 30).min(new.len())]
                    );
                    // And taking it out again.
                    let back = cache.job(&body, false, 14.0);
                    assert!(
                        formats(&back) == formats(&highlight(&body, &p, 14.0)),
                        "removing {edit:?} at {at}"
                    );
                }
                // Deleting a character.
                if let Some(c) = body[at..].chars().next() {
                    let mut cache = Cache::default();
                    cache.job(&body, false, 14.0);
                    let mut new = body.clone();
                    new.replace_range(at..at + c.len_utf8(), "");
                    let incremental = cache.job(&new, false, 14.0);
                    assert!(
                        formats(&incremental) == formats(&highlight(&new, &p, 14.0)),
                        "deleting at {at}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_huge_paragraph_is_parsed_again_around_the_edit_as_a_full_pass_would() {
        let p = Palette::for_dark(false);
        let body: String = [
            include_str!("../../../sample_docs/oneplus-copydesk.md"),
            include_str!("../../../sample_docs/sony-sensor-scraped.md"),
        ]
        .map(|sample| crate::format::parse_markdown(sample).unwrap().article.body)
        .join("\n\n")
        // A footnote makes any edit parse everything again.
        .replace("[^1]", "");
        // The sample's paragraphs (links, emphasis, code) run together.
        let one: String = body
            .split("\n\n")
            .filter(|p| !p.starts_with(['#', '!', '|', '>', '-', '`']))
            .collect::<Vec<_>>()
            .join(" ")
            .replace('\n', " ");
        let mut text = String::new();
        while text.len() <= HUGE {
            text.push_str(&one);
            text.push(' ');
        }
        let text = format!("# Title\n\n{text}\n\nEnd.\n");
        let mut positions: Vec<usize> = (0..text.len()).step_by(text.len() / 23).collect();
        positions.push(text.len() / 2);
        let mut windowed = 0;
        for &at in &positions {
            let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            for edit in ["x", " ", "é", "*", "**", "`", "\n", "[a](b)", "- ", "&amp"] {
                let mut cache = Cache::default();
                cache.job(&text, false, 14.0);
                let mut new = text.clone();
                new.insert_str(at, edit);
                let restyled = cache.highlight(
                    &new,
                    (false, 14f32.to_bits()),
                    Some(Diff::between(&text, &new)),
                );
                windowed += usize::from(edit == "x" && restyled.is_some_and(|r| r.len() < 8192));
                assert_eq!(cache.job.text, new);
                assert!(
                    formats(&cache.job) == formats(&highlight(&new, &p, 14.0)),
                    "inserting {edit:?} at {at}: {:?}",
                    &new[at.saturating_sub(30)..(at + 30).min(new.len())]
                );
                let back = cache.job(&text, false, 14.0);
                assert!(
                    formats(&back) == formats(&highlight(&text, &p, 14.0)),
                    "removing {edit:?} at {at}"
                );
            }
        }
        // Most letters typed in it are (the rest: next to markup, or in the
        // title and the last paragraph).
        assert!(
            windowed * 3 >= positions.len() * 2,
            "only {windowed} of {} letters parsed around themselves",
            positions.len()
        );
    }

    #[test]
    fn typing_moves_the_marks_and_keeps_the_paragraphs_after_the_edit() {
        let text: String = (0..200)
            .map(|i| format!("Paragraph {i} has a wrod in it.\n\n"))
            .collect();
        let misspelt = |t: &str| -> Marks {
            Arc::new(
                t.match_indices("wrod")
                    .map(|(at, w)| (at..at + w.len(), Mark::Misspelled))
                    .collect(),
            )
        };
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let mut cache = Cache::default();
            let marks = misspelt(&text);
            cache.galley(ui, &text, false, 14.0, &marks, 500.0);
            assert_eq!(cache.paragraphs.laid_out, 400);
            // The editor types a letter near the top and lays the new text
            // out with the marks of the old one.
            let mut typed = text.clone();
            typed.insert(3, 'x');
            let galley = cache.galley(ui, &typed, false, 14.0, &marks, 500.0);
            assert_eq!(cache.paragraphs.laid_out, 1, "only the edited paragraph");
            let moved = misspelt(&typed);
            let expected = ui.fonts_mut(|f| {
                let mut job = highlight(&typed, &Palette::for_dark(false), 14.0);
                job.wrap.max_width = 500.0;
                f.layout_job(mark(&job, &moved, false))
            });
            assert_eq!(galley.rows.len(), expected.rows.len());
            let vertices = |g: &egui::Galley| -> usize {
                g.rows.iter().map(|r| r.visuals.mesh.vertices.len()).sum()
            };
            assert_eq!(vertices(&galley), vertices(&expected), "underlines moved");
            // Next frame the spell checker hands over the moved marks: the
            // galley is kept as it is.
            let again = cache.galley(ui, &typed, false, 14.0, &moved, 500.0);
            assert!(Arc::ptr_eq(&galley, &again));
        });
        output.textures_delta.clear();
    }

    #[test]
    fn search_and_spelling_marks_merge_in_order_search_first() {
        let search: Marks = Arc::new(vec![(0..3, Mark::Match), (10..12, Mark::CurrentMatch)]);
        let spelling: Marks = Arc::new(vec![
            (0..2, Mark::Misspelled),
            (5..8, Mark::Misspelled),
            (20..22, Mark::Misspelled),
        ]);
        let mut merged = MergedMarks::default();
        let all = merged.merge(&search, &spelling);
        assert_eq!(
            *all,
            [
                (0..3, Mark::Match),
                (0..2, Mark::Misspelled),
                (5..8, Mark::Misspelled),
                (10..12, Mark::CurrentMatch),
                (20..22, Mark::Misspelled),
            ]
        );
        // The same inputs give the same list, not a new one.
        assert!(Arc::ptr_eq(&all, &merged.merge(&search, &spelling)));
        assert!(Arc::ptr_eq(
            &spelling,
            &merged.merge(&Marks::default(), &spelling)
        ));
    }

    #[test]
    fn sections_cover_the_text_on_char_boundaries() {
        let text = "“Leica” *è* bella\n";
        let job = highlight(text, &Palette::for_dark(false), 14.0);
        let mut at = 0;
        for s in &job.sections {
            assert_eq!(s.byte_range.start.0, at);
            assert!(text.is_char_boundary(s.byte_range.end.0));
            at = s.byte_range.end.0;
        }
        assert_eq!(at, text.len());
    }
}
