import { test as base, expect, type Page } from "@playwright/test";

import { anyOf, msg, msgPattern, type Lang } from "./catalog";

/** What a project sets: the language every test in it reads the pages in. */
export type TestOptions = { lang: Lang };

/**
 * The page's words in the project's language, so one test checks both languages: tests
 * name a catalog entry instead of copying its English text.
 */
type Words = {
  /** The text of catalog entry `key` (see `msg` in catalog.ts). */
  t: (key: string, params?: Record<string, string | number>) => string;
  /** A RegExp for entry `key` with RegExp parameters where the value is not known (see `msgPattern`). */
  pattern: (key: string, params?: Record<string, string | number | RegExp>) => RegExp;
  /** The address of `path` (a page, written as in English) in the project's language. */
  at: (path: string) => string;
};

export const test = base.extend<TestOptions & Words & { pageErrors: string[] }>({
  // English unless the project says otherwise (the "-ko" projects in playwright.config.ts).
  lang: ["en", { option: true }],
  t: async ({ lang }, use) => use((key, params) => msg(lang, key, params)),
  pattern: async ({ lang }, use) => use((key, params) => msgPattern(lang, key, params)),
  // English pages live at unprefixed paths, Korean ones under /ko (the home page is /ko).
  at: async ({ lang }, use) => use((path) => (lang === "en" ? path : path === "/" ? `/${lang}` : `/${lang}${path}`)),
  // Every test fails if the page throws or logs a console error: a broken hydration
  // (for example a bad wasm-opt) shows up here even when the HTML looks right.
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        // Chromium logs a 404 *document* as a failed resource; that status is what a
        // not-found test asserts. A failed sub-resource (wasm, CSS, API call) still counts.
        const failedLoad = msg.text().startsWith("Failed to load resource");
        const isDocument = msg.location().url === page.url();
        if (failedLoad && isDocument) return;
        // The lab provokes 4xx answers from /api on purpose (a 401 is the lesson) and shows
        // them in its inspector. Failed pages, assets and any 5xx still count.
        // (A message about no resource, such as a CSP report, has no URL to read.)
        const path = () => new URL(msg.location().url).pathname;
        const apiClientError =
          /status of 4\d\d/.test(msg.text()) && (path().startsWith("/api/") || path().startsWith("/cluster/api/"));
        if (failedLoad && apiClientError) return;
        // The cluster lab also provokes 503s through its balancer (Redis stopped, no node up).
        const clusterOutage = /status of 503/.test(msg.text()) && path().startsWith("/cluster/api/");
        if (failedLoad && clusterOutage) return;
        // The security lab's vulnerable page, with its CSP switched on, is blocked on purpose;
        // the server's report of it is what the test asserts.
        const lesson = /Content Security Policy/.test(msg.text()) && msg.location().url.includes("/security/vulnerable");
        if (lesson) return;
        errors.push(`console: ${msg.text()} (${msg.location().url})`);
      });
      await use(errors);
      expect(errors, "the page reported errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect, anyOf };
export type { Lang };

/** Whether the running project has JavaScript on (the no-javascript project turns it off). */
export function scriptsOn() {
  return base.info().project.use.javaScriptEnabled !== false;
}

/**
 * Opens `path` and waits until the wasm has hydrated the server-rendered page. With
 * JavaScript off there is nothing to wait for: the server's HTML is the whole page.
 */
export async function gotoHydrated(page: Page, path: string) {
  const response = await page.goto(path);
  if (scriptsOn()) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  return response;
}
