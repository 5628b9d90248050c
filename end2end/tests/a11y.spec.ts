import AxeBuilder from "@axe-core/playwright";
import { test, expect, gotoHydrated } from "./fixtures";

const INTERVIEW = ["/interview", "/interview/http-stateless", "/interview/myths", "/interview/quiz", "/interview/sheet"];
for (const path of ["/", "/session", "/token", "/compare", "/cluster", "/security", ...INTERVIEW, "/no/such/page"]) {
  test(`${path} has no serious or critical accessibility violations`, async ({ page, at }) => {
    await gotoHydrated(page, at(path));
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}
