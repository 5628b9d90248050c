//! The relay's browser side: catches the board's controls, runs the step loop against the
//! server, swaps each drawing in, and does what a step asks of the browser (keep or drop
//! the token, open a page, write a cookie as a script would). No serde here: the steps are
//! read and written with the browser's own JSON, which keeps the bundle small.

use std::{
    cell::{Cell, RefCell},
    collections::HashMap,
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

/// What the relay holds between steps: the lab's state as the server last wrote it, and
/// the drawing of each region it last put in (a region drawn the same is left alone).
struct Relay {
    config: Config,
    state: RefCell<JsValue>,
    regions: RefCell<HashMap<String, String>>,
    busy: Cell<bool>,
}

/// The controls the relay runs and the fields it reads; both wait while a step runs.
const CONTROLS: &str = "[data-relay-action], [data-relay-field]";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

impl Relay {
    fn board(&self) -> Option<web_sys::Element> {
        document()?.get_element_by_id(&self.config.board)
    }

    fn all(&self, selector: &str) -> Vec<web_sys::Element> {
        let Some(list) = self
            .board()
            .and_then(|b| b.query_selector_all(selector).ok())
        else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
            .collect()
    }

    /// Enables or disables the board's controls (the server drew them disabled until this
    /// script runs, and draws them disabled while an action still has requests to send).
    /// A control the state rules out (`data-relay-off`) stays disabled.
    fn set_ready(&self, ready: bool) {
        if let Some(board) = self.board() {
            let _ = board.set_attribute("aria-busy", if ready { "false" } else { "true" });
        }
        for control in self.all(CONTROLS) {
            let _ = if ready && !control.has_attribute("data-relay-off") {
                control.remove_attribute("disabled")
            } else {
                control.set_attribute("disabled", "")
            };
        }
    }

    /// Shows the board's own error banner, in the page's language (the server put the
    /// words in its `data-relay-error`), or hides it again.
    fn show_failure(&self, shown: bool) {
        for banner in self.all("[data-relay-error]") {
            if shown {
                let text = banner.get_attribute("data-relay-error");
                banner.set_text_content(text.as_deref());
                let _ = banner.remove_attribute("hidden");
            } else {
                let _ = banner.set_attribute("hidden", "");
            }
        }
    }

    /// The form fields' values, by name (`data-relay-field`): a checkbox's as a boolean.
    fn fields(&self) -> Option<JsValue> {
        let fields = self.all("[data-relay-field]");
        if fields.is_empty() {
            return None;
        }
        let values = fields.iter().filter_map(|field| {
            let name = field.get_attribute("data-relay-field")?;
            let value = if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
                if input.type_() == "checkbox" {
                    JsValue::from(input.checked())
                } else {
                    JsValue::from(input.value())
                }
            } else if let Some(select) = field.dyn_ref::<web_sys::HtmlSelectElement>() {
                JsValue::from(select.value())
            } else {
                JsValue::from(field.dyn_ref::<web_sys::HtmlTextAreaElement>()?.value())
            };
            Some((name, value))
        });
        let object = Object::new();
        for (name, value) in values {
            let _ = Reflect::set(&object, &JsValue::from_str(&name), &value);
        }
        Some(object.into())
    }

    /// Puts a step's drawing in place. A board drawn in regions (`data-relay-region`) has
    /// only the regions that changed replaced, so a frame that did not change is not
    /// loaded again; any other board is replaced whole.
    fn swap(&self, html: &str) {
        let Some(old) = self.board() else { return };
        let Some(doc) = document() else { return };
        let template = doc
            .create_element("template")
            .ok()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTemplateElement>().ok());
        let Some(template) = template else { return };
        template.set_inner_html(html);
        let Ok(parts) = template.content().query_selector_all("[data-relay-region]") else {
            return;
        };
        if parts.length() == 0 {
            old.set_outer_html(html);
            return;
        }
        let mut regions = self.regions.borrow_mut();
        for i in 0..parts.length() {
            let Some(part) = parts
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let (id, drawn) = (part.id(), part.outer_html());
            if regions.get(&id) == Some(&drawn) {
                continue;
            }
            if let Some(live) = doc.get_element_by_id(&id) {
                live.set_outer_html(&drawn);
                regions.insert(id, drawn);
            }
        }
    }

    fn save(&self) {
        if self.resumes() {
            if let Some(json) = JSON::stringify(&self.state.borrow())
                .ok()
                .and_then(|s| s.as_string())
            {
                client::keep_session_value(&self.saved_key(), &json);
            }
        }
    }

    /// Whether the board keeps its state for a reload of this tab (`data-relay-resume`).
    fn resumes(&self) -> bool {
        self.board()
            .is_some_and(|b| b.has_attribute("data-relay-resume"))
    }

    fn saved_key(&self) -> String {
        format!("auth_lab.relay.{}", self.config.board)
    }

    fn has_token(&self) -> JsValue {
        JsValue::from(client::load_token_at(&self.config.token_key).is_some())
    }
}

/// Focuses the control `id` again if a redraw or disabling it dropped the focus to the page.
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

/// The id of the focused element, when it is inside the board.
fn focused_in(board: Option<web_sys::Element>) -> Option<String> {
    let active = document()?.active_element()?;
    board?
        .contains(Some(&active))
        .then(|| active.id())
        .filter(|id| !id.is_empty())
}

fn field(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        if !value.is_undefined() {
            let _ = Reflect::set(&object, &JsValue::from_str(name), value);
        }
    }
    object.into()
}

fn text_or_null(text: Option<String>) -> JsValue {
    text.map_or(JsValue::NULL, |s| JsValue::from_str(&s))
}

/// Sends the request a step asked for (after its wait, if any) and describes its answer
/// (status 0: none came, or it was only a wait).
async fn send(relay: &Relay, request: &JsValue) -> JsValue {
    if let Some(ms) = field(request, "wait_ms").as_f64() {
        client::sleep_ms(ms as i32).await;
    }
    let method = field(request, "method").as_string().unwrap_or_default();
    let path = field(request, "path").as_string().unwrap_or_default();
    if path.is_empty() {
        return object(&[("status", JsValue::from(0))]);
    }
    let body = field(request, "body").as_string();
    let token = field(request, "bearer_token").as_string().or_else(|| {
        field(request, "bearer")
            .is_truthy()
            .then(|| client::load_token_at(&relay.config.token_key))
            .flatten()
    });
    let exchange = client::fetch_json(&method, &path, body.as_deref(), token.as_deref()).await;
    let (status, served_by, text, trace_id) = match exchange {
        Ok(e) => (e.status, e.served_by, e.text, e.trace_id),
        Err(_) => (0, None, String::new(), None),
    };
    object(&[
        ("status", JsValue::from(status)),
        ("served_by", text_or_null(served_by)),
        ("body", JsValue::from_str(&text)),
        ("trace_id", text_or_null(trace_id)),
    ])
}

/// Posts one step; its answer, parsed, or `None` when the step itself failed.
async fn post_step(relay: &Relay, step: &JsValue) -> Option<JsValue> {
    let body = JSON::stringify(step).ok()?.as_string()?;
    let exchange = client::fetch_json("POST", &relay.config.endpoint, Some(&body), None)
        .await
        .ok()?;
    if !(200..300).contains(&exchange.status) {
        return None;
    }
    JSON::parse(&exchange.text).ok()
}

/// Does what an answer asks of the browser besides sending: the token, a page to open,
/// a cookie to write. Returns whether the page opened, when one was asked for.
fn effects(relay: &Relay, answer: &JsValue) -> JsValue {
    if let Some(token) = field(answer, "store_token").as_string() {
        let _ = client::store_token_at(&relay.config.token_key, &token);
    }
    if field(answer, "delete_token").is_truthy() {
        client::delete_token_at(&relay.config.token_key);
    }
    if let Some(line) = field(answer, "cookie").as_string() {
        client::set_document_cookie(&line);
    }
    match field(answer, "open").as_string() {
        Some(url) => JsValue::from(client::open_window(&url)),
        None => JsValue::UNDEFINED,
    }
}

/// Runs one action to its end: the step, the request it asks for, the next step...
/// `trigger` is the control that started it (`None` for a resume). Returns whether every
/// step went through.
async fn run(relay: Rc<Relay>, action: String, trigger: Option<web_sys::Element>) -> bool {
    let token = trigger
        .as_ref()
        .filter(|c| c.has_attribute("data-relay-token"))
        .map(|_| text_or_null(client::load_token_at(&relay.config.token_key)));
    let fields = trigger.as_ref().and_then(|_| relay.fields());
    let trigger = trigger.map(|c| c.id()).unwrap_or_default();
    relay.show_failure(false);
    let mut step = object(&[
        ("state", relay.state.borrow().clone()),
        ("action", JsValue::from_str(&action)),
        ("has_token", relay.has_token()),
        ("fields", fields.unwrap_or(JsValue::UNDEFINED)),
        ("token", token.unwrap_or(JsValue::UNDEFINED)),
    ]);
    loop {
        // A step that failed, or answered without a board to show, ends the action.
        let answer = post_step(&relay, &step).await;
        let html = answer.as_ref().and_then(|a| field(a, "html").as_string());
        let (Some(answer), Some(html)) = (answer, html) else {
            // Abandoned where it stopped: the state no longer waits for a report, so the
            // next click starts afresh instead of being refused as busy.
            let _ = Reflect::set(
                &relay.state.borrow(),
                &JsValue::from_str("doing"),
                &JsValue::NULL,
            );
            relay.set_ready(true);
            relay.show_failure(true);
            refocus(&trigger);
            return false;
        };
        let opened = effects(&relay, &answer);
        *relay.state.borrow_mut() = field(&answer, "state");
        relay.save();
        let focused = focused_in(relay.board());
        relay.swap(&html);
        let request = field(&answer, "send");
        let finished = request.is_null() || request.is_undefined();
        if finished {
            relay.set_ready(true);
        }
        // Focus stays where it was, or goes back to the control that started the action
        // when the redraw or the wait took it away.
        refocus(focused.as_deref().unwrap_or(&trigger));
        if finished {
            return true;
        }
        let report = send(&relay, &request).await;
        if !opened.is_undefined() {
            let _ = Reflect::set(&report, &JsValue::from_str("opened"), &opened);
        }
        step = object(&[
            ("state", relay.state.borrow().clone()),
            ("report", report),
            ("has_token", relay.has_token()),
        ]);
    }
}

/// Starts an action unless one is under way.
fn begin(relay: &Rc<Relay>, action: String, trigger: Option<web_sys::Element>) {
    if relay.busy.replace(true) {
        return;
    }
    relay.set_ready(false);
    let relay = relay.clone();
    wasm_bindgen_futures::spawn_local(async move {
        run(relay.clone(), action, trigger).await;
        relay.busy.set(false);
    });
}

/// Resumes from the state this tab kept; if the server refuses it (kept by an older
/// version of the page, or edited), forgets it and resumes from the page's own state.
fn resume(relay: &Rc<Relay>, saved: JsValue) {
    relay.busy.set(true);
    relay.set_ready(false);
    let fresh = relay.state.replace(saved);
    let relay = relay.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if !run(relay.clone(), "resume".into(), None).await {
            client::forget_session_value(&relay.saved_key());
            *relay.state.borrow_mut() = fresh;
            relay.set_ready(false);
            if run(relay.clone(), "resume".into(), None).await {
                relay.show_failure(false);
            }
        }
        relay.busy.set(false);
    });
}

/// Starts the relay: enables the board's controls and runs an action for each one used.
pub fn start(config: Config) {
    let state = JSON::parse(&config.state).unwrap_or(JsValue::NULL);
    let relay = Rc::new(Relay {
        config,
        state: RefCell::new(state),
        regions: RefCell::new(HashMap::new()),
        busy: Cell::new(false),
    });
    // A board that resumes is drawn once more as soon as the relay runs: with the state
    // this tab kept, if it was loaded before (its loot, its results, nothing left under
    // way), and in any case with what only the browser knows, such as a stored token.
    if relay.resumes() {
        let saved = client::session_value(&relay.saved_key())
            .and_then(|json| JSON::parse(&json).ok())
            .filter(JsValue::is_object);
        match saved {
            Some(saved) => {
                let _ = Reflect::set(&saved, &JsValue::from_str("doing"), &JsValue::NULL);
                resume(&relay, saved);
            }
            None => begin(&relay, "resume".into(), None),
        }
    } else {
        relay.set_ready(true);
    }
    // On the document, not the board: each step replaces parts of the board.
    let on_event = {
        let relay = relay.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(target) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            // Buttons act on click, radios and selects on change (a click on a radio also
            // fires one).
            let wanted = if event.type_() == "click" {
                "button[data-relay-action]"
            } else {
                "input[data-relay-action], select[data-relay-action]"
            };
            let Some(control) = target.closest(wanted).ok().flatten() else {
                return;
            };
            let inside = relay.board().is_some_and(|b| b.contains(Some(&control)));
            let Some(action) = control
                .get_attribute("data-relay-action")
                .filter(|_| inside)
            else {
                return;
            };
            begin(&relay, action, Some(control));
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
