//! The house library: author bios, snippets, known credits and tags, kept
//! as RON files in the config folder so a team can share them by copying
//! or syncing the folder.
//!
//! ```text
//! <config>/authors/<slug>.ron    one author: name, bio, role, links, avatar
//! <config>/snippets/<slug>.ron   one snippet: name, Markdown text, where it goes
//! <config>/credits.ron           known credit sources
//! <config>/tags.ron              known tags
//! ```
//!
//! Every file carries a `version`, so later formats can migrate old files.
//! A file that cannot be read is listed with its error and never
//! overwritten or deleted; the others load. Writes are atomic.

mod files;

pub use files::{Library, Loaded, Problem, TemplateError};

use serde::{Deserialize, Serialize};

/// The format version this Copydesk writes.
pub const VERSION: u32 = 1;

fn version() -> u32 {
    VERSION
}

/// An author's template. Unknown fields are refused, so a typo in a
/// hand-edited file (`boi:`) is reported instead of silently ignored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorTemplate {
    #[serde(default = "version")]
    pub version: u32,
    pub name: String,
    /// Markdown.
    #[serde(default)]
    pub bio: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub links: Vec<String>,
    /// Path or URL of a portrait.
    #[serde(default)]
    pub avatar: String,
}

impl Default for AuthorTemplate {
    fn default() -> Self {
        Self {
            version: VERSION,
            name: String::new(),
            bio: String::new(),
            role: String::new(),
            links: Vec::new(),
            avatar: String::new(),
        }
    }
}

/// Where a snippet goes when inserted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Placement {
    /// At the cursor.
    #[default]
    Cursor,
    /// At the top of the body.
    Top,
    /// At the end of the body.
    End,
}

impl Placement {
    pub const ALL: [Placement; 3] = [Placement::Cursor, Placement::Top, Placement::End];

    pub fn label(self) -> &'static str {
        match self {
            Placement::Cursor => "At the cursor",
            Placement::Top => "At the top",
            Placement::End => "At the end",
        }
    }
}

/// Reusable boilerplate: a disclosure, a newsletter call to action, a
/// translation note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnippetTemplate {
    #[serde(default = "version")]
    pub version: u32,
    pub name: String,
    /// Markdown.
    pub text: String,
    #[serde(default)]
    pub placement: Placement,
}

impl Default for SnippetTemplate {
    fn default() -> Self {
        Self {
            version: VERSION,
            name: String::new(),
            text: String::new(),
            placement: Placement::default(),
        }
    }
}

/// A known credit source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownCredit {
    #[serde(default)]
    pub role: String,
    pub name: String,
    #[serde(default)]
    pub url: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditsFile {
    #[serde(default = "version")]
    pub version: u32,
    #[serde(default)]
    pub credits: Vec<KnownCredit>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagsFile {
    #[serde(default = "version")]
    pub version: u32,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// The house dictionary: brand names, people and jargon the spell checker
/// must accept (`Xiaomi`, `Leica`, `LetsGoDigital`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DictionaryFile {
    #[serde(default = "version")]
    pub version: u32,
    #[serde(default)]
    pub words: Vec<String>,
}

/// Makes an article's author the template's: fills the bio of the author
/// of that name, or puts the author first in the byline.
pub fn apply_author(article: &mut crate::model::Article, template: &AuthorTemplate) {
    let authors = &mut article.meta.authors;
    match authors
        .iter_mut()
        .find(|a| a.name.trim().eq_ignore_ascii_case(template.name.trim()))
    {
        Some(author) => author.bio = template.bio.clone(),
        None => {
            authors.retain(|a| !a.name.trim().is_empty());
            authors.insert(
                0,
                crate::model::Author {
                    name: template.name.clone(),
                    bio: template.bio.clone(),
                },
            );
        }
    }
}

/// Inserts a snippet into a body: at `cursor` (a byte offset), at the top
/// or at the end, as its own paragraph. Returns the new body and the byte
/// range of the inserted text.
pub fn insert_snippet(
    body: &str,
    snippet: &SnippetTemplate,
    cursor: usize,
) -> (String, std::ops::Range<usize>) {
    let text = snippet.text.trim();
    let at = match snippet.placement {
        Placement::Top => 0,
        Placement::End => body.len(),
        Placement::Cursor => cursor.min(body.len()),
    };
    let at = (0..=at)
        .rev()
        .find(|i| body.is_char_boundary(*i))
        .unwrap_or(0);
    let before = body[..at].trim_end_matches([' ', '\n']);
    let after = body[at..].trim_start_matches([' ', '\n']);
    let mut out = String::with_capacity(body.len() + text.len() + 4);
    out.push_str(before);
    if !before.is_empty() {
        out.push_str("\n\n");
    }
    let start = out.len();
    out.push_str(text);
    let end = out.len();
    if !after.is_empty() {
        out.push_str("\n\n");
        out.push_str(after);
    } else {
        out.push('\n');
    }
    (out, start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(placement: Placement) -> SnippetTemplate {
        SnippetTemplate {
            version: 1,
            name: "n".into(),
            text: "*Disclosure.*\n".into(),
            placement,
        }
    }

    #[test]
    fn snippets_go_where_they_say() {
        let body = "One.\n\nTwo.\n";
        assert_eq!(
            insert_snippet(body, &snippet(Placement::Top), 7).0,
            "*Disclosure.*\n\nOne.\n\nTwo.\n"
        );
        assert_eq!(
            insert_snippet(body, &snippet(Placement::End), 0).0,
            "One.\n\nTwo.\n\n*Disclosure.*\n"
        );
        let (text, range) = insert_snippet(body, &snippet(Placement::Cursor), 6);
        assert_eq!(text, "One.\n\n*Disclosure.*\n\nTwo.\n");
        assert_eq!(&text[range], "*Disclosure.*");
    }

    #[test]
    fn ron_files_are_friendly_to_hand_editing() {
        let text = "(\n    name: \"Walker Ronnie\",\n    bio: \"Writes about tech.\",\n)";
        let author: AuthorTemplate = ron::from_str(text).unwrap();
        assert_eq!(author.version, VERSION, "a missing version is today's");
        assert_eq!(author.name, "Walker Ronnie");
        assert!(author.links.is_empty());
    }
}
