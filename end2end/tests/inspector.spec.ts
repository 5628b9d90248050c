import { test, expect, gotoHydrated } from "./fixtures";
import { latestRequest, logIn, statusOf } from "./lab";

test("the inspector shows the response headers that carry the lesson", async ({ page, lang, t, at }) => {
  await gotoHydrated(page, at("/session"));
  await logIn(page, lang, "alice", "wonderland");
  await expect(await statusOf(page, t("outcome.action.log_in"))).toHaveText("200");
  await latestRequest(page).locator("summary").click();
  const headers = latestRequest(page).getByTestId("response-headers");
  // The whole Set-Cookie line, every attribute as sent, with the ID replaced by its hint.
  await expect(headers).toContainText(/set-cookie: auth_lab_sid=<id [0-9a-f]{8}>; HttpOnly; SameSite=Lax; Path=\/; Max-Age=28800/);
  await expect(headers).toContainText("cache-control: no-store");

  await page.getByRole("button", { name: t("lab.actions.logout") }).click();
  await expect(await statusOf(page, t("outcome.action.log_out"))).toHaveText("200");
  await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
  await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("401");
  await latestRequest(page).locator("summary").click();
  await expect(latestRequest(page).getByTestId("response-headers")).toContainText(
    'www-authenticate: Cookie realm="auth-lab", cookie-name="auth_lab_sid"',
  );
});

test("requests made elsewhere appear in the inspector, marked as not from this page", async ({ page, playwright, baseURL, t, at }) => {
  await gotoHydrated(page, at("/token"));
  await expect(page.locator("[data-feed=live]")).toHaveCount(1);
  // Someone else: a separate HTTP client with its own (empty) cookie jar, like curl.
  const curl = await playwright.request.newContext({ baseURL });
  const login = await curl.post("/api/token/login", { data: { username: "bob", password: "builder" } });
  const token = (await login.json()).access_token as string;
  const me = await curl.get("/api/token/me", { headers: { authorization: `Bearer ${token}x` } });
  expect(me.status()).toBe(401);
  const traceId = me.headers()["x-trace-id"];
  await curl.dispose();

  // Other tests share this server, so other foreign rows may come and go; this one is ours.
  const trace = t("panes.inspector.trace_label", { id: traceId });
  const foreign = page.getByTestId("foreign-request-row").filter({ has: page.locator(`[aria-label="${trace}"]`) });
  await expect(foreign).toHaveCount(1);
  await expect(foreign).toContainText(t("panes.inspector.not_from_this_page"));
  await expect(foreign).toContainText("401");
  // The page's own rows are untouched: it made no request.
  await expect(page.getByTestId("request-row")).toHaveCount(0);
});

test("a copy of the live session cookie works for an attacker until logout", async ({ page, playwright, baseURL, lang, t, pattern, at }) => {
  await gotoHydrated(page, at("/session"));
  await logIn(page, lang, "bob", "builder");
  const outcome = page.getByRole("status", { name: t("lab.outcome_label.session") });
  await expect(outcome).toContainText(t("outcome.session.logged_in", { user: "bob" }));
  await page.getByRole("button", { name: t("lab.actions.live_cookie_replay") }).click();
  await expect(await statusOf(page, t("outcome.action.attacker_live_cookie"))).toHaveText("200");
  await expect(outcome).toContainText(t("outcome.session.live_works", { status: 200, user: "bob" }));
  // The page lists the replay once, as its own lab request, not again as someone else's.
  await latestRequest(page).locator("summary").click();
  const label = await latestRequest(page).locator("ol.trace").getAttribute("aria-label");
  expect(label).toMatch(new RegExp(`^${pattern("panes.inspector.trace_label", { id: /t\d+/ }).source}$`));
  // The feed delivers in order: once a request sent after the replay has arrived, the
  // replay's own event has been seen too.
  const curl = await playwright.request.newContext({ baseURL });
  const later = await curl.get("/api/session/me", { headers: { cookie: "auth_lab_sid=later-marker" } });
  const laterTrace = later.headers()["x-trace-id"];
  await curl.dispose();
  const laterLabel = t("panes.inspector.trace_label", { id: laterTrace });
  await expect(page.locator(`[data-testid=foreign-request-row] [aria-label="${laterLabel}"]`)).toHaveCount(1);
  await expect(page.locator(`[data-testid=foreign-request-row] [aria-label="${label}"]`)).toHaveCount(0);

  await page.getByRole("button", { name: t("lab.actions.logout") }).click();
  await page.getByRole("button", { name: t("lab.actions.dead_cookie_replay") }).click();
  await expect(await statusOf(page, t("outcome.action.attacker_dead_cookie"))).toHaveText("401");
});

test("the login form starts at a lifetime one can read at, and the expiry demo is one click", async ({ page, t, pattern, at }) => {
  await gotoHydrated(page, at("/session"));
  await expect(page.getByLabel(t("lab.login.idle_timeout"))).toHaveValue("900");
  await page.getByLabel(t("lab.login.username")).fill("alice");
  await page.getByLabel(t("lab.login.password")).fill("wonderland");
  await page.getByRole("button", { name: t("lab.login.expiry_demo") }).click();
  await expect(page.getByRole("status", { name: t("lab.outcome_label.session") })).toContainText(
    t("outcome.session.logged_in", { user: "alice" }),
  );
  await expect(page.getByLabel(t("lab.login.idle_timeout"))).toHaveValue("3");
  await expect(page.getByTestId("idle-expiry")).toContainText(pattern("outcome.countdown.secs", { s: /[1-3]/ }));
  await expect(page.getByTestId("idle-expiry")).toContainText(t("outcome.countdown.expired"), { timeout: 8_000 });
});

test("pages are never stored by a cache, and the hashed bundle is immutable @nojs", async ({ request, at }) => {
  for (const path of ["/", "/session", "/token", "/compare", "/cluster", "/nowhere"]) {
    expect((await request.get(at(path))).headers()["cache-control"], at(path)).toBe("no-store");
  }
  expect((await request.get("/api/session/me")).headers()["cache-control"]).toBe("no-store");
  // The page names its bundle files with their content hash, so they can be kept for good:
  // the site's stylesheet, and the module script and wasm of the page's own bundle.
  const html = await (await request.get(at("/session"))).text();
  const names = [...html.matchAll(/\/pkg\/(?:pages\/)?[\w-]+\.[\w-]{22}\.(?:css|js|wasm)/g)].map((m) => m[0]);
  expect(new Set(names.map((n) => n.replace(/\.[\w-]{22}\./, ".")))).toEqual(
    new Set(["/pkg/auth-lab.css", "/pkg/pages/relay.js", "/pkg/pages/relay.wasm"]),
  );
  for (const name of new Set(names)) {
    const file = await request.get(name);
    expect(file.status(), name).toBe(200);
    expect(file.headers()["cache-control"], name).toBe("public, max-age=31536000, immutable");
  }
  // An unhashed name is not the bundle any more.
  expect((await request.get("/pkg/auth-lab.css")).status()).toBe(404);
});

test("an expanded request stays open when other requests arrive", async ({ page, playwright, baseURL, lang, t, at }) => {
  await gotoHydrated(page, at("/session"));
  await expect(page.locator("[data-feed=live]")).toHaveCount(1);
  await logIn(page, lang, "alice", "wonderland");
  await expect(await statusOf(page, t("outcome.action.log_in"))).toHaveText("200");
  const mine = latestRequest(page);
  await mine.locator("summary").click();
  await expect(mine.getByTestId("response-headers")).toBeVisible();
  const curl = await playwright.request.newContext({ baseURL });
  const other = (await curl.get("/api/session/me")).headers()["x-trace-id"];
  await curl.dispose();
  const otherLabel = t("panes.inspector.trace_label", { id: other });
  await expect(page.locator(`[data-testid=foreign-request-row] [aria-label="${otherLabel}"]`)).toHaveCount(1);
  await expect(mine.getByTestId("response-headers")).toBeVisible();
});

test("the last request is drawn as a sequence from the server's trace", async ({ page, lang, t, pattern, at }) => {
  await gotoHydrated(page, at("/session"));
  const last = page.getByRole("region", { name: t("panes.last_request.title") });
  await expect(last).toContainText(t("panes.last_request.empty"));
  await logIn(page, lang, "alice", "wonderland");
  await expect(await statusOf(page, t("outcome.action.log_in"))).toHaveText("200");
  const diagram = last.getByRole("img", {
    name: pattern("panes.sequence.summary", { method: "POST", path: "/api/session/login", count: /\d+/, status: /\d+/ }),
  });
  await expect(diagram).toBeVisible();
  // Browser to server, the password check, the store write, and the answer with its cookie
  // (method, path, status and header name are the same in every language).
  await expect(diagram).toContainText("POST /api/session/login");
  await expect(diagram).toContainText(t("outcome.sequence.save_session"));
  await expect(diagram).toContainText("200 + Set-Cookie");

  // A token check goes to the store exactly once: the deny-list.
  await gotoHydrated(page, at("/token"));
  await logIn(page, lang, "bob", "builder");
  await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
  await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("200");
  const token = page.getByRole("region", { name: t("panes.last_request.title") }).getByRole("img");
  await expect(token).toContainText(t("outcome.sequence.check_signature"));
  await expect(token).toContainText(t("outcome.sequence.denylist_check"));
  await expect(token.locator("g.sequence__msg line")).toHaveCount(3);
});
