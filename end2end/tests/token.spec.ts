import { test, expect, gotoHydrated } from "./fixtures";
import { latestRequest, logIn, statusOf } from "./lab";

const KEY = "auth_lab.access_token";

test.describe("token mode", () => {
  test("the token lives in localStorage, the server keeps no record of it, and logout does not kill it", async ({ page, context }) => {
    await gotoHydrated(page, "/token");
    await logIn(page, "bob", "builder");
    const outcome = page.getByRole("status", { name: "Token outcome" });
    await expect(outcome).toContainText("Logged in as bob");

    // localStorage holds a JWT (as JSON, so quoted); no auth cookie exists.
    const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
    expect(stored).toMatch(/^"eyJ[\w-]+\.[\w-]+\.[\w-]+"$/);
    expect((await context.cookies()).filter((c) => c.name.includes("auth_lab"))).toEqual([]);
    await expect(page.getByRole("region", { name: "Browser: localStorage" })).toContainText('"sub": "bob"');
    await expect(page.getByTestId("kept-for-you")).toContainText("Kept for you: 0 bytes");
    await expect(page.getByTestId("my-store-row")).toHaveCount(0);

    await page.getByRole("button", { name: "Call /me" }).click();
    await expect(await statusOf(page, "Call /me")).toHaveText("200");

    // Log out without revoking: the browser forgets, the server cannot.
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(outcome).toContainText("the server still accepts it until");
    await expect(page.getByTestId("copy-exp")).toContainText(/in \d+ (s|min)/);
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
    await page.getByRole("button", { name: "Replay the old token" }).click();
    await expect(await statusOf(page, "Replay the old token")).toHaveText("200");
    await expect(outcome).toContainText("still works");

    // Again, with revocation: now the copy is refused and the server keeps 30 bytes for it.
    await logIn(page, "bob", "builder");
    await expect(outcome).toContainText("Logged in as bob");
    await page.getByLabel(/Also revoke on the server/).check();
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(outcome).toContainText("deny-list");
    await page.getByRole("button", { name: "Replay the old token" }).click();
    await expect(await statusOf(page, "Replay the old token")).toHaveText("401");
    await expect(outcome).toContainText("401 revoked");
    await expect(page.getByTestId("kept-for-you")).toContainText("Kept for you: 30 bytes");
  });

  test("when the token's exp passes, /me gets 401 expired", async ({ page }) => {
    await gotoHydrated(page, "/token");
    await logIn(page, "alice", "wonderland", "3 seconds");
    await expect(page.getByTestId("token-exp")).toContainText("expired", { timeout: 8_000 });
    await page.getByRole("button", { name: "Call /me" }).click();
    await expect(await statusOf(page, "Call /me")).toHaveText("401");
    await latestRequest(page).locator("summary").click();
    await expect(latestRequest(page)).toContainText('"reason": "expired"');
    await expect(page.getByRole("status", { name: "Token outcome" })).toContainText("Your token expired");
    await expect(page.getByRole("region", { name: "Browser: localStorage" })).toContainText("expired");
  });

  test("before hydration the page says it is checking storage, never logged out", async ({ request }) => {
    const html = await (await request.get("/token")).text();
    expect(html).toContain("Checking browser storage");
    expect(html).not.toContain("No token in localStorage");
  });

  test("once hydrated, the needs-JavaScript note is gone", async ({ page }) => {
    await gotoHydrated(page, "/token");
    await expect(page.getByTestId("needs-script")).toHaveCount(0);
  });
});
