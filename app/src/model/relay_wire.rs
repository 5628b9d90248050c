//! What a relay step and the browser's relay say to each other, for every lab drawn on the
//! server: the request a step asks the browser to send, the browser's report of its answer,
//! and what becomes of the stored token. The labs' own step rules build on these.

use serde::{Deserialize, Serialize};

use crate::api::ErrorBody;

/// What the browser saw of the request a step asked for. `status` 0 is a request that
/// never got an answer (or a wait, which sends none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub status: u16,
    /// `x-served-by`: the node that answered, for requests through the balancer.
    #[serde(default)]
    pub served_by: Option<String>,
    #[serde(default)]
    pub body: String,
    /// `x-trace-id`: the server's record of the request, for the steps that show it.
    #[serde(default)]
    pub trace_id: Option<String>,
    /// Whether the browser opened the page the step asked it to open (a popup blocker may
    /// refuse); absent when the step asked for none.
    #[serde(default)]
    pub opened: Option<bool>,
    /// How long the browser waited for the answer, in milliseconds.
    #[serde(default)]
    pub duration_ms: Option<f64>,
}

impl Report {
    pub(crate) fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// What went wrong, as a code: the refusal's (`reason`, else `error`), `network` when
    /// no answer came, `unreadable` for a body that is not the JSON it should be.
    pub(crate) fn refusal(&self) -> Option<String> {
        if self.ok() {
            let json = serde_json::from_str::<serde::de::IgnoredAny>(&self.body).is_ok();
            return (!json).then(|| UNREADABLE.into());
        }
        if self.status == 0 {
            return Some("network".into());
        }
        Some(match serde_json::from_str::<ErrorBody>(&self.body) {
            Ok(body) => body.reason.unwrap_or(body.error),
            Err(_) => UNREADABLE.into(),
        })
    }

    /// The answer's body as `T`, when the request succeeded and the body is one.
    pub(crate) fn answer<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        self.ok()
            .then(|| serde_json::from_str(&self.body).ok())
            .flatten()
    }
}

pub(crate) const UNREADABLE: &str = "unreadable";

/// A request for the browser to send, exactly as the learner's page would.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outgoing {
    pub method: &'static str,
    /// Empty for a wait: the browser sends nothing and reports status 0.
    pub path: String,
    pub body: Option<String>,
    /// Send the token localStorage holds as `Authorization: Bearer`.
    pub bearer: bool,
    /// Send this token as `Authorization: Bearer` instead (an edited one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bearer_token: Option<String>,
    /// Wait this long before sending (or, for a wait, before reporting).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_ms: Option<u32>,
    /// Drop the stored token once the request is sent, whatever comes back (a token
    /// logout: the page forgets its token even if no answer or report gets through).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub forget_token: bool,
}

impl Outgoing {
    pub(crate) fn new(method: &'static str, path: impl Into<String>, body: Option<&str>) -> Self {
        Self {
            method,
            path: path.into(),
            body: body.map(str::to_owned),
            bearer: false,
            bearer_token: None,
            wait_ms: None,
            forget_token: false,
        }
    }

    pub(crate) fn with_bearer(self) -> Self {
        Self {
            bearer: true,
            ..self
        }
    }

    /// Nothing to send: the browser waits `ms` and reports back.
    pub(crate) fn wait(ms: u32) -> Self {
        Self {
            wait_ms: Some(ms),
            ..Self::new("GET", "", None)
        }
    }
}

/// Why a lab refused a step; the API answers 400 (409 for `Busy`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepError {
    /// An action the lab does not have.
    UnknownAction(String),
    /// A new action while another one still waits for its answers.
    Busy,
    /// A report nothing asked for, or neither an action nor a report.
    NothingAsked,
    /// A state kept by another lab page than the one that got the step.
    WrongLab,
}

/// What the browser does with its stored token after a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenChange {
    Keep,
    Store(String),
    Delete,
}

/// A token change as a step's answer spells it, and whether the browser holds a token
/// after it (`had_token`: whether it held one when the step was sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenEffect {
    pub store_token: Option<String>,
    pub delete_token: bool,
    pub has_token: bool,
}

impl TokenChange {
    pub fn effect(self, had_token: bool) -> TokenEffect {
        let (store_token, delete_token, has_token) = match self {
            Self::Keep => (None, false, had_token),
            Self::Store(token) => (Some(token), false, true),
            Self::Delete => (None, true, false),
        };
        TokenEffect {
            store_token,
            delete_token,
            has_token,
        }
    }
}
