import { test, expect, gotoHydrated, anyOf } from "./fixtures";
import { latestRequest, logIn, statusOf } from "./lab";

const KEY = "auth_lab.access_token";

test.describe("token mode", () => {
  test("the token lives in localStorage, the server keeps no record of it, and logout does not kill it", async ({ page, context, lang, t, pattern, at }) => {
    await gotoHydrated(page, at("/token"));
    await logIn(page, lang, "bob", "builder");
    const outcome = page.getByRole("status", { name: t("lab.outcome_label.token") });
    await expect(outcome).toContainText(t("outcome.token.logged_in", { user: "bob" }));

    // localStorage holds a JWT (as JSON, so quoted); no auth cookie exists.
    const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
    expect(stored).toMatch(/^"eyJ[\w-]+\.[\w-]+\.[\w-]+"$/);
    expect((await context.cookies()).filter((c) => c.name.includes("auth_lab"))).toEqual([]);
    await expect(page.getByRole("region", { name: t("panes.zones.local_storage") })).toContainText('"sub": "bob"');
    await expect(page.getByTestId("kept-for-you")).toContainText(
      t("panes.store.kept_for_you", { bytes: t("outcome.bytes_many", { n: 0 }), why: t("panes.store.why.token_not_kept") }),
    );
    await expect(page.getByTestId("my-store-row")).toHaveCount(0);

    await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
    await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("200");

    // Log out without revoking: the browser forgets, the server cannot.
    await page.getByRole("button", { name: t("lab.actions.logout") }).click();
    await expect(outcome).toContainText(pattern("outcome.token.still_valid", { until: /.+/ }));
    await expect(page.getByTestId("copy-exp")).toContainText(
      anyOf(pattern("outcome.countdown.secs", { s: /\d+/ }), pattern("outcome.countdown.mins", { m: /\d+/, s: /\d+/ })),
    );
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
    await page.getByRole("button", { name: t("lab.actions.copied_token_replay") }).click();
    await expect(await statusOf(page, t("outcome.action.replay_token"))).toHaveText("200");
    await expect(outcome).toContainText(t("outcome.token.copy_works"));

    // Again, with revocation: now the copy is refused and the server keeps 30 bytes for it.
    await logIn(page, lang, "bob", "builder");
    await expect(outcome).toContainText(t("outcome.token.logged_in", { user: "bob" }));
    await page.getByLabel(t("lab.actions.also_revoke")).check();
    await page.getByRole("button", { name: t("lab.actions.logout") }).click();
    await expect(outcome).toContainText(t("outcome.token.revoked_out"));
    await page.getByRole("button", { name: t("lab.actions.copied_token_replay") }).click();
    await expect(await statusOf(page, t("outcome.action.replay_token"))).toHaveText("401");
    await expect(outcome).toContainText(t("outcome.token.copy_refused", { status: 401, code: "revoked" }));
    await expect(page.getByTestId("kept-for-you")).toContainText(
      t("panes.store.kept_for_you", { bytes: t("outcome.bytes_many", { n: 30 }), why: t("panes.store.why.token_revoked") }),
    );
  });

  test("when the token's exp passes, /me gets 401 expired", async ({ page, lang, t, pattern, at }) => {
    await gotoHydrated(page, at("/token"));
    await logIn(page, lang, "alice", "wonderland", "secs_3");
    await expect(page.getByTestId("token-exp")).toContainText(t("outcome.countdown.expired"), { timeout: 8_000 });
    await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
    await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("401");
    await latestRequest(page).locator("summary").click();
    await expect(latestRequest(page)).toContainText('"reason": "expired"');
    await expect(page.getByRole("status", { name: t("lab.outcome_label.token") })).toContainText(
      pattern("outcome.token.expired", { exp: /.+/ }),
    );
    await expect(page.getByRole("region", { name: t("panes.zones.local_storage") })).toContainText(t("panes.storage.expired"));
  });

  test("when the browser refuses to store the token, the page says so and shows none", async ({ page, lang, t, pattern, at }) => {
    // A full or switched-off localStorage: writing the token's key throws, as browsers do.
    await page.addInitScript((key) => {
      const write = Storage.prototype.setItem;
      Storage.prototype.setItem = function (name: string, value: string) {
        if (name === key) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        return write.call(this, name, value);
      };
    }, KEY);
    await gotoHydrated(page, at("/token"));
    await logIn(page, lang, "bob", "builder");
    await expect(page.getByRole("status", { name: t("lab.outcome_label.token") })).toContainText(
      pattern("outcome.token.storage_refused", { err: /.+/ }),
    );
    await expect(page.getByRole("region", { name: t("panes.zones.local_storage") })).toContainText(t("panes.storage.no_token"));
  });

  test("before hydration the page says it is checking storage, never logged out", async ({ request, t, at }) => {
    const html = await (await request.get(at("/token"))).text();
    expect(html).toContain(t("panes.storage.checking"));
    expect(html).not.toContain(t("panes.storage.no_token"));
  });

  test("once hydrated, the needs-JavaScript note is gone", async ({ page, at }) => {
    await gotoHydrated(page, at("/token"));
    await expect(page.getByTestId("needs-script")).toHaveCount(0);
  });
});
