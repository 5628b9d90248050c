// Reads the text wrk prints with --latency. `make bench` keeps wrk's own output beside the
// numbers, so a figure can always be traced back to what wrk said.

const TIME_UNITS = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "245.12us" -> 0.24512 (milliseconds). */
export function parseDuration(text) {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new Error(`not a wrk duration: ${JSON.stringify(text)}`);
  return Number(match[1]) * TIME_UNITS[match[2]];
}

function field(text, pattern, what) {
  const match = pattern.exec(text);
  if (!match) throw new Error(`wrk output has no ${what} line`);
  return match;
}

/**
 * Parses one wrk run. Throws when a line the benchmark depends on is missing (for example
 * when wrk was run without --latency), rather than reporting a made-up zero.
 */
export function parseWrk(text) {
  const [, url] = field(text, /^Running .+ test @ (\S+)/m, "'Running … test @'");
  const [, threads, connections] = field(
    text,
    /^\s+(\d+) threads? and (\d+) connections?/m,
    "threads and connections",
  );
  const percentiles = {};
  const distribution = field(text, /Latency Distribution\n((?:\s+[\d.]+%\s+\S+\n?)+)/, "Latency Distribution");
  for (const line of distribution[1].trim().split("\n")) {
    const [, pct, value] = /([\d.]+)%\s+(\S+)/.exec(line);
    percentiles[pct] = parseDuration(value);
  }
  for (const needed of ["50", "99"]) {
    if (!(needed in percentiles)) throw new Error(`wrk output has no ${needed}% latency`);
  }
  const [, requests, seconds] = field(
    text,
    /^\s+(\d+) requests in ([\d.]+\w+), /m,
    "'N requests in'",
  );
  const [, rps] = field(text, /^Requests\/sec:\s+([\d.]+)/m, "Requests/sec");
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(text);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  return {
    url,
    threads: Number(threads),
    connections: Number(connections),
    requests: Number(requests),
    duration_secs: parseDuration(seconds) / 1000,
    rps: Number(rps),
    p50_ms: percentiles["50"],
    p75_ms: percentiles["75"] ?? null,
    p90_ms: percentiles["90"] ?? null,
    p99_ms: percentiles["99"],
    non_2xx: non2xx ? Number(non2xx[1]) : 0,
    socket_errors: socket
      ? {
          connect: Number(socket[1]),
          read: Number(socket[2]),
          write: Number(socket[3]),
          timeout: Number(socket[4]),
        }
      : { connect: 0, read: 0, write: 0, timeout: 0 },
  };
}
