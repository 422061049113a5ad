//! The head of a draft: everything before the first paragraph of the body.
//! Each line is given a kind from what it is (a date, a byline, a name, a
//! caption, chrome, text), then one decision pass picks the title (the
//! title-like line the dek, byline and date follow), the original title (a
//! title-like line in another language), the dek, and what is left over is
//! chrome. Every decision is recorded with its reason for `--explain`.

use super::chrome::chrome_reason;
use super::lines::*;
use super::{Decision, Unit, in_other_language, parse_date_line, single};
use crate::model::{Author, Metadata};

/// What a line of the head is, before the decision pass.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Chrome(&'static str),
    /// The date, and a category printed before it.
    Date(String, Option<String>),
    /// Names and a date found on the same line, if any.
    Byline(Vec<String>, Option<String>),
    /// A name alone on a line (a byline without `By`).
    Name(String),
    Role,
    Caption(String, String),
    Text,
}

impl Kind {
    fn is_meta(&self) -> bool {
        matches!(
            self,
            Kind::Date(..) | Kind::Byline(..) | Kind::Name(_) | Kind::Role
        )
    }
}

fn kind_of(line: &str) -> Kind {
    let line = super::chrome::strip_gallery_prefix(line);
    if let Some(why) = chrome_reason(line) {
        return Kind::Chrome(why);
    }
    if parse_tags(line).is_some() || parse_category(line).is_some() {
        return Kind::Chrome(super::LABELLED_LINE);
    }
    if let Some((names, tail)) = parse_byline(line) {
        let date = tail.as_deref().and_then(byline_and_date_tail);
        return Kind::Byline(names, date);
    }
    if let Some(d) = parse_date_line(line) {
        // `La Rédac - publié le 12/12/2018`: what stands before "published"
        // is the author, not a category.
        let published = line
            .split([' ', '-', '–', '—', '|'])
            .any(|w| PUBLISHED.contains(&w.to_lowercase().as_str()));
        // `Ana Ruiz | 25/02/2019`, `Claire Dubois, le 12 avril 2019`: a
        // name (not a section) before the date is its writer.
        let named = line
            .split_once([',', '|', '—', '–', '·'])
            .map(|(n, _)| n.trim())
            .filter(|n| is_bare_name(n))
            .map(str::to_string);
        return match d.category {
            Some(name) if published && is_person_name(&name, true) => {
                Kind::Byline(vec![name], Some(d.date))
            }
            Some(name) if is_bare_name(&name) => Kind::Byline(vec![name], Some(d.date)),
            None if named.is_some() => Kind::Byline(named.into_iter().collect(), Some(d.date)),
            category => Kind::Date(d.date, category),
        };
    }
    if let Some((names, date)) = byline_and_date(line) {
        return Kind::Byline(names, date);
    }
    if let Some((caption, credit, _)) = parse_caption(line) {
        return Kind::Caption(undouble(&caption), credit);
    }
    if is_job_title(line) {
        // `Priya NatarajanSenior researcher`: the name glued to the role.
        if let Some((name, role)) = glued_parts(line)
            && (2..=4).contains(&word_count(name))
            && is_person_name(name, false)
            && is_job_title(role)
        {
            return Kind::Name(name.to_string());
        }
        return Kind::Role;
    }
    if is_bare_name(line) {
        return Kind::Name(line.trim().to_string());
    }
    Kind::Text
}

/// `Title | Site Name`: the title without the site's name after it.
fn without_site_name(title: &str) -> &str {
    match title.rsplit_once(" | ") {
        Some((head, site))
            if word_count(site) <= 4
                && word_count(head) >= 3
                && site.split_whitespace().all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                }) =>
        {
            head.trim()
        }
        _ => title,
    }
}

/// How many words at the start of a line make a person's name (0 if fewer
/// than two do).
fn leading_name(words: &[&str]) -> usize {
    let caps = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    let first_caps = words.first().is_some_and(|w| caps(w));
    let n = words
        .iter()
        .take(5)
        // A word in capitals after a name in ordinary case is a desk, not the name.
        .enumerate()
        .take_while(|(i, w)| {
            // `Jan de Vries`: particles inside a name.
            let particle = *i > 0
                && [
                    "de", "da", "di", "van", "von", "der", "den", "del", "la", "le",
                ]
                .contains(&w.trim_end_matches(','));
            !w.ends_with(':')
                && (particle || is_person_name(w.trim_end_matches(','), true))
                && (first_caps || !caps(w))
        })
        .count();
    // A name does not end on a particle.
    let n = (0..=n)
        .rev()
        .find(|&k| k == 0 || words[k - 1].starts_with(char::is_uppercase))
        .unwrap_or(0);
    if n >= 2 { n } else { 0 }
}

/// `HANNA PARK` → `Hanna Park`, to test a name written in capitals.
fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The word between a writer's name and the outlet they write for.
const FOR_OUTLET: [&str; 7] = ["per", "for", "para", "pour", "für", "voor", "pra"];

/// Words that say a date is when the piece was published.
const PUBLISHED: [&str; 10] = [
    "published",
    "posted",
    "publié",
    "publiée",
    "pubblicato",
    "publicado",
    "veröffentlicht",
    "gepubliceerd",
    "publicada",
    "pubblicata",
];

/// A byline in any of the shapes sites print: `By Jane Doe`, `Posted in
/// Cameras by Mobile Desk`, `Publicado em 02/01/2021 - 10:47 Por Renata
/// Alves`, `Di Paolo Ferri, 8 Dicembre 2025`, `La Rédac PortablesMag -
/// publié le 12/12/2018`, `Sara Keller … 9.3.2025`. The names, and the
/// date when the line has one.
/// The date in what follows a byline's names (`Contributor on Nov 28, 2023`).
fn byline_and_date_tail(text: &str) -> Option<String> {
    // `June 14, 2019June 14, 2019`: a date printed twice, glued.
    let mut spaced = String::with_capacity(text.len() + 4);
    let mut prev: Option<char> = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // A word of three letters or more after a digit (a month), not a
        // time's `17H27`.
        let word_follows = chars[i..].iter().take_while(|c| c.is_alphabetic()).count() >= 3;
        if prev.is_some_and(|p| p.is_ascii_digit()) && c.is_alphabetic() && word_follows {
            spaced.push(' ');
        }
        spaced.push(c);
        prev = Some(c);
    }
    let text = spaced.as_str();
    let words: Vec<&str> = text.split_whitespace().collect();
    (0..words.len()).find_map(|start| {
        let from = words[start..].join(" ");
        let from = from.trim_start_matches(['|', '-', '–', '—', ',', ' ']);
        // `dinsdag 18 maart 2025 09:00, 27 reacties • Feedback`: what
        // follows the date after a comma or a bar is the page's, not the
        // date's.
        let cuts = from
            .match_indices([',', '|', '•', '·'])
            .map(|(at, _)| at)
            .rev();
        std::iter::once(from.len())
            .chain(cuts)
            .find_map(|end| parse_date_line(&from[..end]))
            .map(|d| d.date)
    })
}

pub(super) fn byline_and_date(line: &str) -> Option<(Vec<String>, Option<String>)> {
    let line = line.trim();
    if word_count(line) > 20 {
        return None;
    }
    let date_in = byline_and_date_tail;
    if let Some((names, tail)) = parse_byline(line) {
        let date = tail.as_deref().and_then(date_in);
        return Some((names, date));
    }
    // An opening word in the middle of the line: what comes before it is a
    // label or the date.
    let lower = line.to_lowercase();
    for opening in [" by ", " por ", " par ", " von ", " di ", " door ", " da "] {
        if let Some(at) = lower.find(opening) {
            let before = line[..at].trim();
            let after = &line[at + 1..];
            if let Some((names, tail)) = parse_byline(after) {
                let date = date_in(before).or_else(|| tail.as_deref().and_then(date_in));
                let label_like = date.is_some() || word_count(before) <= 4;
                if label_like {
                    return Some((names, date));
                }
            }
        }
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    // `Giulia Ferrante per il Corriere`, `Jane Doe for The Verge`: a name,
    // then the outlet it writes for.
    let name_len = leading_name(&words);
    const ARTICLES: [&str; 16] = [
        "il", "la", "lo", "le", "the", "de", "del", "der", "die", "das", "el", "o", "a", "do",
        "da", "het",
    ];
    if name_len >= 2
        && words
            .get(name_len)
            .is_some_and(|w| FOR_OUTLET.contains(&w.to_lowercase().as_str()))
        && words.len() <= 10
        && words[name_len + 1..].iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || ARTICLES.contains(&w.to_lowercase().as_str())
        })
    {
        return Some((
            vec![words[..name_len].join(" ")],
            date_in(&words[name_len..].join(" ")),
        ));
    }
    // `Jane Doe | The Daily Byte`: a name, then its outlet after a bar.
    if name_len >= 2
        && words
            .get(name_len)
            .is_some_and(|w| ["|", "·", "—", "–"].contains(w))
        && words.len() <= name_len + 6
        && words[name_len + 1..].iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        })
    {
        let rest = words[name_len + 1..].join(" ");
        return Some((vec![words[..name_len].join(" ")], date_in(&rest)));
    }
    // `Marta Loureiro REDACCIÓN / LA VOZ`: a name, then the desk in capitals.
    if name_len >= 2
        && words.len() > name_len
        && words[name_len..]
            .iter()
            .all(|w| !w.chars().any(char::is_lowercase))
    {
        return Some((vec![words[..name_len].join(" ")], None));
    }
    // `HANNA PARK The Associated Press`: a name in capitals, then its agency.
    let caps = words
        .iter()
        .take_while(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)
        })
        .count();
    if (2..=3).contains(&caps)
        && words.len() <= caps + 5
        && words[caps..]
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && is_bare_name(&title_case(&words[..caps].join(" ")))
    {
        return Some((vec![words[..caps].join(" ")], None));
    }
    // `12.2.2024, Élodie Marchetti / Credit photo: X`: the date, then the name.
    if let Some((first, rest)) = line.split_once(',')
        && let Some(date) = parse_date_line(first)
    {
        let rest_words: Vec<&str> = rest.split_whitespace().collect();
        let n = leading_name(&rest_words);
        if n >= 2 {
            return Some((vec![rest_words[..n].join(" ")], Some(date.date)));
        }
    }
    // `La Crónica - Economía - TECNOLOGÍA - Ramón Esteller`: the site's
    // header line, ending with the author.
    for sep in [" - ", " | ", " · "] {
        let parts: Vec<&str> = line
            .split(sep)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() >= 3
            && let Some(last) = parts.last()
            && (2..=4).contains(&word_count(last))
            && is_person_name(last, false)
        {
            return Some((vec![last.to_string()], None));
        }
    }
    // A name, then the date: `Sara Keller Traduzione: … 9.3.2025`.
    if name_len >= 2 {
        let name = words[..name_len].join(" ");
        let name = name.trim_end_matches(',').to_string();
        let rest = words[name_len..].join(" ");
        if let Some(date) = date_in(&rest) {
            return Some((vec![name], Some(date)));
        }
    }
    None
}

/// Reads the head into `meta`; returns where the body starts and the
/// units found in the head (a lead picture's caption, text above the title), which open the body.
/// Sentences in a line: its full stops, question and exclamation marks
/// followed by a space, and its end.
fn sentence_count(line: &str) -> usize {
    let t = line.trim();
    let inner = t.matches(". ").count() + t.matches("? ").count() + t.matches("! ").count();
    inner + usize::from(ends_like_sentence(t))
}

pub(super) fn read_head(
    raw: &[Vec<String>],
    meta: &mut Metadata,
    decisions: &mut Vec<Decision>,
) -> (usize, Vec<Unit>) {
    let window = raw.len().min(30);
    let kinds: Vec<Kind> = raw[..window]
        .iter()
        .map(|u| single(u).map_or(Kind::Text, kind_of))
        .collect();
    let line = |i: usize| single(&raw[i]).unwrap_or("");
    // The next line that is not chrome.
    let next = |i: usize| (i + 1..window).find(|&j| !matches!(kinds[j], Kind::Chrome(_)));
    let title_like = |i: usize| {
        let l = line(i);
        if !l.chars().any(char::is_alphabetic) {
            return false;
        }
        kinds[i] == Kind::Text
            && single(&raw[i]).is_some()
            && list_item(l).is_none()
            && word_count(l) >= 1
            && l.chars().count() <= 250
            // A notice of several sentences above the article (an
            // affiliate disclaimer) is not a headline.
            && !(word_count(l) > 25 && l.trim_end().matches(". ").count() >= 1)
    };
    let prose = |i: usize| {
        let l = line(i);
        kinds[i] == Kind::Text
            && (word_count(l) >= 16 && ends_like_sentence(l) || word_count(l) > 60)
    };
    let body_lang_text: String = raw
        .iter()
        .filter_map(|u| single(u))
        .filter(|l| word_count(l) > 15)
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    let foreign = |i: usize| {
        let l = line(i);
        super::language::detect(&body_lang_text).is_some_and(|body| {
            super::language::guess_among(l, &super::likely_languages(body)).is_some_and(
                |(lang, conf)| {
                    lang != body && conf >= 0.5 && super::language::guess(l) == Some(lang)
                },
            )
        })
    };

    // The title: the title-like line that the dek, byline or date follow.
    // A notice of sentences on the first line (an affiliate disclaimer)
    // with a headline-like line under it sits above the article.
    let notice_first = window > 1
        && prose(0)
        && title_like(1)
        && word_count(line(1)) <= 20
        && !ends_like_sentence(line(1));
    let first_prose = (usize::from(notice_first)..window)
        .find(|&i| prose(i))
        .unwrap_or(window);
    // Scores in half points: what follows a line says most.
    let first_text = (0..window).find(|&i| !matches!(kinds[i], Kind::Chrome(_)));
    let mut best: Option<(usize, i32)> = None;
    for i in 0..window {
        // A title comes before the first paragraph of prose.
        if !title_like(i) || i > first_prose {
            continue;
        }
        // Titles start with a capital, a digit or a quote.
        if line(i).trim_start().starts_with(char::is_lowercase) {
            continue;
        }
        // `ANP Title`: a line above printed again after a credit is that
        // line's repeat (a picture's alt text), not a title of its own.
        let repeats_above = (0..i).any(|p| {
            let (above, here) = (line(p).trim(), line(i).trim());
            title_like(p)
                && here.len() > above.len()
                && here.ends_with(above)
                && word_count(&here[..here.len() - above.len()]) <= 3
        });
        if repeats_above {
            continue;
        }
        let mut score = match next(i) {
            Some(j) if kinds[j].is_meta() => 6,
            Some(j)
                if foreign(j)
                    // Title, dek, lead picture.
                    || (kinds[j] == Kind::Text
                        && word_count(line(j)) >= word_count(line(i))
                        && next(j).is_some_and(|k| matches!(kinds[k], Kind::Caption(..))))
                    || (title_like(j)
                        && !prose(j)
                        && in_other_language(line(j), line(i), raw, j))
                    // Title, dek, byline: a dek is as long as the title or longer.
                    || (kinds[j] == Kind::Text
                        && word_count(line(j)) >= word_count(line(i))
                        && next(j).is_some_and(|k| kinds[k].is_meta())) =>
            {
                7
            }
            // Title, a dek without a full stop, the text.
            Some(j)
                if kinds[j] == Kind::Text
                    && !prose(i)
                    && !ends_like_sentence(line(j))
                    && word_count(line(j)) > word_count(line(i))
                    && next(j).is_some_and(prose) =>
            {
                5
            }
            Some(j) if prose(j) && !prose(i) => 4,
            Some(j) if matches!(kinds[j], Kind::Caption(..)) => 4,
            _ => 0,
        };
        let words = word_count(line(i));
        // The original title of a translation: in another language than the
        // text, or than the title-like line above it.
        let prev = (0..i).rev().find(|&p| !matches!(kinds[p], Kind::Chrome(_)));
        let translation_of_prev = prev.is_some_and(|p| {
            title_like(p) && !prose(p) && in_other_language(line(i), line(p), raw, i)
        });
        if foreign(i) || translation_of_prev {
            score -= 6;
        }
        if prose(i) {
            score -= 4;
        }
        // Section labels (`Latest in Wearables`, `Smartphones Herbst`,
        // `Digital`) are short; titles rarely are, and rarely end in a
        // full stop.
        if words <= 3 {
            score -= 4;
        }
        if words == 1 {
            score -= 2;
        }
        // A line ending in a full stop is a title only when a byline, a
        // date or an original title follows it; else it is prose.
        if line(i).trim_end().ends_with('.') {
            if score < 6 {
                continue;
            }
            score -= 2;
        }
        if Some(i) == first_text {
            score += 2;
        }
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
        if i > first_prose {
            break;
        }
    }
    let Some((title_at, _)) = best.or_else(|| {
        (0..window)
            .find(|&i| kinds[i] == Kind::Text)
            .map(|i| (i, 0))
    }) else {
        return (0, Vec::new());
    };
    let title = without_site_name(line(title_at).trim());
    // `TéléphonieAssurance smartphone…`: a section's kicker glued to the
    // title's first word when the page was copied.
    let kicker = glued_parts(title).filter(|(k, rest)| word_count(k) == 1 && word_count(rest) >= 3);
    let mut title = kicker.map_or(title, |(_, rest)| rest);
    // `Jonas Hartwig über unseren Alltag: Das erste Handy…`: a column's
    // kicker naming its writer and topic before the title.
    let columnist = title.split_once(": ").and_then(|(kicker, rest)| {
        let words: Vec<&str> = kicker.split_whitespace().collect();
        let n = leading_name(&words);
        let about = words.get(n).map(|w| w.to_lowercase());
        (n >= 2
            && words.len() <= 10
            && word_count(rest) >= 3
            && about.is_some_and(|a| {
                ["über", "on", "about", "su", "sur", "sobre", "over"].contains(&a.as_str())
            }))
        .then(|| (words[..n].join(" "), rest))
    });
    if let Some((name, rest)) = &columnist {
        title = rest;
        if !meta.authors.iter().any(|a| a.name == *name) {
            meta.authors.push(Author::named(name.clone()));
        }
    }
    // `• Friday Morning News`: a forum's bullet before the headline.
    let title = title
        .trim_start_matches(['•', '·', '▪', '►', '▶', '»'])
        .trim_start();
    meta.title = title.to_string();
    decisions.push(Decision::new(
        title_at,
        line(title_at),
        "title",
        if columnist.is_some() {
            "the title-like line that the dek, byline or date follow (a column's kicker before it names the writer)"
        } else if kicker.is_some() {
            "the title-like line that the dek, byline or date follow (a kicker glued before it left out)"
        } else {
            "the title-like line that the dek, byline or date follow"
        },
    ));

    let mut lead = Vec::new();
    let mut dates_before: Vec<String> = Vec::new();
    let take_names =
        |names: Vec<String>, meta: &mut Metadata| {
            for name in names {
                // The bio found at the end may be this author's, by first name.
                match meta.authors.iter_mut().find(|a| {
                    a.name == name || name.starts_with(&a.name) || a.name.starts_with(&name)
                }) {
                    Some(author) if name.len() > author.name.len() => author.name = name,
                    Some(_) => {}
                    None => meta.authors.push(Author::named(name)),
                }
            }
        };
    // Above the title: dates, bylines and a lead picture's caption count;
    // the rest is the page's chrome.
    for (i, kind) in kinds.iter().enumerate().take(title_at) {
        match kind.clone() {
            Kind::Date(d, category) => {
                dates_before.push(d);
                if meta.category.is_empty() {
                    meta.category = category.unwrap_or_default();
                }
                decisions.push(Decision::new(i, line(i), "date", "a date above the title"));
            }
            Kind::Byline(names, date) => {
                take_names(names, meta);
                dates_before.extend(date);
                decisions.push(Decision::new(
                    i,
                    line(i),
                    "byline",
                    "a byline above the title",
                ));
            }
            Kind::Caption(caption, credit) => {
                let again = matches!(lead.last(),
                    Some(Unit::Figure { caption: c, .. }) if *c == caption);
                if !again {
                    lead.push(Unit::Figure {
                        alt: String::new(),
                        caption,
                        credit,
                    });
                }
                decisions.push(Decision::new(
                    i,
                    line(i),
                    "caption",
                    if again {
                        "the lead picture's caption printed again"
                    } else {
                        "a caption with its credit (the lead picture)"
                    },
                ));
            }
            Kind::Chrome(why) => {
                let class = super::labels_into_meta(line(i), meta).unwrap_or("chrome");
                decisions.push(Decision::new(i, line(i), class, why));
            }
            // Prose or a list above the title is the article's: it opens
            // the body rather than being lost.
            _ if prose(i) || single(&raw[i]).is_none() || list_item(line(i)).is_some() => {
                lead.push(match single(&raw[i]) {
                    Some(l) if list_item(l).is_none() => Unit::Paragraph(l.to_string()),
                    _ => Unit::List {
                        items: raw[i]
                            .iter()
                            .map(|l| list_item(l).map_or_else(|| l.clone(), |(t, _)| t))
                            .collect(),
                        numbered: false,
                    },
                });
                decisions.push(Decision::new(
                    i,
                    &raw[i].join(" / "),
                    "paragraph",
                    "text above the title, kept at the start of the body",
                ));
            }
            _ => decisions.push(Decision::new(
                i,
                line(i),
                "chrome",
                "a label above the title",
            )),
        }
    }

    // Below the title, up to the first paragraph of the body.
    let mut i = title_at + 1;
    let mut date_after: Option<String> = None;
    let mut seen_meta = false;
    let mut related_links = false;
    // The title printed again (as the article's own heading under the
    // page's, or as a picture's alt text): a dek may follow it.
    let mut title_again = false;
    while i < window {
        let l = line(i);
        let kind = kinds[i].clone();
        let next_meta = next(i).is_some_and(|j| kinds[j].is_meta());
        match kind {
            // A list: the body has begun.
            _ if single(&raw[i]).is_none() => break,
            Kind::Chrome(why) => {
                related_links |= why == super::chrome::RELATED_HEADER;
                let class = super::labels_into_meta(l, meta).unwrap_or("chrome");
                decisions.push(Decision::new(i, l, class, why));
            }
            // The author's name printed again.
            Kind::Name(name) if meta.authors.iter().any(|a| a.name == name) => {
                decisions.push(Decision::new(i, l, "chrome", "the author's name again"));
            }
            // The original title printed again.
            Kind::Text if !meta.original_title.is_empty() && l.trim() == meta.original_title => {
                decisions.push(Decision::new(
                    i,
                    l,
                    "chrome",
                    "the original title printed again",
                ));
            }
            // `TECNOLOGÍA`: a section label in capitals.
            Kind::Text
                if word_count(l) == 1
                    && l.chars().filter(|c| c.is_alphabetic()).count() >= 4
                    && !l.chars().any(char::is_lowercase) =>
            {
                decisions.push(Decision::new(i, l, "chrome", "a section label"));
            }
            // A lone lower-case word (`premium`): a label.
            Kind::Text if word_count(l) == 1 && l.trim().starts_with(char::is_lowercase) => {
                decisions.push(Decision::new(i, l, "chrome", "a one-word label"));
            }
            _ if l.trim() == meta.title
                || undouble(l.trim()) == meta.title
                || without_site_name(l.trim()) == meta.title =>
            {
                title_again = true;
                decisions.push(Decision::new(i, l, "chrome", "the title printed again"));
            }
            // `ANP Eerste vouwtelefoon…`: the title again as a picture's alt
            // text, its credit glued before it.
            Kind::Text
                if l.trim().len() > meta.title.len()
                    && l.trim().ends_with(meta.title.as_str())
                    && (1..=3)
                        .contains(&word_count(&l.trim()[..l.trim().len() - meta.title.len()])) =>
            {
                title_again = true;
                lead.push(Unit::Figure {
                    alt: meta.title.clone(),
                    caption: String::new(),
                    credit: l.trim()[..l.trim().len() - meta.title.len()]
                        .trim()
                        .to_string(),
                });
                decisions.push(Decision::new(
                    i,
                    l,
                    "credit",
                    "a picture's credit before the title repeated as its alt text",
                ));
            }
            Kind::Date(d, category) => {
                date_after.get_or_insert(d);
                if meta.category.is_empty() {
                    meta.category = category.unwrap_or_default();
                }
                seen_meta = true;
                decisions.push(Decision::new(i, l, "date", "a date line"));
            }
            Kind::Byline(names, date) => {
                take_names(names, meta);
                if let Some(d) = date {
                    date_after.get_or_insert(d);
                }
                seen_meta = true;
                decisions.push(Decision::new(i, l, "byline", "a byline"));
            }
            // A name alone is a byline before any other byline, or beside a
            // date or a role ("Key Takeaways" under a byline is not one).
            // (After a date, a name is the byline when none was found yet.)
            Kind::Name(name)
                if !seen_meta
                    || next_meta
                    || (meta.authors.is_empty()
                        && next(i).is_some_and(|j| {
                            single(&raw[j]).is_some_and(|n| list_item(n).is_none())
                                && !looks_like_heading(line(j))
                        })) =>
            {
                take_names(vec![name], meta);
                seen_meta = true;
                decisions.push(Decision::new(
                    i,
                    l,
                    "byline",
                    "a name alone under the title",
                ));
            }
            Kind::Role => decisions.push(Decision::new(i, l, "chrome", "the author's role")),
            // `Scrive di tecnologia dal 2012…` under the byline: its bio.
            Kind::Text if seen_meta && is_nameless_bio(l) && !meta.authors.is_empty() => {
                if let Some(author) = meta.authors.last_mut()
                    && author.bio.is_empty()
                {
                    author.bio = crate::markdown::escape::escape_text(l.trim());
                }
                decisions.push(Decision::new(
                    i,
                    l,
                    "bio",
                    "a sentence about the writer under the byline",
                ));
            }
            // `Credit: X` under the lead picture's caption.
            Kind::Caption(caption, credit) if caption.is_empty() && !lead.is_empty() => {
                if let Some(Unit::Figure { credit: c, .. }) = lead.last_mut() {
                    *c = credit;
                }
                decisions.push(Decision::new(
                    i,
                    l,
                    "credit",
                    "the credit of the caption above",
                ));
            }
            Kind::Caption(caption, credit) => {
                lead.push(Unit::Figure {
                    alt: String::new(),
                    caption,
                    credit,
                });
                decisions.push(Decision::new(i, l, "caption", "a caption with its credit"));
            }
            // The picture's alt text, its caption (the same words, with the
            // credit) on the next line.
            Kind::Text
                if next(i).is_some_and(|j| {
                    matches!(&kinds[j], Kind::Caption(c, _)
                        if !c.is_empty() && c.starts_with(l.trim().trim_end_matches('.')))
                }) =>
            {
                decisions.push(Decision::new(
                    i,
                    l,
                    "chrome",
                    "a picture's alt text (its caption follows)",
                ));
            }
            // The lead picture's caption printed again (alt text and caption).
            Kind::Text
                if lead
                    .iter()
                    .any(|f| matches!(f, Unit::Figure { caption, .. } if caption == l.trim())) =>
            {
                decisions.push(Decision::new(i, l, "chrome", "the caption printed again"));
            }
            // `Related Topics` and its short links before the article.
            Kind::Text if super::chrome::is_related_header(l) => {
                related_links = true;
                decisions.push(Decision::new(i, l, "chrome", "links to other stories"));
            }
            Kind::Text | Kind::Name(_) if related_links && word_count(l) <= 3 => {
                decisions.push(Decision::new(i, l, "chrome", "links to other stories"));
            }
            Kind::Text
                if meta.original_title.is_empty()
                    && meta.subtitle.is_empty()
                    && !prose(i)
                    && in_other_language(l, &meta.title, raw, i) =>
            {
                meta.original_title = l.trim().to_string();
                decisions.push(Decision::new(
                    i,
                    l,
                    "original title",
                    "a title-like line in another language",
                ));
            }
            Kind::Text
                if meta.subtitle.is_empty()
                    && raw[i].len() == 1
                    && l.trim_start().starts_with(|c: char| {
                        c.is_uppercase() || c.is_ascii_digit() || "\"“«„'‘".contains(c)
                    })
                    && (4..=70).contains(&word_count(l))
                    && (next_meta && !seen_meta
                        || (title_again
                            && (8..=60).contains(&word_count(l))
                            && (title_at + 1..i)
                                .rev()
                                .find(|&p| !matches!(kinds[p], Kind::Chrome(_)))
                                .is_some_and(|p| {
                                    line(p).trim().ends_with(meta.title.as_str())
                                }))
                        || next(i).is_some_and(|j| {
                            let n = line(j).trim();
                            n == meta.title || n.ends_with(meta.title.as_str())
                        })
                        || (!ends_like_sentence(l)
                            && next(i).is_some_and(|j| {
                                kinds[j] == Kind::Text
                                    || kinds[j].is_meta()
                                    || matches!(kinds[j], Kind::Caption(..))
                            }))) =>
            {
                meta.subtitle = l.trim().to_string();
                decisions.push(Decision::new(
                    i,
                    l,
                    "subtitle",
                    if title_again {
                        "the first text under the title printed again"
                    } else if next_meta {
                        "text between the title and the byline"
                    } else {
                        "a line under the title that does not end like a sentence"
                    },
                ));
            }
            // A lead of two to four short sentences over a first paragraph
            // half as long again: the standfirst, whatever its punctuation.
            Kind::Text
                if meta.subtitle.is_empty()
                    && raw[i].len() == 1
                    && (12..=45).contains(&word_count(l))
                    && (2..=4).contains(&sentence_count(l))
                    && next(i).is_some_and(|j| {
                        prose(j) && word_count(line(j)) * 10 >= word_count(l) * 14
                    }) =>
            {
                meta.subtitle = l.trim().to_string();
                decisions.push(Decision::new(
                    i,
                    l,
                    "subtitle",
                    "a lead of short sentences over a longer first paragraph",
                ));
            }
            // A standfirst set apart from the body by a link to another
            // story (`→ Notre comparatif…`, `Lesen Sie auch:`).
            Kind::Text
                if meta.subtitle.is_empty()
                    && (8..=60).contains(&word_count(l))
                    && l.trim_start().starts_with(char::is_uppercase)
                    && matches!(kinds.get(i + 1), Some(Kind::Chrome(why))
                        if why.starts_with("a link to another story")
                            || *why == super::chrome::RELATED_HEADER)
                    && next(i).is_some_and(prose) =>
            {
                meta.subtitle = l.trim().to_string();
                decisions.push(Decision::new(
                    i,
                    l,
                    "subtitle",
                    "text under the title set apart from the body by a link",
                ));
            }
            Kind::Text
                if !prose(i)
                    && (!seen_meta || next_meta)
                    && word_count(l) <= 3
                    && next(i).is_some_and(|j| {
                        (!prose(j) || kinds[j].is_meta())
                            // A short line over a list is the list's heading.
                            && single(&raw[j]).is_some_and(|n| list_item(n).is_none())
                    }) =>
            {
                decisions.push(Decision::new(i, l, "chrome", "a short label in the head"));
            }
            _ => break,
        }
        i += 1;
    }
    if let Some(d) = date_after.or_else(|| dates_before.last().cloned())
        && meta.date.is_empty()
    {
        meta.date = d;
    }
    // A name alone right above the title, and no byline anywhere else: the
    // writer, printed over the title.
    if meta.authors.is_empty()
        && title_at > 0
        && let Kind::Name(name) = &kinds[title_at - 1]
        && let Some(d) = decisions.iter_mut().find(|d| d.unit == title_at - 1)
    {
        meta.authors.push(Author::named(name.clone()));
        d.class = "byline";
        d.why = "a name alone right above the title, and no other byline".to_string();
    }
    (i, lead)
}

#[cfg(test)]
mod tests {
    use super::{Kind, kind_of};

    fn names(line: &str) -> Vec<String> {
        match kind_of(line) {
            Kind::Byline(names, _) => names,
            Kind::Name(name) => vec![name],
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn bylines_in_the_shapes_sites_print_them() {
        for (line, want) in [
            ("Jane Doe | The Daily Byte", "Jane Doe"),
            ("Ana Ruiz | 25/02/2019", "Ana Ruiz"),
            ("Claire Dubois, le 12 avril 2019 à 10h05", "Claire Dubois"),
            ("Anna Schmidt, 3. März 2021, 09:10 Uhr", "Anna Schmidt"),
            ("Jan de Vries 25-02-2019, 10:30", "Jan de Vries"),
            ("Texto: Ana Ruiz", "Ana Ruiz"),
            ("Auteur : Claire Dubois", "Claire Dubois"),
            ("Autorin: Anna Schmidt", "Anna Schmidt"),
            ("Un article de Claire Dubois", "Claire Dubois"),
            (
                "Priya NatarajanSenior researcher & writer",
                "Priya Natarajan",
            ),
            ("Jan de Vries", "Jan de Vries"),
        ] {
            assert_eq!(names(line), vec![want.to_string()], "{line}");
        }
    }

    #[test]
    fn sections_before_a_date_are_not_writers() {
        for line in [
            "Digital Cameras - Friday, July 9th, 2010",
            "Smartphone Reviews | 25/02/2019",
        ] {
            assert!(matches!(kind_of(line), Kind::Date(..)), "{line}");
        }
        assert!(!matches!(kind_of("News Techno"), Kind::Name(_)));
    }
}
