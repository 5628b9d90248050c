// Drives each lab page through its states in Debian's Chromium and saves screenshots.
//   node scripts/screenshots.mjs <base-url> [--all]
// Without --all it writes the README's pictures (one per page, 1440 px, light, logged in)
// to end2end/screenshots/. With --all it also writes every state (before login, logged in,
// logged out, expired) at 375 and 1440 px in light and dark, to end2end/screenshots/all/.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const all = process.argv.includes("--all");
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "screenshots");
mkdirSync(join(outDir, "all"), { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic"],
});

async function open(width, scheme, path) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(base + path);
  await page.waitForSelector('body[data-hydrated="true"]');
  return { context, page };
}

async function logIn(page, user, password, lifetime) {
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel(/Idle timeout|Token lifetime/).selectOption({ label: lifetime });
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByText(/Logged in as/).waitFor();
}

async function snap(page, name) {
  await page.waitForTimeout(900); // let the pane highlight fade
  await page.screenshot({ path: name, fullPage: true });
  console.log("wrote", name);
}

// Each flow takes the page through its states and calls shot(state) at each one.
const flows = {
  home: async (page, shot) => { await shot("start"); },
  session: async (page, shot) => {
    await shot("before-login");
    await logIn(page, "alice", "wonderland", "3 seconds");
    await page.getByRole("button", { name: "Call /me" }).click();
    await page.getByText(/you are alice/).waitFor();
    await page.getByTestId("request-row").first().locator("summary").click();
    await shot("logged-in");
    await page.getByTestId("idle-expiry").getByText("expired").waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Call /me" }).click();
    await page.getByText(/Your session expired/).waitFor();
    await shot("expired");
    await logIn(page, "alice", "wonderland", "15 minutes");
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("button", { name: "Replay the old cookie as an attacker" }).click();
    await page.getByText(/opens nothing/).waitFor();
    await page.getByTestId("request-row").first().locator("summary").click();
    await shot("logged-out");
  },
  token: async (page, shot) => {
    await shot("before-login");
    await logIn(page, "bob", "builder", "3 seconds");
    await page.getByRole("button", { name: "Call /me" }).click();
    await page.getByText(/you are bob/).waitFor();
    await shot("logged-in");
    // A server may allow a few seconds of leeway past exp; wait until it really refuses.
    const refused = page.getByTestId("token-refused");
    const gate = (await refused.count()) > 0 ? refused : page.getByTestId("token-exp");
    await gate.getByText("expired").waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Call /me" }).click();
    await page.getByText(/Your token expired/).waitFor();
    await shot("expired");
    await logIn(page, "bob", "builder", "15 minutes");
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("button", { name: "Replay the old token" }).click();
    await page.getByText(/still works/).waitFor();
    await page.getByTestId("request-row").first().locator("summary").click();
    await shot("logged-out");
  },
  compare: async (page, shot) => {
    await shot("before-login");
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Password").fill("wonderland");
    await page.getByRole("button", { name: "Log in (both)" }).click();
    await page.getByRole("status", { name: "Token outcome" }).getByText(/Logged in as/).waitFor();
    await page.getByRole("button", { name: "Call /me (both)" }).click();
    await page.getByTestId("token: Last /me answer").getByText("200").waitFor();
    await shot("logged-in");
    await page.getByRole("button", { name: "Log out (both)" }).click();
    await page.getByRole("button", { name: "Replay the old credentials (both)" }).click();
    await page.getByTestId("token: Old credential replayed after logout").getByText("200").waitFor();
    await page.getByTestId("session: Old credential replayed after logout").getByText("401").waitFor();
    await shot("logged-out");
  },
};

// The Korean pages: each page loaded, and each lab page once logged in through its own form
// (by element ids, which are the same in both languages). --all only.
const koFlows = {
  home: async (page, shot) => { await shot("start"); },
  session: async (page, shot) => { await shot("before-login"); await koLogIn(page, "alice", "wonderland"); await shot("logged-in"); },
  token: async (page, shot) => { await shot("before-login"); await koLogIn(page, "bob", "builder"); await shot("logged-in"); },
  compare: async (page, shot) => { await shot("before-login"); },
};

async function koLogIn(page, user, password) {
  await page.locator("input[name=username]").first().fill(user);
  await page.locator("input[name=password]").first().fill(password);
  await page.locator("form.login-form button[type=submit]").first().click();
  await page.locator(".banner--good").first().waitFor();
}

// The pages without a scripted flow, each shot as it loads (both languages, --all only):
// file name, then address below the language prefix.
const loaded = {
  cluster: "/cluster",
  security: "/security",
  interview: "/interview",
  question: "/interview/cookie-vs-session",
  quiz: "/interview/quiz",
  sheet: "/interview/sheet",
  myths: "/interview/myths",
  "not-found": "/no/such/page",
};

const readme = { home: "start", session: "logged-in", token: "logged-out", compare: "logged-out" };
const everyVariant = [375, 1440].flatMap((width) => ["light", "dark"].map((scheme) => ({ width, scheme })));

/** Opens `path` in a fresh context for each variant and hands `use` the page and variant. */
async function inEach(variants, path, use) {
  for (const variant of variants) {
    const { context, page } = await open(variant.width, variant.scheme, path);
    await use(page, variant);
    await context.close();
  }
}

for (const [name, flow] of Object.entries(flows)) {
  const path = name === "home" ? "/" : `/${name}`;
  const variants = all ? everyVariant : [{ width: 1440, scheme: "light" }];
  await inEach(variants, path, (page, { width, scheme }) =>
    flow(page, async (state) => {
      if (all) await snap(page, join(outDir, "all", `${name}-${state}-${width}-${scheme}.png`));
      if (width === 1440 && scheme === "light" && readme[name] === state) {
        await snap(page, join(outDir, `${name}.png`));
      }
    }));
}
if (all) {
  for (const [name, flow] of Object.entries(koFlows)) {
    const path = name === "home" ? "/ko" : `/ko/${name}`;
    await inEach(everyVariant, path, (page, { width, scheme }) =>
      flow(page, (state) => snap(page, join(outDir, "all", `ko-${name}-${state}-${width}-${scheme}.png`))));
  }
  for (const [name, path] of Object.entries(loaded)) {
    for (const [prefix, lang] of [["", ""], ["/ko", "ko-"]]) {
      await inEach(everyVariant, prefix + path, (page, { width, scheme }) =>
        snap(page, join(outDir, "all", `${lang}${name}-start-${width}-${scheme}.png`)));
    }
  }
}
await browser.close();
