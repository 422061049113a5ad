//! Any file read as Copydesk Markdown: nothing panics; an unchanged file is
//! written back byte for byte; what was read, written as a new YAML file,
//! reads back the same.
#![no_main]

use copydesk::format::{self, Origin};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(doc) = format::parse_markdown(text) else { return };
    assert_eq!(format::write_markdown(&doc.article, &doc.origin), text);
    let mut origin = Origin::new_file();
    origin.line_ending = format::LineEnding::Lf;
    let written = format::write_markdown(&doc.article, &origin);
    let again = format::parse_markdown(&written).expect("what Copydesk writes, it reads");
    assert_eq!(again.article, doc.article, "{written}");
});
