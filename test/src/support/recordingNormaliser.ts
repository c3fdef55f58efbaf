import { createHash } from 'node:crypto';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { RecordedExchange } from './recordedScenario.js';

/**
 * Makes `crypto.randomBytes` a seeded sequence until the returned function restores it: event ids carry random
 * digits after their millisecond, so events of one request would otherwise list in a different order each run.
 */
export function seededRandomBytes(seed = 'flexroll recorded responses'): () => void {
  const crypto = createRequire(import.meta.url)('node:crypto') as { randomBytes: (size: number, callback?: (error: Error | null, bytes: Buffer) => void) => Buffer | undefined };
  const original = crypto.randomBytes;
  let counter = 0;
  const next = (size: number): Buffer => {
    const chunks: Buffer[] = [];
    for (let length = 0; length < size; length += 32) chunks.push(createHash('sha256').update(`${seed}:${counter++}`).digest());
    return Buffer.concat(chunks).subarray(0, size);
  };
  crypto.randomBytes = (size, callback) => {
    if (callback === undefined) return next(size);
    const bytes = next(size);
    process.nextTick(() => callback(null, bytes));
    return undefined;
  };
  syncBuiltinESMExports();
  return () => {
    crypto.randomBytes = original;
    syncBuiltinESMExports();
  };
}

/** What differs from run to run, each kind with the placeholder stem it gets. */
const VARYING: readonly [RegExp, string][] = [
  // A W3C trace context (`traceresponse`): a fresh trace for every request that came without one.
  [/\b00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]\b/g, 'TRACE'],
  [/\breq_[0-9a-f]{12}[0-9a-z]+\b/g, 'REQUEST_ID'],
  [/\bwhsec_[A-Za-z0-9+/=]+/g, 'WEBHOOK_SECRET'],
  [/\bfr_(live|test)_[A-Za-z0-9_-]+/g, 'API_KEY'],
  [/\b[a-z]{2,4}_[0-9a-f]{24}\b/g, 'ID'],
  [/\b[a-z][a-z0-9]{24}\b/g, 'CUID'],
  [/127\.0\.0\.1:\d+/g, 'LOOPBACK_PORT'],
];

/**
 * The rate limit's `reset=` counts down in real seconds (the limiter does not use the platform's clock), so a slow run
 * says 59 where a quick one says 60: kept only as "within the minute's window".
 */
function windowReset(value: string): string {
  return value.replace(/\breset=(\d+)\b/, (match, seconds: string) => (Number(seconds) >= 0 && Number(seconds) <= 60 ? 'reset=<0…60>' : match));
}

/**
 * Replaces ids, secrets, request ids and ports by placeholders numbered in order of first appearance across the
 * whole recording, so that an id that one answer gives and another repeats keeps the same placeholder.
 */
export function normaliseRecording(exchanges: readonly RecordedExchange[]): RecordedExchange[] {
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  const replace = (text: string) => VARYING.reduce((current, [pattern, stem]) => current.replace(pattern, (match) => {
    if (!seen.has(match)) {
      const n = (counts.get(stem) ?? 0) + 1;
      counts.set(stem, n);
      seen.set(match, `<${stem}_${n}>`);
    }
    return seen.get(match)!;
  }), text);
  return exchanges.map((exchange) => ({
    label: exchange.label,
    request: replace(exchange.request),
    status: exchange.status,
    headers: Object.fromEntries(Object.entries(exchange.headers).map(([name, value]) => [name, replace(name === 'ratelimit' ? windowReset(value) : value)])),
    body: replace(exchange.body),
  }));
}

/** Where the recording is kept, from the repository's root. */
export const RECORDING_PATH = 'test/fixtures/recorded-responses.json';

/** The recording as the fixture holds it: one exchange per line pair, readable in a diff. */
export function serialiseRecording(exchanges: readonly RecordedExchange[]): string {
  return `${JSON.stringify(exchanges, null, 1)}\n`;
}
