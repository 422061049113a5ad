//! Any file read as Copydesk Markdown: nothing panics; an unchanged file is
//! written back byte for byte; what was read, written as a new YAML file,
//! reads back the same.
#![no_main]

use copydesk::format::{self, Origin};
use copydesk::model::{Article, Value};
use libfuzzer_sys::fuzz_target;

/// YAML (1.2's core schema) has no date type: a TOML date written as a new
/// YAML file reads back as the same text, which is what is compared.
fn dates_as_text(value: &mut Value) {
    match value {
        Value::Datetime(text) => *value = Value::String(std::mem::take(text)),
        Value::List(items) => items.iter_mut().for_each(dates_as_text),
        Value::Map(entries) => entries.iter_mut().for_each(|(_, v)| dates_as_text(v)),
        _ => {}
    }
}

fn comparable(article: &Article) -> Article {
    let mut article = article.clone();
    article.meta.extra.iter_mut().for_each(|(_, v)| dates_as_text(v));
    article
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(doc) = format::parse_markdown(text) else { return };
    assert_eq!(format::write_markdown(&doc.article, &doc.origin), text);
    let mut origin = Origin::new_file();
    origin.line_ending = format::LineEnding::Lf;
    let written = format::write_markdown(&doc.article, &origin);
    let again = format::parse_markdown(&written).expect("what Copydesk writes, it reads");
    assert_eq!(comparable(&again.article), comparable(&doc.article), "{written}");
});
