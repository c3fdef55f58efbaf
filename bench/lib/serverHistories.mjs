// The participations bench/server.mjs measures on, made through the real server's API: a short history (an
// enrollment driven to ACTIVE) and a long one (then 500 suspensions raised and cleared: 1,000 events more),
// laid out in lanes of targets for the load generator, one lane per connection for the write cases.
import { activeParticipation, captureAnswers, createInstance, eventCount, inLanes, lengthen, nextBodyIndex } from './serverFixtures.mjs';

const LONG_PAIRS = 500;
/** About how many events a short-history participation may gain during one write case. */
const GROWTH_BUDGET = 20;
const MAX_POOL_PER_CONNECTION = 64;

/**
 * A program instance, one ACTIVE participation for the short reads, and `longCount` more with LONG_PAIRS
 * suspensions raised and cleared each, built `connections` at a time.
 */
export async function setUp(api, programId, { kind, connections, longCount }) {
  const instanceId = await createInstance(api, programId);
  let serial = 0;
  const newActive = () => activeParticipation(api, instanceId, `bench-${kind}-${serial++}`);
  const short = await newActive();
  const long = await inLanes(longCount, connections, async () => {
    const participation = await newActive();
    await lengthen(api, participation.participationId, LONG_PAIRS);
    return participation;
  });
  const shortEvents = await eventCount(api, short.enrollmentId);
  const longEvents = long.length === 0 ? 0 : await eventCount(api, long[0].enrollmentId);
  // A long history that did not grow would make every long case a second short one, and its ratios meaningless.
  if (long.length > 0 && longEvents < shortEvents + 2 * LONG_PAIRS) throw new Error(`a long history has ${longEvents} events; ${shortEvents + 2 * LONG_PAIRS} were meant`);
  return { newActive, short, long, shortEvents, longEvents };
}

/**
 * The short history of a route: reads share one enrollment; a write case gets a fresh pool of ACTIVE participations,
 * a lane of them per connection, enough that none gains more than about GROWTH_BUDGET events if the case makes
 * `expectedWrites` writes.
 */
export async function shortHistory(api, route, fixtures, { connections, expectedWrites, progress }) {
  if (route.bodies === undefined) return history('short', api, route, [[fixtures.short]], fixtures.shortEvents);
  const perConnection = Math.min(MAX_POOL_PER_CONNECTION, Math.max(1, Math.ceil(expectedWrites / (connections * GROWTH_BUDGET))));
  const began = Date.now();
  const pool = await inLanes(connections * perConnection, connections, () => fixtures.newActive());
  progress(`  a pool of ${pool.length} ACTIVE participations (${perConnection} per connection) in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  const lanes = Array.from({ length: connections }, (_, n) => pool.slice(n * perConnection, (n + 1) * perConnection));
  return history('short', api, route, lanes, fixtures.shortEvents, { fresh: true });
}

/**
 * The long history of a route: reads share one enrollment; a write case gives each connection one of its own, and
 * is skipped (with the reason) when setUp made fewer than that.
 */
export async function longHistory(api, route, fixtures, { connections, skipReason }) {
  if (route.bodies === undefined) return history('long', api, route, [[fixtures.long[0]]], fixtures.longEvents);
  if (fixtures.long.length < connections) return { name: 'long', skipped: skipReason };
  const lanes = fixtures.long.map((participation) => [participation]);
  return history('long', api, route, lanes, await eventCount(api, fixtures.long[0].enrollmentId));
}

/**
 * A history's lanes of targets, where each write target's alternation stands (asked of the server, unless the
 * participations are `fresh`ly ACTIVE), and the answers the bare app replays.
 */
async function history(name, api, route, lanes, startEvents, { fresh = false } = {}) {
  const target = async (participation) => ({
    path: route.path(participation),
    participationId: participation.participationId,
    enrollmentId: participation.enrollmentId,
    ...(route.bodies === undefined ? {} : {
      bodies: route.bodies.map((body) => JSON.stringify(body)),
      next: fresh ? 0 : await nextBodyIndex(api, participation.participationId),
    }),
  });
  const targets = await Promise.all(lanes.map((lane) => Promise.all(lane.map(target))));
  const answers = await captureAnswers(api, route.method, targets[0][0]);
  return { name, lanes: targets, answers, startEvents, participations: targets.flat().length };
}
