//! The `copydesk` command line: the GUI with no subcommand, headless
//! import, export, inspection and checks otherwise.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::{check, inspect};
use crate::export::{self, EmbedImages, ExportFormat, ExportOptions};
use crate::files::{self, OpenError, Opened};
use crate::format;

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code of `check` when the article has errors.
pub const EXIT_PROBLEMS: i32 = 1;
/// Exit code for input that cannot be used.
pub const EXIT_BAD_INPUT: i32 = 2;
/// Exit code when a site could not be reached or refused (`publish`, `sites check`).
pub const EXIT_PUBLISH: i32 = 3;

#[derive(Parser, Debug)]
#[command(
    name = "copydesk",
    version,
    about = "Revise tech-news articles and publish them."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Articles or drafts to open in the editor (none: the built-in sample).
    pub files: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Import a plain-text draft as Copydesk Markdown.
    Import {
        file: PathBuf,
        /// Write here instead of to standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Print what each part of the draft was taken for, and why,
        /// instead of the article.
        #[arg(long, conflicts_with = "output")]
        explain: bool,
        /// Import by the hand-written rules alone, without the classifier
        /// learned from the corpus of drafts correcting them.
        #[arg(long)]
        rules: bool,
    },
    /// Export an article.
    Export {
        file: PathBuf,
        #[arg(long, value_enum)]
        to: FormatArg,
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// With `--to text`: wrap lines at this many columns.
        #[arg(long)]
        wrap: Option<usize>,
        /// Fill in the author and bio from this author template first.
        #[arg(long)]
        author: Option<String>,
        /// Leave out the author bio box (on by default in every format).
        #[arg(long)]
        no_bio: bool,
        /// With `--to page` or `--to html`: carry local pictures inside the
        /// HTML as `data:` URIs (up to 2 MB each; larger ones are named on
        /// standard error and keep their path).
        #[arg(long)]
        embed_images: bool,
        /// With `--to markdown`: rewrite the front matter with Copydesk's
        /// own keys in their order (without it, the file keeps its site's keys).
        #[arg(long)]
        normalize: bool,
    },
    /// Change metadata in Markdown articles in place, changing only those
    /// fields' lines: `copydesk set post.md title="A title" tags+=Leica`.
    /// Edits: FIELD=VALUE (title, subtitle, excerpt, date, status, category,
    /// slug, canonical_url, lang, original_title, original_lang, image,
    /// image.alt, image.caption, image.credit), tags+=X, tags-=X,
    /// authors+=NAME (bio from the author template of that name),
    /// authors-=NAME, credits+=ROLE:NAME[:URL], credits-=NAME.
    #[command(arg_required_else_help = true)]
    Set {
        /// Files, then edits (a word like `name=…`, `name+=…` or `name-=…` is an edit).
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
        /// Print a unified diff per file and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Clean up a draft: whitespace, scraping leftovers, punctuation spacing
    /// and smart typography for the article's language. Prints the cleaned
    /// article (a draft is imported first) and a summary of the changes on
    /// standard error.
    Clean {
        file: PathBuf,
        #[arg(short, long, conflicts_with = "in_place")]
        output: Option<PathBuf>,
        /// Write the cleaned article back over FILE (a Markdown article only).
        #[arg(short, long)]
        in_place: bool,
        /// List every change instead of printing the article.
        #[arg(long)]
        list: bool,
        /// Run only these fixes (comma-separated; see --list-fixes).
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
        /// Run every fix but these.
        #[arg(long, value_delimiter = ',')]
        skip: Vec<String>,
        /// Print the names of the fixes and exit.
        #[arg(long)]
        list_fixes: bool,
    },
    /// Print the parsed article as JSON.
    Inspect { file: PathBuf },
    /// List the problems to fix before publishing; exit 1 if any is an error.
    Check { file: PathBuf },
    /// The template library (COPYDESK_CONFIG_DIR, or the platform's config folder).
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
    /// The WordPress sites to publish to (`sites.ron` in the config folder;
    /// passwords in the system keyring, or COPYDESK_WORDPRESS_PASSWORD).
    Sites {
        #[command(subcommand)]
        command: SitesCommand,
    },
    /// Publish an article to a site, or update the post it was published
    /// as (recorded under `publish:` in its front matter). Prints the post's
    /// id, status and link; exit code 3 when the site fails or refuses.
    Publish {
        file: PathBuf,
        /// The site's name (see `copydesk sites list`).
        #[arg(long)]
        site: String,
        /// The post's status (default: from the article's: draft → draft,
        /// in-review or ready → pending, published → publish).
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Print the requests instead of sending them (never the password).
        #[arg(long)]
        dry_run: bool,
        /// Update the post even if it was changed on the site since the last publish.
        #[arg(long)]
        force: bool,
        /// Create a new post even though the file records one.
        #[arg(long)]
        as_new: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum SitesCommand {
    /// Add (or replace) a site; the Application Password is read from
    /// standard input, or asked for — or, with --browser, approved on the
    /// site's own screen and handed back to Copydesk.
    Add {
        name: String,
        #[arg(long)]
        url: String,
        #[arg(long, required_unless_present = "browser")]
        user: Option<String>,
        /// Open the site's approval screen (the address is printed too);
        /// WordPress gives the password back to a local port.
        #[arg(long)]
        browser: bool,
        /// Seconds to wait for the site to connect and answer (default 30).
        #[arg(long)]
        timeout: Option<u64>,
    },
    /// One line a site: name, address, user.
    List,
    /// Remove a site and forget its password.
    Remove { name: String },
    /// Sign in and show the account's role and the site's categories and tags.
    Check { name: String },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum StatusArg {
    Draft,
    Pending,
    Publish,
    Future,
}

impl From<StatusArg> for crate::publish::PostStatus {
    fn from(s: StatusArg) -> Self {
        use crate::publish::PostStatus;
        match s {
            StatusArg::Draft => PostStatus::Draft,
            StatusArg::Pending => PostStatus::Pending,
            StatusArg::Publish => PostStatus::Publish,
            StatusArg::Future => PostStatus::Future,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum TemplatesCommand {
    /// One line a template: kind, name, file (unreadable files too).
    List,
    /// Print a template's file.
    Show { name: String },
    /// Save the authors (name and bio) of an article as templates.
    SaveAuthor { file: PathBuf },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Html,
    Page,
    Text,
    Markdown,
    Wordpress,
}

impl From<FormatArg> for ExportFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Html => ExportFormat::Html,
            FormatArg::Page => ExportFormat::Page,
            FormatArg::Text => ExportFormat::Text,
            FormatArg::Markdown => ExportFormat::Markdown,
            FormatArg::Wordpress => ExportFormat::WordPress,
        }
    }
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // If even the usage message cannot be printed, the exit code
            // is all that is left to say it.
            let _ = e.print();
            return if e.use_stderr() {
                EXIT_BAD_INPUT
            } else {
                EXIT_OK
            };
        }
    };
    match cli.command {
        None => gui(cli.files),
        Some(command) => match run(command) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("copydesk: {message}");
                EXIT_BAD_INPUT
            }
        },
    }
}

#[cfg(feature = "gui")]
fn gui(files: Vec<PathBuf>) -> i32 {
    match crate::app::run(files) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("copydesk: could not start the window: {e}");
            EXIT_BAD_INPUT
        }
    }
}

#[cfg(not(feature = "gui"))]
fn gui(_files: Vec<PathBuf>) -> i32 {
    eprintln!(
        "copydesk: this build has no desktop editor (built without the `gui` feature); see `copydesk --help`."
    );
    EXIT_BAD_INPUT
}

/// A headless command; `Err` is a one-line message naming the file.
pub fn run(command: Command) -> Result<i32, String> {
    match command {
        Command::Import {
            file,
            output: _,
            explain: true,
            rules,
        } => {
            let text = files::read_text(&file).map_err(|e| describe(&file, &e))?;
            let (_, decisions) = if rules {
                crate::import::import_rules_explained(&text.text)
            } else {
                crate::import::import_explained(&text.text)
            };
            let mut out = String::new();
            for d in &decisions {
                let text: String = d.text.chars().take(70).collect();
                let cut = if d.text.chars().count() > 70 {
                    "…"
                } else {
                    ""
                };
                out.push_str(&format!(
                    "{:>3} {:<14} {text}{cut}\n      ({})\n",
                    d.unit + 1,
                    d.class,
                    d.why
                ));
            }
            emit(&out, None)?;
            Ok(EXIT_OK)
        }
        Command::Import {
            file,
            output,
            rules: true,
            ..
        } => {
            let mut opened = open(&file)?;
            // Only a draft is imported; a Markdown file stays as it is.
            if opened.imported {
                let text = files::read_text(&file).map_err(|e| describe(&file, &e))?;
                opened.document.article = crate::import::import_rules_explained(&text.text).0;
            }
            let doc = &opened.document;
            emit(
                &format::write_markdown(&doc.article, &doc.origin),
                output.as_deref(),
            )?;
            Ok(EXIT_OK)
        }
        Command::Import { file, output, .. } => {
            let opened = open(&file)?;
            let text = format::write_markdown(&opened.document.article, &opened.document.origin);
            emit(&text, output.as_deref())?;
            Ok(EXIT_OK)
        }
        Command::Export {
            file,
            to,
            output,
            wrap,
            author,
            no_bio,
            embed_images,
            normalize,
        } => {
            if normalize && !matches!(to, FormatArg::Markdown) {
                return Err("--normalize goes with --to markdown".into());
            }
            if embed_images && !matches!(to, FormatArg::Page | FormatArg::Html) {
                return Err("--embed-images goes with --to page or --to html".into());
            }
            let mut opened = open(&file)?;
            if let Some(name) = author {
                let library = library()?;
                let template = library.author(&name).ok_or_else(|| {
                    format!(
                        "no author template named {name:?} in {}",
                        library.dir.display()
                    )
                })?;
                crate::templates::apply_author(&mut opened.document.article, template);
            }
            let article = &opened.document.article;
            let origin = &opened.document.origin;
            let format: ExportFormat = to.into();
            let options = ExportOptions {
                bio: !no_bio,
                wrap,
                embed_images: embed_images
                    .then(|| EmbedImages::new(export::images::article_folder(&file))),
            };
            let exported = match format {
                // The file as Save writes it: an untouched post gives back its bytes.
                ExportFormat::Markdown if normalize => format::write_normalized(article, origin),
                ExportFormat::Markdown => format::write_markdown(article, origin),
                other => {
                    let exported = export::export_with(article, other, &options);
                    for notice in &exported.notices {
                        eprintln!("{}: {notice}", file.display());
                    }
                    exported.text
                }
            };
            emit(&exported, output.as_deref())?;
            Ok(EXIT_OK)
        }
        Command::Clean {
            file,
            output,
            in_place,
            list,
            only,
            skip,
            list_fixes,
        } => clean(file, output, in_place, list, &only, &skip, list_fixes),
        Command::Inspect { file } => {
            let opened = open(&file)?;
            emit(
                &(inspect::inspect_json(&opened.document.article) + "\n"),
                None,
            )?;
            Ok(EXIT_OK)
        }
        Command::Templates { command } => templates(command),
        Command::Sites { command } => sites(command),
        Command::Publish {
            file,
            site,
            status,
            dry_run,
            force,
            as_new,
        } => publish(&file, &site, status, dry_run, force, as_new),
        Command::Set { words, dry_run } => set(&words, dry_run),
        Command::Check { file } => {
            let opened = open(&file)?;
            let text = files::read_text(&file)
                .map_err(|e| format!("{}: {e}", file.display()))?
                .text;
            let body_line = body_first_line(&text, &opened);
            let article = &opened.document.article;
            let problems = check::check(article);
            let mut out = String::new();
            for p in &problems {
                let place = match &p.location {
                    check::Location::Field(field) => format!("{}: [{field}]", file.display()),
                    check::Location::Body(range) => {
                        let line = body_line
                            + article.body[..range.start.min(article.body.len())]
                                .matches('\n')
                                .count();
                        if opened.imported {
                            format!("{} (imported body):{line}", file.display())
                        } else {
                            format!("{}:{line}", file.display())
                        }
                    }
                };
                out.push_str(&format!("{place}: {p}\n"));
            }
            out.push_str(&format!(
                "{}: {}\n",
                file.display(),
                check::summary(&problems)
            ));
            emit(&out, None)?;
            Ok(if check::has_errors(&problems) {
                EXIT_PROBLEMS
            } else {
                EXIT_OK
            })
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn clean(
    file: PathBuf,
    output: Option<PathBuf>,
    in_place: bool,
    list: bool,
    only: &[String],
    skip: &[String],
    list_fixes: bool,
) -> Result<i32, String> {
    use crate::cleanup::{self, Fix};
    if list_fixes {
        let out: String = Fix::ALL
            .iter()
            .map(|f| format!("{}\t{}\n", f.key(), f.label()))
            .collect();
        emit(&out, None)?;
        return Ok(EXIT_OK);
    }
    let parse = |names: &[String]| -> Result<Vec<Fix>, String> {
        names
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| {
                Fix::from_key(n).ok_or_else(|| {
                    let known: Vec<_> = Fix::ALL.iter().map(|f| f.key()).collect();
                    format!("no fix named {n:?}; the fixes are {}", known.join(", "))
                })
            })
            .collect()
    };
    let only = parse(only)?;
    let skip = parse(skip)?;
    let fixes: Vec<Fix> = Fix::ALL
        .into_iter()
        .filter(|f| (only.is_empty() || only.contains(f)) && !skip.contains(f))
        .collect();
    let opened = open(&file)?;
    if in_place && opened.imported {
        return Err(format!(
            "{}: a plain-text draft is not overwritten with Markdown; use -o FILE.md",
            file.display()
        ));
    }
    let result = cleanup::clean(&opened.document.article, &fixes);
    if list {
        let mut out = String::new();
        for c in &result.changes {
            let times = if c.count > 1 {
                format!(" ×{}", c.count)
            } else {
                String::new()
            };
            out.push_str(&format!(
                "{}: {}: {}{times}\n  - {}\n  + {}\n",
                file.display(),
                c.place,
                c.fix,
                c.before,
                c.after
            ));
        }
        out.push_str(&result.summary());
        emit(&out, None)?;
        return Ok(EXIT_OK);
    }
    let text = format::write_markdown(&result.article, &opened.document.origin);
    let target = if in_place { Some(file.clone()) } else { output };
    emit(&text, target.as_deref())?;
    eprint!("{}", result.summary());
    Ok(EXIT_OK)
}

/// `copydesk set FILE… EDIT…`: every file is read and every edit checked
/// before anything is written, so a bad edit or file writes nothing.
fn set(words: &[String], dry_run: bool) -> Result<i32, String> {
    use crate::model::FieldEdit;
    let (edit_words, paths): (Vec<&String>, Vec<&String>) =
        words.iter().partition(|w| FieldEdit::looks_like_edit(w));
    if paths.is_empty() {
        return Err("set: name at least one file".into());
    }
    if edit_words.is_empty() {
        return Err("set: name at least one edit, e.g. title=\"A title\" or tags+=Leica".into());
    }
    let edits: Vec<FieldEdit> = edit_words
        .iter()
        .map(|w| w.parse().map_err(|e| format!("set: {e}")))
        .collect::<Result<_, _>>()?;
    let adds_author = edits.iter().any(|e| matches!(e, FieldEdit::AddAuthor(_)));
    let library = if adds_author { library().ok() } else { None };
    let bio_of = |name: &str| library.as_ref()?.author(name).map(|t| t.bio.clone());
    let mut results = Vec::new();
    for path in paths {
        let path = PathBuf::from(path);
        let opened = open(&path)?;
        if opened.imported {
            return Err(format!(
                "{}: not a Markdown article (import it first: copydesk import)",
                path.display()
            ));
        }
        let old = files::read_text(&path)
            .map_err(|e| describe(&path, &e))?
            .text;
        let mut article = opened.document.article.clone();
        for edit in &edits {
            edit.apply(&mut article.meta, &bio_of);
        }
        let new = format::write_markdown(&article, &opened.document.origin);
        results.push((path, old, new));
    }
    let mut out = String::new();
    for (path, old, new) in &results {
        if dry_run {
            let name = path.display().to_string();
            out.push_str(
                &similar::TextDiff::from_lines(old, new)
                    .unified_diff()
                    .header(&name, &name)
                    .to_string(),
            );
        } else if old == new {
            out.push_str(&format!("{}: unchanged\n", path.display()));
        } else {
            files::write_atomic(path, new.as_bytes())
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
            out.push_str(&format!("{}: updated\n", path.display()));
        }
    }
    emit(&out, None)?;
    Ok(EXIT_OK)
}

fn sites_file() -> Result<(PathBuf, crate::publish::Sites), String> {
    let path = crate::publish::Sites::path().ok_or("no config folder: set COPYDESK_CONFIG_DIR")?;
    let sites = crate::publish::Sites::load_from(&path).map_err(|e| e.to_string())?;
    Ok((path, sites))
}

fn find_site(name: &str) -> Result<crate::publish::Site, String> {
    let (path, sites) = sites_file()?;
    sites.get(name).cloned().ok_or_else(|| {
        format!(
            "no site named {name:?} in {} (add it: copydesk sites add {name} --url URL --user USER)",
            path.display()
        )
    })
}

/// The password from standard input (a pipe), or asked for without echo.
fn read_password(site: &str) -> Result<String, String> {
    use std::io::{IsTerminal, Read};
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("Application Password for {site}: "))
            .map_err(|e| format!("cannot read the password: {e}"))?
    } else {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the password: {e}"))?;
        text
    };
    let password = password.trim().to_string();
    if password.is_empty() {
        return Err(format!("site {site}: the password is empty"));
    }
    Ok(password)
}

fn sites(command: SitesCommand) -> Result<i32, String> {
    use crate::publish::{self, sites};
    match command {
        SitesCommand::Add {
            name,
            url,
            user,
            browser: true,
            timeout,
        } => {
            let mut open = |address: &str| {
                // Printed first: the browser may not open (no display).
                println!("Approve Copydesk in your browser: {address}");
                println!("{}", publish::authorize::OLDER_SITES_HINT);
                #[cfg(feature = "gui")]
                if let Err(e) = webbrowser::open(address) {
                    eprintln!("copydesk: could not open a browser ({e}); open the address above");
                }
                Ok(())
            };
            let cancel = std::sync::atomic::AtomicBool::new(false);
            let site = publish::authorize::connect(
                &name,
                &url,
                timeout,
                &mut open,
                std::time::Duration::from_secs(10 * 60),
                &cancel,
            )?;
            if let Some(asked) = user.filter(|u| !u.trim().eq_ignore_ascii_case(&site.user)) {
                eprintln!(
                    "copydesk: site {}: approved by {}, not {}; the site is added for {}",
                    site.name,
                    site.user,
                    asked.trim(),
                    site.user
                );
            }
            let (path, mut list) = sites_file()?;
            list.upsert(site.clone());
            list.save_to(&path)?;
            emit(
                &format!(
                    "site {} added for user {}; password in the system keyring\n",
                    site.name, site.user
                ),
                None,
            )?;
            Ok(EXIT_OK)
        }
        SitesCommand::Add {
            name,
            url,
            user,
            timeout,
            ..
        } => {
            let site = publish::Site {
                name: name.trim().to_string(),
                url: url.trim().trim_end_matches('/').to_string(),
                user: user.unwrap_or_default().trim().to_string(),
                timeout_secs: timeout,
            };
            sites::validate(&site)?;
            let password = read_password(&site.name)?;
            let (path, mut list) = sites_file()?;
            list.upsert(site.clone());
            list.save_to(&path)?;
            match sites::store_password(&site, &password) {
                Ok(()) => {
                    emit(
                        &format!("site {} added; password in the system keyring\n", site.name),
                        None,
                    )?;
                    Ok(EXIT_OK)
                }
                Err(e) => {
                    eprintln!(
                        "copydesk: site {} added, but its password was not kept: {e}; set {} instead",
                        site.name,
                        sites::PASSWORD_ENV
                    );
                    Ok(if std::env::var_os(sites::PASSWORD_ENV).is_some() {
                        EXIT_OK
                    } else {
                        EXIT_PUBLISH
                    })
                }
            }
        }
        SitesCommand::List => {
            let (_, list) = sites_file()?;
            let out: String = list
                .sites
                .iter()
                .map(|s| format!("{}\t{}\t{}\n", s.name, s.url, s.user))
                .collect();
            emit(&out, None)?;
            Ok(EXIT_OK)
        }
        SitesCommand::Remove { name } => {
            let (path, mut list) = sites_file()?;
            let site = list
                .remove(&name)
                .ok_or_else(|| format!("no site named {name:?} in {}", path.display()))?;
            list.save_to(&path)?;
            // No keyring here means no password was kept in one.
            let _ = sites::forget_password(&site);
            emit(&format!("site {} removed\n", site.name), None)?;
            Ok(EXIT_OK)
        }
        SitesCommand::Check { name } => {
            let site = find_site(&name)?;
            let result = sites::password(&site)
                .map_err(|e| e.to_string())
                .and_then(|p| publish::publisher_for(&site, p).map_err(|e| e.to_string()))
                .and_then(|mut p| p.check().map_err(|e| e.to_string()));
            match result {
                Ok(info) => {
                    let out = format!(
                        "site {} ({}): signed in as {} ({})\ncategories: {}\ntags: {}\n",
                        site.name,
                        info.site_name,
                        info.user,
                        info.roles.join(", "),
                        info.categories.join(", "),
                        info.tags.join(", ")
                    );
                    emit(&out, None)?;
                    Ok(EXIT_OK)
                }
                Err(e) => {
                    eprintln!("copydesk: {e}");
                    Ok(EXIT_PUBLISH)
                }
            }
        }
    }
}

/// `copydesk publish FILE --site NAME`: the file changes only when the
/// site saved the post, and then only in its `publish:` lines.
fn publish(
    file: &Path,
    site_name: &str,
    status: Option<StatusArg>,
    dry_run: bool,
    force: bool,
    as_new: bool,
) -> Result<i32, String> {
    use crate::publish::{self, PostStatus, PublishRequest, sites, wordpress};
    let opened = open(file)?;
    if opened.imported {
        return Err(format!(
            "{}: not a Markdown article (import it first: copydesk import)",
            file.display()
        ));
    }
    let site = find_site(site_name)?;
    let article = opened.document.article.clone();
    let request = PublishRequest {
        status: status
            .map(PostStatus::from)
            .unwrap_or_else(|| PostStatus::from_article(article.meta.status)),
        article,
        base_dir: file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(".")),
        force,
        as_new,
    };
    let failed = |e: String| {
        eprintln!("copydesk: {e}");
        Ok(EXIT_PUBLISH)
    };
    if dry_run {
        // No password is read: the requests are only shown.
        let publisher = match publish::publisher_for(&site, String::new()) {
            Ok(p) => p,
            Err(e) => return failed(e.to_string()),
        };
        return match publisher.dry_run(&request) {
            Ok(text) => {
                emit(&text, None)?;
                Ok(EXIT_OK)
            }
            Err(e) => failed(e.to_string()),
        };
    }
    let password = match sites::password(&site) {
        Ok(p) => p,
        Err(e) => return failed(e),
    };
    let mut publisher = match publish::publisher_for(&site, password) {
        Ok(p) => p,
        Err(e) => return failed(e.to_string()),
    };
    let published = match publisher.publish(&request, &mut |_| {}) {
        Ok(p) => p,
        Err(e) => return failed(e.to_string()),
    };
    for note in &published.notes {
        eprintln!("copydesk: site {}: {note}", site.name);
    }
    let mut article = opened.document.article.clone();
    publish::record::write(&mut article.meta, wordpress::CMS, &published.remote);
    let text = format::write_markdown(&article, &opened.document.origin);
    files::write_atomic(file, text.as_bytes()).map_err(|e| {
        format!(
            "{}: published as post {} but the file could not record it: {e}",
            file.display(),
            published.remote.id
        )
    })?;
    emit(
        &format!(
            "post {} {} {}\n",
            published.remote.id, published.status, published.remote.link
        ),
        None,
    )?;
    Ok(EXIT_OK)
}

fn library() -> Result<crate::templates::Library, String> {
    let dir = crate::paths::config_dir().ok_or("no config folder: set COPYDESK_CONFIG_DIR")?;
    Ok(crate::templates::Library::load(&dir))
}

fn templates(command: TemplatesCommand) -> Result<i32, String> {
    let mut library = library()?;
    match command {
        TemplatesCommand::List => {
            let mut out = String::new();
            for a in &library.authors {
                out.push_str(&format!(
                    "author\t{}\t{}\n",
                    a.template.name,
                    a.file.display()
                ));
            }
            for s in &library.snippets {
                out.push_str(&format!(
                    "snippet\t{}\t{}\n",
                    s.template.name,
                    s.file.display()
                ));
            }
            for p in &library.problems {
                out.push_str(&format!(
                    "unreadable\t{}\t{}\n",
                    p.error.replace('\n', " "),
                    p.file.display()
                ));
            }
            emit(&out, None)?;
            Ok(EXIT_OK)
        }
        TemplatesCommand::Show { name } => {
            let wanted = name.to_lowercase();
            let file = library
                .authors
                .iter()
                .find(|a| a.template.name.to_lowercase() == wanted)
                .map(|a| a.file.clone())
                .or_else(|| {
                    library
                        .snippets
                        .iter()
                        .find(|s| s.template.name.to_lowercase() == wanted)
                        .map(|s| s.file.clone())
                })
                .ok_or_else(|| {
                    format!("no template named {name:?} in {}", library.dir.display())
                })?;
            let text = files::read_text(&file)
                .map_err(|e| describe(&file, &e))?
                .text;
            emit(&text, None)?;
            Ok(EXIT_OK)
        }
        TemplatesCommand::SaveAuthor { file } => {
            let opened = open(&file)?;
            let authors: Vec<_> = opened
                .document
                .article
                .meta
                .authors
                .iter()
                .filter(|a| !a.name.trim().is_empty())
                .collect();
            if authors.is_empty() {
                return Err(format!(
                    "{}: the article has no author to save",
                    file.display()
                ));
            }
            let mut out = String::new();
            for author in authors {
                let template = crate::templates::AuthorTemplate {
                    name: author.name.trim().to_string(),
                    bio: author.bio.clone(),
                    ..Default::default()
                };
                let saved = library
                    .save_author(template)
                    .map_err(|e| format!("cannot save the template: {e}"))?;
                out.push_str(&format!(
                    "saved author {} to {}\n",
                    author.name.trim(),
                    saved.display()
                ));
            }
            emit(&out, None)?;
            Ok(EXIT_OK)
        }
    }
}

/// The line of the file where the body starts (1-based). Imported drafts
/// have no such line: their locations are in the imported Markdown.
fn body_first_line(text: &str, opened: &Opened) -> usize {
    if opened.imported {
        return 1;
    }
    let (normal, _, _) = format::normalise_text(text);
    let body = &opened.document.article.body;
    let before = normal.len().saturating_sub(body.len());
    normal[..before].matches('\n').count() + 1
}

fn open(path: &Path) -> Result<Opened, String> {
    let opened = files::open(path).map_err(|e| describe(path, &e))?;
    if !opened.encoding.is_utf8() {
        eprintln!(
            "copydesk: {}: read as {} text (what Copydesk writes is UTF-8)",
            path.display(),
            opened.encoding
        );
    }
    // A key set twice is read (the last value wins) but said.
    for warning in &opened.document.origin.warnings {
        eprintln!("copydesk: {}: {warning}", path.display());
    }
    Ok(opened)
}

fn describe(path: &Path, error: &OpenError) -> String {
    format!("{}: {error}", path.display())
}

/// Writes output to a file atomically, or to stdout.
fn emit(text: &str, output: Option<&Path>) -> Result<(), String> {
    match output {
        Some(path) => files::write_atomic(path, text.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
            {
                // A closed pipe (`copydesk inspect x | head`) is not an error.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write output: {e}"))
                }
                _ => Ok(()),
            }
        }
    }
}
