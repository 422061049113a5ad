//! Importing plain-text drafts (scraped, pasted, translated) by recognising
//! their structure the way an editor would.
//!
//! The draft is cut into units (paragraphs, or lines where the draft has no
//! blank lines); then the head of the draft is read for the title, an
//! original-language title, a dek, a byline and a date; the tail for the
//! author's bio, attributions and tags; and the rest becomes the body:
//! paragraphs, subheadings, lists and figures with their credits.

pub(crate) mod chrome;
mod dates;
mod features;
mod head;
pub mod label;
pub mod language;
pub mod learned;
pub(crate) mod lines;
pub mod perceptron;
pub mod reclassify;

pub use dates::{DateLine, parse_date_line};

use crate::markdown::escape::escape_text;
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

/// One decision of the importer: a unit of the draft, what it was taken
/// for and why (`copydesk import --explain`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The unit's place among the draft's units (0-based).
    pub unit: usize,
    pub text: String,
    pub class: &'static str,
    pub why: String,
}

impl Decision {
    pub(crate) fn new(
        unit: usize,
        text: &str,
        class: &'static str,
        why: impl Into<String>,
    ) -> Self {
        Decision {
            unit,
            text: text.to_string(),
            class,
            why: why.into(),
        }
    }
}

/// Imports a plain-text (or front-matter-less Markdown) draft.
pub fn import_text(text: &str) -> Article {
    import_explained(text).0
}

/// Imports a draft and says what each of its units was taken for: the
/// rules, corrected by the learned classifier where it is sure.
pub fn import_explained(text: &str) -> (Article, Vec<Decision>) {
    import_learned_explained(text)
}

/// Imports a draft by the hand-written rules alone (`import --rules`).
pub fn import_rules_explained(text: &str) -> (Article, Vec<Decision>) {
    match import_by_rules(text, false) {
        Some((_, article, decisions)) => (article, decisions),
        None => markdown_draft(text),
    }
}

fn markdown_draft(text: &str) -> (Article, Vec<Decision>) {
    let (normal, _, _) = crate::format::normalise_text(text);
    (import_markdown(&normal).unwrap_or_default(), Vec::new())
}

/// Imports a draft with the learned classifier over the rules: where the
/// model is sure the rules took a unit for the wrong thing, the article
/// follows the model (see README for how that was measured).
pub fn import_learned_explained(text: &str) -> (Article, Vec<Decision>) {
    let Some((raw, mut article, mut decisions)) = import_by_rules(text, true) else {
        return markdown_draft(text);
    };
    learned::revise(
        learned::model(),
        &raw,
        &mut article,
        &mut decisions,
        learned::MARGIN,
        learned::WITH_RULES,
    );
    (article, decisions)
}

/// What the hand-written rules make of a draft, and (`with_units`) its
/// units, which the rules consume; `None` for a Markdown draft (kept as
/// written).
fn import_by_rules(
    text: &str,
    with_units: bool,
) -> Option<(Vec<Vec<String>>, Article, Vec<Decision>)> {
    let (normal, _, _) = crate::format::normalise_text(text);
    if import_markdown(&normal).is_some() {
        return None;
    }
    let mut raw = cut_units(&normal);
    // Kept for the learned classifier only: a long draft's copy costs.
    let units_of_draft = if with_units { raw.clone() } else { Vec::new() };
    let mut meta = Metadata::default();
    let mut decisions = Vec::new();
    read_tail(&mut raw, &mut meta, &mut decisions);
    let (body_start, lead) = head::read_head(&raw, &mut meta, &mut decisions);
    let mut units = lead;
    units.extend(classify_body(&raw, body_start, &mut meta, &mut decisions));
    detect_languages(&units, &mut meta);
    decisions.sort_by_key(|d| d.unit);
    Some((
        units_of_draft,
        Article {
            meta,
            body: write_body(&units),
        },
        decisions,
    ))
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
    let wrap = wrap_width(text);
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
        let block_wrap = block_wrap_width(&block_lines);
        let mut current: Vec<String> = Vec::new();
        for line in block_lines {
            // A line that fills the draft's wrap width goes on in the next
            // line of its block (a sentence may end at the wrap).
            // Without a wrap width (a short draft), a long line that stops
            // mid-sentence goes on in a line that starts in lower case.
            let wrapped_continuation = current.last().is_some_and(|prev: &String| {
                let last_line = prev.rsplit('\n').next().unwrap_or(prev);
                list_item(&line).is_none()
                    && match wrap {
                        Some(w) => last_line.chars().count() + 15 >= w,
                        None => {
                            last_line.chars().count() >= 50
                                && !ends_like_sentence(last_line)
                                && line.starts_with(char::is_lowercase)
                        }
                    }
                    || block_wrap.is_some_and(|w| wrapped_at(last_line, &line, w))
            });
            if wrapped_continuation {
                let prev = current.pop().unwrap_or_default();
                // Kept apart by a newline until the unit is whole, so the
                // width test above looks at the last line only.
                current.push(format!("{prev}\n{line}"));
            } else {
                current.push(line);
            }
        }
        units.extend(current.into_iter().map(|l| vec![l.replace('\n', " ")]));
    }
    units
}

/// The width one block is wrapped at when it differs from the draft's (a
/// standfirst set narrower than the body): at least three lines, all but
/// the last filling most of the widest, one going on in lower case.
fn block_wrap_width(lines: &[String]) -> Option<usize> {
    let lengths: Vec<usize> = lines.iter().map(|l| l.trim_end().chars().count()).collect();
    let widest = *lengths.iter().max()?;
    let (_, full) = lengths.split_last()?;
    // A line that goes on in lower case shows the block is wrapped prose,
    // not a title, a date and a caption stacked.
    let goes_on = lines[1..].iter().any(|l| l.starts_with(char::is_lowercase));
    (lengths.len() >= 3
        && goes_on
        && (35..=100).contains(&widest)
        && full.iter().all(|&n| n * 5 >= widest * 4))
    .then_some(widest)
}

/// Whether `next` goes on from `prev` in a block wrapped at `width`: its
/// first word would not have fitted on `prev`, and it does not open a
/// sentence after a full line that ended one.
fn wrapped_at(prev: &str, next: &str, width: usize) -> bool {
    let first_word = next.split_whitespace().next().unwrap_or("");
    let len = prev.trim_end().chars().count();
    len + 1 + first_word.chars().count() > width
        && (next.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
            || !ends_like_sentence(prev))
}

/// The width a hard-wrapped draft is wrapped at, if it is: most of its
/// longer lines end within a few characters of the same width, at most 100.
fn wrap_width(text: &str) -> Option<usize> {
    let mut lengths: Vec<usize> = text
        .lines()
        .map(|l| l.trim_end().chars().count())
        .filter(|&n| n >= 40)
        .collect();
    if lengths.len() < 5 {
        return None;
    }
    lengths.sort_unstable();
    let p90 = lengths[lengths.len() * 9 / 10];
    let near = lengths
        .iter()
        .filter(|&&n| n + 20 >= p90 && n <= p90)
        .count();
    (p90 <= 100 && near * 2 >= lengths.len()).then_some(p90)
}

fn single(unit: &[String]) -> Option<&str> {
    match unit {
        [line] => Some(line.as_str()),
        _ => None,
    }
}

/// Reads the author bio, attributions and tags from the end of the draft and
/// removes them from `raw`, with the page's chrome after the article (related
/// stories, contact details, follow buttons).
fn read_tail(raw: &mut Vec<Vec<String>>, meta: &mut Metadata, decisions: &mut Vec<Decision>) {
    // Bylines at the top help recognise a bio that lacks journalism words.
    let known: Vec<String> = raw
        .iter()
        .take(12)
        .filter_map(|u| single(u).and_then(head::byline_and_date))
        .flat_map(|(names, _)| names)
        .chain(
            raw.iter()
                .take(12)
                .filter_map(|u| single(u))
                .filter(|l| is_bare_name(l))
                .map(|l| l.trim().to_string()),
        )
        .collect();
    // A list of other stories: from its header to the end.
    let half = raw.len() / 2;
    // Only when no paragraph of prose follows the links: a `Read more` box
    // in the middle of an article is followed by the rest of it.
    let prose_after = |at: usize| {
        raw[at + 1..].iter().any(|u| {
            single(u).is_some_and(|l| {
                word_count(l) >= 20 && ends_like_sentence(l) && list_item(l).is_none()
            })
        })
    };
    if let Some(at) =
        (half..raw.len()).find(|&i| single(&raw[i]).is_some_and(chrome::is_related_header))
        && !prose_after(at)
    {
        for (i, unit) in raw.iter().enumerate().skip(at) {
            decisions.push(Decision::new(
                i,
                &unit.join(" / "),
                "chrome",
                "other stories, after their header",
            ));
        }
        raw.truncate(at);
    }
    // Readers' comments: from the first to the end. (A quotation's `She
    // says:` is not one: comments come several, or right at the end.)
    let comment = |i: usize| single(&raw[i]).is_some_and(chrome::is_comment_header);
    if let Some(at) = (half..raw.len()).find(|&i| comment(i))
        && (raw.len() - at <= 4 || (at + 1..raw.len()).any(comment))
    {
        for (i, unit) in raw.iter().enumerate().skip(at) {
            decisions.push(Decision::new(
                i,
                &unit.join(" / "),
                "chrome",
                "readers' comments, from the first",
            ));
        }
        raw.truncate(at);
    }
    let mut bio: Option<Author> = None;
    let mut credits = Vec::new();
    let mut scanned = 0;
    while raw.len() > 2 && scanned < 10 {
        let Some(line) = raw.last().and_then(|u| single(u)).map(str::to_string) else {
            break;
        };
        let at = raw.len() - 1;
        scanned += 1;
        if let Some(why) = chrome::chrome_reason(&line) {
            decisions.push(Decision::new(at, &line, "chrome", why));
        } else if meta.authors.is_empty() && bio.is_none() && is_bare_name(&line) {
            // A name alone at the end of the article: its writer.
            decisions.push(Decision::new(
                at,
                &line,
                "byline",
                "a name alone at the end",
            ));
            meta.authors.push(Author::named(line.trim()));
        } else if meta.authors.is_empty()
            && bio.is_none()
            && word_count(&line) <= 8
            && let Some((names, _)) = parse_byline(&line)
        {
            decisions.push(Decision::new(at, &line, "byline", "a byline at the end"));
            meta.authors.extend(names.into_iter().map(Author::named));
        } else if is_social_line(&line) {
            decisions.push(Decision::new(
                at,
                &line,
                "chrome",
                "a link to the author's social accounts",
            ));
        } else if let Some(found) = parse_article_credits(&line) {
            decisions.push(Decision::new(
                at,
                &line,
                "credit",
                "an attribution of the article",
            ));
            credits.extend(found.into_iter().rev());
        } else if let Some(tags) = parse_tags(&line) {
            decisions.push(Decision::new(at, &line, "tags", "a tag line"));
            meta.tags = tags;
        } else if let Some(category) = line
            .strip_prefix("Category: ")
            .or_else(|| line.strip_prefix("Categories: "))
        {
            decisions.push(Decision::new(at, &line, "category", "a category line"));
            meta.category = category.trim().to_string();
        } else if is_bio_label(&line) {
            decisions.push(Decision::new(at, &line, "chrome", "the author box's label"));
        } else if is_job_title(&line) && bio.is_some() {
            decisions.push(Decision::new(
                at,
                &line,
                "chrome",
                "the author's role, in the author box",
            ));
        } else if let Some(author) = bio.as_mut().filter(|a| {
            let l = line.trim();
            l == a.name
                || (is_person_name(l, false) && l.starts_with(&a.name))
                || parse_byline(l).is_some_and(|(names, _)| names == [a.name.clone()])
        }) {
            // The name printed above the bio: the full name.
            author.name = line.trim().to_string();
            decisions.push(Decision::new(
                at,
                &line,
                "chrome",
                "the author's name above the bio",
            ));
        } else if bio.is_none()
            && let Some(name) = bio_author(&line, &known)
                .or_else(|| colon_bio_author(&line))
                .or_else(|| first_person_bio_author(&line))
                .or_else(|| known_bio_author(&line, &known))
        {
            decisions.push(Decision::new(
                at,
                &line,
                "bio",
                "a paragraph about the author, at the end",
            ));
            let full = known
                .iter()
                .find(|k| k.starts_with(&name) || k.contains(&name))
                .cloned()
                .unwrap_or(name);
            bio = Some(Author {
                name: full,
                bio: escape_text(&line),
            });
        } else if bio.is_none()
            && meta.authors.is_empty()
            && let Some(name) = labelled_bio_name(raw, at, &line)
        {
            decisions.push(Decision::new(
                at,
                &line,
                "bio",
                "a paragraph under the author's name in an author box",
            ));
            bio = Some(Author {
                name,
                bio: escape_text(&line),
            });
        } else if bio.is_none()
            && meta.authors.is_empty()
            && word_count(&line) <= 3
            && !ends_like_sentence(&line)
            && !is_bare_name(&line)
            && scanned <= 6
        {
            // `Share the news`, `Leave a Reply`, `News Techno`: the page's
            // furniture after the article, before its author's name.
            decisions.push(Decision::new(
                at,
                &line,
                "chrome",
                "a short line after the article",
            ));
        } else if let Some((caption, credit, _)) =
            parse_caption(&line).filter(|(c, _, _)| c.is_empty())
        {
            // `Credits: X` alone at the end attributes the whole article.
            debug_assert!(caption.is_empty());
            decisions.push(Decision::new(
                at,
                &line,
                "credit",
                "a credit alone at the end",
            ));
            credits.push(Credit::new("credit", &credit));
        } else {
            break;
        }
        raw.pop();
    }
    credits.reverse();
    meta.credits.extend(credits);
    if let Some(author) = bio {
        meta.authors.push(author);
    }
}

/// The writer a last paragraph is about when an author box frames it: a
/// byline right above it (`Author: npembridge`), or a name under the box's
/// label (`About Me` / `Owen Garrity`). A product's subheading over the
/// last paragraph looks like a name too, so a bare name needs the label.
fn labelled_bio_name(raw: &[Vec<String>], at: usize, line: &str) -> Option<String> {
    if at < 2 || !(8..=120).contains(&word_count(line)) {
        return None;
    }
    let above = single(&raw[at - 1])?.trim();
    if word_count(above) <= 6
        && let Some((names, None)) = parse_byline(above)
        && names.len() == 1
    {
        return names.into_iter().next();
    }
    let label = single(&raw[at - 2]).is_some_and(is_bio_label);
    (label && is_bare_name(above) && !is_job_title(above)).then(|| above.to_string())
}

/// The reason the head gives a line of tags or a section (`Tagged: …`).
pub(crate) const LABELLED_LINE: &str = "a labelled line of tags or section";

/// Takes `Tagged: a, b` into the tags and `Subject: Mobile` into the
/// category (the first of each wins); the decision's class, if it was one.
fn labels_into_meta(line: &str, meta: &mut Metadata) -> Option<&'static str> {
    if let Some(tags) = parse_tags(line) {
        if meta.tags.is_empty() {
            meta.tags = tags;
        }
        return Some("tags");
    }
    let category = parse_category(line)?;
    if meta.category.is_empty() {
        meta.category = category;
    }
    Some("category")
}

/// `Connect with me on LinkedIn.`, `Sígueme en Instagram`: a short line
/// naming a social network, at the end of an article.
fn is_social_line(line: &str) -> bool {
    const NETWORKS: [&str; 10] = [
        "linkedin",
        "twitter",
        "instagram",
        "mastodon",
        "bluesky",
        "threads",
        "facebook",
        "tiktok",
        "youtube",
        "x.com",
    ];
    let lower = line.to_lowercase();
    word_count(&lower) <= 8 && NETWORKS.iter().any(|n| lower.contains(n))
}

/// `Hi, I'm Theo Marsh, and phones are my beat…`: a bio in the first
/// person, in the languages drafts come in.
fn first_person_bio_author(line: &str) -> Option<String> {
    const OPENINGS: [&str; 14] = [
        "hi, i'm ",
        "hi, i’m ",
        "i'm ",
        "i’m ",
        "hello, i'm ",
        "ciao, sono ",
        "sono ",
        "hallo, ich bin ",
        "ich bin ",
        "bonjour, je suis ",
        "je suis ",
        "hola, soy ",
        "soy ",
        "olá, sou ",
    ];
    let lower = line.to_lowercase();
    let opening = OPENINGS.iter().find(|o| lower.starts_with(*o))?;
    let rest = &line[opening.len()..];
    let name: Vec<&str> = rest
        .split_whitespace()
        .take(4)
        .map(|w| w.trim_end_matches([',', '.']))
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let name = name.join(" ");
    (word_count(line) >= 12 && is_person_name(&name, false)).then_some(name)
}

/// A paragraph at the end that opens with the name of an author the byline
/// gave: that author's bio, whatever its verb.
fn known_bio_author(line: &str, known: &[String]) -> Option<String> {
    known
        .iter()
        .find(|k| {
            k.split_whitespace().count() >= 2
                && line.starts_with(k.as_str())
                && word_count(line) >= 12
                && ends_like_sentence(line)
        })
        .cloned()
}

/// `Ana Ruiz: periodista, 41 años, escribe sobre…`: a bio that opens with
/// the name and a colon.
fn colon_bio_author(line: &str) -> Option<String> {
    let (name, rest) = line.split_once(':')?;
    let name = name.trim();
    (is_person_name(name, false) && word_count(rest) >= 8 && ends_like_sentence(line))
        .then(|| name.to_string())
}

/// The languages a short line is compared among: the common languages of
/// translated tech news, and the article's own.
pub(crate) fn likely_languages(own: &str) -> Vec<whatlang::Lang> {
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
pub(crate) fn in_other_language(line: &str, title: &str, raw: &[Vec<String>], at: usize) -> bool {
    // Another script (Cyrillic, Greek, CJK…) than the title's is another
    // language, whatever the detector knows.
    if script_of(line) != script_of(title)
        && script_of(line).is_some()
        && script_of(title).is_some()
    {
        return true;
    }
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
    // A language beyond the likely ones (Polish, Czech…), when the detector
    // is sure of it and the line shares names with the title.
    let sure_other = language::detect(line).is_some_and(|l| l != body_lang) && shares_names;
    sure_other
        || lang != body_lang
            && language::guess(line) == Some(lang)
            && (confidence >= 0.5 || shares_names)
}

fn classify_body(
    raw: &[Vec<String>],
    start: usize,
    meta: &mut Metadata,
    decisions: &mut Vec<Decision>,
) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    // Entries of a table of contents: they repeat the subheadings.
    let mut contents: Vec<String> = Vec::new();
    // After `Related Topics` and the like: its short links.
    let mut related_links = false;
    // Each unit's chrome, found once (the rules look at their neighbours').
    let chrome: Vec<Option<&'static str>> = raw[start..]
        .iter()
        .map(|u| single(u).and_then(|l| chrome::chrome_reason(chrome::strip_gallery_prefix(l))))
        .collect();
    for i in start..raw.len() {
        let unit = &raw[i];
        // A list whose every entry comes again below as a line of its own:
        // a table of contents (`Jump straight to:` and the subheadings).
        if unit.len() > 1 && {
            let later: Vec<&str> = raw[i + 1..]
                .iter()
                .filter_map(|u| single(u))
                .map(str::trim)
                .collect();
            unit.iter()
                .all(|l| list_item(l).is_some_and(|(t, _)| later.contains(&t.trim())))
        } {
            decisions.push(Decision::new(
                i,
                &unit.join(" / "),
                "chrome",
                "a table of contents: its entries come again below",
            ));
            continue;
        }
        if unit.len() > 1 && related_links {
            decisions.push(Decision::new(
                i,
                &unit.join(" / "),
                "chrome",
                "links to other stories, after their header",
            ));
            continue;
        }
        if unit.len() > 1 {
            let numbered = unit.iter().all(|l| list_item(l).is_some_and(|(_, n)| n));
            let items = unit
                .iter()
                .filter_map(|l| list_item(l).map(|(t, _)| t))
                .collect();
            units.push(Unit::List { items, numbered });
            decisions.push(Decision::new(
                i,
                &unit.join(" / "),
                "list",
                "lines that are list items",
            ));
            continue;
        }
        let line = chrome::strip_gallery_prefix(unit[0].as_str());
        let chrome_of = |j: usize| chrome.get(j.wrapping_sub(start)).copied().flatten();
        // A date line alone among the paragraphs (`12 mar 2025 . Actualizado
        // a las 05:00 h.`): the page's date, printed where its widget was.
        let paragraphs_before = units
            .iter()
            .filter(|u| matches!(u, Unit::Paragraph(_)))
            .count();
        // Near the top only: dates further down are comments' or updates'.
        if paragraphs_before <= 2
            && word_count(line) <= 12
            && let Some(d) = parse_date_line(line)
        {
            if meta.date.is_empty() {
                meta.date = d.date;
            }
            decisions.push(Decision::new(
                i,
                line,
                "date",
                "a date line alone in the body",
            ));
            continue;
        }
        // `Tagged: …`, `Subject: …` lines anywhere: metadata, not body.
        if let Some(class) = labels_into_meta(line, meta) {
            decisions.push(Decision::new(i, line, class, LABELLED_LINE));
            continue;
        }
        if related_links
            && (word_count(line) <= 3 || is_title_case(line) || list_item(line).is_some())
        {
            decisions.push(Decision::new(i, line, "chrome", "a link to other stories"));
            continue;
        }
        related_links = false;
        if let Some(why) = chrome_of(i) {
            related_links = why == chrome::RELATED_HEADER;
            decisions.push(Decision::new(i, line, "chrome", why));
            continue;
        }
        // The lines of a newsletter box, between its markers.
        let newsletter = |j: usize| chrome_of(j).is_some_and(|w| w.starts_with("a newsletter"));
        if i > start
            && (newsletter(i - 1) || (i > start + 1 && newsletter(i - 2)))
            && (newsletter(i + 1) || newsletter(i + 2))
        {
            decisions.push(Decision::new(
                i,
                line,
                "chrome",
                "inside a newsletter box (between its markers)",
            ));
            continue;
        }
        // The text of a post embedded in the article, above its attribution.
        if chrome_of(i + 1) == Some(chrome::EMBED_ATTRIBUTION) && word_count(line) <= 60 {
            decisions.push(Decision::new(
                i,
                line,
                "chrome",
                "an embedded post's text, above its attribution",
            ));
            continue;
        }
        let next_raw = raw.get(i + 1).and_then(|u| single(u));
        // The title of a gallery (after its link) or of a box (before its
        // chrome, as a newsletter box's name): not the article's.
        let after_gallery = i > start && chrome_of(i - 1) == Some("a gallery link");
        let before_chrome = chrome_of(i + 1).is_some_and(|w| w.starts_with("a newsletter"));
        if looks_like_heading(line) && (after_gallery || before_chrome) {
            decisions.push(Decision::new(
                i,
                line,
                "chrome",
                "the title of a gallery or a box",
            ));
            continue;
        }
        if chrome::is_contents_header(line) {
            // The entries that follow, until a line that is not one.
            // The entries, up to the first that comes again (the first
            // section's own heading) or the first sentence.
            contents.clear();
            // (A list under the header is its entries, found as a list.)
            for l in raw[i + 1..].iter().map_while(|u| single(u)) {
                if word_count(l) > 10 || ends_like_sentence(l) || contents.iter().any(|c| c == l) {
                    break;
                }
                contents.push(l.to_string());
            }
            decisions.push(Decision::new(i, line, "chrome", "a table of contents"));
            continue;
        }
        if let Some(at) = contents.iter().position(|c| c == line) {
            contents.remove(at);
            decisions.push(Decision::new(
                i,
                line,
                "chrome",
                "an entry of the table of contents",
            ));
            continue;
        }
        // A byline inside or after the body (`Posted by Tobias Rehm`).
        // (Byte lengths first: long lines are prose and are not counted.)
        if line.len() <= 120
            && word_count(line) <= 8
            && let Some((names, _)) = parse_byline(line)
        {
            for name in names {
                if !meta.authors.iter().any(|a| a.name == name) {
                    meta.authors.push(Author::named(name));
                }
            }
            decisions.push(Decision::new(i, line, "byline", "a byline in the body"));
            continue;
        }
        // `UNSPLASH | EUROPAPRESS`: a picture's credits alone, in capitals.
        if line.len() <= 80
            && word_count(line) <= 5
            && line.contains(['|', '/'])
            && line.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !line.chars().any(char::is_lowercase)
        {
            decisions.push(Decision::new(
                i,
                line,
                "credit",
                "a picture's credit alone, in capitals",
            ));
            units.push(Unit::Figure {
                alt: String::new(),
                caption: String::new(),
                credit: line.trim().to_string(),
            });
            continue;
        }
        // `TECNOLOGÍA`: a section label in capitals, one word.
        if line.len() <= 40
            && word_count(line) == 1
            && line.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !line.chars().any(char::is_lowercase)
        {
            decisions.push(Decision::new(i, line, "chrome", "a section label"));
            continue;
        }
        if is_dateline_alone(line) {
            decisions.push(Decision::new(
                i,
                line,
                "chrome",
                "a dateline alone on its line",
            ));
            continue;
        }
        // `1. Velta Fold 3`: a numbered line alone between paragraphs is a
        // numbered subheading, not a list.
        let numbered_heading = list_item(line).is_some_and(|(text, numbered)| {
            numbered
                && looks_like_heading(&text)
                && !matches!(units.last(), Some(Unit::List { .. }))
                && next_raw.is_some_and(|n| list_item(n).is_none())
        });
        if numbered_heading {
            decisions.push(Decision::new(
                i,
                line,
                "heading",
                "a numbered line alone before a paragraph",
            ));
            units.push(Unit::Heading(line.trim().to_string()));
            continue;
        }
        if let Some(item) = list_item(line) {
            decisions.push(Decision::new(i, line, "list", "a list item"));
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
        // `Fonte: X` under a short caption-like line, with the article going
        // on after it: that picture's credit, not the article's source.
        // (Looked at only when a credit is found: counting the words of
        // every paragraph before every line costs a long draft dearly.)
        let prev_caption_like = || {
            matches!(units.last(),
                Some(Unit::Paragraph(p)) if word_count(p) <= 25 && !p.contains(". "))
        };
        let credits = parse_article_credits(line);
        if let Some(found) = &credits
            && let [credit] = found.as_slice()
            && credit.role == "source"
            && i + 2 < raw.len()
            && prev_caption_like()
        {
            decisions.push(Decision::new(
                i,
                line,
                "credit",
                "a source under a caption, mid-article: the picture's",
            ));
            push_figure(&mut units, String::new(), credit.name.clone());
            continue;
        }
        if let Some(found) = credits {
            decisions.push(Decision::new(
                i,
                line,
                "credit",
                "an attribution of the article",
            ));
            meta.credits.extend(found);
            continue;
        }
        if let Some((caption, credit, _)) = parse_caption(line) {
            decisions.push(Decision::new(
                i,
                line,
                "caption",
                "a caption with its credit",
            ));
            let caption = undouble(&caption);
            push_figure(&mut units, caption, credit);
            continue;
        }
        let prev_short = || match units.last() {
            Some(Unit::Paragraph(p) | Unit::Heading(p)) => word_count(p) <= 30,
            _ => false,
        };
        if is_agency_credit(line) && prev_short() {
            decisions.push(Decision::new(
                i,
                line,
                "credit",
                "a picture agency under a caption",
            ));
            push_figure(
                &mut units,
                String::new(),
                line.trim().trim_start_matches('©').trim().to_string(),
            );
            continue;
        }
        if let Some(caption) = alt_glued_to_caption(line) {
            decisions.push(Decision::new(
                i,
                line,
                "caption",
                "an image's alt text glued to its caption",
            ));
            units.push(Unit::Figure {
                alt: String::new(),
                caption,
                credit: String::new(),
            });
            continue;
        }
        if is_bio_label(line) {
            decisions.push(Decision::new(i, line, "chrome", "the author box's label"));
            continue;
        }
        // A short line printed twice: an image's title as alt text and as
        // caption.
        if let Some(Unit::Paragraph(prev) | Unit::Heading(prev)) = units.last()
            && prev == line
            && word_count(line) <= 20
        {
            decisions.push(Decision::new(
                i,
                line,
                "caption",
                "an image's title printed twice (alt text and caption)",
            ));
            units.pop();
            units.push(Unit::Figure {
                alt: line.to_string(),
                caption: line.to_string(),
                credit: String::new(),
            });
            continue;
        }
        // An image's title, then its caption without a credit, then the text.
        let next = raw.get(i + 1).and_then(|u| single(u));
        let after = raw.get(i + 2).and_then(|u| single(u));
        if let Some(Unit::Heading(image_title)) = units.last()
            && word_count(image_title) <= 8
            && word_count(line) <= 18
            && (word_count(line) >= 10 || !looks_like_heading(line))
            && after.is_none_or(|a| word_count(a) >= 20 || looks_like_heading(a))
            && next.is_none_or(|n| word_count(n) >= 20 && !looks_like_heading(n))
        {
            decisions.push(Decision::new(
                i,
                line,
                "caption",
                "a short line under an image's title",
            ));
            // The image's title is its alt text.
            let alt = match units.pop() {
                Some(Unit::Heading(t)) => t,
                _ => String::new(),
            };
            units.push(Unit::Figure {
                alt,
                caption: line.trim().to_string(),
                credit: String::new(),
            });
            continue;
        }
        let has_next = i + 1 < raw.len();
        let prev_is_heading = matches!(units.last(), Some(Unit::Heading(_)));
        // `« Une porte d'entrée, pas encore une révolution »`: a short
        // quotation alone between paragraphs is a quoted subheading.
        if quoted_subheading(line)
            && matches!(units.last(), Some(Unit::Paragraph(_)))
            && next_raw.is_some_and(|n| word_count(n) >= 20)
        {
            decisions.push(Decision::new(
                i,
                line,
                "heading",
                "a short quotation alone between paragraphs",
            ));
            units.push(Unit::Heading(line.trim().to_string()));
            continue;
        }
        // `Pro` / `Contro` under a product's name: a short label over a
        // list heads it, even right under another heading.
        let labels_list = word_count(line) <= 4 && next_raw.is_some_and(|n| list_item(n).is_some());
        if has_next && (!prev_is_heading || labels_list) && looks_like_heading(line) {
            decisions.push(Decision::new(
                i,
                line,
                "heading",
                "a short line without closing punctuation",
            ));
            units.push(Unit::Heading(line.to_string()));
        } else {
            decisions.push(Decision::new(i, line, "paragraph", "body text"));
            units.push(Unit::Paragraph(line.to_string()));
        }
    }
    // The title printed again over a picture's credit is its alt text,
    // not its caption.
    for unit in &mut units {
        if let Unit::Figure { alt, caption, .. } = unit
            && !caption.is_empty()
            && *caption == meta.title
        {
            *alt = std::mem::take(caption);
            if let Some(d) = decisions
                .iter_mut()
                .rev()
                .find(|d| d.text.starts_with(alt.as_str()) && d.class != "title")
            {
                d.why
                    .push_str(" (it repeats the title: the picture's alt text)");
            }
        }
    }
    // A heading with nothing but another heading or nothing after it was prose.
    let n = units.len();
    for i in 0..n {
        // A product's name over `Pro` and its list has its text below too.
        let next_is_text = matches!(
            units.get(i + 1),
            Some(Unit::Paragraph(_) | Unit::List { .. } | Unit::Figure { .. })
        ) || matches!(
            (units.get(i + 1), units.get(i + 2)),
            (Some(Unit::Heading(_)), Some(Unit::List { .. }))
        );
        if let Unit::Heading(text) = &units[i]
            && !next_is_text
        {
            units[i] = Unit::Paragraph(text.clone());
        }
    }
    units
}

/// A line wholly in quotation marks, short, that is not a sentence quoted.
fn quoted_subheading(line: &str) -> bool {
    const PAIRS: [(char, char); 6] = [
        ('«', '»'),
        ('"', '"'),
        ('“', '”'),
        ('„', '“'),
        ('\'', '\''),
        ('‘', '’'),
    ];
    let t = line.trim();
    // Most lines are long or open with a letter: passed over before counting words.
    if t.len() > 160 || !t.starts_with(['«', '"', '“', '„', '\'', '‘']) {
        return false;
    }
    let words = word_count(t);
    (2..=12).contains(&words)
        && PAIRS.iter().any(|&(open, close)| {
            t.starts_with(open)
                && t.ends_with(close)
                && t.chars().count() > 2
                && !t
                    .trim_end_matches(close)
                    .trim_end()
                    .ends_with(['.', '!', ','])
                && t.chars().filter(|&c| c == open || c == close).count() <= 2
        })
}

/// Adds a figure, or completes the one before: a caption printed twice
/// (alt text and caption) is one figure, and a credit alone under a caption
/// (`Credit: X`) is that caption's.
fn push_figure(units: &mut Vec<Unit>, caption: String, credit: String) {
    match units.last_mut() {
        Some(Unit::Figure {
            caption: c,
            credit: r,
            ..
        }) if caption.is_empty() || *c == caption => {
            if !credit.is_empty() {
                *r = credit;
            }
            return;
        }
        _ => {}
    }
    let mut alt = String::new();
    let mut caption = caption;
    match units.last() {
        // `Photo: X` under a caption-like line: that line is the caption.
        Some(Unit::Heading(prev) | Unit::Paragraph(prev))
            if caption.is_empty() && word_count(prev) <= 30 =>
        {
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
}

/// `BERLIN (Reuters) —`: a dateline alone on its line, its paragraph below.
/// Whether most letters of a text are Latin (`Some(true)`), other
/// (`Some(false)`), or it has none.
fn script_of(text: &str) -> Option<bool> {
    let (mut latin, mut other) = (0, 0);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if (c as u32) < 0x0250 || ('\u{1E00}'..='\u{1EFF}').contains(&c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    (latin + other > 0).then_some(latin >= other)
}

/// `Orvana Earbuds Get Price Cut Ahead Of Phone Launch`: most words
/// capitalised, as the titles of linked stories are.
fn is_title_case(line: &str) -> bool {
    // Long lines are prose: not split into words to find out.
    if line.len() > 300 {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let caps = words
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    words.len() >= 3 && caps * 4 >= words.len() * 3 && !ends_like_sentence(line)
}

pub(crate) fn is_dateline_alone(line: &str) -> bool {
    // Labels are short: a long line is not one, and is not lower-cased to find out.
    if line.len() > 160 {
        return false;
    }
    let t = line.trim();
    // `BERLIN (Reuters) —`, `BARCELONA.Actualizado:`.
    let place: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    word_count(t) <= 6
        && t.ends_with(['—', '–', '-', ':'])
        && place.chars().count() >= 3
        && place.chars().all(char::is_uppercase)
}

/// `Kova Note Kova Note, el modelo más vendido…`: an image's alt text
/// glued to its caption, which starts with the same words. The caption.
fn alt_glued_to_caption(line: &str) -> Option<String> {
    // Long lines are prose: not split into words to find out.
    if line.len() > 400 {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() > 30 {
        return None;
    }
    (1..=6.min(words.len() / 2)).rev().find_map(|k| {
        let strip = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        let same = (0..k).all(|i| strip(words[i]) == strip(words[k + i]));
        (same && words[0].chars().next().is_some_and(char::is_uppercase))
            .then(|| words[k..].join(" "))
    })
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
                if !credit.is_empty() {
                    fig.push_str("\nCredit: ");
                    fig.push_str(&escape_text(credit));
                }
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
