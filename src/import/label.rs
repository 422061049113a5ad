//! What a unit of a draft is (the classes the learned classifier chooses
//! among), and the gold labels of a training draft derived from what an
//! editor marked in its `.expect.json`.

use serde::Deserialize;

use super::lines::{ends_like_sentence, word_count};

/// The class of one unit of a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Title,
    Subtitle,
    OriginalTitle,
    Byline,
    Date,
    Heading,
    Caption,
    Credit,
    Bio,
    Body,
    Chrome,
}

pub const LABEL_COUNT: usize = 11;

pub const LABELS: [Label; LABEL_COUNT] = [
    Label::Title,
    Label::Subtitle,
    Label::OriginalTitle,
    Label::Byline,
    Label::Date,
    Label::Heading,
    Label::Caption,
    Label::Credit,
    Label::Bio,
    Label::Body,
    Label::Chrome,
];

impl Label {
    /// The class `import --explain` prints (the rules' own words).
    pub fn name(self) -> &'static str {
        match self {
            Label::Title => "title",
            Label::Subtitle => "subtitle",
            Label::OriginalTitle => "original title",
            Label::Byline => "byline",
            Label::Date => "date",
            Label::Heading => "heading",
            Label::Caption => "caption",
            Label::Credit => "credit",
            Label::Bio => "bio",
            Label::Body => "paragraph",
            Label::Chrome => "chrome",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The label of a rules' decision class (lists are body, tags and
    /// categories are the page's furniture around the article).
    pub fn of_class(class: &str) -> Label {
        match class {
            "title" => Label::Title,
            "subtitle" => Label::Subtitle,
            "original title" => Label::OriginalTitle,
            "byline" => Label::Byline,
            "date" => Label::Date,
            "heading" => Label::Heading,
            "caption" => Label::Caption,
            "credit" => Label::Credit,
            "bio" => Label::Bio,
            "paragraph" | "list" => Label::Body,
            _ => Label::Chrome,
        }
    }
}

/// What an editor marked in a draft (`tests/corpus/NAME.expect.json`).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Expected {
    pub title: String,
    pub subtitle: String,
    pub original_title: String,
    pub authors: Vec<String>,
    pub date: String,
    pub headings: Vec<String>,
    pub figures: Vec<ExpectedFigure>,
    pub bio: String,
    pub body_paragraphs: usize,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct ExpectedFigure {
    pub caption: String,
    pub credit: String,
}

fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `unit` is `field`, or holds it and little else (a kicker glued
/// to a title, a caption with its credit).
fn holds(unit: &str, field: &str) -> bool {
    !field.is_empty() && (unit == field || (unit.contains(field) && field.len() * 2 >= unit.len()))
}

/// The gold label of each unit of a training draft, from what the editor
/// marked: units matching a field take its label; the rest are body or
/// chrome as the rules decided, corrected so that the body holds as many
/// paragraphs as the editor counted (the longest chrome becomes body, or
/// the shortest body that the rules did not call body becomes chrome).
pub fn gold_labels(units: &[String], rules: &[Label], e: &Expected) -> Vec<Label> {
    let title = norm(&e.title);
    let subtitle = norm(&e.subtitle);
    let original = norm(&e.original_title);
    let bio = norm(&e.bio);
    let headings: Vec<String> = e.headings.iter().map(|h| norm(h)).collect();
    let captions: Vec<(String, String)> = e
        .figures
        .iter()
        .map(|f| (norm(&f.caption), norm(&f.credit)))
        .collect();
    let mut seen_title = false;
    let mut matched = vec![false; units.len()];
    let mut labels: Vec<Label> = units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let t = norm(unit);
            let words = word_count(&t);
            let found = if !seen_title && holds(&t, &title) {
                seen_title = true;
                Some(Label::Title)
            } else if holds(&t, &original) {
                Some(Label::OriginalTitle)
            } else if holds(&t, &subtitle) || (words >= 3 && subtitle.contains(&t)) {
                Some(Label::Subtitle)
            } else if headings.contains(&t)
                && !(rules[i] == Label::Caption && captions.iter().any(|(c, _)| *c == t))
            {
                Some(Label::Heading)
            } else if captions.iter().any(|(c, _)| {
                !c.is_empty() && (t.contains(c.as_str()) || (words >= 4 && c.contains(&t)))
            }) {
                Some(Label::Caption)
            } else if captions.iter().any(|(_, r)| {
                !r.is_empty()
                    && (t == *r || (t.ends_with(r.as_str()) && words <= word_count(r) + 3))
            }) {
                Some(Label::Credit)
            } else if !bio.is_empty() && (t == bio || (words >= 4 && bio.contains(&t))) {
                Some(Label::Bio)
            } else if e.authors.iter().any(|a| {
                !a.is_empty() && t.contains(norm(a).as_str()) && words <= word_count(a) + 12
            }) {
                Some(Label::Byline)
            } else if !e.date.is_empty()
                && words <= 14
                && super::parse_date_line(&t).is_some_and(|d| d.date.starts_with(&e.date))
            {
                Some(Label::Date)
            } else {
                None
            };
            matched[i] = found.is_some();
            found.unwrap_or(match rules[i] {
                Label::Body | Label::Chrome => rules[i],
                // A field the rules saw where the editor marked none: prose
                // is body, the rest the page's furniture.
                _ if words >= 12 && ends_like_sentence(&t) => Label::Body,
                _ => Label::Chrome,
            })
        })
        .collect();
    let body = labels.iter().filter(|&&l| l == Label::Body).count();
    if body > e.body_paragraphs {
        // Too much body: what the rules did not call body goes first, then
        // the shortest.
        let mut extra: Vec<usize> = (0..units.len())
            .filter(|&i| labels[i] == Label::Body && !matched[i])
            .collect();
        extra.sort_by_key(|&i| (rules[i] == Label::Body, units[i].len(), i));
        for &i in extra.iter().take(body - e.body_paragraphs) {
            labels[i] = Label::Chrome;
        }
    } else if body < e.body_paragraphs {
        let mut missing: Vec<usize> = (0..units.len())
            .filter(|&i| labels[i] == Label::Chrome && !matched[i])
            .collect();
        missing.sort_by_key(|&i| (std::cmp::Reverse(units[i].len()), i));
        for &i in missing.iter().take(e.body_paragraphs - body) {
            labels[i] = Label::Body;
        }
    }
    labels
}

/// The fields an editor marks, in the order the corpus scorer prints them.
pub const FIELDS: [&str; 9] = [
    "title",
    "subtitle",
    "original_title",
    "authors",
    "date",
    "headings",
    "figures",
    "bio",
    "body_paragraphs",
];

/// An imported article in the shape of an `.expect.json`, to compare field
/// by field with what the editor marked.
pub fn as_marked(article: &crate::model::Article) -> serde_json::Value {
    use crate::markdown::{self, BlockKind, plain_text};
    let m = &article.meta;
    let blocks = markdown::parse(&article.body);
    let headings: Vec<String> = markdown::headings(&blocks)
        .into_iter()
        .map(|h| norm(&h.1))
        .collect();
    let figures: Vec<serde_json::Value> = markdown::figures(&blocks)
        .into_iter()
        .map(|f| {
            serde_json::json!({
                "caption": norm(&plain_text(&f.caption)),
                "credit": norm(&plain_text(&f.credit)),
            })
        })
        .collect();
    let paragraphs = blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph(_) | BlockKind::List { .. }))
        .count();
    let bio = m
        .authors
        .iter()
        .map(|a| norm(&a.bio))
        .filter(|b| !b.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    serde_json::json!({
        "title": norm(&m.title),
        "subtitle": norm(&m.subtitle),
        "original_title": norm(&m.original_title),
        "authors": m.authors.iter().map(|a| norm(&a.name)).collect::<Vec<_>>(),
        "date": m.date.get(..10).unwrap_or(&m.date),
        "headings": headings,
        "figures": figures,
        "bio": bio,
        "body_paragraphs": paragraphs,
    })
}

/// An `.expect.json` read for comparison with `as_marked` (its text fields
/// with their spaces normalised). An error names what is wrong.
pub fn marked_json(text: &str) -> Result<serde_json::Value, String> {
    let mut e: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    for key in ["title", "subtitle", "original_title", "bio"] {
        let v = e[key]
            .as_str()
            .ok_or_else(|| format!("no text field {key}"))?;
        e[key] = serde_json::Value::String(norm(v));
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn fields_are_matched_and_the_body_count_is_kept() {
        let units = s(&[
            "Home > Tech",
            "Sony builds a sensor",
            "A new chip for phones, out in May",
            "By Ana Ruiz",
            "7 de mayo de 2020, 18:45",
            "The new sensor on a test bench. (Sony)",
            "Sony said on Monday it would build a sensor for phones that see in the dark.",
            "Share this",
            "How it works",
            "The sensor stacks two layers of pixels and reads them at once, the company said.",
            "Ana Ruiz writes about phones and cameras for the paper since 2010.",
        ]);
        let rules = [
            Label::Chrome,
            Label::Title,
            Label::Body,
            Label::Byline,
            Label::Date,
            Label::Heading,
            Label::Body,
            Label::Body,
            Label::Heading,
            Label::Body,
            Label::Body,
        ];
        let e = Expected {
            title: "Sony builds a sensor".into(),
            subtitle: "A new chip for phones, out in May".into(),
            authors: vec!["Ana Ruiz".into()],
            date: "2020-05-07".into(),
            headings: vec!["How it works".into()],
            figures: vec![ExpectedFigure {
                caption: "The new sensor on a test bench.".into(),
                credit: "Sony".into(),
            }],
            bio: "Ana Ruiz writes about phones and cameras for the paper since 2010.".into(),
            body_paragraphs: 2,
            ..Default::default()
        };
        use Label::*;
        assert_eq!(
            gold_labels(&units, &rules, &e),
            [
                Chrome, Title, Subtitle, Byline, Date, Caption, Body, Chrome, Heading, Body, Bio
            ]
        );
    }

    #[test]
    fn missing_body_is_taken_from_the_longest_chrome() {
        let units = s(&[
            "Title here",
            "Short",
            "A long line the rules dropped as chrome by mistake.",
        ]);
        let rules = [Label::Title, Label::Chrome, Label::Chrome];
        let e = Expected {
            title: "Title here".into(),
            body_paragraphs: 1,
            ..Default::default()
        };
        assert_eq!(
            gold_labels(&units, &rules, &e),
            [Label::Title, Label::Chrome, Label::Body]
        );
    }
}
