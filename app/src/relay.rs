//! The relay's browser side: catches the board's controls, runs the step loop against the
//! server, swaps each drawing in, and keeps the token where the step says. No serde here:
//! the steps are read and written with the browser's own JSON, which keeps the bundle small.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::client;

/// What the island was given; see `islands::Relay`.
pub struct Config {
    pub endpoint: String,
    pub board: String,
    pub state: String,
    pub token_key: String,
}

/// The controls the relay runs: anything that names an action.
const CONTROLS: &str = "[data-relay-action]";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn board(relay: &Config) -> Option<web_sys::Element> {
    document()?.get_element_by_id(&relay.board)
}

/// Enables or disables every control of the board (the server drew them disabled until
/// this script runs, and draws them disabled while an action still has requests to send).
fn set_ready(relay: &Config, ready: bool) {
    let Some(board) = board(relay) else { return };
    let _ = board.set_attribute("aria-busy", if ready { "false" } else { "true" });
    let Ok(controls) = board.query_selector_all(CONTROLS) else {
        return;
    };
    for i in 0..controls.length() {
        if let Some(control) = controls
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = if ready {
                control.remove_attribute("disabled")
            } else {
                control.set_attribute("disabled", "")
            };
        }
    }
}

/// Shows the board's own error banner, in the page's language (the server put the words in
/// its `data-relay-error`).
fn show_failure(relay: &Config) {
    let banner = board(relay).and_then(|b| b.query_selector("[data-relay-error]").ok().flatten());
    if let Some(banner) = banner {
        let text = banner.get_attribute("data-relay-error");
        banner.set_text_content(text.as_deref());
        let _ = banner.remove_attribute("hidden");
    }
}

/// Puts a step's drawing in place of the board and gives the keyboard's focus back to the
/// control that had it, or else to the one that started the action (disabling it may have
/// dropped the focus to the page). Focus the learner moved out of the board stays put.
/// Every control has a stable id, so the new drawing's twin is found by it.
fn swap(relay: &Config, html: &str, trigger: &str) {
    let Some(old) = board(relay) else { return };
    let Some(doc) = document() else { return };
    let active = doc.active_element();
    let lost = active
        .as_ref()
        .is_none_or(|el| doc.body().is_some_and(|b| b.is_same_node(Some(el))));
    let inside = active.as_ref().is_some_and(|el| old.contains(Some(el)));
    old.set_outer_html(html);
    if !(lost || inside) {
        return;
    }
    let id = active
        .map(|el| el.id())
        .filter(|id| inside && !id.is_empty());
    let id = id.as_deref().unwrap_or(trigger);
    let again = doc
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = again {
        let _ = el.focus();
    }
}

/// Focuses the control `id` again if disabling it dropped the focus to the page.
fn refocus(id: &str) {
    let Some(doc) = document() else { return };
    let lost = doc
        .active_element()
        .is_none_or(|el| doc.body().is_some_and(|b| b.is_same_node(Some(&el))));
    let control = doc
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let (true, Some(control)) = (lost, control) {
        let _ = control.focus();
    }
}

fn field(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

/// Sends the request a step asked for and describes its answer (status 0: none came).
async fn send(relay: &Config, request: &JsValue) -> JsValue {
    let method = field(request, "method").as_string().unwrap_or_default();
    let path = field(request, "path").as_string().unwrap_or_default();
    let body = field(request, "body").as_string();
    let token = field(request, "bearer")
        .is_truthy()
        .then(|| client::load_token_at(&relay.token_key))
        .flatten();
    let exchange = client::fetch_json(&method, &path, body.as_deref(), token.as_deref()).await;
    let (status, served_by, text) = match exchange {
        Ok(e) => (e.status, e.served_by, e.text),
        Err(_) => (0, None, String::new()),
    };
    object(&[
        ("status", JsValue::from(status)),
        (
            "served_by",
            served_by.map_or(JsValue::NULL, |s| JsValue::from_str(&s)),
        ),
        ("body", JsValue::from_str(&text)),
    ])
}

/// Posts one step; its answer, parsed, or `None` when the step itself failed.
async fn post_step(relay: &Config, step: &JsValue) -> Option<JsValue> {
    let body = JSON::stringify(step).ok()?.as_string()?;
    let exchange = client::fetch_json("POST", &relay.endpoint, Some(&body), None)
        .await
        .ok()?;
    if !(200..300).contains(&exchange.status) {
        return None;
    }
    JSON::parse(&exchange.text).ok()
}

/// Runs one action to its end: the step, the request it asks for, the next step...
/// `trigger` is the id of the control that started it.
async fn run(relay: Rc<Config>, state: Rc<RefCell<JsValue>>, action: String, trigger: String) {
    let has_token = || JsValue::from(client::load_token_at(&relay.token_key).is_some());
    let mut step = object(&[
        ("state", state.borrow().clone()),
        ("action", JsValue::from_str(&action)),
        ("has_token", has_token()),
    ]);
    loop {
        // A step that failed, or answered without a board to show, ends the action.
        let answer = post_step(&relay, &step).await;
        let html = answer.as_ref().and_then(|a| field(a, "html").as_string());
        let (Some(answer), Some(html)) = (answer, html) else {
            // Abandoned where it stopped: the state no longer waits for a report, so the
            // next click starts afresh instead of being refused as busy.
            let _ = Reflect::set(&state.borrow(), &JsValue::from_str("doing"), &JsValue::NULL);
            set_ready(&relay, true);
            show_failure(&relay);
            refocus(&trigger);
            return;
        };
        if let Some(token) = field(&answer, "store_token").as_string() {
            let _ = client::store_token_at(&relay.token_key, &token);
        }
        if field(&answer, "delete_token").is_truthy() {
            client::delete_token_at(&relay.token_key);
        }
        *state.borrow_mut() = field(&answer, "state");
        swap(&relay, &html, &trigger);
        let request = field(&answer, "send");
        if request.is_null() || request.is_undefined() {
            return;
        }
        let report = send(&relay, &request).await;
        step = object(&[
            ("state", state.borrow().clone()),
            ("report", report),
            ("has_token", has_token()),
        ]);
    }
}

/// Starts the relay: enables the board's controls and runs an action for each one used.
pub fn start(relay: Config) {
    let state = JSON::parse(&relay.state).unwrap_or(JsValue::NULL);
    let state = Rc::new(RefCell::new(state));
    let relay = Rc::new(relay);
    let busy = Rc::new(Cell::new(false));
    set_ready(&relay, true);
    // On the document, not the board: each step replaces the board's element.
    let on_event = {
        let relay = relay.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(target) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            // Buttons act on click, radios on change (a click on a radio also fires one).
            let wanted = if event.type_() == "click" {
                "button[data-relay-action]"
            } else {
                "input[data-relay-action]"
            };
            let Some(control) = target.closest(wanted).ok().flatten() else {
                return;
            };
            let inside = board(&relay).is_some_and(|b| b.contains(Some(&control)));
            let Some(action) = control
                .get_attribute("data-relay-action")
                .filter(|_| inside)
            else {
                return;
            };
            if busy.replace(true) {
                return;
            }
            let trigger = control.id();
            set_ready(&relay, false);
            let (relay, state, busy) = (relay.clone(), state.clone(), busy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                run(relay, state, action, trigger).await;
                busy.set(false);
            });
        })
    };
    if let Some(doc) = document() {
        for kind in ["click", "change"] {
            let _ = doc.add_event_listener_with_callback(kind, on_event.as_ref().unchecked_ref());
        }
    }
    // The listener lives as long as the page.
    on_event.forget();
}
