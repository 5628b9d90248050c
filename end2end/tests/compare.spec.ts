import { test, expect, gotoHydrated } from "./fixtures";
import { splitWords } from "./lab";

function cell(page: import("@playwright/test").Page, mode: "session" | "token", label: string) {
  return page.getByTestId(`${mode}: ${label}`);
}

/** The byte count in a cell, written as the page's language writes "{{ n }} bytes". */
function bytesIn(bytes: RegExp, text: string): number {
  const match = bytes.exec(text);
  if (!match) throw new Error(`no byte count in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

test.describe("compare", () => {
  test("the same actions in both modes line up their differences", async ({ page, t, pattern, at }) => {
    await gotoHydrated(page, at("/compare"));
    await page.getByLabel(t("lab.login.username")).fill("alice");
    await page.getByLabel(t("lab.login.password")).fill("wonderland");
    await page.getByRole("button", { name: t("lab.compare.login") }).click();
    await expect(page.getByRole("status", { name: t("lab.outcome_label.session") })).toContainText(
      t("outcome.session.logged_in", { user: "alice" }),
    );
    await expect(page.getByRole("status", { name: t("lab.outcome_label.token") })).toContainText(
      t("outcome.token.logged_in", { user: "alice" }),
    );

    // The cells' test ids keep their English row labels in every language (the test contract).
    await page.getByRole("button", { name: t("lab.compare.call_me") }).click();
    await expect(cell(page, "session", "Last /me answer")).toHaveText(t("lab.table.accepted", { status: 200 }));
    await expect(cell(page, "token", "Last /me answer")).toHaveText(t("lab.table.accepted", { status: 200 }));
    // A bearer token is several times the size of a session cookie, on each request that carries it.
    const bytes = pattern("outcome.bytes_many", { n: /(\d+)/ });
    const cookieBytes = bytesIn(bytes, await cell(page, "session", "Credential bytes on the last /me").innerText());
    const bearerBytes = bytesIn(bytes, await cell(page, "token", "Credential bytes on the last /me").innerText());
    expect(bearerBytes).toBeGreaterThan(cookieBytes * 3);
    // The server keeps a record for the session and none for the token.
    await expect
      .poll(async () => bytesIn(bytes, await cell(page, "session", "Kept on the server for you").innerText()))
      .toBeGreaterThan(50);
    await expect(cell(page, "token", "Kept on the server for you")).toHaveText(t("outcome.bytes_many", { n: 0 }));
    // The unit is the app's own, in every language (not in the catalog).
    await expect(cell(page, "session", "Server time for the last /me")).toContainText("ms");

    await page.getByRole("button", { name: t("lab.compare.logout") }).click();
    await page.getByRole("button", { name: t("lab.compare.replay") }).click();
    await expect(cell(page, "session", "Old credential replayed after logout")).toHaveText("401 unknown_session");
    await expect(cell(page, "token", "Old credential replayed after logout")).toHaveText(t("lab.table.accepted", { status: 200 }));
  });

  test("with 3 s lifetimes both logins expire and /me says so in both", async ({ page, t, at }) => {
    await gotoHydrated(page, at("/compare"));
    await page.getByLabel(t("lab.login.username")).fill("bob");
    await page.getByLabel(t("lab.login.password")).fill("builder");
    await page.getByLabel(t("lab.compare.lifetime")).selectOption({ label: t("lab.lifetime.secs_3") });
    await page.getByRole("button", { name: t("lab.compare.login") }).click();
    await expect(page.getByRole("status", { name: t("lab.outcome_label.token") })).toContainText(
      t("outcome.token.logged_in", { user: "bob" }),
    );
    await expect(page.getByTestId("idle-expiry")).toContainText(t("outcome.countdown.expired"), { timeout: 8_000 });
    await expect(page.getByTestId("token-exp")).toContainText(t("outcome.countdown.expired"), { timeout: 8_000 });
    await page.getByRole("button", { name: t("lab.compare.call_me") }).click();
    await expect(cell(page, "session", "Last /me answer")).toHaveText("401 expired");
    await expect(cell(page, "token", "Last /me answer")).toHaveText("401 expired");
  });
});

test("a step the server refuses ends the action, and the next one starts afresh in both modes", async ({ page, request, t, at }) => {
  await gotoHydrated(page, at("/compare"));
  await page.getByLabel(t("lab.login.username")).fill("alice");
  await page.getByLabel(t("lab.login.password")).fill("wonderland");
  await page.getByRole("button", { name: t("lab.compare.login") }).click();
  await expect(page.getByRole("status", { name: t("lab.outcome_label.token") })).toContainText(
    t("outcome.token.logged_in", { user: "alice" }),
  );
  // Both requests of "Call /me" go out; the report of their answers is refused, so the
  // action stops halfway with both labs still waiting for it.
  await page.route("**/api/lab/compare/step*", (route) =>
    route.request().postData()?.includes('"reports"')
      ? route.fulfill({ status: 409, contentType: "application/json", body: JSON.stringify({ error: "busy", reason: null, message: "busy" }) })
      : route.continue(),
  );
  const callMe = page.getByRole("button", { name: t("lab.compare.call_me") });
  await callMe.click();
  await expect(page.getByRole("alert")).toHaveText(t("lab.step_failed"));
  await expect(callMe).toBeEnabled();
  await expect(cell(page, "session", "Last /me answer")).toHaveText("—");
  // Someone else's request, drawn by the event feed, leaves the alert up: the answers the
  // page missed are still missing.
  await expect(page.locator("[data-feed=live]").first()).toBeVisible();
  await request.get("/api/session/me");
  await expect(page.getByTestId("foreign-request-row").first()).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText(t("lab.step_failed"));
  await page.unroute("**/api/lab/compare/step*");
  await callMe.click();
  await expect(cell(page, "session", "Last /me answer")).toHaveText(t("lab.table.accepted", { status: 200 }));
  await expect(cell(page, "token", "Last /me answer")).toHaveText(t("lab.table.accepted", { status: 200 }));
  await expect(page.getByRole("alert")).toBeHidden();
});

test("on a 375 px screen the comparison table keeps every word whole, and scrolls instead", async ({ page, t, at }) => {
  await page.setViewportSize({ width: 375, height: 900 });
  await gotoHydrated(page, at("/compare"));
  await page.getByLabel(t("lab.login.username")).fill("alice");
  await page.getByLabel(t("lab.login.password")).fill("wonderland");
  await page.getByRole("button", { name: t("lab.compare.login") }).click();
  await page.getByRole("button", { name: t("lab.compare.call_me") }).click();
  await expect(cell(page, "token", "Last /me answer")).toHaveText(t("lab.table.accepted", { status: 200 }));
  // One text box per word on screen: a word split over two lines has two. A line may
  // break before a parenthesis ("크기" / "(바이트)"), as text does anywhere.
  const split = await splitWords(page.locator(".comparison table"), /[^\s(]+/g);
  expect(split, "words split over two lines").toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "the page itself stays as wide as the screen").toBeLessThanOrEqual(0);
});

// The figures come from the newest results file `make bench` wrote. The test reads the same
// file and checks that the page shows what it says, number for number.
test.describe("compare: measured costs", () => {
  type Run = { target: string; endpoint: string; connections: number; rps: number; p50_ms: number; p99_ms: number };

  async function latestResults() {
    // The driver's own rule, so the test and make bench agree on which file is newest.
    const { newestResults } = await import("../bench/lib/results.mjs");
    const newest = newestResults();
    if (!newest) throw new Error("no results file in end2end/bench/results");
    return newest;
  }

  test("the chart, table and targets show the latest bench results", async ({ page, t, pattern, at }) => {
    const report = await latestResults();
    const runs: Run[] = report.http.filter((r: Run) => r.connections === 16);
    await gotoHydrated(page, at("/compare"));

    const section = page.getByRole("region", { name: t("bench.title") });
    const { cpu, cores, memory_gib: memory, os, rustc, node } = report.machine;
    await expect(section.getByTestId("bench-machine")).toContainText(
      t("bench.machine", { date: report.date, cpu, cores, memory, os, rustc, node }),
    );

    const chart = section.getByRole("img", { name: pattern("bench.chart.title", { connections: 16 }) });
    await expect(chart).toBeVisible();
    const bars = chart.locator("rect");
    await expect(bars).toHaveCount(runs.length);
    const shown = (await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("data-rps"))))).sort(
      (a, b) => a - b,
    );
    expect(shown).toEqual(runs.map((r) => r.rps).sort((a, b) => a - b));
    // The fastest run is the tallest bar.
    const tallest = await bars.evaluateAll((rects) => {
      const heights = rects.map((r) => Number(r.getAttribute("height")));
      return Number(rects[heights.indexOf(Math.max(...heights))].getAttribute("data-rps"));
    });
    expect(tallest).toBe(Math.max(...runs.map((r) => r.rps)));

    const table = section.getByTestId("bench-table");
    await expect(table.locator("tbody tr")).toHaveCount(runs.length);
    const sessionMe = runs.find((r) => r.target === "rust-memory" && r.endpoint === "session_me")!;
    const row = table
      .locator("tbody tr", { hasText: t("bench.endpoints.session_me") })
      .filter({ hasText: t("bench.servers.rust_memory") });
    // The page groups digits with commas in every language.
    await expect(row).toContainText(Math.round(sessionMe.rps).toLocaleString("en-US"));

    const { cookie_median, authorization_median, samples } = report.headers;
    await expect(section.getByTestId("bench-facts")).toContainText(
      t("bench.facts.headers.text", {
        cookie: Math.round(cookie_median),
        authorization: Math.round(authorization_median),
        samples,
      }),
    );
    const targets = section.getByTestId("bench-targets").locator("li");
    await expect(targets).toHaveCount(report.targets.length);
    const missed = report.targets.filter((t: { met: boolean }) => !t.met).length;
    await expect(section.locator(".bench__target--missed")).toHaveCount(missed);
    // The targets are worded from their numbers in the page's language.
    // A page bundle's target names the pages that load it (results from before the page
    // bundles have one site-wide target).
    for (const bundle of report.targets.filter((t: { check?: { kind: string } }) => t.check?.kind === "bundle")) {
      const pages: string[] = bundle.check.pages ?? [];
      const size = { max: bundle.check.max_bytes / 1000, size: (bundle.check.bytes / 1000).toFixed(1) };
      await expect(section.getByTestId("bench-targets")).toContainText(
        pages.length ? t("bench.targets.page_bundle", { pages: pages.join(", "), ...size }) : t("bench.targets.bundle", size),
      );
    }
    // The reliability runs are targets too, each with its figures.
    const storm = report.targets.find((t: { check?: { kind: string } }) => t.check?.kind === "login_storm");
    await expect(section.getByTestId("bench-targets")).toContainText(
      t("bench.targets.login_storm", {
        logins: storm.check.logins,
        max: storm.check.max_p99_ms.toFixed(0),
        ok: storm.check.logins_ok,
        storm: (storm.check.storm_ms / 1000).toFixed(1),
        p99: storm.check.me_p99_storm_ms.toFixed(2),
        rest: storm.check.me_p99_rest_ms.toFixed(2),
        failed: storm.check.me_failed,
      }),
    );

    // What a first visit to each page costs, row for row as make release measured it.
    const pages = section.getByTestId("bench-pages").locator("tbody tr");
    await expect(pages).toHaveCount(report.pages.length);
    for (const [i, p] of report.pages.entries()) {
      const cells = pages.nth(i).locator("th, td");
      await expect(cells).toHaveText([
        p.path,
        `${(p.first_visit_bytes / 1000).toFixed(1)} KB`,
        `${(p.js_wasm_bytes / 1000).toFixed(1)} KB`,
        `${p.interactive_ms} ms`,
      ]);
    }

    // The cluster part, when the results file has one: a row per run, req/s as measured.
    const cluster = section.getByTestId("bench-cluster").locator("tbody tr");
    if (!report.cluster) {
      await expect(cluster).toHaveCount(0);
      return;
    }
    await expect(cluster).toHaveCount(report.cluster.me.length);
    for (const [i, run] of report.cluster.me.entries()) {
      await expect(cluster.nth(i).locator("td").first()).toHaveText(Math.round(run.rps).toLocaleString("en-US"));
    }
    const { logins, copies_per_login, bytes_per_login } = report.cluster.replication;
    await expect(section.getByTestId("bench-replication")).toHaveText(
      t("bench.cluster.replication", { logins, copies: copies_per_login.toFixed(1), bytes: Math.round(bytes_per_login) }),
    );
  });
});
