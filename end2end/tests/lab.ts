import { expect, type Locator, type Page } from "@playwright/test";

import { anyOf, msg, msgPattern, type Lang } from "./catalog";

/** A lifetime the login form offers, as its catalog entry names it. */
export type Lifetime = "secs_3" | "secs_10" | "secs_30" | "mins_2" | "mins_15" | "hour_1";

/** Logs in through the page's own form (in `lang`), picking a lifetime by its visible label. */
export async function logIn(page: Page, lang: Lang, username: string, password: string, lifetime: Lifetime = "secs_30") {
  await page.getByLabel(msg(lang, "lab.login.username")).fill(username);
  await page.getByLabel(msg(lang, "lab.login.password")).fill(password);
  // Session mode asks for an idle timeout, token mode for a token lifetime; with a refresh
  // token asked for, the access token's lifetime is fixed and its picker is off.
  const picker = page.getByLabel(anyOf(msgPattern(lang, "lab.login.idle_timeout"), msgPattern(lang, "lab.login.token_lifetime")));
  if (await picker.isEnabled()) await picker.selectOption({ label: msg(lang, `lab.lifetime.${lifetime}`) });
  await page.getByRole("button", { name: msg(lang, "lab.login.submit") }).click();
}

/** The newest row of the request inspector. */
export function latestRequest(page: Page) {
  return page.getByTestId("request-row").first();
}

/** Waits until the newest request is the one named `action`, then returns its status cell. */
export async function statusOf(page: Page, action: string) {
  const row = latestRequest(page);
  await expect(row).toContainText(action);
  return row.getByTestId("request-status");
}

/**
 * Parses the time of day a countdown shows, as seconds since midnight: the page writes it on
 * the 12-hour clock of its language ("3:04:05 PM", "오후 3:04:05"), or 24-hour if a
 * browser's Intl says so.
 */
export function clockSeconds(text: string): number {
  const match = /(오전|오후)?\s*(\d{1,2}):(\d\d):(\d\d)(?:\s*(AM|PM))?/.exec(text);
  if (!match) throw new Error(`no time in ${JSON.stringify(text)}`);
  const half = match[1] ?? match[5];
  let hours = Number(match[2]);
  if (half) hours = (hours % 12) + (half === "PM" || half === "오후" ? 12 : 0);
  return hours * 3600 + Number(match[3]) * 60 + Number(match[4]);
}

/**
 * What the page-load card says when the server recognised `user`'s cookie ("you are
 * alice"). Whether that load moved the idle expiry depends on the second it came in, so
 * either sentence will do.
 */
export function recognised(lang: Lang, user: string): RegExp {
  const params = { user, role: /\w+/ };
  return anyOf(
    msgPattern(lang, "lab.page_session.recognised_moved", params),
    msgPattern(lang, "lab.page_session.recognised_unmoved", params),
  );
}

/**
 * The words a line break splits over two lines, in `root` or in each of its elements that
 * match `within`: a word on one line has one text box on screen, a split one two. `word`
 * says what counts as a word.
 */
export async function splitWords(root: Locator, word: RegExp, within?: string): Promise<string[]> {
  return root.evaluate(
    (el, [within, source, flags]) => {
      const found: string[] = [];
      const boxes = within ? Array.from(el.querySelectorAll(within)) : [el];
      for (const box of boxes) {
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of (node.textContent ?? "").matchAll(new RegExp(source, flags))) {
            const range = document.createRange();
            range.setStart(node, match.index!);
            range.setEnd(node, match.index! + match[0].length);
            if (range.getClientRects().length > 1) found.push(match[0]);
          }
        }
      }
      return found;
    },
    [within ?? "", word.source, word.flags] as const,
  );
}
