// The child's side of bench/lib/jsonLinesChild.mjs: read one JSON request a line from stdin, answer one JSON line
// on stdout, in order. A request that throws is answered `{ error }`, which the parent's `ask` rejects with.
import { createInterface } from 'node:readline';

/**
 * Answers every line of stdin with `handle`'s result until stdin ends.
 *
 * @param {(request: any) => Promise<unknown>} handle
 */
export async function answerEachLine(handle) {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    let answer;
    try {
      answer = await handle(JSON.parse(line));
    } catch (error) {
      answer = { error: error instanceof Error ? error.message : String(error) };
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  }
}

/**
 * A round's successful latencies (ms) as the parent reads them: their count, nearest-rank p50 and p99, mean, and the
 * latencies themselves rounded to the microsecond (the parent pools rounds before taking percentiles).
 *
 * @param {number[]} latencies
 */
export function latencySummary(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]);
  return {
    ok: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    mean: sorted.length === 0 ? null : sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    latencies: Array.from(latencies, (value) => Math.round(value * 1000) / 1000),
  };
}
