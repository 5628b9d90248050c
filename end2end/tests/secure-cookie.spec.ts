import { test, expect, gotoHydrated } from "./fixtures";
import { logIn, statusOf } from "./lab";

// Runs against the second server, started with --secure-cookies on plain http. Chromium
// treats loopback (127.0.0.1, localhost) as a trustworthy origin, so it keeps a Secure,
// __Host- prefixed cookie there and sends it back. Browsers differ here (see the README).
for (const host of ["127.0.0.1", "localhost"]) {
  test(`a __Host- Secure session cookie lives on http://${host}`, async ({ page, context, baseURL, lang, t, at }) => {
    const origin = baseURL!.replace("127.0.0.1", host);
    await gotoHydrated(page, `${origin}${at("/session")}`);
    await logIn(page, lang, "alice", "wonderland");
    await expect(page.getByRole("status", { name: t("lab.outcome_label.session") })).toContainText(
      t("outcome.session.logged_in", { user: "alice" }),
    );

    const cookie = (await context.cookies(origin)).find((c) => c.name === "__Host-auth_lab_sid");
    expect(cookie, "the browser kept the cookie").toBeDefined();
    expect(cookie?.secure).toBe(true);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.path).toBe("/");
    await expect(page.getByTestId("session-cookie")).toContainText("__Host-auth_lab_sid");
    // The attribute's own name, as the cookie spells it in every language.
    await expect(page.getByTestId("session-cookie").getByRole("listitem").filter({ hasText: /^Secure$/ })).toHaveCount(1);

    // And it goes back: the server recognises the session on the next request.
    await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
    await expect(await statusOf(page, t("outcome.action.call_me"))).toHaveText("200");
  });
}
