import { createHash } from 'node:crypto';
import { TokenCache } from '@flexroll/sdk';

/**
 * The operators' tokens the platform keeps for adapters (the `http` service): one {@link TokenCache} per adapter,
 * program instance and config. A config's fingerprint (a hash of all of it: credentials and endpoint alike) picks
 * the cache, so a changed config starts without a token, and the cache of the config it replaced is dropped rather
 * than kept for ever. Adapters no longer keep module-level caches of their own. The caches tell a token's age by the
 * platform's clock (`now`), so a test that moves the clock moves tokens towards their refresh too.
 */
export class AdapterTokenCaches {
  readonly #caches = new Map<string, { readonly fingerprint: string; readonly cache: TokenCache }>();

  constructor(private readonly now: () => Date) {}

  for(adapterId: string, programInstanceId: string, config: Readonly<Record<string, unknown>>): TokenCache {
    const key = `${adapterId}\u0000${programInstanceId}`;
    const fingerprint = createHash('sha256').update(canonicalJson(config)).digest('hex');
    const kept = this.#caches.get(key);
    if (kept !== undefined && kept.fingerprint === fingerprint) return kept.cache;
    const cache = new TokenCache({ now: this.now });
    this.#caches.set(key, { fingerprint, cache });
    return cache;
  }
}

/** JSON with object keys sorted, so one config always has one fingerprint whatever the order it was written in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
