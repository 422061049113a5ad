//! Laying out the body a paragraph at a time, keeping the galleys of the
//! paragraphs an edit did not touch.
//!
//! egui lays a long text out by paragraphs and caches each, but finds them
//! by hashing every paragraph's text and formats on every change: at
//! 200,000 words that hashing was most of a keystroke. Here the edit is
//! known (what the text before and after have in common), so paragraphs
//! outside it are matched by position and compared (cheaper than hashing),
//! and only the rest are laid out; the galleys are then joined with egui's
//! own `Galley::concat`.

use std::ops::Range;
use std::sync::Arc;

use egui::Galley;
use egui::text::{ByteIndex, LayoutJob, LayoutSection};

use crate::app::editor::highlight::{Mark, mark};
use crate::editing::text_diff::Diff;

/// The galleys of the paragraphs of the last text laid out.
#[derive(Default)]
pub struct Paragraphs {
    /// The length of the last text laid out (to check a diff is from it).
    text_len: usize,
    wrap: u32,
    /// Each paragraph's byte range in the last text…
    ranges: Vec<Range<usize>>,
    /// …its galley…
    galleys: Vec<Arc<Galley>>,
    /// …the marks laid over it, relative to its start (a stretch of
    /// `marks`: one list for all, not thousands of small ones)…
    own_marks: Vec<Range<usize>>,
    marks: Vec<(Range<usize>, Mark)>,
    /// …and, for a marked paragraph, its job before the marks (what the
    /// next text's formats are compared with).
    bases: Vec<Option<Arc<LayoutJob>>>,
    dark: bool,
    /// How many paragraphs the last call laid out (the rest were reused).
    pub laid_out: usize,
}

/// The byte ranges egui's paragraph split uses: split on `\n`, the newline
/// itself in no paragraph, except a final one.
fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if end == text.len() - 1 && text.ends_with('\n') {
            end += 1;
        }
        out.push(start..end);
        start = end + 1;
    }
    out
}

/// The paragraph's part of `job` as its own job (as egui makes it).
fn paragraph_job(job: &LayoutJob, range: &Range<usize>, first: bool) -> LayoutJob {
    let (start, end) = (range.start, range.end);
    let mut out = LayoutJob {
        text: job.text[start..end].to_owned(),
        wrap: job.wrap.clone(),
        sections: Vec::new(),
        break_on_newline: job.break_on_newline,
        halign: job.halign,
        justify: job.justify,
        first_row_min_height: if first { job.first_row_min_height } else { 0.0 },
        round_output_to_gui: job.round_output_to_gui,
        keep_trailing_whitespace: job.keep_trailing_whitespace,
    };
    for section in overlapping(&job.sections, start, end) {
        out.sections.push(LayoutSection {
            leading_space: if start <= section.byte_range.start.0 {
                section.leading_space
            } else {
                0.0
            },
            byte_range: ByteIndex(section.byte_range.start.0.saturating_sub(start))
                ..ByteIndex(section.byte_range.end.0.min(end).saturating_sub(start)),
            format: section.format.clone(),
        });
    }
    out
}

/// The sections of `sections` (sorted) that egui puts in the paragraph
/// `start..end`.
fn overlapping(
    sections: &[LayoutSection],
    start: usize,
    end: usize,
) -> impl Iterator<Item = &LayoutSection> {
    let first = sections.partition_point(|s| s.byte_range.end.0 <= start);
    sections[first..]
        .iter()
        .take_while(move |s| s.byte_range.start.0 <= end)
}

/// Whether `job`'s paragraph `start..end` has the same formats as `old`.
fn same_formats(job: &LayoutJob, start: usize, end: usize, old: &LayoutJob) -> bool {
    let mut theirs = old.sections.iter();
    for section in overlapping(&job.sections, start, end) {
        let Some(other) = theirs.next() else {
            return false;
        };
        let range = section.byte_range.start.0.saturating_sub(start)
            ..section.byte_range.end.0.min(end).saturating_sub(start);
        if other.byte_range.start.0 != range.start
            || other.byte_range.end.0 != range.end
            || other.format != section.format
        {
            return false;
        }
    }
    theirs.next().is_none()
}

impl Paragraphs {
    /// The galley of `job` (whose wrap width is set, in whole points),
    /// reusing the galleys of unchanged paragraphs. `diff` is how its text
    /// differs from the last one laid out here (`None`: unknown, nothing is
    /// reused); `restyled` is where its formats can differ from the last
    /// job's, when the caller knows (`None`: anywhere); paragraphs outside
    /// it are not compared.
    pub fn layout(
        &mut self,
        ui: &egui::Ui,
        job: &Arc<LayoutJob>,
        marks: &[(Range<usize>, Mark)],
        dark: bool,
        diff: Option<Diff>,
        restyled: Option<Range<usize>>,
    ) -> Arc<Galley> {
        let wrap = job.wrap.max_width.to_bits();
        let new = job.text.as_str();
        let (prefix, delta) = match diff {
            Some(diff)
                if wrap == self.wrap && dark == self.dark && diff.old_len() == self.text_len =>
            {
                (Some((diff.prefix, diff.new_end)), diff.delta())
            }
            _ => (None, 0),
        };
        let ranges = split(new);
        let mut galleys = Vec::with_capacity(ranges.len());
        let mut own_marks = Vec::with_capacity(ranges.len());
        let mut all_marks = Vec::with_capacity(self.marks.len() + 8);
        let mut bases = Vec::with_capacity(ranges.len());
        let mut next_mark = 0;
        self.laid_out = 0;
        // Old paragraphs are visited in order, as the new ones are.
        let mut cursor = 0;
        for (i, range) in ranges.iter().enumerate() {
            // This paragraph's marks, relative to its start.
            while next_mark < marks.len() && marks[next_mark].0.end <= range.start {
                next_mark += 1;
            }
            let own_from = all_marks.len();
            let mut k = next_mark;
            while k < marks.len() && marks[k].0.start < range.end.max(range.start + 1) {
                let (r, m) = &marks[k];
                let start = r.start.max(range.start) - range.start;
                let end = r.end.min(range.end) - range.start;
                if start < end {
                    all_marks.push((start..end, *m));
                }
                k += 1;
            }
            // The same text in the old layout: before the edit, or after it
            // (moved by the change in length).
            let old_range = match prefix {
                Some((common, _)) if range.end < common => Some(range.clone()),
                Some((_, changed_end)) if range.start > changed_end => Some(
                    (range.start as isize - delta) as usize..(range.end as isize - delta) as usize,
                ),
                _ => None,
            };
            let own = &all_marks[own_from..];
            // Comparing every paragraph's formats (searching the sections
            // for its own) was the largest part of a keystroke at 200,000
            // words: it is skipped where the highlighter restyled nothing.
            let kept_formats = restyled
                .as_ref()
                .is_some_and(|r| range.end < r.start || range.start > r.end);
            let found = old_range.and_then(|old| {
                while cursor < self.ranges.len() && self.ranges[cursor].start < old.start {
                    cursor += 1;
                }
                let r = self.ranges.get(cursor)?;
                let galley = &self.galleys[cursor];
                (r.start == old.start
                    && r.end == old.end
                    && self.marks[self.own_marks[cursor].clone()] == *own
                    && (kept_formats
                        || same_formats(
                            job,
                            range.start,
                            range.end,
                            self.bases[cursor].as_deref().unwrap_or(&galley.job),
                        )))
                .then_some((galley, self.bases[cursor].clone()))
            });
            let (galley, base) = match found {
                Some((galley, base)) => (Arc::clone(galley), base),
                None => {
                    self.laid_out += 1;
                    let paragraph = paragraph_job(job, range, i == 0);
                    if own.is_empty() {
                        (ui.fonts_mut(|f| f.layout_job(paragraph)), None)
                    } else {
                        let marked = mark(&paragraph, own, dark);
                        (
                            ui.fonts_mut(|f| f.layout_job(marked)),
                            Some(Arc::new(paragraph)),
                        )
                    }
                }
            };
            galleys.push(galley);
            own_marks.push(own_from..all_marks.len());
            bases.push(base);
        }
        let pixels_per_point = ui.ctx().pixels_per_point();
        self.text_len = new.len();
        self.wrap = wrap;
        self.ranges = ranges;
        self.galleys = galleys;
        self.own_marks = own_marks;
        self.marks = all_marks;
        self.bases = bases;
        self.dark = dark;
        if self.galleys.is_empty() {
            ui.fonts_mut(|f| f.layout_job(LayoutJob::clone(job)))
        } else {
            Arc::new(Galley::concat(
                Arc::clone(job),
                &self.galleys,
                pixels_per_point,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::editor::highlight::{Cache, Palette, highlight};

    /// What a galley shows: each row's position, size, characters and how
    /// many vertices draw it (an underline adds some).
    fn shape(galley: &Galley) -> Vec<(egui::Pos2, egui::Vec2, String, usize)> {
        galley
            .rows
            .iter()
            .map(|r| {
                let chars = r.glyphs.iter().map(|g| g.chr).collect();
                (r.pos, r.size, chars, r.visuals.mesh.vertices.len())
            })
            .collect()
    }

    #[test]
    fn edits_give_the_galley_egui_would() {
        let sample = include_str!("../../../sample_docs/oneplus-copydesk.md");
        let body = crate::format::parse_markdown(sample).unwrap().article.body;
        let ctx = egui::Context::default();
        let mut paragraphs = Paragraphs::default();
        // And through the editor's cache, which re-highlights only the
        // edited paragraph and says so.
        let mut cache = Cache::default();
        let mut text = body.clone();
        let edits: [(usize, &str, usize); 6] = [
            (10, "x", 0),
            (200, "\n\n## New\n", 0),
            (0, "", 5),
            (body.len() / 2, "**bold** ", 0),
            (400, "", 30),
            (3, "\n", 0),
        ];
        let mut step = 0;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            for wrap in [400.0, 300.0] {
                for &(at, insert, delete) in &edits {
                    step += 1;
                    let at = at.min(text.len());
                    let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap();
                    let mut end = (at + delete).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    let before = text.clone();
                    text.replace_range(at..end, insert);
                    let diff = Diff::between(&before, &text);
                    let mut job = highlight(&text, &Palette::for_dark(false), 14.0);
                    job.wrap.max_width = wrap;
                    // Misspelling marks on some words, moving with the text.
                    let marks: Vec<(Range<usize>, Mark)> = text
                        .match_indices("the")
                        .step_by(3)
                        .map(|(at, w)| (at..at + w.len(), Mark::Misspelled))
                        .collect();
                    let ours = paragraphs.layout(
                        ui,
                        &Arc::new(job.clone()),
                        &marks,
                        false,
                        Some(diff),
                        None,
                    );
                    let theirs = ui.fonts_mut(|f| f.layout_job(mark(&job, &marks, false)));
                    assert_eq!(ours.text(), text);
                    assert!(shape(&ours) == shape(&theirs), "step {step}");
                    assert_eq!(ours.rect, theirs.rect, "step {step}");
                    let cached = cache.galley(ui, &text, false, 14.0, &Arc::new(marks), wrap);
                    assert!(shape(&cached) == shape(&theirs), "cached, step {step}");
                    assert_eq!(cached.rect, theirs.rect, "cached, step {step}");
                }
            }
        });
        output.textures_delta.clear();
    }

    #[test]
    fn an_edit_restyling_the_next_line_lays_that_line_out_again() {
        let ctx = egui::Context::default();
        let mut cache = Cache::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            // Emphasis over two lines of one paragraph: taking its first
            // star away restyles "spans", a line whose text is unchanged.
            for text in [
                "Lead *line\nspans* two lines.\n\nNext one.\n",
                "Lead line\nspans* two lines.\n\nNext one.\n",
                "Lead *line\nspans* two lines.\n\nNext one.\n",
            ] {
                let marks = Arc::new(Vec::new());
                let cached = cache.galley(ui, text, false, 14.0, &marks, 300.0);
                let mut job = highlight(text, &Palette::for_dark(false), 14.0);
                job.wrap.max_width = 300.0;
                let theirs = ui.fonts_mut(|f| f.layout_job(job));
                let colours = |g: &Galley| -> Vec<_> {
                    g.rows
                        .iter()
                        .flat_map(|r| r.visuals.mesh.vertices.iter().map(|v| v.color))
                        .collect()
                };
                assert!(shape(&cached) == shape(&theirs), "{text:?}");
                assert!(colours(&cached) == colours(&theirs), "{text:?}");
            }
        });
        output.textures_delta.clear();
    }
}
