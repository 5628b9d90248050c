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

/**
 * Parses the time of day a countdown shows, as seconds since midnight: the page writes it on
 * the 12-hour clock of its language ("3:04:05 PM", "오후 3:04:05"), or 24-hour if a
 * browser's Intl says so.
 */
export function clockSeconds(text: string): number {
  const match = /(오전|오후)?\s*(\d{1,2}):(\d\d):(\d\d)(?:\s*(AM|PM))?/.exec(text);
  if (!match) throw new Error(`no time in ${JSON.stringify(text)}`);
  const half = match[1] ?? match[5];
  let hours = Number(match[2]);
  if (half) hours = (hours % 12) + (half === "PM" || half === "오후" ? 12 : 0);
  return hours * 3600 + Number(match[3]) * 60 + Number(match[4]);
}
