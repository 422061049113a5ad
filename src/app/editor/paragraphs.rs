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
    /// The pieces of the last text.
    pieces: Pieces,
    dark: bool,
    /// How many pieces the last call laid out (the rest were reused).
    pub laid_out: usize,
}

/// A paragraph longer than this (in bytes) is laid out in pieces of about
/// `PIECE`, each ending where a row of the whole paragraph's layout would
/// begin: a single paragraph of megabytes (a scraped draft with no
/// paragraph breaks) is then laid out again around an edit only, not whole
/// on every keystroke (1.2 s per key and gigabytes at 2.4 MB).
const LONG: usize = 2 * PIECE;
const PIECE: usize = 4096;
/// More than a row's worth of text, in bytes: a piece is laid out this far
/// past its end to find where the next row begins; an edit this close
/// after a piece can move a word up into its last row.
const ROW: usize = 2048;

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

/// The nearest char boundary of `text` at or before `at`.
fn floor_char(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// `galley` (of `text`, one paragraph) cut before the last row that
/// starts after its first and at or before byte `at`: the cut galley and
/// where it ends in `text`; `None` when no row starts there.
fn cut_at_row(galley: &Galley, text: &str, at: usize) -> Option<(Galley, usize)> {
    // A paragraph's rows hold one glyph per char and no newline.
    let mut chars = text.char_indices();
    let mut byte = 0;
    let mut keep = None;
    for (i, row) in galley.rows.iter().enumerate() {
        if i > 0 {
            if byte > at {
                break;
            }
            keep = Some((i, byte));
        }
        let n = row.row.glyphs.len();
        if n == 0 {
            break;
        }
        byte = match chars.nth(n - 1) {
            Some((b, c)) => b + c.len_utf8(),
            None => text.len(),
        };
    }
    let (rows, end) = keep.filter(|&(_, end)| end > 0)?;
    let mut cut = galley.clone();
    cut.rows.truncate(rows);
    cut.num_vertices = cut.rows.iter().map(|r| r.visuals.mesh.vertices.len()).sum();
    cut.num_indices = cut.rows.iter().map(|r| r.visuals.mesh.indices.len()).sum();
    cut.rect = egui::Rect::NOTHING;
    cut.mesh_bounds = egui::Rect::NOTHING;
    for row in &cut.rows {
        cut.rect |= egui::Rect::from_min_size(row.pos, row.size);
        cut.mesh_bounds |= row.visuals.mesh_bounds.translate(row.pos.to_vec2());
    }
    Some((cut, end))
}

/// Laid-out pieces of a text, in order.
#[derive(Default)]
struct Pieces {
    /// Each piece's byte range in the text (a paragraph, or a part of a
    /// long one)…
    ranges: Vec<Range<usize>>,
    /// …whether the paragraph goes on in the next piece…
    joins: Vec<bool>,
    /// …its galley…
    galleys: Vec<Arc<Galley>>,
    /// …the marks laid over it, relative to its start (a stretch of
    /// `marks`: one list for all, not thousands of small ones)…
    own_marks: Vec<Range<usize>>,
    marks: Vec<(Range<usize>, Mark)>,
    /// …and, for a marked piece, its job before the marks (what the
    /// next text's formats are compared with).
    bases: Vec<Option<Arc<LayoutJob>>>,
}

/// What one call to [`Paragraphs::layout`] builds: the new pieces.
#[derive(Default)]
struct Next {
    pieces: Pieces,
    /// The first of the given marks that may fall in the next piece.
    next_mark: usize,
}

impl Next {
    /// No pieces yet, with room for about `marks` marks (as many as last
    /// time).
    fn with_room_for(marks: usize) -> Self {
        Next {
            pieces: Pieces {
                marks: Vec::with_capacity(marks),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// The marks over `range`, relative to its start, added to `marks`;
    /// returns where they are there.
    fn own_marks(&mut self, marks: &[(Range<usize>, Mark)], range: &Range<usize>) -> Range<usize> {
        while self.next_mark < marks.len() && marks[self.next_mark].0.end <= range.start {
            self.next_mark += 1;
        }
        let from = self.pieces.marks.len();
        let mut k = self.next_mark;
        while k < marks.len() && marks[k].0.start < range.end.max(range.start + 1) {
            let (r, m) = &marks[k];
            let start = r.start.max(range.start) - range.start;
            let end = r.end.min(range.end) - range.start;
            if start < end {
                self.pieces.marks.push((start..end, *m));
            }
            k += 1;
        }
        from..self.pieces.marks.len()
    }

    fn push(
        &mut self,
        range: Range<usize>,
        join: bool,
        galley: Arc<Galley>,
        own: Range<usize>,
        base: Option<Arc<LayoutJob>>,
    ) {
        self.pieces.ranges.push(range);
        self.pieces.joins.push(join);
        self.pieces.galleys.push(galley);
        self.pieces.own_marks.push(own);
        self.pieces.bases.push(base);
    }
}

/// Where the text changed, as [`Paragraphs::layout`] uses it.
struct Edit {
    /// Bytes in common at the start…
    common: usize,
    /// …where the changed stretch ends in the new text and in the old…
    new_end: usize,
    old_end: usize,
    /// …and how much longer the new text is.
    delta: isize,
}

impl Edit {
    /// Where old text at `old` is in the new text, if it is outside the
    /// change (`None` inside it).
    fn new_of_old(&self, old: usize) -> Option<usize> {
        if old < self.common {
            Some(old)
        } else if old > self.old_end {
            Some((old as isize + self.delta) as usize)
        } else {
            None
        }
    }
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
        let edit = self.edit_since(diff, wrap, dark);
        // Without a wrap width a paragraph is one row: nothing to cut.
        let long = if job.wrap.max_width.is_finite() {
            LONG
        } else {
            usize::MAX
        };
        let mut next = Next::with_room_for(self.pieces.marks.len() + 8);
        self.laid_out = 0;
        // Old pieces are visited in order, as the new ones are.
        let mut cursor = 0;
        let old_ranges = std::mem::take(&mut self.pieces.ranges);
        for line in split(new) {
            let mut pos = line.start;
            // New pieces in a row in this paragraph.
            let mut fresh = 0;
            // At least once: an empty paragraph is a row too.
            loop {
                let first = pos == 0;
                // The old piece that begins here, if unchanged.
                if let Some(found) = self.reusable(
                    &old_ranges,
                    &mut cursor,
                    &mut next,
                    job,
                    marks,
                    edit.as_ref(),
                    restyled.as_ref(),
                    pos,
                    line.end,
                ) {
                    pos = found;
                    fresh = 0;
                    if pos >= line.end {
                        break;
                    }
                    continue;
                }
                self.laid_out += 1;
                fresh += 1;
                let (end, forced) = if line.end - pos <= long {
                    (line.end, false)
                } else {
                    let old = &old_ranges[cursor.min(old_ranges.len())..];
                    piece_end(new, pos, line.end, fresh, old, edit.as_ref())
                };
                let piece = Piece {
                    range: pos..end,
                    whole: end == line.end || forced,
                    line_end: line.end,
                    first,
                };
                let (range, galley, own, base) = new_piece(ui, job, marks, dark, &mut next, piece);
                pos = range.end;
                next.push(range, pos < line.end, galley, own, base);
                if pos >= line.end {
                    break;
                }
            }
        }
        self.text_len = new.len();
        self.wrap = wrap;
        self.dark = dark;
        self.pieces = next.pieces;
        self.joined(ui, job)
    }

    /// What changed since the last layout, as far as its pieces can still
    /// be reused (not after a change of wrap width or theme).
    fn edit_since(&self, diff: Option<Diff>, wrap: u32, dark: bool) -> Option<Edit> {
        let diff = diff?;
        (wrap == self.wrap && dark == self.dark && diff.old_len() == self.text_len).then(|| Edit {
            common: diff.prefix,
            new_end: diff.new_end,
            old_end: diff.old_end,
            delta: diff.delta(),
        })
    }

    /// The pieces as one galley, for the text editor.
    fn joined(&self, ui: &egui::Ui, job: &Arc<LayoutJob>) -> Arc<Galley> {
        let pixels_per_point = ui.ctx().pixels_per_point();
        if self.pieces.galleys.is_empty() {
            return ui.fonts_mut(|f| f.layout_job(LayoutJob::clone(job)));
        }
        let mut galley = Galley::concat(Arc::clone(job), &self.pieces.galleys, pixels_per_point);
        // `concat` ends every galley but the last with a newline; pieces
        // of one paragraph have none between them.
        let mut row = 0;
        for (piece, join) in self.pieces.galleys.iter().zip(&self.pieces.joins) {
            row += piece.rows.len();
            if *join && let Some(last) = galley.rows.get_mut(row.wrapping_sub(1)) {
                last.ends_with_newline = false;
            }
        }
        Arc::new(galley)
    }

    /// The old piece that starts where `pos` was and is unchanged (text,
    /// marks, formats, and the paragraph going on after it or not), added
    /// to `next`; returns where it ends.
    #[allow(clippy::too_many_arguments)]
    fn reusable(
        &self,
        old_ranges: &[Range<usize>],
        cursor: &mut usize,
        next: &mut Next,
        job: &LayoutJob,
        marks: &[(Range<usize>, Mark)],
        edit: Option<&Edit>,
        restyled: Option<&Range<usize>>,
        pos: usize,
        line_end: usize,
    ) -> Option<usize> {
        let edit = edit?;
        // Where `pos` was in the old text.
        let old_pos = if pos < edit.common {
            pos
        } else if pos > edit.new_end {
            (pos as isize - edit.delta) as usize
        } else {
            return None;
        };
        while *cursor < old_ranges.len() && old_ranges[*cursor].start < old_pos {
            *cursor += 1;
        }
        let old = old_ranges.get(*cursor).filter(|r| r.start == old_pos)?;
        let join = self.pieces.joins[*cursor];
        let end = (old.end as isize + if pos < edit.common { 0 } else { edit.delta }) as usize;
        // Before the edit, a piece whose paragraph goes on keeps its last
        // row only if the next row's first word is unchanged.
        let margin = if join { ROW } else { 0 };
        let outside = if pos < edit.common {
            old.end + margin < edit.common
        } else {
            true
        };
        if !outside || end > line_end || join != (end < line_end) {
            return None;
        }
        let range = pos..end;
        let own = next.own_marks(marks, &range);
        let galley = &self.pieces.galleys[*cursor];
        // Comparing every paragraph's formats (searching the sections for
        // its own) was the largest part of a keystroke at 200,000 words: it
        // is skipped where the highlighter restyled nothing.
        let kept_formats = restyled.is_some_and(|r| range.end < r.start || range.start > r.end);
        let same = self.pieces.marks[self.pieces.own_marks[*cursor].clone()]
            == next.pieces.marks[own.clone()]
            && (kept_formats
                || same_formats(
                    job,
                    range.start,
                    range.end,
                    self.pieces.bases[*cursor].as_deref().unwrap_or(&galley.job),
                ));
        if !same {
            next.pieces.marks.truncate(own.start);
            return None;
        }
        next.push(
            range,
            join,
            Arc::clone(galley),
            own,
            self.pieces.bases[*cursor].clone(),
        );
        Some(end)
    }
}

/// A piece of `job` laid out with its marks, and its job before the marks
/// when it has some.
/// Where a new piece of a long paragraph that starts at `pos` ends, and
/// whether it must end exactly there (`fresh`: new pieces in a row so far;
/// `old`: the old pieces not yet passed).
fn piece_end(
    new: &str,
    pos: usize,
    line_end: usize,
    fresh: usize,
    old: &[Range<usize>],
    edit: Option<&Edit>,
) -> (usize, bool) {
    // Aim for an old piece's start after the edit (the rest of the
    // paragraph is then reused), else a piece's length.
    let old_start = old
        .iter()
        .filter_map(|r| edit?.new_of_old(r.start))
        .filter(|&s| edit.is_some_and(|e| s > e.new_end))
        .find(|&s| s > pos + PIECE / 2);
    let old_start = old_start.filter(|&s| s <= pos + LONG && s < line_end);
    // Where the rows after an edit never fall back in step with the old
    // ones (text repeating a row's length), the cost is bounded: after two
    // new pieces one ends at the old piece's start, a row ending early there.
    let forced = old_start.is_some() && fresh > 2;
    (floor_char(new, old_start.unwrap_or(pos + PIECE)), forced)
}

/// A piece to lay out anew.
struct Piece {
    /// Where it starts, and where it should end…
    range: Range<usize>,
    /// …exactly (the paragraph's end, or an old piece's start), or at the
    /// start of the row there…
    whole: bool,
    /// …in the paragraph that ends here…
    line_end: usize,
    /// …and whether it is the paragraph's first piece.
    first: bool,
}

/// Lays out a new piece, with its own marks added to `next`: returns its
/// range (a cut piece ends where a row begins), galley, marks, and its job
/// before the marks.
fn new_piece(
    ui: &egui::Ui,
    job: &LayoutJob,
    marks: &[(Range<usize>, Mark)],
    dark: bool,
    next: &mut Next,
    piece: Piece,
) -> (
    Range<usize>,
    Arc<Galley>,
    Range<usize>,
    Option<Arc<LayoutJob>>,
) {
    let Piece {
        range,
        whole,
        line_end,
        first,
    } = piece;
    let whole_piece = |next: &mut Next, range: Range<usize>| {
        let own = next.own_marks(marks, &range);
        let (galley, base) = lay_out(
            ui,
            job,
            &range,
            &next.pieces.marks[own.clone()],
            dark,
            first,
        );
        (range, galley, own, base)
    };
    if whole {
        return whole_piece(next, range);
    }
    // Laid out a row further, and cut where a row begins.
    let (pos, end) = (range.start, range.end);
    let new = job.text.as_str();
    let look = floor_char(new, end + ROW).min(line_end);
    let seen = pos..look;
    let own = next.own_marks(marks, &seen);
    let (galley, _) = lay_out(ui, job, &seen, &next.pieces.marks[own.clone()], dark, first);
    next.pieces.marks.truncate(own.start);
    match cut_at_row(&galley, &new[seen.clone()], end - pos) {
        Some((mut cut, cut_len)) => {
            let range = pos..pos + cut_len;
            let own = next.own_marks(marks, &range);
            let plain = Arc::new(paragraph_job(job, &range, first));
            cut.job = Arc::clone(&plain);
            let base = (!own.is_empty()).then_some(plain);
            (range, Arc::new(cut), own, base)
        }
        // One row wider than a piece: cut it there.
        None => whole_piece(next, range),
    }
}

fn lay_out(
    ui: &egui::Ui,
    job: &LayoutJob,
    range: &Range<usize>,
    own: &[(Range<usize>, Mark)],
    dark: bool,
    first: bool,
) -> (Arc<Galley>, Option<Arc<LayoutJob>>) {
    let paragraph = paragraph_job(job, range, first);
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

    /// A paragraph of `len` bytes and no line break: words of different
    /// lengths, some emphasised.
    fn long_paragraph(len: usize) -> String {
        let words = [
            "Leica",
            "and",
            "Xiaomi",
            "*agreed*",
            "a",
            "partnership",
            "über",
            "co-engineered",
        ];
        let mut text = String::new();
        let mut i = 0;
        while text.len() < len {
            text.push_str(words[(i >> 16) % words.len()]);
            text.push(' ');
            i = i * 1_103_515_245 + 12_345;
            i %= 1 << 31;
        }
        text
    }

    /// What must hold of a galley of `text` laid out `wrap` wide: every
    /// char in a row, newlines where the text has them, rows one under the
    /// other, none wider than the wrap (trailing spaces aside).
    fn check_rows(galley: &Galley, text: &str, wrap: f32) {
        assert_eq!(galley.text(), text);
        let mut chars = text.chars();
        let mut y = 0.0;
        for row in &galley.rows {
            let shown: String = row.glyphs.iter().map(|g| g.chr).collect();
            let taken: String = chars.by_ref().take(row.glyphs.len()).collect();
            assert_eq!(shown, taken);
            if row.ends_with_newline {
                assert_eq!(chars.next(), Some('\n'), "after {shown:?}");
            }
            assert_eq!(row.pos.y, y, "{shown:?}");
            y += row.size.y;
            let inked = row.glyphs.iter().rev().find(|g| g.chr != ' ');
            assert!(inked.is_none_or(|g| g.max_x() <= wrap + 1.0), "{shown:?}");
        }
        assert_eq!(chars.next(), None);
    }

    #[test]
    fn a_long_paragraph_is_laid_out_in_pieces_and_again_around_an_edit() {
        let ctx = egui::Context::default();
        let mut paragraphs = Paragraphs::default();
        let mut text = format!("Lead.\n\n{}\n\nEnd.\n", long_paragraph(60_000));
        let mid = text.len() / 2;
        // Typing, deleting across pieces, and words moving up to the row
        // before a piece (a long word shortened just after a cut).
        let edits: Vec<(usize, &str, usize)> = vec![
            (0, "", 0),
            (mid, "x", 0),
            (mid + 1, "yz ", 0),
            (mid - 5000, "", 9000),
            (20_000, " ", 0),
            (4100, "", 12),
            (8200, "Hasselblad-engineered-camera-module ", 0),
            (30, "", 3),
            (text.len() - 20, "!", 0),
        ];
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            for wrap in [400.0, 250.0] {
                for &(at, insert, delete) in &edits {
                    let before = text.clone();
                    let at = floor_char(&text, at);
                    let end = (at..=text.len())
                        .find(|&i| i >= at + delete && text.is_char_boundary(i))
                        .unwrap();
                    text.replace_range(at..end, insert);
                    let mut job = highlight(&text, &Palette::for_dark(false), 14.0);
                    job.wrap.max_width = wrap;
                    let job = Arc::new(job);
                    let marks: Vec<(Range<usize>, Mark)> = text
                        .match_indices("and")
                        .step_by(5)
                        .map(|(at, w)| (at..at + w.len(), Mark::Misspelled))
                        .collect();
                    let diff = Diff::between(&before, &text);
                    let ours = paragraphs.layout(ui, &job, &marks, false, Some(diff), None);
                    check_rows(&ours, &text, wrap);
                    // Beside egui's layout of the whole and a layout from
                    // scratch: rows can break differently where egui's
                    // rounding of glyph places (in the whole paragraph, or
                    // from a piece's start) puts a word a fraction of a
                    // pixel inside or outside the wrap, nowhere else.
                    let whole = ui.fonts_mut(|f| f.layout_job(mark(&job, &marks, false)));
                    let fresh = Paragraphs::default().layout(ui, &job, &marks, false, None, None);
                    check_rows(&fresh, &text, wrap);
                    for other in [&whole, &fresh] {
                        let (a, b) = (ours.rows.len() as i64, other.rows.len() as i64);
                        assert!((a - b).abs() <= b / 100, "{a} rows against {b}");
                    }
                    if delete == 0 && insert.len() < 5 && at > 0 {
                        assert!(paragraphs.laid_out <= 3, "laid out {}", paragraphs.laid_out);
                    }
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
