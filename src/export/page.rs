//! A standalone HTML5 page: the article as a reader would see it, with the
//! metadata search engines and link previews read.

use super::footer::footer_html;
use super::html::HtmlWriter;
use super::html_escape::{escape, escape_into};
use super::{ExportOptions, Exported};
use crate::markdown::{self, url};
use crate::model::Article;

const STYLESHEET: &str = include_str!("../../assets/page.css");

pub fn page(article: &Article) -> String {
    page_with(article, &ExportOptions::default()).text
}

/// The page as `options` say (bio box, embedded pictures).
pub fn page_with(article: &Article, options: &ExportOptions) -> Exported {
    let meta = &article.meta;
    let lang = if meta.lang.trim().is_empty() {
        "en"
    } else {
        meta.lang.trim()
    };
    let title = if meta.title.trim().is_empty() {
        "Untitled"
    } else {
        meta.title.trim()
    };
    let description = meta.excerpt.trim();
    let byline = meta.byline();
    let canonical = meta.canonical_url.trim();
    let safe_canonical = !canonical.is_empty() && url::is_safe_link(canonical);
    let image = meta.image.src.trim();
    let safe_image = !image.is_empty() && url::is_safe_image(image);

    let mut notices = Vec::new();
    let mut out = String::with_capacity(article.body.len() * 2 + STYLESHEET.len() + 4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    escape_into(&mut out, lang);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(title)));
    let mut meta_tag = |attr: &str, name: &str, content: &str| {
        if !content.is_empty() {
            out.push_str(&format!(
                "<meta {attr}=\"{name}\" content=\"{}\">\n",
                escape(content)
            ));
        }
    };
    meta_tag("name", "description", description);
    meta_tag("name", "author", &byline);
    meta_tag("name", "keywords", &meta.tags.join(", "));
    meta_tag("property", "og:type", "article");
    meta_tag("property", "og:title", title);
    meta_tag("property", "og:description", description);
    if safe_canonical {
        meta_tag("property", "og:url", canonical);
    }
    if safe_image {
        meta_tag("property", "og:image", image);
        meta_tag("property", "og:image:alt", meta.image.alt.trim());
    }
    meta_tag("property", "article:published_time", meta.date.trim());
    meta_tag("property", "article:section", meta.category.trim());
    for tag in &meta.tags {
        meta_tag("property", "article:tag", tag.trim());
    }
    let card = if safe_image {
        "summary_large_image"
    } else {
        "summary"
    };
    meta_tag("name", "twitter:card", card);
    meta_tag("name", "twitter:title", title);
    meta_tag("name", "twitter:description", description);
    if safe_image {
        meta_tag("name", "twitter:image", image);
    }
    if safe_canonical {
        out.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            escape(canonical)
        ));
    }
    out.push_str("<script type=\"application/ld+json\">\n");
    out.push_str(&json_ld(article, title, safe_canonical, safe_image));
    out.push_str("\n</script>\n<style>\n");
    out.push_str(STYLESHEET);
    out.push_str("</style>\n</head>\n<body>\n<article>\n<header>\n");
    out.push_str(&format!("<h1>{}</h1>\n", escape(title)));
    if !meta.subtitle.trim().is_empty() {
        out.push_str(&format!(
            "<p class=\"subtitle\">{}</p>\n",
            escape(meta.subtitle.trim())
        ));
    }
    if !meta.original_title.trim().is_empty() {
        out.push_str("<p class=\"original-title\"");
        if !meta.original_lang.trim().is_empty() {
            out.push_str(&format!(" lang=\"{}\"", escape(meta.original_lang.trim())));
        }
        out.push_str(&format!(">{}</p>\n", escape(meta.original_title.trim())));
    }
    if !byline.is_empty() || !meta.date.trim().is_empty() {
        out.push_str("<p class=\"byline\">");
        if !byline.is_empty() {
            out.push_str(&format!(
                "By <span class=\"author\">{}</span>",
                escape(&byline)
            ));
        }
        if !meta.date.trim().is_empty() {
            if !byline.is_empty() {
                out.push_str(" · ");
            }
            let date = meta.date.trim();
            match valid_datetime(date) {
                Some(machine) => out.push_str(&format!(
                    "<time datetime=\"{}\">{}</time>",
                    escape(&machine),
                    escape(date)
                )),
                None => escape_into(&mut out, date),
            }
        }
        out.push_str("</p>\n");
    }
    if !meta.tags.is_empty() {
        out.push_str("<ul class=\"tags\">");
        for tag in &meta.tags {
            out.push_str(&format!("<li>{}</li>", escape(tag)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</header>\n");
    if !meta.image.is_empty() {
        let figure = markdown::Figure {
            src: meta.image.src.clone(),
            alt: meta.image.alt.clone(),
            title: String::new(),
            caption: inline_of(&meta.image.caption),
            credit: inline_of(&meta.image.credit),
        };
        let mut w = HtmlWriter::new(&[]).embedding(options.embed_images.clone());
        w.figure_inner(&figure, "");
        out.push_str("<figure class=\"feature\">\n");
        out.push_str(&w.out);
        out.push_str("</figure>\n");
        notices.append(&mut w.notices);
    }
    let mut body = HtmlWriter::new(&[]).embedding(options.embed_images.clone());
    body.body(&article.body);
    body.footnotes();
    out.push_str(&body.out);
    notices.append(&mut body.notices);
    out.push_str(&footer_html(meta, options.bio));
    out.push_str("</article>\n</body>\n</html>\n");
    Exported { text: out, notices }
}

/// Markdown inline text (a caption) as inlines.
fn inline_of(text: &str) -> Vec<markdown::Inline> {
    match markdown::parse(text).into_iter().next().map(|b| b.kind) {
        Some(markdown::BlockKind::Paragraph(inlines)) => inlines,
        _ if text.is_empty() => Vec::new(),
        _ => vec![markdown::Inline::Text(text.to_string())],
    }
}

/// `datetime` wants `YYYY-MM-DD`, optionally with a time: accept what fits.
fn valid_datetime(date: &str) -> Option<String> {
    let b = date.as_bytes();
    let ymd = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if !ymd {
        return None;
    }
    if b.len() == 10 {
        return Some(date.to_string());
    }
    // `2022-03-01T10:00:00+01:00` or `2022-03-01 10:00`
    let rest = &date[10..];
    let ok = rest
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, 'T' | ' ' | ':' | '+' | '-' | 'Z' | '.'));
    ok.then(|| date.replacen(' ', "T", 1))
}

/// schema.org `NewsArticle`, written so that it cannot close its script
/// element: `<`, `>` and `&` are escaped inside JSON strings.
fn json_ld(article: &Article, title: &str, with_url: bool, with_image: bool) -> String {
    let meta = &article.meta;
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
    });
    let obj = ld.as_object_mut().expect("json! builds an object");
    let mut put = |key: &str, value: serde_json::Value| {
        obj.insert(key.to_string(), value);
    };
    if !meta.subtitle.is_empty() {
        put("alternativeHeadline", meta.subtitle.clone().into());
    }
    if !meta.excerpt.is_empty() {
        put("description", meta.excerpt.clone().into());
    }
    let authors: Vec<_> = meta
        .author_names()
        .iter()
        .map(|n| serde_json::json!({"@type": "Person", "name": n}))
        .collect();
    if !authors.is_empty() {
        put("author", authors.into());
    }
    if !meta.date.is_empty() {
        put("datePublished", meta.date.clone().into());
    }
    if !meta.tags.is_empty() {
        put("keywords", meta.tags.join(", ").into());
    }
    if !meta.category.is_empty() {
        put("articleSection", meta.category.clone().into());
    }
    if !meta.lang.is_empty() {
        put("inLanguage", meta.lang.clone().into());
    }
    if with_url {
        put("mainEntityOfPage", meta.canonical_url.clone().into());
    }
    if with_image {
        put("image", vec![meta.image.src.clone()].into());
    }
    put(
        "wordCount",
        crate::analysis::stats::Stats::words_of(article).into(),
    );
    let json = serde_json::to_string_pretty(&ld).expect("serialising a JSON value");
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Metadata};

    #[test]
    fn head_has_search_and_social_metadata() {
        let article = Article {
            meta: Metadata {
                title: "T & T".into(),
                excerpt: "Desc".into(),
                authors: vec![Author {
                    name: "Jane".into(),
                    bio: "Bio.".into(),
                }],
                canonical_url: "https://x.com/a".into(),
                date: "2022-03-01".into(),
                ..Default::default()
            },
            body: "Hello.".into(),
        };
        let out = page(&article);
        for needle in [
            "<title>T &amp; T</title>",
            "<meta name=\"description\" content=\"Desc\">",
            "<meta name=\"author\" content=\"Jane\">",
            "<link rel=\"canonical\" href=\"https://x.com/a\">",
            "<meta property=\"og:title\" content=\"T &amp; T\">",
            "<meta name=\"twitter:card\" content=\"summary\">",
            "\"@type\": \"NewsArticle\"",
            "<time datetime=\"2022-03-01\">2022-03-01</time>",
            "<aside class=\"author-bio\">\n<h2>About Jane</h2>",
        ] {
            assert!(out.contains(needle), "missing {needle} in {out}");
        }
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let article = Article {
            meta: Metadata {
                title: "</script><script>alert(1)</script>".into(),
                ..Default::default()
            },
            body: String::new(),
        };
        let out = page(&article);
        assert_eq!(out.matches("<script").count(), 1, "{out}");
        assert_eq!(out.matches("</script>").count(), 1, "{out}");
    }
}
