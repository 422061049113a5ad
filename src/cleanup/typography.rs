//! Smart typography: curly quotes in the form the article's language uses,
//! apostrophes, dashes and ellipses.

use super::edits::Edit;
use super::language::{Conventions, NBSP};
use super::mask::Mask;

/// Words that begin with an elided letter: `’tis`, `rock ’n’ roll`.
const ELISIONS: [&str; 9] = [
    "tis", "twas", "em", "cause", "til", "n", "round", "bout", "nuff",
];

fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{—–-/“‘«„‚\"'".contains(p))
}

pub fn quotes(text: &str, mask: &Mask, conv: &Conventions) -> Vec<Edit> {
    let [open, close] = conv.quotes;
    let [inner_open, inner_close] = conv.inner_quotes;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut double_open = false;
    let mut single_open = false;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|x| x.1);
        if c == '\n' && next == Some('\n') {
            // Quotes do not run across paragraphs.
            double_open = false;
            single_open = false;
        }
        if !matches!(c, '"' | '\'') || !mask.allows(i..i + 1) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let opening_side = opens_after(prev);
        let next_space = next.is_none_or(char::is_whitespace);
        let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
        let quote = if c == '"' {
            if prev.is_some_and(|p| p.is_ascii_digit()) && !double_open {
                // 6.1" is a measurement in inches, not a quote.
                continue;
            }
            let opening = if opening_side && next_space {
                !double_open
            } else {
                opening_side
            };
            double_open = opening;
            if opening { open } else { close }
        } else if word(prev) && word(next) {
            if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            {
                // 5'10 is feet and inches.
                continue;
            }
            '’'
        } else if opening_side && starts_elision(&text[i + 1..]) {
            '’'
        } else if opening_side && !next_space {
            single_open = true;
            inner_open
        } else if single_open && !opening_side {
            single_open = false;
            inner_close
        } else if !opening_side {
            // The plural possessive: the players' union.
            '’'
        } else {
            continue;
        };
        let mut range = i..i + 1;
        let mut with = quote.to_string();
        if conv.french_spacing && (quote == '«' || quote == '»') {
            // French sets a no-break space inside guillemets, in place of
            // an ordinary one if there was one.
            if quote == '«' {
                if next == Some(' ') {
                    range.end += 1;
                }
                if next != Some(NBSP) {
                    with.push(NBSP);
                }
            } else {
                if prev == Some(' ') && mask.allows(i - 1..i) {
                    range.start -= 1;
                }
                if prev != Some(NBSP) {
                    with.insert(0, NBSP);
                }
            }
        }
        out.push(Edit::new(range, with));
    }
    out
}

/// `’90s`, `’tis`: an apostrophe at the start of a word.
fn starts_elision(after: &str) -> bool {
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    if digits == 2 {
        return after[2..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() || c == 's');
    }
    let word: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let rest = after[word.len()..].chars().next();
    (ELISIONS.contains(&word.as_str()) && rest != Some('\'')) || (word == "n" && rest == Some('\''))
}

/// `---` is an em dash; `--` an en dash between numbers or spaced, an em
/// dash between words; a hyphen between spaces is an en dash. `--flag`
/// after a space is a command-line option and stays. A dash before a full
/// stop goes (see [`dashes_before_full_stops`]).
pub fn dashes(text: &str, mask: &Mask, conv: &Conventions) -> Vec<Edit> {
    let bytes = text.as_bytes();
    let mut out = dashes_before_full_stops(text, mask, conv);
    let removed: Vec<std::ops::Range<usize>> = out.iter().map(|e| e.range.clone()).collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'-' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b'-' {
            i += 1;
        }
        let run = i - start;
        if !mask.allows(start..i) || removed.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let prev = text[..start].chars().next_back();
        let next = text[i..].chars().next();
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let dash = match run {
            3 => "—",
            2 if space(prev) && next.is_some_and(char::is_alphabetic) => continue,
            2 if prev.is_some_and(|c| c.is_ascii_digit())
                && next.is_some_and(|c| c.is_ascii_digit()) =>
            {
                "–"
            }
            2 if space(prev) || space(next) => "–",
            2 => "—",
            1 if prev == Some(' ') && next == Some(' ') && start > 0 => {
                let before = text[..start - 1].chars().next_back();
                if before.is_none_or(char::is_whitespace) {
                    continue;
                }
                "–"
            }
            _ => continue,
        };
        out.push(Edit::new(start..i, dash));
    }
    out.sort_by_key(|e| e.range.start);
    out
}

/// A dash between the last word of a sentence and its full stop (`the
/// company -.`, `the company –.`): what is left of a dash that set off a
/// remark, which the full stop closes in every language. The dash and the
/// spaces before it go. `-.5` and `…` are left alone.
pub fn dashes_before_full_stops(text: &str, mask: &Mask, _: &Conventions) -> Vec<Edit> {
    const SPACES: [char; 4] = [' ', '\t', '\u{a0}', '\u{202f}'];
    let mut out = Vec::new();
    for (stop, _) in text.match_indices('.') {
        let next = text[stop + 1..].chars().next();
        let full_stop = next.is_none_or(|n| n.is_whitespace() || "”’»“\"')]*_".contains(n));
        if !full_stop || text[..stop].ends_with('.') {
            continue;
        }
        let before_stop = text[..stop].trim_end_matches(SPACES);
        let dash_start = before_stop.trim_end_matches(['-', '–', '—']).len();
        let dashes = &before_stop[dash_start..];
        if dashes.is_empty() || dashes.chars().count() > 3 {
            continue;
        }
        let word_end = text[..dash_start].trim_end_matches(SPACES);
        let spaced = word_end.len() < dash_start;
        let last = word_end.chars().next_back();
        // `pre-.` could be a word cut short; a spaced or long dash is not.
        if !(spaced || dashes != "-")
            || !last.is_some_and(|c| c.is_alphanumeric() || ")]”’»\"'*_`%".contains(c))
        {
            continue;
        }
        let range = word_end.len()..stop;
        if mask.allows(range.clone()) {
            out.push(Edit::new(range, ""));
        }
    }
    out
}

/// Three dots (or three spaced dots) are an ellipsis.
pub fn ellipses(text: &str, mask: &Mask, _: &Conventions) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("..").map(|f| from + f) {
        let bytes = text.as_bytes();
        let mut end = found;
        while end < bytes.len() && bytes[end] == b'.' {
            end += 1;
        }
        let before_dot = found > 0 && bytes[found - 1] == b'.';
        if end - found == 3 && !before_dot && mask.allows(found..end) {
            out.push(Edit::new(found..end, "…"));
        }
        from = end;
    }
    let mut from = 0;
    while let Some(found) = text[from..].find(". . .").map(|f| from + f) {
        let end = found + 5;
        if mask.allows(found..end) && !text[end..].starts_with(" .") {
            out.push(Edit::new(found..end, "…"));
        }
        from = end;
    }
    out.sort_by_key(|e| e.range.start);
    out
}

#[cfg(test)]
mod tests {
    use super::super::run_fix as run;
    use super::*;

    #[test]
    fn english_quotes_nested_and_apostrophes() {
        assert_eq!(
            run(quotes, "\"She said 'it's fine' to me,\" he said.", "en"),
            "“She said ‘it’s fine’ to me,” he said."
        );
        assert_eq!(
            run(
                quotes,
                "Back in the '90s, rock 'n' roll and 'tis the players' union.",
                "en"
            ),
            "Back in the ’90s, rock ’n’ roll and ’tis the players’ union."
        );
        assert_eq!(
            run(quotes, "(\"quoted\") and \"a\"", "en"),
            "(“quoted”) and “a”"
        );
    }

    #[test]
    fn quotes_in_code_links_and_measurements_stay() {
        assert_eq!(
            run(
                quotes,
                "Run `echo \"hi\"` on a 6.1\" screen, 5'10 tall, [\"x\"](http://a/'b')",
                "en"
            ),
            "Run `echo \"hi\"` on a 6.1\" screen, 5'10 tall, [“x”](http://a/'b')"
        );
        assert_eq!(
            run(quotes, "```\nsay \"x\"\n```\n", "en"),
            "```\nsay \"x\"\n```\n"
        );
    }

    #[test]
    fn quotes_in_each_language() {
        let text = "Er sagte \"das ist 'gut'\" und l'uomo.";
        assert_eq!(
            run(quotes, text, "de"),
            "Er sagte „das ist ‚gut‘“ und l’uomo."
        );
        assert_eq!(
            run(quotes, text, "it"),
            "Er sagte «das ist “gut”» und l’uomo."
        );
        assert_eq!(
            run(quotes, "Il dit \"bonjour\" et \" salut \" à l'ami.", "fr"),
            "Il dit «\u{a0}bonjour\u{a0}» et «\u{a0}salut\u{a0}» à l’ami."
        );
    }

    #[test]
    fn quotes_do_not_run_across_paragraphs() {
        assert_eq!(run(quotes, "\"open\n\n\"new\"", "en"), "“open\n\n“new”");
    }

    #[test]
    fn dashes_in_context() {
        assert_eq!(
            run(
                dashes,
                "A--B, 10--20, wait -- no, yes---sure, a - b, run --verbose",
                "en"
            ),
            "A—B, 10–20, wait – no, yes—sure, a – b, run --verbose"
        );
        assert_eq!(
            run(dashes, "a `--` b\n\n---\n\n| a |\n|---|\n| b |\n", "en"),
            "a `--` b\n\n---\n\n| a |\n|---|\n| b |\n"
        );
    }

    #[test]
    fn a_dash_before_a_full_stop_goes() {
        assert_eq!(
            run(
                dashes,
                "industry – he commented Lei Jun, CEO of the company -. This -- and that –.\n\nThe end — .",
                "en"
            ),
            "industry – he commented Lei Jun, CEO of the company. This – and that.\n\nThe end."
        );
        // A negative decimal, an ellipsis, a word cut short and code stay.
        assert_eq!(
            run(
                dashes,
                "It fell to -.5 then -... and pre-. Run `x -.` too.",
                "en"
            ),
            "It fell to -.5 then -... and pre-. Run `x -.` too."
        );
    }

    #[test]
    fn ellipses_but_not_longer_runs_or_code() {
        assert_eq!(
            run(ellipses, "Wait... what. . . no.... `a...b`", "en"),
            "Wait… what… no.... `a...b`"
        );
    }
}
