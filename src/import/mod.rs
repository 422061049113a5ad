//! Importing plain-text drafts (scraped, pasted, translated) by recognising
//! their structure the way an editor would.
//!
//! The draft is cut into units (paragraphs, or lines where the draft has no
//! blank lines); then the head of the draft is read for the title, an
//! original-language title, a dek, a byline and a date; the tail for the
//! author's bio, attributions and tags; and the rest becomes the body:
//! paragraphs, subheadings, lists and figures with their credits.

mod dates;
pub mod language;
pub(crate) mod lines;

pub use dates::{DateLine, parse_date_line};

use crate::markdown::escape::{escape_inline, escape_text};
use crate::model::{Article, Author, Credit, Metadata};
use lines::*;

/// A unit of the draft as classified.
#[derive(Clone, Debug, PartialEq)]
enum Unit {
    Paragraph(String),
    Heading(String),
    List {
        items: Vec<String>,
        numbered: bool,
    },
    Figure {
        alt: String,
        caption: String,
        credit: String,
    },
}

/// Imports a plain-text (or front-matter-less Markdown) draft.
pub fn import_text(text: &str) -> Article {
    let (normal, _, _) = crate::format::normalise_text(text);
    if let Some(article) = import_markdown(&normal) {
        return article;
    }
    let mut raw = cut_units(&normal);
    let mut meta = Metadata::default();
    read_tail(&mut raw, &mut meta);
    let body_start = read_head(&raw, &mut meta);
    let units = classify_body(&raw[body_start..], &mut meta);
    detect_languages(&units, &mut meta);
    Article {
        meta,
        body: write_body(&units),
    }
}

/// A Markdown draft without front matter: `# Title` on its first line. The
/// body is kept as written.
fn import_markdown(text: &str) -> Option<Article> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let title = first.trim().strip_prefix("# ")?.trim().to_string();
    let start = text.find(first)? + first.len();
    let body = text[start..].trim_start_matches('\n').to_string();
    let mut meta = Metadata {
        title,
        ..Default::default()
    };
    let plain = crate::export::body_text(&body);
    if let Some(lang) = language::detect(&plain) {
        meta.lang = lang.to_string();
    }
    Some(Article { meta, body })
}

/// Cuts the draft into units: blank-line separated blocks. A block whose
/// lines are list items stays one unit; a hard-wrapped paragraph is joined;
/// other multi-line blocks (a title over a dek, lines of a draft without
/// blank lines) are split into their lines.
fn cut_units(text: &str) -> Vec<Vec<String>> {
    let mut units: Vec<Vec<String>> = Vec::new();
    for block in text.split("\n\n") {
        let block_lines: Vec<String> = block
            .lines()
            .map(strip_leftovers)
            .filter(|l| !is_junk(l))
            .collect();
        if block_lines.is_empty() {
            continue;
        }
        if block_lines.len() > 1 && block_lines.iter().all(|l| list_item(l).is_some()) {
            units.push(block_lines);
            continue;
        }
        let mut current: Vec<String> = Vec::new();
        for line in block_lines {
            let wrapped_continuation = current.last().is_some_and(|prev: &String| {
                prev.chars().count() >= 50
                    && !ends_like_sentence(prev)
                    && list_item(&line).is_none()
            });
            if wrapped_continuation {
                let prev = current.pop().unwrap_or_default();
                current.push(format!("{prev} {line}"));
            } else {
                current.push(line);
            }
        }
        units.extend(current.into_iter().map(|l| vec![l]));
    }
    units
}

fn single(unit: &[String]) -> Option<&str> {
    match unit {
        [line] => Some(line.as_str()),
        _ => None,
    }
}

/// Reads the author bio, attributions and tags from the end of the draft and
/// removes them from `raw`.
fn read_tail(raw: &mut Vec<Vec<String>>, meta: &mut Metadata) {
    // Bylines at the top help recognise a bio that lacks journalism words.
    let known: Vec<String> = raw
        .iter()
        .take(6)
        .filter_map(|u| single(u).and_then(parse_byline))
        .flat_map(|(names, _)| names)
        .collect();
    let mut bio: Option<Author> = None;
    let mut role: Option<String> = None;
    let mut credits = Vec::new();
    let mut scanned = 0;
    while raw.len() > 2 && scanned < 6 {
        let Some(line) = raw.last().and_then(|u| single(u)).map(str::to_string) else {
            break;
        };
        scanned += 1;
        if let Some(found) = parse_article_credits(&line) {
            credits.extend(found.into_iter().rev());
        } else if let Some(tags) = parse_tags(&line) {
            meta.tags = tags;
        } else if let Some(category) = line
            .strip_prefix("Category: ")
            .or_else(|| line.strip_prefix("Categories: "))
        {
            meta.category = category.trim().to_string();
        } else if is_bio_label(&line) && bio.is_some() {
        } else if bio.is_some() && role.is_none() && is_job_title(&line) {
            role = Some(line.clone());
        } else if bio.is_none()
            && let Some(name) = bio_author(&line, &known)
        {
            bio = Some(Author {
                name,
                bio: escape_text(&line),
            });
        } else if let Some((caption, credit, _)) =
            parse_caption(&line).filter(|(c, _, _)| c.is_empty())
        {
            // `Credits: X` alone at the end attributes the whole article.
            debug_assert!(caption.is_empty());
            credits.push(Credit::new("credit", &credit));
        } else {
            break;
        }
        raw.pop();
    }
    credits.reverse();
    meta.credits.extend(credits);
    if let Some(mut author) = bio {
        if let Some(role) = role {
            author.bio = format!("*{}*\n\n{}", escape_inline(&role), author.bio);
        }
        meta.authors.push(author);
    }
}

/// Reads title, original title, dek, byline and date; returns where the body
/// starts.
fn read_head(raw: &[Vec<String>], meta: &mut Metadata) -> usize {
    let mut i = 0;
    let took_date = |line: &str, meta: &mut Metadata| -> bool {
        match parse_date_line(line) {
            Some(d) if meta.date.is_empty() => {
                meta.date = d.date;
                if let Some(c) = d.category.filter(|_| meta.category.is_empty()) {
                    meta.category = c;
                }
                true
            }
            _ => false,
        }
    };
    let took_byline = |line: &str, meta: &mut Metadata| -> bool {
        let Some((names, tail)) = parse_byline(line) else {
            return false;
        };
        for name in names {
            // The bio found at the end may be this author's.
            let known = meta
                .authors
                .iter_mut()
                .find(|a| a.name == name || name.contains(&a.name) || a.name.contains(&name));
            match known {
                Some(author) => author.name = name,
                None => meta.authors.push(Author::named(name)),
            }
        }
        if let Some(tail) = tail
            && parse_date_line(&tail).is_some()
        {
            took_date_inner(&tail, meta);
        }
        true
    };
    // Dates or bylines printed above the title.
    while let Some(line) = raw.get(i).and_then(|u| single(u)) {
        if took_date(line, meta) || took_byline(line, meta) || took_date_and_byline(line, meta) {
            i += 1;
        } else {
            break;
        }
    }
    match raw.get(i).and_then(|u| single(u)) {
        Some(title) if title.chars().count() <= 250 => {
            meta.title = title.trim_end_matches('.').to_string();
            i += 1;
        }
        _ => return i,
    }
    let mut seen = 0;
    while let Some(line) = raw.get(i).and_then(|u| single(u)) {
        if seen >= 5 {
            break;
        }
        seen += 1;
        if took_byline(line, meta) || took_date(line, meta) || took_date_and_byline(line, meta) {
            i += 1;
            continue;
        }
        let next_is_meta = raw
            .get(i + 1)
            .and_then(|u| single(u))
            .is_some_and(|n| parse_byline(n).is_some() || parse_date_line(n).is_some());
        let short = word_count(line) <= 40 && line.chars().count() <= 260;
        let title_like = looks_like_heading(line) || (short && !ends_like_sentence(line));
        if meta.original_title.is_empty()
            && meta.subtitle.is_empty()
            && title_like
            && in_other_language(line, &meta.title, raw, i)
        {
            meta.original_title = line.to_string();
            i += 1;
        } else if meta.subtitle.is_empty()
            && short
            && parse_caption(line).is_none()
            && (title_like || next_is_meta)
        {
            meta.subtitle = line.to_string();
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// A line with both a date and a byline: `Posted on May 5, 2025 by Mark
/// Hill`, `May 5, 2025 | By Mark Hill`.
fn took_date_and_byline(line: &str, meta: &mut Metadata) -> bool {
    let lower = line.to_lowercase();
    let Some(at) = lower.rfind(" by ") else {
        return false;
    };
    let (date_part, names_part) = (&line[..at], &line[at + 1..]);
    let date_part = date_part
        .trim()
        .trim_end_matches(['|', '·', '—', '–', '-', ','])
        .trim();
    let (Some(date), Some((names, _))) = (parse_date_line(date_part), parse_byline(names_part))
    else {
        return false;
    };
    if meta.date.is_empty() {
        meta.date = date.date;
    }
    for name in names {
        if !meta
            .authors
            .iter()
            .any(|a| a.name == name || name.contains(&a.name))
        {
            meta.authors.push(Author::named(name));
        }
    }
    true
}

fn took_date_inner(line: &str, meta: &mut Metadata) {
    if let Some(d) = parse_date_line(line)
        && meta.date.is_empty()
    {
        meta.date = d.date;
    }
}

/// The languages a short line is compared among: the common languages of
/// translated tech news, and the article's own.
fn likely_languages(own: &str) -> Vec<whatlang::Lang> {
    let mut langs: Vec<whatlang::Lang> = ["en", "it", "fr", "de", "es", "pt", "nl"]
        .iter()
        .filter_map(|c| language::lang_of(c))
        .collect();
    if let Some(l) = language::lang_of(own)
        && !langs.contains(&l)
    {
        langs.push(l);
    }
    langs
}

/// Capitalised words and numbers: the names a translation keeps.
fn names_in(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .map(str::to_lowercase)
        .collect()
}

/// Whether a title-like line is in another language than the text around it
/// (the original title of a translated piece): the detector must prefer
/// another language both among the likely ones and among all, and either be
/// confident or the line must share names with the title.
fn in_other_language(line: &str, title: &str, raw: &[Vec<String>], at: usize) -> bool {
    let body: String = raw
        .iter()
        .skip(at + 1)
        .filter_map(|u| single(u))
        .filter(|l| word_count(l) > 12)
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    let Some(body_lang) = language::detect(&body) else {
        return false;
    };
    let Some((lang, confidence)) = language::guess_among(line, &likely_languages(body_lang)) else {
        return false;
    };
    let title_names = names_in(title);
    let shares_names = names_in(line).iter().any(|n| title_names.contains(n));
    lang != body_lang && language::guess(line) == Some(lang) && (confidence >= 0.5 || shares_names)
}

fn classify_body(raw: &[Vec<String>], meta: &mut Metadata) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for (i, unit) in raw.iter().enumerate() {
        if unit.len() > 1 {
            let numbered = unit.iter().all(|l| list_item(l).is_some_and(|(_, n)| n));
            let items = unit
                .iter()
                .filter_map(|l| list_item(l).map(|(t, _)| t))
                .collect();
            units.push(Unit::List { items, numbered });
            continue;
        }
        let line = unit[0].as_str();
        if let Some(item) = list_item(line) {
            // Consecutive single-line list items separated by blank lines.
            if let Some(Unit::List { items, numbered }) = units.last_mut()
                && *numbered == item.1
            {
                items.push(item.0);
            } else {
                units.push(Unit::List {
                    items: vec![item.0],
                    numbered: item.1,
                });
            }
            continue;
        }
        if let Some((caption, credit, _)) = parse_caption(line) {
            let caption = undouble(&caption);
            let mut alt = String::new();
            let mut caption = caption;
            match units.last() {
                // `Photo: X` under a caption-like line: that line is the caption.
                Some(Unit::Heading(prev)) if caption.is_empty() => {
                    caption = prev.clone();
                    units.pop();
                }
                // The caption printed twice: once as alt text, once as caption.
                Some(Unit::Paragraph(prev) | Unit::Heading(prev))
                    if !caption.is_empty() && (*prev == caption || undouble(prev) == caption) =>
                {
                    alt = caption.clone();
                    units.pop();
                }
                _ => {}
            }
            units.push(Unit::Figure {
                alt,
                caption,
                credit,
            });
            continue;
        }
        if let Some(found) = parse_article_credits(line) {
            meta.credits.extend(found);
            continue;
        }
        if is_bio_label(line) {
            continue;
        }
        let has_next = i + 1 < raw.len();
        let prev_is_heading = matches!(units.last(), Some(Unit::Heading(_)));
        if has_next && !prev_is_heading && looks_like_heading(line) {
            units.push(Unit::Heading(line.to_string()));
        } else {
            units.push(Unit::Paragraph(line.to_string()));
        }
    }
    // A heading with nothing but another heading or nothing after it was prose.
    let n = units.len();
    for i in 0..n {
        let next_is_text = matches!(
            units.get(i + 1),
            Some(Unit::Paragraph(_) | Unit::List { .. } | Unit::Figure { .. })
        );
        if let Unit::Heading(text) = &units[i]
            && !next_is_text
        {
            units[i] = Unit::Paragraph(text.clone());
        }
    }
    units
}

fn detect_languages(units: &[Unit], meta: &mut Metadata) {
    let text: String = units
        .iter()
        .filter_map(|u| match u {
            Unit::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
        .take(20)
        .collect::<Vec<_>>()
        .join(" ");
    let text = if text.trim().is_empty() {
        meta.title.clone()
    } else {
        text
    };
    if let Some(lang) = language::detect(&text) {
        meta.lang = lang.to_string();
    }
    if !meta.original_title.is_empty()
        && let Some((lang, _)) =
            language::guess_among(&meta.original_title, &likely_languages(&meta.lang))
    {
        meta.original_lang = lang.to_string();
    }
}

/// The body as Copydesk Markdown.
fn write_body(units: &[Unit]) -> String {
    let mut parts = Vec::with_capacity(units.len());
    for unit in units {
        parts.push(match unit {
            Unit::Paragraph(text) => escape_text(text),
            Unit::Heading(text) => format!("## {}", escape_text(text)),
            Unit::List { items, numbered } => items
                .iter()
                .enumerate()
                .map(|(n, item)| {
                    let marker = if *numbered {
                        format!("{}.", n + 1)
                    } else {
                        "-".to_string()
                    };
                    format!("{marker} {}", escape_text(item))
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Unit::Figure {
                alt,
                caption,
                credit,
            } => {
                let mut fig = format!("![{}]()", escape_text(alt));
                if !caption.is_empty() {
                    fig.push('\n');
                    fig.push_str(&escape_text(caption));
                }
                fig.push_str("\nCredit: ");
                fig.push_str(&escape_text(credit));
                fig
            }
        });
    }
    let mut body = parts.join("\n\n");
    body.push('\n');
    body
}

#[cfg(test)]
mod tests;
