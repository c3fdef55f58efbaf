import { expect } from 'chai';
import { EnrollmentLog } from '../enrollments/EnrollmentLog.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { suzieWithDevice } from '../seeds/seedExamples.js';
import { peersOn } from './devices.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

/** A hot enrollment: its writers take turns in each process, give up within a stated budget, and hold no one else up. */
export function contentionSpecs(storeName: string, store: () => StoreUnderTest): void {
  // Fewer on FerretDB, where each write takes tens of milliseconds; the queue's order is the same.
  const WRITERS = storeName.includes('mongo') ? 15 : 50;
  it(`queues ${WRITERS} concurrent writers of one enrollment in a process: all land, none loses a race to another`, async () => {
    const [h] = peersOn(store(), 1, { contentionBudgetMs: 60_000 });
    const { context, instance } = await h!.tenant();
    const enrollment = await h!.enrollments.create(context, instance.id, suzieWithDevice('SN-hot-1'));
    const outcomes = await Promise.allSettled(Array.from({ length: WRITERS }, (_, n) => h!.enrollments.update(context, enrollment.id, { changes: { tags: [`writer-${n}`] } })));
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).to.deep.equal([]);
    expect(h!.logger.withMessage('lost the append race; deciding again on the newer state'), 'no writer of this process lost to another').to.deep.equal([]);
    const events = await h!.port(STORE_TOKENS.events).listForEnrollment(context.workspaceId, enrollment.id, 0);
    expect(events.map((event) => event.seq)).to.deep.equal(Array.from({ length: WRITERS + 1 }, (_, i) => i + 1));
  });

  it('answers a writer that would wait past the budget with 409 enrollment_contended and Retry-After, changing nothing, while other enrollments go on', async () => {
    const [h] = peersOn(store(), 1, { contentionBudgetMs: 100 });
    const { context, instance } = await h!.tenant();
    const hot = await h!.enrollments.create(context, instance.id, suzieWithDevice('SN-hot-2'));
    const cool = await h!.enrollments.create(context, instance.id, suzieWithDevice('SN-cool-2'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const author = { actor: context.actor, source: 'test' };
    const holder = h!.container.get(EnrollmentLog).change(context.workspaceId, hot.id, author, async (change) => {
      await gate;
      change.add({ type: 'enrollment.updated', data: { changes: { tags: ['first'] }, previous: { tags: hot.tags ?? null } } });
    });
    const waiting = h!.enrollments.update(context, hot.id, { changes: { tags: ['second'] } }).catch((error: unknown) => error);
    const elsewhere = await h!.enrollments.update(context, cool.id, { changes: { tags: ['unaffected'] } });
    expect(elsewhere.tags, 'another enrollment is written while this one is held').to.deep.equal(['unaffected']);
    const refused = await waiting;
    expect(refused).to.include({ code: 'enrollment_contended', retryAfterSeconds: 1 });
    release();
    await holder;
    expect((await h!.enrollments.get(context, hot.id)).tags, 'only the writer in turn changed it').to.deep.equal(['first']);
  });
}
