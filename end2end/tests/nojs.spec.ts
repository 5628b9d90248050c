import { test, expect } from "./fixtures";

// Runs in the "no-javascript" project: the browser never executes the wasm or any script.
test.describe("without JavaScript @nojs", () => {
  test("session mode logs in, shows who you are and logs out with plain forms", async ({ page, context }) => {
    await page.goto("/session");
    await expect(page.getByTestId("page-session")).toContainText("sent no session cookie");
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Password").fill("wonderland");
    await page.getByRole("button", { name: "Log in" }).click();

    await expect(page).toHaveURL(/\/session$/);
    await expect(page.getByTestId("page-session")).toContainText("you are alice");
    const cookie = (await context.cookies()).find((c) => c.name === "auth_lab_sid");
    expect(cookie?.httpOnly).toBe(true);

    await page.getByRole("button", { name: "Call /me" }).click();
    await expect(page.getByTestId("page-session")).toContainText("you are alice");

    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/logged_out=1/);
    await expect(page.getByText("You logged out")).toBeVisible();
    await expect(page.getByTestId("page-session")).toContainText("sent no session cookie");
    expect((await context.cookies()).find((c) => c.name === "auth_lab_sid")).toBeUndefined();
  });

  test("a wrong password comes back as a clear error", async ({ page }) => {
    await page.goto("/session");
    await page.getByLabel("Username").fill("bob");
    await page.getByLabel("Password").fill("wrong");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toContainText("the username or password is wrong");
  });

  test("token mode explains that a localStorage token needs a script", async ({ page }) => {
    await page.goto("/token");
    await expect(page.getByText("Token mode needs JavaScript")).toBeVisible();
    await expect(page.getByRole("button", { name: "Log in" })).toBeDisabled();
  });
});
