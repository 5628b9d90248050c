import { test, expect, gotoHydrated } from "./fixtures";
import { latestRequest, logIn, statusOf } from "./lab";

test("the inspector shows the response headers that carry the lesson", async ({ page }) => {
  await gotoHydrated(page, "/session");
  await logIn(page, "alice", "wonderland");
  await expect(await statusOf(page, "Log in")).toHaveText("200");
  await latestRequest(page).locator("summary").click();
  const headers = latestRequest(page).getByTestId("response-headers");
  // The whole Set-Cookie line, every attribute as sent, with the ID replaced by its hint.
  await expect(headers).toContainText(/set-cookie: auth_lab_sid=<id [0-9a-f]{8}>; HttpOnly; SameSite=Lax; Path=\/; Max-Age=28800/);
  await expect(headers).toContainText("cache-control: no-store");

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(await statusOf(page, "Log out")).toHaveText("200");
  await page.getByRole("button", { name: "Call /me" }).click();
  await expect(await statusOf(page, "Call /me")).toHaveText("401");
  await latestRequest(page).locator("summary").click();
  await expect(latestRequest(page).getByTestId("response-headers")).toContainText(
    'www-authenticate: Cookie realm="auth-lab", cookie-name="auth_lab_sid"',
  );
});

test("requests made elsewhere appear in the inspector, marked as not from this page", async ({ page, playwright, baseURL }) => {
  await gotoHydrated(page, "/token");
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
  const foreign = page.getByTestId("foreign-request-row").filter({ has: page.locator(`[aria-label="Server trace ${traceId}"]`) });
  await expect(foreign).toHaveCount(1);
  await expect(foreign).toContainText("not from this page");
  await expect(foreign).toContainText("401");
  // The page's own rows are untouched: it made no request.
  await expect(page.getByTestId("request-row")).toHaveCount(0);
});

test("a copy of the live session cookie works for an attacker until logout", async ({ page, playwright, baseURL }) => {
  await gotoHydrated(page, "/session");
  await logIn(page, "bob", "builder");
  const outcome = page.getByRole("status", { name: "Session outcome" });
  await expect(outcome).toContainText("Logged in as bob");
  await page.getByRole("button", { name: "Replay a copy of the live cookie as an attacker" }).click();
  await expect(await statusOf(page, "Attacker replays a copy of the live cookie")).toHaveText("200");
  await expect(outcome).toContainText("works (200)");
  // The page lists the replay once, as its own lab request, not again as someone else's.
  await latestRequest(page).locator("summary").click();
  const label = await latestRequest(page).locator("ol.trace").getAttribute("aria-label");
  expect(label).toMatch(/^Server trace t\d+$/);
  // The feed delivers in order: once a request sent after the replay has arrived, the
  // replay's own event has been seen too.
  const curl = await playwright.request.newContext({ baseURL });
  const later = await curl.get("/api/session/me", { headers: { cookie: "auth_lab_sid=later-marker" } });
  const laterTrace = later.headers()["x-trace-id"];
  await curl.dispose();
  await expect(page.locator(`[data-testid=foreign-request-row] [aria-label="Server trace ${laterTrace}"]`)).toHaveCount(1);
  await expect(page.locator(`[data-testid=foreign-request-row] [aria-label="${label}"]`)).toHaveCount(0);

  await page.getByRole("button", { name: "Log out" }).click();
  await page.getByRole("button", { name: "Replay the old cookie as an attacker" }).click();
  await expect(await statusOf(page, "Attacker replays the old cookie")).toHaveText("401");
});

test("the login form starts at a lifetime one can read at, and the expiry demo is one click", async ({ page }) => {
  await gotoHydrated(page, "/session");
  await expect(page.getByLabel("Idle timeout")).toHaveValue("900");
  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill("wonderland");
  await page.getByRole("button", { name: "Quick expiry demo (3 s)" }).click();
  await expect(page.getByRole("status", { name: "Session outcome" })).toContainText("Logged in as alice");
  await expect(page.getByLabel("Idle timeout")).toHaveValue("3");
  await expect(page.getByTestId("idle-expiry")).toContainText(/in [1-3] s/);
  await expect(page.getByTestId("idle-expiry")).toContainText("expired", { timeout: 8_000 });
});

test("pages are never stored by a cache, and the hashed bundle is immutable @nojs", async ({ request }) => {
  for (const path of ["/", "/session", "/token", "/compare", "/nowhere"]) {
    expect((await request.get(path)).headers()["cache-control"], path).toBe("no-store");
  }
  expect((await request.get("/api/session/me")).headers()["cache-control"]).toBe("no-store");
  // The page names its bundle files with their content hash, so they can be kept for good.
  const html = await (await request.get("/session")).text();
  const names = [...html.matchAll(/\/pkg\/auth-lab\.([\w-]{22})\.(css|js|wasm)/g)].map((m) => m[0]);
  expect(new Set(names.map((n) => n.split(".").pop()))).toEqual(new Set(["css", "js", "wasm"]));
  for (const name of new Set(names)) {
    const file = await request.get(name);
    expect(file.status(), name).toBe(200);
    expect(file.headers()["cache-control"], name).toBe("public, max-age=31536000, immutable");
  }
  // An unhashed name is not the bundle any more.
  expect((await request.get("/pkg/auth-lab.css")).status()).toBe(404);
});

test("an expanded request stays open when other requests arrive", async ({ page, playwright, baseURL }) => {
  await gotoHydrated(page, "/session");
  await expect(page.locator("[data-feed=live]")).toHaveCount(1);
  await logIn(page, "alice", "wonderland");
  await expect(await statusOf(page, "Log in")).toHaveText("200");
  const mine = latestRequest(page);
  await mine.locator("summary").click();
  await expect(mine.getByTestId("response-headers")).toBeVisible();
  const curl = await playwright.request.newContext({ baseURL });
  const other = (await curl.get("/api/session/me")).headers()["x-trace-id"];
  await curl.dispose();
  await expect(page.locator(`[data-testid=foreign-request-row] [aria-label="Server trace ${other}"]`)).toHaveCount(1);
  await expect(mine.getByTestId("response-headers")).toBeVisible();
});

test("the last request is drawn as a sequence from the server's trace", async ({ page }) => {
  await gotoHydrated(page, "/session");
  const last = page.getByRole("region", { name: "The last request, step by step" });
  await expect(last).toContainText("Make a request");
  await logIn(page, "alice", "wonderland");
  await expect(await statusOf(page, "Log in")).toHaveText("200");
  const diagram = last.getByRole("img", { name: /POST \/api\/session\/login as a sequence/ });
  await expect(diagram).toBeVisible();
  // Browser to server, the password check, the store write, and the answer with its cookie.
  await expect(diagram).toContainText("POST /api/session/login");
  await expect(diagram).toContainText("save a new session record");
  await expect(diagram).toContainText("200 + Set-Cookie");

  // A token check goes to the store exactly once: the deny-list.
  await gotoHydrated(page, "/token");
  await logIn(page, "bob", "builder");
  await page.getByRole("button", { name: "Call /me" }).click();
  await expect(await statusOf(page, "Call /me")).toHaveText("200");
  const token = page.getByRole("region", { name: "The last request, step by step" }).getByRole("img");
  await expect(token).toContainText("check the HMAC signature");
  await expect(token).toContainText("is this token ID on the deny-list?");
  await expect(token.locator("g.sequence__msg line")).toHaveCount(3);
});
