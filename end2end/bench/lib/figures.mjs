// Pure arithmetic over measured samples: no processes, no files, so tests import it freely.

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** What the chaos run's answers say; pure, so the rules are tested on their own. */
export function chaosFigures(samples, { killed, back }) {
  const isOutage = (s) => s.status === 503 && s.code === "store_unavailable";
  const during = samples.filter((s) => s.t0 >= killed && s.t1 <= back);
  const after = samples.filter((s) => s.t0 >= back).sort((a, b) => a.t0 - b.t0);
  const ok = (s) => s.status >= 200 && s.status < 300;
  // Back means: an answer that started after Redis did succeeded, and none failed after it.
  const settled = after.slice(after.findLastIndex((s) => !ok(s)) + 1);
  const firstGood = settled.find(ok);
  const other = samples.filter((s) => !ok(s) && !isOutage(s));
  return {
    requests: samples.length,
    outage_ms: back - killed,
    outage_answers: during.length,
    outage_not_503: during.filter((s) => !isOutage(s)).length,
    // Any answer, in the whole run, that is neither a success nor the outage's 503.
    other_errors: other.length,
    other_examples: [...new Set(other.map((s) => `${s.status} ${s.code}`))].slice(0, 5),
    slowest_outage_answer_ms: during.length ? Math.max(...during.map((s) => s.t1 - s.t0)) : null,
    recovery_ms: firstGood ? firstGood.t1 - back : null,
  };
}
