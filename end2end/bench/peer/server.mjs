// The peer Auth Lab is measured against: what most tutorials build with Node. It answers
// the same /api endpoints as the Rust server with the same meaning, so `make bench` can
// load both with identical requests.
//
// - Session mode: express-session with its MemoryStore, resave:false and
//   saveUninitialized:false. The idle expiry slides through express-session's own touch().
// - Token mode: jsonwebtoken HS256, signed and verified with a KeyObject secret (a plain
//   string secret is many times slower in jsonwebtoken 9 and would make the peer look worse
//   than it is), plus an in-memory jti deny-list.
// - Passwords: Argon2id with the server's parameters (19 MiB, t=2, p=1), from @node-rs/argon2.
//
// Settings come from the environment: PEER_ADDR (host:port), PEER_TOKEN_KEY (base64url,
// 32 bytes or more; the bench gives both servers the same one), PEER_SEED_SESSIONS (logged-in
// sessions to create at start-up, for the memory figures).

import { createSecretKey, randomBytes, randomUUID } from "node:crypto";

import { hash as argonHash, verify as argonVerify } from "@node-rs/argon2";
import express from "express";
import session from "express-session";
import jwt from "jsonwebtoken";

const ISSUER = "auth-lab";
const AUDIENCE = "auth-lab-api";
const IDLE_SECS = 15 * 60;
const ABSOLUTE_SECS = 8 * 60 * 60;
const TOKEN_SECS = 15 * 60;
const LEEWAY_SECS = 5;
const COOKIE = "auth_lab_sid";

const [host, port] = (process.env.PEER_ADDR ?? "127.0.0.1:3300").split(":");
const keyBytes = process.env.PEER_TOKEN_KEY
  ? Buffer.from(process.env.PEER_TOKEN_KEY, "base64url")
  : randomBytes(32);
if (keyBytes.length < 32) throw new Error("PEER_TOKEN_KEY needs at least 32 bytes");
const tokenKey = createSecretKey(keyBytes);

// algorithm 2 is Argon2id (the package exports its enum for TypeScript only).
const argonOptions = { algorithm: 2, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };
const accounts = new Map();
for (const [username, password, role] of [
  ["alice", "wonderland", "admin"],
  ["bob", "builder", "user"],
]) {
  accounts.set(username, { role, hash: await argonHash(password, argonOptions) });
}
const dummyHash = await argonHash("not-a-real-password-only-burns-time", argonOptions);

const now = () => Math.floor(Date.now() / 1000);
const denied = new Map(); // jti -> exp

function refuse(res, status, error, reason, message) {
  res.status(status).json({ error, reason, message });
}

async function checkPassword(body) {
  const username = typeof body?.username === "string" ? body.username : "";
  const password = typeof body?.password === "string" ? body.password : "";
  const account = accounts.get(username);
  const ok = await argonVerify(account?.hash ?? dummyHash, password);
  return ok && account ? { username, role: account.role } : null;
}

const store = new session.MemoryStore();
const app = express();
app.disable("x-powered-by");
app.use("/api", (_req, res, next) => {
  res.set("Cache-Control", "no-store");
  next();
});
app.use(express.json({ limit: "4kb" }));
app.use(
  session({
    name: COOKIE,
    secret: randomBytes(32).toString("hex"),
    store,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: "lax", path: "/", maxAge: IDLE_SECS * 1000 },
  }),
);

app.get("/api/health", (_req, res) => res.json({ status: "ok" }));

function sessionTimes(sess) {
  const idle = Math.floor(sess.cookie.expires.getTime() / 1000);
  return {
    idle_expires_at: Math.min(idle, sess.absolute_expires_at),
    absolute_expires_at: sess.absolute_expires_at,
  };
}

app.post("/api/session/login", async (req, res, next) => {
  const user = await checkPassword(req.body);
  if (!user) return refuse(res, 401, "invalid_credentials", null, "Wrong username or password.");
  // A fresh ID at login, as the Rust server does.
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.user = user;
    req.session.absolute_expires_at = now() + ABSOLUTE_SECS;
    res.json({ ...user, mode: "session", ...sessionTimes(req.session) });
  });
});

app.get("/api/session/me", (req, res) => {
  const sess = req.session;
  if (!sess.user) {
    const reason = req.headers.cookie ? "unknown_session" : "no_cookie";
    return refuse(res, 401, "unauthenticated", reason, "The server has no session for this cookie.");
  }
  if (now() >= sess.absolute_expires_at) {
    return sess.destroy(() => refuse(res, 401, "unauthenticated", "expired", "The session ended."));
  }
  res.json({ ...sess.user, ...sessionTimes(sess) });
});

app.post("/api/session/logout", (req, res, next) => {
  const existed = Boolean(req.session.user);
  req.session.destroy((err) => {
    if (err) return next(err);
    res.clearCookie(COOKIE, { path: "/" });
    res.json({ mode: "session", server_state_changed: existed });
  });
});

app.post("/api/token/login", async (req, res) => {
  const user = await checkPassword(req.body);
  if (!user) return refuse(res, 401, "invalid_credentials", null, "Wrong username or password.");
  const jti = randomUUID();
  const accessToken = jwt.sign({ role: user.role }, tokenKey, {
    algorithm: "HS256",
    subject: user.username,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: TOKEN_SECS,
    notBefore: 0,
    jwtid: jti,
    header: { typ: "JWT" },
  });
  res.json({
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: TOKEN_SECS,
    expires_at: now() + TOKEN_SECS,
    leeway_secs: LEEWAY_SECS,
  });
});

function bearer(req, res) {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("Bearer ")) {
    refuse(res, 401, "unauthenticated", "no_token", "No bearer token was sent.");
    return null;
  }
  try {
    const claims = jwt.verify(header.slice(7), tokenKey, {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      clockTolerance: LEEWAY_SECS,
    });
    const deniedUntil = denied.get(claims.jti);
    if (deniedUntil !== undefined && deniedUntil > now()) {
      refuse(res, 401, "unauthenticated", "revoked", "This token was revoked.");
      return null;
    }
    return claims;
  } catch (err) {
    const reason =
      err.name === "TokenExpiredError"
        ? "expired"
        : err.message === "invalid signature"
          ? "bad_signature"
          : "malformed";
    refuse(res, 401, "unauthenticated", reason, err.message);
    return null;
  }
}

app.get("/api/token/me", (req, res) => {
  const claims = bearer(req, res);
  if (claims) res.json({ username: claims.sub, role: claims.role, exp: claims.exp, jti: claims.jti });
});

app.post("/api/token/logout", (req, res) => {
  const claims = bearer(req, res);
  if (!claims) return;
  const revoke = req.body?.revoke === true;
  if (revoke) denied.set(claims.jti, claims.exp);
  res.json({ mode: "token", server_state_changed: revoke });
});

app.use("/api", (_req, res) => refuse(res, 404, "not_found", null, "There is no API endpoint at this path."));
app.use((err, _req, res, _next) => {
  const status = err.status ?? 500;
  refuse(res, status, status < 500 ? "bad_request" : "internal", null, err.message);
});

// Seeding writes records straight into the MemoryStore, shaped exactly as a login leaves
// them, so the memory figures need no thousands of Argon2 logins.
const seed = Number(process.env.PEER_SEED_SESSIONS ?? 0);
for (let i = 0; i < seed; i += 1) {
  const expires = new Date(Date.now() + IDLE_SECS * 1000);
  store.sessions[randomBytes(24).toString("base64url")] = JSON.stringify({
    cookie: { originalMaxAge: IDLE_SECS * 1000, expires, httpOnly: true, path: "/", sameSite: "lax" },
    user: { username: "alice", role: "admin" },
    absolute_expires_at: now() + ABSOLUTE_SECS,
  });
}

app.listen(Number(port), host, () => {
  console.log(`peer listening on http://${host}:${port} with ${seed} seeded sessions`);
});
