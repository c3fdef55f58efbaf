import { expect } from 'chai';
import { retryAfterMs, retryDelayMs } from './backoff.js';
import { refreshMarginMs } from './refreshMargin.js';
import { jwtExpiresAt, TokenCache, type AccessToken } from './TokenCache.js';

describe(TokenCache.name, () => {
  it('obtains one token for concurrent callers, keeps it, and obtains another a minute before a one-hour token expires', async () => {
    let now = new Date('2025-01-01T09:00:00Z');
    let issued = 0;
    const cache = new TokenCache({ now: () => now });
    const obtain = async () => ({ token: `t${++issued}`, expiresAt: new Date('2025-01-01T10:00:00Z') });
    expect(await Promise.all([cache.get('k', obtain), cache.get('k', obtain), cache.get('k', obtain)])).to.deep.equal(['t1', 't1', 't1']);
    now = new Date('2025-01-01T09:58:59Z');
    expect(await cache.get('k', obtain)).to.equal('t1');
    now = new Date('2025-01-01T09:59:00Z');
    expect(await cache.get('k', obtain)).to.equal('t2');
  });

  it('keeps a 60 s token for 54 s (a tenth of its lifetime early), so five calls in a minute share one token', async () => {
    let now = new Date('2025-01-01T09:00:00Z');
    let issued = 0;
    const cache = new TokenCache({ now: () => now });
    const obtain = async () => ({ token: `t${++issued}`, expiresAt: new Date(now.getTime() + 60_000) });
    const seen: string[] = [];
    for (const second of [0, 10, 20, 40, 53]) {
      now = new Date(Date.parse('2025-01-01T09:00:00Z') + second * 1000);
      seen.push(await cache.get('k', obtain));
    }
    now = new Date('2025-01-01T09:00:54Z');
    seen.push(await cache.get('k', obtain));
    expect(seen).to.deep.equal(['t1', 't1', 't1', 't1', 't1', 't2']);
  });

  it('measures the margin as the smaller of 60 s and a tenth of the lifetime', () => {
    expect([refreshMarginMs(60_000), refreshMarginMs(600_000), refreshMarginMs(3_600_000), refreshMarginMs(0), refreshMarginMs(-5_000), refreshMarginMs(3_600_000, 30_000)])
      .to.deep.equal([6_000, 60_000, 60_000, 0, 0, 30_000]);
  });

  it('shares one fetch between concurrent callers: one caller that stops waiting leaves it running for the others', async () => {
    let release!: (token: AccessToken) => void;
    let fetches = 0;
    let fetchSignal: AbortSignal | undefined;
    const cache = new TokenCache();
    const obtain = (signal?: AbortSignal) => {
      fetches++;
      fetchSignal = signal;
      return new Promise<AccessToken>((resolve) => (release = resolve));
    };
    const impatient = new AbortController();
    const first = cache.get('k', obtain, impatient.signal).then(() => 'token', (error: unknown) => (error as Error).name);
    const second = cache.get('k', obtain, new AbortController().signal);
    impatient.abort(new DOMException('stopped', 'AbortError'));
    expect(await first).to.equal('AbortError');
    expect(fetchSignal?.aborted).to.equal(false);
    release({ token: 't1' });
    expect([await second, fetches]).to.deep.equal(['t1', 1]);
  });

  it('abandons the shared fetch when every caller stopped waiting, and starts a new one for the next caller', async () => {
    let fetches = 0;
    const signals: AbortSignal[] = [];
    const cache = new TokenCache();
    const obtain = (signal?: AbortSignal) => {
      fetches++;
      signals.push(signal!);
      return new Promise<AccessToken>((resolve, reject) => {
        if (fetches > 1) resolve({ token: `t${fetches}` });
        if (signal?.aborted === true) reject(signal.reason as Error);
        signal?.addEventListener('abort', () => reject(signal.reason as Error));
      });
    };
    const callers = [new AbortController(), new AbortController()];
    const waits = callers.map((caller) => cache.get('k', obtain, caller.signal).catch((error: unknown) => (error as Error).name));
    callers.forEach((caller) => caller.abort(new DOMException('stopped', 'AbortError')));
    expect(await Promise.all(waits)).to.deep.equal(['AbortError', 'AbortError']);
    expect(signals[0]?.aborted).to.equal(true);
    expect([await cache.get('k', obtain), fetches]).to.deep.equal(['t2', 2]);
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
