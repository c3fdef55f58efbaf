// Timing for the benchmarks: a fixed number of operations on a fixed number of lanes, after a warm-up, timed with
// process.hrtime.bigint(). No time budgets: every case runs exactly the operations it is given, so it ends by itself.
// Cases that can be repeated are compared in alternating rounds, so that a machine busy with something else for a
// while slows the baseline and the case alike instead of whichever ran at that moment.

/**
 * Measures one case. `op` is told the index of the operation (negative during the warm-up) and its lane
 * (0 … concurrency-1); lanes pull the next index from a shared counter. A throwing op is counted by its error code
 * and does not stop the case.
 *
 * @param {(index: number, lane: number) => Promise<unknown>} op
 * @param {{ iterations: number, warmup?: number, concurrency?: number }} plan
 */
export async function measure(op, plan) {
  const [result] = await compare([lanes(op, plan.concurrency ?? 1)], plan);
  return result;
}

/**
 * Measures several cases in alternating rounds: each is warmed up, then each runs `iterations / rounds` operations
 * in turn, `rounds` times. Returns one result per runner, in order.
 *
 * @param {Array<(count: number, firstIndex: number) => Promise<Sample>>} runners see {@link lanes}
 * @param {{ iterations: number, warmup?: number, rounds?: number }} plan
 */
export async function compare(runners, { iterations, warmup = 0, rounds = 1 }) {
  if (warmup > 0) for (const run of runners) await run(warmup, -warmup);
  const samples = runners.map(() => []);
  for (let round = 0, done = 0; round < rounds; round++) {
    const count = Math.round((iterations * (round + 1)) / rounds) - done;
    for (const [index, run] of runners.entries()) samples[index].push(await run(count, done));
    done += count;
  }
  return samples.map(summarize);
}

/**
 * A runner for {@link compare}: `count` calls of `op` on `concurrency` lanes.
 * @typedef {{ latencies: Float64Array, elapsedMs: number, failures: Record<string, number>, concurrency: number }} Sample
 * @returns {(count: number, firstIndex: number) => Promise<Sample>}
 */
export function lanes(op, concurrency = 1) {
  return async (count, firstIndex) => {
    const latencies = new Float64Array(count);
    const failures = {};
    let next = 0;
    const lane = async (_, laneNumber) => {
      for (let slot = next++; slot < count; slot = next++) {
        const began = process.hrtime.bigint();
        try {
          await op(firstIndex + slot, laneNumber);
        } catch (error) {
          const code = error?.code ?? error?.name ?? 'error';
          failures[code] = (failures[code] ?? 0) + 1;
        }
        latencies[slot] = Number(process.hrtime.bigint() - began) / 1e6;
      }
    };
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
    return { latencies, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6, failures, concurrency };
  };
}

/** One result from a case's samples: total operations, ops/s over the time they took, nearest-rank p50 and p95. */
function summarize(samples) {
  const sorted = Float64Array.from(samples.flatMap((sample) => [...sample.latencies])).sort();
  const elapsedMs = samples.reduce((sum, sample) => sum + sample.elapsedMs, 0);
  const failures = {};
  for (const sample of samples) for (const [code, n] of Object.entries(sample.failures)) failures[code] = (failures[code] ?? 0) + n;
  const at = (q) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]);
  return {
    iterations: sorted.length,
    concurrency: samples[0]?.concurrency ?? 1,
    elapsedMs,
    opsPerSec: (sorted.length / elapsedMs) * 1000,
    p50: at(0.5),
    p95: at(0.95),
    failures,
  };
}
