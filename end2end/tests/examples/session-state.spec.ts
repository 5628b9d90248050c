import { test, expect } from "../fixtures";
import { recognised } from "../lab";
import { states } from "./states";

// Starts logged in from the saved session state: no login step. It never logs out, because
// that would delete the server's record and break every other test using the same state.
test.use({ storageState: async ({ lang }, use) => use(states(lang).session) });

test("a saved session cookie opens /session logged in", async ({ page, context, lang, t, at }) => {
  await page.goto(at("/session"));
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByTestId("page-session")).toContainText(recognised(lang, "alice"));
  await expect(page.getByTestId("my-store-row")).toHaveCount(1);

  const cookie = (await context.cookies()).find((c) => c.name === "auth_lab_sid");
  expect(cookie?.httpOnly).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain("auth_lab_sid");

  await page.getByRole("button", { name: t("lab.actions.call_me"), exact: true }).click();
  await expect(page.getByTestId("request-row").first().getByTestId("request-status")).toHaveText("200");
});
