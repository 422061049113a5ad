//! `http(s)://` pictures in the preview: an egui bytes loader, so
//! `egui::Image` shows a web address as it shows a file. Each address is
//! downloaded once on a helper thread ([`crate::web_picture::fetch`]:
//! timeouts, a 20 MB cap) and kept in memory for the session; a failure is
//! kept too (the placeholder names it) until the loader is told to forget.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use egui::load::{Bytes, BytesLoadResult, BytesLoader, BytesPoll, LoadError};

use crate::web_picture::{self, Fetched};

type Entry = Option<Result<(Arc<[u8]>, Option<String>), String>>;

/// The loader egui asks for `http(s)://` addresses.
#[derive(Default)]
pub struct WebLoader {
    /// By address: `None` while downloading.
    cache: Arc<Mutex<HashMap<String, Entry>>>,
}

impl WebLoader {
    pub const ID: &'static str = egui::generate_loader_id!(WebLoader);

    fn cache(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // A download thread that panicked leaves its entry pending; the
        // map itself is still whole.
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl BytesLoader for WebLoader {
    fn id(&self) -> &str {
        Self::ID
    }

    fn load(&self, ctx: &egui::Context, uri: &str) -> BytesLoadResult {
        if !web_picture::is_web(uri) {
            return Err(LoadError::NotSupported);
        }
        let mut cache = self.cache();
        match cache.get(uri) {
            Some(Some(Ok((bytes, mime)))) => {
                return Ok(BytesPoll::Ready {
                    size: None,
                    bytes: Bytes::Shared(bytes.clone()),
                    mime: mime.clone(),
                });
            }
            Some(Some(Err(problem))) => return Err(LoadError::Loading(problem.clone())),
            Some(None) => return Ok(BytesPoll::Pending { size: None }),
            None => {}
        }
        cache.insert(uri.to_string(), None);
        drop(cache);
        let (ctx, cache, address) = (ctx.clone(), self.cache.clone(), uri.to_string());
        let spawned = std::thread::Builder::new()
            .name("copydesk-web-picture".into())
            .spawn(move || {
                let result = web_picture::fetch(
                    &address,
                    web_picture::MAX_BYTES,
                    web_picture::TOTAL_TIMEOUT,
                )
                .map(|Fetched { bytes, mime }| (Arc::<[u8]>::from(bytes), mime));
                let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
                // Forgotten meanwhile: the next frame asks again.
                if let Some(entry) = cache.get_mut(&address) {
                    *entry = Some(result);
                }
                drop(cache);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            let problem = format!("Web picture not fetched: {e}");
            self.cache()
                .insert(uri.to_string(), Some(Err(problem.clone())));
            return Err(LoadError::Loading(problem));
        }
        Ok(BytesPoll::Pending { size: None })
    }

    fn forget(&self, uri: &str) {
        self.cache().remove(uri);
    }

    fn forget_all(&self) {
        self.cache().clear();
    }

    fn byte_size(&self) -> usize {
        self.cache()
            .values()
            .map(|e| match e {
                Some(Ok((bytes, _))) => bytes.len(),
                _ => 0,
            })
            .sum()
    }

    fn has_pending(&self) -> bool {
        self.cache().values().any(Option::is_none)
    }
}
