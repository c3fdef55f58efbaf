// The measuring side of bench/server.mjs: runners that each measure one case for a given number of seconds (through
// the load generator, or the MongoDB driver loop), run in alternating rounds, and their rounds summed into one result.

/**
 * One HTTP case: the load generator's rounds against `url`, keeping each write target's place in its alternation
 * from round to round. `prepare` runs before each round (the bare baseline loads the case's answers); `recover` is
 * handed the targets whose last request went unanswered (the real server may or may not have applied it) and
 * returns the index of the body each takes next.
 *
 * @param {{ loadGenerator: ReturnType<typeof import('./jsonLinesChild.mjs').startJsonLinesChild>, url: string,
 *   connections: number, method: string, headers: Record<string, string>,
 *   lanes: Array<Array<{ path: string, bodies?: string[], next?: number }>>,
 *   prepare?: () => Promise<void>, recover?: (targets: object[]) => Promise<number[]> }} options
 */
export function httpRunner({ loadGenerator, url, connections, method, headers, lanes, prepare, recover }) {
  const state = lanes.map((targets) => targets.map((target) => ({ ...target, next: target.next ?? 0 })));
  const runner = {
    /** 2xx answers, warm-up included: for a write case, the events it added. */
    applied: 0,
    targets: state.flat(),
    async run(seconds) {
      await prepare?.();
      const result = await loadGenerator.ask({
        url, connections, seconds, method, headers,
        lanes: state.map((targets) => targets.map(({ path, bodies, next }) => ({ path, bodies, next }))),
      });
      result.lanes.forEach((nexts, lane) => nexts.forEach((next, target) => { state[lane][target].next = next; }));
      runner.applied += result.ok;
      if (result.lost.length > 0 && recover !== undefined) {
        const lost = result.lost.map(([lane, target]) => state[lane][target]);
        const nexts = await recover(lost);
        lost.forEach((entry, n) => { entry.next = nexts[n]; });
      }
      return result;
    },
  };
  return runner;
}

/** The bare MongoDB read: `findOne({ _id: id })` on `collection` in the database `uri` names, on `connections` loops. */
export function driverRunner({ driver, uri, collection, id, connections }) {
  return { applied: 0, run: (seconds) => driver.ask({ uri, collection, id, connections, seconds }) };
}

/**
 * Warms every runner up for `warmup` seconds, then runs each for `seconds`, in turn, `rounds` times, so that a
 * machine busy with something else for a while slows every case alike. Returns one summed result per runner.
 */
export async function alternate(runners, { warmup, rounds, seconds }) {
  for (const runner of runners) await runner.run(warmup);
  const results = runners.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, runner] of runners.entries()) results[index].push(await runner.run(seconds));
  }
  return results.map(sum);
}

/** The rounds of one runner as one result: counts summed, latencies pooled, and each round's rate kept. */
export function sum(rounds) {
  const latencies = Float64Array.from(rounds.flatMap((round) => round.latencies ?? [])).sort();
  const at = (q) => (latencies.length === 0 ? Number.NaN : latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil(q * latencies.length) - 1))]);
  const total = (key) => rounds.reduce((acc, round) => acc + (round[key] ?? 0), 0);
  const statusCodes = {};
  for (const round of rounds) for (const [code, n] of Object.entries(round.statusCodes ?? {})) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const seconds = total('seconds');
  return {
    requests: total('requests'),
    ok: total('ok'),
    non2xx: total('non2xx'),
    errors: total('errors') + total('timeouts'),
    statusCodes,
    seconds,
    okPerSec: total('ok') / seconds,
    roundRates: rounds.map((round) => round.ok / round.seconds),
    p50: at(0.5),
    p99: at(0.99),
    bytes: total('bytes'),
  };
}
