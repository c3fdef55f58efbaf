import { expect } from 'chai';
import type { Backoff } from '../../platform/index.js';
import type { WebhookResult } from '../transport/WebhookTransport.js';
import { MAX_POSTPONEMENTS, nextStep, RETRY_AFTER_MAX_MS, RETRY_AFTER_MIN_MS } from './retrySchedule.js';

const SCHEDULE: Backoff = { kind: 'listed', waitsMs: [5_000, 300_000, 1_800_000], jitter: 0 };
const START = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(START.getTime() + ms);
const answer = (statusCode: number, retryAfter?: string): WebhookResult => ({ kind: 'response', statusCode, body: '', latencyMs: 1, ...(retryAfter === undefined ? {} : { retryAfter }) });
const round = (failures: number, postponements = 0) => ({ startedAt: START, failures, postponements });

describe('nextStep', () => {
  describe('having a 429 or 503 with Retry-After', () => {
    it('postpones to the time asked without spending the budget, however many failures came before', () => {
      expect(nextStep(answer(429, '1'), round(2, 7), at(10_000), SCHEDULE)).to.deep.equal({ kind: 'retry', at: at(11_000), postponed: true });
      expect(nextStep(answer(503, at(70_000).toUTCString()), round(0), at(10_000), SCHEDULE)).to.deep.equal({ kind: 'retry', at: at(70_000), postponed: true });
    });

    it('waits at least a second and at most an hour', () => {
      const long: Backoff = { kind: 'listed', waitsMs: [5_000, 36_000_000], jitter: 0 };
      expect(nextStep(answer(429, '0'), round(0), at(0), SCHEDULE)).to.deep.equal({ kind: 'retry', at: at(RETRY_AFTER_MIN_MS), postponed: true });
      expect(nextStep(answer(429, '86400'), round(0), at(0), long)).to.deep.equal({ kind: 'retry', at: at(RETRY_AFTER_MAX_MS), postponed: true });
    });

    it('spends the budget once the postponed attempt would fall past the round’s window, or after too many postponements', () => {
      const window = 5_000 + 300_000 + 1_800_000;
      expect(nextStep(answer(429, '1'), round(1), at(window - 500), SCHEDULE)).to.deep.equal({ kind: 'retry', at: at(window + 500), postponed: false });
      expect(nextStep(answer(429, '1'), round(1, MAX_POSTPONEMENTS), at(20_000), SCHEDULE)).to.deep.equal({ kind: 'retry', at: at(21_000), postponed: false });
      expect(nextStep(answer(429, '1'), round(3), at(window), SCHEDULE)).to.deep.equal({ kind: 'exhausted' });
    });
  });

  describe('having any other failure', () => {
    it('spends one of the budget: the schedule’s next wait, then exhausted', () => {
      expect(nextStep(answer(500), round(1), at(0), SCHEDULE)).to.deep.equal({ kind: 'retry', at: at(300_000), postponed: false });
      expect(nextStep(answer(429), round(0), at(0), SCHEDULE)).to.deep.equal({ kind: 'retry', at: at(5_000), postponed: false });
      expect(nextStep({ kind: 'error', error: 'refused', latencyMs: 1 }, round(3), at(0), SCHEDULE)).to.deep.equal({ kind: 'exhausted' });
    });
  });

  it('delivers on a 2xx', () => {
    expect(nextStep(answer(204), round(3), at(0), SCHEDULE)).to.deep.equal({ kind: 'delivered' });
  });
});
