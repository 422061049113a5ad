//! Killing real processes in the middle of writing: the target is always
//! either the old or a new content, whole, and a recovery file always
//! restores edits. (`kill -9`, no chance to clean up.)

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use copydesk::model::{Article, Metadata};
use copydesk::{files, recovery};

const CHILD_MODE: &str = "COPYDESK_KILL_TEST_CHILD";
const FILLER: usize = 2 * 1024 * 1024;

/// The content of version `n`: recognisable at both ends, and big enough
/// that a write takes a while.
fn version(n: u64) -> String {
    format!("VERSION {n}\n{}\nEND {n}\n", "x".repeat(FILLER))
}

fn is_whole_version(text: &str) -> Option<u64> {
    let n: u64 = text
        .strip_prefix("VERSION ")?
        .split('\n')
        .next()?
        .parse()
        .ok()?;
    (text == version(n)).then_some(n)
}

fn article(n: u64) -> Article {
    Article {
        meta: Metadata {
            title: format!("Draft {n}"),
            ..Default::default()
        },
        body: format!("Typed so far: {n}\n\n{}\n", "word ".repeat(FILLER / 10)),
    }
}

/// Not a test: the process the kill tests start and kill. It writes one
/// version after another until it is killed.
#[test]
#[ignore = "helper process for the kill tests below; they start it themselves"]
fn child_process_that_writes_until_killed() {
    let Ok(mode) = std::env::var(CHILD_MODE) else {
        return;
    };
    let (what, target) = mode.split_once(':').expect("mode:path");
    let target = PathBuf::from(target);
    match what {
        "save" => {
            for n in 1.. {
                files::write_atomic(&target, version(n).as_bytes()).unwrap();
            }
        }
        "autosave" => {
            let session = recovery::Session::start(&target).unwrap();
            for n in 1.. {
                let text =
                    recovery::recovery_text(&article(n), Some(Path::new("/articles/story.md")));
                session.write("doc-1", &text).unwrap();
            }
        }
        other => panic!("unknown mode {other}"),
    }
}

fn start_child(mode: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_process_that_writes_until_killed",
            "--include-ignored",
            "--nocapture",
        ])
        .env(CHILD_MODE, mode)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn kill_after(mut child: Child, delay: Duration) {
    std::thread::sleep(delay);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_save_killed_midway_leaves_the_old_or_the_new_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("article.md");
    fs::write(&target, "the old file\n").unwrap();
    let mut saw_new = false;
    for round in 0..8u64 {
        let child = start_child(&format!("save:{}", target.display()));
        kill_after(child, Duration::from_millis(150 + round * 37));
        let text = fs::read_to_string(&target).unwrap();
        match is_whole_version(&text) {
            Some(_) => saw_new = true,
            None => assert_eq!(
                text,
                "the old file\n",
                "round {round}: a torn file ({} bytes)",
                text.len()
            ),
        }
    }
    assert!(saw_new, "the writes got through at least once");
}

#[test]
fn an_autosave_killed_midway_leaves_a_recovery_file_that_restores_the_edits() {
    for round in 0..5u64 {
        let root = tempfile::tempdir().unwrap();
        let child = start_child(&format!("autosave:{}", root.path().display()));
        // Wait until the first recovery file exists, then kill at some point.
        let start = Instant::now();
        while recovery::orphans(root.path()).is_empty() && start.elapsed() < Duration::from_secs(20)
        {
            // A live session's files are not orphans; look at the folder.
            let written = fs::read_dir(root.path())
                .ok()
                .and_then(|mut d| d.next())
                .and_then(|e| e.ok())
                .is_some_and(|session| session.path().join("doc-1.md").exists());
            if written {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        kill_after(child, Duration::from_millis(20 + round * 53));
        let orphans = recovery::orphans(root.path());
        assert_eq!(
            orphans.len(),
            1,
            "round {round}: the dead session's file is offered"
        );
        let recovered = orphans[0]
            .article
            .as_ref()
            .expect("a whole, readable recovery file");
        let n: u64 = recovered
            .meta
            .title
            .strip_prefix("Draft ")
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            recovered,
            &article(n),
            "round {round}: exactly the edits of one write"
        );
        assert_eq!(
            orphans[0].source.as_deref(),
            Some(Path::new("/articles/story.md"))
        );
    }
}
