import { expect, type Page } from "@playwright/test";

/** Logs in through the page's own form, picking a lifetime by its visible label. */
export async function logIn(page: Page, username: string, password: string, lifetime = "30 seconds") {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel(/Idle timeout|Token lifetime/).selectOption({ label: lifetime });
  await page.getByRole("button", { name: "Log in" }).click();
}

/** The newest row of the request inspector. */
export function latestRequest(page: Page) {
  return page.getByTestId("request-row").first();
}

/** Waits until the newest request is the one named `action`, then returns its status cell. */
export async function statusOf(page: Page, action: string) {
  const row = latestRequest(page);
  await expect(row).toContainText(action);
  return row.getByTestId("request-status");
}

/** Parses the local HH:MM:SS a countdown shows, as seconds since midnight. */
export function clockSeconds(text: string): number {
  const match = /(\d\d):(\d\d):(\d\d)/.exec(text);
  if (!match) throw new Error(`no time in ${JSON.stringify(text)}`);
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}
