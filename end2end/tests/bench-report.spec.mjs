// `make bench` checks each target of bench/targets.json against its run, and reads the
// chaos run's answers by fixed rules. Both are pure: these tests feed them made-up runs
// whose verdicts can be worked out by hand.
import { expect, test } from "@playwright/test";

import { chaosFigures } from "../bench/lib/figures.mjs";
import { evaluate } from "../bench/lib/report.mjs";
import { microFigures, newestResults, targetsFile } from "../bench/lib/results.mjs";

const run = (target, endpoint, rps, p99_ms = 1) => ({ target, endpoint, connections: 16, rps, p99_ms });
const spec = (targets) => ({ connections: 16, targets });

test.describe("bench: targets", () => {
  test("traces-on targets compare the lab-mode server, --no-inspect ones the headline server", () => {
    const report = {
      http: [
        run("express", "session_me", 1000, 10),
        run("rust-memory", "health", 25000),
        run("rust-memory", "session_me", 23000),
        run("rust-lab", "health", 25000),
        run("rust-lab", "session_me", 19000),
      ],
    };
    const [traced, plain, tracedOverhead] = evaluate(
      report,
      spec([
        { kind: "peer_speedup", mode: "session", traces: true, min_rps_ratio: 20, max_p99_ratio: 0.2 },
        { kind: "peer_speedup", mode: "session", traces: false, min_rps_ratio: 22, max_p99_ratio: 0.2 },
        { kind: "auth_overhead", mode: "session", traces: true, max_overhead: 0.15 },
      ]),
    );
    expect(traced).toMatchObject({ met: false, check: { rps_ratio: 19, traces: true } });
    expect(plain).toMatchObject({ met: true, check: { rps_ratio: 23, traces: false } });
    expect(tracedOverhead.check.overhead).toBeCloseTo(0.24);
    expect(tracedOverhead.met).toBe(false);
  });

  test("a soak fails on any failed request or on memory that keeps growing", () => {
    const soak = (over) => ({
      mode: "session", store: "memory", connections: 256, secs: 60, requests: 1000, non_2xx: 0, socket_errors: 0,
      p99_ms: 5, rss_before_bytes: 20 << 20, rss_after_bytes: 21 << 20, ...over,
    });
    const verdicts = evaluate(
      { reliability: { soak: [soak({}), soak({ socket_errors: 1 }), soak({ rss_after_bytes: 40 << 20 })] } },
      spec([{ kind: "soak", max_non_2xx: 0, max_rss_growth_bytes: 16 << 20 }]),
    );
    expect(verdicts.map((v) => v.met)).toEqual([true, false, false]);
    expect(verdicts[1].check.failed).toBe(1);
  });

  test("chaos is met only when every outage answer was a prompt 503 and service came back in time", () => {
    const chaos = (over) => ({
      requests: 100, outage_ms: 3000, outage_answers: 40, outage_not_503: 0, other_errors: 0, other_examples: [],
      slowest_outage_answer_ms: 300, recovery_ms: 250, server_up: true, workers: 16, ...over,
    });
    const verdict = (over) =>
      evaluate({ reliability: { chaos: chaos(over) } }, spec([{ kind: "chaos", max_wait_ms: 1000, max_recovery_ms: 1000 }]))[0];
    expect(verdict({}).met).toBe(true);
    expect(verdict({ slowest_outage_answer_ms: 1500 }).met).toBe(false);
    expect(verdict({ recovery_ms: null }).met).toBe(false);
    expect(verdict({ recovery_ms: null }).measured).toContain("back after never");
    expect(verdict({ other_errors: 2 }).met).toBe(false);
    expect(verdict({ outage_answers: 0 }).met).toBe(false);
  });

  test("every kind in targets.json is one the driver knows, and a report without figures meets nothing", () => {
    const file = targetsFile();
    expect(file.targets.length).toBeGreaterThan(10);
    expect(evaluate({}, file)).toEqual([]);
    expect(() => evaluate({}, spec([{ kind: "from_the_future" }]))).toThrow(/unknown kind/);
  });

  test("the newest results file holds a verdict for every kind of target in targets.json", () => {
    const kinds = new Set(newestResults().targets.map((t) => t.check?.kind));
    for (const t of targetsFile().targets) expect(kinds, `target kind ${t.kind}`).toContain(t.kind);
  });
});

test.describe("bench: chaos figures", () => {
  const sample = (t0, t1, status, code = null) => ({ t0, t1, status, code });

  test("sorts the answers into before, outage and after, and finds when service came back", () => {
    const figures = chaosFigures(
      [
        sample(0, 1, 200),
        sample(100, 400, 503, "store_unavailable"),
        sample(500, 900, 503, "store_unavailable"),
        sample(1000, 1010, 503, "store_unavailable"),
        sample(1100, 1105, 200),
        sample(1200, 1201, 200),
      ],
      { killed: 50, back: 950 },
    );
    expect(figures).toMatchObject({
      requests: 6,
      outage_answers: 2,
      outage_not_503: 0,
      other_errors: 0,
      slowest_outage_answer_ms: 400,
      // The first success that started after Redis was back, with no failure after it.
      recovery_ms: 155,
    });
  });

  test("a 500 or a dropped connection anywhere counts against the run, and no success after Redis means never", () => {
    const figures = chaosFigures(
      [sample(0, 1, 500, "internal"), sample(100, 200, 0, "TypeError"), sample(1000, 1001, 503, "store_unavailable")],
      { killed: 50, back: 950 },
    );
    expect(figures.other_errors).toBe(2);
    expect(figures.outage_not_503).toBe(1);
    expect(figures.other_examples).toEqual(["500 internal", "0 TypeError"]);
    expect(figures.recovery_ms).toBeNull();
  });
});

test.describe("bench: a partial run", () => {
  test("keeps the previous criterion figures when it ran no criterion bench itself", () => {
    const old = { bench: "jwt/sign_hs256", median_ns: 1450 };
    const fresh = { bench: "jwt/sign_hs256", median_ns: 1400 };
    expect(microFigures([], { micro: [old] })).toEqual([old]);
    expect(microFigures([fresh], { micro: [old] })).toEqual([fresh]);
    expect(microFigures([], null)).toEqual([]);
    expect(microFigures([], {})).toEqual([]);
  });
});
