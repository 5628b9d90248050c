import { test, expect, gotoHydrated, type Page } from "./fixtures";
import { latestRequest, statusOf } from "./lab";

const KEY = "auth_lab.access_token";

/** The states of the family's links as the server's store reports them, oldest first. */
async function chain(page: Page) {
  return page.getByTestId("refresh-chain").locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-state")));
}

test.describe("refresh tokens", () => {
  test("the refresh token hides in an HttpOnly cookie, rotates on each use, and a thief's replay revokes the family", async ({ page, context, t, pattern, at }) => {
    await gotoHydrated(page, at("/token"));
    const panel = page.getByTestId("refresh-panel");
    await expect(panel.getByTestId("refresh-none")).toHaveText(t("lab.refresh.none"));

    await page.getByLabel(t("lab.login.username")).fill("bob");
    await page.getByLabel(t("lab.login.password")).fill("builder");
    await page.getByTestId("ask-refresh").check();
    await page.getByRole("button", { name: t("lab.login.submit") }).click();
    const outcome = page.getByRole("status", { name: t("lab.outcome_label.token") });
    await expect(outcome).toContainText(t("outcome.refresh.logged_in", { user: "bob", secs: 60 }));

    // The browser holds the refresh token, but no script on the page can see it.
    const refreshCookies = async () => (await context.cookies()).filter((c) => c.name === "auth_lab_refresh");
    expect(await refreshCookies()).toEqual([
      expect.objectContaining({ httpOnly: true, sameSite: "Strict", path: "/api/token/refresh" }),
    ]);
    expect(await page.evaluate(() => document.cookie)).not.toContain("auth_lab_refresh");
    await expect(panel.getByTestId("refresh-generation")).toHaveText(pattern("lab.refresh.generation", { n: 1, family: /[0-9a-f]{8}/ }));
    await expect.poll(() => chain(page)).toEqual(["active"]);

    // The thief copies token 1 now; the user refreshes, so the copy becomes a used token.
    await page.getByTestId("thief-copy").click();
    await expect(outcome).toContainText(t("outcome.refresh.copied"));
    await expect(panel.getByTestId("thief-holds")).toBeVisible();
    const firstAccess = await page.evaluate((key) => localStorage.getItem(key), KEY);
    await page.getByTestId("refresh-now").click();
    await expect(await statusOf(page, t("outcome.action.refresh"))).toHaveText("200");
    await expect(outcome).toContainText(t("outcome.refresh.rotated", { used: 1, next: 2 }));
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).not.toBe(firstAccess);
    await expect(panel.getByTestId("refresh-generation")).toHaveText(pattern("lab.refresh.generation", { n: 2, family: /[0-9a-f]{8}/ }));
    await expect.poll(() => chain(page)).toEqual(["used", "active"]);

    // The thief replays token 1: the server sees a reuse and revokes the whole family.
    await page.getByTestId("thief-replay").click();
    await expect(outcome).toContainText(t("outcome.refresh.thief_caught"));
    await expect(await statusOf(page, t("outcome.action.thief_replay"))).toHaveText("401");
    await latestRequest(page).locator("summary").click();
    await expect(latestRequest(page)).toContainText(t("panes.inspector.step.family_revoked"));
    await expect(panel.getByTestId("family-revoked")).toHaveText(t("lab.refresh.revoked_by_reuse"));
    await expect.poll(() => chain(page)).toEqual(["used", "revoked"]);

    // The user's own token 2 is refused now, and the browser is told to drop the cookie.
    await page.getByTestId("refresh-now").click();
    await expect(await statusOf(page, t("outcome.action.refresh"))).toHaveText("401");
    await expect(outcome).toContainText("refresh_revoked");
    await expect(panel.getByTestId("refresh-none")).toBeVisible();
    expect(await refreshCookies()).toEqual([]);
  });

  test("logging out revokes the family, and the refresh cookie goes with it", async ({ page, context, t, pattern, at }) => {
    await gotoHydrated(page, at("/token"));
    await page.getByLabel(t("lab.login.username")).fill("alice");
    await page.getByLabel(t("lab.login.password")).fill("wonderland");
    await page.getByTestId("ask-refresh").check();
    await page.getByRole("button", { name: t("lab.login.submit") }).click();
    const outcome = page.getByRole("status", { name: t("lab.outcome_label.token") });
    await expect(outcome).toContainText(t("outcome.refresh.logged_in", { user: "alice", secs: 60 }));
    await page.getByRole("button", { name: t("lab.actions.logout") }).click();
    await expect(outcome).toContainText(pattern("outcome.refresh.family_revoked_out", { until: /.+/ }));
    await expect(page.getByTestId("refresh-panel").getByTestId("refresh-none")).toBeVisible();
    expect((await context.cookies()).filter((c) => c.name === "auth_lab_refresh")).toEqual([]);
  });
});
