//! The X11 clipboard, served by Copydesk itself.
//!
//! Written by hand because `arboard` 3.7 advertises `text/plain;charset=utf-8`
//! (and `…UTF-8`) on X11 but then fails to serve it, so applications that ask
//! for those targets get nothing. This owner offers exactly what it serves:
//! `TARGETS`, `TIMESTAMP`, `UTF8_STRING`, `text/plain;charset=utf-8`,
//! `text/plain` and, when given, `text/html`; large contents go out in INCR
//! chunks as ICCCM asks.
//!
//! Each copy connects, takes the CLIPBOARD selection and serves it from a
//! thread until another program (or the next copy) takes it over.

use std::collections::HashMap;

use x11rb::connection::Connection;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    Atom, AtomEnum, ChangeWindowAttributesAux, ConnectionExt as _, CreateWindowAux, EventMask,
    PropMode, Property, SELECTION_NOTIFY_EVENT, SelectionNotifyEvent, SelectionRequestEvent,
    Window, WindowClass,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;
use x11rb::{CURRENT_TIME, NONE};

/// Above this size a transfer goes in INCR chunks of this size.
const CHUNK: usize = 256 * 1024;

struct Atoms {
    clipboard: Atom,
    targets: Atom,
    timestamp: Atom,
    incr: Atom,
    utf8_string: Atom,
    text_plain_utf8: Atom,
    text_plain: Atom,
    text_html: Atom,
}

impl Atoms {
    fn intern(conn: &RustConnection) -> Result<Atoms, String> {
        let atom = |name: &str| -> Result<Atom, String> {
            Ok(conn
                .intern_atom(false, name.as_bytes())
                .map_err(|e| e.to_string())?
                .reply()
                .map_err(|e| e.to_string())?
                .atom)
        };
        Ok(Atoms {
            clipboard: atom("CLIPBOARD")?,
            targets: atom("TARGETS")?,
            timestamp: atom("TIMESTAMP")?,
            incr: atom("INCR")?,
            utf8_string: atom("UTF8_STRING")?,
            text_plain_utf8: atom("text/plain;charset=utf-8")?,
            text_plain: atom("text/plain")?,
            text_html: atom("text/html")?,
        })
    }
}

/// An INCR transfer under way: the next chunk goes when the requestor
/// deletes the property.
struct Transfer {
    target: Atom,
    data: std::sync::Arc<Vec<u8>>,
    offset: usize,
}

/// Takes the CLIPBOARD selection and serves `text` (and `html`, if any)
/// until another owner takes it. Fails at once if there is no X server.
pub fn serve(text: &str, html: Option<&str>) -> Result<(), String> {
    let (conn, screen_num) = x11rb::connect(None).map_err(|e| format!("no X11 display: {e}"))?;
    let atoms = Atoms::intern(&conn)?;
    let screen = &conn.setup().roots[screen_num];
    let window = conn.generate_id().map_err(|e| e.to_string())?;
    conn.create_window(
        x11rb::COPY_DEPTH_FROM_PARENT,
        window,
        screen.root,
        0,
        0,
        1,
        1,
        0,
        WindowClass::INPUT_ONLY,
        x11rb::COPY_FROM_PARENT,
        &CreateWindowAux::new(),
    )
    .map_err(|e| e.to_string())?;
    conn.set_selection_owner(window, atoms.clipboard, CURRENT_TIME)
        .map_err(|e| e.to_string())?;
    let owner = conn
        .get_selection_owner(atoms.clipboard)
        .map_err(|e| e.to_string())?
        .reply()
        .map_err(|e| e.to_string())?
        .owner;
    if owner != window {
        return Err("another program holds the clipboard".into());
    }
    let mut contents: Vec<(Atom, std::sync::Arc<Vec<u8>>)> = Vec::new();
    let text = std::sync::Arc::new(text.as_bytes().to_vec());
    for target in [atoms.utf8_string, atoms.text_plain_utf8, atoms.text_plain] {
        contents.push((target, text.clone()));
    }
    if let Some(html) = html {
        contents.push((
            atoms.text_html,
            std::sync::Arc::new(html.as_bytes().to_vec()),
        ));
    }
    std::thread::Builder::new()
        .name("copydesk-clipboard".into())
        .spawn(move || {
            // The copy was announced already; the loop ends when another
            // program takes the clipboard, and an X error after that has
            // nobody to tell (the next copy starts afresh).
            let _ = serve_loop(&conn, window, &atoms, &contents);
        })
        .map_err(|e| e.to_string())?;
    Ok(())
}

fn serve_loop(
    conn: &RustConnection,
    window: Window,
    atoms: &Atoms,
    contents: &[(Atom, std::sync::Arc<Vec<u8>>)],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut transfers: HashMap<(Window, Atom), Transfer> = HashMap::new();
    // Someone else owns the clipboard now: stop once what is under way ends.
    let mut cleared = false;
    loop {
        if cleared && transfers.is_empty() {
            return Ok(());
        }
        match conn.wait_for_event()? {
            Event::SelectionClear(e) if e.selection == atoms.clipboard => cleared = true,
            Event::SelectionRequest(e) => answer(conn, window, atoms, contents, &mut transfers, e)?,
            Event::PropertyNotify(e) if e.state == Property::DELETE => {
                let key = (e.window, e.atom);
                if let Some(t) = transfers.get_mut(&key) {
                    let end = (t.offset + CHUNK).min(t.data.len());
                    conn.change_property8(
                        PropMode::REPLACE,
                        e.window,
                        e.atom,
                        t.target,
                        &t.data[t.offset..end],
                    )?;
                    if t.offset == end {
                        // The empty chunk just written ends the transfer.
                        transfers.remove(&key);
                        conn.change_window_attributes(
                            e.window,
                            &ChangeWindowAttributesAux::new().event_mask(EventMask::NO_EVENT),
                        )?;
                    } else {
                        t.offset = end;
                    }
                    conn.flush()?;
                }
            }
            _ => {}
        }
    }
}

fn answer(
    conn: &RustConnection,
    window: Window,
    atoms: &Atoms,
    contents: &[(Atom, std::sync::Arc<Vec<u8>>)],
    transfers: &mut HashMap<(Window, Atom), Transfer>,
    e: SelectionRequestEvent,
) -> Result<(), Box<dyn std::error::Error>> {
    // Obsolete clients name no property: use the target.
    let property = if e.property == NONE {
        e.target
    } else {
        e.property
    };
    let mut served = true;
    if e.selection != atoms.clipboard || e.owner != window {
        served = false;
    } else if e.target == atoms.targets {
        let mut offered = vec![atoms.targets, atoms.timestamp];
        offered.extend(contents.iter().map(|(t, _)| *t));
        conn.change_property32(
            PropMode::REPLACE,
            e.requestor,
            property,
            AtomEnum::ATOM,
            &offered,
        )?;
    } else if e.target == atoms.timestamp {
        conn.change_property32(
            PropMode::REPLACE,
            e.requestor,
            property,
            AtomEnum::INTEGER,
            &[e.time],
        )?;
    } else if let Some((target, data)) = contents.iter().find(|(t, _)| *t == e.target) {
        if data.len() > CHUNK {
            conn.change_window_attributes(
                e.requestor,
                &ChangeWindowAttributesAux::new().event_mask(EventMask::PROPERTY_CHANGE),
            )?;
            conn.change_property32(
                PropMode::REPLACE,
                e.requestor,
                property,
                atoms.incr,
                &[data.len() as u32],
            )?;
            transfers.insert(
                (e.requestor, property),
                Transfer {
                    target: *target,
                    data: data.clone(),
                    offset: 0,
                },
            );
        } else {
            conn.change_property8(PropMode::REPLACE, e.requestor, property, *target, data)?;
        }
    } else {
        served = false;
    }
    let notify = SelectionNotifyEvent {
        response_type: SELECTION_NOTIFY_EVENT,
        sequence: 0,
        time: e.time,
        requestor: e.requestor,
        selection: e.selection,
        target: e.target,
        property: if served { property } else { NONE },
    };
    conn.send_event(false, e.requestor, EventMask::NO_EVENT, notify)?;
    conn.flush()?;
    Ok(())
}
