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

async function sessionLogin(page: Page, sameSite: "strict" | "lax" | "none", httpOnly = true, persistent = true) {
  await page.getByTestId("opt-same-site").selectOption(sameSite);
  await page.getByTestId("opt-http-only").setChecked(httpOnly);
  await page.getByTestId("opt-persistent").setChecked(persistent);
  // Wait for this login's answer, not for text an earlier login with the same SameSite left
  // on the page: an attack run before the new cookie is set would read the old one.
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/api/session/login"));
  await page.getByTestId("victim-session").click();
  await answered;
  const cookie = page.getByTestId("victim-cookie");
  await expect(cookie).toContainText(`SameSite=${sameSite[0].toUpperCase()}${sameSite.slice(1)}`);
  await expect(cookie).toHaveAttribute("data-http-only", String(httpOnly));
  await expect(cookie).toHaveAttribute("data-persistent", String(persistent));
}

/** The findings table's result cell for one attack and condition (`finding-<key>`). */
function finding(page: Page, key: string) {
  return page.getByTestId(`finding-${key}`).getByTestId("finding-result");
}

/** From now on the server refuses every step that reports a request's answer (as it would a
 * stale one), so an action stops after its first step has asked for a request. */
async function refuseReports(page: Page) {
  await page.route("**/api/lab/security/step**", (route) =>
    route.request().postData()?.includes('"report"')
      ? route.fulfill({ status: 409, contentType: "application/json", body: JSON.stringify({ error: "busy", reason: null, message: "busy" }) })
      : route.continue(),
  );
}

/** Runs the CSRF attack in the attacker's tab and closes it once the server has reported. */
async function csrf(page: Page, context: BrowserContext, channel: "form" | "fetch", guard?: boolean) {
  const before = await entries(page, "csrf").count();
  await page.getByTestId("csrf-channel").selectOption(channel);
  // Against the token endpoint the origin check does not apply, and its switch is off.
  if (guard !== undefined) await page.getByTestId("csrf-guard").setChecked(guard);
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

    // The findings table puts each result beside the defence it is about.
    await expect(finding(page, "xss-token")).toContainText(
      t("security.loot.replay", { request: "GET /api/token/me", status: `200 (${t("security.loot.as_user", { user: "bob" })})` }),
    );
    await expect(finding(page, "xss-csp")).toContainText(pattern("security.loot.csp", { directive: /script-src\S*/ }));
    await expect(finding(page, "csrf-guarded")).toHaveText(t("security.findings.not_tried"));
    await expect(finding(page, "csrf-guarded")).toHaveAttribute("data-tried", "false");
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
    await expect(finding(page, "xss-readable-cookie")).toContainText("auth_lab_sid=");
    await expect(finding(page, "xss-nothing-to-read")).toContainText(t("security.loot.empty_cookie"));
    await expect(finding(page, "xss-riding")).toContainText("GET /api/session/me");
    await expect(stolen).toContainText(
      t("security.loot.replay", { request: "GET /api/session/me", status: `200 (${t("security.loot.as_user", { user: "alice" })})` }),
    );
  });

  test("CSRF: Strict and Lax keep the cookie off a cross-site POST, the origin check refuses it, and None with no check lets it through", async ({ page, context, t, at }) => {
    await openLab(page, at);
    const line = (channel: string, guard: boolean, sent: boolean, status: number) =>
      t("security.loot.csrf", {
        channel,
        guard: t(guard ? "security.loot.on" : "security.loot.off"),
        cookie: t(sent ? "security.loot.sent" : "security.loot.not_sent"),
        status,
      });

    await sessionLogin(page, "strict");
    const strict = await csrf(page, context, "form", false);
    await expect(strict).toContainText(line("form", false, false, 401));

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
    await expect(finding(page, "csrf-guarded")).toContainText(line("form", true, true, 403));
    await expect(finding(page, "csrf-unguarded")).toContainText(line("form", false, true, 200));
  });

  test("CSRF against a token login: the attacker's page cannot make the browser send the Authorization header", async ({ page, context, t, at }) => {
    await openLab(page, at);
    await page.getByTestId("victim-token").click();
    await expect(page.getByTestId("victim-token-stored")).toHaveText(t("security.login.token_stored"));
    await page.getByTestId("csrf-target").selectOption("token");
    await expect(page.getByTestId("csrf-guard")).toBeDisabled();
    for (const channel of ["form", "fetch"] as const) {
      const entry = await csrf(page, context, channel);
      await expect(entry).toContainText(
        t("security.loot.csrf_token", { channel, auth: t("security.loot.not_sent"), status: 401 }),
      );
      await expect(entry).toContainText(t("security.loot.refused", { reason: "missing" }));
    }
    await expect(finding(page, "csrf-token")).toContainText(
      t("security.loot.csrf_token", { channel: "fetch", auth: t("security.loot.not_sent"), status: 401 }),
    );
    // The token is still in this site's localStorage, where only its own scripts reach it.
    expect(await page.evaluate(() => Object.keys(localStorage).length)).toBeGreaterThan(0);
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

  test("a tampered token is refused for its signature, and alg none for its algorithm", async ({ page, t, at }) => {
    await openLab(page, at);
    await page.getByTestId("victim-token").click();
    await expect(page.getByTestId("victim-token-stored")).toBeVisible();
    await page.getByTestId("tamper-load").click();
    await expect(page.getByTestId("tamper-payload")).toHaveValue(/"sub": "bob"/);

    // Untouched, the token is accepted: the editor itself changes nothing.
    await page.getByTestId("tamper-send").click();
    await expect(page.getByTestId("tamper-verdict")).toHaveText(t("security.tamper.accepted", { status: 200 }));

    const verdict = page.getByTestId("tamper-verdict");
    for (const [edit, code] of [
      ["tamper-admin", "bad_signature"],
      ["tamper-none", "wrong_algorithm"],
    ] as const) {
      await page.getByTestId("tamper-load").click();
      await page.getByTestId(edit).click();
      await page.getByTestId("tamper-send").click();
      await expect(verdict).toHaveAttribute("data-code", code);
      await expect(verdict).toContainText(`401 ${code}`);
    }
    // A kid never gets read: the signature over the changed header fails first.
    await page.getByTestId("tamper-load").click();
    await page.getByTestId("tamper-kid").click();
    await page.getByTestId("tamper-send").click();
    await expect(verdict).toContainText("401 bad_signature");
    await expect(page.getByTestId("tamper-result")).toContainText(t("panes.inspector.step.signature_checked"));
    await expect(finding(page, "tamper")).toHaveText("401 bad_signature");
  });

  test("session fixation: the planted ID is replaced at login and refused afterwards", async ({ page, context, t, pattern, at }) => {
    await openLab(page, at);
    await page.getByTestId("fixation-plant").click();
    await expect(page.getByTestId("fixation-planted")).toHaveText(pattern("security.fixation.planted", { hint: /[0-9a-f]{8}/ }));
    const planted = (await context.cookies()).find((c) => c.name === "auth_lab_sid");
    expect(planted?.httpOnly, "a script wrote it").toBe(false);

    await page.getByTestId("fixation-login").click();
    await expect(page.getByTestId("fixation-cycled")).toHaveText(
      pattern("security.fixation.cycled", { old: /[0-9a-f]{8}/, new: /[0-9a-f]{8}/ }),
    );
    const plantedHint = (await page.getByTestId("fixation-planted").textContent())?.match(/[0-9a-f]{8}/)?.[0];
    await expect(page.getByTestId("fixation-cycled")).toContainText(`(${plantedHint})`);
    const now = (await context.cookies()).find((c) => c.name === "auth_lab_sid");
    expect(now?.httpOnly).toBe(true);
    expect(now?.value).not.toBe(planted?.value);

    await page.getByTestId("fixation-replay").click();
    await expect(page.getByTestId("fixation-replayed")).toHaveText(
      t("security.fixation.replay_refused", { status: 401, code: "unknown_session" }),
    );
    await expect(finding(page, "fixation")).toHaveText("401 unknown_session");
  });

  test("a token signed with a listed word is cracked offline; this server's own key is not", async ({ page, pattern, at }) => {
    await openLab(page, at);
    await page.getByTestId("weak-crack").click();
    await expect(page.getByTestId("weak-result")).toHaveText(pattern("security.weak.found", { tries: /\d+/, word: /.+/ }));
    await page.getByTestId("victim-token").click();
    await expect(page.getByTestId("victim-token-stored")).toBeVisible();
    await page.getByTestId("weak-crack-mine").click();
    await expect(page.getByTestId("weak-result-mine")).toHaveText(pattern("security.weak.not_found", { tries: 48 }));
  });

  test("a reload keeps this tab's loot and results; another tab starts afresh but sees the stored token", async ({ page, context, at }) => {
    await openLab(page, at);
    await page.getByTestId("victim-token").click();
    await expect(page.getByTestId("victim-token-stored")).toBeVisible();
    await page.getByTestId("xss-run").click();
    await expect(entries(page, "storage")).toHaveCount(1, { timeout: 15_000 });
    await page.getByTestId("weak-crack").click();
    const cracked = await page.getByTestId("weak-result").textContent();

    await gotoHydrated(page, at("/security"));
    await expect(entries(page, "storage")).toHaveCount(1);
    await expect(page.getByTestId("weak-result")).toHaveText(cracked!);
    await expect(page.getByTestId("victim-token-stored")).toBeVisible();
    // The vulnerable page is not framed again on a reload: its payload would run twice.
    await expect(page.getByTestId("xss-run")).toBeEnabled();
    await expect(page.getByTestId("xss-frame")).toHaveCount(0);

    const other = await context.newPage();
    await openLab(other, at);
    await expect(other.getByTestId("loot-empty")).toBeVisible();
    await expect(other.getByTestId("victim-token-stored")).toBeVisible();
    await expect(other.getByTestId("tamper-load")).toBeEnabled();
    await other.close();
  });

  test("a step the server refuses stops the action with a banner, and the next click works", async ({ page, t, at }) => {
    await openLab(page, at);
    // The action's first step goes through and the weak token is fetched; the report of
    // that answer is refused, so the action stops halfway, its state still waiting.
    await refuseReports(page);
    await page.getByTestId("weak-crack").click();
    await expect(page.getByRole("alert")).toHaveText(t("security.step_failed"));
    await expect(page.getByTestId("weak-crack")).toBeEnabled();
    await expect(page.getByTestId("weak-result")).toHaveCount(0);
    await page.unroute("**/api/lab/security/step**");
    await page.getByTestId("weak-crack").click();
    await expect(page.getByTestId("weak-result")).toBeVisible();
    await expect(page.getByRole("alert")).toBeHidden();
  });

  test("a kept state the server refuses is forgotten, and the page starts afresh", async ({ page, at }) => {
    await openLab(page, at);
    // As an older version of the page might have kept it, or a learner edited it.
    await page.evaluate(() =>
      sessionStorage.setItem("auth_lab.relay.security-board", JSON.stringify(JSON.stringify({ lab_id: "x", colour: "red" }))),
    );
    await gotoHydrated(page, at("/security"));
    await expect(page.getByTestId("weak-crack")).toBeEnabled();
    await page.getByTestId("weak-crack").click();
    await expect(page.getByTestId("weak-result")).toBeVisible();
    await expect(page.getByRole("alert")).toBeHidden();
  });

  test("a failed step in the middle of a run leaves the attacks ready to run again", async ({ page, t, at }) => {
    await openLab(page, at);
    await refuseReports(page);
    await page.getByTestId("xss-run").click();
    await expect(page.getByRole("alert")).toHaveText(t("security.step_failed"));
    await expect(page.getByTestId("xss-run")).toBeEnabled();
    await expect(page.getByTestId("csrf-run")).toBeEnabled();
  });

  test("when the browser blocks the attacker's page, the run says so and ends", async ({ page, t, at }) => {
    // What a popup blocker does: window.open answers null.
    await page.addInitScript(() => {
      window.open = () => null;
    });
    await openLab(page, at);
    await page.getByTestId("csrf-run").click();
    await expect(page.getByTestId("csrf-opened")).toHaveText(t("security.csrf.blocked"));
    await expect(page.getByTestId("csrf-run")).toBeEnabled();
    await expect(page.getByTestId("loot-no-report")).toHaveCount(0);
  });

  test("the keyboard's focus stays on the control it used while the board is drawn again", async ({ page, at }) => {
    await openLab(page, at);
    await page.getByTestId("victim-token").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("victim-token-stored")).toBeVisible();
    await expect(page.getByTestId("victim-token")).toBeFocused();
  });

  test("without Max-Age the session cookie is a session cookie; with it, it has an expiry", async ({ page, context, at }) => {
    await openLab(page, at);
    await sessionLogin(page, "lax", true, false);
    await expect(page.getByTestId("victim-cookie")).not.toContainText("Max-Age");
    const session = (await context.cookies()).find((c) => c.name === "auth_lab_sid");
    expect(session?.expires, "no expiry: dropped when the browsing session ends").toBe(-1);
    await sessionLogin(page, "lax", true, true);
    await expect(page.getByTestId("victim-cookie")).toContainText("Max-Age");
    const persistent = (await context.cookies()).find((c) => c.name === "auth_lab_sid");
    expect(persistent?.expires).toBeGreaterThan(Date.now() / 1000);
  });

  test("on a 375 px screen each finding is a card: every cell in view, under its column's name", async ({ page, t, at }) => {
    await page.setViewportSize({ width: 375, height: 900 });
    await openLab(page, at);
    // With a result in it: a stolen token is a long unbroken word.
    await page.getByTestId("victim-token").click();
    await expect(page.getByTestId("victim-token-stored")).toBeVisible();
    await page.getByTestId("xss-run").click();
    await expect(finding(page, "xss-token")).toHaveAttribute("data-tried", "true", { timeout: 15_000 });
    // Nothing on the page is wider than the screen (the selects' long options included).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const table = page.getByTestId("findings").locator("table");
    const rows = table.locator("tbody tr");
    const cells = table.locator("tbody th, tbody td");
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await cells.count()).toBe((await rows.count()) * 4);
    for (const cell of await cells.all()) {
      const box = await cell.boundingBox();
      expect(box, "every cell is laid out").not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${await cell.textContent()} fits the screen`).toBeLessThanOrEqual(375);
    }
    // The column headers are off screen, so each cell shows its column's name itself.
    const label = (testId: string, column: number) =>
      table.getByTestId(testId).locator("td").nth(column).evaluate((td) => getComputedStyle(td, "::before").content);
    expect(await label("finding-tamper", 0)).toBe(JSON.stringify(t("security.findings.col_condition")));
    expect(await label("finding-tamper", 1)).toBe(JSON.stringify(t("security.findings.col_result")));
    expect(await label("finding-tamper", 2)).toBe(JSON.stringify(t("security.findings.col_stops")));
    // The cards are still a table to a screen reader: in Chromium's own accessibility tree
    // the table carries the card's title as its name, four column headers, and a row
    // header and three cells in every row.
    const tree = await chromiumTableOf(page, t("security.findings.title"));
    expect(tree.columnheader).toBe(4);
    expect(tree.rowheader).toBe(await rows.count());
    expect(tree.cell).toBe((await rows.count()) * 3);
    expect(tree.row).toBe((await rows.count()) + 1);
    // A wide screen keeps the table, headers and all.
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(table.getByRole("columnheader", { name: t("security.findings.col_stops") })).toBeVisible();
    expect(await label("finding-tamper", 2)).toBe("none");
  });
});

/** How many nodes of each role sit inside the table named `name`, as Chromium's accessibility
 * tree has it (what a screen reader reads), rather than as the markup says. */
async function chromiumTableOf(page: Page, name: string): Promise<Record<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const table = nodes.find((n) => n.role?.value === "table" && n.name?.value === name);
    expect(table, `a table named "${name}" in the accessibility tree`).toBeDefined();
    const roles: Record<string, number> = {};
    const walk = (id: string) => {
      const node = byId.get(id);
      if (!node) return;
      const role = String(node.role?.value ?? "");
      roles[role] = (roles[role] ?? 0) + 1;
      for (const child of node.childIds ?? []) walk(child);
    };
    for (const child of table!.childIds ?? []) walk(child);
    return roles;
  } finally {
    await cdp.detach();
  }
}
