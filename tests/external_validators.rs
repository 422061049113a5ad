//! Copydesk's exports checked by the tools their readers use: the W3C Nu
//! HTML checker (`vnu.jar`) for the standalone page, and WordPress's own
//! block parser for the WordPress export.
//!
//! Both come from npm (`tests/external/package.json`, versions pinned by its
//! lock file) and are installed on first use; they need `node`, `npm` and a
//! Java runtime, which `.ci/run` installs on a fresh machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use copydesk::export::{self, ExportFormat};
use copydesk::files;
use copydesk::markdown::{self, BlockKind};

fn external_dir() -> &'static Path {
    static READY: OnceLock<PathBuf> = OnceLock::new();
    READY.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/external");
        if !dir.join("node_modules/vnu-jar/build/dist/vnu.jar").exists()
            || !dir
                .join("node_modules/@wordpress/block-serialization-default-parser")
                .exists()
        {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
                .current_dir(&dir)
                .status()
                .expect("npm is needed to install the HTML and WordPress validators (see .ci/run)");
            assert!(status.success(), "npm ci in tests/external failed");
        }
        dir
    })
}

fn samples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_docs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
    paths.sort();
    assert!(paths.len() >= 4);
    paths
}

#[test]
fn standalone_pages_pass_the_w3c_nu_html_checker() {
    let dir = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    for sample in samples() {
        let article = files::open(&sample).unwrap().document.article;
        let page = dir.path().join(format!(
            "{}.html",
            sample.file_stem().unwrap().to_string_lossy()
        ));
        std::fs::write(&page, export::page(&article)).unwrap();
        pages.push(page);
    }
    // A hostile article too: escaping must not break validity.
    let mut hostile = files::open(&samples()[0]).unwrap().document.article;
    hostile.meta.title = "\"><script>alert(1)</script> & <b>".into();
    hostile.meta.tags = vec!["<svg onload=x>".into()];
    hostile
        .body
        .push_str("\n\n<div onclick=\"x\"><p>raw</p></div>\n\n[x](javascript:alert(1))\n");
    let page = dir.path().join("hostile.html");
    std::fs::write(&page, export::page(&hostile)).unwrap();
    pages.push(page);

    let vnu = external_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let out = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--format", "gnu"])
        .args(&pages)
        .output()
        .expect("a Java runtime is needed for the W3C checker (see .ci/run)");
    let report =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "vnu found errors:\n{report}"
    );
}

/// What WordPress should read for each top-level block of our parse.
fn expected_block(kind: &BlockKind) -> Option<&'static str> {
    Some(match kind {
        BlockKind::Heading { .. } => "core/heading",
        BlockKind::Paragraph(_) => "core/paragraph",
        BlockKind::Figure(_) => "core/image",
        BlockKind::Quote(_) => "core/quote",
        BlockKind::List { .. } => "core/list",
        BlockKind::Code { .. } => "core/code",
        BlockKind::Rule => "core/separator",
        BlockKind::Table { .. } => "core/table",
        BlockKind::Html(_) => "core/html",
        BlockKind::FootnoteDefinition { .. } => return None,
    })
}

#[test]
fn wordpress_export_reads_as_native_blocks_in_wordpress_parser() {
    let script = external_dir().join("wp-parse.mjs");
    for sample in samples() {
        let article = files::open(&sample).unwrap().document.article;
        let markup = export::export(&article, ExportFormat::WordPress);
        let mut child = Command::new("node")
            .arg(&script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node is needed for WordPress's block parser (see .ci/run)");
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(markup.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let blocks: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let names: Vec<String> = blocks
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["name"].as_str().unwrap_or("freeform HTML").to_string())
            .collect();
        let parsed = markdown::parse(&article.body);
        let mut expected: Vec<String> = parsed
            .iter()
            .filter_map(|b| expected_block(&b.kind))
            .map(String::from)
            .collect();
        if parsed
            .iter()
            .any(|b| matches!(b.kind, BlockKind::FootnoteDefinition { .. }))
        {
            expected.push("core/html".into());
        }
        // The credits, then a bio box per author with a bio.
        if !article.meta.credits.is_empty() {
            expected.push("core/paragraph".into());
        }
        for author in &article.meta.authors {
            if !author.bio.trim().is_empty() {
                expected.push("core/group".into());
            }
        }
        assert_eq!(names, expected, "{}:\n{markup}", sample.display());
        for block in blocks.as_array().unwrap() {
            match block["name"].as_str() {
                Some("core/list") => {
                    let inner = block["innerBlocks"].as_array().unwrap();
                    assert!(
                        !inner.is_empty() && inner.iter().all(|b| b["name"] == "core/list-item"),
                        "{block}"
                    );
                }
                Some("core/group") => {
                    let inner = block["innerBlocks"].as_array().unwrap();
                    assert!(
                        inner.len() >= 2 && inner[0]["name"] == "core/heading",
                        "{block}"
                    );
                    assert_eq!(block["attrs"]["tagName"], "aside", "{block}");
                }
                Some("core/quote") => {
                    assert!(
                        !block["innerBlocks"].as_array().unwrap().is_empty(),
                        "{block}"
                    );
                }
                Some("core/image") => {
                    assert!(
                        block["innerHTML"]
                            .as_str()
                            .unwrap()
                            .contains("<figcaption class=\"wp-element-caption\">"),
                        "{block}"
                    );
                }
                _ => {}
            }
        }
    }
}
