//! `copydesk templates …` and `export --author` on a private config folder.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn copydesk(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .env("COPYDESK_CONFIG_DIR", config)
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
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn save_the_samples_author_list_show_and_export_with_it() {
    let config = tempfile::tempdir().unwrap();
    let out = copydesk(
        config.path(),
        &["templates", "save-author", &sample("xiaomi-leica.txt")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = config.path().join("authors/walker-ronnie.ron");
    assert!(stdout(&out).contains(&format!("saved author Walker Ronnie to {}", file.display())));

    let list = stdout(&copydesk(config.path(), &["templates", "list"]));
    assert_eq!(list, format!("author\tWalker Ronnie\t{}\n", file.display()));

    let show = stdout(&copydesk(
        config.path(),
        &["templates", "show", "walker ronnie"],
    ));
    assert!(
        show.contains("name: \"Walker Ronnie\"") && show.contains("Walker Ronnie is a tech writer"),
        "{show}"
    );

    // An article without author gets the template's author and bio.
    let article = config.path().join("new.md");
    fs::write(&article, "---\ntitle: New piece\n---\n\nText.\n").unwrap();
    let text = stdout(&copydesk(
        config.path(),
        &[
            "export",
            article.to_str().unwrap(),
            "--to",
            "text",
            "--author",
            "Walker Ronnie",
        ],
    ));
    assert!(text.contains("By Walker Ronnie"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("ever-evolving world of technology."),
        "{text}"
    );
    assert!(
        text.contains("\n\nAbout the author: Walker Ronnie\n\nWalker Ronnie is a tech writer"),
        "{text}"
    );

    // The HTML fragment ends with that author's bio box, unless asked not to.
    let export_html = |extra: &[&str]| {
        let mut args = vec![
            "export",
            article.to_str().unwrap(),
            "--to",
            "html",
            "--author",
            "Walker Ronnie",
        ];
        args.extend_from_slice(extra);
        stdout(&copydesk(config.path(), &args))
    };
    let html = export_html(&[]);
    assert!(
        html.contains("<aside class=\"author-bio\">\n<h2>About Walker Ronnie</h2>\n<p>Walker Ronnie is a tech writer"),
        "{html}"
    );
    assert!(html.trim_end().ends_with("</aside>\n</footer>"), "{html}");
    let html = export_html(&["--no-bio"]);
    assert!(
        html.starts_with("<p>Text.</p>") && !html.contains("Walker Ronnie is"),
        "{html}"
    );
}

#[test]
fn unreadable_templates_are_listed_and_left_alone() {
    let config = tempfile::tempdir().unwrap();
    fs::create_dir_all(config.path().join("authors")).unwrap();
    let broken = config.path().join("authors/broken.ron");
    fs::write(&broken, "(name: \"Oops\"").unwrap();
    let out = copydesk(config.path(), &["templates", "list"]);
    assert!(out.status.success());
    let list = stdout(&out);
    assert!(
        list.starts_with("unreadable\t") && list.contains(&broken.display().to_string()),
        "{list}"
    );
    assert_eq!(fs::read_to_string(&broken).unwrap(), "(name: \"Oops\"");
}

#[test]
fn an_unknown_author_template_is_a_clear_error() {
    let config = tempfile::tempdir().unwrap();
    let out = copydesk(
        config.path(),
        &[
            "export",
            &sample("xiaomi-leica.txt"),
            "--to",
            "html",
            "--author",
            "Nobody",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no author template named \"Nobody\""));
    assert!(out.stdout.is_empty());
}
