import { test as setup, expect, type Browser } from "@playwright/test";

import { STATES } from "./states";

// Logs in once per mode, through the lab's own pages, and saves what the browser holds.
// The specs in this folder start from these files instead of logging in again.

/** Logs in on `path` in a fresh browser context and returns the state it saved to `file`. */
async function logInAndSave(browser: Browser, path: string, username: string, password: string, file: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(page.getByRole("status", { name: /outcome/ })).toContainText(`Logged in as ${username}`);
  const state = await context.storageState({ path: file });
  await context.close();
  return state;
}

setup("log in with a session and save the cookie jar", async ({ browser }) => {
  const state = await logInAndSave(browser, "/session", "alice", "wonderland", STATES.session);
  // The HttpOnly cookie is in the saved state even though no script can read it.
  expect(state.cookies.find((c) => c.name === "auth_lab_sid")?.httpOnly).toBe(true);
});

setup("log in with a token and save localStorage", async ({ browser }) => {
  const state = await logInAndSave(browser, "/token", "bob", "builder", STATES.token);
  expect(state.cookies).toEqual([]);
  expect(state.origins[0].localStorage.map((entry) => entry.name)).toContain("auth_lab.access_token");
});
