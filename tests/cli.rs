//! The real `copydesk` binary on real files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .expect("running copydesk")
}

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_docs")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn import_writes_copydesk_markdown_for_the_sample() {
    let out = copydesk(&["import", &sample("xiaomi-leica.txt")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.starts_with("---\ntitle: Xiaomi and Leica together for a new smartphone\n"),
        "{md}"
    );
    assert!(md.contains(
        "original_title: Xiaomi e Leica insieme per un nuovo smartphone\noriginal_lang: it\n"
    ));
    assert!(md.contains("\n## Xiaomi and Leica: partnership between companies confirmed\n"));
    assert!(md.contains("\n![]()\nXiaomi Leica\nCredit: LetsGoDigital\n"));
}

#[test]
fn inspect_prints_the_documented_schema() {
    let out = copydesk(&["inspect", &sample("xiaomi-leica.txt")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        json["title"],
        "Xiaomi and Leica together for a new smartphone"
    );
    assert_eq!(json["original_lang"], "it");
    assert_eq!(json["lang"], "en");
    assert_eq!(json["authors"][0]["name"], "Walker Ronnie");
    assert_eq!(
        json["headings"][0],
        "Xiaomi and Leica: partnership between companies confirmed"
    );
    assert_eq!(json["figures"][0]["caption"], "Xiaomi Leica");
    assert_eq!(json["figures"][0]["credit"], "LetsGoDigital");
    assert_eq!(json["paragraph_count"], 4);
    assert!(json["word_count"].as_u64().unwrap() > 300);
    for key in [
        "subtitle",
        "original_title",
        "date",
        "status",
        "tags",
        "category",
        "excerpt",
        "slug",
        "canonical_url",
        "credits",
        "reading_minutes",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn import_then_open_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("a.md");
    let out = copydesk(&[
        "import",
        &sample("pixel-review.txt"),
        "-o",
        md.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Importing a Copydesk file gives back the same bytes.
    let again = copydesk(&["import", md.to_str().unwrap()]);
    assert_eq!(stdout(&again), fs::read_to_string(&md).unwrap());
}

#[test]
fn every_export_format_writes_its_file() {
    let dir = tempfile::tempdir().unwrap();
    for (format, needle) in [
        ("html", "<h2>What changes</h2>"),
        ("page", "<!DOCTYPE html>"),
        (
            "text",
            "OnePlus confirms a Hasselblad camera for its next phone\n",
        ),
        (
            "markdown",
            "title: OnePlus confirms a Hasselblad camera for its next phone",
        ),
        ("wordpress", "<!-- wp:heading -->"),
    ] {
        let target = dir.path().join(format!("out.{format}"));
        let out = copydesk(&[
            "export",
            &sample("oneplus-copydesk.md"),
            "--to",
            format,
            "-o",
            target.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let written = fs::read_to_string(&target).unwrap();
        assert!(written.contains(needle), "{format}: {written}");
    }
}

#[test]
fn check_reports_locations_and_fails_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    fs::write(
        &path,
        "---\ntitle: A\n---\n\nText.\n\n![x](a.jpg)\nNo credit here\n",
    )
    .unwrap();
    let out = copydesk(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "{}: [authors]: error: the article has no author",
            path.display()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{}:7: error: figure “No credit here” has no credit",
            path.display()
        )),
        "{text}"
    );
}

#[test]
fn check_passes_a_clean_article() {
    let out = copydesk(&["check", &sample("oneplus-copydesk.md")]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

fn expect_bad_input(path: &Path, words: &str) {
    let out = copydesk(&["export", path.to_str().unwrap(), "--to", "html"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&path.display().to_string()),
        "names the file: {err}"
    );
    assert!(err.contains(words), "says {words:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty(), "no partial output");
}

#[test]
fn bad_input_gets_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| -> PathBuf { dir.path().join(name) };
    expect_bad_input(&p("missing.md"), "no such file");
    expect_bad_input(dir.path(), "folder");
    fs::write(p("bin.md"), [0x89, b'P', b'N', b'G', 0, 0, 1, 2]).unwrap();
    expect_bad_input(&p("bin.md"), "binary");
    // UTF-8 with a byte of Latin-1 pasted in: no one encoding explains it.
    fs::write(p("mixed.txt"), b"Caf\xc3\xa9 cr\xe8me").unwrap();
    expect_bad_input(&p("mixed.txt"), "not UTF-8");
    fs::write(p("bad.md"), "---\ntitle: [unclosed\n---\nBody\n").unwrap();
    expect_bad_input(
        &p("bad.md"),
        "front matter, line 2: a [ list is never closed",
    );
    let huge = fs::File::create(p("huge.md")).unwrap();
    huge.set_len(300 * 1024 * 1024).unwrap();
    expect_bad_input(&p("huge.md"), "up to 67 MB");
}

#[test]
fn drafts_in_windows_encodings_are_imported_and_the_encoding_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("cafe.txt");
    fs::write(
        &draft,
        b"Caf\xe9 prices rise\n\nThe caf\xe9 on the corner raised its prices this week, and the regulars are not happy.\n",
    )
    .unwrap();
    let out = copydesk(&["import", draft.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("---\ntitle: Café prices rise\n"), "{md}");
    assert!(md.contains("The café on the corner"), "{md}");
    assert!(
        stderr(&out).contains("cafe.txt: read as Windows-1252 text"),
        "{}",
        stderr(&out)
    );
    let out = copydesk(&["inspect", draft.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("\"slug\": \"cafe-prices-rise\""),
        "{}",
        stdout(&out)
    );

    // What Notepad saves as “Unicode”: UTF-16 LE with a byte-order mark.
    let notepad = dir.path().join("notepad.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "Café prices rise\r\n\r\nThe café raised its prices.\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    fs::write(&notepad, bytes).unwrap();
    let out = copydesk(&["import", notepad.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("---\ntitle: Café prices rise\n"));
    assert!(
        stderr(&out).contains("read as UTF-16 LE text"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_ends_with_a_count_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    fs::write(
        &path,
        "---\ntitle: A\nauthors:\n- name: Jane\n  bio: Writes.\nexcerpt: Short.\ntags: [x]\n---\n\nSaid the company -.\n\n![x](a.jpg)\nNo credit here\n",
    )
    .unwrap();
    let out = copydesk(&["check", path.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "{}:10: warning: a dash before a full stop (“company -.”)",
            path.display()
        )),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("{}: 2 problems (1 error)\n", path.display())),
        "{text}"
    );
}

/// Runs `copydesk` under a shell with the given umask.
#[cfg(unix)]
fn copydesk_with_umask(umask: &str, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .expect("running copydesk")
}

#[cfg(unix)]
#[test]
fn new_files_get_the_umask_s_permissions_and_old_ones_keep_theirs() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let sample = sample("oneplus-copydesk.md");
    for (umask, expected) in [("022", 0o644), ("027", 0o640), ("002", 0o664)] {
        let out_file = dir.path().join(format!("export-{umask}.html"));
        let out = copydesk_with_umask(
            umask,
            &[
                "export",
                &sample,
                "--to",
                "html",
                "-o",
                out_file.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(mode(&out_file), expected, "umask {umask}");
    }
    // An existing file keeps its own permissions, whatever the umask.
    let kept = dir.path().join("kept.html");
    fs::write(&kept, "old").unwrap();
    fs::set_permissions(&kept, fs::Permissions::from_mode(0o600)).unwrap();
    let out = copydesk_with_umask(
        "022",
        &[
            "export",
            &sample,
            "--to",
            "html",
            "-o",
            kept.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&kept), 0o600);
    assert_ne!(fs::read_to_string(&kept).unwrap(), "old");
}

#[test]
fn failed_export_leaves_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.html");
    let out = copydesk(&[
        "export",
        "/nonexistent/x.md",
        "--to",
        "html",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!target.exists());
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = copydesk(&["export", &sample("xiaomi-leica.txt"), "--to", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pdf"));
}

#[test]
fn clean_prints_the_cleaned_article_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    std::fs::write(
        &path,
        "---\ntitle: The \"Leica\"  phone\nlang: en\n---\n\nIt's  here... `keep \"this\"`\n\n\n\nthumbnail\n",
    )
    .unwrap();
    let out = copydesk(&["clean", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "---\ntitle: The “Leica” phone\nlang: en\n---\n\nIt’s here… `keep \"this\"`\n",
        "only the title's line and the body change: no status is added"
    );
    let summary = stderr(&out);
    assert!(summary.contains("quotes: 3 changes"), "{summary}");
    assert!(summary.contains("leftovers: 1 change "), "{summary}");

    // --only, --list and --in-place.
    let out = copydesk(&[
        "clean",
        path.to_str().unwrap(),
        "--only",
        "ellipses",
        "--list",
    ]);
    assert_eq!(
        stdout(&out),
        format!(
            "{}: line 1: ellipses\n  - It's  here... `keep \"this\"`\n  + It's  here… `keep \"this\"`\nellipses: 1 change (Ellipses (... → …))\n",
            path.display()
        )
    );
    let out = copydesk(&["clean", path.to_str().unwrap(), "-i", "--skip", "quotes"]);
    assert!(out.status.success());
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("It's here…"), "{written}");
}

#[test]
fn clean_refuses_unknown_fixes_and_overwriting_a_draft() {
    let out = copydesk(&["clean", &sample("xiaomi-leica.txt"), "--only", "sparkle"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no fix named \"sparkle\""),
        "{}",
        stderr(&out)
    );
    let out = copydesk(&["clean", &sample("xiaomi-leica.txt"), "--in-place"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not overwritten"), "{}", stderr(&out));
}

#[test]
fn set_edits_several_posts_in_place_and_a_bad_edit_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.md");
    let b = dir.path().join("b.md");
    let a_text = "---\ntitle: A\nauthor: Jane Doe # the desk\ndescription: Short\n---\n\nBody A.\n";
    let b_text = "+++\ntitle = \"B\"\ntags = [\"x\"]\n\n[extra]\nmood = 1\n+++\nBody B.";
    std::fs::write(&a, a_text).unwrap();
    std::fs::write(&b, b_text).unwrap();
    let (pa, pb) = (a.to_str().unwrap(), b.to_str().unwrap());

    // One bad edit among good ones: nothing is written, exit 2, one line.
    let out = copydesk(&["set", pa, pb, "tags+=Leica", "colour=red"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown field `colour`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&a).unwrap(), a_text);
    assert_eq!(std::fs::read_to_string(&b).unwrap(), b_text);

    // A dry run prints the diff and writes nothing.
    let out = copydesk(&["set", pa, "tags+=Leica", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("+tags:"), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&a).unwrap(), a_text);

    let out = copydesk(&[
        "set",
        pa,
        pb,
        "tags+=Leica",
        "credits+=source:LetsGoDigital",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&a).unwrap(),
        "---\ntitle: A\nauthor: Jane Doe # the desk\ndescription: Short\ntags:\n  - Leica\ncredits:\n  - role: source\n    name: LetsGoDigital\n---\n\nBody A.\n"
    );
    assert_eq!(
        std::fs::read_to_string(&b).unwrap(),
        "+++\ntitle = \"B\"\ntags = [\"x\", \"Leica\"]\n\n[extra]\nmood = 1\ncredits = [{ role = \"source\", name = \"LetsGoDigital\" }]\n+++\nBody B.",
        "a TOML post with [extra] is Zola's: what Zola does not know goes under [extra]"
    );

    // A missing file: one line, nothing written.
    let out = copydesk(&["set", pa, "missing.md", "title=Z"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.md"), "{}", stderr(&out));
    assert!(!std::fs::read_to_string(&a).unwrap().contains("title: Z"));
}

#[test]
fn export_to_markdown_gives_back_a_post_s_bytes_unless_normalized() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    let text = "---\r\nauthor: Jane Doe\r\ndescription: Short\r\ntitle: T\r\n---\r\nBody\r\n";
    std::fs::write(&path, text).unwrap();
    let out = copydesk(&["export", path.to_str().unwrap(), "--to", "markdown"]);
    assert_eq!(stdout(&out), text);
    let out = copydesk(&[
        "export",
        path.to_str().unwrap(),
        "--to",
        "markdown",
        "--normalize",
    ]);
    let normal = stdout(&out);
    assert!(
        normal.starts_with("---\r\ntitle: T\r\nauthors:\r\n  - name: Jane Doe\r\n"),
        "{normal}"
    );
    assert!(normal.contains("excerpt: Short\r\n"), "{normal}");
}

#[test]
fn page_export_embeds_local_pictures_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("images")).unwrap();
    fs::write(dir.path().join("images/a.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let article = dir.path().join("post.md");
    fs::write(
        &article,
        "---\ntitle: T\n---\n\n![a](images/a.png)\nCaption\n\n![b](images/missing.png)\nOther\n",
    )
    .unwrap();
    let path = article.to_str().unwrap();
    let plain = copydesk(&["export", path, "--to", "page"]);
    assert!(stdout(&plain).contains("<img src=\"images/a.png\""));
    let out = copydesk(&["export", path, "--to", "page", "--embed-images"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(
        page.contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"a\">"),
        "{page}"
    );
    assert!(page.contains("<img src=\"images/missing.png\""), "{page}");
    assert!(
        stderr(&out).contains("images/missing.png was not embedded: not found"),
        "{}",
        stderr(&out)
    );
    let wrong = copydesk(&["export", path, "--to", "text", "--embed-images"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("--embed-images goes with --to page or --to html"));
}

/// A post whose front matter is JavaScript (Eleventy's `---js`): `set`
/// refuses in one line and writes nothing (it used to put a YAML block
/// above it, which the site then read instead).
#[test]
fn set_refuses_javascript_front_matter_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join("fifth.md");
    let text = "---js\nconst title = \"A fifth post\";\n---\nThis is a draft post\n";
    std::fs::write(&post, text).unwrap();
    let out = copydesk(&["set", post.to_str().unwrap(), "title=Changed", "tags+=x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("written in JavaScript (---js), which Copydesk does not read"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&post).unwrap(), text);
}

/// The black-box benchmark's articles (`benches/blackbox/make_articles.py`)
/// are Copydesk articles, not drafts: once their fences lost their
/// newline, every start-up and typing figure was taken on an imported
/// draft instead.
#[test]
fn the_black_box_articles_open_as_articles() {
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/blackbox/make_articles.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(dir.path())
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", stderr(&out));
    for name in ["a1k.md", "a20k.md", "a200k.md"] {
        let opened = copydesk::files::open(&dir.path().join(name)).unwrap();
        assert!(!opened.imported, "{name} was imported as a draft");
        assert_eq!(
            opened.document.article.meta.title,
            "OnePlus confirms a Hasselblad camera for its next phone"
        );
    }
}

#[test]
fn import_explains_where_the_model_corrects_the_rules() {
    let draft = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/en-bare-name-teaser-dek-comment-dates.txt"
    );
    let rules = copydesk(&["import", "--rules", "--explain", draft]);
    assert!(rules.status.success());
    assert!(!String::from_utf8_lossy(&rules.stdout).contains("learned"));
    let out = copydesk(&["import", "--explain", draft]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("subtitle       So at last we know")
            && text.contains("(learned, over the rules' paragraph: "),
        "{text}"
    );
    let md = String::from_utf8_lossy(&copydesk(&["import", draft]).stdout).to_string();
    assert!(md.contains("subtitle: So at last we know"), "{md}");
    let md = String::from_utf8_lossy(&copydesk(&["import", "--rules", draft]).stdout).to_string();
    assert!(!md.contains("subtitle: So at last we know"), "{md}");
}
