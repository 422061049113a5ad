//! Where two versions of a text differ, found with memcmp-speed slice
//! comparisons (the body is compared with its last version on every
//! keystroke by the highlighter, the layout and the spell checker; a
//! byte-at-a-time loop over a 1.3 MB article cost milliseconds each time).

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

#[cfg(test)]
mod tests {
    use super::common_ends;

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
}
