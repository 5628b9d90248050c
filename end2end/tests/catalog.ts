// The app's message catalog (app/locales/<lang>/<namespace>.json), read by tests so they can
// expect a page's own words in either language without copying them.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export type Lang = "en" | "ko";

const root = join(__dirname, "..", "..", "app", "locales");

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix: string, out: Map<string, string>) {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else flatten(value, path, out);
  }
}

const cache = new Map<Lang, Map<string, string>>();

/** Every entry of one language, keyed `namespace.key.path`, as written in the catalog. */
export function entries(lang: Lang): Map<string, string> {
  let all = cache.get(lang);
  if (!all) {
    all = new Map();
    const dir = join(root, lang);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const tree = JSON.parse(readFileSync(join(dir, file), "utf8")) as Tree;
      flatten(tree, file.replace(/\.json$/, ""), all);
    }
    cache.set(lang, all);
  }
  return all;
}

const TAG = /<\/?[a-z][^>]*>/g;
const PARAM = /\{\{\s*(\w+)\s*\}\}/g;

/** The entry for `key` with its markup tags dropped, as the page's text shows it. */
function plain(lang: Lang, key: string): string {
  const raw = entries(lang).get(key);
  if (raw === undefined) throw new Error(`no catalog entry ${key} in ${lang}`);
  return raw.replace(TAG, "");
}

/** The text a reader sees for `key`: markup tags dropped, `{{ params }}` filled in. */
export function msg(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  return plain(lang, key).replace(PARAM, (_, name: string) => {
    if (!(name in params)) throw new Error(`${key} needs {{ ${name} }}`);
    return String(params[name]);
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A RegExp for the text of `key` when some parameters are not known in advance (a
 * countdown's seconds, a time of day): a RegExp parameter stands for itself, a string or
 * number for its literal text, and the entry's own words are matched literally. Not
 * anchored, like the text it replaces in `toContainText`.
 */
export function msgPattern(lang: Lang, key: string, params: Record<string, string | number | RegExp> = {}): RegExp {
  const text = plain(lang, key);
  let source = "";
  let last = 0;
  for (const match of text.matchAll(PARAM)) {
    const value = params[match[1]];
    if (value === undefined) throw new Error(`${key} needs {{ ${match[1]} }}`);
    source += escape(text.slice(last, match.index));
    source += value instanceof RegExp ? `(?:${value.source})` : escape(String(value));
    last = match.index! + match[0].length;
  }
  return new RegExp(source + escape(text.slice(last)));
}

/** Matches wherever any of `patterns` does: for a place that shows one of several entries. */
export function anyOf(...patterns: RegExp[]): RegExp {
  return new RegExp(patterns.map((p) => `(?:${p.source})`).join("|"));
}

/**
 * The English sentences a Korean page must not show: every English entry cut at its
 * parameters and tags into runs of at least three words, leaving out runs that the Korean
 * entry keeps too (technical names such as `Set-Cookie` or `HttpOnly`).
 */
export function englishSentences(): { key: string; text: string }[] {
  const ko = entries("ko");
  const found: { key: string; text: string }[] = [];
  for (const [key, en] of entries("en")) {
    const korean = ko.get(key) ?? "";
    for (const run of en.split(/\{\{[^}]*\}\}|<\/?[a-z][^>]*>/)) {
      const text = run.trim().replace(/[.,:;]$/, "");
      if (text.split(/\s+/).length >= 3 && !korean.includes(text)) found.push({ key, text });
    }
  }
  return found;
}
