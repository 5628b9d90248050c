import {
  defineConfig,
  devices,
  type PlaywrightTestOptions,
  type PlaywrightWorkerOptions,
  type Project,
} from "@playwright/test";

import type { TestOptions } from "./tests/fixtures";

type LabProject = Project<PlaywrightTestOptions & TestOptions, PlaywrightWorkerOptions>;

// The server under test. By default Playwright starts the debug build that `make test`
// has just compiled, on its own port so a `make run` on :3000 is never mistaken for it.
// Set E2E_BASE_URL to aim the suite at a server you started yourself.
const port = Number(process.env.E2E_PORT ?? 3100);
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${port}`;
const serverBin = process.env.E2E_SERVER_BIN ?? "target/debug/server";
// The main server's attacker site (the security lab) listens on its port + 2, the default.
// (The page names it: see tests/security.spec.ts.)
// A second server with --secure-cookies, for the __Host- cookie on loopback.
const securePort = port + 6;
// A third for the cluster stories: its cluster (node processes, Redis) is theirs alone.
const clusterPort = port + 4;

// Debian's Chromium, never a downloaded browser. The flags keep it from reaching for
// hosts this machine cannot resolve.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

// Every project has a Korean twin, named with "-ko": the same tests at the /ko addresses,
// expecting the words of app/locales/ko (the `lang` option in tests/fixtures.ts). Only the
// English projects run i18n.spec.ts, which checks both languages itself, and the bench
// parser's tests, which read no page.
function korean(project: LabProject): LabProject {
  const ignore = project.testIgnore === undefined ? [] : [project.testIgnore].flat();
  return {
    ...project,
    name: `${project.name}-ko`,
    use: { ...project.use, lang: "ko" },
    dependencies: project.dependencies?.map((name) => `${name}-ko`),
    testIgnore: [...ignore, /i18n\.spec\.ts/, /bench-(parser|report)\.spec\.mjs/],
  };
}

const english: LabProject[] = [
  {
    name: "chromium",
    use: { ...devices["Desktop Chrome"] },
    testIgnore: [/nojs\.spec\.ts/, /secure-cookie\.spec\.ts/, /cluster\.spec\.ts/, /examples\//],
  },
  // What must work as plain HTML: the same browser with JavaScript turned off runs every
  // test tagged @nojs, wherever it lives, plus the no-JS-only specs.
  {
    name: "no-javascript",
    use: { ...devices["Desktop Chrome"], javaScriptEnabled: false },
    grep: /@nojs/,
    testIgnore: [/secure-cookie\.spec\.ts/, /cluster\.spec\.ts/, /examples\//],
  },
  // The documented way to reuse a login across tests (see end2end/README.md): a setup
  // project saves both states, the example specs load them.
  { name: "examples-setup", testMatch: /examples\/.*\.setup\.ts/ },
  {
    name: "examples",
    use: { ...devices["Desktop Chrome"] },
    testMatch: /examples\/.*\.spec\.ts/,
    dependencies: ["examples-setup"],
  },
  ...(external
    ? []
    : [
        {
          name: "cluster",
          use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${clusterPort}` },
          testMatch: /(^|\/)cluster\.spec\.ts/,
        },
        // The interview questions about the cluster drive the same nodes, so they wait for
        // the stories (a project's files would otherwise run side by side).
        {
          name: "cluster-interview",
          use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${clusterPort}` },
          testMatch: /interview-cluster\.spec\.ts/,
          dependencies: ["cluster"],
        },
        {
          name: "secure-cookies",
          use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${securePort}` },
          testMatch: /secure-cookie\.spec\.ts/,
        },
      ]),
];

export default defineConfig<TestOptions>({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"], ["json", { outputFile: "results/summary.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: chromiumArgs,
    },
  },
  // The Korean cluster stories wait for the English ones (stories, then interview
  // questions): all of them drive the same cluster.
  projects: [
    ...english,
    ...english.map(korean).map((p) => (p.name === "cluster-ko" ? { ...p, dependencies: ["cluster-interview"] } : p)),
  ],
  webServer: external
    ? undefined
    : [
        {
          // Zero token leeway, so a token is refused exactly at its exp and the expiry test
          // need not wait 5 s longer.
          command: `${serverBin} --addr 127.0.0.1:${port} --token-leeway-secs 0`,
          cwd: "..",
          url: `${baseURL}/api/health`,
          reuseExistingServer: false,
          timeout: 60_000,
          stdout: "ignore",
          stderr: "pipe",
          env: { LEPTOS_SITE_ROOT: "target/site", RUST_LOG: "warn" },
        },
        {
          command: `${serverBin} --addr 127.0.0.1:${clusterPort} --attacker-addr off`,
          cwd: "..",
          url: `http://127.0.0.1:${clusterPort}/api/health`,
          reuseExistingServer: false,
          timeout: 60_000,
          stdout: "ignore",
          stderr: "pipe",
          env: { LEPTOS_SITE_ROOT: "target/site", RUST_LOG: "warn" },
        },
        {
          command: `${serverBin} --addr 127.0.0.1:${securePort} --secure-cookies --attacker-addr off`,
          cwd: "..",
          url: `http://127.0.0.1:${securePort}/api/health`,
          reuseExistingServer: false,
          timeout: 60_000,
          stdout: "ignore",
          stderr: "pipe",
          env: { LEPTOS_SITE_ROOT: "target/site", RUST_LOG: "warn" },
        },
      ],
});
