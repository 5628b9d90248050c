import { test, expect, gotoHydrated, scriptsOn, anyOf } from "./fixtures";
import type { Page } from "@playwright/test";
import { recognised } from "./lab";

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

/** Each page and the catalog entry of its link in the main navigation. */
const PAGES: [string, string][] = [
  ["/session", "common.nav.session"],
  ["/token", "common.nav.token"],
  ["/compare", "common.nav.compare"],
  ["/", "common.nav.home"],
];

test.describe("every page reached both ways @nojs", () => {
  for (const [path, link] of PAGES) {
    test(`${path} shows the same through the site's links as on a direct load`, async ({ page, lang, t, at }) => {
      // Logged in, so /session has a session to show.
      const login = await page.request.post("/api/session/login", { data: { username: "alice", password: "wonderland" } });
      expect(login.status()).toBe(200);

      await gotoHydrated(page, at(path));
      const direct = await evidence(page);

      await gotoHydrated(page, at(path === "/" ? "/session" : "/"));
      const nav = page.getByRole("navigation", { name: t("common.nav.label") });
      await nav.getByRole("link", { name: t(link) }).click();
      await expect(page).toHaveURL(at(path));
      if (scriptsOn()) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
      await expect(nav.getByRole("link", { name: t(link) })).toHaveAttribute("aria-current", "page");
      expect(await evidence(page)).toEqual(direct);
      if (path === "/compare") expect(direct.bars.length).toBeGreaterThan(0);
      if (path === "/session") await expect(page.getByTestId("page-session")).toContainText(recognised(lang, "alice"));
    });
  }
});

test("a reload shows your cookie and your store row, from the server @nojs", async ({ page, context, lang, t, pattern, at }) => {
  await gotoHydrated(page, at("/session"));
  await page.getByLabel(t("lab.login.username")).fill("alice");
  await page.getByLabel(t("lab.login.password")).fill("wonderland");
  await page.getByRole("button", { name: t("lab.login.submit"), exact: true }).click();
  await expect(page.getByTestId("my-store-row")).toHaveCount(1);
  const hint = await page.getByTestId("my-store-row").locator("code").innerText();
  expect((await context.cookies()).some((c) => c.name === "auth_lab_sid")).toBe(true);

  await page.reload();
  if (scriptsOn()) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByTestId("page-session")).toContainText(recognised(lang, "alice"));
  await expect(page.getByTestId("session-cookie")).toContainText("auth_lab_sid");
  await expect(page.getByTestId("session-cookie")).toContainText("HttpOnly");
  await expect(page.getByTestId("cookie-from-page-load")).toBeVisible();
  await expect(page.getByTestId("my-store-row")).toHaveCount(1);
  await expect(page.getByTestId("my-store-row")).toContainText(hint);
  await expect(page.getByTestId("kept-for-you")).not.toContainText(
    pattern("panes.store.kept_for_you", { bytes: t("outcome.bytes_many", { n: 0 }), why: /.*/ }),
  );
  await expect(page.getByTestId("idle-expiry")).toContainText(pattern("outcome.countdown.mins", { m: /\d+/, s: /\d+/ }));
  // The server writes times in UTC; once hydrated, the page writes them in local time. A
  // hydration that kept the server's text would leave "UTC" behind.
  const utc = pattern("outcome.time_utc", { time: /.+/ });
  if (scriptsOn()) await expect(page.getByTestId("my-store-row")).not.toContainText(utc);
  else await expect(page.getByTestId("my-store-row")).toContainText(utc);
});

test("the /me banner says the idle expiry moved only when the server wrote it", async ({ page, t, pattern, at }) => {
  await gotoHydrated(page, at("/session"));
  await page.getByLabel(t("lab.login.username")).fill("bob");
  await page.getByLabel(t("lab.login.password")).fill("builder");
  await page.getByRole("button", { name: t("lab.login.submit"), exact: true }).click();
  const outcome = page.getByRole("status", { name: t("lab.outcome_label.session") });
  await expect(outcome).toContainText(t("outcome.session.logged_in", { user: "bob" }));
  // Two calls: whatever the timing, each banner must agree with its own trace.
  for (let i = 0; i < 2; i++) {
    const before = await page.getByTestId("request-row").count();
    await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
    await expect(page.getByTestId("request-row")).toHaveCount(before + 1);
    const row = page.getByTestId("request-row").first();
    await expect(row).toContainText(t("outcome.action.call_me"));
    await expect(row.getByTestId("request-status")).toHaveText("200");
    // Wait for the banner about this very request (it names the request it is about).
    const seq = (await row.locator(".request__seq").innerText()).replace("#", "");
    await expect(outcome).toHaveAttribute("data-request", seq);
    await row.locator("summary").click();
    const trace = pattern("panes.inspector.trace_label", { id: /.+/ });
    const step = row.getByRole("list", { name: trace }).getByRole("listitem").filter({ hasText: t("panes.inspector.step.idle_extended") });
    // The step's detail is the server's own text, in English whatever the page's language.
    const written = (await step.innerText()).includes("record saved");
    if (written) await expect(outcome).toContainText(pattern("outcome.session.idle_moved", { idle: /.+/ }));
    else {
      await expect(outcome).toContainText(
        anyOf(pattern("outcome.session.idle_unchanged", { idle: /.+/ }), pattern("outcome.session.idle_capped", { idle: /.+/ })),
      );
    }
  }
});

test("the zones picture puts each credential where it really is", async ({ page, t, at }) => {
  const zones = (jar: string, storage: string, store: string) =>
    t("outcome.zones.sentence", { jar: t(`outcome.zones.${jar}`), storage: t(`outcome.zones.${storage}`), store: t(`outcome.zones.${store}`) });
  await gotoHydrated(page, at("/session"));
  const picture = page.getByTestId("zones-picture");
  await expect(picture).toHaveAttribute("aria-label", zones("empty", "empty", "store_nothing"));
  await page.getByLabel(t("lab.login.username")).fill("alice");
  await page.getByLabel(t("lab.login.password")).fill("wonderland");
  await page.getByRole("button", { name: t("lab.login.submit"), exact: true }).click();
  await expect(picture).toHaveAttribute("aria-label", zones("jar_http_only", "empty", "store_row"));
  await page.getByRole("button", { name: t("lab.actions.logout") }).click();
  await expect(picture).toHaveAttribute("aria-label", zones("empty", "empty", "store_nothing"));

  await gotoHydrated(page, at("/token"));
  await page.getByLabel(t("lab.login.username")).fill("bob");
  await page.getByLabel(t("lab.login.password")).fill("builder");
  await page.getByRole("button", { name: t("lab.login.submit"), exact: true }).click();
  const token = page.getByTestId("zones-picture");
  await expect(token).toHaveAttribute("aria-label", zones("empty", "a_token", "store_nothing"));
  await page.getByLabel(t("lab.actions.also_revoke")).check();
  await page.getByRole("button", { name: t("lab.actions.logout") }).click();
  await expect(token).toHaveAttribute("aria-label", zones("empty", "empty", "store_denied"));
});
