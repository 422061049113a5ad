//! Any text imported as a draft, then exported, checked and inspected:
//! nothing panics, and no HTML export carries a script tag.
#![no_main]

use copydesk::analysis::{check, inspect};
use copydesk::export::{self, ExportFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let article = copydesk::import::import_text(text);
    for format in ExportFormat::ALL {
        let out = export::export(&article, format);
        if format != ExportFormat::Markdown && format != ExportFormat::Text {
            let lower = out.to_ascii_lowercase();
            let scripts = lower.matches("<script").count();
            let json_ld = lower.matches("<script type=\"application/ld+json\">").count();
            assert_eq!(scripts, json_ld, "a script in the {format:?} export");
        }
    }
    let _ = check::check(&article);
    let _ = inspect::inspect_json(&article);
});
