// `make bench` turns wrk's text into the numbers in the README and on the Compare page.
// These samples are real wrk output (see bench/testdata/README.md); the expected values
// are read off the text by eye.
import { readFileSync } from "node:fs";

import { expect, test } from "@playwright/test";

import { parseDuration, parseWrk } from "../bench/wrk.mjs";

const sample = (name) => readFileSync(new URL(`../bench/testdata/${name}`, import.meta.url), "utf8");

test.describe("bench: wrk output parser", () => {
  test("reads a successful run: rate, percentiles, totals", () => {
    const run = parseWrk(sample("wrk-ok.txt"));
    expect(run).toMatchObject({
      url: "http://127.0.0.1:41541/api/session/me",
      threads: 1,
      connections: 16,
      requests: 384520,
      rps: 75394.87,
      non_2xx: 0,
      socket_errors: { connect: 0, read: 0, write: 0, timeout: 0 },
    });
    // Floating point: 689.00us is 0.689 ms give or take the last binary digit.
    expect(run.duration_secs).toBeCloseTo(5.1, 9);
    expect(run.p50_ms).toBeCloseTo(0.201, 9);
    expect(run.p75_ms).toBeCloseTo(0.228, 9);
    expect(run.p90_ms).toBeCloseTo(0.306, 9);
    expect(run.p99_ms).toBeCloseTo(0.689, 9);
  });

  test("counts refused answers and reads latencies given in seconds", () => {
    const run = parseWrk(sample("wrk-401.txt"));
    expect(run.connections).toBe(128);
    expect(run.requests).toBe(17401);
    expect(run.non_2xx).toBe(17401);
    expect(run.rps).toBe(3478.93);
    expect(run.p50_ms).toBeCloseTo(32.99, 6);
    expect(run.p90_ms).toBeCloseTo(346.3, 6);
    expect(run.p99_ms).toBeCloseTo(1770, 6);
  });

  test("reads millisecond latencies and a fractional duration", () => {
    const run = parseWrk(sample("wrk-slow.txt"));
    expect(run.connections).toBe(200);
    expect(run.requests).toBe(1082);
    expect(run.duration_secs).toBeCloseTo(2.02, 6);
    expect(run.p50_ms).toBeCloseTo(10.21, 6);
    expect(run.p99_ms).toBeCloseTo(832.34, 6);
  });

  test("refuses output it cannot vouch for instead of inventing numbers", () => {
    expect(() => parseWrk(sample("wrk-no-latency.txt"))).toThrow(/Latency Distribution/);
    expect(() => parseWrk(sample("wrk-refused.txt"))).toThrow(/Running/);
    expect(() => parseWrk("")).toThrow();
  });

  test("durations convert to milliseconds", () => {
    expect(parseDuration("245.12us")).toBeCloseTo(0.24512, 9);
    expect(parseDuration("4.49ms")).toBe(4.49);
    expect(parseDuration("1.77s ")).toBe(1770);
    expect(parseDuration("2m")).toBe(120000);
    expect(() => parseDuration("12 parsecs")).toThrow(/not a wrk duration/);
  });
});
