import type { Browser } from "@playwright/test";

import { test as setup, expect, type Lang } from "../fixtures";
import { msg } from "../catalog";
import { states } from "./states";

// Logs in once per mode, through the lab's own pages, and saves what the browser holds.
// The specs in this folder start from these files instead of logging in again.

/** Logs in on `path` in a fresh browser context and returns the state it saved to `file`. */
async function logInAndSave(browser: Browser, lang: Lang, path: string, username: string, password: string, file: string) {
  const mode = path.endsWith("/token") ? "token" : "session";
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel(msg(lang, "lab.login.username")).fill(username);
  await page.getByLabel(msg(lang, "lab.login.password")).fill(password);
  await page.getByRole("button", { name: msg(lang, "lab.login.submit"), exact: true }).click();
  await expect(page.getByRole("status", { name: msg(lang, `lab.outcome_label.${mode}`) })).toContainText(
    msg(lang, `outcome.${mode}.logged_in`, { user: username }),
  );
  const state = await context.storageState({ path: file });
  await context.close();
  return state;
}

setup("log in with a session and save the cookie jar", async ({ browser, lang, at }) => {
  const state = await logInAndSave(browser, lang, at("/session"), "alice", "wonderland", states(lang).session);
  // The HttpOnly cookie is in the saved state even though no script can read it.
  expect(state.cookies.find((c) => c.name === "auth_lab_sid")?.httpOnly).toBe(true);
});

setup("log in with a token and save localStorage", async ({ browser, lang, at }) => {
  const state = await logInAndSave(browser, lang, at("/token"), "bob", "builder", states(lang).token);
  expect(state.cookies).toEqual([]);
  expect(state.origins[0].localStorage.map((entry) => entry.name)).toContain("auth_lab.access_token");
});
