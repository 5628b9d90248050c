import { test, expect } from "./fixtures";
import { registry, walk, type Stopped } from "./interview";

// The interview questions whose evidence is the cluster lab, walked through on the cluster's
// own server (see playwright.config.ts), one at a time: they share its node processes. Each
// starts again every node it stopped, so the next one finds the cluster whole.
test.describe.configure({ mode: "serial", timeout: 120_000 });

let stopped: Stopped = [];

test.afterEach(async ({ page }) => {
  for (const node of stopped) {
    const column = page.getByTestId(node);
    if ((await column.getByTestId("node-state").getAttribute("class"))?.includes("badge--off")) {
      await column.getByTestId("node-switch").click();
      await expect(page.getByTestId("cluster-login")).toBeEnabled({ timeout: 30_000 });
    }
  }
  stopped = [];
});

for (const entry of registry().filter((q) => q.page === "/cluster")) {
  test(`${entry.slug}: the answer, then its evidence live`, async ({ page, context, lang, at }) => {
    await walk(page, context, lang, at, entry, stopped);
  });
}
