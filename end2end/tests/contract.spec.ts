import fs from "node:fs";
import path from "node:path";

import { test, expect, gotoHydrated } from "./fixtures";
import { entries, msg, msgPattern, type Lang } from "./catalog";
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
const PAGES = ["/", "/session", "/token", "/compare", "/cluster", "/security", "/interview", "/interview/quiz"];

/**
 * The contract's tables name things in English; a page in `lang` names them with the same
 * catalog entry's words. An English name that is no entry, or entries that say it in
 * different words in `lang`, is a mistake in the contract or the catalog.
 */
function named(lang: Lang, english: string): string {
  const keys = [...entries("en")].filter(([, text]) => text === english).map(([key]) => key);
  const words = [...new Set(keys.map((key) => msg(lang, key)))];
  if (words.length !== 1) throw new Error(`"${english}" is ${words.length} names in ${lang}: ${keys.join(", ") || "no catalog entry"}`);
  return words[0];
}
const STATES = ["loaded", "logged in", "logged out"];

test("the contract lists something for every page", () => {
  expect(rows.length).toBeGreaterThan(40);
  for (const row of rows) {
    expect(["every page", ...PAGES], JSON.stringify(row)).toContain(row.page);
    expect(STATES, JSON.stringify(row)).toContain(row.state);
  }
});

/** Brings `page` (already on `path`) from one state to the next, through its own controls. */
async function advance(page: Page, lang: Lang, path: string, to: string) {
  // Token mode's banner speaks for /token; the session banner for /session and /compare.
  const mode = path === "/token" ? "token" : "session";
  const outcome = page.getByRole("status", { name: msg(lang, `lab.outcome_label.${mode}`) });
  if (to === "logged in") {
    await page.getByLabel(msg(lang, "lab.login.username")).fill("alice");
    await page.getByLabel(msg(lang, "lab.login.password")).fill("wonderland");
    const logIn = path === "/compare" ? "lab.compare.login" : "lab.login.submit";
    await page.getByRole("button", { name: msg(lang, logIn), exact: true }).click();
    await expect(outcome).toContainText(msg(lang, `outcome.${mode}.logged_in`, { user: "alice" }));
  } else if (to === "logged out") {
    const logOut = path === "/compare" ? "lab.compare.logout" : "lab.actions.logout";
    await page.getByRole("button", { name: msg(lang, logOut), exact: true }).click();
    // A token logout without revoking leaves the token valid until its exp, a time of day.
    await expect(outcome).toContainText(
      mode === "token" ? msgPattern(lang, "outcome.token.still_valid", { until: /.+/ }) : msg(lang, "outcome.session.logged_out"),
    );
  }
}

for (const path of PAGES) {
  test(`${path} has every role and test id the contract lists`, async ({ page, lang, at }) => {
    await gotoHydrated(page, at(path));
    for (const state of STATES) {
      const mine = rows.filter((r) => (r.page === path || r.page === "every page") && r.state === state);
      if (mine.length === 0) continue;
      await advance(page, lang, path, state);
      for (const row of mine) {
        const locator =
          row.kind === "testid"
            ? page.getByTestId(row.name)
            : row.name
              ? page.getByRole(row.role as Parameters<Page["getByRole"]>[0], { name: named(lang, row.name), exact: true })
              : page.getByRole(row.role as Parameters<Page["getByRole"]>[0]);
        await expect(locator.first(), `${path} (${state}): ${row.kind} ${row.role ?? ""} "${row.name}"`).toBeAttached();
      }
    }
  });
}
