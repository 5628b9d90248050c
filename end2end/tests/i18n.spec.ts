import type { Page } from "@playwright/test";
import { test, expect, gotoHydrated, scriptsOn } from "./fixtures";
import { englishSentences, msg } from "./catalog";

const PAGES = [
  "/",
  "/session",
  "/token",
  "/compare",
  "/cluster",
  "/security",
  "/interview",
  "/interview/http-stateless",
  "/interview/myths",
  "/interview/quiz",
  "/interview/sheet",
];

/** Everything a reader can see or hear on the page: its text, its title and its labels. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll("[aria-label],[title],[placeholder],[alt]")].flatMap((el) =>
      ["aria-label", "title", "placeholder", "alt"].map((name) => el.getAttribute(name) ?? ""),
    );
    return [document.title, document.body.innerText, ...labels].join("\n");
  });
}

async function expectNoEnglish(page: Page) {
  const text = await readableText(page);
  const left = englishSentences().filter(({ text: english }) => text.includes(english));
  expect(left, "English catalog text on a Korean page").toEqual([]);
}

test.describe("Korean pages @nojs", () => {
  for (const path of [...PAGES, "/nowhere"]) {
    const korean = path === "/" ? "/ko" : `/ko${path}`;
    test(`${korean} speaks Korean only`, async ({ page }) => {
      const response = await gotoHydrated(page, korean);
      expect(response?.headers()["content-language"]).toBe("ko");
      await expect(page.locator("html")).toHaveAttribute("lang", "ko");
      await expectNoEnglish(page);
      // The links keep the language.
      for (const href of await page.locator("nav a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
        expect(href).toMatch(/^\/ko(\/|$)/);
      }
    });
  }

  test("the language switch keeps the page, both ways, and remembers the choice", async ({ page, context }) => {
    await gotoHydrated(page, "/token");
    await page.getByTestId("language-switch").click();
    await expect(page).toHaveURL(/\/ko\/token$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.locator("h1")).toHaveText(msg("ko", "token.title"));
    const cookie = (await context.cookies()).find((c) => c.name === "auth_lab_lang");
    expect(cookie?.value).toBe("ko");

    // An unprefixed address now follows the cookie.
    await gotoHydrated(page, "/session");
    await expect(page.locator("h1")).toHaveText(msg("ko", "session.title"));

    await page.getByTestId("language-switch").click();
    await expect(page).toHaveURL(/\/session$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator("h1")).toHaveText(msg("en", "session.title"));
  });

  test("no JavaScript needed: /ko/session logs in and out with its forms, in Korean", async ({ page }) => {
    test.skip(scriptsOn(), "with scripts on, the island sends the form itself");
    await page.goto("/ko/session");
    await page.locator("#session-username").fill("alice");
    await page.locator("#session-password").fill("wonderland");
    await page.locator("form.login-form button[type=submit]").click();
    await expect(page).toHaveURL(/\/ko\/session$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.getByTestId("page-session")).toContainText("alice");
    await expectNoEnglish(page);
    await page.locator("form[action$='/session/logout'] button[type=submit]").first().click();
    await expect(page).toHaveURL(/\/ko\/session\?logged_out=1$/);
    await expectNoEnglish(page);
  });
});

test.describe("language negotiation", () => {
  test.use({ locale: "ko-KR" });

  test("a Korean browser gets Korean at the unprefixed address, and English on request", async ({ page }) => {
    await gotoHydrated(page, "/session");
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.getByRole("link", { name: msg("ko", "common.nav.token") })).toHaveAttribute("href", "/ko/token");
    await page.getByTestId("language-switch").click();
    await expect(page).toHaveURL(/\/session$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test("a Korean session walkthrough is worded from the Korean catalog", async ({ page }) => {
  test.skip(!scriptsOn(), "the banners are written by the island");
  await gotoHydrated(page, "/ko/session");
  await page.locator("#session-username").fill("alice");
  await page.locator("#session-password").fill("wonderland");
  await page.locator("form.login-form button[type=submit]").click();
  const banner = page.locator(".banner[role=status]").first();
  await expect(banner).toContainText(msg("ko", "outcome.session.logged_in", { user: "alice" }));
  await expectNoEnglish(page);
});
