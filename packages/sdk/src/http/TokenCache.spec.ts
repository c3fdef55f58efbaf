import { expect } from 'chai';
import { retryAfterMs, retryDelayMs } from './backoff.js';
import { jwtExpiresAt, TokenCache } from './TokenCache.js';

describe(TokenCache.name, () => {
  it('obtains one token for concurrent callers, keeps it, and obtains another a minute before it expires', async () => {
    let now = new Date('2025-01-01T09:00:00Z');
    let issued = 0;
    const cache = new TokenCache(60_000, () => now);
    const obtain = async () => ({ token: `t${++issued}`, expiresAt: new Date('2025-01-01T10:00:00Z') });
    expect(await Promise.all([cache.get('k', obtain), cache.get('k', obtain), cache.get('k', obtain)])).to.deep.equal(['t1', 't1', 't1']);
    now = new Date('2025-01-01T09:58:59Z');
    expect(await cache.get('k', obtain)).to.equal('t1');
    now = new Date('2025-01-01T09:59:00Z');
    expect(await cache.get('k', obtain)).to.equal('t2');
  });

  it('forgets a refused token only if it is still the one kept', async () => {
    let issued = 0;
    const cache = new TokenCache();
    const obtain = async () => ({ token: `t${++issued}` });
    await cache.get('k', obtain);
    cache.invalidate('k', 'an-older-token');
    expect(await cache.get('k', obtain)).to.equal('t1');
    cache.invalidate('k', 't1');
    expect(await cache.get('k', obtain)).to.equal('t2');
    cache.invalidate('k');
    expect(await cache.get('k', obtain)).to.equal('t3');
  });

  it('reads a JWT’s exp, and nothing from what is not a JWT', () => {
    const jwt = `x.${Buffer.from(JSON.stringify({ exp: 1735725600 })).toString('base64url')}.y`;
    expect(jwtExpiresAt(jwt)?.toISOString()).to.equal('2025-01-01T10:00:00.000Z');
    expect(jwtExpiresAt('opaque-token')).to.equal(undefined);
    expect(jwtExpiresAt('a.not-base64-json.c')).to.equal(undefined);
  });
});

describe('retry timing', () => {
  it('waits a random time up to the doubled base, capped, and reads Retry-After in seconds or as a date', () => {
    expect([retryDelayMs(1, 100, 2_000, () => 0.999), retryDelayMs(3, 100, 2_000, () => 0.999), retryDelayMs(9, 100, 2_000, () => 0.999)]).to.deep.equal([99, 399, 1998]);
    expect(retryDelayMs(3, 100, 2_000, () => 0)).to.equal(0);
    const now = new Date('2025-01-01T09:00:00Z');
    expect([retryAfterMs('3', now), retryAfterMs('Wed, 01 Jan 2025 09:00:10 GMT', now), retryAfterMs('soon', now), retryAfterMs(null, now)]).to.deep.equal([3_000, 10_000, undefined, undefined]);
  });
});
