import fs from "node:fs";
import path from "node:path";

import { test, expect, gotoHydrated } from "./fixtures";
import type { Page } from "@playwright/test";

// The test contract in end2end/README.md, checked: every role, name and test id it lists
// must be on its page in its state. Removing one from the product fails here first.

type Row = { page: string; state: string; kind: "role" | "testid"; role?: string; name: string };

function table(markdown: string, marker: string): string[][] {
  const body = markdown.split(`<!-- contract:${marker}:begin -->`)[1]?.split(`<!-- contract:${marker}:end -->`)[0];
  if (!body) throw new Error(`no ${marker} table in end2end/README.md`);
  return body
    .trim()
    .split("\n")
    .slice(2) // header and separator
    .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim().replace(/^`|`$/g, "")));
}

const readme = fs.readFileSync(path.join(__dirname, "../README.md"), "utf8");
const rows: Row[] = [
  ...table(readme, "roles").map(([page, state, role, name]) => ({ page, state, kind: "role" as const, role, name })),
  ...table(readme, "testids").map(([page, state, name]) => ({ page, state, kind: "testid" as const, name })),
];
const PAGES = ["/", "/session", "/token", "/compare"];
const STATES = ["loaded", "logged in", "logged out"];

test("the contract lists something for every page", () => {
  expect(rows.length).toBeGreaterThan(40);
  for (const row of rows) {
    expect(["every page", ...PAGES], JSON.stringify(row)).toContain(row.page);
    expect(STATES, JSON.stringify(row)).toContain(row.state);
  }
});

/** Brings `page` (already on `path`) from one state to the next, through its own controls. */
async function advance(page: Page, path: string, to: string) {
  if (to === "logged in") {
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Password").fill("wonderland");
    await page.getByRole("button", { name: path === "/compare" ? "Log in (both)" : "Log in", exact: true }).click();
    const outcome = path === "/token" ? "Token outcome" : "Session outcome";
    await expect(page.getByRole("status", { name: outcome })).toContainText("Logged in as alice");
  } else if (to === "logged out") {
    await page.getByRole("button", { name: path === "/compare" ? "Log out (both)" : "Log out", exact: true }).click();
    await expect(page.getByRole("status", { name: path === "/token" ? "Token outcome" : "Session outcome" })).toContainText(
      /logged out|removed from this browser/,
    );
  }
}

for (const path of PAGES) {
  test(`${path} has every role and test id the contract lists`, async ({ page }) => {
    await gotoHydrated(page, path);
    for (const state of STATES) {
      const mine = rows.filter((r) => (r.page === path || r.page === "every page") && r.state === state);
      if (mine.length === 0) continue;
      await advance(page, path, state);
      for (const row of mine) {
        const locator =
          row.kind === "testid"
            ? page.getByTestId(row.name)
            : row.name
              ? page.getByRole(row.role as Parameters<Page["getByRole"]>[0], { name: row.name, exact: true })
              : page.getByRole(row.role as Parameters<Page["getByRole"]>[0]);
        await expect(locator.first(), `${path} (${state}): ${row.kind} ${row.role ?? ""} "${row.name}"`).toBeAttached();
      }
    }
  });
}
