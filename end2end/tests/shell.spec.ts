import { test, expect, gotoHydrated } from "./fixtures";
import { latestRequest, logIn, splitWords } from "./lab";

// The browser tab's title: the page's own title, then the lab's name, which is the same in
// every language (the app writes "{page} · Auth Lab" itself, not from the catalog).
const BRAND = "Auth Lab";

test("home page renders on the server and then hydrates", async ({ page, t, at }) => {
  const response = await page.goto(at("/"));
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: t("home.title") })).toBeVisible();
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page).toHaveTitle(BRAND);
});

test("links between pages are full page loads, each rendered by the server", async ({ page, t, at }) => {
  await gotoHydrated(page, at("/"));
  // A value on window would survive client-side routing; a real page load clears it.
  const mark = () => page.evaluate(() => ((window as unknown as { labMarker: string }).labMarker = "still here"));
  const marked = () => page.evaluate(() => (window as unknown as { labMarker?: string }).labMarker);
  const nav = page.getByRole("navigation", { name: t("common.nav.label") });
  for (const [name, path, heading, title] of [
    [t("common.nav.session"), "/session", t("session.title"), `${t("session.title")} · ${BRAND}`],
    [t("common.nav.token"), "/token", t("token.title"), `${t("token.title")} · ${BRAND}`],
    [t("common.nav.compare"), "/compare", t("compare.heading"), `${t("compare.title")} · ${BRAND}`],
    [t("common.nav.cluster"), "/cluster", t("cluster.title"), `${t("cluster.title")} · ${BRAND}`],
    [t("common.nav.security"), "/security", t("security.title"), `${t("security.title")} · ${BRAND}`],
    [t("common.nav.interview"), "/interview", t("interview.title"), `${t("interview.title")} · ${BRAND}`],
    [t("common.nav.home"), "/", t("home.title"), BRAND],
  ]) {
    await mark();
    await nav.getByRole("link", { name }).click();
    await expect.poll(marked, `${name} was a full page load`).toBeUndefined();
    await expect(page).toHaveURL(at(path));
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole("link", { name })).toHaveAttribute("aria-current", "page");
    await expect(page).toHaveTitle(title);
    expect(await nav.locator("[aria-current=page]").count()).toBe(1);
  }
});

test("an unknown address gets the 404 page with status 404 @nojs", async ({ page, t, at }) => {
  const response = await gotoHydrated(page, at("/definitely/not/here"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: t("common.not_found.title") })).toBeVisible();

  await page.getByRole("link", { name: t("common.not_found.back") }).click();
  await expect(page).toHaveURL(at("/"));
});

test("skip link moves keyboard focus to the main content", async ({ page, t, at }) => {
  await gotoHydrated(page, at("/"));
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: t("common.skip_to_content") });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
});

for (const width of [375, 1440]) {
  test(`layout fits a ${width} px wide screen without sideways scrolling @nojs`, async ({ page, t, at }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ["/", "/session", "/token", "/compare", "/cluster", "/security", "/interview", "/interview/quiz", "/interview/sheet", "/interview/myths", "/interview/cookie-vs-session"]) {
      await gotoHydrated(page, at(path));
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${at(path)} overflows at ${width} px`).toBeLessThanOrEqual(0);
      await expect(page.getByRole("navigation", { name: t("common.nav.label") })).toBeVisible();
    }
  });
}

test("on a 375 px screen the zones picture draws its words at the page's size, all on screen", async ({ page, lang, t, at }) => {
  await page.setViewportSize({ width: 375, height: 900 });
  await gotoHydrated(page, at("/session"));
  await logIn(page, lang, "alice", "wonderland");
  const picture = page.getByTestId("zones-picture");
  await expect(picture.getByText(t("panes.picture.your_session_row"))).toBeVisible();
  await expect(picture.getByText("HttpOnly")).toBeVisible();
  // Every piece of text in the picture, at the size it is drawn: an SVG's text shrinks with
  // its drawing, so its font size counts times the drawing's scale.
  const words = await picture.evaluate((root) => {
    const found: { text: string; px: number; left: number; right: number }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      const el = node.parentElement;
      if (!text || !el) continue;
      const scale = el instanceof SVGGraphicsElement ? (el.getScreenCTM()?.a ?? 1) : 1;
      const box = el.getBoundingClientRect();
      found.push({ text, px: parseFloat(getComputedStyle(el).fontSize) * scale, left: box.left, right: box.right });
    }
    return found;
  });
  // Three zone names, the session row and the HttpOnly note.
  expect(words.length).toBeGreaterThanOrEqual(5);
  // Lines break between words: no word of a zone's name or a chip ("localStorage") is split
  // over two lines, which one text box per word on screen shows.
  const split = await splitWords(picture, /\S+/g, ".zones-picture__label, .zones-picture__chip");
  expect(split, "words split over two lines").toEqual([]);
  for (const word of words) {
    expect(word.px, `"${word.text}" is drawn at ${word.px.toFixed(1)} px`).toBeGreaterThanOrEqual(12);
    expect(word.left, `"${word.text}" starts on screen`).toBeGreaterThanOrEqual(0);
    expect(word.right, `"${word.text}" ends on screen`).toBeLessThanOrEqual(375);
  }
});

test("on a 375 px screen every box that scrolls sideways shows an edge shadow in its own colour", async ({ page, lang, at }) => {
  await page.setViewportSize({ width: 375, height: 900 });
  // Each lab page after a login, its newest inspector row open (its sequence diagram, and
  // on /token the JSON with the token), and the Compare page (the bench chart and tables).
  const pages = [["/session", true], ["/token", true], ["/compare", false]] as const;
  for (const [path, login] of pages) {
    await gotoHydrated(page, at(path));
    if (login) {
      await logIn(page, lang, "alice", "wonderland");
      await expect(page.getByTestId("sequence").first()).toBeVisible();
      await latestRequest(page).locator("summary").click();
      await expect(latestRequest(page).getByTestId("sequence")).toBeVisible();
    }
    const scrollers = await page.locator("main").evaluate((main) => {
      const clear = (colour: string) => colour === "rgba(0, 0, 0, 0)" || colour === "transparent";
      // The colour the box shows: its own background, else the nearest one behind it.
      const behind = (el: Element | null) => {
        for (; el; el = el.parentElement) {
          const colour = getComputedStyle(el).backgroundColor;
          if (!clear(colour)) return colour;
        }
        return "none";
      };
      return [...main.querySelectorAll<HTMLElement>("*")]
        .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
        .map((el) => {
          const image = getComputedStyle(el).backgroundImage;
          return {
            what: el.className || el.tagName,
            shadow: image.includes("radial-gradient"),
            // The first colour of the first gradient is the cover's.
            cover: /rgba?\([^)]*\)/.exec(image)?.[0] ?? "none",
            behind: behind(el),
          };
        });
    });
    expect(scrollers.length, `${at(path)} has a box that scrolls at 375 px`).toBeGreaterThan(0);
    for (const box of scrollers) {
      expect(box.shadow, `${at(path)}: ${box.what} shows that more lies beyond`).toBe(true);
      expect(box.cover, `${at(path)}: ${box.what}'s covers match what it sits on`).toBe(box.behind);
    }
  }
});

test("pages carry a CSP that lets only the nonce'd hydration script and wasm run", async ({ page, pageErrors, at }) => {
  const response = await page.goto(at("/"));
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-inline");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  // An injected inline script has no nonce, so the browser refuses to run it.
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { injectedRan?: boolean };
    const script = document.createElement("script");
    script.textContent = "window.injectedRan = true";
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return w.injectedRan === true;
  });
  expect(ran).toBe(false);
  // The browser reports the refusal; claim that one expected error so the fixture's
  // "no console errors" rule still guards everything else.
  await expect.poll(() => pageErrors.filter((e) => e.includes("Content Security Policy")).length).toBeGreaterThan(0);
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !e.includes("Content Security Policy")));
});

// Each island page loads a bundle of its own (end2end/scripts/page-bundles.mjs), so no page
// downloads another page's islands; every lab page shares the relay, as the server draws
// each board. The page is interactive once its bundle has hydrated every island on it.
test("each island page downloads only its own bundle, and it brings the page to life", async ({ page, at }) => {
  for (const [path, bundle] of [
    ["/session", "relay"],
    ["/token", "relay"],
    ["/compare", "relay"],
    ["/cluster", "relay"],
    ["/security", "relay"],
    ["/interview/quiz", "quiz"],
  ]) {
    const scripts: string[] = [];
    const listener = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (/\.(js|wasm)$/.test(url.pathname)) scripts.push(url.pathname);
    };
    page.on("request", listener);
    await gotoHydrated(page, at(path));
    page.off("request", listener);
    const names = [...new Set(scripts)].map((p) => p.replace(/\.[\w-]{22}\./, ".")).sort();
    expect(names, path).toEqual([`/pkg/pages/${bundle}.js`, `/pkg/pages/${bundle}.wasm`]);
  }
});
