import { expect } from 'chai';
import { defineAdapter, SDK_VERSION, type ParticipationMove } from '@flexroll/sdk';
import type { EnrollmentEventRepository } from '../enrollments/ports/EnrollmentEventRepository.js';
import type { EventFeedRepository } from '../enrollments/ports/EventFeedRepository.js';
import type { CoreSettings } from '../platform/CoreSettings.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { SUZIE_CUSTOMER_INFO, suzieWithDevice } from '../seeds/seedExamples.js';
import { CoreHarness, harnessOn } from './CoreHarness.js';
import type { StoreUnderTest } from './StoreUnderTest.js';
import { SPEC_SETTINGS, webhookWorld } from './webhookDispatchSpecs.js';

/** What the feed's readers asked the store for: lookups made, and event documents they were given. */
interface FeedReads {
  lookups: number;
  events: number;
  /** Calls to the event log's own reads (ranges, pages): a feed must make none. */
  logReads: number;
}

/**
 * The event feed (ADR 0018): each new event read once, by the seconds' equality lookups, after they settled; an
 * insert that outlasts its second is re-filed, not missed; a quiet pass reads no event; no endpoint, no reads; and
 * the safety nets that follow it (projection repair, the outbox's catch-up) still catch a crash.
 */
export function feedSpecs(store: () => StoreUnderTest): void {
  it('delivers an event whose insert became visible only after the worker had read its second', async () => {
    const settings = { ...SPEC_SETTINGS, feedSettleMs: 2_000 };
    const w = await webhookWorld(store(), settings, undefined, '2041-01-01T00:00:00Z');
    const id = await w.enroll('SN-FEED-LATE');
    w.api.clock.advance(2_000);
    await w.drain();
    const slow = harnessOn(store(), w.api.clock, { settings });
    const events = slow.port(STORE_TOKENS.events);
    const slowInsert: EnrollmentEventRepository['insert'] = async (event, feedSecond) => {
      // The insert stalls: meanwhile the clock passes its second's settle bound and the worker reads that second.
      w.api.clock.advance(3_500);
      await w.worker.webhookDispatcher.runOnce();
      return events.insert(event, feedSecond);
    };
    slow.replacePort(STORE_TOKENS.events, withMethod(events, 'insert', slowInsert));
    await slow.enrollments.update(w.context, id, { changes: { phone: '+1987654321' } });
    expect(w.received().map((delivery) => delivery.payload.type), 'the worker passed it by').to.not.include('enrollment.updated');
    expect(slow.logger.withMessage('an insert outlasted its feed second; re-filing its events'), 'the appender saw it was late').to.have.length(1);

    w.api.clock.advance(2_000);
    await w.drain();
    expect(w.received().filter((delivery) => delivery.payload.type === 'enrollment.updated'), 'delivered from the second it was re-filed in').to.have.length(1);
  });

  it('reads each event once across passes, and a quiet pass reads no event at all', async () => {
    const w = await webhookWorld(store(), { feedSettleMs: 2_000 }, undefined, '2042-01-01T00:00:00Z');
    const reads = countFeedReads(w.worker);
    const ids: string[] = [];
    for (let n = 0; n < 4; n++) {
      ids.push(await w.enroll(`SN-FEED-ONCE-${n}`));
      await w.api.enrollments.update(w.context, ids[n]!, { changes: { phone: `+198765432${n}` } });
      for (let pass = 0; pass < 5; pass++) {
        w.api.clock.advance(700);
        await w.worker.webhookDispatcher.runOnce();
      }
    }
    w.api.clock.advance(3_000);
    await w.drain();
    const listed = await w.api.events.list(w.context, {}, { page: 1, perPage: 100 });
    const written = listed.totalItems ?? listed.data.length;
    expect(reads.events, 'every event read, once').to.equal(written);
    expect(w.received(), 'each fanned out once').to.have.length(written);
    expect(new Set(w.received().map((delivery) => delivery.payload.id)).size).to.equal(written);

    reset(reads);
    for (let pass = 0; pass < 20; pass++) {
      w.api.clock.advance(250);
      await w.worker.webhookDispatcher.runOnce();
    }
    expect(reads, 'quiet: five seconds passed, each one empty lookup; no event document, no range').to.deep.equal({ lookups: 5, events: 0, logReads: 0 });
  });

  it('reads nothing while no endpoint is enabled', async () => {
    const settings = { ...SPEC_SETTINGS, feedSettleMs: 0 };
    const h = harnessOn(store(), undefined, { settings });
    const worker = harnessOn(store(), h.clock, { settings });
    h.clock.set('2043-01-01T00:00:00Z');
    const endpoints = h.port(STORE_TOKENS.webhookEndpoints);
    // The earlier specs' endpoints, on this shared store, are turned off: a platform without an enabled endpoint.
    for (const endpoint of await endpoints.listAll()) if (endpoint.status === 'enabled') await endpoints.replace({ ...endpoint, status: 'disabled' });
    const { context, instance } = await h.tenant();
    const reads = countFeedReads(worker);
    for (let n = 0; n < 3; n++) {
      await h.enrollments.create(context, instance.id, suzieWithDevice(`SN-FEED-NONE-${n}`));
      h.clock.advance(1_000);
      await worker.webhookDispatcher.runOnce();
    }
    expect(reads, 'no endpoint: the feed moves on without a lookup').to.deep.equal({ lookups: 0, events: 0, logReads: 0 });
  });

  it('follows the feed to repair a projection a crash left behind, and reads each event once doing it', async () => {
    const settings: Partial<CoreSettings> = { ...SPEC_SETTINGS, feedSettleMs: 0 };
    const h = harnessOn(store(), undefined, { settings });
    h.clock.set('2044-01-01T00:00:00Z');
    const { context, instance } = await h.tenant();
    const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
    const worker = harnessOn(store(), h.clock, { settings: { ...settings, projectionRepairWindowMs: 60_000 } });
    const reads = countFeedReads(worker);
    h.clock.advance(1_000);
    await worker.projectionRepair.runOnce();

    const crashing = harnessOn(store(), h.clock, { settings });
    const real = crashing.port(STORE_TOKENS.enrollments);
    crashing.replacePort(STORE_TOKENS.enrollments, withMethod(real, 'save', async () => { throw new Error('simulated crash before the projection write'); }));
    await crashing.enrollments.update(context, created.id, { changes: { phone: '+1987654321' } });
    expect((await real.get(context.workspaceId, created.id))!.seq, 'the projection lags').to.equal(1);

    reset(reads);
    h.clock.advance(1_000);
    expect(await worker.projectionRepair.runOnce(), 'one repaired').to.equal(1);
    expect((await real.get(context.workspaceId, created.id))!.seq, 'the repair is written back').to.equal(2);
    h.clock.advance(1_000);
    expect(await worker.projectionRepair.runOnce(), 'nothing read again, nothing to repair').to.equal(0);
    expect(reads, 'a second a pass, one lookup each: the crashed change’s event, once').to.deep.equal({ lookups: 2, events: 1, logReads: 0 });
  });

  it('follows the feed to enqueue a move whose enqueue a crash lost', async () => {
    const told: string[] = [];
    const reference = store().adapters[0]!;
    const adapter = defineAdapter({
      ...reference, manifest: { ...reference.manifest, id: 'feed-notify', sdkVersion: `^${SDK_VERSION}` },
      onParticipationChanged: (move: ParticipationMove) => { told.push(move.to.state); },
    });
    const settings: Partial<CoreSettings> = { ...SPEC_SETTINGS, feedSettleMs: 0 };
    const api = new CoreHarness(store().module(), { settings, adapters: [adapter] });
    api.clock.set('2045-01-01T00:00:00Z');
    const worker = new CoreHarness(store().module(), { settings, adapters: [adapter], clock: api.clock });
    const crashing = new CoreHarness(store().module(), { settings, adapters: [adapter], clock: api.clock });
    const { context, instance } = await api.tenant();
    const created = await api.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
    await worker.outbox.drain();
    const items = crashing.port(STORE_TOKENS.adapterOutbox);
    crashing.replacePort(STORE_TOKENS.adapterOutbox, withMethod(items, 'enqueue', async () => { throw new Error('simulated crash before the enqueue'); }));
    await crashing.participations.trigger(context, created.participation!.id, { trigger: 'consent_requested' });
    expect(crashing.logger.withMessage('adapter outbox enqueue failed; the catch-up scan will retry')).to.have.length(1);
    expect(told, 'not told yet').to.not.include('AWAITING_CONSENT');

    api.clock.advance(400_000);
    await worker.outbox.drain();
    expect(told, 'the catch-up found the move in the feed and enqueued it').to.include('AWAITING_CONSENT');
  });
}

/** Counts, on a harness, the feed's lookups and the event documents they return, and the log's range reads. */
function countFeedReads(harness: CoreHarness): FeedReads {
  const reads: FeedReads = { lookups: 0, events: 0, logReads: 0 };
  const feed = harness.port(STORE_TOKENS.eventFeed);
  harness.replacePort<EventFeedRepository>(STORE_TOKENS.eventFeed, withMethod(feed, 'listRecordedIn', async (bucket) => {
    reads.lookups++;
    const found = await feed.listRecordedIn(bucket);
    reads.events += found.length;
    return found;
  }));
  const events = harness.port(STORE_TOKENS.events);
  harness.replacePort<EnrollmentEventRepository>(STORE_TOKENS.events, withMethod(events, 'list', async (...args) => {
    reads.logReads++;
    return events.list(...args);
  }));
  return reads;
}

function reset(reads: FeedReads): void {
  reads.lookups = 0;
  reads.events = 0;
  reads.logReads = 0;
}

/** A port with one method replaced, the others bound to the real one. */
export function withMethod<T extends object, K extends keyof T>(real: T, key: K, replacement: T[K]): T {
  return new Proxy(real, {
    get: (target, property) => {
      if (property === key) return replacement;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
