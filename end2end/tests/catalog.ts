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

/** The text a reader sees for `key`: markup tags dropped, `{{ params }}` filled in. */
export function msg(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const raw = entries(lang).get(key);
  if (raw === undefined) throw new Error(`no catalog entry ${key} in ${lang}`);
  return raw
    .replace(/<\/?[a-z][^>]*>/g, "")
    .replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
      if (!(name in params)) throw new Error(`${key} needs {{ ${name} }}`);
      return String(params[name]);
    });
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
