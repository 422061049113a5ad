//! Long articles for the benchmarks: the sample article's body (headings,
//! figures, quotes, lists, a table, links) repeated to a number of words.

use copydesk::format;
use copydesk::model::Article;

#[allow(dead_code)]
pub fn article_of(words: usize) -> Article {
    let sample = include_str!("../../sample_docs/oneplus-copydesk.md");
    let doc = format::parse_markdown(sample).expect("sample parses");
    let mut article = doc.article;
    // Footnote labels would repeat; keep their text as plain paragraphs.
    let body = article.body.replace("[^1]", "");
    let per_copy = body.split_whitespace().count() + 3;
    let mut long = String::new();
    let mut n = 0;
    let mut count = 0;
    while count < words {
        n += 1;
        if count + per_copy > words && n > 1 {
            // The last part: whole paragraphs until the count is reached.
            for paragraph in body.split("\n\n") {
                if count >= words {
                    break;
                }
                count += paragraph.split_whitespace().count();
                long.push_str(paragraph);
                long.push_str("\n\n");
            }
            break;
        }
        long.push_str(&format!("## Section {n}\n\n"));
        long.push_str(&body);
        long.push('\n');
        count += per_copy;
    }
    article.body = long;
    article
}

/// A draft that is one paragraph of `bytes` (scraped text with no paragraph
/// breaks): the sample's prose paragraphs, links and emphasis included,
/// run together on one line.
#[allow(dead_code)]
pub fn one_paragraph(bytes: usize) -> Article {
    let mut article = article_of(1_000);
    let prose: Vec<&str> = article
        .body
        .split("\n\n")
        .filter(|p| !p.starts_with(['#', '!', '|', '>', '-', ':']))
        .collect();
    let prose = prose.join(" ").replace('\n', " ");
    let mut body = String::with_capacity(bytes + prose.len());
    while body.len() < bytes {
        body.push_str(&prose);
        body.push(' ');
    }
    body.push('\n');
    article.body = body;
    article
}

/// One line of `bytes` of plain words.
#[allow(dead_code)]
pub fn one_line(bytes: usize) -> Article {
    let mut article = article_of(1_000);
    let words = "the phone brings a larger main sensor and a new colour calibration ";
    article.body = words.repeat(bytes / words.len() + 1);
    article.body.push('\n');
    article
}
