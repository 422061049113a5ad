//! `http(s)://` pictures in the preview: an egui bytes loader, so
//! `egui::Image` shows a web address as it shows a file. Each address is
//! downloaded once on a helper thread ([`crate::web_picture::fetch`]:
//! timeouts, a 20 MB cap) and kept in memory for the session; a failure is
//! kept for half a minute (the placeholder names it), then tried again —
//! the editor may be back online.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::load::{Bytes, BytesLoadResult, BytesLoader, BytesPoll, LoadError};

use crate::web_picture::{self, Fetched};

/// A download: `None` while under way; a failure with when it failed.
type Entry = Option<Result<(Arc<[u8]>, Option<String>), (String, Instant)>>;

/// How long a failed download is not tried again.
const RETRY_AFTER: Duration = Duration::from_secs(30);

/// The loader egui asks for `http(s)://` addresses.
pub struct WebLoader {
    /// By address.
    cache: Arc<Mutex<HashMap<String, Entry>>>,
    retry_after: Duration,
}

impl Default for WebLoader {
    fn default() -> Self {
        Self {
            cache: Default::default(),
            retry_after: RETRY_AFTER,
        }
    }
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
            Some(Some(Err((problem, at)))) if at.elapsed() < self.retry_after => {
                return Err(LoadError::Loading(problem.clone()));
            }
            Some(None) => return Ok(BytesPoll::Pending { size: None }),
            // Never asked, or failed a while ago.
            _ => {}
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
                .map(|Fetched { bytes, mime }| (Arc::<[u8]>::from(bytes), mime))
                .map_err(|problem| (problem, Instant::now()));
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
            self.cache().insert(
                uri.to_string(),
                Some(Err((problem.clone(), Instant::now()))),
            );
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read as _, Write as _};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A server that fails its first request (503) and then serves bytes;
    /// counts the requests.
    fn flaky_server() -> (String, Arc<AtomicUsize>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let count = Arc::new(AtomicUsize::new(0));
        let seen = count.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let _ = stream.read(&mut [0u8; 2048]);
                let first = seen.fetch_add(1, Ordering::SeqCst) == 0;
                let (status, body) = if first {
                    ("503 Service Unavailable", &b"busy"[..])
                } else {
                    ("200 OK", &b"\x89PNG bytes"[..])
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: image/png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(body);
            }
        });
        (format!("http://127.0.0.1:{port}/p.png"), count)
    }

    /// Asks until the download is over.
    fn settle(loader: &WebLoader, ctx: &egui::Context, url: &str) -> BytesLoadResult {
        for _ in 0..500 {
            match loader.load(ctx, url) {
                Ok(BytesPoll::Pending { .. }) => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                done => return done,
            }
        }
        panic!("the download never ended");
    }

    #[test]
    fn a_failure_is_kept_for_a_while_then_tried_again_and_a_picture_is_fetched_once() {
        let (url, requests) = flaky_server();
        let ctx = egui::Context::default();
        let loader = WebLoader {
            retry_after: Duration::from_millis(200),
            ..Default::default()
        };
        assert!(matches!(
            loader.load(&ctx, "images/a.png"),
            Err(LoadError::NotSupported)
        ));
        let Err(LoadError::Loading(problem)) = settle(&loader, &ctx, &url) else {
            panic!("the first request fails");
        };
        assert!(problem.contains("503"), "{problem}");
        // Kept: asking again at once does not download again.
        assert!(loader.load(&ctx, &url).is_err());
        assert_eq!(requests.load(Ordering::SeqCst), 1);
        std::thread::sleep(Duration::from_millis(250));
        let Ok(BytesPoll::Ready { bytes, mime, .. }) = settle(&loader, &ctx, &url) else {
            panic!("tried again, and served");
        };
        assert_eq!(&*bytes, b"\x89PNG bytes");
        assert_eq!(mime.as_deref(), Some("image/png"));
        assert_eq!(loader.byte_size(), bytes.len());
        assert!(loader.load(&ctx, &url).is_ok());
        assert_eq!(requests.load(Ordering::SeqCst), 2, "kept in memory");
        loader.forget(&url);
        assert_eq!(loader.byte_size(), 0);
    }
}
