//! Find and replace: plain text or regular expressions, match case, whole
//! words, capture groups in the replacement.

use std::borrow::Cow;
use std::ops::Range;

use regex::{NoExpand, Regex, RegexBuilder};

/// What an editor searches for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub pattern: String,
    pub match_case: bool,
    pub whole_word: bool,
    pub regex: bool,
}

/// A compiled query.
#[derive(Clone, Debug)]
pub struct Finder {
    regex: Regex,
    expand: bool,
}

/// Matches past this many are counted but not listed (a one-letter search
/// of a 200,000-word dump would list a million).
pub const LISTED_MATCHES: usize = 100_000;

/// A regular expression that does not compile (or is too big).
#[derive(Clone, Debug, thiserror::Error)]
pub struct BadPattern(regex::Error);

impl std::fmt::Display for BadPattern {
    /// The regex crate's last line, which says what is wrong (the lines
    /// before it repeat the pattern, shown in the find bar already).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            regex::Error::Syntax(s) => f.write_str(s.lines().last().unwrap_or("").trim()),
            other => other.fmt(f),
        }
    }
}

impl Finder {
    /// `None` for an empty pattern; `Err` with the regex error for a bad one.
    pub fn new(query: &Query) -> Result<Option<Finder>, BadPattern> {
        if query.pattern.is_empty() {
            return Ok(None);
        }
        let body = if query.regex {
            query.pattern.clone()
        } else {
            regex::escape(&query.pattern)
        };
        let pattern = if query.whole_word {
            format!(r"\b(?:{body})\b")
        } else {
            body
        };
        let regex = RegexBuilder::new(&pattern)
            .case_insensitive(!query.match_case)
            .multi_line(true)
            .size_limit(1 << 24)
            .build()
            .map_err(BadPattern)?;
        Ok(Some(Finder {
            regex,
            expand: query.regex,
        }))
    }

    /// The byte ranges of the matches, in order (empty matches skipped).
    pub fn matches(&self, text: &str) -> Vec<Range<usize>> {
        self.regex
            .find_iter(text)
            .filter(|m| !m.is_empty())
            .take(LISTED_MATCHES)
            .map(|m| m.range())
            .collect()
    }

    /// How many matches there are in `text`.
    pub fn count(&self, text: &str) -> usize {
        self.regex.find_iter(text).filter(|m| !m.is_empty()).count()
    }

    /// What the match at `range` becomes: with a regex, `$1`, `${name}` and
    /// `\1` name groups; otherwise the replacement is taken as written.
    pub fn replacement_for(&self, text: &str, range: Range<usize>, replacement: &str) -> String {
        if !self.expand {
            return replacement.to_string();
        }
        // Match again where the match starts, so anchors and look-behind
        // context (`^`, `\b`) see the whole text.
        let Some(caps) = self.regex.captures_at(text, range.start) else {
            return replacement.to_string();
        };
        let mut out = String::new();
        caps.expand(&dollar_groups(replacement), &mut out);
        out
    }

    /// Replaces every match; returns the new text and how many were replaced.
    pub fn replace_all(&self, text: &str, replacement: &str) -> (String, usize) {
        let count = self.count(text);
        if count == 0 {
            return (text.to_string(), 0);
        }
        let replaced = if self.expand {
            self.regex
                .replace_all(text, dollar_groups(replacement).as_ref())
        } else {
            self.regex.replace_all(text, NoExpand(replacement))
        };
        (replaced.into_owned(), count)
    }
}

/// `\1` (as sed and many editors write a group) becomes `${1}`; `$1x`
/// would name the group `1x`, so numbered groups are braced too.
fn dollar_groups(replacement: &str) -> Cow<'_, str> {
    if !replacement.contains('\\') && !replacement.contains('$') {
        return Cow::Borrowed(replacement);
    }
    let mut out = String::with_capacity(replacement.len() + 8);
    let mut chars = replacement.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '$' if chars.peek().is_some_and(char::is_ascii_digit) => {
                let mut n = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    n.push(*d);
                    chars.next();
                }
                out.push_str(&format!("${{{n}}}"));
            }
            '\\' if chars.peek() == Some(&'\\') => {
                chars.next();
                out.push('\\');
            }
            '\\' if chars.peek() == Some(&'n') => {
                chars.next();
                out.push('\n');
            }
            '\\' if chars.peek() == Some(&'t') => {
                chars.next();
                out.push('\t');
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder(pattern: &str, match_case: bool, whole_word: bool, regex: bool) -> Finder {
        Finder::new(&Query {
            pattern: pattern.into(),
            match_case,
            whole_word,
            regex,
        })
        .unwrap()
        .unwrap()
    }

    #[test]
    fn plain_text_ignores_case_unless_asked_and_escapes_regex_syntax() {
        let text = "Leica, leica, LEICA (f/1.8) f/1x8";
        assert_eq!(finder("leica", false, false, false).count(text), 3);
        assert_eq!(
            finder("leica", true, false, false).matches(text),
            vec![7..12]
        );
        assert_eq!(
            finder("f/1.8", false, false, false).matches(text),
            vec![21..26]
        );
        assert_eq!(finder("É", false, false, false).count("é É"), 2);
    }

    #[test]
    fn whole_words_only() {
        let text = "Pixel Pixels pixel-perfect pixel";
        assert_eq!(
            finder("pixel", false, true, false).matches(text),
            vec![0..5, 13..18, 27..32]
        );
    }

    #[test]
    fn regex_groups_in_the_replacement() {
        let f = finder(r"(\d+)\s*MP", true, false, true);
        let (text, n) = f.replace_all("50 MP and 12MP", "$1-megapixel");
        assert_eq!((text.as_str(), n), ("50-megapixel and 12-megapixel", 2));
        let f = finder(r"(?P<brand>\w+) (?P<model>\d+)", true, false, true);
        assert_eq!(
            f.replace_all("Xiaomi 14", "${model} by $brand").0,
            "14 by Xiaomi"
        );
        // \1 as in sed, $1 followed by letters, escaped backslashes, \n.
        let f = finder(r"(\w+)@(\w+)", true, false, true);
        assert_eq!(f.replace_all("a@b", r"\2x$1\\\n").0, "bxa\\\n");
    }

    #[test]
    fn replacing_one_match_expands_its_groups_in_context() {
        let text = "one 1\ntwo 2";
        let f = finder(r"^(\w+) (\d)", true, false, true);
        let ranges = f.matches(text);
        assert_eq!(ranges, vec![0..5, 6..11]);
        assert_eq!(f.replacement_for(text, ranges[1].clone(), "$2=$1"), "2=two");
    }

    #[test]
    fn plain_replacement_is_taken_literally() {
        let f = finder("price", false, false, false);
        assert_eq!(
            f.replace_all("Price: price", "$1 cost").0,
            "$1 cost: $1 cost"
        );
    }

    #[test]
    fn empty_and_bad_patterns() {
        assert!(Finder::new(&Query::default()).unwrap().is_none());
        let err = Finder::new(&Query {
            pattern: "(unclosed".into(),
            regex: true,
            ..Query::default()
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("unclosed"), "{err}");
        // A pattern that can match nothing finds nothing, not every position.
        assert_eq!(
            finder("x*", false, false, true).matches("ab"),
            Vec::<Range<usize>>::new()
        );
    }
}
