import path from "node:path";

import type { Lang } from "../catalog";

/**
 * Where the setup project saves each mode's logged-in browser state, one set per language
 * so that the English and the Korean projects never write the same file.
 */
export function states(lang: Lang) {
  const dir = path.join(__dirname, "../../.auth", lang === "en" ? "" : lang);
  return { session: path.join(dir, "session.json"), token: path.join(dir, "token.json") };
}

/** The localStorage key token mode keeps the JWT under (its value is JSON: quoted). */
export const TOKEN_KEY = "auth_lab.access_token";
