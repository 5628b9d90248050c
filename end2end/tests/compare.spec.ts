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
    // A bearer token is several times the size of a session cookie, on every request.
    const cookieBytes = bytesIn(await cell(page, "session", "Credential bytes on the last /me").innerText());
    const bearerBytes = bytesIn(await cell(page, "token", "Credential bytes on the last /me").innerText());
    expect(bearerBytes).toBeGreaterThan(cookieBytes * 3);
    // The server keeps a record for the session and nothing for the token.
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
