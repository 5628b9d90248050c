import { test, expect, gotoHydrated, anyOf } from "./fixtures";
import { clockSeconds, latestRequest, logIn, statusOf } from "./lab";

test.describe("session mode", () => {
  test("the login state lives in an HttpOnly cookie and a server row, and logout kills both", async ({ page, context, lang, t, pattern, at }) => {
    await gotoHydrated(page, at("/session"));
    await logIn(page, lang, "alice", "wonderland");
    const outcome = page.getByRole("status", { name: t("lab.outcome_label.session") });
    await expect(outcome).toContainText(t("outcome.session.logged_in", { user: "alice" }));
    // The page-load card now says it is history, so it cannot contradict the panes.
    await expect(page.getByTestId("page-session-stale")).toBeVisible();

    // Cookie jar: present, HttpOnly and SameSite, yet invisible to scripts.
    const cookie = (await context.cookies()).find((c) => c.name === "auth_lab_sid");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(await page.evaluate(() => document.cookie)).not.toContain("auth_lab_sid");
    await expect(page.getByTestId("session-cookie")).toContainText("HttpOnly");
    await expect(page.getByTestId("document-cookie")).not.toContainText("auth_lab_sid");
    // localStorage: nothing.
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    // Server: exactly one row is ours, and it is alice's.
    await expect(page.getByTestId("my-store-row")).toHaveCount(1);
    await expect(page.getByTestId("my-store-row")).toContainText("alice");

    await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
    await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("200");
    // The server's own trace of that request is one click away.
    await latestRequest(page).locator("summary").click();
    await expect(latestRequest(page).getByRole("list", { name: pattern("panes.inspector.trace_label", { id: /.+/ }) })).toContainText(
      t("panes.inspector.step.store_lookup"),
    );

    await page.getByRole("button", { name: t("lab.actions.logout") }).click();
    await expect(outcome).toContainText(t("outcome.session.logged_out"));
    expect((await context.cookies()).find((c) => c.name === "auth_lab_sid")).toBeUndefined();
    await expect(page.getByTestId("my-store-row")).toHaveCount(0);
    await expect(page.getByTestId("kept-for-you")).toContainText(
      t("panes.store.kept_for_you", { bytes: t("outcome.bytes_many", { n: 0 }), why: t("panes.store.why.no_session") }),
    );

    await page.getByRole("button", { name: t("lab.actions.dead_cookie_replay") }).click();
    await expect(await statusOf(page, t("outcome.action.attacker_dead_cookie"))).toHaveText("401");
    await expect(outcome).toContainText(t("outcome.session.dead_refused", { reason: "unknown_session" }));
  });

  test("a call before the idle expiry pushes the shown idle expiry later", async ({ page, lang, t, pattern, at }) => {
    await gotoHydrated(page, at("/session"));
    await logIn(page, lang, "bob", "builder", "secs_10");
    const idle = page.getByTestId("idle-expiry");
    const secondsLeft = pattern("outcome.countdown.secs", { s: /(\d+)/ });
    await expect(idle).toContainText(secondsLeft);
    const before = clockSeconds(await idle.innerText());
    // Let the page's clock pass at least one whole second, then show activity.
    await expect.poll(async () => (await page.getByTestId("idle-expiry").innerText()).match(secondsLeft)?.[1]).not.toBe("10");
    await page.waitForTimeout(1000);
    await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
    await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("200");
    await expect.poll(async () => clockSeconds(await idle.innerText())).toBeGreaterThan(before);
    await expect(page.getByTestId("absolute-expiry")).toContainText(
      anyOf(pattern("outcome.countdown.hours", { h: 7, m: 59 }), pattern("outcome.countdown.hours", { h: 8, m: "00" })),
    );
  });

  test("when the idle timeout runs out, the next call gets 401 expired and the row goes", async ({ page, lang, t, at }) => {
    await gotoHydrated(page, at("/session"));
    await logIn(page, lang, "alice", "wonderland", "secs_3");
    await expect(page.getByTestId("my-store-row")).toHaveCount(1);
    await expect(page.getByTestId("idle-expiry")).toContainText(t("outcome.countdown.expired"), { timeout: 8_000 });

    await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
    await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("401");
    await expect(latestRequest(page)).toContainText("401");
    await latestRequest(page).locator("summary").click();
    await expect(latestRequest(page)).toContainText('"reason": "expired"');
    await expect(page.getByRole("status", { name: t("lab.outcome_label.session") })).toContainText(t("outcome.session.expired"));
    await expect(page.getByTestId("my-store-row")).toHaveCount(0);
  });
});

test("the lab still fits a 375 px screen once requests are expanded", async ({ page, lang, t, at }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await gotoHydrated(page, at("/session"));
  await logIn(page, lang, "alice", "wonderland");
  await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
  await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("200");
  await page.getByRole("button", { name: t("lab.actions.logout") }).click();
  await page.getByRole("button", { name: t("lab.actions.dead_cookie_replay") }).click();
  // A 401 body carries the longest lines (its message); expand every row.
  await expect(await statusOf(page, t("outcome.action.attacker_dead_cookie"))).toHaveText("401");
  for (const summary of await page.locator(".request summary").all()) await summary.click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the session lab works with the keyboard alone", async ({ page, t, at }) => {
  await gotoHydrated(page, at("/session"));
  await page.getByLabel(t("lab.login.username")).focus();
  await page.keyboard.type("bob");
  await page.keyboard.press("Tab");
  await page.keyboard.type("builder");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status", { name: t("lab.outcome_label.session") })).toContainText(
    t("outcome.session.logged_in", { user: "bob" }),
  );

  // Tab forward from the password field until "Call /me" has focus, then press Enter.
  const callMe = page.getByRole("button", { name: t("lab.actions.call_me") });
  for (let i = 0; i < 10 && !(await callMe.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(callMe).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("200");
});

test("a form on another site cannot log you out", async ({ page, context, lang, t, at }) => {
  await gotoHydrated(page, at("/session"));
  await logIn(page, lang, "alice", "wonderland");
  await expect(page.getByRole("status", { name: t("lab.outcome_label.session") })).toContainText(
    t("outcome.session.logged_in", { user: "alice" }),
  );

  // An attacker's page on its own origin, with a form that auto-targets the lab.
  const lab = new URL(page.url()).origin;
  await context.route("http://attacker.test/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form method="post" action="${lab}/session/logout"><button>Win a prize</button></form>`,
    }),
  );
  const attacker = await context.newPage();
  await attacker.goto("http://attacker.test/prize");
  const [response] = await Promise.all([
    attacker.waitForResponse(`${lab}/session/logout`),
    attacker.getByRole("button", { name: "Win a prize" }).click(),
  ]);
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("cross_site_request");
  await attacker.close();

  // Back in the lab, the session is intact.
  await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
  await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("200");
});

test("while a request is under way, the lab's buttons wait for it", async ({ page, lang, t, at }) => {
  await gotoHydrated(page, at("/session"));
  // Hold the login's answer until the test has looked at the buttons.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/session/login", async (route) => {
    await held;
    await route.continue();
  });
  await logIn(page, lang, "alice", "wonderland");
  const callMe = page.getByRole("button", { name: t("lab.actions.call_me") });
  await expect(callMe).toBeDisabled();
  await expect(page.getByRole("button", { name: t("lab.login.submit") })).toBeDisabled();
  await expect(page.getByLabel(t("lab.login.username"))).toBeDisabled();
  release();
  await expect(page.getByRole("status", { name: t("lab.outcome_label.session") })).toContainText(
    t("outcome.session.logged_in", { user: "alice" }),
  );
  await expect(callMe).toBeEnabled();
});

test("a click while the event feed's report is drawn is not lost", async ({ page, playwright, baseURL, t, at }) => {
  await gotoHydrated(page, at("/session"));
  await expect(page.locator("[data-feed=live]")).toHaveCount(1);
  // Hold the step that draws someone else's request, and click while it is held.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let feeding = () => {};
  const fed = new Promise<void>((resolve) => (feeding = resolve));
  await page.route("**/api/lab/session/step*", async (route) => {
    const body = route.request().postDataJSON();
    if (body?.action === "feed" && body?.fields?.trace_id) {
      feeding();
      await held;
    }
    await route.continue();
  });
  const curl = await playwright.request.newContext({ baseURL });
  expect((await curl.get("/api/session/me")).status()).toBe(401);
  await curl.dispose();
  await fed;
  await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
  release();
  await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("401");
  await expect(page.getByTestId("foreign-request-row").first()).toBeVisible();
});

test("what you type while the page is first drawn again stays in the form", async ({ page, t, at }) => {
  // Hold the relay's first step, which draws the board again with what only the browser
  // knows, and type meanwhile.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/lab/session/step*", async (route) => {
    if (route.request().postDataJSON()?.action === "resume") await held;
    await route.continue();
  });
  await gotoHydrated(page, at("/session"));
  const demo = page.getByRole("button", { name: t("lab.login.expiry_demo") });
  await expect(demo).toBeDisabled();
  await page.getByLabel(t("lab.login.username")).fill("alice");
  release();
  // The demo button is drawn enabled by that step alone: the form was drawn again.
  await expect(demo).toBeEnabled();
  await expect(page.getByLabel(t("lab.login.username"))).toHaveValue("alice");
});

test.describe("in Seoul", () => {
  test.use({ timezoneId: "Asia/Seoul" });

  test("times are written on the reader's own clock, by the server as by the countdown", async ({ page, lang, t, at }) => {
    await gotoHydrated(page, at("/session"));
    await logIn(page, lang, "alice", "wonderland");
    await expect(page.getByRole("status", { name: t("lab.outcome_label.session") })).toContainText(
      t("outcome.session.logged_in", { user: "alice" }),
    );
    const countdown = page.locator(".countdown", { has: page.getByTestId("idle-expiry") });
    const at_ = Number(await countdown.getAttribute("data-countdown-to"));
    // Seoul keeps UTC+9 all year: the time of day there, in seconds.
    const seoul = (at_ + 9 * 3600) % 86_400;
    await expect(page.getByTestId("idle-expiry")).not.toContainText("UTC");
    const shown = /\(([^)]*)\)/.exec((await page.getByTestId("idle-expiry").textContent()) ?? "")?.[1] ?? "";
    expect(clockSeconds(shown)).toBe(seoul);
  });
});
