import fs from "node:fs";
import path from "node:path";

import { test, expect, gotoHydrated } from "./fixtures";

function cell(page: import("@playwright/test").Page, mode: "session" | "token", label: string) {
  return page.getByTestId(`${mode}: ${label}`);
}

function bytesIn(text: string): number {
  const match = /(\d+) byte/.exec(text);
  if (!match) throw new Error(`no byte count in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

test.describe("compare", () => {
  test("the same actions in both modes line up their differences", async ({ page }) => {
    await gotoHydrated(page, "/compare");
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Password").fill("wonderland");
    await page.getByRole("button", { name: "Log in (both)" }).click();
    await expect(page.getByRole("status", { name: "Session outcome" })).toContainText("Logged in as alice");
    await expect(page.getByRole("status", { name: "Token outcome" })).toContainText("Logged in as alice");

    await page.getByRole("button", { name: "Call /me (both)" }).click();
    await expect(cell(page, "session", "Last /me answer")).toHaveText("200 (accepted)");
    await expect(cell(page, "token", "Last /me answer")).toHaveText("200 (accepted)");
    // A bearer token is several times the size of a session cookie, on each request that carries it.
    const cookieBytes = bytesIn(await cell(page, "session", "Credential bytes on the last /me").innerText());
    const bearerBytes = bytesIn(await cell(page, "token", "Credential bytes on the last /me").innerText());
    expect(bearerBytes).toBeGreaterThan(cookieBytes * 3);
    // The server keeps a record for the session and none for the token.
    await expect.poll(async () => bytesIn(await cell(page, "session", "Kept on the server for you").innerText())).toBeGreaterThan(50);
    await expect(cell(page, "token", "Kept on the server for you")).toHaveText("0 bytes");
    await expect(cell(page, "session", "Server time for the last /me")).toContainText("ms");

    await page.getByRole("button", { name: "Log out (both)" }).click();
    await page.getByRole("button", { name: "Replay the old credentials (both)" }).click();
    await expect(cell(page, "session", "Old credential replayed after logout")).toHaveText("401 unknown_session");
    await expect(cell(page, "token", "Old credential replayed after logout")).toHaveText("200 (accepted)");
  });

  test("with 3 s lifetimes both logins expire and /me says so in both", async ({ page }) => {
    await gotoHydrated(page, "/compare");
    await page.getByLabel("Username").fill("bob");
    await page.getByLabel("Password").fill("builder");
    await page.getByLabel("Lifetime (idle timeout / token lifetime)").selectOption({ label: "3 seconds" });
    await page.getByRole("button", { name: "Log in (both)" }).click();
    await expect(page.getByRole("status", { name: "Token outcome" })).toContainText("Logged in as bob");
    await expect(page.getByTestId("idle-expiry")).toContainText("expired", { timeout: 8_000 });
    await expect(page.getByTestId("token-exp")).toContainText("expired", { timeout: 8_000 });
    await page.getByRole("button", { name: "Call /me (both)" }).click();
    await expect(cell(page, "session", "Last /me answer")).toHaveText("401 expired");
    await expect(cell(page, "token", "Last /me answer")).toHaveText("401 expired");
  });
});

// The figures come from the newest results file `make bench` wrote. The test reads the same
// file and checks that the page shows what it says, number for number.
test.describe("compare: measured costs", () => {
  type Run = { target: string; endpoint: string; connections: number; rps: number; p50_ms: number; p99_ms: number };

  function latestResults() {
    const dir = path.join(__dirname, "../bench/results");
    const newest = fs
      .readdirSync(dir)
      .filter((name) => /^\d{4}-\d{2}-\d{2}\.json$/.test(name))
      .sort()
      .at(-1);
    if (!newest) throw new Error(`no results file in ${dir}`);
    return JSON.parse(fs.readFileSync(path.join(dir, newest), "utf8"));
  }

  test("the chart, table and targets show the latest bench results", async ({ page }) => {
    const report = latestResults();
    const runs: Run[] = report.http.filter((r: Run) => r.connections === 16);
    await gotoHydrated(page, "/compare");

    const section = page.getByRole("region", { name: "What each way costs, measured" });
    await expect(section.getByTestId("bench-machine")).toContainText(`Measured ${report.date} on ${report.machine.cpu}`);

    const chart = section.getByRole("img", { name: /Requests per second at 16 connections/ });
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
    const row = table.locator("tbody tr", { hasText: "session /me" }).filter({ hasText: "Auth Lab, memory store" });
    await expect(row).toContainText(Math.round(sessionMe.rps).toLocaleString("en-US"));

    await expect(section.getByTestId("bench-facts")).toContainText(
      `a ${Math.round(report.headers.cookie_median)} B Cookie header`,
    );
    const targets = section.getByTestId("bench-targets").locator("li");
    await expect(targets).toHaveCount(report.targets.length);
    const missed = report.targets.filter((t: { met: boolean }) => !t.met).length;
    await expect(section.locator(".bench__target--missed")).toHaveCount(missed);
  });
});
