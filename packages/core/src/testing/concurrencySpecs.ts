import { expect } from 'chai';
import { FlexrollError, SUSPENSION_REASONS, type SuspensionReason } from '@flexroll/sdk';
import { projectEnrollment } from '../enrollments/projectEnrollment.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { harnessOn } from './CoreHarness.js';
import { driveToActive } from './journeys.js';
import { SUZIE_CUSTOMER_INFO } from '../seeds/seedExamples.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const WRITERS = 50;

/** Many writers at once, through several harnesses on one store (several processes on one database). */
export function concurrencySpecs(store: () => StoreUnderTest): void {
  it(`keeps a gap-free, duplicate-free log when ${WRITERS} triggers race on one enrollment`, async () => {
    const h = harnessOn(store());
    const peers = [h, harnessOn(store(), h.clock), harnessOn(store(), h.clock)];
    const { context, instance } = await h.tenant();
    const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
    const pid = active.participation!.id;
    const outcomes = await Promise.allSettled(
      Array.from({ length: WRITERS }, (_, n) => {
        const reason = SUSPENSION_REASONS[n % SUSPENSION_REASONS.length] as SuspensionReason;
        const trigger = n % 3 === 2 ? 'suspension_cleared' : 'suspension_raised';
        return peers[n % peers.length]!.participations.trigger(context, pid, { trigger, suspensionReason: reason });
      }),
    );
    // A writer may also give up after the contention budget, with a 409 that says when to retry; nothing else.
    const refusedFairly = (reason: unknown) => FlexrollError.is(reason) && (reason.kind === 'illegal_transition' || (reason.code === 'enrollment_contended' && reason.retryAfterSeconds === 1));
    const unexpected = outcomes.filter((o) => o.status === 'rejected' && !refusedFairly(o.reason));
    expect(unexpected, 'only illegal transitions (and contended writers) may be refused').to.deep.equal([]);

    const events = await h.port(STORE_TOKENS.events).listForEnrollment(context.workspaceId, active.id, 0);
    expect(events.map((event) => event.seq)).to.deep.equal(events.map((_, index) => index + 1));
    expect(new Set(events.map((event) => event.id)).size).to.equal(events.length);
    const applied = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(events.length).to.equal(active.seq + applied);

    const lost = peers.flatMap((peer) => peer.logger.withMessage('lost the append race; deciding again on the newer state'));
    expect(lost.every((line) => line.meta.enrollmentId === active.id), 'each lost append is logged with its enrollment').to.equal(true);
    const final = await h.participations.find(context, pid);
    expect(projectEnrollment(undefined, events)).to.deep.equal(final.enrollment);
    const { state, suspensionReasons } = final.participation;
    expect(state === 'SUSPENDED' ? suspensionReasons.length > 0 : state === 'ACTIVE' && suspensionReasons.length === 0).to.equal(true);
  });

  it(`creates exactly one record when one idempotency key is used ${WRITERS} times at once`, async () => {
    const h = harnessOn(store());
    const peer = harnessOn(store(), h.clock);
    const { context, instance } = await h.tenant();
    let executions = 0;
    const request = { workspaceId: context.workspaceId, caller: 'key_1', key: 'enroll-suzie-2025', fingerprint: 'POST /enrollments {suzie}' };
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, (_, n) =>
        (n % 2 === 0 ? h : peer).idempotency.run(request, async (operation) => {
          executions++;
          const enrollment = await h.enrollments.create({ ...context, operation }, instance.id, SUZIE_CUSTOMER_INFO);
          return { status: 201, body: { id: enrollment.id } };
        }),
      ),
    );
    expect(executions).to.equal(1);
    expect(new Set(responses.map((response) => JSON.stringify(response.body))).size).to.equal(1);
    expect(responses.filter((response) => !response.replayed)).to.have.length(1);
    expect((await h.enrollments.list(context, instance.id, {}, { page: 1, perPage: 100 })).totalItems).to.equal(1);
    const reused = await h.idempotency.run({ ...request, fingerprint: 'POST /enrollments {other}' }, async () => ({ status: 201, body: {} })).catch((e: unknown) => e);
    expect(FlexrollError.is(reused) && reused.code).to.equal('idempotency_key_reused');
  });

  it('never applies one transition twice when two sweepers run at once', async () => {
    const h = harnessOn(store());
    const second = harnessOn(store(), h.clock);
    const { context, instance } = await h.tenant();
    const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
    h.clock.advance(25 * 3_600_000);
    await Promise.all([h.sweeps.runOnce(), second.sweeps.runOnce(), h.sweeps.runOnce(), second.sweeps.runOnce()]);
    const raised = await h.events.list(context, { enrollmentId: active.id, types: ['participation.state_changed'] }, { page: 1, perPage: 100 });
    const suspensions = raised.data.filter((event) => event.type === 'participation.state_changed' && event.data.trigger === 'suspension_raised');
    expect(suspensions).to.have.length(1);
  });
}
