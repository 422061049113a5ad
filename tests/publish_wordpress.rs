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
        self.run_in(args, password, stdin, "data")
    }

    /// Runs `copydesk` as on another machine: a data folder of its own
    /// (no record of uploads or saved posts).
    fn run_with_data(&self, args: &[&str], password: Option<&str>, data: &str) -> Output {
        self.run_in(args, password, "", data)
    }

    fn run_in(&self, args: &[&str], password: Option<&str>, stdin: &str, data: &str) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env("COPYDESK_CONFIG_DIR", self.path("config"))
            .env("COPYDESK_DATA_DIR", self.path(data))
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
        ..Default::default()
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
        &json!({"title": "Edited on the site", "excerpt": "A sharper excerpt."}),
    )
    .unwrap();
    // The editor changed the body meanwhile: that is not the site's change.
    let out = desk.run(&["set", "post.md", "slug=xiaomi-leica-official"], None, "");
    assert!(out.status.success());
    let unchanged = std::fs::read(&post).unwrap();
    let out = desk.run(
        &["publish", "post.md", "--site", "newsroom"],
        Some(&wp.password),
        "",
    );
    failed_with(
        &out,
        "newsroom",
        &format!(
            "post {id} was edited on the site since the last publish (changed: title, excerpt;"
        ),
    );
    assert!(text(&out.stderr).contains("use --force"));
    assert_eq!(std::fs::read(&post).unwrap(), unchanged);
    let back = rest
        .get(&format!("/wp/v2/posts/{id}"), &[("context", "edit")])
        .unwrap();
    assert_eq!(
        back["title"]["raw"], "Edited on the site",
        "nothing was sent"
    );
    // Published from another machine (no record of what the post held):
    // still refused, and said so.
    let elsewhere = desk.run_with_data(
        &["publish", "post.md", "--site", "newsroom"],
        Some(&wp.password),
        "other-data",
    );
    failed_with(&elsewhere, "newsroom", "what changed is unknown");
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
        admin_password: String::new(),
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

/// Sends the address to a server that takes connections and never answers,
/// until dropped.
struct HungServer {
    port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl HungServer {
    fn start() -> HungServer {
        use std::sync::atomic::{AtomicBool, Ordering};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            while !stopped.load(Ordering::Relaxed) {
                if let Ok((stream, _)) = listener.accept() {
                    held.push(stream);
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        });
        HungServer { port, stop }
    }
}

impl Drop for HungServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

#[test]
fn a_hung_site_a_switched_off_rest_api_and_a_crashing_site_each_say_one_line() {
    let wp = wordpress();
    let desk = Desk::new();
    let post = desk.sample_article();
    let before = std::fs::read(&post).unwrap();

    // A site that accepts and never answers: the site's own short timeout.
    let hung = HungServer::start();
    let url = format!("http://127.0.0.1:{}", hung.port);
    let out = desk.run(
        &[
            "sites",
            "add",
            "hung",
            "--url",
            &url,
            "--user",
            "admin",
            "--timeout",
            "1",
        ],
        Some("x"),
        "x",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        std::fs::read_to_string(desk.path("config/sites.ron"))
            .unwrap()
            .contains("timeout_secs: Some(1)")
    );
    let started = std::time::Instant::now();
    let out = desk.run(
        &["publish", "post.md", "--site", "hung"],
        Some(&wp.password),
        "",
    );
    let took = started.elapsed();
    failed_with(&out, "hung", "the server did not answer within 1 s");
    assert!(took < std::time::Duration::from_secs(8), "{took:?}");
    assert_eq!(std::fs::read(&post).unwrap(), before);
    let out = desk.run(&["sites", "check", "hung"], Some(&wp.password), "");
    failed_with(&out, "hung", "did not answer within 1 s");
    drop(hung);

    // A WordPress whose REST API a security plugin switched off, and a
    // plugin's fatal error (WordPress's 500 page): each said in one line.
    for (site, user, says) in [
        (
            "locked",
            "fault-rest-off",
            "the site's REST API is switched off or blocked (rest_disabled: The REST API is disabled on this site.)",
        ),
        (
            "broken",
            "fault-crash",
            "the server failed (500: There has been a critical error on this website.",
        ),
    ] {
        let out = desk.run(
            &["sites", "add", site, "--url", &wp.url, "--user", user],
            Some("x"),
            "x",
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let out = desk.run(&["publish", "post.md", "--site", site], Some("x"), "");
        failed_with(&out, site, says);
        assert_eq!(std::fs::read(&post).unwrap(), before);
    }
}

/// A browser signed in to the site as its administrator: a cookie login
/// through wp-login.php, as a person would.
struct Browser {
    agent: ureq::Agent,
    cookies: Vec<(String, String)>,
}

impl Browser {
    fn signed_in(wp: &WordPress) -> Browser {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .into();
        let mut browser = Browser {
            agent,
            cookies: vec![("wordpress_test_cookie".into(), "WP%20Cookie%20check".into())],
        };
        let response = browser.post(
            &format!("{}/wp-login.php", wp.url),
            &[
                ("log", wp.user.as_str()),
                ("pwd", wp.admin_password.as_str()),
                ("testcookie", "1"),
                ("wp-submit", "Log In"),
            ],
        );
        assert_eq!(response.status().as_u16(), 302, "the login failed");
        assert!(
            browser
                .cookies
                .iter()
                .any(|(name, _)| name.starts_with("wordpress_logged_in_"))
        );
        browser
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&mut self, response: &ureq::http::Response<ureq::Body>) {
        for value in response.headers().get_all("set-cookie") {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(k, _)| k != name);
            self.cookies.push((name.to_string(), value.to_string()));
        }
    }

    fn get(&mut self, url: &str) -> ureq::http::Response<ureq::Body> {
        let response = self
            .agent
            .get(url)
            .header("Cookie", self.cookie_header())
            .call()
            .unwrap();
        self.keep_cookies(&response);
        response
    }

    fn post(&mut self, url: &str, form: &[(&str, &str)]) -> ureq::http::Response<ureq::Body> {
        let response = self
            .agent
            .post(url)
            .header("Cookie", self.cookie_header())
            .send_form(form.iter().copied())
            .unwrap();
        self.keep_cookies(&response);
        response
    }

    /// Opens the approval screen, approves with the form's own fields
    /// (nonce included), and follows WordPress's redirect back.
    fn approve(&mut self, authorize_url: &str, wp_url: &str) -> String {
        let mut page = self.get(authorize_url);
        assert_eq!(page.status().as_u16(), 200);
        let html = page.body_mut().read_to_string().unwrap();
        let field = |name: &str| -> String {
            let pattern = format!(r#"name="{name}" value="([^"]*)""#);
            let re = regex::Regex::new(&pattern).unwrap();
            let value = re
                .captures(&html)
                .unwrap_or_else(|| panic!("no {name} in the approval form"))[1]
                .to_string();
            value.replace("&amp;", "&").replace("&#038;", "&")
        };
        let app_name = regex::Regex::new(r#"id="app_name" name="app_name" value="([^"]*)""#)
            .unwrap()
            .captures(&html)
            .expect("the application's name in the form")[1]
            .to_string();
        assert_eq!(app_name, "Copydesk");
        let (nonce, success, reject) =
            (field("_wpnonce"), field("success_url"), field("reject_url"));
        assert!(success.starts_with("http://127.0.0.1:"), "{success}");
        let approved = self.post(
            &format!("{wp_url}/wp-admin/authorize-application.php"),
            &[
                ("_wpnonce", nonce.as_str()),
                ("action", "authorize_application_password"),
                ("app_id", ""),
                ("success_url", success.as_str()),
                ("reject_url", reject.as_str()),
                ("app_name", app_name.as_str()),
                ("approve", "Yes, I approve of this connection"),
            ],
        );
        assert_eq!(approved.status().as_u16(), 302);
        let back = approved
            .headers()
            .get("location")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(back.starts_with(&success), "sent back to Copydesk");
        let mut landing = self.agent.get(&back).call().unwrap();
        landing.body_mut().read_to_string().unwrap()
    }
}

#[test]
fn a_site_connects_through_wordpress_approval_screen_without_typing_a_password() {
    use copydesk::publish::{authorize, publisher_for, sites};
    let wp = wordpress();
    // The passwords go to keyring-core's in-memory store, never a real keyring.
    sites::use_keyring_store(keyring_core::mock::Store::new().unwrap());
    let rest = admin(wp);
    let before = rest
        .get("/wp/v2/users/me/application-passwords", &[])
        .unwrap()
        .as_array()
        .unwrap()
        .len();

    let mut browser = Some(Browser::signed_in(wp));
    let wp_url = wp.url.clone();
    let mut landing = None;
    let mut open = |address: &str| {
        let address = address.to_string();
        let wp_url = wp_url.clone();
        let mut browser = browser.take().expect("the approval screen opens once");
        landing = Some(std::thread::spawn(move || {
            browser.approve(&address, &wp_url)
        }));
        Ok(())
    };
    let site = authorize::connect(
        "approved",
        &wp.url,
        Some(20),
        &mut open,
        std::time::Duration::from_secs(60),
        &std::sync::atomic::AtomicBool::new(false),
    )
    .unwrap();
    let page = landing.unwrap().join().unwrap();
    assert!(page.contains("Copydesk is connected"), "{page}");
    assert_eq!(site.user, "admin", "the user WordPress named");
    assert_eq!(site.timeout_secs, Some(20));

    // The password is in the keyring, and it works.
    let password = sites::password(&site).unwrap();
    let info = publisher_for(&site, password).unwrap().check().unwrap();
    assert_eq!(info.user, "admin");
    let passwords = rest
        .get("/wp/v2/users/me/application-passwords", &[])
        .unwrap();
    let passwords = passwords.as_array().unwrap();
    assert_eq!(passwords.len(), before + 1);
    assert!(passwords.iter().any(|p| p["name"] == "Copydesk"));
}

#[test]
fn connecting_in_the_browser_without_a_keyring_is_refused_before_the_browser_opens() {
    let desk = Desk::new();
    let out = desk.run(
        &[
            "sites",
            "add",
            "blog",
            "--url",
            "https://news.example",
            "--browser",
        ],
        None,
        "",
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no system keyring to keep the password in"),
        "{err}"
    );
    assert!(!text(&out.stdout).contains("authorize-application"));
    assert!(!desk.path("config/sites.ron").exists());
}

#[test]
fn pictures_inside_paragraphs_are_uploaded_and_a_library_address_is_featured_as_it_is() {
    let wp = wordpress();
    let rest = admin(wp);
    // An account of its own: the other tests count the administrator's media.
    let user = rest
        .post_json(
            "/wp/v2/users",
            &[],
            &json!({"username": "pictures", "name": "Pia Pictures", "email": "pictures@example.com",
                    "password": "pictures-password-1", "roles": ["editor"]}),
        )
        .unwrap();
    let user_id = user["id"].as_u64().unwrap().to_string();
    let password = rest
        .post_json(
            &format!("/wp/v2/users/{user_id}/application-passwords"),
            &[],
            &json!({"name": "copydesk-tests"}),
        )
        .unwrap()["password"]
        .as_str()
        .unwrap()
        .to_string();
    let editor = WordPress {
        url: wp.url.clone(),
        user: "pictures".into(),
        password: password.clone(),
        admin_password: String::new(),
        started_in: wp.started_in,
    };
    let as_editor = Rest::new(
        &Site {
            name: "pictures".into(),
            url: wp.url.clone(),
            user: "pictures".into(),
            ..Default::default()
        },
        &password,
    );
    let media_of_editor = || {
        rest.get(
            "/wp/v2/media",
            &[("per_page", "100"), ("author", &user_id), ("_fields", "id")],
        )
        .unwrap()
        .as_array()
        .unwrap()
        .len()
    };
    let icons = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons");
    // A picture already in the site's library, given by its address.
    let cover = as_editor
        .post_file(
            "/wp/v2/media",
            &[],
            &std::fs::read(icons.join("copydesk-128.png")).unwrap(),
            "image/png",
            "library-cover.png",
        )
        .unwrap();
    let cover_url = cover["source_url"].as_str().unwrap().to_string();
    let before = media_of_editor();

    let desk = Desk::new();
    desk.add_site("pictures", &wp.url, &editor);
    std::fs::copy(icons.join("copydesk-32.png"), desk.path("logo.png")).unwrap();
    std::fs::write(
        desk.path("post.md"),
        format!(
            "---\ntitle: Pictures in the text\nimage: \"{cover_url}\"\n---\n\nThe logo ![the Copydesk logo](logo.png) sits in the text.\n\nA second paragraph.\n"
        ),
    )
    .unwrap();
    let out = desk.run(
        &[
            "publish", "post.md", "--site", "pictures", "--status", "draft",
        ],
        Some(&password),
        "",
    );
    let (id, _, _) = published(&out);
    assert!(
        !text(&out.stderr).contains("feature image"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(media_of_editor(), before + 1, "only the inline picture");
    let back = rest
        .get(&format!("/wp/v2/posts/{id}"), &[("context", "edit")])
        .unwrap();
    assert_eq!(
        back["featured_media"], cover["id"],
        "the library's own item"
    );
    let logo = rest
        .get(
            "/wp/v2/media",
            &[
                ("author", &user_id),
                ("search", "logo"),
                ("context", "edit"),
                ("_fields", "id,source_url,alt_text"),
            ],
        )
        .unwrap()[0]
        .clone();
    assert_eq!(logo["alt_text"], "the Copydesk logo");
    let blocks = parse_blocks(back["content"]["raw"].as_str().unwrap());
    assert_eq!(blocks[0]["name"], "core/paragraph");
    assert_eq!(
        blocks[0]["html"].as_str().unwrap().trim(),
        format!(
            "<p>The logo <img src=\"{}\" class=\"wp-image-{}\" alt=\"the Copydesk logo\"> sits in the text.</p>",
            logo["source_url"].as_str().unwrap(),
            logo["id"]
        )
    );

    // Republished: nothing uploaded twice.
    let out = desk.run(
        &["publish", "post.md", "--site", "pictures"],
        Some(&password),
        "",
    );
    assert_eq!(published(&out).0, id);
    assert_eq!(media_of_editor(), before + 1);

    // A web address elsewhere cannot be featured: said, not guessed.
    let out = desk.run(
        &[
            "set",
            "post.md",
            "image=https://elsewhere.example/cover.png",
        ],
        None,
        "",
    );
    assert!(out.status.success());
    let out = desk.run(
        &["publish", "post.md", "--site", "pictures"],
        Some(&password),
        "",
    );
    assert_eq!(published(&out).0, id);
    assert!(
        text(&out.stderr).contains("is not in the site's media library"),
        "{}",
        text(&out.stderr)
    );
}
