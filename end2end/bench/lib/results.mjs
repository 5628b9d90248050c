// Where results files live and which one is the newest: the one rule every reader in
// JavaScript shares (the driver, the Compare page's test). The server's own reader
// (server/src/bench_report.rs) applies the same rule: a YYYY-MM-DD.json name, newest date.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Not from procs.mjs: readers such as a Playwright spec must not inherit its exit handlers.
const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const defaultResultsDir = join(benchDir, "results");

export const isResultsFile = (name) => /^\d{4}-\d{2}-\d{2}\.json$/.test(name);

/** The newest results file in `dir`, parsed, or null when there is none. */
export function newestResults(dir = defaultResultsDir) {
  if (!existsSync(dir)) return null;
  const newest = readdirSync(dir).filter(isResultsFile).sort().at(-1);
  return newest ? JSON.parse(readFileSync(join(dir, newest), "utf8")) : null;
}

/** The project's targets, the one file the driver, the README writer and the Compare page read. */
export function targetsFile() {
  return JSON.parse(readFileSync(join(benchDir, "targets.json"), "utf8"));
}

/**
 * Criterion's medians for a report: this run's, or the previous report's when this run
 * made none (`make bench` runs criterion first; a BENCH_PARTS run of the driver skips it).
 */
export function microFigures(fresh, previous) {
  return fresh.length > 0 || !previous ? fresh : (previous.micro ?? []);
}
