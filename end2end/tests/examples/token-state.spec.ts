import { test, expect } from "../fixtures";
import { states, TOKEN_KEY } from "./states";

// Starts logged in from the saved token state: the JWT is back in localStorage.
test.use({ storageState: async ({ lang }, use) => use(states(lang).token) });

test("a saved token opens /token logged in", async ({ page, t, at }) => {
  await page.goto(at("/token"));
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  const stored = await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
  expect(stored).toMatch(/^"eyJ[\w-]+\.[\w-]+\.[\w-]+"$/); // JSON: the JWT in quotes
  await expect(page.getByTestId("stored-token")).toBeVisible();

  await page.getByRole("button", { name: t("lab.actions.call_me"), exact: true }).click();
  await expect(page.getByTestId("request-row").first().getByTestId("request-status")).toHaveText("200");
  await expect(page.getByRole("status", { name: t("lab.outcome_label.token") })).toContainText(t("outcome.token.me", { user: "bob" }));
});
