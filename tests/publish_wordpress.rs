//! Publishing to a real WordPress (Debian's packages, brought up by
//! tests/support/wordpress.sh; `.ci/run` installs them), through the
//! `copydesk` command line, read back through the REST API with
//! `context=edit` and WordPress's own block parser.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::wordpress::{WordPress, free_port, wordpress};
use copydesk::publish::Site;
use copydesk::publish::wordpress::rest::Rest;
use serde_json::{Value as Json, json};

/// A folder with its own config and data folders, and an article in it.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        Desk {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `copydesk` with this desk's folders and the given password.
    fn run(&self, args: &[&str], password: Option<&str>, stdin: &str) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env("COPYDESK_CONFIG_DIR", self.path("config"))
            .env("COPYDESK_DATA_DIR", self.path("data"))
            .env_remove("COPYDESK_WORDPRESS_PASSWORD")
            // No session bus, so no keyring: the test's passwords never land
            // in a developer's own keyring.
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("XDG_RUNTIME_DIR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(p) = password {
            cmd.env("COPYDESK_WORDPRESS_PASSWORD", p);
        }
        let mut child = cmd.spawn().unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Adds the site under `name` (password on standard input).
    fn add_site(&self, name: &str, url: &str, wp: &WordPress) {
        let out = self.run(
            &["sites", "add", name, "--url", url, "--user", &wp.user],
            Some(&wp.password),
            &wp.password,
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
    }

    /// The shared sample, imported, with a local picture in its figure and
    /// a local feature image, and its metadata filled in.
    fn sample_article(&self) -> PathBuf {
        let icons = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons");
        std::fs::copy(icons.join("copydesk-32.png"), self.path("leica.png")).unwrap();
        std::fs::copy(icons.join("copydesk-64.png"), self.path("cover.png")).unwrap();
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_docs/xiaomi-leica.txt");
        let post = self.path("post.md");
        let out = self.run(
            &[
                "import",
                sample.to_str().unwrap(),
                "-o",
                post.to_str().unwrap(),
            ],
            None,
            "",
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let imported = std::fs::read_to_string(&post).unwrap();
        assert!(imported.contains("![]()"), "{imported}");
        std::fs::write(
            &post,
            imported.replacen("![]()", "![The Xiaomi and Leica logos](leica.png)", 1),
        )
        .unwrap();
        let out = self.run(
            &[
                "set",
                "post.md",
                "excerpt=Xiaomi confirms a partnership with Leica.",
                "slug=xiaomi-leica-partnership",
                "date=2022-03-01 10:30",
                "tags=Xiaomi, Leica, Smartphones",
                "category=Mobile News",
                "image=cover.png",
                "image.alt=A Leica camera lens",
                "image.caption=Leica's lens",
                "image.credit=Leica Camera AG",
            ],
            None,
            "",
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        post
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

fn admin(wp: &WordPress) -> Rest {
    let site = Site {
        name: "admin".into(),
        url: wp.url.clone(),
        user: wp.user.clone(),
    };
    Rest::new(&site, &wp.password)
}

/// `post ID STATUS LINK` from a successful publish.
fn published(out: &Output) -> (u64, String, String) {
    assert!(
        out.status.success(),
        "publish failed: {}{}",
        text(&out.stderr),
        text(&out.stdout)
    );
    let line = text(&out.stdout);
    let parts: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(parts.len(), 4, "{line}");
    assert_eq!(parts[0], "post");
    (
        parts[1].parse().unwrap(),
        parts[2].to_string(),
        parts[3].to_string(),
    )
}

/// A failure: exit code 3 and one line naming the site.
fn failed_with(out: &Output, site: &str, says: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(&format!("site {site}: ")), "{err}");
    assert!(err.contains(says), "{err}");
}

/// The blocks of post content as WordPress's own (PHP) block parser reads them.
fn parse_blocks(content: &str) -> Vec<Json> {
    let script = r#"require '/usr/share/wordpress/wp-includes/class-wp-block-parser.php';
$p = new WP_Block_Parser();
$out = [];
foreach ($p->parse(stream_get_contents(STDIN)) as $b) {
  if ($b['blockName'] === null && trim($b['innerHTML']) === '') continue;
  $out[] = ['name' => $b['blockName'], 'attrs' => $b['attrs'], 'html' => $b['innerHTML']];
}
echo json_encode($out);"#;
    let mut child = Command::new("php")
        .args(["-r", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(content.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice::<Vec<Json>>(&out.stdout).unwrap()
}

fn media_count(rest: &Rest) -> usize {
    // The administrator's: the author test uploads its own at the same time.
    rest.get(
        "/wp/v2/media",
        &[("per_page", "100"), ("author", "1"), ("_fields", "id")],
    )
    .unwrap()
    .as_array()
    .unwrap()
    .len()
}

#[test]
fn the_sample_publishes_as_a_draft_then_updates_the_same_post() {
    let wp = wordpress();
    eprintln!("WordPress came up in {:?}", wp.started_in);
    let rest = admin(wp);
    // A site in another time zone than UTC: the date must be converted.
    rest.post_json("/wp/v2/settings", &[], &json!({"timezone": "Europe/Rome"}))
        .unwrap();
    let desk = Desk::new();
    desk.add_site("newsroom", &wp.url, wp);
    let post = desk.sample_article();
    let before = std::fs::read(&post).unwrap();
    let media_before = media_count(&rest);

    let dry = desk.run(
        &["publish", "post.md", "--site", "newsroom", "--dry-run"],
        Some(&wp.password),
        "",
    );
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    let dry_text = text(&dry.stdout);
    assert!(
        dry_text.contains("POST ") && dry_text.contains("/wp/v2/media"),
        "{dry_text}"
    );
    assert!(!dry_text.contains(&wp.password), "{dry_text}");
    assert_eq!(std::fs::read(&post).unwrap(), before);
    assert_eq!(
        media_count(&rest),
        media_before,
        "a dry run uploads nothing"
    );

    let out = desk.run(
        &[
            "publish", "post.md", "--site", "newsroom", "--status", "draft",
        ],
        Some(&wp.password),
        "",
    );
    let (id, status, link) = published(&out);
    assert_eq!(status, "draft");
    // The author has no WordPress user: said, and published as the account.
    assert!(
        text(&out.stderr).contains("published as admin"),
        "{}",
        text(&out.stderr)
    );
    // An administrator's content is kept as sent: no false alarm.
    assert!(
        !text(&out.stderr).contains("changed the content"),
        "{}",
        text(&out.stderr)
    );
    assert!(!text(&out.stdout).contains(&wp.password));
    assert!(!text(&out.stderr).contains(&wp.password));

    let back = rest
        .get(&format!("/wp/v2/posts/{id}"), &[("context", "edit")])
        .unwrap();
    assert_eq!(
        back["title"]["raw"],
        "Xiaomi and Leica together for a new smartphone"
    );
    assert_eq!(
        back["excerpt"]["raw"],
        "Xiaomi confirms a partnership with Leica."
    );
    assert_eq!(back["slug"], "xiaomi-leica-partnership");
    assert_eq!(back["status"], "draft");
    assert_eq!(back["date"], "2022-03-01T10:30:00");
    assert_eq!(back["date_gmt"], "2022-03-01T09:30:00");
    let term_names = |taxonomy: &str, key: &str| -> Vec<String> {
        let mut names: Vec<String> = back[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| {
                rest.get(&format!("/wp/v2/{taxonomy}/{id}"), &[]).unwrap()["name"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        term_names("tags", "tags"),
        ["Leica", "Smartphones", "Xiaomi"]
    );
    assert_eq!(term_names("categories", "categories"), ["Mobile News"]);
    let featured = back["featured_media"].as_u64().unwrap();
    assert!(featured > 0);
    let cover = rest
        .get(&format!("/wp/v2/media/{featured}"), &[("context", "edit")])
        .unwrap();
    assert_eq!(cover["alt_text"], "A Leica camera lens");
    assert!(
        cover["caption"]["raw"]
            .as_str()
            .unwrap()
            .contains("Credit: Leica Camera AG"),
        "{}",
        cover["caption"]
    );

    let blocks = parse_blocks(back["content"]["raw"].as_str().unwrap());
    let names: Vec<&str> = blocks
        .iter()
        .map(|b| b["name"].as_str().unwrap_or("freeform"))
        .collect();
    assert!(names.contains(&"core/heading"), "{names:?}");
    assert!(
        names.iter().filter(|n| **n == "core/paragraph").count() >= 3,
        "{names:?}"
    );
    assert!(!names.contains(&"freeform"), "{names:?}");
    let image = blocks
        .iter()
        .find(|b| b["name"] == "core/image")
        .expect("an image block");
    let image_id = image["attrs"]["id"].as_u64().unwrap();
    let figure = rest.get(&format!("/wp/v2/media/{image_id}"), &[]).unwrap();
    let html = image["html"].as_str().unwrap();
    assert!(
        html.contains(&format!(
            "src=\"{}\"",
            figure["source_url"].as_str().unwrap()
        )),
        "{html}"
    );
    assert!(
        html.contains("alt=\"The Xiaomi and Leica logos\""),
        "{html}"
    );
    assert!(
        html.contains("<figcaption class=\"wp-element-caption\">Xiaomi Leica <small class=\"credit\">Credit: LetsGoDigital</small></figcaption>"),
        "{html}"
    );
    assert_eq!(media_count(&rest), media_before + 2);

    // The file changed only by the recorded post's lines.
    let after = std::fs::read_to_string(&post).unwrap();
    let before_text = String::from_utf8(before.clone()).unwrap();
    let modified = back["modified_gmt"].as_str().unwrap();
    let record = format!(
        "publish:\n  wordpress:\n    site: newsroom\n    id: {id}\n    link: \"{link}\"\n    modified_gmt: \"{modified}\"\n---\n"
    );
    let (front, body) = before_text.split_once("\n---\n").unwrap();
    assert_eq!(after, format!("{front}\n{record}{body}"));

    // Republishing after a title edit updates the same post and uploads nothing.
    let out = desk.run(
        &["set", "post.md", "title=Xiaomi and Leica, officially"],
        None,
        "",
    );
    assert!(out.status.success());
    let out = desk.run(
        &["publish", "post.md", "--site", "newsroom"],
        Some(&wp.password),
        "",
    );
    let (again, status, _) = published(&out);
    assert_eq!(again, id);
    assert_eq!(status, "draft");
    assert_eq!(media_count(&rest), media_before + 2);
    let back = rest
        .get(&format!("/wp/v2/posts/{id}"), &[("context", "edit")])
        .unwrap();
    assert_eq!(back["title"]["raw"], "Xiaomi and Leica, officially");
    assert_eq!(back["featured_media"].as_u64(), Some(featured));

    // Someone edits the post on the site: refused without --force.
    // (WordPress keeps modified times to the second.)
    std::thread::sleep(std::time::Duration::from_millis(1100));
    rest.post_json(
        &format!("/wp/v2/posts/{id}"),
        &[],
        &json!({"title": "Edited on the site"}),
    )
    .unwrap();
    let unchanged = std::fs::read(&post).unwrap();
    let out = desk.run(
        &["publish", "post.md", "--site", "newsroom"],
        Some(&wp.password),
        "",
    );
    failed_with(&out, "newsroom", "changed on the site");
    assert_eq!(std::fs::read(&post).unwrap(), unchanged);
    let out = desk.run(
        &["publish", "post.md", "--site", "newsroom", "--force"],
        Some(&wp.password),
        "",
    );
    assert_eq!(published(&out).0, id);

    // The post is deleted on the site: a clear message, the file untouched,
    // and --as-new publishes it again.
    rest.delete(&format!("/wp/v2/posts/{id}"), &[("force", "true")])
        .unwrap();
    let unchanged = std::fs::read(&post).unwrap();
    let out = desk.run(
        &["publish", "post.md", "--site", "newsroom"],
        Some(&wp.password),
        "",
    );
    failed_with(&out, "newsroom", "no longer exists");
    assert_eq!(std::fs::read(&post).unwrap(), unchanged);
    let out = desk.run(
        &["publish", "post.md", "--site", "newsroom", "--as-new"],
        Some(&wp.password),
        "",
    );
    let (new_id, _, _) = published(&out);
    assert_ne!(new_id, id);
    assert_eq!(
        media_count(&rest),
        media_before + 2,
        "the media were reused"
    );

    // With a WordPress user of the author's name, the post is theirs.
    let walker = rest
        .post_json(
            "/wp/v2/users",
            &[],
            &json!({"username": "walker", "name": "Walker Ronnie", "email": "walker@example.com",
                    "password": "walker-password-1", "roles": ["author"]}),
        )
        .unwrap();
    let out = desk.run(
        &["publish", "post.md", "--site", "newsroom"],
        Some(&wp.password),
        "",
    );
    assert_eq!(published(&out).0, new_id);
    assert!(
        !text(&out.stderr).contains("published as"),
        "{}",
        text(&out.stderr)
    );
    let back = rest
        .get(&format!("/wp/v2/posts/{new_id}"), &[("context", "edit")])
        .unwrap();
    assert_eq!(back["author"], walker["id"]);
}

#[test]
fn a_wrong_password_and_a_stopped_server_leave_the_file_untouched() {
    let wp = wordpress();
    let desk = Desk::new();
    desk.add_site("newsroom", &wp.url, wp);
    let stopped = format!("http://localhost:{}", free_port());
    desk.add_site("stopped", &stopped, wp);
    let post = desk.sample_article();
    let before = std::fs::read(&post).unwrap();

    let out = desk.run(
        &["publish", "post.md", "--site", "newsroom"],
        Some("abcd efgh ijkl mnop qrst uvwx"),
        "",
    );
    failed_with(&out, "newsroom", "wrong (401)");
    assert!(!text(&out.stderr).contains("abcd efgh"));
    assert_eq!(std::fs::read(&post).unwrap(), before);

    let out = desk.run(
        &["publish", "post.md", "--site", "stopped"],
        Some(&wp.password),
        "",
    );
    failed_with(&out, "stopped", "cannot reach the server");
    assert_eq!(std::fs::read(&post).unwrap(), before);

    let out = desk.run(
        &["sites", "check", "newsroom"],
        Some("abcd efgh ijkl mnop qrst uvwx"),
        "",
    );
    failed_with(&out, "newsroom", "wrong (401)");

    // Not WordPress: a server that answers every address with a plain page.
    let www = desk.path("www");
    std::fs::create_dir(&www).unwrap();
    std::fs::write(www.join("index.php"), "<p>Just a page</p>").unwrap();
    let port = free_port();
    let mut server = Command::new("php")
        .args(["-S", &format!("localhost:{port}"), "-t"])
        .arg(&www)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let plain = format!("http://localhost:{port}");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("localhost", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    desk.add_site("plain", &plain, wp);
    let out = desk.run(
        &["publish", "post.md", "--site", "plain"],
        Some(&wp.password),
        "",
    );
    let _ = server.kill();
    let _ = server.wait();
    failed_with(&out, "plain", "does not answer as a WordPress site");
    assert_eq!(std::fs::read(&post).unwrap(), before);
}

#[test]
fn sites_are_listed_checked_and_removed() {
    let wp = wordpress();
    let desk = Desk::new();
    desk.add_site("newsroom", &wp.url, wp);
    let sites_file = std::fs::read_to_string(desk.path("config/sites.ron")).unwrap();
    assert!(!sites_file.contains(&wp.password), "{sites_file}");
    let out = desk.run(&["sites", "list"], None, "");
    assert_eq!(
        text(&out.stdout),
        format!("newsroom\t{}\t{}\n", wp.url, wp.user)
    );
    let out = desk.run(&["sites", "check", "newsroom"], Some(&wp.password), "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(
        report.contains("signed in as admin (administrator)"),
        "{report}"
    );
    assert!(report.contains("categories: Uncategorized"), "{report}");
    let out = desk.run(
        &[
            "sites",
            "add",
            "plain",
            "--url",
            "http://example.com",
            "--user",
            "u",
        ],
        None,
        "secret",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not HTTPS"),
        "{}",
        text(&out.stderr)
    );
    let out = desk.run(&["sites", "remove", "newsroom"], None, "");
    assert!(out.status.success());
    assert_eq!(text(&desk.run(&["sites", "list"], None, "").stdout), "");
}

#[test]
fn an_author_publishes_without_false_alarms_and_without_new_categories() {
    let wp = wordpress();
    let rest = admin(wp);
    let author = rest
        .post_json(
            "/wp/v2/users",
            &[],
            &json!({"username": "writer", "name": "Wren Writer", "email": "writer@example.com",
                    "password": "writer-password-1", "roles": ["author"]}),
        )
        .unwrap();
    let id = author["id"].as_u64().unwrap();
    let password = rest
        .post_json(
            &format!("/wp/v2/users/{id}/application-passwords"),
            &[],
            &json!({"name": "copydesk-tests"}),
        )
        .unwrap()["password"]
        .as_str()
        .unwrap()
        .to_string();
    let writer = WordPress {
        url: wp.url.clone(),
        user: "writer".into(),
        password: password.clone(),
        started_in: wp.started_in,
    };
    let desk = Desk::new();
    desk.add_site("as-author", &wp.url, &writer);
    let post = desk.sample_article();
    let out = desk.run(
        &[
            "set",
            "post.md",
            "category=Only Editors Add This",
            "slug=by-the-author",
        ],
        None,
        "",
    );
    assert!(out.status.success());
    let out = desk.run(
        &[
            "publish",
            "post.md",
            "--site",
            "as-author",
            "--status",
            "draft",
        ],
        Some(&password),
        "",
    );
    let (post_id, _, _) = published(&out);
    let said = text(&out.stderr);
    // Authors may not create categories: said, and published without it.
    assert!(
        said.contains("no category \"Only Editors Add This\""),
        "{said}"
    );
    // kses rewrites entities for authors; that is no reason to warn.
    assert!(!said.contains("changed the content"), "{said}");
    let back = rest
        .get(&format!("/wp/v2/posts/{post_id}"), &[("context", "edit")])
        .unwrap();
    assert_eq!(back["author"].as_u64(), Some(id));
    assert!(
        std::fs::read_to_string(&post)
            .unwrap()
            .contains("site: as-author")
    );
}
