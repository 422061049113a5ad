//! The parsed article as JSON, for scripts and for checking the importer.

use serde::Serialize;

use super::stats::Stats;
use crate::markdown::{self, plain_text};
use crate::model::{Article, Credit, Status};

#[derive(Debug, Serialize)]
pub struct Inspection {
    pub title: String,
    pub subtitle: String,
    pub original_title: String,
    pub original_lang: String,
    pub lang: String,
    pub authors: Vec<AuthorSummary>,
    pub date: String,
    pub status: Status,
    pub tags: Vec<String>,
    pub category: String,
    pub excerpt: String,
    pub slug: String,
    pub canonical_url: String,
    pub headings: Vec<String>,
    pub figures: Vec<FigureSummary>,
    pub credits: Vec<Credit>,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub paragraph_count: usize,
}

#[derive(Debug, Serialize)]
pub struct AuthorSummary {
    pub name: String,
    pub bio: String,
}

#[derive(Debug, Serialize)]
pub struct FigureSummary {
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

pub fn inspect(article: &Article) -> Inspection {
    let meta = &article.meta;
    let blocks = markdown::parse(&article.body);
    let stats = Stats::of_blocks(&blocks);
    Inspection {
        title: meta.title.clone(),
        subtitle: meta.subtitle.clone(),
        original_title: meta.original_title.clone(),
        original_lang: meta.original_lang.clone(),
        lang: meta.lang.clone(),
        authors: meta
            .authors
            .iter()
            .map(|a| AuthorSummary {
                name: a.name.clone(),
                bio: a.bio.clone(),
            })
            .collect(),
        date: meta.date.clone(),
        status: meta.status,
        tags: meta.tags.clone(),
        category: meta.category.clone(),
        excerpt: meta.excerpt.clone(),
        slug: meta.effective_slug(),
        canonical_url: meta.canonical_url.clone(),
        headings: markdown::headings(&blocks)
            .into_iter()
            .map(|(_, text, _)| text)
            .collect(),
        figures: markdown::figures(&blocks)
            .into_iter()
            .map(|f| FigureSummary {
                src: f.src.clone(),
                alt: f.alt.clone(),
                caption: plain_text(&f.caption),
                credit: plain_text(&f.credit),
            })
            .collect(),
        credits: meta.credits.clone(),
        word_count: stats.words,
        reading_minutes: stats.reading_minutes(),
        paragraph_count: stats.paragraphs,
    }
}

/// Pretty JSON of [`inspect`].
pub fn inspect_json(article: &Article) -> String {
    serde_json::to_string_pretty(&inspect(article)).expect("serialising plain data")
}
