import { expect } from 'chai';
import { DEFAULT_POLLING } from '@flexroll/sdk';
import { DEFAULT_CORE_SETTINGS } from '../CoreSettings.js';
import { longestWait, totalWait, waitAfter } from './Backoff.js';
import { pollingBackoff, retriedWork } from './retriedWork.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('retriedWork', () => {
  const work = retriedWork(DEFAULT_CORE_SETTINGS);
  const waits = (backoff: Parameters<typeof waitAfter>[0], failures: number, random: () => number) =>
    Array.from({ length: failures }, (_, n) => waitAfter(backoff, n + 1, random));

  describe('webhook delivery', () => {
    it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then gives up', () => {
      expect(waits(work.webhookDelivery.backoff, 8, () => 0.5)).to.deep.equal([5_000, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR, undefined]);
    });

    it('moves each wait by at most a fifth either way, and caps a receiver’s Retry-After at 10 h', () => {
      expect([waitAfter(work.webhookDelivery.backoff, 2, () => 0), waitAfter(work.webhookDelivery.backoff, 2, () => 1)]).to.deep.equal([4 * MINUTE, 6 * MINUTE]);
      expect(longestWait(work.webhookDelivery.backoff)).to.equal(10 * HOUR);
    });

    it('holds a claim 10 s unrenewed, and renews it only within the 15 s a POST may take', () => {
      expect([work.webhookDelivery.leaseMs, work.webhookDelivery.maxHoldMs]).to.deep.equal([10_000, 15_000]);
    });

    it('spans about 27.6 h in all: the window within which a receiver may postpone an attempt for free', () => {
      expect(totalWait(work.webhookDelivery.backoff)).to.equal(5_000 + 5 * MINUTE + 30 * MINUTE + (2 + 5 + 10 + 10) * HOUR);
    });
  });

  describe('the adapter outbox', () => {
    it('waits between half and all of 5 s doubled per failure, at most an hour', () => {
      expect(waits(work.adapterOutbox.backoff, 12, () => 0)).to.deep.equal([2_500, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_280_000, 1_800_000, 1_800_000]);
      expect(waits(work.adapterOutbox.backoff, 3, () => 0.999_999)).to.deep.equal([4_999, 9_999, 19_999]);
    });

    it('holds a claim twice the adapter timeout and a second unrenewed', () => {
      expect(work.adapterOutbox.leaseMs).to.equal(11_000);
    });
  });

  describe('jobs', () => {
    it('hold a claim 10 s unrenewed, and have no back-off (a job is resumed, not retried)', () => {
      expect(work.jobs).to.deep.equal({ leaseMs: 10_000 });
    });
  });

  describe('operator polling', () => {
    it('holds a poll’s claim twice the adapter timeout and a second unrenewed', () => {
      expect(work.operatorPolling).to.deep.equal({ leaseMs: 11_000 });
    });

    it('waits the adapter’s interval doubled per quiet poll, at most its longest, a millisecond early', () => {
      expect(waits(pollingBackoff(DEFAULT_POLLING), 7, Math.random)).to.deep.equal([59_999, 119_999, 239_999, 479_999, 959_999, 1_799_999, 1_799_999]);
    });
  });
});
