//! Import and export throughput (MB/s) on a large generated article, beside
//! bare `pulldown-cmark` on the same text.
//!
//! `cargo bench --bench throughput` measures; `cargo test --benches` runs
//! each benchmark once so they cannot rot (CI does that).

use copydesk::export::{self, ExportFormat};
use copydesk::format;
use copydesk::import;
use copydesk::model::Article;
use divan::counter::BytesCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

mod common;

/// About 200,000 words of realistic article Markdown.
fn long_article() -> Article {
    common::article_of(200_000)
}

/// A plain-text draft of the same size: the shared sample's paragraphs.
fn long_draft() -> String {
    let sample = include_str!("../sample_docs/xiaomi-leica.txt");
    let (head, rest) = sample.split_at(sample.find("Finally").expect("sample body"));
    let body_end = rest.rfind("Walker Ronnie is").expect("sample bio");
    let (body, bio) = rest.split_at(body_end);
    let mut text = head.to_string();
    while text.split_whitespace().count() < 200_000 {
        text.push_str(body);
    }
    text.push_str(bio);
    text
}

#[divan::bench]
fn pulldown_cmark_bare(bencher: Bencher) {
    let article = long_article();
    bencher
        .counter(BytesCount::of_str(&article.body))
        .bench(|| {
            let parser = pulldown_cmark::Parser::new_ext(
                black_box(&article.body),
                copydesk::markdown::options(),
            );
            let mut html = String::with_capacity(article.body.len() * 2);
            pulldown_cmark::html::push_html(&mut html, parser);
            html
        });
}

/// The parse every export starts from: pulldown-cmark's events made into
/// Copydesk's blocks (figures found), without writing anything.
#[divan::bench]
fn markdown_blocks(bencher: Bencher) {
    let article = long_article();
    bencher
        .counter(BytesCount::of_str(&article.body))
        .bench(|| copydesk::markdown::parse(black_box(&article.body)));
}

/// pulldown-cmark's events alone, read to the end (no HTML written).
#[divan::bench]
fn pulldown_cmark_events(bencher: Bencher) {
    let article = long_article();
    bencher
        .counter(BytesCount::of_str(&article.body))
        .bench(|| {
            pulldown_cmark::Parser::new_ext(black_box(&article.body), copydesk::markdown::options())
                .into_offset_iter()
                .count()
        });
}

#[divan::bench(args = ["html", "page", "text", "markdown", "wordpress"])]
fn export_format(bencher: Bencher, format: &str) {
    let article = long_article();
    let format = ExportFormat::parse(format).expect("known format");
    bencher
        .counter(BytesCount::of_str(&article.body))
        .bench(|| export::export(black_box(&article), format));
}

#[divan::bench]
fn parse_markdown_file(bencher: Bencher) {
    let article = long_article();
    let text = format::write_markdown(&article, &format::Origin::new_file());
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| format::parse_markdown(black_box(&text)).expect("parses"));
}

#[divan::bench]
fn import_plain_text_draft(bencher: Bencher) {
    let draft = long_draft();
    bencher
        .counter(BytesCount::of_str(&draft))
        .bench(|| import::import_text(black_box(&draft)));
}
