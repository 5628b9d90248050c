import { test, expect } from "./fixtures";
import { recognised } from "./lab";

// Runs in the "no-javascript" project: the browser never executes the wasm or any script.
test.describe("without JavaScript @nojs", () => {
  test("session mode logs in, shows who you are and logs out with plain forms", async ({ page, context, lang, t, at }) => {
    await page.goto(at("/session"));
    await expect(page.getByTestId("page-session")).toContainText(t("lab.page_session.no_cookie"));
    await page.getByLabel(t("lab.login.username")).fill("alice");
    await page.getByLabel(t("lab.login.password")).fill("wonderland");
    await page.getByRole("button", { name: t("lab.login.submit") }).click();

    await expect(page).toHaveURL(at("/session"));
    await expect(page.getByTestId("page-session")).toContainText(recognised(lang, "alice"));
    const cookie = (await context.cookies()).find((c) => c.name === "auth_lab_sid");
    expect(cookie?.httpOnly).toBe(true);

    await page.getByRole("button", { name: t("lab.actions.call_me") }).click();
    await expect(page.getByTestId("page-session")).toContainText(recognised(lang, "alice"));

    await page.getByRole("button", { name: t("lab.actions.logout") }).click();
    await expect(page).toHaveURL(/logged_out=1/);
    await expect(page.getByText(t("lab.page_session.logged_out"))).toBeVisible();
    await expect(page.getByTestId("page-session")).toContainText(t("lab.page_session.no_cookie"));
    expect((await context.cookies()).find((c) => c.name === "auth_lab_sid")).toBeUndefined();
  });

  test("a wrong password comes back as a clear error", async ({ page, t, at }) => {
    await page.goto(at("/session"));
    await page.getByLabel(t("lab.login.username")).fill("bob");
    await page.getByLabel(t("lab.login.password")).fill("wrong");
    await page.getByRole("button", { name: t("lab.login.submit") }).click();
    await expect(page.getByRole("alert")).toContainText(t("lab.form_error.known", { why: t("outcome.reason.invalid_credentials") }));
  });

  test("token mode explains that a localStorage token needs a script", async ({ page, t, at }) => {
    await page.goto(at("/token"));
    await expect(page.getByText(t("lab.needs_script"))).toBeVisible();
    await expect(page.getByRole("button", { name: t("lab.login.submit") })).toBeDisabled();
  });
});
