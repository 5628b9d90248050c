import { test, expect, gotoHydrated, scriptsOn } from "./fixtures";
import type { Page } from "@playwright/test";

// Every page must say the same true things however the reader got there: typed into the
// address bar, reloaded, or reached through the site's own links.

/** What a page shows that comes from the server: headings, test ids, the chart's bars. */
async function evidence(page: Page) {
  const main = page.getByRole("main");
  return {
    h1: await main.getByRole("heading", { level: 1 }).innerText(),
    h2: await main.getByRole("heading", { level: 2 }).allInnerTexts(),
    // Other visitors' rows and requests (other tests share this server) come and go; what
    // this page itself shows must not.
    testids: [
      ...new Set(
        await main.locator("[data-testid]").evaluateAll((els) =>
          els
            .filter((e) => !e.closest("[data-testid=foreign-request-row], [data-testid=store-row], [data-testid=denylist-row]"))
            .map((e) => e.getAttribute("data-testid")),
        ),
      ),
    ].sort(),
    bars: await main.locator("[data-testid=bench-chart] rect[data-rps]").evaluateAll((els) => els.map((e) => e.getAttribute("data-rps"))),
  };
}

const PAGES: [string, string][] = [
  ["/session", "Session mode"],
  ["/token", "Token mode"],
  ["/compare", "Compare"],
  ["/", "Home"],
];

test.describe("every page reached both ways @nojs", () => {
  for (const [path, link] of PAGES) {
    test(`${path} shows the same through the site's links as on a direct load`, async ({ page }) => {
      // Logged in, so /session has a session to show.
      const login = await page.request.post("/api/session/login", { data: { username: "alice", password: "wonderland" } });
      expect(login.status()).toBe(200);

      await gotoHydrated(page, path);
      const direct = await evidence(page);

      await gotoHydrated(page, path === "/" ? "/session" : "/");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
      await expect(page).toHaveURL(new RegExp(`${path.replace("/", "\\/")}$`));
      if (scriptsOn()) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
      expect(await evidence(page)).toEqual(direct);
      if (path === "/compare") expect(direct.bars.length).toBeGreaterThan(0);
      if (path === "/session") await expect(page.getByTestId("page-session")).toContainText("you are alice");
    });
  }
});

test("a reload shows your cookie and your store row, from the server @nojs", async ({ page, context }) => {
  await gotoHydrated(page, "/session");
  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill("wonderland");
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(page.getByTestId("my-store-row")).toHaveCount(1);
  const hint = await page.getByTestId("my-store-row").locator("code").innerText();
  expect((await context.cookies()).some((c) => c.name === "auth_lab_sid")).toBe(true);

  await page.reload();
  if (scriptsOn()) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByTestId("page-session")).toContainText("you are alice");
  await expect(page.getByTestId("session-cookie")).toContainText("auth_lab_sid");
  await expect(page.getByTestId("session-cookie")).toContainText("HttpOnly");
  await expect(page.getByTestId("cookie-from-page-load")).toBeVisible();
  await expect(page.getByTestId("my-store-row")).toHaveCount(1);
  await expect(page.getByTestId("my-store-row")).toContainText(hint);
  await expect(page.getByTestId("kept-for-you")).not.toContainText("Kept for you: 0 bytes");
  await expect(page.getByTestId("idle-expiry")).toContainText(/in \d+ min/);
  // The server writes times in UTC; once hydrated, the page writes them in local time. A
  // hydration that kept the server's text would leave "UTC" behind.
  if (scriptsOn()) await expect(page.getByTestId("my-store-row")).not.toContainText("UTC");
  else await expect(page.getByTestId("my-store-row")).toContainText("UTC");
});

test("the /me banner says the idle expiry moved only when the server wrote it", async ({ page }) => {
  await gotoHydrated(page, "/session");
  await page.getByLabel("Username").fill("bob");
  await page.getByLabel("Password").fill("builder");
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  const outcome = page.getByRole("status", { name: "Session outcome" });
  await expect(outcome).toContainText("Logged in as bob");
  // Two calls: whatever the timing, each banner must agree with its own trace.
  for (let i = 0; i < 2; i++) {
    const before = await page.getByTestId("request-row").count();
    await page.getByRole("button", { name: "Call /me" }).click();
    await expect(page.getByTestId("request-row")).toHaveCount(before + 1);
    const row = page.getByTestId("request-row").first();
    await expect(row).toContainText("Call /me");
    await expect(row.getByTestId("request-status")).toHaveText("200");
    // Wait for the banner about this very request (it names the request it is about).
    const seq = (await row.locator(".request__seq").innerText()).replace("#", "");
    await expect(outcome).toHaveAttribute("data-request", seq);
    await row.locator("summary").click();
    const step = row.getByRole("list", { name: /Server trace/ }).getByRole("listitem").filter({ hasText: "idle extended" });
    const written = (await step.innerText()).includes("record saved");
    if (written) await expect(outcome).toContainText("moved the idle expiry");
    else await expect(outcome).toContainText("wrote nothing");
  }
});

test("the zones picture puts each credential where it really is", async ({ page }) => {
  await gotoHydrated(page, "/session");
  const picture = page.getByTestId("zones-picture");
  await expect(picture).toHaveAttribute("aria-label", "Cookie jar: empty. localStorage: empty. Server store: nothing of yours.");
  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill("wonderland");
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(picture).toHaveAttribute("aria-label", "Cookie jar: a session cookie, HttpOnly. localStorage: empty. Server store: your session row.");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(picture).toHaveAttribute("aria-label", "Cookie jar: empty. localStorage: empty. Server store: nothing of yours.");

  await gotoHydrated(page, "/token");
  await page.getByLabel("Username").fill("bob");
  await page.getByLabel("Password").fill("builder");
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  const token = page.getByTestId("zones-picture");
  await expect(token).toHaveAttribute("aria-label", "Cookie jar: empty. localStorage: a token. Server store: nothing of yours.");
  await page.getByLabel(/Also revoke on the server/).check();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(token).toHaveAttribute("aria-label", "Cookie jar: empty. localStorage: empty. Server store: your revoked token's ID.");
});
