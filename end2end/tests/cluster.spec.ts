import type { Page } from "@playwright/test";

import { test, expect, gotoHydrated } from "./fixtures";

// Each preset's story on /cluster, end to end, against real node processes (and a real
// redis-server). The cluster is one per server, so these run one at a time on a server of
// their own (see playwright.config.ts), and the Korean project runs after the English one.
// Every wait is on the page's own state (a button enabled again, a row's attribute), never
// on time. Each story leaves every node running for the next.
test.describe.configure({ mode: "serial" });

/** Clicks a control and waits until the lab has finished what it started. */
async function click(page: Page, testId: string, inside?: string) {
  const scope = inside ? page.getByTestId(inside) : page;
  await scope.getByTestId(testId).click();
  await expect(page.getByTestId("cluster-login")).toBeEnabled();
}

const newest = (page: Page) => page.getByTestId("cluster-call").first();

/** Logs in through the balancer; returns the node that served the login. */
async function logIn(page: Page) {
  await click(page, "cluster-login");
  await expect(newest(page)).toHaveAttribute("data-status", "200");
  const node = await newest(page).getAttribute("data-node");
  expect(node).toMatch(/^node-[123]$/);
  return node as string;
}

/** The findings cell of `preset`'s row. */
const finding = (page: Page, preset: string, column: string) => page.getByTestId(`result-${preset}`).getByTestId(`result-${column}`);

test.beforeEach(async ({ page, at }) => {
  await gotoHydrated(page, at("/cluster"));
  await expect(page.getByTestId("node-1")).toBeVisible();
});

test("round robin on local memory: the first request to another node finds no session", async ({ page, t }) => {
  await click(page, "preset-round-robin-local");
  await expect(page.getByTestId("preset-note")).toHaveText(t("cluster.preset_note.round_robin_local"));
  const home = await logIn(page);
  await expect(page.getByTestId(home).getByTestId("node-sessions")).toContainText("alice");

  await click(page, "cluster-me");
  await expect(newest(page)).toHaveAttribute("data-status", "401");
  await expect(newest(page)).not.toHaveAttribute("data-node", home);
  await expect(newest(page)).toContainText("unknown_session");

  // Twelve more: round robin spreads them evenly, and with the cookie cleared none succeeds.
  await click(page, "cluster-me-many");
  for (const id of ["node-1", "node-2", "node-3"]) {
    await expect(page.getByTestId(`spread-${id}`)).toHaveAttribute("data-count", "4");
  }
  await expect(page.locator('[data-testid="cluster-call"][data-status="200"]')).toHaveCount(1); // the login
  await expect(finding(page, "round-robin-local", "copies")).toHaveText("1");
});

test("sticky sessions: one node takes every call until it stops, and the session dies with it", async ({ page, t }) => {
  await click(page, "preset-sticky");
  const home = await logIn(page);
  await click(page, "cluster-me-many");
  await expect(page.getByTestId(`spread-${home}`)).toHaveAttribute("data-count", "12");
  await expect(page.locator('[data-testid="cluster-call"][data-status="200"]')).toHaveCount(13);

  await click(page, "node-switch", home);
  await expect(page.getByTestId(home).getByTestId("node-state")).toHaveText(t("cluster.node.down"));
  await click(page, "cluster-me");
  await expect(newest(page)).toHaveAttribute("data-status", "401");
  await expect(newest(page)).not.toHaveAttribute("data-node", home);
  await expect(finding(page, "sticky", "node-stop")).toHaveText(t("cluster.results.no"));

  await click(page, "node-switch", home);
  await expect(page.getByTestId(home).getByTestId("node-state")).toHaveText(t("cluster.node.up"));
});

test("session clustering: a copy on every node, so a node stop loses nothing", async ({ page, t, pattern }) => {
  await click(page, "preset-clustering");
  const home = await logIn(page);
  for (const id of ["node-1", "node-2", "node-3"]) {
    await expect(page.getByTestId(id).getByTestId("node-sessions")).toContainText("alice");
  }
  await expect(page.locator('[data-copy="true"]')).toHaveCount(2);
  await expect(page.getByTestId(home).locator('[data-copy="false"]')).toHaveCount(1);
  await expect(finding(page, "clustering", "copies")).toHaveText("3");
  // The login's one write went to both peers.
  await expect(page.getByTestId("cluster-copies")).toHaveText(pattern("cluster.totals.copied", { copies: 2, bytes: /\d+/ }));

  await click(page, "node-switch", home);
  await click(page, "cluster-me");
  await expect(newest(page)).toHaveAttribute("data-status", "200");
  await expect(finding(page, "clustering", "node-stop")).toHaveText(t("cluster.results.yes"));

  // Back up, the node copies the session from a live peer before it serves.
  await click(page, "node-switch", home);
  await expect(page.getByTestId(home).getByTestId("node-sessions")).toContainText("alice");
  await click(page, "cluster-logout");
  await expect(newest(page)).toHaveAttribute("data-status", "200");
  await expect(finding(page, "clustering", "logout")).toHaveText(t("cluster.results.yes"));
});

test("central Redis: nodes come and go, but a Redis stop fails every node", async ({ page, t }) => {
  await click(page, "preset-central-redis");
  await expect(page.getByTestId("redis-state")).toHaveText(t("cluster.redis.up"));
  const home = await logIn(page);
  await click(page, "node-switch", home);
  await click(page, "cluster-me");
  await expect(newest(page)).toHaveAttribute("data-status", "200");
  await expect(finding(page, "central-redis", "node-stop")).toHaveText(t("cluster.results.yes"));
  await click(page, "node-switch", home);

  await click(page, "redis-switch");
  await expect(page.getByTestId("redis-state")).toHaveText(t("cluster.redis.down"));
  // The node processes still run; what they lost is their store.
  await expect(page.getByTestId("node-store-down")).toHaveCount(3);
  await expect(page.getByTestId("node-state").filter({ hasText: t("cluster.node.up") })).toHaveCount(3);
  // One call per node (round robin). Each waits out the nodes' Redis timeout (800 ms).
  for (let call = 0; call < 3; call++) {
    await click(page, "cluster-me");
    await expect(newest(page)).toHaveAttribute("data-status", "503");
    await expect(newest(page)).toContainText("store_unavailable");
  }
  for (const id of ["node-1", "node-2", "node-3"]) {
    await expect(page.locator(`[data-testid="cluster-call"][data-status="503"][data-node="${id}"]`)).toHaveCount(1);
  }
  await expect(finding(page, "central-redis", "redis-stop")).toHaveText(t("cluster.results.no"));
  await click(page, "redis-switch");
  await expect(page.getByTestId("redis-state")).toHaveText(t("cluster.redis.up"));
});

test("JWT: any node accepts the token, but a revocation stays on the node that made it", async ({ page, t }) => {
  await click(page, "preset-jwt");
  await logIn(page);
  expect(await page.evaluate(() => localStorage.getItem("auth_lab.cluster_access_token"))).toContain(".");
  await click(page, "cluster-me-many");
  await expect(page.locator('[data-testid="cluster-call"][data-status="200"]')).toHaveCount(13);
  await expect(finding(page, "jwt", "copies")).toHaveText("0");

  await click(page, "node-switch", "node-1");
  await click(page, "node-switch", "node-2");
  await click(page, "cluster-me");
  await expect(newest(page)).toHaveAttribute("data-node", "node-3");
  await expect(newest(page)).toHaveAttribute("data-status", "200");
  await click(page, "node-switch", "node-1");
  await click(page, "node-switch", "node-2");

  await click(page, "cluster-logout");
  const revoker = await newest(page).getAttribute("data-node");
  await click(page, "cluster-replay");
  await expect(page.locator(`[data-testid="cluster-call"][data-status="401"][data-node="${revoker}"]`)).toHaveCount(1);
  // login, 12 + 1 calls of /me, the logout, and the two replays the other nodes accepted
  await expect(page.locator('[data-testid="cluster-call"][data-status="200"]')).toHaveCount(17);
  await expect(finding(page, "jwt", "logout")).toHaveText(t("cluster.results.no"));
});

test("at 375 px the lab still fits once the log and the findings fill in", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await click(page, "preset-sticky");
  await logIn(page);
  await click(page, "cluster-me-many");
  await expect(page.getByTestId("result-sticky")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The wide findings table scrolls inside its card instead of widening the page.
  const card = await page.getByTestId("result-sticky").evaluate((row) => {
    const box = row.closest(".card")!.getBoundingClientRect();
    return box.right;
  });
  expect(card).toBeLessThanOrEqual(375);
});

test("a keyboard user keeps their place: the board is drawn again around the focused button", async ({ page }) => {
  await page.getByTestId("cluster-me").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("cluster-login")).toBeEnabled();
  await expect(newest(page)).toHaveAttribute("data-node", /^node-[123]$/);
  await expect(page.getByTestId("cluster-me")).toBeFocused();
  // Again from the node's own button, whose words change (stop, then start) but not its id.
  await page.getByTestId("node-3").getByTestId("node-switch").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("node-3").getByTestId("node-switch")).toBeEnabled();
  await expect(page.getByTestId("node-3").getByTestId("node-switch")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("node-3").getByTestId("node-state")).toHaveClass(/badge--ok/);
});

test("a step the server refuses ends the action, and the next click starts afresh", async ({ page, t }) => {
  // The action's first step goes through and its /me is sent; the report of that answer is
  // refused, so the action stops halfway with its state still waiting for the report.
  await page.route("**/api/cluster/step**", (route) =>
    route.request().postData()?.includes('"report"')
      ? route.fulfill({ status: 409, contentType: "application/json", body: JSON.stringify({ error: "busy", reason: null, message: "busy" }) })
      : route.continue(),
  );
  await page.getByTestId("cluster-me").click();
  await expect(page.getByRole("alert")).toHaveText(t("cluster.errors.step_failed"));
  await expect(page.getByTestId("cluster-me")).toBeEnabled();
  await expect(page.getByTestId("cluster-call")).toHaveCount(0);
  await page.unroute("**/api/cluster/step**");
  await page.getByTestId("cluster-me").click();
  await expect(page.getByTestId("cluster-login")).toBeEnabled();
  await expect(page.getByTestId("cluster-call")).toHaveCount(1);
  await expect(page.getByRole("alert")).toBeHidden();
});
