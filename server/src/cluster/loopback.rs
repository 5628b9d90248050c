//! The HTTP client between the lab server and its nodes, and between nodes: HTTP/1.1 over
//! loopback with kept-alive connections and short timeouts, since a node that does not
//! answer quickly is, for a balancer, a node that is down.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{
    body::{Body, Bytes},
    http::{HeaderValue, Method, Request, Response, StatusCode},
};
use http_body_util::BodyExt;
use hyper_util::{
    client::legacy::{connect::HttpConnector, Client},
    rt::TokioExecutor,
};
use serde::{de::DeserializeOwned, Serialize};

use super::SECRET_HEADER;

/// How long a node may take to accept a connection before the balancer tries another.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(300);
/// How long a whole request to a node may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// Why a call to a node failed.
#[derive(Debug)]
pub enum LoopbackError {
    /// Nothing accepted the connection: the request never reached a node, so it is safe
    /// to send it to another.
    Unreachable(String),
    /// The node took the request but failed or timed out on it.
    Failed(String),
    /// The node answered with an error status.
    Status(StatusCode, Bytes),
}

impl std::fmt::Display for LoopbackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unreachable(why) => write!(f, "not reachable: {why}"),
            Self::Failed(why) => write!(f, "failed: {why}"),
            Self::Status(status, body) => {
                write!(f, "answered {status}: {}", String::from_utf8_lossy(body))
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct Loopback {
    client: Client<HttpConnector, Body>,
    secret: Arc<str>,
}

impl Loopback {
    /// A client that proves itself to nodes with `secret`.
    pub fn new(secret: &str) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(CONNECT_TIMEOUT));
        connector.set_nodelay(true);
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(connector);
        Self {
            client,
            secret: secret.into(),
        }
    }

    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// Sends a prepared request as it is.
    pub async fn send(&self, request: Request<Body>) -> Result<Response<Body>, LoopbackError> {
        match tokio::time::timeout(REQUEST_TIMEOUT, self.client.request(request)).await {
            Err(_) => Err(LoopbackError::Failed("timed out".into())),
            Ok(Err(err)) if err.is_connect() => Err(LoopbackError::Unreachable(err.to_string())),
            Ok(Err(err)) => Err(LoopbackError::Failed(err.to_string())),
            Ok(Ok(response)) => Ok(response.map(Body::new)),
        }
    }

    /// A call to one of the cluster's internal endpoints, with the secret, a JSON body if
    /// given, and the whole answer read. Any non-2xx status is an error.
    pub async fn call(
        &self,
        method: Method,
        addr: SocketAddr,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<Bytes, LoopbackError> {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("http://{addr}{path}"))
            .header(
                SECRET_HEADER,
                HeaderValue::from_str(&self.secret)
                    .map_err(|e| LoopbackError::Failed(e.to_string()))?,
            );
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        let request = request
            .body(body.map_or_else(Body::empty, Body::from))
            .map_err(|e| LoopbackError::Failed(e.to_string()))?;
        let response = self.send(request).await?;
        let status = response.status();
        let bytes = tokio::time::timeout(REQUEST_TIMEOUT, response.into_body().collect())
            .await
            .map_err(|_| LoopbackError::Failed("timed out reading the answer".into()))?
            .map_err(|e| LoopbackError::Failed(e.to_string()))?
            .to_bytes();
        if status.is_success() {
            Ok(bytes)
        } else {
            Err(LoopbackError::Status(status, bytes))
        }
    }

    /// [`Self::call`] with a JSON body in and a JSON answer out.
    pub async fn json<T: DeserializeOwned>(
        &self,
        method: Method,
        addr: SocketAddr,
        path: &str,
        body: Option<&impl Serialize>,
    ) -> Result<T, LoopbackError> {
        let body = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|e| LoopbackError::Failed(e.to_string()))?;
        let bytes = self.call(method, addr, path, body).await?;
        serde_json::from_slice(&bytes).map_err(|e| LoopbackError::Failed(e.to_string()))
    }
}
