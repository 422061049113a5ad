//! Draft clean-up: named fixes an editor switches on and off, applied to the
//! body and to the text fields of the metadata, never to code, URLs or
//! front-matter keys. Each change is recorded so the app can show what will
//! change before it does.

mod edits;
mod language;
mod leftovers;
mod mask;
mod punctuation;
mod typography;
mod whitespace;

use std::fmt;

pub use edits::Edit;
pub use language::{Conventions, primary_subtag};
pub use mask::Mask;

use crate::model::Article;

/// One fix of the clean-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fix {
    ZeroWidth,
    Leftovers,
    DuplicateLines,
    NoBreakSpaces,
    SpaceRuns,
    TrailingSpaces,
    BlankLines,
    Ellipses,
    Dashes,
    Quotes,
    PunctuationSpacing,
}

type FixFn = fn(&str, &Mask, &Conventions) -> Vec<Edit>;

/// One fix run alone on a Markdown text in a language (the fixes' tests).
#[cfg(test)]
fn run_fix(fix: FixFn, text: &str, lang: &str) -> String {
    edits::apply(
        text,
        &fix(text, &Mask::markdown(text), &Conventions::of(lang)),
    )
}

impl Fix {
    /// Every fix, in the order they run (later ones see earlier results).
    pub const ALL: [Fix; 11] = [
        Fix::ZeroWidth,
        Fix::Leftovers,
        Fix::DuplicateLines,
        Fix::NoBreakSpaces,
        Fix::SpaceRuns,
        Fix::TrailingSpaces,
        Fix::BlankLines,
        Fix::Ellipses,
        Fix::Dashes,
        Fix::Quotes,
        Fix::PunctuationSpacing,
    ];

    /// The name used on the command line and in settings.
    pub fn key(self) -> &'static str {
        match self {
            Fix::ZeroWidth => "zero-width",
            Fix::Leftovers => "leftovers",
            Fix::DuplicateLines => "duplicates",
            Fix::NoBreakSpaces => "nbsp",
            Fix::SpaceRuns => "spaces",
            Fix::TrailingSpaces => "trailing",
            Fix::BlankLines => "blank-lines",
            Fix::Ellipses => "ellipses",
            Fix::Dashes => "dashes",
            Fix::Quotes => "quotes",
            Fix::PunctuationSpacing => "punctuation",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Fix::ZeroWidth => "Zero-width characters and soft hyphens",
            Fix::Leftovers => "Scraping leftovers (thumbnail, Click to enlarge, StartFragment…)",
            Fix::DuplicateLines => "Captions and lines printed twice",
            Fix::NoBreakSpaces => "No-break spaces (kept where French sets them)",
            Fix::SpaceRuns => "Runs of spaces",
            Fix::TrailingSpaces => "Spaces at line ends",
            Fix::BlankLines => "Stray blank lines",
            Fix::Ellipses => "Ellipses (... → …)",
            Fix::Dashes => "Dashes (-- → –, --- → —, none before a full stop)",
            Fix::Quotes => "Curly quotes and apostrophes for the article's language",
            Fix::PunctuationSpacing => "Spacing around punctuation, quotes and brackets",
        }
    }

    pub fn from_key(key: &str) -> Option<Fix> {
        Fix::ALL.into_iter().find(|f| f.key() == key.trim())
    }

    fn run(self) -> FixFn {
        match self {
            Fix::ZeroWidth => whitespace::zero_width,
            Fix::Leftovers => leftovers::scraping_leftovers,
            Fix::DuplicateLines => leftovers::duplicate_lines,
            Fix::NoBreakSpaces => whitespace::no_break_spaces,
            Fix::SpaceRuns => whitespace::space_runs,
            Fix::TrailingSpaces => whitespace::trailing_spaces,
            Fix::BlankLines => whitespace::blank_lines,
            Fix::Ellipses => typography::ellipses,
            Fix::Dashes => typography::dashes,
            Fix::Quotes => typography::quotes,
            Fix::PunctuationSpacing => punctuation::spacing,
        }
    }

    /// Whether the fix works on lines of a document (not on a one-line field).
    fn is_line_fix(self) -> bool {
        matches!(
            self,
            Fix::Leftovers | Fix::DuplicateLines | Fix::TrailingSpaces | Fix::BlankLines
        )
    }

    /// Whether the fix changes the spelling of a name (names must keep
    /// matching author and credit templates).
    fn is_typographic(self) -> bool {
        matches!(
            self,
            Fix::Ellipses | Fix::Dashes | Fix::Quotes | Fix::PunctuationSpacing
        )
    }
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Where a change is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A line of the body (1-based, as the body was before the clean-up).
    Body(usize),
    /// A metadata field, by its front-matter key (`title`, `authors[0].bio`).
    Field(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Body(line) => write!(f, "line {line}"),
            Place::Field(key) => f.write_str(key),
        }
    }
}

/// What one fix changed on one line (or in one field): the text around it
/// before and after, and how many edits that was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub fix: Fix,
    pub place: Place,
    pub before: String,
    pub after: String,
    pub count: usize,
}

/// The result of a clean-up: the cleaned article and what changed.
#[derive(Clone, Debug)]
pub struct Cleanup {
    pub article: Article,
    pub changes: Vec<Change>,
}

impl Cleanup {
    /// How many edits each fix made, for the fixes that made any.
    pub fn counts(&self) -> Vec<(Fix, usize)> {
        Fix::ALL
            .into_iter()
            .map(|fix| {
                let n = self
                    .changes
                    .iter()
                    .filter(|c| c.fix == fix)
                    .map(|c| c.count)
                    .sum();
                (fix, n)
            })
            .filter(|&(_, n)| n > 0)
            .collect()
    }

    /// How many edits in all.
    pub fn total(&self) -> usize {
        self.changes.iter().map(|c| c.count).sum()
    }

    /// One line a fix: `quotes: 12 changes`.
    pub fn summary(&self) -> String {
        if self.changes.is_empty() {
            return "nothing to clean up\n".into();
        }
        let mut out = String::new();
        for (fix, n) in self.counts() {
            let s = if n == 1 { "" } else { "s" };
            out.push_str(&format!("{fix}: {n} change{s} ({})\n", fix.label()));
        }
        out
    }
}

/// What kind of text a field holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Markdown: the body, a bio.
    Markdown,
    /// One line of prose: a title, a caption.
    Prose,
    /// A name: only whitespace is fixed.
    Name,
}

/// Cleans an article with the given fixes (run in [`Fix::ALL`]'s order).
pub fn clean(article: &Article, fixes: &[Fix]) -> Cleanup {
    let mut out = article.clone();
    let mut changes = Vec::new();
    let lang = article.meta.lang.as_str();
    let original_lang = article.meta.original_lang.as_str();
    let mut run = |text: &mut String, kind: Kind, lang: &str, field: Option<String>| {
        *text = clean_text(text, kind, lang, fixes, field, &mut changes);
    };
    let meta = &mut out.meta;
    run(&mut meta.title, Kind::Prose, lang, Some("title".into()));
    run(
        &mut meta.subtitle,
        Kind::Prose,
        lang,
        Some("subtitle".into()),
    );
    run(
        &mut meta.original_title,
        Kind::Prose,
        original_lang,
        Some("original_title".into()),
    );
    run(&mut meta.excerpt, Kind::Prose, lang, Some("excerpt".into()));
    for (n, author) in meta.authors.iter_mut().enumerate() {
        run(
            &mut author.name,
            Kind::Name,
            lang,
            Some(format!("authors[{n}].name")),
        );
        run(
            &mut author.bio,
            Kind::Markdown,
            lang,
            Some(format!("authors[{n}].bio")),
        );
    }
    run(
        &mut meta.image.alt,
        Kind::Prose,
        lang,
        Some("image.alt".into()),
    );
    run(
        &mut meta.image.caption,
        Kind::Prose,
        lang,
        Some("image.caption".into()),
    );
    run(
        &mut meta.image.credit,
        Kind::Name,
        lang,
        Some("image.credit".into()),
    );
    for (n, credit) in meta.credits.iter_mut().enumerate() {
        run(
            &mut credit.role,
            Kind::Name,
            lang,
            Some(format!("credits[{n}].role")),
        );
        run(
            &mut credit.name,
            Kind::Name,
            lang,
            Some(format!("credits[{n}].name")),
        );
    }
    for (n, tag) in meta.tags.iter_mut().enumerate() {
        run(tag, Kind::Name, lang, Some(format!("tags[{n}]")));
    }
    run(&mut out.body, Kind::Markdown, lang, None);
    Cleanup {
        article: out,
        changes,
    }
}

/// A slip in a text's typography that the checks report and the clean-up
/// fixes: a space before a closing quote or bracket, a dash before a full
/// stop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slip {
    /// Bytes of the Markdown text: the spaces or dash, and the mark after.
    pub range: std::ops::Range<usize>,
    pub message: String,
}

/// The [`Slip`]s of a Markdown text in a language, in order.
pub fn slips(markdown: &str, lang: &str) -> Vec<Slip> {
    let mask = Mask::markdown(markdown);
    let conv = Conventions::of(lang);
    let mark_after = |at: usize| markdown[at..].chars().next().unwrap_or(' ');
    let mut out: Vec<Slip> = punctuation::closing_gaps(markdown, &mask, &conv)
        .into_iter()
        .map(|edit| {
            let mark = mark_after(edit.range.end);
            let what = if matches!(mark, ')' | ']') {
                "bracket"
            } else {
                "quote"
            };
            Slip {
                range: edit.range.start..edit.range.end + mark.len_utf8(),
                message: format!("a space before the closing {what} {mark}"),
            }
        })
        .chain(
            typography::dashes_before_full_stops(markdown, &mask, &conv)
                .into_iter()
                .map(|edit| {
                    let word = markdown[..edit.range.start]
                        .rfind(char::is_whitespace)
                        .map_or(0, |at| at + 1);
                    let range = edit.range.start..edit.range.end + 1;
                    Slip {
                        message: format!(
                            "a dash before a full stop (“{}”)",
                            &markdown[word..range.end]
                        ),
                        range,
                    }
                }),
        )
        .collect();
    out.sort_by_key(|s| s.range.start);
    out
}

/// Cleans the Markdown body alone (the language picks the typography).
pub fn clean_body(body: &str, lang: &str, fixes: &[Fix]) -> (String, Vec<Change>) {
    let mut changes = Vec::new();
    let text = clean_text(body, Kind::Markdown, lang, fixes, None, &mut changes);
    (text, changes)
}

fn clean_text(
    text: &str,
    kind: Kind,
    lang: &str,
    fixes: &[Fix],
    field: Option<String>,
    changes: &mut Vec<Change>,
) -> String {
    if text.is_empty() {
        return String::new();
    }
    let conv = Conventions::of(lang);
    let mut text = text.to_string();
    // The draft's line each line of `text` comes from (1-based).
    let mut origin: Vec<usize> = (1..=text.split('\n').count()).collect();
    for fix in Fix::ALL.into_iter().filter(|f| fixes.contains(f)) {
        if kind != Kind::Markdown && fix.is_line_fix() || kind == Kind::Name && fix.is_typographic()
        {
            continue;
        }
        let mask = match kind {
            Kind::Markdown => Mask::markdown(&text),
            Kind::Prose | Kind::Name => Mask::plain(&text),
        };
        let edits = (fix.run())(&text, &mask, &conv);
        if edits.is_empty() {
            continue;
        }
        let next = edits::apply(&text, &edits);
        let next_origin = match &field {
            Some(_) => Vec::new(),
            None => edits::line_origins(&text, &edits, &next)
                .into_iter()
                .map(|line| origin.get(line).copied().unwrap_or(line + 1))
                .collect(),
        };
        let groups = match &field {
            Some(_) => vec![(1, edits)],
            None => edits::by_line(&text, edits)
                .into_iter()
                .map(|(line, group)| (origin.get(line - 1).copied().unwrap_or(line), group))
                .collect(),
        };
        for (line, group) in groups {
            let (before, after) = edits::context(&text, &group);
            let place = match &field {
                Some(key) => Place::Field(key.clone()),
                None => Place::Body(line),
            };
            changes.push(Change {
                fix,
                place,
                before,
                after,
                count: group.len(),
            });
        }
        text = next;
        origin = next_origin;
    }
    if kind != Kind::Markdown && fixes.contains(&Fix::SpaceRuns) {
        let trimmed = text.trim();
        if trimmed.len() != text.len() {
            changes.push(Change {
                fix: Fix::SpaceRuns,
                place: Place::Field(field.unwrap_or_default()),
                before: format!("“{text}”"),
                after: format!("“{trimmed}”"),
                count: 1,
            });
            text = trimmed.to_string();
        }
    }
    text
}

#[cfg(test)]
mod tests;
