import { expect } from 'chai';
import { defineAdapter, OperatorCallError, SDK_VERSION, type AdapterContext, type OperatorAdapter } from '@flexroll/sdk';
import type { CoreSettings } from '../platform/CoreSettings.js';
import { SUZIE_CUSTOMER_INFO } from '../seeds/seedExamples.js';
import { CoreHarness } from './CoreHarness.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

/** The reference adapter with a different id, whose operator answers 429 with `Retry-After` while `limited` says so. */
function rateLimited(store: StoreUnderTest, id: string, retryAfterMs: number, attempts: { key: string | undefined; at: string }[]): OperatorAdapter {
  const reference = store.adapters[0]!;
  const hooks: Partial<OperatorAdapter> = {
    onParticipationChanged: (_move, _participation, context: AdapterContext) => {
      attempts.push({ key: context.idempotencyKey, at: context.now.toISOString() });
      if (attempts.length === 1) throw new OperatorCallError('acme', 'status', `acme POST /sites answered 429 asking to wait ${retryAfterMs} ms (attempt 1).`, 1, 429, undefined, retryAfterMs);
    },
  };
  return defineAdapter({ ...reference, manifest: { ...reference.manifest, id, sdkVersion: `^${SDK_VERSION}` }, ...hooks });
}

/** The adapter outbox schedules an item's next attempt by the operator's `Retry-After`, and keys every attempt alike. */
export function outboxRetryAfterSpecs(store: () => StoreUnderTest): void {
  const harness = (adapter: OperatorAdapter, settings: Partial<CoreSettings> = {}) => new CoreHarness(store().module(), { adapters: [adapter], settings });

  /** A move whose outbox item's first attempt the operator answers with `Retry-After: retryAfterMs`: the item after it. */
  async function firstAttemptLimited(adapterId: string, retryAfterMs: number, settings: Partial<CoreSettings>) {
    const attempts: { key: string | undefined; at: string }[] = [];
    const h = harness(rateLimited(store(), adapterId, retryAfterMs, attempts), settings);
    const { context, instance } = await h.tenant();
    const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
    await h.participations.trigger(context, created.participation!.id, { trigger: 'consent_requested' });
    const failedAt = h.clock.now();
    await h.outbox.drain();
    const [pending] = (await h.outboxItems.list(context, instance.id, 'pending', { page: 1, perPage: 10 })).data;
    return { h, context, instance, attempts, failedAt, pending };
  }

  it('retries an item when the operator said (its retryAfterMs), not after the back-off, with the same idempotency key', async () => {
    const { h, context, instance, attempts, failedAt, pending } = await firstAttemptLimited('limited-notify', 30_000, { outboxBackoffBaseMs: 5_000 });
    expect(pending).to.deep.include({ attempts: 1, nextAttemptAt: new Date(failedAt.getTime() + 30_000).toISOString() });
    h.clock.advance(29_999); // past the outbox's own first back-off (at most 5 s), not yet past the operator's 30 s
    await h.outbox.drain();
    expect(attempts).to.have.length(1);
    h.clock.advance(1);
    await h.outbox.drain();
    const [delivered] = (await h.outboxItems.list(context, instance.id, 'delivered', { page: 1, perPage: 10 })).data;
    expect(delivered).to.deep.include({ id: pending!.id, attempts: 2 });
    expect(attempts.map((attempt) => attempt.key)).to.deep.equal([pending!.id, pending!.id]);
  });

  it('caps an operator’s wait at the outbox’s longest back-off', async () => {
    const { failedAt, pending } = await firstAttemptLimited('patient-notify', 86_400_000, { outboxBackoffMaxMs: 3_600_000 });
    expect(pending?.nextAttemptAt).to.equal(new Date(failedAt.getTime() + 3_600_000).toISOString());
  });
}
