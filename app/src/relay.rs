//! The relay's browser side: catches the board's controls, runs the step loop against the
//! server, swaps each drawing in, and does what a step asks of the browser (keep or drop
//! the token, open a page, write a cookie as a script would). It also ticks the board's
//! countdowns, asks for a redraw when an expiry the board names passes, and passes on the
//! server's event feed. No serde here: the steps are read and written with the browser's
//! own JSON, which keeps the bundle small.

use std::{
    cell::{Cell, RefCell},
    collections::{HashMap, VecDeque},
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
    /// Whether the step under way is one no control started (a feed report, a redraw):
    /// the controls stay usable, and a click waits for it instead of being lost.
    background: Cell<bool>,
    /// A click that came during a background step, with the fields as they were then: it
    /// runs as soon as that step ends, before any other.
    waiting: RefCell<Option<Queued>>,
    /// Background steps that came while another ran (the feed's reports, expiry redraws),
    /// in order: what to run and its fields.
    queued: RefCell<VecDeque<(String, JsValue)>>,
    /// When the countdowns last ticked, in Unix seconds.
    ticked: Cell<i64>,
    /// Why the browser refused to store the token a step handed it, until the next step
    /// reports it.
    storage_error: RefCell<Option<String>>,
}

type Queued = (String, JsValue, Option<web_sys::Element>);

/// How many background steps may wait; past it, the oldest is dropped (a redraw shows the
/// store as it is anyway, though a dropped feed report's row is lost).
const QUEUE_LIMIT: usize = 32;

/// How many feed reports one step carries: those that wait together go together.
const FEED_BATCH: usize = 20;

/// The controls the relay runs (a relayed form's own buttons among them) and the fields it
/// reads; all wait while a step runs.
const CONTROLS: &str = "[data-relay-action]:not(form), form[data-relay-action] button, \
                        [data-relay-field], [data-relay-preset]";

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

    /// Sets a field before its form is read (`data-relay-preset="name=value"` on the button
    /// that sent it), where the learner can see it: the expiry demo's short lifetime.
    fn preset(&self, preset: &str) {
        let Some((name, value)) = preset.split_once('=') else {
            return;
        };
        for field in self.all(&format!("[data-relay-field=\"{name}\"]")) {
            if let Some(select) = field.dyn_ref::<web_sys::HtmlSelectElement>() {
                select.set_value(value);
            } else if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
                input.set_value(value);
            }
        }
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
            match doc.get_element_by_id(&id) {
                Some(live) if live.has_attribute("aria-live") => refill(&live, &part),
                Some(live) => {
                    let typed = typed_in(&live);
                    live.set_outer_html(&drawn);
                    retype(&doc, typed);
                }
                None => insert(&doc, &part),
            }
            regions.insert(id, drawn);
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

    fn reports_browser(&self) -> bool {
        self.board()
            .is_some_and(|b| b.has_attribute("data-relay-browser"))
    }

    /// What only the browser knows, for a board that asks (`data-relay-browser`): what a
    /// script sees in `document.cookie` and in the token's storage, and the time zone.
    fn browser(&self) -> JsValue {
        // Reported once, to a board that asks.
        let storage_error = self.storage_error.borrow_mut().take();
        if !self.reports_browser() {
            return JsValue::UNDEFINED;
        }
        let offset = -js_sys::Date::new_0().get_timezone_offset();
        object(&[
            ("cookie", JsValue::from_str(&client::document_cookie())),
            // As stored (JSON), the way the server reads it.
            (
                "storage",
                text_or_null(client::raw_entry_at(&self.config.token_key)),
            ),
            ("offset_min", JsValue::from(offset)),
            ("storage_error", text_or_null(storage_error)),
        ])
    }

    /// Writes each countdown of the board for this second (the server drew the words in
    /// its `data-countdown-words`), and asks for a redraw when an expiry the board names
    /// (`data-relay-due`) has just passed.
    fn tick(relay: &Rc<Self>) {
        let now = client::now();
        for countdown in relay.all("[data-countdown-to]") {
            let Some(to) = countdown
                .get_attribute("data-countdown-to")
                .and_then(|t| t.parse::<i64>().ok())
            else {
                continue;
            };
            let words = countdown
                .get_attribute("data-countdown-words")
                .unwrap_or_default();
            let words: Vec<&str> = words.split('|').collect();
            let text = countdown_text(&words, to - now);
            if let Ok(Some(shown)) = countdown.query_selector("[data-countdown-text]") {
                if shown.text_content().as_deref() != Some(text.as_str()) {
                    shown.set_text_content(Some(&text));
                }
            }
            if let Some(over) = countdown.get_attribute("data-countdown-over") {
                let _ = countdown.class_list().toggle_with_force(&over, to <= now);
            }
        }
        let before = relay.ticked.replace(now);
        let passed = relay.all("[data-relay-due]").iter().any(|due| {
            due.get_attribute("data-relay-due")
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|t| t.parse::<i64>().ok())
                .any(|t| before < t && t <= now)
        });
        if passed && before > 0 {
            queue(relay, "tick", JsValue::UNDEFINED);
        }
    }
}

/// A countdown's words for `left` seconds: `words` is expired, seconds, minutes, hours.
fn countdown_text(words: &[&str], left: i64) -> String {
    let word = |i: usize| words.get(i).copied().unwrap_or_default();
    let two = |n: i64| format!("{n:02}");
    match left {
        ..=0 => word(0).to_owned(),
        1..=59 => word(1).replace("{s}", &left.to_string()),
        60..=3599 => word(2)
            .replace("{m}", &(left / 60).to_string())
            .replace("{s}", &two(left % 60)),
        _ => word(3)
            .replace("{h}", &(left / 3600).to_string())
            .replace("{m}", &two(left % 3600 / 60)),
    }
}

/// What the reader typed or chose in the fields of a region that keep it across a redraw
/// (`data-relay-keep`: the login form's), by id.
fn typed_in(region: &web_sys::Element) -> Vec<(String, String)> {
    let Ok(list) = region.query_selector_all("[data-relay-keep][id]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|field| {
            let value = if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
                // A box keeps whether it is ticked.
                if input.type_() == "checkbox" {
                    input.checked().to_string()
                } else {
                    input.value()
                }
            } else {
                field.dyn_ref::<web_sys::HtmlSelectElement>()?.value()
            };
            Some((field.id(), value))
        })
        .collect()
}

fn retype(doc: &web_sys::Document, typed: Vec<(String, String)>) {
    for (id, value) in typed {
        let Some(field) = doc.get_element_by_id(&id) else {
            continue;
        };
        if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
            if input.type_() == "checkbox" {
                input.set_checked(value == "true");
            } else {
                input.set_value(&value);
            }
        } else if let Some(select) = field.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.set_value(&value);
        }
    }
}

/// Redraws a live region in place: a screen reader announces the new words of the element
/// it knows, not a new element put in its place.
fn refill(live: &web_sys::Element, drawn: &web_sys::Element) {
    let names = live.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        if !drawn.has_attribute(&name) {
            let _ = live.remove_attribute(&name);
        }
    }
    let names = drawn.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        if let Some(value) = drawn.get_attribute(&name) {
            let _ = live.set_attribute(&name, &value);
        }
    }
    live.set_inner_html(&drawn.inner_html());
}

/// Puts a region the page does not have yet (a new row of a list) where the drawing has
/// it: after the region before it, or first in its parent.
fn insert(doc: &web_sys::Document, part: &web_sys::Element) {
    let after = part.previous_element_sibling().and_then(|prev| {
        doc.get_element_by_id(&prev.id())
            .filter(|_| !prev.id().is_empty())
    });
    let node: &web_sys::Node = part.as_ref();
    let Ok(copy) = node.clone_node_with_deep(true) else {
        return;
    };
    if let Some(after) = after {
        let _ = after.after_with_node_1(&copy);
    } else if let Some(parent) = part.parent_element().and_then(|p| {
        doc.get_element_by_id(&p.id())
            .filter(|_| !p.id().is_empty())
    }) {
        let _ = parent.prepend_with_node_1(&copy);
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
    if field(request, "forget_token").is_truthy() {
        client::delete_token_at(&relay.config.token_key);
    }
    // No answer: the browser's own reason goes in the body, for the page to show.
    let (status, served_by, text, trace_id, ms) = match exchange {
        Ok(e) => (e.status, e.served_by, e.text, e.trace_id, e.duration_ms),
        Err(why) => (0, None, why, None, 0.0),
    };
    object(&[
        ("status", JsValue::from(status)),
        ("served_by", text_or_null(served_by)),
        ("body", JsValue::from_str(&text)),
        ("trace_id", text_or_null(trace_id)),
        ("duration_ms", JsValue::from(ms)),
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
        if let Err(why) = client::store_token_at(&relay.config.token_key, &token) {
            *relay.storage_error.borrow_mut() = Some(why);
        }
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

/// Forgets the request a state waits for: its own `doing`, or that of each lab it holds
/// (`/compare` keeps one state per mode). A state without one gains none.
fn abandon(state: &JsValue) {
    let doing = JsValue::from_str("doing");
    let mut states = vec![state.clone()];
    if let Some(object) = state.dyn_ref::<Object>() {
        states.extend(Object::values(object).iter().filter(JsValue::is_object));
    }
    for state in states {
        if Reflect::has(&state, &doing).unwrap_or(false) {
            let _ = Reflect::set(&state, &doing, &JsValue::NULL);
        }
    }
}

/// Runs one action to its end: the step, the request it asks for, the next step...
/// `trigger` is the control that started it (`None` for a resume). Returns whether every
/// step went through.
async fn run(
    relay: Rc<Relay>,
    action: String,
    trigger: Option<web_sys::Element>,
    fields: JsValue,
) -> bool {
    let token = trigger
        .as_ref()
        .filter(|c| c.has_attribute("data-relay-token"))
        .map(|_| text_or_null(client::load_token_at(&relay.config.token_key)));
    let trigger = trigger.map(|c| c.id()).unwrap_or_default();
    // A failed step's alert stays until the learner acts again: a redraw no control
    // started (the event feed's, an expiry's) does not bring the missed answers back.
    if !relay.background.get() {
        relay.show_failure(false);
    }
    let mut step = object(&[
        ("state", relay.state.borrow().clone()),
        ("action", JsValue::from_str(&action)),
        ("has_token", relay.has_token()),
        ("fields", fields),
        ("token", token.unwrap_or(JsValue::UNDEFINED)),
        ("browser", relay.browser()),
    ]);
    loop {
        // A step that failed, or answered without a board to show, ends the action.
        let answer = post_step(&relay, &step).await;
        let html = answer.as_ref().and_then(|a| field(a, "html").as_string());
        let (Some(answer), Some(html)) = (answer, html) else {
            // Abandoned where it stopped: the state no longer waits for a report, so the
            // next click starts afresh instead of being refused as busy.
            abandon(&relay.state.borrow());
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
        } else if !relay.background.get() {
            // The drawing may have put new controls in: they wait too.
            relay.set_ready(false);
        }
        // Focus stays where it was, or goes back to the control that started the action
        // when the redraw or the wait took it away.
        refocus(focused.as_deref().unwrap_or(&trigger));
        if finished {
            return true;
        }
        // Several requests (`/compare`: one per mode) go one after the other, each answer
        // reported in order.
        let (name, report) = if js_sys::Array::is_array(&request) {
            let reports = js_sys::Array::new();
            for one in js_sys::Array::from(&request).iter() {
                reports.push(&send(&relay, &one).await);
            }
            ("reports", JsValue::from(reports))
        } else {
            let report = send(&relay, &request).await;
            if !opened.is_undefined() {
                let _ = Reflect::set(&report, &JsValue::from_str("opened"), &opened);
            }
            ("report", report)
        };
        step = object(&[
            ("state", relay.state.borrow().clone()),
            (name, report),
            ("has_token", relay.has_token()),
            ("browser", relay.browser()),
        ]);
    }
}

/// Starts an action unless one is under way; then the waiting ones, in turn. A control's
/// action takes the form's fields as they are at the click.
fn begin(relay: &Rc<Relay>, action: String, trigger: Option<web_sys::Element>) {
    let fields = trigger
        .as_ref()
        .and_then(|_| relay.fields())
        .unwrap_or(JsValue::UNDEFINED);
    begin_with(relay, action, trigger, fields);
}

fn begin_with(
    relay: &Rc<Relay>,
    action: String,
    trigger: Option<web_sys::Element>,
    fields: JsValue,
) {
    let background = trigger.is_none();
    if relay.busy.get() {
        // A click during a background step runs right after it, and the controls wait
        // until it has (so a second click is not a second action). A click during another
        // action cannot happen, its controls being disabled, and is dropped.
        let mut waiting = relay.waiting.borrow_mut();
        if !background && relay.background.get() && waiting.is_none() {
            *waiting = Some((action, fields, trigger));
            drop(waiting);
            relay.set_ready(false);
        }
        return;
    }
    relay.busy.set(true);
    relay.background.set(background);
    if !background {
        relay.set_ready(false);
    }
    let relay = relay.clone();
    wasm_bindgen_futures::spawn_local(async move {
        run(relay.clone(), action, trigger, fields).await;
        relay.busy.set(false);
        // The browser refused the token the action ended with: a redraw reports why.
        if relay.storage_error.borrow().is_some() && relay.reports_browser() {
            queue(&relay, "resume", JsValue::UNDEFINED);
        } else {
            next_queued(&relay);
        }
    });
}

/// Runs a step that no control started (a feed report, an expiry redraw) now, or after
/// the one under way. Feed reports that wait together go in one step.
fn queue(relay: &Rc<Relay>, action: &str, fields: JsValue) {
    {
        let mut queued = relay.queued.borrow_mut();
        let joined = match queued.back() {
            Some((last, waiting)) if last == "feed" && action == "feed" => {
                let ids = |f: &JsValue| field(f, "trace_id").as_string().unwrap_or_default();
                let (before, new) = (ids(waiting), ids(&fields));
                let room = before.split_whitespace().count() < FEED_BATCH;
                if room {
                    let all = format!("{before} {new}");
                    let _ = Reflect::set(
                        waiting,
                        &JsValue::from_str("trace_id"),
                        &JsValue::from_str(all.trim()),
                    );
                }
                room
            }
            _ => false,
        };
        if !joined {
            if queued.len() >= QUEUE_LIMIT {
                queued.pop_front();
            }
            queued.push_back((action.to_owned(), fields));
        }
    }
    if !relay.busy.get() {
        next_queued(relay);
    }
}

/// Starts what waits: a click first, then the background steps in order.
fn next_queued(relay: &Rc<Relay>) {
    let click = relay.waiting.borrow_mut().take();
    let next = click.or_else(|| {
        let (action, fields) = relay.queued.borrow_mut().pop_front()?;
        Some((action, fields, None))
    });
    if let Some((action, fields, trigger)) = next {
        begin_with(relay, action, trigger, fields);
    }
}

/// Passes the server's event feed on: each request someone else sent (another tab, curl)
/// becomes a `feed` step naming its trace, and the feed's opening one without.
/// `prefixes` are the paths the board lists; the page's own requests are left out.
fn follow_feed(relay: &Rc<Relay>, url: &str, prefixes: Vec<String>) {
    let Ok(source) = web_sys::EventSource::new(url) else {
        return;
    };
    let opened = {
        let relay = relay.clone();
        Closure::<dyn Fn()>::new(move || {
            let fields = object(&[("trace_id", JsValue::from_str(""))]);
            queue(&relay, "feed", fields);
        })
    };
    source.set_onopen(Some(opened.as_ref().unchecked_ref()));
    let own = client::page_id();
    let relay = relay.clone();
    let listener =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Some(trace) = event
                .data()
                .as_string()
                .and_then(|text| JSON::parse(&text).ok())
            else {
                return;
            };
            let path = field(&trace, "path").as_string().unwrap_or_default();
            let page = field(&trace, "page").as_string();
            let wanted = prefixes.iter().any(|p| path.starts_with(p.as_str()));
            if !wanted || page.as_deref() == Some(own.as_str()) {
                return;
            }
            let fields = object(&[("trace_id", field(&trace, "id"))]);
            queue(&relay, "feed", fields);
        });
    let _ = source.add_event_listener_with_callback("trace", listener.as_ref().unchecked_ref());
    // All three live as long as the page: leaving it is a full page load.
    opened.forget();
    listener.forget();
    std::mem::forget(source);
}

/// Resumes from the state this tab kept; if the server refuses it (kept by an older
/// version of the page, or edited), forgets it and resumes from the page's own state.
fn resume(relay: &Rc<Relay>, saved: JsValue) {
    relay.busy.set(true);
    relay.set_ready(false);
    let fresh = relay.state.replace(saved);
    let relay = relay.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if !run(relay.clone(), "resume".into(), None, JsValue::UNDEFINED).await {
            client::forget_session_value(&relay.saved_key());
            *relay.state.borrow_mut() = fresh;
            relay.set_ready(false);
            if run(relay.clone(), "resume".into(), None, JsValue::UNDEFINED).await {
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
        background: Cell::new(false),
        waiting: RefCell::new(None),
        queued: RefCell::new(VecDeque::new()),
        ticked: Cell::new(0),
        storage_error: RefCell::new(None),
    });
    let board = relay.board();
    let has = |name: &str| board.as_ref().is_some_and(|b| b.has_attribute(name));
    // A board that resumes is drawn once more as soon as the relay runs: with the state
    // this tab kept, if it was loaded before (its loot, its results, nothing left under
    // way), and in any case with what only the browser knows, such as a stored token.
    if relay.resumes() {
        let saved = client::session_value(&relay.saved_key())
            .and_then(|json| JSON::parse(&json).ok())
            .filter(JsValue::is_object);
        match saved {
            Some(saved) => {
                abandon(&saved);
                resume(&relay, saved);
            }
            None => begin(&relay, "resume".into(), None),
        }
    } else if has("data-relay-start") {
        // Drawn again at once with what only the browser knows (its cookie jar as scripts
        // see it, its time zone).
        begin(&relay, "resume".into(), None);
    } else {
        relay.set_ready(true);
    }
    if let Some(url) = board
        .as_ref()
        .and_then(|b| b.get_attribute("data-relay-feed"))
    {
        let prefixes = board
            .as_ref()
            .and_then(|b| b.get_attribute("data-relay-feed-paths"))
            .unwrap_or_default();
        let prefixes = prefixes.split_whitespace().map(str::to_owned).collect();
        follow_feed(&relay, &url, prefixes);
    }
    if !relay
        .all("[data-countdown-to], [data-relay-due]")
        .is_empty()
        || has("data-relay-start")
    {
        let ticking = relay.clone();
        let tick = Closure::<dyn Fn()>::new(move || Relay::tick(&ticking));
        if let Some(window) = web_sys::window() {
            let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                250,
            );
        }
        // Ticks as long as the page lives.
        tick.forget();
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
            if event.type_() == "submit" {
                submitted(&relay, &event, target);
                return;
            }
            if event.type_() == "click" && presets(&relay, &target) {
                return;
            }
            // A submit button of a relayed form acts through the form's submit event, after
            // the browser has checked the fields.
            let submits = target
                .closest("button[type=submit]")
                .ok()
                .flatten()
                .and_then(|b| b.closest("form[data-relay-action]").ok().flatten());
            if submits.is_some() {
                return;
            }
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
        for kind in ["click", "change", "submit"] {
            let _ = doc.add_event_listener_with_callback(kind, on_event.as_ref().unchecked_ref());
        }
    }
    // The listener lives as long as the page.
    on_event.forget();
}

/// A relayed form was sent (its submit button, or Enter in a field): the relay runs the
/// action of the button that sent it, else the form's, instead of the page loading.
fn submitted(relay: &Rc<Relay>, event: &web_sys::Event, form: web_sys::Element) {
    let inside = relay.board().is_some_and(|b| b.contains(Some(&form)));
    let Some(action) = form.get_attribute("data-relay-action").filter(|_| inside) else {
        return;
    };
    event.prevent_default();
    let submitter = event
        .dyn_ref::<web_sys::SubmitEvent>()
        .and_then(web_sys::SubmitEvent::submitter)
        .map(web_sys::Element::from);
    let action = submitter
        .as_ref()
        .and_then(|b| b.get_attribute("data-relay-action"))
        .unwrap_or(action);
    begin(relay, action, Some(submitter.unwrap_or(form)));
}

/// A button that sets a field and then sends its form (`data-relay-preset`, the expiry
/// demo): the form goes through the browser's checks and its submit event, as if its own
/// submit button was pressed. Whether the click was one.
fn presets(relay: &Rc<Relay>, target: &web_sys::Element) -> bool {
    let Some(button) = target.closest("button[data-relay-preset]").ok().flatten() else {
        return false;
    };
    let form = button
        .closest("form[data-relay-action]")
        .ok()
        .flatten()
        .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok());
    let (Some(form), Some(preset)) = (form, button.get_attribute("data-relay-preset")) else {
        return false;
    };
    let acting = relay.busy.get() && !relay.background.get();
    if acting || !relay.board().is_some_and(|b| b.contains(Some(&form))) {
        return true;
    }
    relay.preset(&preset);
    let _ = form.request_submit();
    true
}
