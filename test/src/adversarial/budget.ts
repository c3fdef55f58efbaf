/**
 * How much the standing adversarial suite does. `npm test` runs it with the short budget (about a minute on both
 * stores); `npm run test:adversarial` sets FLEXROLL_ADVERSARIAL=long: over 10,000 generated bad requests and a dozen
 * kill -9s of a real server. FLEXROLL_ADVERSARIAL_SEED replays a run (every run prints its seed).
 */
export const LONG = process.env.FLEXROLL_ADVERSARIAL === 'long';

export const BUDGET = LONG
  ? { corpus: { embedded: 8_000, mongodb: 2_500 }, crashCycles: 12, crashBurst: 40 }
  : { corpus: { embedded: 500, mongodb: 150 }, crashCycles: 1, crashBurst: 20 };

export const SEED = Number(process.env.FLEXROLL_ADVERSARIAL_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** A generous per-test time limit: the budget, not the clock, decides how much each test does. */
export const TIME_LIMIT_MS = LONG ? 3_600_000 : 240_000;
