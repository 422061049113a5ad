//! The article as an editor thinks of it: metadata plus a Markdown body.
//!
//! Everything here is plain data. The body is the single source of truth for
//! headings and figures; they are derived from it (see [`crate::markdown`]).

mod field;
mod field_edit;
mod slug;
mod value;

pub use field::Field;
pub use field_edit::{FieldEdit, FieldEditError, ImagePart};
pub use slug::slugify;
pub use value::Value;

use serde::Serialize;

/// One article: its metadata and its body (CommonMark with GFM tables,
/// strikethrough and footnotes). Line endings in memory are always `\n`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Article {
    pub meta: Metadata,
    pub body: String,
}

/// The front matter of an article. Empty strings mean "not set": that keeps
/// the model directly editable by text fields and the files free of empty keys.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Metadata {
    pub title: String,
    /// Dek / standfirst.
    pub subtitle: String,
    /// The title in the language the piece was written in, for translations.
    pub original_title: String,
    /// Language code (BCP 47, e.g. `it`) of `original_title`.
    pub original_lang: String,
    pub authors: Vec<Author>,
    /// Publication date as written (`2022-03-01`, or with a time).
    pub date: String,
    pub status: Status,
    pub tags: Vec<String>,
    pub category: String,
    /// Meta description shown in search results and link previews.
    pub excerpt: String,
    /// Only set once an editor chose a slug; otherwise derived from the title.
    pub slug: String,
    pub canonical_url: String,
    /// Language code (BCP 47) of the article.
    pub lang: String,
    pub image: Image,
    pub credits: Vec<Credit>,
    /// Front-matter keys Copydesk does not know, kept in their order.
    #[serde(skip)]
    pub extra: Vec<(String, Value)>,
}

impl Metadata {
    /// The slug the article is published under: the edited one, or one made
    /// from the title.
    pub fn effective_slug(&self) -> String {
        if self.slug.trim().is_empty() {
            slugify(&self.title)
        } else {
            self.slug.clone()
        }
    }

    /// The names of the authors that have one, in order.
    pub fn author_names(&self) -> Vec<&str> {
        self.authors
            .iter()
            .map(|a| a.name.trim())
            .filter(|n| !n.is_empty())
            .collect()
    }

    /// "Jane Doe", "Jane Doe and John Roe", "A, B and C".
    pub fn byline(&self) -> String {
        join_names(&self.author_names())
    }
}

/// Joins names the way a byline reads.
pub fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Author {
    pub name: String,
    /// Markdown.
    pub bio: String,
}

impl Author {
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            bio: String::new(),
        }
    }
}

/// Where an article stands in the newsroom's workflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Draft,
    InReview,
    Ready,
    Published,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::InReview,
        Status::Ready,
        Status::Published,
    ];

    /// The value written in front matter.
    pub fn key(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in-review",
            Status::Ready => "ready",
            Status::Published => "published",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::InReview => "In review",
            Status::Ready => "Ready",
            Status::Published => "Published",
        }
    }

    /// Reads the values people actually write: `in review`, `In-Review`,
    /// `review`, `publish`, `final`…
    pub fn parse(text: &str) -> Option<Status> {
        let norm: String = text
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        Some(match norm.as_str() {
            "draft" | "wip" | "todo" => Status::Draft,
            "inreview" | "review" | "pending" | "editing" => Status::InReview,
            "ready" | "final" | "approved" | "scheduled" | "future" => Status::Ready,
            "published" | "publish" | "live" | "public" => Status::Published,
            _ => return None,
        })
    }
}

/// The feature image (also used for link previews).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Image {
    /// Path or URL.
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

impl Image {
    pub fn is_empty(&self) -> bool {
        self.src.is_empty()
            && self.alt.is_empty()
            && self.caption.is_empty()
            && self.credit.is_empty()
    }
}

/// An attribution of the article: `Credits: LetsGoDigital`, `Source: Reuters`,
/// `via The Verge`, `Jane Doe contributed to this report`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Credit {
    /// `credit`, `source`, `via`, `reporting`, `translation`…
    pub role: String,
    pub name: String,
    pub url: String,
}

impl Credit {
    pub fn new(role: &str, name: &str) -> Self {
        Self {
            role: role.to_string(),
            name: name.to_string(),
            url: String::new(),
        }
    }

    /// How the credit reads in a published article: "Source: Reuters",
    /// "Via The Verge", "Jane Doe contributed to this report".
    pub fn sentence(&self) -> String {
        match self.role.trim().to_lowercase().as_str() {
            "" => self.name.clone(),
            "via" => format!("Via {}", self.name),
            "reporting" | "contributor" => format!("{} contributed to this report", self.name),
            _ => format!("{}: {}", capitalize(self.role.trim()), self.name),
        }
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_reads_common_spellings() {
        assert_eq!(Status::parse("In Review"), Some(Status::InReview));
        assert_eq!(Status::parse("in-review"), Some(Status::InReview));
        assert_eq!(Status::parse("PUBLISHED"), Some(Status::Published));
        assert_eq!(Status::parse("banana"), None);
        for s in Status::ALL {
            assert_eq!(Status::parse(s.key()), Some(s));
        }
    }

    #[test]
    fn byline_joins_names_like_prose() {
        let mut meta = Metadata::default();
        assert_eq!(meta.byline(), "");
        meta.authors = vec![Author::named("A"), Author::named("B"), Author::named("C")];
        assert_eq!(meta.byline(), "A, B and C");
        meta.authors.truncate(2);
        assert_eq!(meta.byline(), "A and B");
    }

    #[test]
    fn slug_follows_title_until_edited() {
        let mut meta = Metadata {
            title: "Xiaomi and Leica: together!".into(),
            ..Default::default()
        };
        assert_eq!(meta.effective_slug(), "xiaomi-and-leica-together");
        meta.slug = "leica".into();
        assert_eq!(meta.effective_slug(), "leica");
    }

    #[test]
    fn credit_sentences_read_naturally() {
        assert_eq!(
            Credit::new("source", "Reuters").sentence(),
            "Source: Reuters"
        );
        assert_eq!(Credit::new("via", "The Verge").sentence(), "Via The Verge");
        assert_eq!(
            Credit::new("reporting", "Jane Doe").sentence(),
            "Jane Doe contributed to this report"
        );
    }
}
