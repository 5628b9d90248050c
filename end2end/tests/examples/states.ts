import path from "node:path";

/** Where the setup project saves each mode's logged-in browser state. */
export const STATES = {
  session: path.join(__dirname, "../../.auth/session.json"),
  token: path.join(__dirname, "../../.auth/token.json"),
};

/** The localStorage key token mode keeps the JWT under (its value is JSON: quoted). */
export const TOKEN_KEY = "auth_lab.access_token";
