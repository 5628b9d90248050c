import { test, expect, gotoHydrated, type Page, type BrowserContext } from "./fixtures";

// The security lab across two real sites: the lab at 127.0.0.1 and the attacker's site at
// localhost (the main server's port + 2). Every outcome below is the server's report of
// what really arrived, read back through the attacker pane.

test.describe.configure({ timeout: 60_000 });

/** The attacker pane's entries of one kind, newest first. */
function entries(page: Page, kind: string) {
  return page.getByTestId("loot").locator(`[data-testid=loot-entry][data-kind=${kind}]`);
}

async function openLab(page: Page, at: (path: string) => string) {
  await gotoHydrated(page, at("/security"));
  await expect(page.getByTestId("attacker-origin")).toHaveText(/^http:\/\/localhost:\d+$/);
  await expect(page.getByTestId("lab-origin")).toHaveText(/^http:\/\/127\.0\.0\.1:\d+$/);
}

async function sessionLogin(page: Page, sameSite: "strict" | "lax" | "none", httpOnly = true) {
  await page.getByTestId("opt-same-site").selectOption(sameSite);
  await page.getByTestId("opt-http-only").setChecked(httpOnly);
  await page.getByTestId("victim-session").click();
  await expect(page.getByTestId("victim-cookie")).toContainText(`SameSite=${sameSite[0].toUpperCase()}${sameSite.slice(1)}`);
}

/** Runs the CSRF attack in the attacker's tab and closes it once the server has reported. */
async function csrf(page: Page, context: BrowserContext, channel: "form" | "fetch", guard: boolean) {
  const before = await entries(page, "csrf").count();
  await page.getByTestId("csrf-channel").selectOption(channel);
  await page.getByTestId("csrf-guard").setChecked(guard);
  const [attacker, attackPage] = await Promise.all([
    context.waitForEvent("page"),
    context.waitForEvent("request", (r) => new URL(r.url()).pathname === "/csrf"),
    page.getByTestId("csrf-run").click(),
  ]);
  // The attack page came from the other site; its POST then landed on the lab.
  expect(new URL(attackPage.url()).hostname).toBe("localhost");
  await expect(entries(page, "csrf")).toHaveCount(before + 1, { timeout: 15_000 });
  await attacker.close();
  return entries(page, "csrf").first();
}

test.describe("security lab", () => {
  test("XSS reads a localStorage token and the attacker replays it; CSP on blocks the payload", async ({ page, t, pattern, at }) => {
    await openLab(page, at);
    await page.getByTestId("victim-token").click();
    await expect(page.getByTestId("victim-token-stored")).toHaveText(t("security.login.token_stored"));

    await page.getByTestId("xss-run").click();
    const stolen = entries(page, "storage").first();
    await expect(stolen).toContainText(pattern("security.loot.storage", { token: /eyJ\S+/, cookie: /.*/ }), { timeout: 15_000 });
    await expect(stolen).toContainText(
      t("security.loot.replay", { request: "GET /api/token/me", status: `200 (${t("security.loot.as_user", { user: "bob" })})` }),
    );
    await expect(page.getByTestId("xss-frame")).toBeVisible();

    await page.getByTestId("xss-csp").check();
    await page.getByTestId("xss-run").click();
    await expect(entries(page, "csp").first()).toContainText(pattern("security.loot.csp", { directive: /script-src\S*/ }), { timeout: 15_000 });
    await expect(entries(page, "storage")).toHaveCount(1);
  });

  test("HttpOnly stops the cookie read but not session riding; without it the session ID is stolen", async ({ page, t, at }) => {
    await openLab(page, at);
    await sessionLogin(page, "lax");
    await page.getByTestId("xss-run").click();
    const read = entries(page, "storage").first();
    await expect(read).toBeVisible({ timeout: 15_000 });
    await expect(read).not.toContainText("auth_lab_sid");
    await expect(read).not.toContainText("GET /api/session/me");

    await page.getByTestId("xss-payload").selectOption("ride");
    await page.getByTestId("xss-run").click();
    await expect(entries(page, "riding").first()).toContainText(
      t("security.loot.riding", { request: "GET /api/session/me", status: `200 (${t("security.loot.as_user", { user: "alice" })})` }),
      { timeout: 15_000 },
    );

    await sessionLogin(page, "lax", false);
    await page.getByTestId("xss-payload").selectOption("steal");
    await page.getByTestId("xss-run").click();
    await expect(entries(page, "storage")).toHaveCount(2, { timeout: 15_000 });
    const stolen = entries(page, "storage").first();
    await expect(stolen).toContainText("auth_lab_sid=");
    await expect(stolen).toContainText(
      t("security.loot.replay", { request: "GET /api/session/me", status: `200 (${t("security.loot.as_user", { user: "alice" })})` }),
    );
  });

  test("CSRF: Lax keeps the cookie off a cross-site POST, the origin check refuses it, and None with no check lets it through", async ({ page, context, t, at }) => {
    await openLab(page, at);
    const line = (channel: string, guard: boolean, sent: boolean, status: number) =>
      t("security.loot.csrf", {
        channel,
        guard: t(guard ? "security.loot.on" : "security.loot.off"),
        cookie: t(sent ? "security.loot.sent" : "security.loot.not_sent"),
        status,
      });

    await sessionLogin(page, "lax");
    const lax = await csrf(page, context, "form", false);
    await expect(lax).toContainText(line("form", false, false, 401));
    await expect(lax).toContainText(t("security.loot.refused", { reason: "no_cookie" }));

    await sessionLogin(page, "none");
    const checked = await csrf(page, context, "form", true);
    await expect(checked).toContainText(line("form", true, true, 403));
    await expect(checked).toContainText(t("security.loot.refused", { reason: "cross_site_request" }));

    const open = await csrf(page, context, "form", false);
    await expect(open).toContainText(line("form", false, true, 200));
    await expect(open).toContainText(t("security.loot.changed", { name: "attacker was here" }));

    // The lab page's own call shows the session really was renamed.
    const me = await page.evaluate(async () => (await fetch("/api/session/me")).json());
    expect(me.display_name).toBe("attacker was here");
  });

  test("another visitor's loot stays theirs", async ({ page, request, at }) => {
    await openLab(page, at);
    await page.getByTestId("victim-token").click();
    await page.getByTestId("xss-run").click();
    await expect(entries(page, "storage")).toHaveCount(1, { timeout: 15_000 });
    const stranger = await (await request.get("/api/lab/attacker-site")).json();
    const theirs = await (await request.get(`/api/lab/loot/${stranger.new_lab_id}`)).json();
    expect(theirs.entries).toEqual([]);
  });
});
