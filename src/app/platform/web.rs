//! The browser: the page's canvas the window draws on, downloads, and `localStorage`.

use std::path::Path;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

/// Id of the canvas in `index.html`.
const CANVAS_ID: &str = "pcn_explorer_canvas";
/// Id of the "Loading…" text in `index.html`, removed once the window runs.
const LOADING_ID: &str = "loading_text";
/// Prefix of this app's keys in `localStorage` (the page's origin may host other things).
const STORAGE_PREFIX: &str = "pcn-explorer/";

fn js_text(value: &JsValue) -> String {
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// Starts the window on the page's canvas. Messages (and a panic, should one happen) go to the
/// browser's console.
pub fn run(app_creator: eframe::AppCreator<'static>) {
    eframe::WebLogger::init(log::LevelFilter::Info).ok();
    wasm_bindgen_futures::spawn_local(async move {
        let Some(document) = web_sys::window().and_then(|window| window.document()) else {
            log::error!("pcn-explorer: no page to draw on");
            return;
        };
        let Some(canvas) = document
            .get_element_by_id(CANVAS_ID)
            .and_then(|element| element.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            log::error!("pcn-explorer: the page has no canvas with id {CANVAS_ID}");
            return;
        };
        let started = eframe::WebRunner::new()
            .start(canvas, eframe::WebOptions::default(), app_creator)
            .await;
        if let Some(loading) = document.get_element_by_id(LOADING_ID) {
            match started {
                Ok(()) => loading.remove(),
                Err(error) => {
                    loading.set_inner_html(
                        "<p>pcn-explorer could not start in this browser. The browser's \
                         console (F12) says why.</p>",
                    );
                    log::error!("pcn-explorer could not start: {}", js_text(&error));
                }
            }
        }
    });
}

/// Hands bytes to the browser as a download named after the last part of `path`.
pub fn download(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "download".to_string());
    let refused = |error: JsValue| format!("the browser refused the download: {}", js_text(&error));
    let window = web_sys::window().ok_or("no browser window")?;
    let document = window.document().ok_or("no page")?;
    let body = document.body().ok_or("the page has no body")?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(refused)?
        .dyn_into()
        .map_err(|_| "the page could not make a link".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(&name);
    body.append_child(&anchor).map_err(refused)?;
    anchor.click();
    anchor.remove();
    // The object URL is released once the browser has surely started the download.
    let release = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window
        .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 60_000)
        .map_err(refused)?;
    Ok(())
}

fn local_storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("no browser window")?
        .local_storage()
        .map_err(|error| js_text(&error))?
        .ok_or_else(|| "this browser keeps no local storage for the page".to_string())
}

/// A value of this app in `localStorage`.
pub fn storage_get(name: &str) -> Option<String> {
    local_storage()
        .ok()?
        .get_item(&format!("{STORAGE_PREFIX}{name}"))
        .ok()?
}

/// Keeps a value in `localStorage` (fails when the browser's quota for the page is used up).
pub fn storage_set(name: &str, text: &str) -> Result<(), String> {
    local_storage()?
        .set_item(&format!("{STORAGE_PREFIX}{name}"), text)
        .map_err(|error| js_text(&error))
}

/// Removes a value from `localStorage`; a missing one is fine.
pub fn storage_remove(name: &str) -> Result<(), String> {
    local_storage()?
        .remove_item(&format!("{STORAGE_PREFIX}{name}"))
        .map_err(|error| js_text(&error))
}
