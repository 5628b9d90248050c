import { test, expect } from "@playwright/test";

import { STATES, TOKEN_KEY } from "./states";

// Starts logged in from the saved token state: the JWT is back in localStorage.
test.use({ storageState: STATES.token });

test("a saved token opens /token logged in", async ({ page }) => {
  await page.goto("/token");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  const stored = await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
  expect(stored).toMatch(/^"eyJ[\w-]+\.[\w-]+\.[\w-]+"$/); // JSON: the JWT in quotes
  await expect(page.getByTestId("stored-token")).toBeVisible();

  await page.getByRole("button", { name: "Call /me", exact: true }).click();
  await expect(page.getByTestId("request-row").first().getByTestId("request-status")).toHaveText("200");
  await expect(page.getByRole("status", { name: "Token outcome" })).toContainText("you are bob");
});
