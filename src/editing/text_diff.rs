//! Where two versions of a text differ, found with memcmp-speed slice
//! comparisons (the body is compared with its last version on every
//! keystroke by the highlight cache, the spell checker and the find bar; a
//! byte-at-a-time loop over a 1.3 MB article cost milliseconds each time),
//! and ranges of the old text moved to the new one.

use std::ops::Range;

/// The lengths of the common prefix and of the common suffix of `old` and
/// `new` (which do not overlap).
pub fn common_ends(old: &str, new: &str) -> (usize, usize) {
    const CHUNK: usize = 256;
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let shortest = a.len().min(b.len());
    let mut prefix = 0;
    while prefix + CHUNK <= shortest && a[prefix..prefix + CHUNK] == b[prefix..prefix + CHUNK] {
        prefix += CHUNK;
    }
    while prefix < shortest && a[prefix] == b[prefix] {
        prefix += 1;
    }
    let room = shortest - prefix;
    let mut suffix = 0;
    while suffix + CHUNK <= room
        && a[a.len() - suffix - CHUNK..a.len() - suffix]
            == b[b.len() - suffix - CHUNK..b.len() - suffix]
    {
        suffix += CHUNK;
    }
    while suffix < room && a[a.len() - suffix - 1] == b[b.len() - suffix - 1] {
        suffix += 1;
    }
    (prefix, suffix)
}

/// Where a new version of a text differs from the old one: one stretch,
/// after a common prefix and before a common suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Diff {
    /// Bytes the two have in common at the start.
    pub prefix: usize,
    /// Where the changed stretch ends in the old text…
    pub old_end: usize,
    /// …and in the new one.
    pub new_end: usize,
    old_len: usize,
    new_len: usize,
}

impl Diff {
    pub fn between(old: &str, new: &str) -> Self {
        let (prefix, suffix) = common_ends(old, new);
        Self {
            prefix,
            old_end: old.len() - suffix,
            new_end: new.len() - suffix,
            old_len: old.len(),
            new_len: new.len(),
        }
    }

    /// The length of the old text.
    pub fn old_len(&self) -> usize {
        self.old_len
    }

    /// The two texts are the same.
    pub fn is_none(&self) -> bool {
        self.old_len == self.new_len && self.prefix == self.old_len
    }

    /// How much longer the new text is.
    pub fn delta(&self) -> isize {
        self.new_len as isize - self.old_len as isize
    }

    /// A range of the old text in the new text `new`: the same before the
    /// changed stretch, moved by the change in length after it, gone
    /// (`None`) where it touches it.
    pub fn moved(&self, r: &Range<usize>, new: &str) -> Option<Range<usize>> {
        if self.is_none() || r.end < self.prefix {
            Some(r.clone())
        } else if r.start > self.old_end {
            let delta = self.delta();
            let start = (r.start as isize + delta) as usize;
            let end = (r.end as isize + delta) as usize;
            new.is_char_boundary(start).then_some(start..end)
        } else {
            None
        }
    }

    /// Marked ranges of the old text (sorted or not) moved to `new` (see
    /// [`Diff::moved`]).
    pub fn shift<T: Copy>(
        &self,
        ranges: &[(Range<usize>, T)],
        new: &str,
    ) -> Vec<(Range<usize>, T)> {
        ranges
            .iter()
            .filter_map(|(r, m)| Some((self.moved(r, new)?, *m)))
            .collect()
    }
}

/// A copy of a text as last seen, and its revision: what the spell checker
/// and the find bar move their ranges from when the body is edited.
#[derive(Default)]
pub struct LastSeen {
    text: String,
    revision: Option<u64>,
}

impl LastSeen {
    /// `text` at `revision`, seen now.
    pub fn of(revision: u64, text: &str) -> Self {
        Self {
            text: text.to_owned(),
            revision: Some(revision),
        }
    }

    /// Whether the text last seen is at `revision`.
    pub fn is_at(&self, revision: u64) -> bool {
        self.revision == Some(revision)
    }

    /// How `text`, at `revision`, differs from the text last seen, which it
    /// then becomes; `None` the first time, or when nothing changed.
    pub fn edit(&mut self, revision: u64, text: &str) -> Option<Diff> {
        if self.is_at(revision) {
            return None;
        }
        let first = self.revision.replace(revision).is_none();
        let diff = Diff::between(&self.text, text);
        if diff.is_none() {
            return None;
        }
        // Into the same buffer: a fresh 1 MB copy per keystroke cost page
        // faults.
        self.text.clear();
        self.text.push_str(text);
        (!first).then_some(diff)
    }
}

#[cfg(test)]
mod tests {
    use super::{Diff, LastSeen, common_ends};

    fn shift(
        ranges: &[(std::ops::Range<usize>, char)],
        old: &str,
        new: &str,
    ) -> Vec<(std::ops::Range<usize>, char)> {
        Diff::between(old, new).shift(ranges, new)
    }

    #[test]
    fn ranges_move_with_an_edit_and_the_edited_word_loses_its_range() {
        let old = "camra one wrod two teh";
        let ranges = vec![(0..5, 'a'), (10..14, 'b'), (19..22, 'c')];
        // Typing inside "wrod" drops its range; the others stay, moved.
        let new = "camra one worrd two teh";
        assert_eq!(shift(&ranges, old, new), vec![(0..5, 'a'), (20..23, 'c')]);
        assert_eq!(&new[20..23], "teh");
        // An unchanged text keeps them all, even one at the very end.
        assert_eq!(shift(&ranges, old, old), ranges);
        // Deleting before them moves them back.
        assert_eq!(
            shift(&ranges, old, &old[1..]),
            vec![(9..13, 'b'), (18..21, 'c')]
        );
    }

    fn slow(old: &str, new: &str) -> (usize, usize) {
        let p = old
            .bytes()
            .zip(new.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let room = old.len().min(new.len()) - p;
        let s = old
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        (p, s)
    }

    #[test]
    fn agrees_with_a_byte_loop() {
        let base = "abc".repeat(400);
        for (at, insert, delete) in [
            (0, "x", 0),
            (600, "yy", 0),
            (1199, "", 1),
            (300, "", 300),
            (1200, "end", 0),
            (5, "aaa", 3),
        ] {
            let mut new = base.clone();
            new.replace_range(at..(at + delete).min(base.len()), insert);
            assert_eq!(
                common_ends(&base, &new),
                slow(&base, &new),
                "{at} {insert:?} {delete}"
            );
        }
        assert_eq!(common_ends("", ""), (0, 0));
        assert_eq!(common_ends("same", "same"), (4, 0));
    }

    #[test]
    fn last_seen_reports_each_edit_once() {
        let mut seen = LastSeen::default();
        assert_eq!(seen.edit(1, "a cat"), None, "the first sight is no edit");
        assert_eq!(seen.edit(1, "ignored: same revision"), None);
        assert_eq!(seen.edit(2, "a cat"), None, "a new revision, same text");
        let diff = seen.edit(3, "ab cat").expect("an edit");
        assert_eq!((diff.prefix, diff.old_end, diff.new_end), (1, 1, 2));
        assert_eq!(diff.moved(&(2..5), "ab cat"), Some(3..6));
        assert_eq!(diff.moved(&(0..1), "ab cat"), None, "touching the edit");
        assert!(seen.is_at(3));
        assert_eq!(seen.edit(4, "ab cat"), None);
        let fresh = LastSeen::of(7, "x");
        assert!(fresh.is_at(7) && !fresh.is_at(8));
    }
}
