// Interview mode's walkthroughs, driven the way a learner follows them: open the question's
// page, press "Run it live", and on the lab page do each step while the guide panel waits
// for the server's answer to show the evidence. The steps come from the app's own registry
// (app/interview/registry.json) and texts (app/locales/<lang>/interview/<slug>.json), so
// a question added there is tested here without a line of test code.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { expect, type BrowserContext, type Page } from "@playwright/test";

import { msg, type Lang } from "./catalog";
import { logIn } from "./lab";

const app = join(__dirname, "..", "..", "app");

/** One thing the test does in a step (see ACTS in app/build/interview.rs). */
export type Act =
  | { login: string }
  | { button: string }
  | { click: string }
  | { check: [string, boolean] }
  | { select: [string, string] }
  | { wait: string }
  | { attack: string }
  | { preset: string }
  | { stop_login_node: true };

export type Entry = {
  slug: string;
  topic: string;
  page: string;
  sources: { name: string; url: string }[];
  steps: { act: Act[]; focus: string; done: string }[];
};

export type Text = {
  title: string;
  answer: string;
  followups: { q: string; a: string }[];
  steps: { do: string; look: string }[];
};

export function registry(): Entry[] {
  return JSON.parse(readFileSync(join(app, "interview", "registry.json"), "utf8"));
}

export function text(lang: Lang, slug: string): Text {
  return JSON.parse(readFileSync(join(app, "locales", lang, "interview", `${slug}.json`), "utf8"));
}

/** A catalog text as the page shows it: the backticks that mark code are not printed. */
export const shown = (text: string) => text.replaceAll("`", "");

const passwords: Record<string, string> = { alice: "wonderland", bob: "builder" };

/** A control named by a catalog key (it contains a dot) or by its test id. */
function control(page: Page, lang: Lang, name: string, role: "button" | "checkbox") {
  return name.includes(".") ? page.getByRole(role, { name: msg(lang, name), exact: true }) : page.getByTestId(name);
}

/** On /cluster every action disables the controls until the lab has finished it. */
async function settled(page: Page) {
  const login = page.getByTestId("cluster-login");
  if ((await login.count()) > 0) await expect(login).toBeEnabled({ timeout: 30_000 });
}

/** The nodes this walkthrough stopped, so the test can start them again for the next one. */
export type Stopped = string[];

async function perform(page: Page, context: BrowserContext, lang: Lang, act: Act, stopped: Stopped) {
  if ("login" in act) {
    // /compare logs in both ways from one form; the lab pages have their own.
    const both = page.getByRole("button", { name: msg(lang, "lab.compare.login"), exact: true });
    if ((await both.count()) > 0) {
      await page.getByLabel(msg(lang, "lab.login.username")).fill(act.login);
      await page.getByLabel(msg(lang, "lab.login.password")).fill(passwords[act.login]);
      await both.click();
    } else {
      await logIn(page, lang, act.login, passwords[act.login], "mins_2");
    }
  } else if ("button" in act) {
    await control(page, lang, act.button, "button").click();
  } else if ("click" in act) {
    await page.getByTestId(act.click).click();
  } else if ("check" in act) {
    await control(page, lang, act.check[0], "checkbox").setChecked(act.check[1]);
  } else if ("select" in act) {
    await page.getByTestId(act.select[0]).selectOption(act.select[1]);
  } else if ("wait" in act) {
    await expect(page.locator(act.wait)).toHaveCount(1);
  } else if ("attack" in act) {
    // The attacker's page opens in a tab of its own; the lab shows the server's report.
    const entries = page.locator("[data-testid=loot-entry][data-kind=csrf]");
    const before = await entries.count();
    const [attacker] = await Promise.all([context.waitForEvent("page"), page.getByTestId(act.attack).click()]);
    await expect(entries).toHaveCount(before + 1, { timeout: 15_000 });
    await attacker.close();
  } else if ("preset" in act) {
    await page.getByTestId(`preset-${act.preset}`).click();
  } else if ("stop_login_node" in act) {
    const node = (await page.getByTestId("cluster-login-node").innerText()).match(/node-[123]/)?.[0];
    expect(node, "the page names the node that handled the login").toBeTruthy();
    await page.getByTestId(node!).getByTestId("node-switch").click();
    stopped.push(node!);
  }
  await settled(page);
}

/**
 * Runs one walkthrough from the question's page to the guide's last step, checking at
 * each step that the panel shows that step's words and highlights its pane, and that it
 * moves on once the evidence is on the page.
 */
export async function walk(page: Page, context: BrowserContext, lang: Lang, at: (path: string) => string, entry: Entry, stopped: Stopped = []) {
  const words = text(lang, entry.slug);
  const response = await page.goto(at(`/interview/${entry.slug}`));
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("question-title")).toHaveText(shown(words.title));
  await expect(page.getByTestId("answer")).toHaveText(shown(words.answer));

  await page.getByTestId("run-live").click();
  await expect(page).toHaveURL(`${at(entry.page)}?guide=${entry.slug}`);
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  const guide = page.getByTestId("guide");
  await expect(guide.getByRole("heading", { name: shown(words.title) })).toBeVisible();

  for (const [i, step] of entry.steps.entries()) {
    await expect(guide).toHaveAttribute("data-step", String(i));
    await expect(guide).toContainText(shown(words.steps[i].do));
    await expect(page.locator(step.focus).first()).toHaveClass(/guide-focus/);
    for (const act of step.act) await perform(page, context, lang, act, stopped);
    await expect(page.locator(step.done).first(), `step ${i + 1}'s evidence`).toBeAttached({ timeout: 20_000 });
    await expect(guide, `the guide moved past step ${i + 1}`).toHaveAttribute("data-step", String(i + 1), { timeout: 20_000 });
  }
  await expect(guide).toHaveAttribute("data-finished", "true");
  await expect(guide.getByTestId("guide-finished")).toHaveText(msg(lang, "interview.guide.finished"));
}
