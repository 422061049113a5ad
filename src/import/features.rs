//! The features the learned classifier weighs for each unit of a draft:
//! its shape (length, closing punctuation, capitals, digits), its place,
//! the language-aware tests the rules use (bylines, dates, captions,
//! credits, bio labels, chrome), the rules' own verdict, and the same for
//! its neighbours. Features are hashed strings (`key=value`), so the model
//! needs no vocabulary; their names are built only to explain a decision.

use super::chrome;
use super::label::Label;
use super::lines::*;

/// A value of a feature: a word or a small number.
#[derive(Clone, Debug)]
enum Val {
    S(&'static str),
    N(usize),
    W(String),
}

/// What a unit looks like, shared with its neighbours' features, and
/// whether it is a paragraph of prose.
#[derive(Clone, Debug)]
struct Shape(Vec<(&'static str, Val)>, bool);

/// The hashed features of each unit (and their names when asked).
pub struct Features {
    pub hashes: Vec<u64>,
    pub names: Option<Vec<String>>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The hash of a feature's name (`prefix` `key` `=` `value`), the same
/// whether built from its parts or from its name.
pub fn hash_name(name: &str) -> u64 {
    fnv(FNV_OFFSET, name.as_bytes())
}

impl Features {
    fn add(&mut self, prefix: &str, key: &str, val: &Val) {
        let mut h = fnv(FNV_OFFSET, prefix.as_bytes());
        h = fnv(h, key.as_bytes());
        h = fnv(h, b"=");
        let mut buf = [0u8; 20];
        let v: &[u8] = match val {
            Val::S(s) => s.as_bytes(),
            Val::W(s) => s.as_bytes(),
            Val::N(n) => {
                let mut n = *n;
                let mut at = buf.len();
                loop {
                    at -= 1;
                    buf[at] = b'0' + (n % 10) as u8;
                    n /= 10;
                    if n == 0 {
                        break;
                    }
                }
                &buf[at..]
            }
        };
        h = fnv(h, v);
        self.hashes.push(h);
        if let Some(names) = &mut self.names {
            names.push(format!("{prefix}{key}={}", String::from_utf8_lossy(v)));
        }
    }
}

/// The lowest number of `n`'s range: ranges end at `edges` (`0, 1, 2, 4`:
/// 0, 1, 2, 3–4, 5 and more).
/// Small numbers as text, for features keyed by one (no allocation).
const NUMBERS: [&str; 13] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
];

fn bucket(n: usize, edges: &[usize]) -> usize {
    match edges.iter().position(|&e| n <= e) {
        Some(0) => edges.first().copied().unwrap_or(0).min(n),
        Some(k) => edges[k - 1] + 1,
        None => edges.last().map_or(0, |e| e + 1),
    }
}

/// The kind of the character a line ends with.
fn end_kind(t: &str) -> &'static str {
    match t.chars().last() {
        Some('.') => ".",
        Some('?') => "?",
        Some('!') => "!",
        Some(':') => ":",
        Some(')') => ")",
        Some(']') => "]",
        Some('"' | '”' | '»' | '“' | '\'' | '’') => "quote",
        Some(',' | ';') => ",",
        Some('…') => "…",
        Some(c) if c.is_numeric() => "9",
        Some(c) if c.is_alphabetic() => "a",
        Some(_) => "other",
        None => "none",
    }
}

/// `Xx`, `XX`, `x`, `9`, `(`: the shape of a word.
fn word_shape(w: &str) -> &'static str {
    let mut chars = w.chars();
    match chars.next() {
        None => "none",
        Some(c) if c.is_uppercase() => {
            if w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                && w.chars().count() > 1
            {
                "XX"
            } else {
                "Xx"
            }
        }
        Some(c) if c.is_lowercase() => "x",
        Some(c) if c.is_numeric() => "9",
        Some(_) => "punct",
    }
}

/// The shape of each unit, computed once (the tests the rules use run on
/// short lines only: a long paragraph is prose, whatever its words).
fn shape(unit: &[String], rule: &'static str) -> Shape {
    let t = unit.join(" ");
    let t = t.trim();
    let words = word_count(t);
    let prose = words >= 20 && ends_like_sentence(t);
    let mut f: Vec<(&'static str, Val)> = Vec::with_capacity(24);
    f.push(("rule", Val::S(rule)));
    f.push((
        "words_from",
        Val::N(bucket(words, &[0, 1, 2, 3, 4, 6, 9, 14, 24, 39])),
    ));
    f.push(("end", Val::S(end_kind(t))));
    if unit.len() > 1 {
        f.push(("lines", Val::S("many")));
    }
    if words > 60 {
        f.push(("long", Val::S("yes")));
        return Shape(f, prose);
    }
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let caps = tokens
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    f.push((
        "caps_quarters",
        Val::N(if tokens.is_empty() {
            0
        } else {
            caps * 4 / tokens.len()
        }),
    ));
    let digits = t.chars().filter(char::is_ascii_digit).count();
    f.push(("digits_from", Val::N(bucket(digits, &[0, 2, 6]))));
    f.push((
        "first",
        Val::S(tokens.first().map_or("none", |w| word_shape(w))),
    ));
    f.push((
        "last",
        Val::S(tokens.last().map_or("none", |w| word_shape(w))),
    ));
    if let Some(w) = tokens.first() {
        let w = w.to_lowercase();
        if w.chars().count() <= 10 {
            f.push(("w0", Val::W(w)));
        }
    }
    if ends_like_sentence(t) {
        f.push(("sentence", Val::S("yes")));
    }
    let sentences = t.matches(". ").count() + t.matches("? ").count() + t.matches("! ").count();
    f.push(("sentences_from", Val::N(bucket(sentences, &[0, 1, 2, 3]))));
    if looks_like_heading(t) {
        f.push(("heading_like", Val::S("yes")));
    }
    if words <= 14 && super::parse_date_line(t).is_some() {
        f.push(("date", Val::S("yes")));
    }
    if words <= 20 && parse_byline(t).is_some() {
        f.push(("byline", Val::S("yes")));
    }
    if is_bare_name(t) {
        f.push(("bare_name", Val::S("yes")));
    }
    if is_person_name(t, false) {
        f.push(("person", Val::S("yes")));
    }
    if parse_caption(t).is_some() {
        f.push(("caption", Val::S("yes")));
    }
    if parse_article_credits(t).is_some() {
        f.push(("credits", Val::S("yes")));
    }
    if is_agency_credit(t) {
        f.push(("agency", Val::S("yes")));
    }
    if is_bio_label(t) {
        f.push(("bio_label", Val::S("yes")));
    }
    if is_job_title(t) {
        f.push(("job", Val::S("yes")));
    }
    if list_item(t).is_some() {
        f.push(("item", Val::S("yes")));
    }
    if super::is_dateline_alone(t) {
        f.push(("dateline", Val::S("yes")));
    }
    if let Some(why) = chrome::chrome_reason(chrome::strip_gallery_prefix(t)) {
        // Any chrome, for the kinds the corpus does not hold.
        f.push(("chrome", Val::S("any")));
        f.push(("chrome", Val::S(why)));
    }
    if t.contains(" | ") || t.contains(" · ") || t.contains(" • ") {
        f.push(("bar", Val::S("yes")));
    }
    if t.contains(": ") {
        f.push(("colon", Val::S("yes")));
    }
    Shape(f, prose)
}

/// The features of every unit of a draft: `rules` are the rules' labels;
/// with `names` each feature's name is kept too (for training and
/// `--explain`).
pub fn features(
    raw: &[Vec<String>],
    rules: Option<&[Label]>,
    names: &dyn Fn(usize) -> bool,
) -> Vec<Features> {
    // Without the rules, their verdict is one constant: no information.
    let rule = |i: usize| rules.map_or("-", |r| r[i].name());
    let shapes: Vec<Shape> = raw
        .iter()
        .enumerate()
        .map(|(i, u)| shape(u, rule(i)))
        .collect();
    let n = raw.len();
    // The head is what comes before the first paragraph of prose, the tail
    // what comes after the last: where titles, bylines and bios stand.
    let prose: Vec<bool> = shapes.iter().map(|s| s.1).collect();
    let first_prose = prose.iter().position(|&p| p).unwrap_or(n);
    let last_prose = prose.iter().rposition(|&p| p).unwrap_or(0);
    (0..n)
        .map(|i| {
            let mut f = Features {
                hashes: Vec::with_capacity(64),
                names: names(i).then(Vec::new),
            };
            f.add("", "bias", &Val::S("1"));
            for (k, v) in &shapes[i].0 {
                f.add("", k, v);
            }
            let from_start = bucket(i, &[0, 1, 2, 3, 4, 5, 6, 8, 11]);
            let from_end = bucket(n - 1 - i, &[0, 1, 2, 3, 4, 6, 9]);
            f.add("", "index_from", &Val::N(from_start));
            f.add("", "index_from_end", &Val::N(from_end));
            f.add("", "third", &Val::N(i * 3 / n.max(1)));
            let zone = if i < first_prose {
                "head"
            } else if i == first_prose {
                "first_prose"
            } else if i > last_prose {
                "tail"
            } else if i == last_prose {
                "last_prose"
            } else {
                "middle"
            };
            f.add("", "zone", &Val::S(zone));
            if i < first_prose {
                f.add(
                    "",
                    "to_prose",
                    &Val::N(bucket(first_prose - i, &[1, 2, 3, 4, 6])),
                );
            }
            if i > last_prose {
                f.add(
                    "",
                    "after_prose",
                    &Val::N(bucket(i - last_prose, &[1, 2, 3, 4, 6])),
                );
            }
            for (k, v) in &shapes[i].0 {
                if matches!(
                    *k,
                    "words_from" | "end" | "heading_like" | "person" | "caps_quarters"
                ) {
                    f.add(zone, k, v);
                }
            }
            let rule_val = Val::S(rule(i));
            f.add("index_from*", rule(i), &Val::N(from_start));
            f.add("index_from_end*", rule(i), &Val::N(from_end));
            if let Some((_, Val::N(w))) = shapes[i].0.get(1) {
                f.add(
                    "words_from*end",
                    end_kind(raw[i].last().map_or("", |l| l.trim())),
                    &Val::N(*w),
                );
                f.add(
                    "words_from*index_from",
                    NUMBERS.get(from_start).copied().unwrap_or("many"),
                    &Val::N(*w),
                );
            }
            if i > 0 && raw[i - 1] == raw[i] {
                f.add("", "same_as_prev", &rule_val);
            }
            if i + 1 < n && raw[i + 1] == raw[i] {
                f.add("", "same_as_next", &rule_val);
            }
            for (prefix, j) in [("prev:", i.checked_sub(1)), ("next:", Some(i + 1))] {
                match j.filter(|&j| j < n) {
                    Some(j) => {
                        for (k, v) in &shapes[j].0 {
                            if *k != "w0" {
                                f.add(prefix, k, v);
                            }
                        }
                    }
                    None => f.add(prefix, "edge", &Val::S("yes")),
                }
            }
            for (prefix, j) in [("prev2:", i.checked_sub(2)), ("next2:", Some(i + 2))] {
                if let Some(j) = j.filter(|&j| j < n) {
                    f.add(prefix, "rule", &Val::S(rule(j)));
                }
            }
            // What the rules made of the nearest units that are not chrome
            // (a standfirst follows the title or byline, past share rows).
            let content = |j: &usize| rule(*j) != "chrome";
            if let Some(j) = (0..i).rev().find(content) {
                f.add("prev_content:", "rule", &Val::S(rule(j)));
            }
            if let Some(j) = (i + 1..n).find(content) {
                f.add("next_content:", "rule", &Val::S(rule(j)));
            }
            // A standfirst is shorter than the paragraph after it.
            if let Some(j) = (i + 1..n).find(|&j| prose[j]) {
                let here = word_count(raw[i].join(" ").as_str());
                let there = word_count(raw[j].join(" ").as_str()).max(1);
                f.add(
                    "",
                    "vs_next_prose_tenths",
                    &Val::N(bucket(here * 10 / there, &[3, 5, 7, 9, 12, 16])),
                );
            }
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_named_by_their_lowest_number() {
        let edges = [0, 1, 2, 4];
        let got: Vec<usize> = (0..7).map(|n| bucket(n, &edges)).collect();
        assert_eq!(got, [0, 1, 2, 3, 3, 5, 5]);
    }

    /// The weights file names features; loading hashes the names, so a
    /// name must hash as the feature did.
    #[test]
    fn a_feature_hashes_as_its_name() {
        let raw: Vec<Vec<String>> = ["Sony builds a sensor", "By Ana Ruiz", "The sensor stacks two layers of pixels and reads them at once, the company said on Monday in Tokyo."]
            .iter()
            .map(|l| vec![l.to_string()])
            .collect();
        let rules = [Label::Title, Label::Byline, Label::Body];
        for f in features(&raw, Some(&rules), &|_| true) {
            let names = f.names.unwrap();
            assert_eq!(names.len(), f.hashes.len());
            for (h, name) in f.hashes.iter().zip(&names) {
                assert_eq!(hash_name(name), *h, "{name}");
            }
            assert!(
                names
                    .iter()
                    .any(|n| n == "rule=title" || n == "rule=byline" || n == "rule=paragraph")
            );
        }
        let names = features(&raw, Some(&rules), &|_| true)
            .remove(1)
            .names
            .unwrap();
        assert!(names.contains(&"byline=yes".to_string()), "{names:?}");
        assert!(names.contains(&"prev:rule=title".to_string()), "{names:?}");
    }
}
